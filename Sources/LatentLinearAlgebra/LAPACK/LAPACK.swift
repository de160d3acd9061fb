import Synchronization

/// The library's one door to LAPACK's iterative decompositions: the mapping of `info` codes to
/// ``LinearAlgebraError``, the routine names, fault injection for tests, and the robust drivers
/// (LAPACK+SVD.swift, LAPACK+Eigen.swift).
///
/// Why drivers: divide and conquer (`?bdsdc` inside `?gesdd`, `?stedc` inside `?syevd` and
/// `?sygvd`) and MRRR (`?stemr` inside `?syevr`) can fail to converge (`info > 0`) on some
/// ill-conditioned inputs, depending on rounding and therefore on the BLAS kernel the machine
/// runs. Each driver then retries with a slower algorithm that converges on a different
/// iteration (QR iteration, then Jacobi rotations) and gives the same decomposition, and throws
/// ``LinearAlgebraError/noConvergence(routine:info:)`` naming every routine tried only when all
/// of them fail. Every driver restores its input between attempts through a closure, since
/// LAPACK overwrites it, so no second copy of a large input is kept.
package enum LAPACK {
  /// Routines that report the given `info` instead of running, keyed by full routine name
  /// ("dgesdd", "ssyevr", …, and ``jacobi`` for ``JacobiEigensolver``).
  ///
  /// Tests force each recovery step with it:
  ///
  /// ```swift
  /// try LAPACK.$injectedFailures.withValue(["dgesdd": 1]) {
  ///   _ = try matrix.singularValueDecomposition()   // runs dgesvd
  /// }
  /// ```
  ///
  /// Task-local, so it affects only the task that sets it (and its child tasks), never tests that
  /// run in parallel. Empty outside tests: each driver reads it once per LAPACK call.
  @TaskLocal package static var injectedFailures: [String: Int32] = [:]

  /// When set, every driver records the name of each routine it attempts, run or injected.
  @TaskLocal package static var callLog: CallLog? = nil

  /// The key of ``JacobiEigensolver`` in ``injectedFailures`` and ``CallLog``.
  package static let jacobi = "jacobi"

  /// The routines a task attempted, in order.
  package final class CallLog: Sendable {
    private let calls = Mutex<[String]>([])
    package init() {}
    /// The routine names recorded so far.
    package var routines: [String] { calls.withLock { $0 } }
    func record(_ routine: String) { calls.withLock { $0.append(routine) } }
  }

  /// The `info` injected for `routine`, if any; records the attempt in ``callLog``.
  @inline(__always)
  package static func injectedInfo(_ routine: String) -> Int32? {
    callLog?.record(routine)
    let failures = injectedFailures
    return failures.isEmpty ? nil : failures[routine]
  }

  /// Runs one LAPACK call, unless a failure is injected for `routine`: then the call is skipped
  /// and the injected `info` returned.
  @inline(__always)
  package static func run(_ routine: String, _ call: () -> Int32) -> Int32 {
    if let injected = injectedInfo(routine) { return injected }
    return call()
  }

  /// The error for a nonzero LAPACK `info`: `info > 0` is an iteration that did not converge
  /// (for the routines whose positive codes mean something else, such as `?potrf` or `?getrf`,
  /// the caller maps them first); LAPACKE's -1010 and -1011 (LAPACK_WORK_MEMORY_ERROR,
  /// LAPACK_TRANSPOSE_MEMORY_ERROR) are a failed allocation; other negative codes are an
  /// argument Latent got wrong.
  package static func error(routine: String, info: Int32) -> LinearAlgebraError {
    if info > 0 { return .noConvergence(routine: routine, info: Int(info)) }
    if info == -1010 || info == -1011 { return .outOfMemory(routine: routine) }
    return .lapackFailure(routine: routine, info: Int(info))
  }

  /// Throws ``error(routine:info:)`` unless `info` is 0.
  @inline(__always)
  package static func check(_ info: Int32, routine: String) throws {
    if info != 0 { throw error(routine: routine, info: info) }
  }

  /// The error when every routine of a recovery chain failed to converge: the routine field
  /// names them all in the order tried ("dgesdd, dgesvd, dgesvj"), `info` is the last one's.
  static func chainFailed(_ routines: [String], info: Int32) -> LinearAlgebraError {
    .noConvergence(routine: routines.joined(separator: ", "), info: Int(info))
  }
}

extension LinearAlgebraScalar {
  /// The LAPACK routine's full name for this precision: `routine("gesdd")` is "dgesdd" for `Double`.
  package static func routine(_ name: String) -> String {
    (Self.self == Float.self ? "s" : "d") + name
  }
}
