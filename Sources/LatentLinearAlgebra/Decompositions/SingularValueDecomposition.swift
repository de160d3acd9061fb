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
  /// The corresponding LAPACK routine is `?gesdd` (divide and conquer). The
  /// row-major storage of `A` is the column-major storage of `Aᵀ`, so LAPACK
  /// factors `Aᵀ = V · S · Uᵀ` and its outputs are read back as our `vt` and
  /// `u` without any transposition. Memory: one working copy of `A` plus the factors.
  ///
  /// - Throws: ``LinearAlgebraError/emptyMatrix(operation:)``,
  ///   ``LinearAlgebraError/nonFiniteValue(operation:row:column:)``,
  ///   ``LinearAlgebraError/noConvergence(routine:info:)``.
  /// - Complexity: O(m · n · min(m, n)).
  public func singularValueDecomposition() throws -> SingularValueDecomposition<Scalar> {
    let routine = Scalar.routine("gesdd")
    try checkDecompositionInput("Matrix.singularValueDecomposition", square: false)
    let m = rowCount
    let n = columnCount
    let k = Swift.min(m, n)
    // LAPACK's view: an n × m column-major matrix (our transpose), lda = n.
    let (lapackRows, lapackColumns) = (try blasInt(n, routine), try blasInt(m, routine))
    var work = elements
    var s = [Scalar](repeating: 0, count: k)
    var vtStorage = ContiguousArray<Scalar>(repeating: 0, count: k * n)  // LAPACK's U: n × k, ldu = n
    var uStorage = ContiguousArray<Scalar>(repeating: 0, count: m * k)  // LAPACK's Vᵀ: k × m, ldvt = k
    let info = work.withUnsafeMutableBufferPointer { a in
      s.withUnsafeMutableBufferPointer { sv in
        vtStorage.withUnsafeMutableBufferPointer { lu in
          uStorage.withUnsafeMutableBufferPointer { lvt in
            Scalar._gesdd(
              m: lapackRows, n: lapackColumns, a: a.baseAddress!, lda: lapackRows, s: sv.baseAddress!,
              u: lu.baseAddress!, ldu: lapackRows, vt: lvt.baseAddress!, ldvt: Int32(k))
          }
        }
      }
    }
    try Self.checkSVDInfo(info, routine)
    return SingularValueDecomposition(
      u: Matrix(unchecked: m, k, uStorage), singularValues: s, vt: Matrix(unchecked: k, n, vtStorage))
  }

  /// The singular values alone, in descending order.
  ///
  /// The corresponding LAPACK routine is `?gesdd` with `jobz = "N"`.
  ///
  /// - Throws: as ``singularValueDecomposition()``.
  /// - Complexity: O(m · n · min(m, n)), with a smaller constant than the full decomposition.
  public func singularValues() throws -> [Scalar] {
    let routine = Scalar.routine("gesdd")
    try checkDecompositionInput("Matrix.singularValues", square: false)
    let k = Swift.min(rowCount, columnCount)
    let (lapackRows, lapackColumns) = (try blasInt(columnCount, routine), try blasInt(rowCount, routine))
    var work = elements
    var s = [Scalar](repeating: 0, count: k)
    let info = work.withUnsafeMutableBufferPointer { a in
      s.withUnsafeMutableBufferPointer { sv in
        Scalar._gesddValues(m: lapackRows, n: lapackColumns, a: a.baseAddress!, lda: lapackRows, s: sv.baseAddress!)
      }
    }
    try Self.checkSVDInfo(info, routine)
    return s
  }

  private static func checkSVDInfo(_ info: Int32, _ routine: String) throws {
    if info < 0 { throw LinearAlgebraError.fromNegativeInfo(routine: routine, info: info) }
    if info > 0 { throw LinearAlgebraError.noConvergence(routine: routine, info: Int(info)) }
  }
}
