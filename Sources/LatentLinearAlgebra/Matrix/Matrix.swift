/// A dense matrix of `Float` or `Double`, stored row-major with copy-on-write.
///
/// Rows are samples and columns are features, as in scikit-learn: a data set of
/// 512 images of 250 × 400 pixels is a `Matrix` with 512 rows and 100,000 columns.
///
/// ```swift
/// var x = try Matrix<Double>(rows: [[1, 2, 3], [4, 5, 6]])
/// x[1, 2] = 7
/// let gram = x.gram()                 // x · xᵀ, 2 × 2, by ?syrk
/// let product = try x.multiplied(by: x, transposingOther: true)  // the same, by ?gemm
/// print(x.shape)                      // (rows: 2, columns: 3)
/// ```
///
/// `Matrix` is a value type: copies share storage until one of them is
/// mutated. Products and decompositions call OpenBLAS and LAPACK; they never
/// ask LAPACKE to transpose a matrix into a temporary copy.
public struct Matrix<Scalar: LinearAlgebraScalar>: Sendable {
  /// The number of rows (samples).
  public private(set) var rowCount: Int
  /// The number of columns (features).
  public private(set) var columnCount: Int
  /// The elements in row-major order: element `(i, j)` is at `i * columnCount + j`.
  public internal(set) var elements: ContiguousArray<Scalar>

