/// Eigenvalues and eigenvectors of a symmetric matrix, `A · v = λ · v`, or of a
/// symmetric-definite pencil, `A · v = λ · B · v`.
///
/// Eigenvalues are in descending order (the order PCA and LDA want);
/// `eigenvectors` holds the matching vectors as columns. For a standard problem
/// the vectors are orthonormal; for a generalized one they are `B`-orthonormal
/// (`vᵀ · B · v = 1`). Each vector is unique only up to sign, and vectors of a
/// repeated eigenvalue only up to a rotation within their eigenspace.
public struct SymmetricEigendecomposition<Scalar: LinearAlgebraScalar>: Sendable {
  /// The eigenvalues, descending.
  public var eigenvalues: [Scalar]
  /// The eigenvectors as columns, `n × k`, in the order of `eigenvalues`.
  public var eigenvectors: Matrix<Scalar>
}

extension Matrix {
  /// The eigendecomposition of a symmetric matrix: all eigenpairs, or the `largest` ones.
  ///
  /// ```swift
  /// let gram = x.gram()                                        // n × n
  /// let top = try gram.symmetricEigendecomposition(largest: 2)  // two leading pairs
  /// ```
  ///
  /// The corresponding LAPACK routines are `?syevd` (all pairs, divide and
  /// conquer) and `?syevr` (a subset, MRRR). If `?syevr` does not converge or finds too few
  /// pairs, all pairs are computed and the largest kept; if `?syevd` does not converge,
  /// `?syev` (QR iteration), then the cyclic Jacobi method at any order (see
  /// `LAPACK.symmetricEigenpairs`). A symmetric matrix's row-major
  /// storage is its column-major storage, so no copy beyond LAPACK's working one is made.
  /// Up to 64 × 64 the cyclic Jacobi method runs instead, in `Double` on the calling thread:
  /// LAPACK's tridiagonal reduction calls `?symv` once per column, and OpenBLAS wakes all its
  /// threads for each of those tiny calls, which then spin on the cores for about 0.1 s and
  /// slow whatever runs next (the iterative solvers' passes over the data).
  ///
  /// - Parameter largest: how many of the largest eigenpairs to compute, `1...n`; `nil` for all.
  /// - Throws: ``LinearAlgebraError/emptyMatrix(operation:)``, ``LinearAlgebraError/shapeMismatch(operation:detail:)``
  ///   for a non-square matrix, ``LinearAlgebraError/nonFiniteValue(operation:row:column:)``,
  ///   ``LinearAlgebraError/notSymmetric(operation:row:column:)`` (beyond 1000 ε relative to the largest entry),
  ///   ``LinearAlgebraError/invalidArgument(operation:detail:)`` for `largest` out of range,
  ///   ``LinearAlgebraError/noConvergence(routine:info:)`` when every step fails (its `routine`
  ///   names them all).
  /// - Complexity: O(n³).
  public func symmetricEigendecomposition(largest: Int? = nil) throws -> SymmetricEigendecomposition<Scalar> {
    let operation = "Matrix.symmetricEigendecomposition"
    try checkDecompositionInput(operation, square: true)
    try checkSymmetric(operation)
    let n = rowCount
    let k = largest ?? n
    guard k >= 1 && k <= n else {
      throw LinearAlgebraError.invalidArgument(
        operation: operation, detail: "largest must be in 1...\(n) for a \(n) × \(n) matrix, got \(k).")
    }
    if n <= JacobiEigensolver.maximumOrder,
      let (values, vectors) = JacobiEigensolver.decompose(Array(Matrix<Double>(converting: self).elements), order: n)
    {
      let leading = Matrix<Double>(rowCount: n, columnCount: k) { i, j in vectors[i * n + j] }
      return SymmetricEigendecomposition(
        eigenvalues: values.prefix(k).map { Scalar($0) }, eigenvectors: Matrix(converting: leading))
    }
    var work = elements
    let pairs = try LAPACK.symmetricEigenpairs(order: n, largest: k, matrix: &work) { $0 = elements }
    let vectors = pairs.vectors.withUnsafeBufferPointer {
      descendingColumns(columnMajor: $0, rows: n, columns: k, leadingDimension: n)
    }
    return SymmetricEigendecomposition(eigenvalues: pairs.values.reversed(), eigenvectors: vectors)
  }

  /// The generalized symmetric-definite eigendecomposition `self · v = λ · b · v`.
  ///
  /// ```swift
  /// // Fisher's criterion: between-class scatter against within-class scatter.
  /// let pairs = try betweenScatter.generalizedEigendecomposition(within: withinScatter)
  /// ```
  ///
  /// The corresponding LAPACK routine is `?sygvd` (problem type 1), which
  /// factors `b` by Cholesky and reduces the problem to a standard one; if its divide and
  /// conquer does not converge, `?sygv` (QR iteration) (see
  /// `LAPACK.generalizedEigenpairs`).
  ///
  /// - Parameter b: a symmetric positive definite matrix of the same size.
  /// - Returns: eigenvalues descending; eigenvectors as `b`-orthonormal columns.
  /// - Throws: as ``symmetricEigendecomposition(largest:)``, and
  ///   ``LinearAlgebraError/notPositiveDefinite(routine:order:)`` when `b` is not positive definite,
  ///   ``LinearAlgebraError/noConvergence(routine:info:)`` when both routines fail.
  /// - Complexity: O(n³).
  public func generalizedEigendecomposition(within b: Matrix) throws -> SymmetricEigendecomposition<Scalar> {
    let operation = "Matrix.generalizedEigendecomposition"
    try checkDecompositionInput(operation, square: true)
    try b.checkDecompositionInput(operation + " (b)", square: true)
    guard b.rowCount == rowCount else {
      throw LinearAlgebraError.shapeMismatch(
        operation: operation, detail: "A is \(rowCount) × \(rowCount) but B is \(b.rowCount) × \(b.rowCount)")
    }
    try checkSymmetric(operation)
    try b.checkSymmetric(operation + " (b)")
    let n = rowCount
    var work = elements
    var bWork = b.elements
    let pairs = try LAPACK.generalizedEigenpairs(order: n, matrix: &work, metric: &bWork) {
      $0 = elements
      $1 = b.elements
    }
    let vectors = pairs.vectors.withUnsafeBufferPointer {
      descendingColumns(columnMajor: $0, rows: n, columns: n, leadingDimension: n)
    }
    return SymmetricEigendecomposition(eigenvalues: pairs.values.reversed(), eigenvectors: vectors)
  }
}
