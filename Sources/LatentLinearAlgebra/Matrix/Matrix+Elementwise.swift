extension Matrix {
  private func checkSameShape(_ other: Matrix, _ operation: String) throws {
    guard rowCount == other.rowCount && columnCount == other.columnCount else {
      throw LinearAlgebraError.shapeMismatch(
        operation: operation,
        detail: "\(rowCount) × \(columnCount) and \(other.rowCount) × \(other.columnCount) differ; element-wise operations need equal shapes")
    }
  }

  /// `self + alpha · other`, element by element.
  ///
  /// The corresponding BLAS routine is `?axpy`.
  ///
  /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:detail:)`` when the shapes differ.
  /// - Complexity: O(rows × columns).
  public func adding(_ other: Matrix, scaledBy alpha: Scalar = 1) throws -> Matrix {
    try checkSameShape(other, "Matrix.adding(_:)")
    return addingUnchecked(other, scaledBy: alpha)
  }

  /// `self + alpha · other` for operands already known to have the same shape.
  private func addingUnchecked(_ other: Matrix, scaledBy alpha: Scalar) -> Matrix {
    var result = self
    result.elements.withUnsafeMutableBufferPointer { y in
      other.elements.withUnsafeBufferPointer { x in
        var offset = 0
        // ?axpy takes a 32-bit count; long vectors go in chunks.
        while offset < x.count {
          let count = Swift.min(x.count - offset, Int(Int32.max))
          Scalar._axpy(
            n: Int32(count), alpha: alpha, x: x.baseAddress! + offset, incx: 1,
            y: y.baseAddress! + offset, incy: 1)
          offset += count
        }
      }
    }
    return result
  }

  /// `self − other`, element by element.
  ///
  /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:detail:)`` when the shapes differ.
  /// - Complexity: O(rows × columns).
  public func subtracting(_ other: Matrix) throws -> Matrix {
    try checkSameShape(other, "Matrix.subtracting(_:)")
    return addingUnchecked(other, scaledBy: -1)
  }

  /// Every element multiplied by `factor`.
  ///
  /// - Complexity: O(rows × columns).
  public func scaled(by factor: Scalar) -> Matrix {
    var result = self
    result.scale(by: factor)
    return result
  }

  /// Multiplies every element by `factor` in place.
  ///
  /// - Complexity: O(rows × columns).
  public mutating func scale(by factor: Scalar) {
    elements.withUnsafeMutableBufferPointer { x in
      for index in x.indices { x[index] *= factor }
    }
  }

  /// The element-wise sum; traps when the shapes differ (use ``adding(_:scaledBy:)`` to get an error).
  public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
    precondition(lhs.shape == rhs.shape, "Matrix +: shapes \(lhs.shape) and \(rhs.shape) differ")
    return lhs.addingUnchecked(rhs, scaledBy: 1)
  }

  /// The element-wise difference; traps when the shapes differ (use ``subtracting(_:)`` to get an error).
  public static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
    precondition(lhs.shape == rhs.shape, "Matrix -: shapes \(lhs.shape) and \(rhs.shape) differ")
    return lhs.addingUnchecked(rhs, scaledBy: -1)
  }

  /// Every element multiplied by a scalar.
  public static func * (lhs: Scalar, rhs: Matrix) -> Matrix { rhs.scaled(by: lhs) }

  /// Every element multiplied by a scalar.
  public static func * (lhs: Matrix, rhs: Scalar) -> Matrix { lhs.scaled(by: rhs) }

  /// Adds `other` in place; traps when the shapes differ.
  public static func += (lhs: inout Matrix, rhs: Matrix) { lhs = lhs + rhs }

  /// Subtracts `other` in place; traps when the shapes differ.
  public static func -= (lhs: inout Matrix, rhs: Matrix) { lhs = lhs - rhs }

  /// Multiplies in place by a scalar.
  public static func *= (lhs: inout Matrix, rhs: Scalar) { lhs.scale(by: rhs) }

  /// Whether `self` and `other` have the same shape and agree within a tolerance.
  ///
  /// The test is norm-wise, as LAPACK's error bounds are:
  /// `max |aᵢⱼ − bᵢⱼ| ≤ max(absoluteTolerance, relativeTolerance · max(maxᵢⱼ |aᵢⱼ|, maxᵢⱼ |bᵢⱼ|))`.
  /// An element-wise relative test would fail on entries that are rounding
  /// noise around zero. NaN never compares equal.
  ///
  /// ```swift
  /// a.isApproximatelyEqual(to: b, relativeTolerance: 1e-12)
  /// ```
  ///
  /// - Parameters:
  ///   - other: the matrix to compare with.
  ///   - relativeTolerance: defaults to `√ε` of the scalar type (about 1.5e-8 for
  ///     `Double`, 3.5e-4 for `Float`).
  ///   - absoluteTolerance: the floor for matrices that are (nearly) zero; default 0.
  /// - Complexity: O(rows × columns).
  public func isApproximatelyEqual(
    to other: Matrix, relativeTolerance: Scalar = Scalar.ulpOfOne.squareRoot(), absoluteTolerance: Scalar = 0
  ) -> Bool {
    guard shape == other.shape else { return false }
    var largestDifference: Scalar = 0
    var largestMagnitude: Scalar = 0
    for index in elements.indices {
      let a = elements[index]
      let b = other.elements[index]
      if a.isNaN || b.isNaN { return false }
      if a == b { largestMagnitude = Swift.max(largestMagnitude, Swift.abs(a)); continue }
      largestDifference = Swift.max(largestDifference, Swift.abs(a - b))
      largestMagnitude = Swift.max(largestMagnitude, Swift.abs(a), Swift.abs(b))
    }
    if !largestDifference.isFinite { return false }
    return largestDifference <= Swift.max(absoluteTolerance, relativeTolerance * largestMagnitude)
  }
}

extension Matrix {
  /// A matrix of the same shape with `transform` applied to every element.
  ///
  /// ```swift
  /// let distances = squaredDistances.map { $0.squareRoot() }
  /// ```
  ///
  /// - Complexity: O(rows × columns).
  public func map(_ transform: (Scalar) throws -> Scalar) rethrows -> Matrix {
    Matrix(unchecked: rowCount, columnCount, ContiguousArray(try elements.map(transform)))
  }

  /// Calls `body` with the row-major elements (element `(i, j)` at `i * columnCount + j`).
  ///
  /// - Complexity: O(1) plus `body`.
  public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Scalar>) throws -> R) rethrows -> R {
    try elements.withUnsafeBufferPointer(body)
  }

  /// Calls `body` with the mutable row-major elements; the shape cannot change.
  ///
  /// - Complexity: O(1) plus `body` (O(rows × columns) if the storage is shared and must be copied first).
  public mutating func withUnsafeMutableBufferPointer<R>(
    _ body: (inout UnsafeMutableBufferPointer<Scalar>) throws -> R
  ) rethrows -> R {
    let count = elements.count
    return try elements.withUnsafeMutableBufferPointer { buffer in
      let result = try body(&buffer)
      precondition(buffer.count == count, "Matrix.withUnsafeMutableBufferPointer: the buffer must not be replaced")
      return result
    }
  }
}