  /// Creates a matrix from its elements in row-major order.
  ///
  /// ```swift
  /// let m = try Matrix<Double>(rowCount: 2, columnCount: 3, elements: [1, 2, 3, 4, 5, 6])
  /// ```
  ///
  /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:detail:)`` when
  ///   `elements.count != rowCount * columnCount`, or
  ///   ``LinearAlgebraError/invalidArgument(operation:detail:)`` for a negative count.
  /// - Complexity: O(1) for a `ContiguousArray`, O(count) otherwise.
  public init<C: Collection>(rowCount: Int, columnCount: Int, elements: C) throws
  where C.Element == Scalar {
    guard rowCount >= 0, columnCount >= 0 else {
      throw LinearAlgebraError.invalidArgument(
        operation: "Matrix(rowCount:columnCount:elements:)",
        detail: "row and column counts must not be negative (got \(rowCount) × \(columnCount)).")
    }
    let (count, overflow) = rowCount.multipliedReportingOverflow(by: columnCount)
    guard !overflow, elements.count == count else {
      throw LinearAlgebraError.shapeMismatch(
        operation: "Matrix(rowCount:columnCount:elements:)",
        detail: "\(rowCount) × \(columnCount) needs \(overflow ? "more than Int.max" : String(count)) elements, got \(elements.count)")
    }
    self.rowCount = rowCount
    self.columnCount = columnCount
    self.elements = ContiguousArray(elements)
  }

  /// Creates a matrix from an array of rows of equal length.
  ///
  /// ```swift
  /// let m = try Matrix<Float>(rows: [[1, 2], [3, 4], [5, 6]])  // 3 × 2
  /// ```
  ///
  /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:detail:)`` when the rows differ in length.
  /// - Complexity: O(rows × columns).
  public init(rows: [[Scalar]]) throws {
    let columnCount = rows.first?.count ?? 0
    var storage = ContiguousArray<Scalar>()
    storage.reserveCapacity(rows.count * columnCount)
    for (index, row) in rows.enumerated() {
      guard row.count == columnCount else {
        throw LinearAlgebraError.shapeMismatch(
          operation: "Matrix(rows:)",
          detail: "row 0 has \(columnCount) elements but row \(index) has \(row.count); all rows need the same length")
      }
      storage.append(contentsOf: row)
    }
    self.rowCount = rows.count
    self.columnCount = columnCount
    self.elements = storage
  }

  /// Creates a matrix with every element equal to `value`.
  ///
  /// ```swift
  /// let zeros = Matrix<Double>(rowCount: 3, columnCount: 4, repeating: 0)
  /// ```
  ///
  /// - Precondition: both counts are non-negative.
  /// - Complexity: O(rows × columns).
  public init(rowCount: Int, columnCount: Int, repeating value: Scalar) {
    precondition(rowCount >= 0 && columnCount >= 0, "Matrix: row and column counts must not be negative")
    self.rowCount = rowCount
    self.columnCount = columnCount
    self.elements = ContiguousArray(repeating: value, count: rowCount * columnCount)
  }

  /// Creates a matrix whose element `(i, j)` is `body(i, j)`.
  ///
  /// ```swift
  /// let hilbert = Matrix<Double>(rowCount: 4, columnCount: 4) { i, j in 1 / Double(i + j + 1) }
  /// ```
  ///
  /// - Complexity: O(rows × columns) calls of `body`.
  public init(rowCount: Int, columnCount: Int, _ body: (_ row: Int, _ column: Int) throws -> Scalar) rethrows {
    precondition(rowCount >= 0 && columnCount >= 0, "Matrix: row and column counts must not be negative")
    var storage = ContiguousArray<Scalar>()
    storage.reserveCapacity(rowCount * columnCount)
    for i in 0..<rowCount {
      for j in 0..<columnCount { storage.append(try body(i, j)) }
    }
    self.rowCount = rowCount
    self.columnCount = columnCount
    self.elements = storage
  }

  /// Wraps storage whose size the caller has already checked.
  init(unchecked rowCount: Int, _ columnCount: Int, _ elements: ContiguousArray<Scalar>) {
    assert(elements.count == rowCount * columnCount)
    self.rowCount = rowCount
    self.columnCount = columnCount
    self.elements = elements
  }

  /// The `size × size` identity matrix.
  ///
  /// - Complexity: O(size²).
  public static func identity(_ size: Int) -> Matrix {
    var result = Matrix(rowCount: size, columnCount: size, repeating: 0)
    for i in 0..<size { result.elements[i * size + i] = 1 }
    return result
  }

  /// A matrix with one row per element of `values` and a single column.
  public init(column values: [Scalar]) {
    self.init(unchecked: values.count, 1, ContiguousArray(values))
  }

  /// The row and column counts.
  public var shape: (rows: Int, columns: Int) { (rowCount, columnCount) }

  /// Whether the matrix has no elements.
  public var isEmpty: Bool { rowCount == 0 || columnCount == 0 }

  /// Whether the matrix has as many rows as columns.
  public var isSquare: Bool { rowCount == columnCount }

  /// The element at `row`, `column`.
  ///
  /// - Precondition: both indices are in range.
  public subscript(row: Int, column: Int) -> Scalar {
    get {
      precondition(row >= 0 && row < rowCount && column >= 0 && column < columnCount,
        "Matrix index (\(row), \(column)) out of range for a \(rowCount) × \(columnCount) matrix")
      return elements[row * columnCount + column]
    }
    set {
      precondition(row >= 0 && row < rowCount && column >= 0 && column < columnCount,
        "Matrix index (\(row), \(column)) out of range for a \(rowCount) × \(columnCount) matrix")
      elements[row * columnCount + column] = newValue
    }
  }

  /// The elements of one row.
  ///
  /// - Complexity: O(columns).
  public func row(_ index: Int) -> [Scalar] {
    precondition(index >= 0 && index < rowCount, "Matrix row \(index) out of range 0..<\(rowCount)")
    let start = index * columnCount
    return Array(elements[start..<(start + columnCount)])
  }

  /// The elements of one column.
  ///
  /// - Complexity: O(rows).
  public func column(_ index: Int) -> [Scalar] {
    precondition(index >= 0 && index < columnCount, "Matrix column \(index) out of range 0..<\(columnCount)")
    return (0..<rowCount).map { elements[$0 * columnCount + index] }
  }

  /// Replaces one row.
  ///
  /// - Precondition: `values.count == columnCount`.
  public mutating func setRow(_ index: Int, to values: [Scalar]) {
    precondition(index >= 0 && index < rowCount, "Matrix row \(index) out of range 0..<\(rowCount)")
    precondition(values.count == columnCount, "Matrix.setRow: \(values.count) values for \(columnCount) columns")
    let start = index * columnCount
    elements.replaceSubrange(start..<(start + columnCount), with: values)
  }

  /// The rows at the given indices, in that order, as a new matrix.
  ///
  /// - Complexity: O(indices × columns).
  public func rows<S: Sequence>(at indices: S) -> Matrix where S.Element == Int {
    var storage = ContiguousArray<Scalar>()
    var count = 0
    for index in indices {
      precondition(index >= 0 && index < rowCount, "Matrix row \(index) out of range 0..<\(rowCount)")
      let start = index * columnCount
      storage.append(contentsOf: elements[start..<(start + columnCount)])
      count += 1
    }
    return Matrix(unchecked: count, columnCount, storage)
  }

  /// The columns at the given indices, in that order, as a new matrix.
  ///
  /// - Complexity: O(rows × indices).
  public func columns(at indices: [Int]) -> Matrix {
    for index in indices {
      precondition(index >= 0 && index < columnCount, "Matrix column \(index) out of range 0..<\(columnCount)")
    }
    var storage = ContiguousArray<Scalar>()
    storage.reserveCapacity(rowCount * indices.count)
    for i in 0..<rowCount {
      let base = i * columnCount
      for j in indices { storage.append(elements[base + j]) }
    }
    return Matrix(unchecked: rowCount, indices.count, storage)
  }

  /// Converts every element to another precision.
  ///
  /// ```swift
  /// let single: Matrix<Float> = Matrix<Float>(converting: doubleMatrix)
  /// ```
  public init<Other: LinearAlgebraScalar>(converting other: Matrix<Other>) {
    // The Float and Double cases are written out: called from another module, this generic
    // initializer is not specialised, and its element loop would convert through protocol
    // witnesses (about 0.06 s for 512 × 512).
    if let same = other as? Matrix<Scalar> {
      self = same
    } else if let single = other.elements as? ContiguousArray<Float>, Scalar.self == Double.self {
      let storage = ContiguousArray<Double>(unsafeUninitializedCapacity: single.count) { buffer, count in
        for i in single.indices { buffer[i] = Double(single[i]) }
        count = single.count
      }
      self.init(unchecked: other.rowCount, other.columnCount, storage as! ContiguousArray<Scalar>)
    } else if let double = other.elements as? ContiguousArray<Double>, Scalar.self == Float.self {
      let storage = ContiguousArray<Float>(unsafeUninitializedCapacity: double.count) { buffer, count in
        for i in double.indices { buffer[i] = Float(double[i]) }
        count = double.count
      }
      self.init(unchecked: other.rowCount, other.columnCount, storage as! ContiguousArray<Scalar>)
    } else {
      self.init(unchecked: other.rowCount, other.columnCount, ContiguousArray(other.elements.lazy.map { Scalar($0) }))
    }
  }
}

