/// A floating-point type that Latent's BLAS and LAPACK layer can compute with.
///
/// `Float` and `Double` conform; they map to the single-precision (`s`) and
/// double-precision (`d`) routines of BLAS and LAPACK. Every type in Latent that
/// does arithmetic is generic over this protocol:
///
/// ```swift
/// let a = Matrix<Float>(rows: [[1, 2], [3, 4]])
/// let b = Matrix<Double>(rows: [[1, 2], [3, 4]])
/// ```
///
/// The requirements whose names start with an underscore are the raw kernels
/// the library calls. They are public only because protocol requirements must
/// be; they are not part of the stable API, take raw pointers, and assume the
/// caller already checked every size. Don't conform other types to this
/// protocol.
public protocol LinearAlgebraScalar: BinaryFloatingPoint, Codable, Sendable,
  LosslessStringConvertible
where Self.RawSignificand: FixedWidthInteger {
  /// The precision name used in messages and benchmark output, such as "Double".
  static var precisionName: String { get }

  // MARK: BLAS, row-major (CBLAS)

  /// `C = alpha * op(A) * op(B) + beta * C`, row-major. The corresponding BLAS routine is `?gemm`.
  static func _gemm(
    transposeA: Bool, transposeB: Bool, m: Int32, n: Int32, k: Int32,
    alpha: Self, a: UnsafePointer<Self>, lda: Int32,
    b: UnsafePointer<Self>, ldb: Int32,
    beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int32)

  /// `y = alpha * op(A) * x + beta * y`, row-major. The corresponding BLAS routine is `?gemv`.
  static func _gemv(
    transpose: Bool, m: Int32, n: Int32, alpha: Self, a: UnsafePointer<Self>, lda: Int32,
    x: UnsafePointer<Self>, incx: Int32, beta: Self, y: UnsafeMutablePointer<Self>, incy: Int32)

  /// `C = alpha * A * Aᵀ + beta * C` (or `Aᵀ * A` when `transpose`), one triangle, row-major.
  /// The corresponding BLAS routine is `?syrk`.
  static func _syrk(
    lower: Bool, transpose: Bool, n: Int32, k: Int32, alpha: Self,
    a: UnsafePointer<Self>, lda: Int32, beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int32)

  /// Solves `op(A) * X = alpha * B` (left) or `X * op(A) = alpha * B` (right) for a
  /// triangular `A`, overwriting `B`, row-major. The corresponding BLAS routine is `?trsm`.
  static func _trsm(
    left: Bool, lower: Bool, transpose: Bool, unitDiagonal: Bool, m: Int32, n: Int32,
    alpha: Self, a: UnsafePointer<Self>, lda: Int32, b: UnsafeMutablePointer<Self>, ldb: Int32)

  /// The dot product of two strided vectors. The corresponding BLAS routine is `?dot`.
  static func _dot(
    n: Int32, x: UnsafePointer<Self>, incx: Int32, y: UnsafePointer<Self>, incy: Int32) -> Self

  /// The Euclidean norm of a strided vector, without overflow. The corresponding BLAS routine is `?nrm2`.
  static func _nrm2(n: Int32, x: UnsafePointer<Self>, incx: Int32) -> Self

  /// The (zero-based) index of the first element of largest magnitude of a strided vector.
  /// The corresponding BLAS routine is `i?amax`.
  static func _iamax(n: Int32, x: UnsafePointer<Self>, incx: Int32) -> Int

  /// `y += alpha * x`. The corresponding BLAS routine is `?axpy`.
  static func _axpy(
    n: Int32, alpha: Self, x: UnsafePointer<Self>, incx: Int32,
    y: UnsafeMutablePointer<Self>, incy: Int32)

  /// `x *= alpha`. The corresponding BLAS routine is `?scal`.
  static func _scal(n: Int32, alpha: Self, x: UnsafeMutablePointer<Self>, incx: Int32)

  // MARK: LAPACK, column-major (LAPACKE); each returns LAPACK's `info`

  /// Thin SVD by divide and conquer (`jobz` "S"). The corresponding LAPACK routine is `?gesdd`.
  static func _gesdd(
    m: Int32, n: Int32, a: UnsafeMutablePointer<Self>, lda: Int32, s: UnsafeMutablePointer<Self>,
    u: UnsafeMutablePointer<Self>, ldu: Int32, vt: UnsafeMutablePointer<Self>, ldvt: Int32) -> Int32

  /// Singular values only. The corresponding LAPACK routine is `?gesdd` with `jobz` "N".
  static func _gesddValues(
    m: Int32, n: Int32, a: UnsafeMutablePointer<Self>, lda: Int32, s: UnsafeMutablePointer<Self>)
    -> Int32

  /// Thin SVD by QR iteration (`jobu`, `jobvt` "S" with `vectors`, else "N"; `u` and `vt` are
  /// then not referenced). The corresponding LAPACK routine is `?gesvd`.
  static func _gesvd(
    vectors: Bool, m: Int32, n: Int32, a: UnsafeMutablePointer<Self>, lda: Int32,
    s: UnsafeMutablePointer<Self>, u: UnsafeMutablePointer<Self>, ldu: Int32,
    vt: UnsafeMutablePointer<Self>, ldvt: Int32) -> Int32

  /// SVD of a general `m × n` matrix with `m ≥ n` by one-sided Jacobi (`joba` "G"). `a` is
  /// overwritten by the left singular vectors (`jobu` "U", which also sets the convergence test
  /// to √m·ε); with `vectors`, `v` (`n × n`) receives the right ones (`jobv` "V"), otherwise it
  /// is not referenced.
  /// `sva` receives the singular values scaled by `1 / stat[0]`: the true values are
  /// `stat[0] · sva[i]`. `stat` has 6 entries. The corresponding LAPACK routine is `?gesvj`.
  static func _gesvj(
    vectors: Bool, m: Int32, n: Int32, a: UnsafeMutablePointer<Self>, lda: Int32,
    sva: UnsafeMutablePointer<Self>, v: UnsafeMutablePointer<Self>, ldv: Int32,
    stat: UnsafeMutablePointer<Self>) -> Int32

  /// All eigenpairs of a symmetric matrix, ascending. The corresponding LAPACK routine is `?syevd`.
  static func _syevd(
    vectors: Bool, upper: Bool, n: Int32, a: UnsafeMutablePointer<Self>, lda: Int32,
    w: UnsafeMutablePointer<Self>) -> Int32

  /// All eigenpairs of a symmetric matrix, ascending, by implicit QL/QR iteration.
  /// The corresponding LAPACK routine is `?syev`.
  static func _syev(
    vectors: Bool, upper: Bool, n: Int32, a: UnsafeMutablePointer<Self>, lda: Int32,
    w: UnsafeMutablePointer<Self>) -> Int32

  /// Eigenpairs `il...iu` (1-based, ascending) of a symmetric matrix by the MRRR algorithm.
  /// The corresponding LAPACK routine is `?syevr`.
  static func _syevr(
    vectors: Bool, upper: Bool, n: Int32, a: UnsafeMutablePointer<Self>, lda: Int32,
    il: Int32, iu: Int32, found: UnsafeMutablePointer<Int32>, w: UnsafeMutablePointer<Self>,
    z: UnsafeMutablePointer<Self>, ldz: Int32, isuppz: UnsafeMutablePointer<Int32>) -> Int32

  /// The generalized symmetric-definite problem `A x = λ B x`. The corresponding LAPACK routine is `?sygvd`.
  static func _sygvd(
    vectors: Bool, upper: Bool, n: Int32, a: UnsafeMutablePointer<Self>, lda: Int32,
    b: UnsafeMutablePointer<Self>, ldb: Int32, w: UnsafeMutablePointer<Self>) -> Int32

  /// The generalized symmetric-definite problem `A x = λ B x` by QR iteration.
  /// The corresponding LAPACK routine is `?sygv`.
  static func _sygv(
    vectors: Bool, upper: Bool, n: Int32, a: UnsafeMutablePointer<Self>, lda: Int32,
    b: UnsafeMutablePointer<Self>, ldb: Int32, w: UnsafeMutablePointer<Self>) -> Int32

  /// Cholesky factorization. The corresponding LAPACK routine is `?potrf`.
  static func _potrf(upper: Bool, n: Int32, a: UnsafeMutablePointer<Self>, lda: Int32) -> Int32

  /// LU factorization with partial pivoting. The corresponding LAPACK routine is `?getrf`.
  static func _getrf(
    m: Int32, n: Int32, a: UnsafeMutablePointer<Self>, lda: Int32, ipiv: UnsafeMutablePointer<Int32>)
    -> Int32

  /// Householder QR. The corresponding LAPACK routine is `?geqrf`.
  static func _geqrf(
    m: Int32, n: Int32, a: UnsafeMutablePointer<Self>, lda: Int32, tau: UnsafeMutablePointer<Self>)
    -> Int32

  /// Forms the Q of `?geqrf`. The corresponding LAPACK routine is `?orgqr`.
  static func _orgqr(
    m: Int32, n: Int32, k: Int32, a: UnsafeMutablePointer<Self>, lda: Int32,
    tau: UnsafePointer<Self>) -> Int32

  /// Householder LQ. The corresponding LAPACK routine is `?gelqf`.
  static func _gelqf(
    m: Int32, n: Int32, a: UnsafeMutablePointer<Self>, lda: Int32, tau: UnsafeMutablePointer<Self>)
    -> Int32

  /// Forms the Q of `?gelqf`. The corresponding LAPACK routine is `?orglq`.
  static func _orglq(
    m: Int32, n: Int32, k: Int32, a: UnsafeMutablePointer<Self>, lda: Int32,
    tau: UnsafePointer<Self>) -> Int32

  /// Reciprocal condition number (1-norm) from an LU factorization. The corresponding LAPACK routine is `?gecon`.
  static func _gecon(
    n: Int32, a: UnsafePointer<Self>, lda: Int32, anorm: Self, rcond: UnsafeMutablePointer<Self>)
    -> Int32

  /// Reciprocal condition number (1-norm) from a Cholesky factorization. The corresponding LAPACK routine is `?pocon`.
  static func _pocon(
    upper: Bool, n: Int32, a: UnsafePointer<Self>, lda: Int32, anorm: Self,
    rcond: UnsafeMutablePointer<Self>) -> Int32
}
