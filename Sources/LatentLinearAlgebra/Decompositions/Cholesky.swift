/// The Cholesky factorization `A = L · Lᵀ` of a symmetric positive definite matrix.
public struct CholeskyDecomposition<Scalar: LinearAlgebraScalar>: Sendable {
  /// The lower-triangular factor; its strict upper triangle is zero.
  public var lower: Matrix<Scalar>

  /// Solves `A · X = b` with the factorization.
  ///
  /// The corresponding BLAS routine is `?trsm` (two triangular solves, row-major, no copies of `b`).
  ///
  /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:detail:)`` when `b` has the wrong row count,
  ///   ``LinearAlgebraError/nonFiniteValue(operation:row:column:)`` for NaN or infinity in `b`.
  /// - Complexity: O(n² · columns of b).
  public func solve(_ b: Matrix<Scalar>) throws -> Matrix<Scalar> {
    let n = lower.rowCount
    guard b.rowCount == n else {
      throw LinearAlgebraError.shapeMismatch(
        operation: "CholeskyDecomposition.solve", detail: "A is \(n) × \(n) but b has \(b.rowCount) rows")
    }
    try b.checkFinite("CholeskyDecomposition.solve")
    var x = b
    guard b.columnCount > 0 else { return x }
    let routine = Scalar.routine("trsm")
    let (n32, k32) = (try blasInt(n, routine), try blasInt(b.columnCount, routine))
    lower.elements.withUnsafeBufferPointer { l in
      x.elements.withUnsafeMutableBufferPointer { x in
        // L · Y = B, then Lᵀ · X = Y.
        Scalar._trsm(
          left: true, lower: true, transpose: false, unitDiagonal: false, m: n32, n: k32, alpha: 1,
          a: l.baseAddress!, lda: n32, b: x.baseAddress!, ldb: k32)
        Scalar._trsm(
          left: true, lower: true, transpose: true, unitDiagonal: false, m: n32, n: k32, alpha: 1,
          a: l.baseAddress!, lda: n32, b: x.baseAddress!, ldb: k32)
      }
    }
    return x
  }
}

extension Matrix {
  /// The Cholesky factorization `self = L · Lᵀ`.
  ///
  /// ```swift
  /// let factor = try covariance.cholesky()
  /// let x = try factor.solve(rightHandSide)
  /// ```
  ///
  /// The corresponding LAPACK routine is `?potrf`. LAPACK factors the
  /// column-major upper triangle, `A = Uᵀ · U`; read row-major, that storage is `L = Uᵀ`.
  ///
  /// - Throws: ``LinearAlgebraError/notPositiveDefinite(routine:order:)`` when the matrix is
  ///   not positive definite, and the input errors of ``symmetricEigendecomposition(largest:)``.
  /// - Complexity: O(n³ / 3).
  public func cholesky() throws -> CholeskyDecomposition<Scalar> {
    let operation = "Matrix.cholesky"
    try checkDecompositionInput(operation, square: true)
    try checkSymmetric(operation)
    let routine = Scalar.routine("potrf")
    let n = rowCount
    let n32 = try blasInt(n, routine)
    var work = elements
    let info = work.withUnsafeMutableBufferPointer { a in
      Scalar._potrf(upper: true, n: n32, a: a.baseAddress!, lda: n32)
    }
    if info < 0 { throw LinearAlgebraError.fromNegativeInfo(routine: routine, info: info) }
    if info > 0 { throw LinearAlgebraError.notPositiveDefinite(routine: routine, order: Int(info)) }
    for i in 0..<n {
      for j in (i + 1)..<n { work[i * n + j] = 0 }
    }
    return CholeskyDecomposition(lower: Matrix(unchecked: n, n, work))
  }

  /// Solves `self · X = b` for a symmetric positive definite `self`.
  ///
  /// ```swift
  /// let x = try spd.solvePositiveDefinite(b)
  /// ```
  ///
  /// The corresponding LAPACK routines are `?potrf` and `?pocon`, then `?trsm`
  /// twice. Ill-conditioning is checked: a reciprocal condition number below ε
  /// means the answer would be noise, and that is an error, not a result.
  ///
  /// - Throws: ``LinearAlgebraError/notPositiveDefinite(routine:order:)``,
  ///   ``LinearAlgebraError/singularMatrix(routine:pivot:reciprocalCondition:)`` (singular to working
  ///   precision), and the shape and finiteness errors.
  /// - Complexity: O(n³ / 3 + n² · columns of b).
  public func solvePositiveDefinite(_ b: Matrix) throws -> Matrix {
    let factor = try cholesky()
    let routine = Scalar.routine("pocon")
    let n32 = try blasInt(rowCount, routine)
    var rcond: Scalar = 0
    let anorm = infinityNorm()
    let info = factor.lower.elements.withUnsafeBufferPointer { l in
      Scalar._pocon(upper: true, n: n32, a: l.baseAddress!, lda: n32, anorm: anorm, rcond: &rcond)
    }
    if info != 0 { throw LinearAlgebraError.fromNegativeInfo(routine: routine, info: info) }
    if rcond < Scalar.ulpOfOne {
      throw LinearAlgebraError.singularMatrix(routine: routine, pivot: 0, reciprocalCondition: Double(rcond))
    }
    return try factor.solve(b)
  }

