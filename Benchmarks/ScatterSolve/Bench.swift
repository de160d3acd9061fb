import Foundation
import LatentLinearAlgebra
import LatentModels

/// The state of one benchmark run: machine facts, results, and the scikit-learn bridge.
struct Bench {
  let tasks: [BenchTask]
  let classes: Int
  let scalars: [ScalarChoice]
  let repeats: Int
  let sklearnRepeats: Int
  let explicitMaxD: Int
  var rows: [ResultRow] = []
  var loaderRows: [LoaderRow] = []
  var datasets: [DatasetInfo] = []
  var gemmPeak: [String: Double] = [:]
  var sklearn: Result<SklearnBridge, BenchError>
  /// python3 with PIL and numpy, for the loader rows.
  var pythonPeer: Result<PythonPeer, BenchError>
  let comparisonRefusal: String?
  let workDirectory: String
  var startedAt = Date()

  init(
    tasks: [BenchTask], classes: Int, scalars: [ScalarChoice], repeats: Int, sklearnRepeats: Int,
    compareSklearn: Bool, explicitMaxD: Int
  ) {
    self.tasks = tasks
    self.classes = classes
    self.scalars = scalars
    self.repeats = repeats
    self.sklearnRepeats = sklearnRepeats
    self.explicitMaxD = explicitMaxD
    self.sklearn = compareSklearn ? SklearnBridge.locate() : .failure(BenchError("not requested (--no-compare-sklearn)"))
    self.pythonPeer = compareSklearn ? PythonPeer.locate() : .failure(BenchError("not requested (--no-compare-sklearn)"))
    if OpenBLASRuntime.isUsingWeakerKernel {
      comparisonRefusal =
        "comparison refused: OpenBLAS runs its \(OpenBLASRuntime.kernelName) kernel but this CPU supports "
        + "\(OpenBLASRuntime.recommendedKernel ?? "a better one"); unset OPENBLAS_CORETYPE or set it to that kernel"
    } else {
      comparisonRefusal = nil
    }
    workDirectory = NSTemporaryDirectory() + "scatter-bench-\(getpid())"
    try? FileManager.default.createDirectory(atPath: workDirectory, withIntermediateDirectories: true)
  }

  // MARK: Header

  mutating func printHeader() {
    let cpu = CPUFeatures.current
    print("scatter-bench — \(ISO8601DateFormatter().string(from: startedAt))")
    print("CPU:      \(cpu?.modelName ?? "unknown") (\(cpu?.vendor ?? "?")), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(formatBytes(Memory.physicalBytes())) memory")
    print("OpenBLAS: kernel \(OpenBLASRuntime.kernelName), \(OpenBLASRuntime.threadCount) threads (\(OpenBLASRuntime.configuration))")
    if let refusal = comparisonRefusal { print("WARNING:  \(refusal)") }
    switch sklearn {
    case .success(let bridge): print("peer:     \(bridge.versions) via \(bridge.python)")
    case .failure(let error): print("peer:     scikit-learn \(error.description)")
    }
    switch pythonPeer {
    case .success(let peer): print("loaders:  \(peer.versions) via \(peer.python)")
    case .failure(let error): print("loaders:  PIL and numpy \(error.description)")
    }
    for scalar in scalars {
      let peak = Self.gemmPeak(scalar)
      gemmPeak[scalar.rawValue] = peak
      print("gemm peak (\(scalar.rawValue), n = 2000, best of 3): \(String(format: "%.1f", peak)) GFLOP/s")
    }
    print("")
  }

  static func gemmPeak(_ scalar: ScalarChoice) -> Double {
    func run<T: LinearAlgebraScalar>(_: T.Type) -> Double {
      let size = 2000
      let a = Matrix<T>(rowCount: size, columnCount: size) { i, j in T(Double((i * 7 + j * 13) % 17) / 17 - 0.5) }
      var best = 0.0
      for _ in 0..<4 {
        let start = monotonicSeconds()
        _ = try? a.multiplied(by: a)
        let seconds = monotonicSeconds() - start
        best = max(best, 2 * pow(Double(size), 3) / seconds / 1e9)
      }
      return best
    }
    return scalar == .float ? run(Float.self) : run(Double.self)
  }

  // MARK: The main grid

  mutating func runGrid(scalar: ScalarChoice, n: Int, d: Int) throws {
    switch scalar {
    case .float: try runGrid(Float.self, n: n, d: d, series: nil)
    default: try runGrid(Double.self, n: n, d: d, series: nil)
    }
  }

