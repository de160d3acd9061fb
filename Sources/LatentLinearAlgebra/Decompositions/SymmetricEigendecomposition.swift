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
  /// conquer) and `?syevr` (a subset, MRRR). A symmetric matrix's row-major
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
  ///   ``LinearAlgebraError/noConvergence(routine:info:)``.
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
    if k == n {
      let routine = Scalar.routine("syevd")
      let n32 = try blasInt(n, routine)
      var w = [Scalar](repeating: 0, count: n)
      let info = work.withUnsafeMutableBufferPointer { a in
        w.withUnsafeMutableBufferPointer { w in
          Scalar._syevd(vectors: true, upper: true, n: n32, a: a.baseAddress!, lda: n32, w: w.baseAddress!)
        }
      }
      try Self.checkEigenInfo(info, routine)
      let vectors = work.withUnsafeBufferPointer { descendingColumns(columnMajor: $0, rows: n, columns: n, leadingDimension: n) }
      return SymmetricEigendecomposition(eigenvalues: w.reversed(), eigenvectors: vectors)
    }
    let routine = Scalar.routine("syevr")
    let n32 = try blasInt(n, routine)
    var w = [Scalar](repeating: 0, count: n)
    var z = ContiguousArray<Scalar>(repeating: 0, count: n * k)
    var support = [Int32](repeating: 0, count: 2 * k)
    var found: Int32 = 0
    let info = work.withUnsafeMutableBufferPointer { a in
      w.withUnsafeMutableBufferPointer { w in
        z.withUnsafeMutableBufferPointer { z in
          support.withUnsafeMutableBufferPointer { support in
            Scalar._syevr(
              vectors: true, upper: true, n: n32, a: a.baseAddress!, lda: n32,
              il: Int32(n - k + 1), iu: n32, found: &found, w: w.baseAddress!,
              z: z.baseAddress!, ldz: n32, isuppz: support.baseAddress!)
          }
        }
      }
    }
    try Self.checkEigenInfo(info, routine)
    guard Int(found) == k else { throw LinearAlgebraError.noConvergence(routine: routine, info: Int(found)) }
    let vectors = z.withUnsafeBufferPointer { descendingColumns(columnMajor: $0, rows: n, columns: k, leadingDimension: n) }
    return SymmetricEigendecomposition(eigenvalues: w[0..<k].reversed(), eigenvectors: vectors)
  }

  /// The generalized symmetric-definite eigendecomposition `self · v = λ · b · v`.
  ///
  /// ```swift
  /// // Fisher's criterion: between-class scatter against within-class scatter.
  /// let pairs = try betweenScatter.generalizedEigendecomposition(within: withinScatter)
  /// ```
  ///
  /// The corresponding LAPACK routine is `?sygvd` (problem type 1), which
  /// factors `b` by Cholesky and reduces the problem to a standard one.
  ///
  /// - Parameter b: a symmetric positive definite matrix of the same size.
  /// - Returns: eigenvalues descending; eigenvectors as `b`-orthonormal columns.
  /// - Throws: as ``symmetricEigendecomposition(largest:)``, and
  ///   ``LinearAlgebraError/notPositiveDefinite(routine:order:)`` when `b` is not positive definite.
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
    let routine = Scalar.routine("sygvd")
    let n = rowCount
    let n32 = try blasInt(n, routine)
    var work = elements
    var bWork = b.elements
    var w = [Scalar](repeating: 0, count: n)
    let info = work.withUnsafeMutableBufferPointer { a in
      bWork.withUnsafeMutableBufferPointer { bw in
        w.withUnsafeMutableBufferPointer { w in
          Scalar._sygvd(
            vectors: true, upper: true, n: n32, a: a.baseAddress!, lda: n32, b: bw.baseAddress!, ldb: n32,
            w: w.baseAddress!)
        }
      }
    }
    if info > n32 {
      // sygvd reports a failed Cholesky factorization of B as n + (order of the minor).
      throw LinearAlgebraError.notPositiveDefinite(routine: routine, order: Int(info) - n)
    }
    try Self.checkEigenInfo(info, routine)
    let vectors = work.withUnsafeBufferPointer { descendingColumns(columnMajor: $0, rows: n, columns: n, leadingDimension: n) }
    return SymmetricEigendecomposition(eigenvalues: w.reversed(), eigenvectors: vectors)
  }

  private static func checkEigenInfo(_ info: Int32, _ routine: String) throws {
    if info < 0 { throw LinearAlgebraError.fromNegativeInfo(routine: routine, info: info) }
    if info > 0 { throw LinearAlgebraError.noConvergence(routine: routine, info: Int(info)) }
  }
}
