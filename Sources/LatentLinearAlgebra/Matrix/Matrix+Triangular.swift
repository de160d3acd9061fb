extension Matrix {
  /// `L⁻¹ · B` for this lower-triangular `L` (`m × m`) and an `m × k` matrix `B`.
  ///
  /// Only the lower triangle is read. A zero on the diagonal gives infinities or NaN, which
  /// the caller checks. The corresponding BLAS routine is `?trsm`.
  /// - Complexity: O(m² · k).
  package func solvingLower(_ b: Matrix) -> Matrix { triangularSolve(b, transpose: false) }

  /// `L⁻ᵀ · B` for this lower-triangular `L` (`m × m`) and an `m × k` matrix `B`.
  ///
  /// Only the lower triangle is read. The corresponding BLAS routine is `?trsm`.
  /// - Complexity: O(m² · k).
  package func solvingTransposedLower(_ b: Matrix) -> Matrix { triangularSolve(b, transpose: true) }

  private func triangularSolve(_ b: Matrix, transpose: Bool) -> Matrix {
    precondition(rowCount == columnCount && b.rowCount == rowCount, "triangular solve: shapes \(rowCount) × \(columnCount) and \(b.rowCount) × \(b.columnCount)")
    var result = b.elements
    guard !result.isEmpty else { return b }
    let (m, k) = (Int32(truncatingIfNeeded: rowCount), Int32(truncatingIfNeeded: b.columnCount))
    elements.withUnsafeBufferPointer { l in
      result.withUnsafeMutableBufferPointer { x in
        Scalar._trsm(
          left: true, lower: true, transpose: transpose, unitDiagonal: false, m: m, n: k, alpha: 1,
          a: l.baseAddress!, lda: m, b: x.baseAddress!, ldb: k)
      }
    }
    return Matrix(unchecked: b.rowCount, b.columnCount, result)
  }
}