  /// Solves the square system `self · X = b` by LU factorization with partial pivoting.
  ///
  /// ```swift
  /// let x = try a.solve(b)     // a: n × n, b: n × k
  /// ```
  ///
  /// The corresponding LAPACK routines are `?getrf` and `?gecon`, then BLAS `?trsm`.
  /// LAPACK factors the transpose that our row-major storage holds,
  /// `Aᵀ = P · L · U`, so `A = Uᵀ · Lᵀ · Pᵀ` is solved with two row-major
  /// triangular solves and the row interchanges, with no transposed copy of `b`.
  ///
  /// - Throws: ``LinearAlgebraError/singularMatrix(routine:pivot:reciprocalCondition:)`` when the matrix is
  ///   singular or singular to working precision (reciprocal condition < ε), and the shape and finiteness errors.
  /// - Complexity: O(2n³ / 3 + n² · columns of b).
  public func solve(_ b: Matrix) throws -> Matrix {
    let operation = "Matrix.solve"
    try checkDecompositionInput(operation, square: true)
    let n = rowCount
    guard b.rowCount == n else {
      throw LinearAlgebraError.shapeMismatch(operation: operation, detail: "A is \(n) × \(n) but b has \(b.rowCount) rows")
    }
    try b.checkFinite(operation + " (b)")
    let routine = Scalar.routine("getrf")
    let n32 = try blasInt(n, routine)
    var lu = elements
    var pivots = [Int32](repeating: 0, count: n)
    let info = lu.withUnsafeMutableBufferPointer { a in
      pivots.withUnsafeMutableBufferPointer { p in
        Scalar._getrf(m: n32, n: n32, a: a.baseAddress!, lda: n32, ipiv: p.baseAddress!)
      }
    }
    if info < 0 { throw LinearAlgebraError.fromNegativeInfo(routine: routine, info: info) }
    if info > 0 { throw LinearAlgebraError.singularMatrix(routine: routine, pivot: Int(info), reciprocalCondition: 0) }
    var rcond: Scalar = 0
    // The 1-norm of the transpose LAPACK factored is our ∞-norm.
    let anorm = infinityNorm()
    let conditionInfo = lu.withUnsafeBufferPointer { a in
      Scalar._gecon(n: n32, a: a.baseAddress!, lda: n32, anorm: anorm, rcond: &rcond)
    }
    if conditionInfo != 0 { throw LinearAlgebraError.fromNegativeInfo(routine: Scalar.routine("gecon"), info: conditionInfo) }
    if rcond < Scalar.ulpOfOne {
      throw LinearAlgebraError.singularMatrix(routine: Scalar.routine("gecon"), pivot: 0, reciprocalCondition: Double(rcond))
    }
    var x = b
    let k = b.columnCount
    guard k > 0 else { return x }
    let k32 = try blasInt(k, routine)
    lu.withUnsafeBufferPointer { a in
      x.elements.withUnsafeMutableBufferPointer { x in
        // Row-major, the factored storage holds Uᵀ in its lower triangle and
        // Lᵀ (unit diagonal) in its strict upper triangle.
        Scalar._trsm(
          left: true, lower: true, transpose: false, unitDiagonal: false, m: n32, n: k32, alpha: 1,
          a: a.baseAddress!, lda: n32, b: x.baseAddress!, ldb: k32)
        Scalar._trsm(
          left: true, lower: false, transpose: false, unitDiagonal: true, m: n32, n: k32, alpha: 1,
          a: a.baseAddress!, lda: n32, b: x.baseAddress!, ldb: k32)
        // X = P · W: LAPACK's interchanges, applied last to first.
        for i in stride(from: n - 1, through: 0, by: -1) {
          let j = Int(pivots[i]) - 1
          if j != i {
            for c in 0..<k { x.swapAt(i * k + c, j * k + c) }
          }
        }
      }
    }
    return x
  }
}