  /// Runs every task and implementation on synthetic data of n × d.
  mutating func runGrid<Scalar: LinearAlgebraScalar>(
    _: Scalar.Type, n: Int, d: Int, series: String?, only: Set<Implementation>? = nil, onlyTasks: [BenchTask]? = nil
  ) throws {
    let dataStart = monotonicSeconds()
    let synthetic = SyntheticData<Scalar>(samples: n, features: d, classes: classes)
    let data = BenchData(name: "synthetic", x: synthetic.x, labels: synthetic.labels, classes: classes)
    note("data synthetic \(data.scalarName) n=\(n) d=\(d) (\(formatBytes(data.bytes))) generated in \(formatSeconds(monotonicSeconds() - dataStart))")
    if series == nil, !datasets.contains(where: { $0.name == data.name && $0.n == n && $0.d == d }) {
      datasets.append(
        DatasetInfo(
          name: data.name, n: n, d: d, classes: (0..<classes).map { "class \($0)" },
          source: "seeded class-structured data: each sample is its class's mean pattern plus uniform noise"))
    }
    try runGrid(data, series: series, only: only, onlyTasks: onlyTasks)
  }

  /// Runs every task and implementation on one data set.
  mutating func runGrid<Scalar: LinearAlgebraScalar>(
    _ data: BenchData<Scalar>, series: String? = nil, only: Set<Implementation>? = nil, onlyTasks: [BenchTask]? = nil
  ) throws {
    let scalarName = data.scalarName
    let (n, d, classes) = (data.x.rowCount, data.x.columnCount, data.classes)
    let inputBytes = data.bytes
    let wanted = { (implementation: Implementation) in only?.contains(implementation) ?? true }

    // The dominant kernel alone, for the "within 2× of its kernel" figure.
    let kernel = measure(repeats: series == nil ? repeats : 1) { _ = data.x.gram() }

    // scikit-learn reads the same data from .npy files.
    var dataFiles: (x: String, y: String)?
    var wroteX = false
    if case .success = sklearn, comparisonRefusal == nil, wanted(.sklearn) {
      let file = "\(workDirectory)/\(data.fileStem)-x-\(scalarName)-\(n)-\(d).npy"
      let y = "\(workDirectory)/\(data.fileStem)-y-\(n).npy"
      let x = data.existingFile ?? file
      if data.existingFile == nil {
        try NumPyWriter.write(data.x, to: x)
        wroteX = true
      }
      try NumPyWriter.write(labels: data.labels, to: y)
      dataFiles = (x, y)
    }
    defer { if let dataFiles, wroteX { try? FileManager.default.removeItem(atPath: dataFiles.x) } }

    for task in onlyTasks ?? tasks {
      let components = task == .pca ? 2 : min(classes - 1, d)
      func row(_ implementation: Implementation) -> ResultRow {
        ResultRow(
          dataset: data.name, task: task.rawValue, implementation: implementation.rawValue, scalar: scalarName, n: n, d: d,
          classes: classes, inputBytes: inputBytes, series: series)
      }
      var projections: [Implementation: Matrix<Double>] = [:]

      // Times one of Latent's paths into `result`; its projection (in Double) for the agreement.
      func timeLatent(explicit: Bool, into result: inout ResultRow) throws -> (Timing, Matrix<Double>?) {
        var projection: Matrix<Scalar>?
        let timing = try measure(repeats: series == nil ? repeats : 1) {
          projection = try runLatent(task, x: data.x, labels: data.labels, components: components, explicit: explicit)
        }
        result.seconds = timing.seconds
        result.peakRSSBytes = timing.peakResidentBytes
        result.extraRSSBytes = timing.extraResidentBytes
        result.kernelSeconds = kernel.seconds
        return (timing, projection.map { Matrix<Double>(converting: $0) })
      }

      if wanted(.latent) {
        var result = row(.latent)
        do {
          let (timing, projection) = try timeLatent(explicit: false, into: &result)
          result.gflops = dominantFlops(task: task, n: n, d: d) / timing.seconds / 1e9
          result.peakShare = result.gflops! / (gemmPeak[scalarName] ?? .nan)
          projections[.latent] = projection
          if Scalar.self == Float.self, series == nil, let projection {
            // The same values in Double (exact conversion), fitted after the timed runs; a failing
            // reference fit leaves the column empty and the timed row as it is.
            let reference = try? runLatent(
              task, x: Matrix<Double>(converting: data.x), labels: data.labels, components: components, explicit: false)
            result.floatVsDouble = reference.map { projectionAgreement(projection, $0) }
          }
        } catch {
          result.skipped = "failed: \(error)"
        }
        record(result)
      }

      if wanted(.explicit) {
        var result = row(.explicit)
        let needed = explicitBytes(Scalar.self, d: d)
        if d > explicitMaxD || needed > Memory.physicalBytes() / 2 {
          result.skipped =
            needed > Memory.physicalBytes() / 2
            ? "d × d matrices need \(formatBytes(needed)) (over half of \(formatBytes(Memory.physicalBytes())))"
            : "d × d path costs O(d³): d = \(d) > --explicit-max-d \(explicitMaxD) (needs \(formatBytes(needed)))"
        } else {
          do {
            projections[.explicit] = try timeLatent(explicit: true, into: &result).1
          } catch {
            result.skipped = "failed: \(error)"
          }
        }
        record(result)
      }

      if wanted(.sklearn) {
        let peers: [(Implementation, String)] =
          switch task {
          case .ldaSVD: [(.sklearn, "lda-svd")]
          case .ldaShrinkage: [(.sklearn, "lda-shrinkage")]
          case .pca: [(.sklearn, "pca"), (.sklearnRandomized, "pca-randomized")]
          }
        for (implementation, script) in peers {
          var result = row(implementation)
          if let refusal = comparisonRefusal {
            result.skipped = refusal
          } else if case .failure(let error) = sklearn {
            result.skipped = error.description
          } else if case .success(let bridge) = sklearn, let files = dataFiles {
            // scikit-learn's eigen solver with shrinkage builds several d × d covariance matrices.
            let sklearnBytes = 6 * d * d * 8
            if task == .ldaShrinkage && (sklearnBytes > Memory.physicalBytes() / 2 || d > explicitMaxD) {
              result.skipped =
                "scikit-learn's eigen solver builds d × d matrices: needs about \(formatBytes(sklearnBytes))"
                + (d > explicitMaxD ? " and O(d³) time (d > \(explicitMaxD))" : "")
            } else {
              note("scikit-learn \(script) \(data.name) \(scalarName) n=\(n) d=\(d) …")
              do {
                let outcome = try bridge.run(
                  task: script, x: files.x, y: files.y, components: components, repeats: sklearnRepeats, directory: workDirectory)
                result.seconds = outcome.seconds
                result.peakRSSBytes = outcome.peakResidentBytes
                result.gflops = dominantFlops(task: task, n: n, d: d) / outcome.seconds / 1e9
                projections[implementation] = outcome.projection
              } catch {
                result.skipped = "failed: \(error)"
              }
            }
          }
          record(result)
        }
      }

      // Agreement: each projection against the best available reference.
      for index in rows.indices where rows[index].dataset == data.name && rows[index].task == task.rawValue
        && rows[index].n == n && rows[index].d == d && rows[index].scalar == scalarName && rows[index].series == series && rows[index].agreement == nil
      {
        guard let implementation = Implementation(rawValue: rows[index].implementation),
          let mine = projections[implementation]
        else { continue }
        let references: [Implementation] =
          switch implementation {
          case .latent: [.explicit, .sklearn]
          case .explicit: [.sklearn, .latent]
          case .sklearn: [.latent]
          case .sklearnRandomized: [.sklearn, .latent]
          }
        if let reference = references.first(where: { projections[$0] != nil }) {
          rows[index].agreement = projectionAgreement(mine, projections[reference]!)
          rows[index].agreementReference = reference.rawValue
        }
      }
    }
  }

