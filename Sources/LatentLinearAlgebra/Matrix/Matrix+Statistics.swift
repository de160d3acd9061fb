extension Matrix {
  /// The mean of each column (feature): a vector of length `columnCount`.
  ///
  /// ```swift
  /// let mean = x.columnMeans()
  /// let centred = try x.centered(by: mean)
  /// ```
  ///
  /// Sums run row by row over contiguous memory: one pass over the data. With
  /// no rows every mean is NaN (0 / 0); models check for that before calling.
  ///
  /// - Complexity: O(rows × columns).
  public func columnMeans() -> [Scalar] {
    var sums = [Scalar](repeating: 0, count: columnCount)
    let n = columnCount
    elements.withUnsafeBufferPointer { x in
      sums.withUnsafeMutableBufferPointer { s in
        for i in 0..<rowCount {
          let row = x.baseAddress! + i * n
          for j in 0..<n { s[j] += row[j] }
        }
      }
    }
    let count = Scalar(rowCount)
    return sums.map { $0 / count }
  }

  /// The Euclidean norm of each row (sample): a vector of length `rowCount`.
  ///
  /// The corresponding BLAS routine is `?nrm2`, which scales to avoid overflow
  /// and underflow (rows with entries near 1e200 or 1e-200 are fine).
  ///
  /// - Complexity: O(rows × columns).
  public func rowNorms() -> [Scalar] {
    guard columnCount > 0 else { return [Scalar](repeating: 0, count: rowCount) }
    guard let n = Int32(exactly: columnCount) else {
      preconditionFailure("Matrix.rowNorms: \(columnCount) columns exceed the 32-bit BLAS interface")
    }
    return elements.withUnsafeBufferPointer { x in
      (0..<rowCount).map { i in Scalar._nrm2(n: n, x: x.baseAddress! + i * columnCount, incx: 1) }
    }
  }

  /// The largest magnitude of an element, `max |xᵢⱼ|` (0 for an empty matrix; NaN elements may
  /// be skipped, so check finiteness first). The corresponding BLAS routine is `i?amax`.
  ///
  /// ```swift
  /// let x = try Matrix<Double>(rows: [[1, -7], [3, 4]])
  /// print(x.largestMagnitude())   // 7.0
  /// ```
  ///
  /// - Complexity: O(rows × columns).
  public func largestMagnitude() -> Scalar {
    elements.withUnsafeBufferPointer { x in
      var largest: Scalar = 0
      var start = 0
      // Chunks of at most 2³⁰ elements: the BLAS interface counts in `Int32`.
      while start < x.count {
        let count = Swift.min(x.count - start, 1 << 30)
        let chunk = x.baseAddress! + start
        largest = Swift.max(largest, Swift.abs(chunk[Scalar._iamax(n: Int32(count), x: chunk, incx: 1)]))
        start += count
      }
      return largest
    }
  }

  /// Every row minus `vector` (for example the column means).
  ///
  /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:detail:)`` when
  ///   `vector.count != columnCount`.
  /// - Complexity: O(rows × columns).
  public func centered(by vector: [Scalar]) throws -> Matrix {
    var result = self
    try result.center(by: vector)
    return result
  }

  /// Subtracts `vector` from every row in place.
  ///
  /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:detail:)`` when
  ///   `vector.count != columnCount`.
  /// - Complexity: O(rows × columns).
  public mutating func center(by vector: [Scalar]) throws {
    guard vector.count == columnCount else {
      throw LinearAlgebraError.shapeMismatch(
        operation: "Matrix.center(by:)",
        detail: "the vector has \(vector.count) elements but the matrix has \(columnCount) columns")
    }
    let n = columnCount
    let rows = rowCount
    elements.withUnsafeMutableBufferPointer { x in
      vector.withUnsafeBufferPointer { v in
        for i in 0..<rows {
          let row = x.baseAddress! + i * n
          for j in 0..<n { row[j] -= v[j] }
        }
      }
    }
  }

  /// The first position of a NaN or infinite element, or `nil` when all are finite.
  ///
  /// - Complexity: O(rows × columns).
  @inlinable
  public func firstNonFiniteIndex() -> (row: Int, column: Int)? {
    guard let flat = elements.firstIndex(where: { !$0.isFinite }) else { return nil }
    return (flat / Swift.max(columnCount, 1), flat % Swift.max(columnCount, 1))
  }

  /// Throws when any element is NaN or infinite.
  ///
  /// - Parameter operation: the name the error message should carry.
  /// - Throws: ``LinearAlgebraError/nonFiniteValue(operation:row:column:)``.
  /// - Complexity: O(rows × columns).
  public func checkFinite(_ operation: String = "Matrix.checkFinite") throws {
    if let (row, column) = firstNonFiniteIndex() {
      throw LinearAlgebraError.nonFiniteValue(operation: operation, row: row, column: column)
    }
  }
}
