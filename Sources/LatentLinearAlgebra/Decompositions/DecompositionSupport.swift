extension Matrix {
  /// Checks what every decomposition needs: a non-empty, finite (and, if asked, square) matrix.
  func checkDecompositionInput(_ operation: String, square: Bool) throws {
    guard !isEmpty else { throw LinearAlgebraError.emptyMatrix(operation: operation) }
    if square && rowCount != columnCount {
      throw LinearAlgebraError.shapeMismatch(
        operation: operation, detail: "a square matrix is required, got \(rowCount) × \(columnCount)")
    }
    try checkFinite(operation)
  }

  /// Checks symmetry to a tolerance of 1000 ε relative to the largest entry:
  /// LAPACK's symmetric routines read one triangle only, so an asymmetric
  /// matrix would otherwise give a silently wrong answer.
  func checkSymmetric(_ operation: String) throws {
    let n = rowCount
    var largest: Scalar = 0
    for value in elements { largest = Swift.max(largest, Swift.abs(value)) }
    let tolerance = 1000 * Scalar.ulpOfOne * largest
    for i in 0..<n {
      for j in (i + 1)..<n where Swift.abs(elements[i * n + j] - elements[j * n + i]) > tolerance {
        throw LinearAlgebraError.notSymmetric(operation: operation, row: i, column: j)
      }
    }
  }

  /// The largest absolute row sum (the ∞-norm), which is the 1-norm of the
  /// transpose that LAPACK sees in our row-major storage.
  func infinityNorm() -> Scalar {
    var best: Scalar = 0
    for i in 0..<rowCount {
      var sum: Scalar = 0
      for j in 0..<columnCount { sum += Swift.abs(elements[i * columnCount + j]) }
      best = Swift.max(best, sum)
    }
    return best
  }
}

/// Reads an `n × k` column-major block with leading dimension `ld` whose
/// columns are eigenvectors in ascending order of eigenvalue, and returns them
/// as the columns of a row-major `n × k` matrix in descending order.
func descendingColumns<Scalar: LinearAlgebraScalar>(
  columnMajor z: UnsafeBufferPointer<Scalar>, rows n: Int, columns k: Int, leadingDimension ld: Int
) -> Matrix<Scalar> {
  var result = ContiguousArray<Scalar>(repeating: 0, count: n * k)
  for c in 0..<k {
    let source = k - 1 - c
    for r in 0..<n { result[r * k + c] = z[source * ld + r] }
  }
  return Matrix(unchecked: n, k, result)
}