  // MARK: Scaling series

  mutating func runSeries(dSeries: [Int], atN: Int, nSeries: [Int], atD: Int, peers allowPeers: Bool = true) throws {
    print("\nScaling series: lda-svd, Double (time vs d at n = \(atN); time vs n at d = \(atD))")
    let available = Memory.physicalBytes()
    for dValue in dSeries {
      // scikit-learn only where its run stays short (input up to 256 × 100,000).
      let peers: Set<Implementation> = allowPeers && atN * dValue <= 256 * 100_000 ? [.latent, .explicit, .sklearn] : [.latent, .explicit]
      try runGrid(Double.self, n: atN, d: dValue, series: "d", only: peers, onlyTasks: [.ldaSVD])
    }
    for nValue in nSeries where nValue > classes {
      let bytes = nValue * atD * 8
      guard bytes * 2 < available else {
        note("skipping n = \(nValue): its input (\(formatBytes(bytes))) would not fit twice in memory")
        continue
      }
      let peers: Set<Implementation> = allowPeers && nValue * atD <= 256 * 100_000 ? [.latent, .sklearn] : [.latent]
      try runGrid(Double.self, n: nValue, d: atD, series: "n", only: peers, onlyTasks: [.ldaSVD])
    }
    printTable(title: "Scaling series", series: true)
    for implementation in [Implementation.latent, .explicit, .sklearn] {
      for (series, key) in [("d", \ResultRow.d), ("n", \ResultRow.n)] {
        let points = rows.filter { $0.series == series && $0.implementation == implementation.rawValue && $0.seconds != nil }
          .map { (Double($0[keyPath: key]), $0.seconds!) }
        if points.count >= 3 {
          print("fitted slope of log(time) vs log(\(series)), \(implementation.rawValue): \(String(format: "%.2f", Self.slope(points))) over \(points.count) points")
        }
      }
    }
  }

