import Foundation
import LatentData
import LatentLinearAlgebra

/// Runs Benchmarks/scripts/sklearn_bench.py with python3, one task per process.
struct SklearnBridge {
  let python: String
  let script: String
  let versions: String

  /// Finds python3 with scikit-learn and numpy, or explains why not.
  static func locate() -> Result<SklearnBridge, BenchError> {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("scripts/sklearn_bench.py").path
    guard FileManager.default.fileExists(atPath: script) else {
      return .failure(BenchError("not available: \(script) is missing (run scatter-bench from a source checkout)"))
    }
    guard let python = which("python3") else { return .failure(BenchError("not available: python3 is not on PATH")) }
    let probe = run(python, ["-c", "import sklearn, numpy; print(sklearn.__version__, numpy.__version__)"])
    guard probe.status == 0 else {
      return .failure(BenchError("not available: python3 cannot import scikit-learn (pip install scikit-learn==1.9.1)"))
    }
    let parts = probe.output.split(separator: " ")
    let versions = parts.count == 2 ? "scikit-learn \(parts[0]), numpy \(parts[1].trimmingCharacters(in: .whitespacesAndNewlines))" : probe.output
    return .success(SklearnBridge(python: python, script: script, versions: versions))
  }

  struct Outcome {
    var seconds: Double
    var peakResidentBytes: Int
    var blas: String
    var projection: Matrix<Double>
  }

  /// Runs one task on the data files; the projection comes back through a .npy file.
  func run(task: String, x: String, y: String, components: Int, repeats: Int, directory: String) throws -> Outcome {
    let out = "\(directory)/sklearn-\(task)-\(UUID().uuidString).json"
    let result = Self.run(python, [
      script, "--task", task, "--x", x, "--y", y, "--components", String(components), "--repeats", String(repeats), "--out", out,
    ])
    guard result.status == 0 else {
      let lastLine = result.output.split(separator: "\n").last.map(String.init) ?? "exit \(result.status)"
      throw BenchError("scikit-learn failed: \(lastLine)")
    }
    guard let data = FileManager.default.contents(atPath: out),
      let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
      let seconds = object["seconds"] as? Double, let peak = object["peak_rss_bytes"] as? Int
    else { throw BenchError("scikit-learn wrote no readable result to \(out)") }
    let projection: Matrix<Double> = try NumPyArray.read(contentsOf: out + ".npy").matrix()
    try? FileManager.default.removeItem(atPath: out)
    try? FileManager.default.removeItem(atPath: out + ".npy")
    return Outcome(seconds: seconds, peakResidentBytes: peak, blas: object["blas"] as? String ?? "unknown", projection: projection)
  }

  static func which(_ program: String) -> String? {
    for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
      let path = "\(directory)/\(program)"
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
  }

  /// Runs a program to completion, returning its exit status and its combined output.
  static func run(_ program: String, _ arguments: [String]) -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    // numpy ships its own, newer OpenBLAS that chooses its kernel correctly; a core type set
    // for Debian's older library would slow it down (or pick a kernel it handles differently).
    environment.removeValue(forKey: "OPENBLAS_CORETYPE")
    environment.removeValue(forKey: "OPENBLAS_L2_SIZE")
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do {
      try process.run()
    } catch {
      return (127, "cannot start \(program): \(error)")
    }
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
  }
}
