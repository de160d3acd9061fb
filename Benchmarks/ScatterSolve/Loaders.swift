import Foundation
import LatentData
import LatentLinearAlgebra

/// One loader row: reading a data set into a matrix of doubles, by LatentData or by its
/// Python peer (PIL for image folders, `numpy.load` for `.npy` files).
struct LoaderRow: Codable, Sendable {
  var dataset: String
  /// "latent-image-folder", "pil", "latent-npy" or "numpy-load".
  var loader: String
  /// What is read: "jpeg" (a folder of images) or "npy" (one file).
  var format: String
  /// Files read (images, or 1 for a .npy file).
  var files: Int
  /// The matrix read: rows and columns.
  var n: Int
  var d: Int
  /// Bytes on disk.
  var fileBytes: Int
  var seconds: Double?
  var allSeconds: [Double]?
  var imagesPerSecond: Double?
  /// This row's time over its peer's (the other loader of the same input): below 1 is faster.
  var vsPeer: Double?
  var peer: String?
  /// PIL rows: the largest and the mean absolute difference of its pixels from LatentData's.
  var maxAbsDifference: Double?
  var meanAbsDifference: Double?
  var skipped: String?

  enum CodingKeys: String, CodingKey {
    case dataset, loader, format, files, n, d
    case fileBytes = "file_bytes"
    case seconds
    case allSeconds = "all_seconds"
    case imagesPerSecond = "images_per_second"
    case vsPeer = "vs_peer"
    case peer
    case maxAbsDifference = "max_abs_difference"
    case meanAbsDifference = "mean_abs_difference"
    case skipped
  }

  /// Encodes nil as JSON null, as the result rows do.
  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(dataset, forKey: .dataset)
    try c.encode(loader, forKey: .loader)
    try c.encode(format, forKey: .format)
    try c.encode(files, forKey: .files)
    try c.encode(n, forKey: .n)
    try c.encode(d, forKey: .d)
    try c.encode(fileBytes, forKey: .fileBytes)
    try c.encode(seconds, forKey: .seconds)
    try c.encode(allSeconds, forKey: .allSeconds)
    try c.encode(imagesPerSecond, forKey: .imagesPerSecond)
    try c.encode(vsPeer, forKey: .vsPeer)
    try c.encode(peer, forKey: .peer)
    try c.encode(maxAbsDifference, forKey: .maxAbsDifference)
    try c.encode(meanAbsDifference, forKey: .meanAbsDifference)
    try c.encode(skipped, forKey: .skipped)
  }
}

/// python3 with numpy and PIL, for the loader rows' peers (Benchmarks/scripts/pil_load.py and
/// npy_load.py, one process per row).
struct PythonPeer {
  let python: String
  let scripts: String
  let versions: String

  static func locate() -> Result<PythonPeer, BenchError> {
    let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("scripts").path
    guard FileManager.default.fileExists(atPath: "\(scripts)/pil_load.py") else {
      return .failure(BenchError("not available: \(scripts)/pil_load.py is missing (run scatter-bench from a source checkout)"))
    }
    guard let python = SklearnBridge.which("python3") else { return .failure(BenchError("not available: python3 is not on PATH")) }
    let probe = SklearnBridge.run(python, ["-c", "import PIL, numpy; print(PIL.__version__, numpy.__version__)"])
    guard probe.status == 0 else { return .failure(BenchError("not available: python3 cannot import PIL and numpy (pip install pillow numpy)")) }
    let parts = probe.output.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    let versions = parts.count == 2 ? "Pillow \(parts[0]), numpy \(parts[1])" : probe.output
    return .success(PythonPeer(python: python, scripts: scripts, versions: versions))
  }