  /// Least-squares slope of log(y) against log(x).
  static func slope(_ points: [(Double, Double)]) -> Double {
    let logs = points.map { (log($0.0), log($0.1)) }
    let meanX = logs.map(\.0).reduce(0, +) / Double(logs.count)
    let meanY = logs.map(\.1).reduce(0, +) / Double(logs.count)
    let covariance = logs.reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) }
    let variance = logs.reduce(0) { $0 + ($1.0 - meanX) * ($1.0 - meanX) }
    return covariance / variance
  }

  // MARK: Output

  mutating func record(_ row: ResultRow) {
    rows.append(row)
    if let skipped = row.skipped {
      note("\(row.dataset) \(row.task) \(row.implementation) \(row.scalar) n=\(row.n) d=\(row.d): \(skipped)")
    } else if let seconds = row.seconds {
      note("\(row.dataset) \(row.task) \(row.implementation) \(row.scalar) n=\(row.n) d=\(row.d): \(formatSeconds(seconds))")
    }
  }

  func note(_ text: String) {
    FileHandle.standardError.write(Data("  … \(text)\n".utf8))
  }

  func printTable(title: String, series: Bool = false) {
    let selected = rows.filter { series ? $0.series != nil : $0.series == nil }
    guard !selected.isEmpty else { return }
    print("\n\(title)")
    let header = [
      "dataset", "task", "implementation", "scalar", "n", "d", "time", "GFLOP/s", "% peak", "vs kernel", "peak RSS", "RSS/input",
      "working", "agreement", "float vs double",
    ]
    var table = [header]
    for row in selected {
      if let skipped = row.skipped {
        table.append([row.dataset, row.task, row.implementation, row.scalar, String(row.n), String(row.d), "skipped: \(skipped)"])
        continue
      }
      let seconds = row.seconds ?? .nan
      table.append([
        row.dataset, row.task, row.implementation, row.scalar, String(row.n), String(row.d), formatSeconds(seconds),
        row.gflops.map { String(format: "%.1f", $0) } ?? "–",
        row.peakShare.map { String(format: "%.0f%%", 100 * $0) } ?? "–",
        row.kernelSeconds.map { String(format: "%.2f×", seconds / $0) } ?? "–",
        row.peakRSSBytes.map(formatBytes) ?? "–",
        row.peakRSSBytes.map { String(format: "%.2f", Double($0) / Double(row.inputBytes)) } ?? "–",
        row.extraRSSBytes.map(formatBytes) ?? "–",
        row.agreement.map { String(format: "%.1e vs %@", $0, row.agreementReference ?? "?") } ?? "–",
        row.floatVsDouble.map { String(format: "%.1e", $0) } ?? "–",
      ])
    }
    printAligned(table, columns: header.count)
  }

  /// Prints a table with its columns aligned. The last cell of a shorter line (a skipped row's
  /// reason) runs on unpadded and does not widen its column.
  func printAligned(_ table: [[String]], columns: Int) {
    var widths = [Int](repeating: 0, count: columns)
    for line in table {
      for (k, cell) in line.enumerated() where line.count == columns || k < line.count - 1 {
        widths[k] = max(widths[k], cell.count)
      }
    }
    for line in table {
      let cells = line.enumerated().map { k, cell in
        line.count == columns || k < line.count - 1 ? cell + String(repeating: " ", count: widths[k] - cell.count) : cell
      }
      print(cells.joined(separator: "  "))
    }
  }

  func writeJSON(to path: String) throws {
    struct Document: Encodable {
      var machine: [String: String]
      var gemmPeakGflops: [String: Double]
      var results: [ResultRow]
      var loaders: [LoaderRow]
      var datasets: [DatasetInfo]
      enum CodingKeys: String, CodingKey {
        case machine
        case gemmPeakGflops = "gemm_peak_gflops"
        case results, loaders, datasets
      }
    }
    let cpu = CPUFeatures.current
    var machine = [
      "cpu": cpu?.modelName ?? "unknown", "openblas_kernel": OpenBLASRuntime.kernelName,
      "openblas_threads": String(OpenBLASRuntime.threadCount), "memory_bytes": String(Memory.physicalBytes()),
      "date": ISO8601DateFormatter().string(from: startedAt),
    ]
    if case .success(let bridge) = sklearn { machine["peer"] = bridge.versions }
    if case .success(let peer) = pythonPeer { machine["loader_peer"] = peer.versions }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let data = try encoder.encode(Document(machine: machine, gemmPeakGflops: gemmPeak, results: rows, loaders: loaderRows, datasets: datasets))
    let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
    try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
    guard FileManager.default.createFile(atPath: path, contents: data) else { throw BenchError("cannot write \(path)") }
    print("\nJSON written to \(path)")
  }
}
