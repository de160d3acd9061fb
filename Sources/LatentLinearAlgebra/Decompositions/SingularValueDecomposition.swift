/// The thin singular value decomposition `A = U · diag(S) · Vᵀ` of an `m × n` matrix.
///
/// With `k = min(m, n)`: `u` is `m × k` with orthonormal columns, `singularValues`
/// has `k` non-negative values in descending order, and `vt` is `k × n` with
/// orthonormal rows. Singular vectors are unique only up to sign (and, for
/// repeated values, up to a rotation); compare them after sign alignment.
public struct SingularValueDecomposition<Scalar: LinearAlgebraScalar>: Sendable {
  /// The left singular vectors as columns, `m × k`.
  public var u: Matrix<Scalar>
  /// The singular values, descending.
  public var singularValues: [Scalar]
  /// The right singular vectors as rows, `k × n`.
  public var vt: Matrix<Scalar>

  /// The numerical rank: the number of singular values above `tolerance`,
  /// by default `max(m, n) · ε · S₀` (numpy's `matrix_rank` rule).
  public func rank(tolerance: Scalar? = nil) -> Int {
    guard let largest = singularValues.first else { return 0 }
    let threshold = tolerance ?? Scalar(Swift.max(u.rowCount, vt.columnCount)) * Scalar.ulpOfOne * largest
    return singularValues.filter { $0 > threshold }.count
  }
}

extension Matrix {
  /// The thin singular value decomposition.
  ///
  /// ```swift
  /// let svd = try x.singularValueDecomposition()
  /// let rank = svd.rank()
  /// ```
  ///
  /// The corresponding LAPACK routine is `?gesdd` (divide and conquer); if it does not
  /// converge, `?gesvd` (QR iteration), then `?gesvj` (one-sided Jacobi), all giving the same
  /// decomposition (see `LAPACK.thinSVD`). The
  /// row-major storage of `A` is the column-major storage of `Aᵀ`, so LAPACK
  /// factors `Aᵀ = V · S · Uᵀ` and its outputs are read back as our `vt` and
  /// `u` without any transposition. Memory: one working copy of `A` plus the factors.
  ///
  /// - Throws: ``LinearAlgebraError/emptyMatrix(operation:)``,
  ///   ``LinearAlgebraError/nonFiniteValue(operation:row:column:)``,
  ///   ``LinearAlgebraError/noConvergence(routine:info:)`` when all three routines fail (its
  ///   `routine` names them).
  /// - Complexity: O(m · n · min(m, n)).
  public func singularValueDecomposition() throws -> SingularValueDecomposition<Scalar> {
    try checkDecompositionInput("Matrix.singularValueDecomposition", square: false)
    let (m, n) = (rowCount, columnCount)
    let k = Swift.min(m, n)
    // LAPACK's view: an n × m column-major matrix (our transpose); its U (n × k) is our Vᵀ
    // read row by row, its Vᵀ (k × m) our U.
    var work = elements
    let svd = try LAPACK.thinSVD(rows: n, columns: m, vectors: true, matrix: &work) { $0 = elements }
    return SingularValueDecomposition(
      u: Matrix(unchecked: m, k, svd.vt), singularValues: svd.values, vt: Matrix(unchecked: k, n, svd.u))
  }

  /// The singular values alone, in descending order.
  ///
  /// The corresponding LAPACK routine is `?gesdd` with `jobz = "N"`; if it does not converge,
  /// `?gesvd`, then `?gesvj`, without vectors.
  ///
  /// - Throws: as ``singularValueDecomposition()``.
  /// - Complexity: O(m · n · min(m, n)), with a smaller constant than the full decomposition.
  public func singularValues() throws -> [Scalar] {
    try checkDecompositionInput("Matrix.singularValues", square: false)
    var work = elements
    return try LAPACK.thinSVD(rows: columnCount, columns: rowCount, vectors: false, matrix: &work) {
      $0 = elements
    }.values
  }
}