  /// Runs one script; it writes its result as JSON to the file given after `--out`.
  func run(_ script: String, _ arguments: [String], directory: String) throws -> [String: Any] {
    let out = "\(directory)/\(script)-\(UUID().uuidString).json"
    let result = SklearnBridge.run(python, ["\(scripts)/\(script)"] + arguments + ["--out", out])
    guard result.status == 0 else {
      let lastLine = result.output.split(separator: "\n").last.map(String.init) ?? "exit \(result.status)"
      throw BenchError("\(script) failed: \(lastLine)")
    }
    defer { try? FileManager.default.removeItem(atPath: out) }
    guard let data = FileManager.default.contents(atPath: out),
      let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { throw BenchError("\(script) wrote no readable result to \(out)") }
    return object
  }
}

/// Labels given by the user: a .npy of integers or a text file with one label per line.
/// Returns each row's class index and the class names (integers in numeric order, other
/// names sorted).
func readLabels(_ path: String) throws -> (indices: [Int], names: [String]) {
  let names: [String]
  if path.hasSuffix(".npy") {
    names = try NumPyArray.read(contentsOf: path).integers().map(String.init)
  } else {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw BenchError("cannot read labels from \(path)") }
    names = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }
  var distinct = Array(Set(names))
  let numeric = distinct.allSatisfy { Int($0) != nil }
  distinct.sort { numeric ? Int($0)! < Int($1)! : $0 < $1 }
  let index = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($0.element, $0.offset) })
  return (names.map { index[$0]! }, distinct)
}

/// Bytes of a file on disk, or 0.
func fileBytes(_ path: String) -> Int {
  ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
}

/// Times `body` `repeats` times; the median and all the samples.
func timeRepeated(_ repeats: Int, _ body: () throws -> Void) rethrows -> (seconds: Double, all: [Double]) {
  var samples: [Double] = []
  for _ in 0..<max(1, repeats) {
    let start = monotonicSeconds()
    try body()
    samples.append(monotonicSeconds() - start)
  }
  return (median(samples), samples)
}

extension Bench {
  /// The image-loader rows: LatentData's `ImageFolder` against PIL on the photo folder.
  /// `firstLoad` is the untimed-as-a-row load that produced the data (it warms the page cache).
  /// `compare` is a float64 .npy of LatentData's pixels, for the PIL row's differences.
  mutating func runImageLoaders(photos: PhotoSet, size: ImageSize, n: Int, compare: String?) {
    let files = photos.classes.count * photos.perClass
    let bytes = photos.classes.flatMap { name in (0..<photos.perClass).map { photos.path(className: name, index: $0) } }
      .reduce(0) { $0 + fileBytes($1) }
    func row(_ loader: String) -> LoaderRow {
      LoaderRow(dataset: "photos", loader: loader, format: "jpeg", files: files, n: n, d: size.width * size.height, fileBytes: bytes)
    }
    var latent = row("latent-image-folder")
    do {
      let timing = try timeRepeated(repeats) { _ = try photos.load(size: size) }
      latent.seconds = timing.seconds
      latent.allSeconds = timing.all
      latent.imagesPerSecond = Double(files) / timing.seconds
    } catch {
      latent.skipped = "failed: \(error)"
    }
    var pil = row("pil")
    switch pythonPeer {
    case .failure(let error): pil.skipped = error.description
    case .success(let peer):
      note("PIL load of \(files) photos …")
      do {
        var arguments = [
          "--folder", photos.folder, "--classes", photos.folderNames.joined(separator: ","), "--per-class", String(photos.perClass),
          "--width", String(size.width), "--height", String(size.height), "--repeats", String(repeats),
        ]
        if let compare { arguments += ["--compare", compare] }
        let object = try peer.run("pil_load.py", arguments, directory: workDirectory)
        guard let seconds = object["seconds"] as? Double else { throw BenchError("pil_load.py reported no seconds") }
        pil.seconds = seconds
        pil.allSeconds = object["all_seconds"] as? [Double]
        pil.imagesPerSecond = Double(files) / seconds
        pil.maxAbsDifference = object["max_abs_difference"] as? Double
        pil.meanAbsDifference = object["mean_abs_difference"] as? Double
      } catch {
        pil.skipped = "failed: \(error)"
      }
    }
    pairRatios(&latent, &pil)
    recordLoader(latent)
    recordLoader(pil)
  }

