import COpenBLAS

// The single-precision (`s`) routines. Double+LinearAlgebraScalar.swift has the
// same shape with the `d` routines.
extension Float: LinearAlgebraScalar {
  public static var precisionName: String { "Float" }

  public static func _gemm(
    transposeA: Bool, transposeB: Bool, m: Int32, n: Int32, k: Int32,
    alpha: Float, a: UnsafePointer<Float>, lda: Int32,
    b: UnsafePointer<Float>, ldb: Int32,
    beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int32
  ) {
    cblas_sgemm(
      CblasRowMajor, cblasTranspose(transposeA), cblasTranspose(transposeB),
      m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
  }

  public static func _gemv(
    transpose: Bool, m: Int32, n: Int32, alpha: Float, a: UnsafePointer<Float>, lda: Int32,
    x: UnsafePointer<Float>, incx: Int32, beta: Float, y: UnsafeMutablePointer<Float>,
    incy: Int32
  ) {
    cblas_sgemv(CblasRowMajor, cblasTranspose(transpose), m, n, alpha, a, lda, x, incx, beta, y, incy)
  }

  public static func _syrk(
    lower: Bool, transpose: Bool, n: Int32, k: Int32, alpha: Float,
    a: UnsafePointer<Float>, lda: Int32, beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int32
  ) {
    cblas_ssyrk(
      CblasRowMajor, cblasUplo(lower: lower), cblasTranspose(transpose),
      n, k, alpha, a, lda, beta, c, ldc)
  }

  public static func _trsm(
    left: Bool, lower: Bool, transpose: Bool, unitDiagonal: Bool, m: Int32, n: Int32,
    alpha: Float, a: UnsafePointer<Float>, lda: Int32, b: UnsafeMutablePointer<Float>,
    ldb: Int32
  ) {
    cblas_strsm(
      CblasRowMajor, left ? CblasLeft : CblasRight, cblasUplo(lower: lower),
      cblasTranspose(transpose), unitDiagonal ? CblasUnit : CblasNonUnit,
      m, n, alpha, a, lda, b, ldb)
  }

  public static func _dot(
    n: Int32, x: UnsafePointer<Float>, incx: Int32, y: UnsafePointer<Float>, incy: Int32
  ) -> Float {
    cblas_sdot(n, x, incx, y, incy)
  }

  public static func _nrm2(n: Int32, x: UnsafePointer<Float>, incx: Int32) -> Float {
    cblas_snrm2(n, x, incx)
  }

  public static func _iamax(n: Int32, x: UnsafePointer<Float>, incx: Int32) -> Int {
    Int(cblas_isamax(n, x, incx))
  }

  public static func _axpy(
    n: Int32, alpha: Float, x: UnsafePointer<Float>, incx: Int32,
    y: UnsafeMutablePointer<Float>, incy: Int32
  ) {
    cblas_saxpy(n, alpha, x, incx, y, incy)
  }

  public static func _scal(n: Int32, alpha: Float, x: UnsafeMutablePointer<Float>, incx: Int32) {
    cblas_sscal(n, alpha, x, incx)
  }

  public static func _gesdd(
    m: Int32, n: Int32, a: UnsafeMutablePointer<Float>, lda: Int32,
    s: UnsafeMutablePointer<Float>, u: UnsafeMutablePointer<Float>, ldu: Int32,
    vt: UnsafeMutablePointer<Float>, ldvt: Int32
  ) -> Int32 {
    LAPACKE_sgesdd(lapackColumnMajor, lapackChar("S"), m, n, a, lda, s, u, ldu, vt, ldvt)
  }

  public static func _gesddValues(
    m: Int32, n: Int32, a: UnsafeMutablePointer<Float>, lda: Int32,
    s: UnsafeMutablePointer<Float>
  ) -> Int32 {
    var unusedU: Float = 0
    var unusedVt: Float = 0
    return LAPACKE_sgesdd(lapackColumnMajor, lapackChar("N"), m, n, a, lda, s, &unusedU, 1, &unusedVt, 1)
  }

  public static func _gesvd(
    vectors: Bool, m: Int32, n: Int32, a: UnsafeMutablePointer<Float>, lda: Int32,
    s: UnsafeMutablePointer<Float>, u: UnsafeMutablePointer<Float>, ldu: Int32,
    vt: UnsafeMutablePointer<Float>, ldvt: Int32
  ) -> Int32 {
    // The superdiagonal of the bidiagonal form if the iteration fails (unused here).
    var superdiagonal = [Float](repeating: 0, count: Swift.max(1, Int(Swift.min(m, n)) - 1))
    let job = lapackChar(vectors ? "S" : "N")
    return LAPACKE_sgesvd(
      lapackColumnMajor, job, job, m, n, a, lda, s, u, vectors ? ldu : 1, vt, vectors ? ldvt : 1,
      &superdiagonal)
  }

  public static func _gesvj(
    vectors: Bool, m: Int32, n: Int32, a: UnsafeMutablePointer<Float>, lda: Int32,
    sva: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>, ldv: Int32,
    stat: UnsafeMutablePointer<Float>
  ) -> Int32 {
    LAPACKE_sgesvj(
      // jobu "U" even for values only: with "N" the rotations stop once the columns are
      // orthogonal to m·ε, which for tall matrices leaves the values far less accurate.
      lapackColumnMajor, lapackChar("G"), lapackChar("U"), lapackChar(vectors ? "V" : "N"),
      m, n, a, lda, sva, 0, v, vectors ? ldv : 1, stat)
  }

  public static func _syevd(
    vectors: Bool, upper: Bool, n: Int32, a: UnsafeMutablePointer<Float>, lda: Int32,
    w: UnsafeMutablePointer<Float>
  ) -> Int32 {
    LAPACKE_ssyevd(lapackColumnMajor, lapackJob(vectors), lapackUplo(upper), n, a, lda, w)
  }

  public static func _syev(
    vectors: Bool, upper: Bool, n: Int32, a: UnsafeMutablePointer<Float>, lda: Int32,
    w: UnsafeMutablePointer<Float>
  ) -> Int32 {
    LAPACKE_ssyev(lapackColumnMajor, lapackJob(vectors), lapackUplo(upper), n, a, lda, w)
  }

  public static func _syevr(
    vectors: Bool, upper: Bool, n: Int32, a: UnsafeMutablePointer<Float>, lda: Int32,
    il: Int32, iu: Int32, found: UnsafeMutablePointer<Int32>, w: UnsafeMutablePointer<Float>,
    z: UnsafeMutablePointer<Float>, ldz: Int32, isuppz: UnsafeMutablePointer<Int32>
  ) -> Int32 {
    LAPACKE_ssyevr(
      lapackColumnMajor, lapackJob(vectors), lapackChar("I"), lapackUplo(upper), n, a, lda,
      0, 0, il, iu, 0, found, w, z, ldz, isuppz)
  }

  public static func _sygvd(
    vectors: Bool, upper: Bool, n: Int32, a: UnsafeMutablePointer<Float>, lda: Int32,
    b: UnsafeMutablePointer<Float>, ldb: Int32, w: UnsafeMutablePointer<Float>
  ) -> Int32 {
    LAPACKE_ssygvd(lapackColumnMajor, 1, lapackJob(vectors), lapackUplo(upper), n, a, lda, b, ldb, w)
  }

  public static func _sygv(
    vectors: Bool, upper: Bool, n: Int32, a: UnsafeMutablePointer<Float>, lda: Int32,
    b: UnsafeMutablePointer<Float>, ldb: Int32, w: UnsafeMutablePointer<Float>
  ) -> Int32 {
    LAPACKE_ssygv(lapackColumnMajor, 1, lapackJob(vectors), lapackUplo(upper), n, a, lda, b, ldb, w)
  }

  public static func _potrf(upper: Bool, n: Int32, a: UnsafeMutablePointer<Float>, lda: Int32)
    -> Int32
  {
    LAPACKE_spotrf(lapackColumnMajor, lapackUplo(upper), n, a, lda)
  }

  public static func _getrf(
    m: Int32, n: Int32, a: UnsafeMutablePointer<Float>, lda: Int32,
    ipiv: UnsafeMutablePointer<Int32>
  ) -> Int32 {
    LAPACKE_sgetrf(lapackColumnMajor, m, n, a, lda, ipiv)
  }

  public static func _geqrf(
    m: Int32, n: Int32, a: UnsafeMutablePointer<Float>, lda: Int32,
    tau: UnsafeMutablePointer<Float>
  ) -> Int32 {
    LAPACKE_sgeqrf(lapackColumnMajor, m, n, a, lda, tau)
  }

  public static func _orgqr(
    m: Int32, n: Int32, k: Int32, a: UnsafeMutablePointer<Float>, lda: Int32,
    tau: UnsafePointer<Float>
  ) -> Int32 {
    LAPACKE_sorgqr(lapackColumnMajor, m, n, k, a, lda, tau)
  }

  public static func _gelqf(
    m: Int32, n: Int32, a: UnsafeMutablePointer<Float>, lda: Int32,
    tau: UnsafeMutablePointer<Float>
  ) -> Int32 {
    LAPACKE_sgelqf(lapackColumnMajor, m, n, a, lda, tau)
  }

  public static func _orglq(
    m: Int32, n: Int32, k: Int32, a: UnsafeMutablePointer<Float>, lda: Int32,
    tau: UnsafePointer<Float>
  ) -> Int32 {
    LAPACKE_sorglq(lapackColumnMajor, m, n, k, a, lda, tau)
  }

  public static func _gecon(
    n: Int32, a: UnsafePointer<Float>, lda: Int32, anorm: Float, rcond: UnsafeMutablePointer<Float>
  ) -> Int32 {
    LAPACKE_sgecon(lapackColumnMajor, lapackChar("1"), n, a, lda, anorm, rcond)
  }

  public static func _pocon(
    upper: Bool, n: Int32, a: UnsafePointer<Float>, lda: Int32, anorm: Float,
    rcond: UnsafeMutablePointer<Float>
  ) -> Int32 {
    LAPACKE_spocon(lapackColumnMajor, lapackUplo(upper), n, a, lda, anorm, rcond)
  }
}
