/// The thin QR factorization `A = Q · R` of an `m × n` matrix, `k = min(m, n)`.
public struct QRDecomposition<Scalar: LinearAlgebraScalar>: Sendable {
  /// `m × k` with orthonormal columns.
  public var q: Matrix<Scalar>
  /// `k × n`, upper triangular (upper trapezoidal when `m < n`).
  public var r: Matrix<Scalar>
}

/// The thin LQ factorization `A = L · Q` of an `m × n` matrix, `k = min(m, n)`.
///
/// For wide data (`n` samples × `d` features, `n ≪ d`) this is the orthogonal
/// alternative to the Gram matrix: `L` carries the same information as `X · Xᵀ = L · Lᵀ`
/// without squaring the condition number.
public struct LQDecomposition<Scalar: LinearAlgebraScalar>: Sendable {
  /// `m × k`, lower triangular (lower trapezoidal when `m > n`).
  public var l: Matrix<Scalar>
  /// `k × n` with orthonormal rows.
  public var q: Matrix<Scalar>
}

extension Matrix {
  /// The thin QR factorization by Householder reflections.
  ///
  /// ```swift
  /// let qr = try tall.qrDecomposition()   // tall: 200 × 30 → q: 200 × 30, r: 30 × 30
  /// ```
  ///
  /// The corresponding LAPACK routines are `?gelqf` and `?orglq`: the row-major
  /// storage of `A` is the column-major `Aᵀ`, and the LQ factorization of `Aᵀ` is
  /// the transpose of the QR factorization of `A`, so no transposed copy is made.
  /// LAPACK's sign convention is kept: diagonal entries of `r` may be negative.
  ///
  /// - Throws: ``LinearAlgebraError/emptyMatrix(operation:)``, ``LinearAlgebraError/nonFiniteValue(operation:row:column:)``.
  /// - Complexity: O(2 m n² − 2 n³ / 3) for `m ≥ n`.
  public func qrDecomposition() throws -> QRDecomposition<Scalar> {
    try checkDecompositionInput("Matrix.qrDecomposition", square: false)
    let (m, n) = (rowCount, columnCount)
    let k = Swift.min(m, n)
    let routine = Scalar.routine("gelqf")
    let (lapackRows, lapackColumns) = (try blasInt(n, routine), try blasInt(m, routine))
    var work = elements
    var tau = [Scalar](repeating: 0, count: k)
    let info = work.withUnsafeMutableBufferPointer { a in
      tau.withUnsafeMutableBufferPointer { t in
        Scalar._gelqf(m: lapackRows, n: lapackColumns, a: a.baseAddress!, lda: lapackRows, tau: t.baseAddress!)
      }
    }
    if info != 0 { throw LinearAlgebraError.fromNegativeInfo(routine: routine, info: info) }
    // R: the first k rows of the row-major storage, upper part.
    var r = ContiguousArray<Scalar>(repeating: 0, count: k * n)
    for i in 0..<k {
      for j in i..<n { r[i * n + j] = work[i * n + j] }
    }
    let formRoutine = Scalar.routine("orglq")
    let formInfo = work.withUnsafeMutableBufferPointer { a in
      tau.withUnsafeBufferPointer { t in
        Scalar._orglq(m: Int32(k), n: lapackColumns, k: Int32(k), a: a.baseAddress!, lda: lapackRows, tau: t.baseAddress!)
      }
    }
    if formInfo != 0 { throw LinearAlgebraError.fromNegativeInfo(routine: formRoutine, info: formInfo) }
    // Q: the first k columns of the row-major storage.
    var q = ContiguousArray<Scalar>(repeating: 0, count: m * k)
    for i in 0..<m {
      for j in 0..<k { q[i * k + j] = work[i * n + j] }
    }
    return QRDecomposition(q: Matrix(unchecked: m, k, q), r: Matrix(unchecked: k, n, r))
  }

  /// The thin LQ factorization by Householder reflections.
  ///
  /// ```swift
  /// let lq = try wide.lqDecomposition()   // wide: 64 × 20,000 → l: 64 × 64, q: 64 × 20,000
  /// ```
  ///
  /// The corresponding LAPACK routines are `?geqrf` and `?orgqr`, applied to the
  /// column-major `Aᵀ` that our storage already is. For a wide matrix the `q`
  /// factor comes out as the leading rows of the working copy, so the peak
  /// memory is the input plus one working copy.
  ///
  /// - Throws: ``LinearAlgebraError/emptyMatrix(operation:)``, ``LinearAlgebraError/nonFiniteValue(operation:row:column:)``.
  /// - Complexity: O(2 n m² − 2 m³ / 3) for `m ≤ n`.
  public func lqDecomposition() throws -> LQDecomposition<Scalar> {
    try checkDecompositionInput("Matrix.lqDecomposition", square: false)
    let (m, n) = (rowCount, columnCount)
    let k = Swift.min(m, n)
    let routine = Scalar.routine("geqrf")
    let (lapackRows, lapackColumns) = (try blasInt(n, routine), try blasInt(m, routine))
    var work = elements
    var tau = [Scalar](repeating: 0, count: k)
    let info = work.withUnsafeMutableBufferPointer { a in
      tau.withUnsafeMutableBufferPointer { t in
        Scalar._geqrf(m: lapackRows, n: lapackColumns, a: a.baseAddress!, lda: lapackRows, tau: t.baseAddress!)
      }
    }
    if info != 0 { throw LinearAlgebraError.fromNegativeInfo(routine: routine, info: info) }
    // L: the first k columns of the row-major storage, lower part.
    var l = ContiguousArray<Scalar>(repeating: 0, count: m * k)
    for i in 0..<m {
      for j in 0...Swift.min(i, k - 1) { l[i * k + j] = work[i * n + j] }
    }
    let formRoutine = Scalar.routine("orgqr")
    let formInfo = work.withUnsafeMutableBufferPointer { a in
      tau.withUnsafeBufferPointer { t in
        Scalar._orgqr(m: lapackRows, n: Int32(k), k: Int32(k), a: a.baseAddress!, lda: lapackRows, tau: t.baseAddress!)
      }
    }
    if formInfo != 0 { throw LinearAlgebraError.fromNegativeInfo(routine: formRoutine, info: formInfo) }
    // Q: the first k rows of the row-major storage, contiguous.
    work.removeLast(work.count - k * n)
    return LQDecomposition(l: Matrix(unchecked: m, k, l), q: Matrix(unchecked: k, n, work))
  }
}