  /// The .npy rows: LatentData's `NumPyArray` (read and `matrix()` in Double) against
  /// `numpy.load` of the same file.
  mutating func runNumPyLoaders(dataset: String, path: String) {
    let bytes = fileBytes(path)
    func row(_ loader: String) -> LoaderRow {
      LoaderRow(dataset: dataset, loader: loader, format: "npy", files: 1, n: 0, d: 0, fileBytes: bytes)
    }
    var latent = row("latent-npy")
    do {
      var shape = (0, 0)
      // One untimed read first, as the peer's warm-up.
      let first: Matrix<Double> = try NumPyArray.read(contentsOf: path).matrix()
      shape = (first.rowCount, first.columnCount)
      let timing = try timeRepeated(repeats) {
        let matrix: Matrix<Double> = try NumPyArray.read(contentsOf: path).matrix()
        shape = (matrix.rowCount, matrix.columnCount)
      }
      latent.seconds = timing.seconds
      latent.allSeconds = timing.all
      (latent.n, latent.d) = shape
    } catch {
      latent.skipped = "failed: \(error)"
    }
    var numpy = row("numpy-load")
    (numpy.n, numpy.d) = (latent.n, latent.d)
    switch pythonPeer {
    case .failure(let error): numpy.skipped = error.description
    case .success(let peer):
      note("numpy.load of \(path) …")
      do {
        let object = try peer.run("npy_load.py", ["--x", path, "--repeats", String(repeats)], directory: workDirectory)
        guard let seconds = object["seconds"] as? Double else { throw BenchError("npy_load.py reported no seconds") }
        numpy.seconds = seconds
        numpy.allSeconds = object["all_seconds"] as? [Double]
        if let shape = object["shape"] as? [Int], shape.count >= 1 {
          numpy.n = shape[0]
          numpy.d = shape.dropFirst().reduce(1, *)
        }
      } catch {
        numpy.skipped = "failed: \(error)"
      }
    }
    pairRatios(&latent, &numpy)
    recordLoader(latent)
    recordLoader(numpy)
  }

  private func pairRatios(_ a: inout LoaderRow, _ b: inout LoaderRow) {
    guard let sa = a.seconds, let sb = b.seconds else { return }
    a.vsPeer = sa / sb
    a.peer = b.loader
    b.vsPeer = sb / sa
    b.peer = a.loader
  }

  mutating func recordLoader(_ row: LoaderRow) {
    loaderRows.append(row)
    if let skipped = row.skipped {
      note("\(row.dataset) \(row.loader): \(skipped)")
    } else if let seconds = row.seconds {
      note("\(row.dataset) \(row.loader) (\(row.files) \(row.format) files): \(formatSeconds(seconds))")
    }
  }

  func printLoaderTable() {
    guard !loaderRows.isEmpty else { return }
    print("\nLoaders (to a Double matrix; median of \(repeats) after a warm-up)")
    let header = ["dataset", "loader", "files", "n", "d", "on disk", "time", "images/s", "vs peer", "pixels vs latent (max, mean)"]
    var table = [header]
    for row in loaderRows {
      if let skipped = row.skipped {
        table.append([row.dataset, row.loader, String(row.files), String(row.n), String(row.d), formatBytes(row.fileBytes), "skipped: \(skipped)"])
        continue
      }
      table.append([
        row.dataset, row.loader, String(row.files), String(row.n), String(row.d), formatBytes(row.fileBytes),
        row.seconds.map(formatSeconds) ?? "–",
        row.format == "jpeg" ? row.imagesPerSecond.map { String(format: "%.0f", $0) } ?? "–" : "–",
        row.vsPeer.map { String(format: "%.2f× %@", $0, row.peer ?? "") } ?? "–",
        row.maxAbsDifference.map { String(format: "%.3f, %.4f", $0, row.meanAbsDifference ?? .nan) } ?? "–",
      ])
    }
    printAligned(table, columns: header.count)
  }
}
