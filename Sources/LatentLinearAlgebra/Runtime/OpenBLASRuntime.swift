import COpenBLAS

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// The OpenBLAS library this process loaded: its kernel, its threads, and
/// whether the kernel is the best this CPU supports.
///
/// OpenBLAS built with `DYNAMIC_ARCH` (as Debian's is) chooses a CPU-specific
/// kernel once, when the library is loaded. On a CPU newer than the library,
/// it falls back to a generic kernel: Debian bookworm's OpenBLAS 0.3.21 runs
/// its Prescott kernel on Intel's Sapphire Rapids and is about 4× slower than
/// with `OPENBLAS_CORETYPE=Cooperlake`. Because the choice is made before
/// `main` runs, it can only be changed by setting `OPENBLAS_CORETYPE` before the
/// process starts:
///
/// ```swift
/// print(OpenBLASRuntime.kernelName)        // "Prescott"
/// print(OpenBLASRuntime.kernelAdvice ?? "kernel is fine")
/// // Executables can fix it themselves, first thing in main:
/// OpenBLASRuntime.restartWithBestKernelIfNeeded(programName: "my-tool")
/// ```
public enum OpenBLASRuntime {
  /// The name of the kernel OpenBLAS chose, such as "Haswell", "Zen" or "Prescott".
  public static var kernelName: String {
    guard let name = openblas_get_corename() else { return "unknown" }
    return String(cString: name)
  }

  /// OpenBLAS's build configuration string, such as
  /// "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64".
  public static var configuration: String {
    guard let text = openblas_get_config() else { return "unknown" }
    return String(cString: text)
  }

  /// The number of threads OpenBLAS uses for one call.
  public static var threadCount: Int { Int(openblas_get_num_threads()) }

  /// The number of processors OpenBLAS sees.
  public static var processorCount: Int { Int(openblas_get_num_procs()) }

  /// Sets the number of threads OpenBLAS uses for each call (at least 1).
  ///
  /// Affects the whole process. Equivalent to starting with `OPENBLAS_NUM_THREADS`.
  public static func setThreadCount(_ count: Int) {
    openblas_set_num_threads(Int32(clamping: Swift.max(1, count)))
  }

  /// The value of `OPENBLAS_CORETYPE` this process started with, if any.
  public static var coreTypeOverride: String? {
    guard let value = getenv(coreTypeVariable) else { return nil }
    let text = String(cString: value)
    return text.isEmpty ? nil : text
  }

  /// The best OpenBLAS kernel this CPU supports, from its feature flags, or
  /// `nil` when OpenBLAS's own choice should stand.
  public static var recommendedKernel: String? {
    CPUFeatures.current.map(KernelChoice.recommended(for:)) ?? nil
  }

  /// Whether OpenBLAS runs a kernel known to be weaker than the best this CPU supports,
  /// whoever chose it (OpenBLAS's fallback or an `OPENBLAS_CORETYPE` setting).
  /// Benchmarks use it to refuse comparisons made with a crippled kernel.
  public static var isUsingWeakerKernel: Bool {
    guard let better = recommendedKernel else { return false }
    return KernelChoice.isWeaker(kernelName, than: better)
  }

  /// A sentence explaining how to get a faster kernel when OpenBLAS chose a
  /// weaker one than the CPU supports and `OPENBLAS_CORETYPE` was not set;
  /// `nil` when the kernel is already the best (or was chosen by the user).
  public static var kernelAdvice: String? {
    guard coreTypeOverride == nil, let better = recommendedKernel,
      KernelChoice.isWeaker(kernelName, than: better)
    else { return nil }
    return
      "OpenBLAS chose its \(kernelName) kernel but this CPU supports \(better); "
      + "start the process with OPENBLAS_CORETYPE=\(better) for up to 4× faster BLAS."
  }

  /// Restarts the current executable with the best kernel when OpenBLAS chose
  /// a weaker one and the user did not set `OPENBLAS_CORETYPE`.
  ///
  /// Call it first thing in `main`, before printing anything or starting
  /// threads: the process image is replaced by a new one (same arguments,
  /// same standard streams, the environment plus `OPENBLAS_CORETYPE`) and
  /// everything done before the call is lost. When it restarts, it writes one
  /// line to standard error saying so. It never overrides a value the user set,
  /// and the variable it sets guarantees a single restart.
  ///
  /// - Parameter programName: the prefix of the line on standard error.
  public static func restartWithBestKernelIfNeeded(programName: String) {
    guard coreTypeOverride == nil, let better = recommendedKernel,
      KernelChoice.isWeaker(kernelName, than: better)
    else { return }
    let message =
      "\(programName): OpenBLAS chose its generic \(kernelName) kernel on this CPU; "
      + "restarting with OPENBLAS_CORETYPE=\(better) (set OPENBLAS_CORETYPE yourself to choose another).\n"
    writeStandardError(message)
    setenv(coreTypeVariable, better, 1)
    execv("/proc/self/exe", CommandLine.unsafeArgv)
    // execv returns only on failure: carry on with the slower kernel.
    writeStandardError("\(programName): restart failed (errno \(errno)); continuing with the \(kernelName) kernel.\n")
    unsetenv(coreTypeVariable)
  }

  /// Replaces this process with `command` (searched in `PATH`), with
  /// `OPENBLAS_CORETYPE` set to the best kernel when OpenBLAS would choose a
  /// weaker one and the user did not set it. Returns only on failure.
  ///
  /// This is how the package's make targets start `swift test`: a test process
  /// cannot restart itself, so the variable must be in its environment from the start.
  public static func execWithBestKernel(_ command: [String], programName: String) -> Int32 {
    if coreTypeOverride == nil, let better = recommendedKernel, KernelChoice.isWeaker(kernelName, than: better) {
      writeStandardError("\(programName): OpenBLAS would choose its generic \(kernelName) kernel; running with OPENBLAS_CORETYPE=\(better).\n")
      setenv(coreTypeVariable, better, 1)
    }
    guard let program = command.first else { return 2 }
    var arguments: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) }
    arguments.append(nil)
    execvp(program, &arguments)
    let error = errno
    writeStandardError("\(programName): cannot run \(program): \(String(cString: strerror(error)))\n")
    return 127
  }

  static let coreTypeVariable = "OPENBLAS_CORETYPE"
}

/// Writes straight to file descriptor 2 (unbuffered, so nothing is lost or doubled across `execv`).
func writeStandardError(_ text: String) {
  var remaining = Array(text.utf8)[...]
  while !remaining.isEmpty {
    let written = remaining.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    if written <= 0 { return }
    remaining = remaining.dropFirst(written)
  }
}
