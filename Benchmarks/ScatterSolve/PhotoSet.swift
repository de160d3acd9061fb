import Foundation
import LatentData
import LatentLinearAlgebra

/// A folder of JPEG photographs rendered from Debian's Fashion-MNIST, built offline and
/// reproducibly, one subfolder per class, for the benchmark's real-photo rows.
///
/// Recipe (version ``recipeVersion``): photo `i` of a class is the class's `i`-th item in
/// Fashion-MNIST's training file, rendered with a SplitMix64 stream seeded by the recipe
/// version, the class's label index and `i`:
/// - a canvas of 380…520 × 280…400 pixels (RGB);
/// - a background colour with a soft linear gradient (each channel changes by up to ±48
///   across the canvas, in a random direction);
/// - the 28 × 28 item upscaled bilinearly into a box of 80…100 % of each side at a random
///   place, its intensity blending a random foreground colour over the background;
/// - uniform noise of ±3 levels per pixel, as a sensor would add;
/// - saved with LatentData's `ImageWriter` as JPEG at a quality of 85…95.
///
/// The folder holds `scatter-bench-photos.txt`, a manifest with the recipe version and the
/// number of complete photos per class; a later run reuses every class the manifest lists
/// with enough photos under the same recipe and renders the rest.
struct PhotoSet {
  /// Bump when the rendering changes, so that caches built by an older recipe are rebuilt.
  static let recipeVersion = 1
  static let manifestName = "scatter-bench-photos.txt"
  /// The order in which `--classes` takes Fashion-MNIST's classes: the four easily confused
  /// ones first, then the rest.
  static let classOrder = [
    "T-shirt/top", "Pullover", "Coat", "Shirt", "Dress", "Trouser", "Sandal", "Sneaker", "Bag", "Ankle boot",
  ]

  /// The cache folder.
  let folder: String
  /// Fashion-MNIST class names.
  let classes: [String]
  /// Photos per class.
  let perClass: Int

  init(folder: String, classCount: Int, perClass: Int) {
    self.folder = folder
    self.classes = Array(Self.classOrder.prefix(classCount))
    self.perClass = perClass
  }

