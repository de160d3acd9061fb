import COpenBLAS

// The double-precision (`d`) routines. Float+LinearAlgebraScalar.swift has the
// same shape with the `s` routines.
extension Double: LinearAlgebraScalar {
  public static var precisionName: String { "Double" }

  public static func _gemm(
    transposeA: Bool, transposeB: Bool, m: Int32, n: Int32, k: Int32,
    alpha: Double, a: UnsafePointer<Double>, lda: Int32,
    b: UnsafePointer<Double>, ldb: Int32,
    beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int32
  ) {
    cblas_dgemm(
      CblasRowMajor, cblasTranspose(transposeA), cblasTranspose(transposeB),
      m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
  }

  public static func _gemv(
    transpose: Bool, m: Int32, n: Int32, alpha: Double, a: UnsafePointer<Double>, lda: Int32,
    x: UnsafePointer<Double>, incx: Int32, beta: Double, y: UnsafeMutablePointer<Double>,
    incy: Int32
  ) {
    cblas_dgemv(CblasRowMajor, cblasTranspose(transpose), m, n, alpha, a, lda, x, incx, beta, y, incy)
  }

  public static func _syrk(
    lower: Bool, transpose: Bool, n: Int32, k: Int32, alpha: Double,
    a: UnsafePointer<Double>, lda: Int32, beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int32
  ) {
    cblas_dsyrk(
      CblasRowMajor, cblasUplo(lower: lower), cblasTranspose(transpose),
      n, k, alpha, a, lda, beta, c, ldc)
  }

  public static func _trsm(
    left: Bool, lower: Bool, transpose: Bool, unitDiagonal: Bool, m: Int32, n: Int32,
    alpha: Double, a: UnsafePointer<Double>, lda: Int32, b: UnsafeMutablePointer<Double>,
    ldb: Int32
  ) {
    cblas_dtrsm(
      CblasRowMajor, left ? CblasLeft : CblasRight, cblasUplo(lower: lower),
      cblasTranspose(transpose), unitDiagonal ? CblasUnit : CblasNonUnit,
      m, n, alpha, a, lda, b, ldb)
  }

  public static func _dot(
    n: Int32, x: UnsafePointer<Double>, incx: Int32, y: UnsafePointer<Double>, incy: Int32
  ) -> Double {
    cblas_ddot(n, x, incx, y, incy)
  }

  public static func _nrm2(n: Int32, x: UnsafePointer<Double>, incx: Int32) -> Double {
    cblas_dnrm2(n, x, incx)
  }

  public static func _iamax(n: Int32, x: UnsafePointer<Double>, incx: Int32) -> Int {
    Int(cblas_idamax(n, x, incx))
  }

  public static func _axpy(
    n: Int32, alpha: Double, x: UnsafePointer<Double>, incx: Int32,
    y: UnsafeMutablePointer<Double>, incy: Int32
  ) {
    cblas_daxpy(n, alpha, x, incx, y, incy)
  }

  public static func _scal(n: Int32, alpha: Double, x: UnsafeMutablePointer<Double>, incx: Int32) {
    cblas_dscal(n, alpha, x, incx)
  }

  public static func _gesdd(
    m: Int32, n: Int32, a: UnsafeMutablePointer<Double>, lda: Int32,
    s: UnsafeMutablePointer<Double>, u: UnsafeMutablePointer<Double>, ldu: Int32,
    vt: UnsafeMutablePointer<Double>, ldvt: Int32
  ) -> Int32 {
    LAPACKE_dgesdd(lapackColumnMajor, lapackChar("S"), m, n, a, lda, s, u, ldu, vt, ldvt)
  }

  public static func _gesddValues(
    m: Int32, n: Int32, a: UnsafeMutablePointer<Double>, lda: Int32,
    s: UnsafeMutablePointer<Double>
  ) -> Int32 {
    var unusedU = 0.0
    var unusedVt = 0.0
    return LAPACKE_dgesdd(lapackColumnMajor, lapackChar("N"), m, n, a, lda, s, &unusedU, 1, &unusedVt, 1)
  }

  public static func _gesvd(
    vectors: Bool, m: Int32, n: Int32, a: UnsafeMutablePointer<Double>, lda: Int32,
    s: UnsafeMutablePointer<Double>, u: UnsafeMutablePointer<Double>, ldu: Int32,
    vt: UnsafeMutablePointer<Double>, ldvt: Int32
  ) -> Int32 {
    // The superdiagonal of the bidiagonal form if the iteration fails (unused here).
    var superdiagonal = [Double](repeating: 0, count: Swift.max(1, Int(Swift.min(m, n)) - 1))
    let job = lapackChar(vectors ? "S" : "N")
    return LAPACKE_dgesvd(
      lapackColumnMajor, job, job, m, n, a, lda, s, u, vectors ? ldu : 1, vt, vectors ? ldvt : 1,
      &superdiagonal)
  }

  public static func _gesvj(
    vectors: Bool, m: Int32, n: Int32, a: UnsafeMutablePointer<Double>, lda: Int32,
    sva: UnsafeMutablePointer<Double>, v: UnsafeMutablePointer<Double>, ldv: Int32,
    stat: UnsafeMutablePointer<Double>
  ) -> Int32 {
    LAPACKE_dgesvj(
      // jobu "U" even for values only: with "N" the rotations stop once the columns are
      // orthogonal to m·ε, which for tall matrices leaves the values far less accurate.
      lapackColumnMajor, lapackChar("G"), lapackChar("U"), lapackChar(vectors ? "V" : "N"),
      m, n, a, lda, sva, 0, v, vectors ? ldv : 1, stat)
  }

  public static func _syevd(
    vectors: Bool, upper: Bool, n: Int32, a: UnsafeMutablePointer<Double>, lda: Int32,
    w: UnsafeMutablePointer<Double>
  ) -> Int32 {
    LAPACKE_dsyevd(lapackColumnMajor, lapackJob(vectors), lapackUplo(upper), n, a, lda, w)
  }

  public static func _syev(
    vectors: Bool, upper: Bool, n: Int32, a: UnsafeMutablePointer<Double>, lda: Int32,
    w: UnsafeMutablePointer<Double>
  ) -> Int32 {
    LAPACKE_dsyev(lapackColumnMajor, lapackJob(vectors), lapackUplo(upper), n, a, lda, w)
  }

  public static func _syevr(
    vectors: Bool, upper: Bool, n: Int32, a: UnsafeMutablePointer<Double>, lda: Int32,
    il: Int32, iu: Int32, found: UnsafeMutablePointer<Int32>, w: UnsafeMutablePointer<Double>,
    z: UnsafeMutablePointer<Double>, ldz: Int32, isuppz: UnsafeMutablePointer<Int32>
  ) -> Int32 {
    LAPACKE_dsyevr(
      lapackColumnMajor, lapackJob(vectors), lapackChar("I"), lapackUplo(upper), n, a, lda,
      0, 0, il, iu, 0, found, w, z, ldz, isuppz)
  }

  public static func _sygvd(
    vectors: Bool, upper: Bool, n: Int32, a: UnsafeMutablePointer<Double>, lda: Int32,
    b: UnsafeMutablePointer<Double>, ldb: Int32, w: UnsafeMutablePointer<Double>
  ) -> Int32 {
    LAPACKE_dsygvd(lapackColumnMajor, 1, lapackJob(vectors), lapackUplo(upper), n, a, lda, b, ldb, w)
  }

  public static func _sygv(
    vectors: Bool, upper: Bool, n: Int32, a: UnsafeMutablePointer<Double>, lda: Int32,
    b: UnsafeMutablePointer<Double>, ldb: Int32, w: UnsafeMutablePointer<Double>
  ) -> Int32 {
    LAPACKE_dsygv(lapackColumnMajor, 1, lapackJob(vectors), lapackUplo(upper), n, a, lda, b, ldb, w)
  }

  public static func _potrf(upper: Bool, n: Int32, a: UnsafeMutablePointer<Double>, lda: Int32)
    -> Int32
  {
    LAPACKE_dpotrf(lapackColumnMajor, lapackUplo(upper), n, a, lda)
  }

  public static func _getrf(
    m: Int32, n: Int32, a: UnsafeMutablePointer<Double>, lda: Int32,
    ipiv: UnsafeMutablePointer<Int32>
  ) -> Int32 {
    LAPACKE_dgetrf(lapackColumnMajor, m, n, a, lda, ipiv)
  }

  public static func _geqrf(
    m: Int32, n: Int32, a: UnsafeMutablePointer<Double>, lda: Int32,
    tau: UnsafeMutablePointer<Double>
  ) -> Int32 {
    LAPACKE_dgeqrf(lapackColumnMajor, m, n, a, lda, tau)
  }

  public static func _orgqr(
    m: Int32, n: Int32, k: Int32, a: UnsafeMutablePointer<Double>, lda: Int32,
    tau: UnsafePointer<Double>
  ) -> Int32 {
    LAPACKE_dorgqr(lapackColumnMajor, m, n, k, a, lda, tau)
  }

  public static func _gelqf(
    m: Int32, n: Int32, a: UnsafeMutablePointer<Double>, lda: Int32,
    tau: UnsafeMutablePointer<Double>
  ) -> Int32 {
    LAPACKE_dgelqf(lapackColumnMajor, m, n, a, lda, tau)
  }

  public static func _orglq(
    m: Int32, n: Int32, k: Int32, a: UnsafeMutablePointer<Double>, lda: Int32,
    tau: UnsafePointer<Double>
  ) -> Int32 {
    LAPACKE_dorglq(lapackColumnMajor, m, n, k, a, lda, tau)
  }

  public static func _gecon(
    n: Int32, a: UnsafePointer<Double>, lda: Int32, anorm: Double, rcond: UnsafeMutablePointer<Double>
  ) -> Int32 {
    LAPACKE_dgecon(lapackColumnMajor, lapackChar("1"), n, a, lda, anorm, rcond)
  }

  public static func _pocon(
    upper: Bool, n: Int32, a: UnsafePointer<Double>, lda: Int32, anorm: Double,
    rcond: UnsafeMutablePointer<Double>
  ) -> Int32 {
    LAPACKE_dpocon(lapackColumnMajor, lapackUplo(upper), n, a, lda, anorm, rcond)
  }
}