extension Matrix: Equatable {
  /// Exact element-wise equality of two matrices of the same shape. Use
  /// ``isApproximatelyEqual(to:relativeTolerance:absoluteTolerance:)`` for computed results.
  public static func == (lhs: Matrix, rhs: Matrix) -> Bool {
    lhs.rowCount == rhs.rowCount && lhs.columnCount == rhs.columnCount && lhs.elements == rhs.elements
  }
}

extension Matrix: Codable {
  private enum CodingKeys: String, CodingKey { case rows, columns, elements }

  /// Decodes `{"rows": r, "columns": c, "elements": [...]}` and checks the element count.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let rows = try container.decode(Int.self, forKey: .rows)
    let columns = try container.decode(Int.self, forKey: .columns)
    let values = try container.decode([Scalar].self, forKey: .elements)
    do {
      try self.init(rowCount: rows, columnCount: columns, elements: values)
    } catch {
      throw DecodingError.dataCorruptedError(
        forKey: .elements, in: container, debugDescription: String(describing: error))
    }
  }

  /// Encodes the shape and the row-major elements.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(rowCount, forKey: .rows)
    try container.encode(columnCount, forKey: .columns)
    try container.encode(Array(elements), forKey: .elements)
  }
}

extension Matrix: CustomStringConvertible {
  /// A readable rendering: the shape and type, then the rows, with the middle
  /// rows and columns elided for large matrices.
  ///
  /// ```
  /// 2 × 3 Matrix<Double>
  /// [ 1.0  2.0  3.0 ]
  /// [ 4.0  5.0  6.0 ]
  /// ```
  public var description: String {
    let maxShown = 8
    func indices(_ count: Int) -> [Int?] {
      if count <= maxShown { return Array(0..<count) }
      return Array(0..<(maxShown / 2)) + [nil] + Array((count - maxShown / 2)..<count)
    }
    let rowIndices = indices(rowCount)
    let columnIndices = indices(columnCount)
    var cells: [[String]] = []
    for i in rowIndices {
      cells.append(columnIndices.map { j in
        guard let i, let j else { return "…" }
        return self[i, j].description
      })
    }
    var widths = [Int](repeating: 1, count: columnIndices.count)
    for row in cells { for (k, cell) in row.enumerated() { widths[k] = max(widths[k], cell.count) } }
    var lines = ["\(rowCount) × \(columnCount) Matrix<\(Scalar.precisionName)>"]
    for row in cells {
      let padded = row.enumerated().map { k, cell in String(repeating: " ", count: widths[k] - cell.count) + cell }
      lines.append("[ " + padded.joined(separator: "  ") + " ]")
    }
    return lines.joined(separator: "\n")
  }
}