  /// A class's subfolder name ("T-shirt/top" → "t-shirt-top").
  static func folderName(_ className: String) -> String {
    className.lowercased().replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: " ", with: "-")
  }

  var folderNames: [String] { classes.map(Self.folderName) }

  /// The file of photo `index` of a class.
  func path(className: String, index: Int) -> String {
    "\(folder)/\(Self.folderName(className))/\(String(format: "%05d", index)).jpg"
  }

  // MARK: Manifest

  /// Complete photo counts per class folder, when the folder was built by this recipe.
  private func readManifest() throws -> [String: Int]? {
    let path = "\(folder)/\(Self.manifestName)"
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
      if !entries.filter({ !$0.hasPrefix(".") }).isEmpty {
        throw BenchError(
          "\(folder) is not empty and has no \(Self.manifestName), so it is not a scatter-bench photo set; "
            + "choose another --photo-cache or empty it")
      }
      return nil
    }
    var counts: [String: Int] = [:]
    var recipe: Int?
    for line in text.split(separator: "\n") {
      let parts = line.split(separator: " ")
      guard parts.count == 2, let value = Int(parts[1]) else { continue }
      if parts[0] == "recipe" { recipe = value } else { counts[String(parts[0])] = value }
    }
    return recipe == Self.recipeVersion ? counts : nil
  }

  private func writeManifest(_ counts: [String: Int]) throws {
    var text = "scatter-bench photo set: Fashion-MNIST items rendered as JPEG photographs\nrecipe \(Self.recipeVersion)\n"
    for name in counts.keys.sorted() { text += "\(name) \(counts[name]!)\n" }
    guard FileManager.default.createFile(atPath: "\(folder)/\(Self.manifestName)", contents: Data(text.utf8)) else {
      throw BenchError("cannot write \(folder)/\(Self.manifestName)")
    }
  }

  // MARK: Building

  /// Makes sure the folder holds the first `perClass` photos of every class, rendering what is
  /// missing. Returns how many photos were rendered (0 when the cache was complete).
  func prepare() throws -> Int {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    var counts = try readManifest() ?? [:]
    let missing = classes.filter { (counts[Self.folderName($0)] ?? 0) < perClass }
    guard !missing.isEmpty else { return 0 }
    // The classes being rendered leave the manifest first, so that an interrupted build is redone.
    for name in missing { counts[Self.folderName(name)] = nil }
    try writeManifest(counts)

    let fashion: TrainTestSplit<Double> = try FashionMNIST.load(classes: missing, trainPerClass: perClass, testPerClass: 0)
    var jobs: [(className: String, label: Int, index: Int, item: [UInt8])] = []
    for (k, name) in missing.enumerated() {
      try FileManager.default.createDirectory(atPath: "\(folder)/\(Self.folderName(name))", withIntermediateDirectories: true)
      let label = try FashionMNIST.classIndex(name)
      for index in 0..<perClass {
        let row = fashion.train.samples.row(k * perClass + index)
        jobs.append((name, label, index, row.map { UInt8(max(0, min(255, ($0 * 255).rounded()))) }))
      }
    }
    let failures = FailureList()
    let work = jobs
    DispatchQueue.concurrentPerform(iterations: work.count) { j in
      let job = work[j]
      let photo = Self.render(item: job.item, seed: Self.seed(label: job.label, index: job.index))
      do {
        try ImageWriter.write(
          photo.pixels, width: photo.width, height: photo.height, channels: 3,
          to: path(className: job.className, index: job.index), format: .jpeg(quality: photo.quality))
      } catch {
        failures.append("\(path(className: job.className, index: job.index)): \(error)")
      }
    }
    if let first = failures.first { throw BenchError("cannot write the photo set: \(first)") }
    for name in missing { counts[Self.folderName(name)] = perClass }
    try writeManifest(counts)
    return work.count
  }

  static func seed(label: Int, index: Int) -> UInt64 {
    (UInt64(recipeVersion) << 56) ^ (UInt64(label) << 40) ^ UInt64(index) ^ 0x5CA7_7E12_B3C4_0000
  }

  /// Renders one 28 × 28 item (bytes, row-major) as an RGB photograph; see the type's recipe.
  static func render(item: [UInt8], seed: UInt64) -> (pixels: [UInt8], width: Int, height: Int, quality: Int) {
    var random = SplitMix64(seed: seed)
    let width = 380 + random.below(141)
    let height = 280 + random.below(121)
    let foreground = (0..<3).map { _ in 255 * random.unit() }
    let background = (0..<3).map { _ in 255 * random.unit() }
    let gradient = (0..<3).map { _ in 96 * (random.unit() - 0.5) }
    let angle = 2 * Double.pi * random.unit()
    let (gx, gy) = (cos(angle), sin(angle))
    let boxWidth = Double(width) * (0.8 + 0.2 * random.unit())
    let boxHeight = Double(height) * (0.8 + 0.2 * random.unit())
    let left = (Double(width) - boxWidth) * random.unit()
    let top = (Double(height) - boxHeight) * random.unit()
    let quality = 85 + random.below(11)

    // The item's value at grid point (i, j), zero outside the grid.
    @inline(__always) func value(_ i: Int, _ j: Int) -> Double {
      i >= 0 && i < 28 && j >= 0 && j < 28 ? Double(item[i * 28 + j]) : 0
    }
    var pixels = [UInt8](repeating: 0, count: width * height * 3)
    for y in 0..<height {
      // Pixel centres mapped to the item's grid (centres at 0…27).
      let v = (Double(y) + 0.5 - top) / boxHeight * 28 - 0.5
      let i = Int(v.rounded(.down))
      let fv = v - Double(i)
      for x in 0..<width {
        let u = (Double(x) + 0.5 - left) / boxWidth * 28 - 0.5
        let j = Int(u.rounded(.down))
        let fu = u - Double(j)
        let intensity =
          (1 - fv) * ((1 - fu) * value(i, j) + fu * value(i, j + 1)) + fv * ((1 - fu) * value(i + 1, j) + fu * value(i + 1, j + 1))
        let alpha = intensity / 255
        let t = (Double(x) / Double(width) - 0.5) * gx + (Double(y) / Double(height) - 0.5) * gy
        let noise = 6 * (random.unit() - 0.5)
        for c in 0..<3 {
          let shade = (background[c] + gradient[c] * t) * (1 - alpha) + foreground[c] * alpha + noise
          pixels[(y * width + x) * 3 + c] = UInt8(max(0, min(255, shade.rounded())))
        }
      }
    }
    return (pixels, width, height, quality)
  }

  // MARK: Loading

  /// Loads the photos with LatentData's `ImageFolder` (grayscale, resized to `size`): the
  /// samples class by class and each row's class index in `classes`.
  func load(size: ImageSize) throws -> (x: Matrix<Double>, labels: [Int]) {
    // A progress callback of its own keeps the loader's progress display off the benchmark's
    // output; this one does nothing.
    let split: TrainTestSplit<Double> = try ImageFolder(path: folder, size: size, rgb: false)
      .load(classes: folderNames, trainPerClass: perClass, testPerClass: 0, progress: { _, _ in })
    if let skipped = split.skipped.first { throw BenchError("the photo set has an unreadable file: \(skipped)") }
    let names = folderNames
    return (split.train.samples, split.train.labels.map { names.firstIndex(of: $0)! })
  }
}

/// SplitMix64: a small seeded generator whose stream is the same on every machine.
struct SplitMix64 {
  var state: UInt64
  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in [0, 1).
  mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

  /// Uniform in 0..<bound (bound small: the modulo bias is negligible).
  mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

/// Error messages collected from concurrent work.
final class FailureList: @unchecked Sendable {
  private let lock = NSLock()
  private var messages: [String] = []

  func append(_ message: String) {
    lock.lock()
    messages.append(message)
    lock.unlock()
  }

  var first: String? {
    lock.lock()
    defer { lock.unlock() }
    return messages.first
  }
}
