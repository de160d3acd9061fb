import CZlib
import Foundation
import LatentLinearAlgebra

/// An array read from an IDX file, the format of MNIST and Fashion-MNIST.
///
/// ```swift
/// let images = try IDXArray.read(contentsOf: "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")
/// images.shape        // [60000, 28, 28]
/// let pixels: Matrix<Double> = try images.matrix(dividingBy: 255)  // 60000 × 784
/// ```
///
/// The format: two zero bytes, a type code (0x08 unsigned byte, 0x09 signed byte,
/// 0x0B 16-bit, 0x0C 32-bit integer, 0x0D float, 0x0E double), the number of
/// dimensions, each dimension as a big-endian 32-bit integer, then the data,
/// big-endian, row-major. Gzip-compressed files are decompressed with zlib.
public struct IDXArray: Sendable {
  /// The element type of an IDX file.
  public enum ElementType: UInt8, Sendable {
    /// Type code 0x08: unsigned 8-bit integers (MNIST and Fashion-MNIST pixels and labels).
    case unsignedByte = 0x08
    /// Type code 0x09: signed 8-bit integers.
    case signedByte = 0x09
    /// Type code 0x0B: signed 16-bit integers, big-endian.
    case short = 0x0B
    /// Type code 0x0C: signed 32-bit integers, big-endian.
    case int = 0x0C
    /// Type code 0x0D: 32-bit floats, big-endian.
    case float = 0x0D
    /// Type code 0x0E: 64-bit floats, big-endian.
    case double = 0x0E

    /// Bytes per element.
    public var size: Int {
      switch self {
      case .unsignedByte, .signedByte: 1
      case .short: 2
      case .int, .float: 4
      case .double: 8
      }
    }
  }

  /// The dimensions, outermost first (for images: count, rows, columns).
  public let shape: [Int]
  /// The element type.
  public let elementType: ElementType
  /// The raw data, big-endian as in the file.
  public let data: [UInt8]

  private init(shape: [Int], elementType: ElementType, data: [UInt8]) {
    self.shape = shape
    self.elementType = elementType
    self.data = data
  }

  /// The default ceiling on the data an IDX header may declare: 4 GiB.
  public static let defaultByteLimit = 4 << 30

  /// Reads an IDX file, gzip-compressed or not.
  ///
  /// The file is mapped into memory and parsed by ``init(data:path:byteLimit:)``:
  /// nothing is allocated for the data before its header has been validated.
  ///
  /// - Throws: ``DataError`` naming the file and the problem.
  /// - Complexity: O(file size).
  public static func read(contentsOf path: String, byteLimit: Int = defaultByteLimit) throws -> IDXArray {
    try IDXArray(data: try mappedFile(path), path: path, byteLimit: byteLimit)
  }

  /// Parses the bytes of an IDX file, gzip-compressed (recognised by its magic
  /// number `1F 8B`) or not; `path` is used in messages only.
  ///
  /// ```swift
  /// let labels = try IDXArray(data: downloaded, byteLimit: 1 << 20).integers()
  /// ```
  ///
  /// The header is validated before anything is allocated: the declared size
  /// must fit `byteLimit`, and must equal the bytes that follow the header (plain
  /// data) or agree with the gzip trailer's uncompressed size (compressed data,
  /// which is inflated in memory). Compressed data must then end exactly where
  /// the header says, with a correct checksum.
  ///
  /// - Throws: ``DataError`` naming `path` and the problem.
  /// - Complexity: O(`data.count` + declared size).
  public init(data: Data, path: String = "<memory>", byteLimit: Int = defaultByteLimit) throws {
    self = try data.withUnsafeBytes { bytes in
      GzipStream.isGzip(bytes)
        ? try Self.parseCompressed(bytes, path, byteLimit) : try Self.parsePlain(bytes, path, byteLimit)
    }
  }

  private static func parsePlain(_ bytes: UnsafeRawBufferPointer, _ path: String, _ byteLimit: Int) throws -> IDXArray {
    let (type, rank) = try parseMagic(Array(bytes.prefix(4)), path)
    let headerSize = 4 + 4 * rank
    let shape = try parseShape(Array(bytes.dropFirst(4).prefix(4 * rank)), rank: rank, path)
    let size = try declaredBytes(shape, type, byteLimit, path)
    guard bytes.count - headerSize == size else {
      throw DataError.invalidFormat(
        path: path, detail: "the header declares \(size) bytes of data (shape \(shape)) but the file holds \(bytes.count - headerSize).")
    }
    return IDXArray(shape: shape, elementType: type, data: Array(bytes[headerSize...]))
  }

  private static func parseCompressed(_ bytes: UnsafeRawBufferPointer, _ path: String, _ byteLimit: Int) throws -> IDXArray {
    let stream = try GzipStream(bytes, path: path)
    var magic = [UInt8](repeating: 0, count: 4)
    try magic.withUnsafeMutableBytes { try stream.readExactly(into: $0, "the IDX header") }
    let (type, rank) = try parseMagic(magic, path)
    var dimensions = [UInt8](repeating: 0, count: 4 * rank)
    try dimensions.withUnsafeMutableBytes { try stream.readExactly(into: $0, "the IDX header") }
    let shape = try parseShape(dimensions, rank: rank, path)
    let size = try declaredBytes(shape, type, byteLimit, path)
    let total = 4 + 4 * rank + size
    guard UInt32(truncatingIfNeeded: total) == stream.trailerSize else {
      throw DataError.invalidFormat(
        path: path,
        detail: "the header declares \(size) bytes of data (shape \(shape)) but the gzip trailer says the file holds \(Int(stream.trailerSize) - 4 - 4 * rank) (mod 2³²).")
    }
    guard total / GzipStream.maximumExpansion <= bytes.count else {
      throw DataError.invalidFormat(
        path: path, detail: "the header declares \(size) bytes of data, more than \(bytes.count) bytes of gzip can hold.")
    }
    var data = [UInt8](repeating: 0, count: size)
    try data.withUnsafeMutableBytes { try stream.readExactly(into: $0, "data") }
    try stream.expectEnd()
    return IDXArray(shape: shape, elementType: type, data: data)
  }

  private static func parseMagic(_ bytes: [UInt8], _ path: String) throws -> (ElementType, Int) {
    guard bytes.count == 4, bytes[0] == 0, bytes[1] == 0 else {
      throw DataError.invalidFormat(path: path, detail: "not an IDX file (it must start with two zero bytes).")
    }
    guard let type = ElementType(rawValue: bytes[2]) else {
      throw DataError.invalidFormat(path: path, detail: String(format: "unknown IDX element type 0x%02X.", bytes[2]))
    }
    let rank = Int(bytes[3])
    guard rank >= 1 else { throw DataError.invalidFormat(path: path, detail: "an IDX array needs at least one dimension.") }
    return (type, rank)
  }

  private static func parseShape(_ bytes: [UInt8], rank: Int, _ path: String) throws -> [Int] {
    guard bytes.count == 4 * rank else {
      throw DataError.invalidFormat(path: path, detail: "the header ends before its \(rank) dimensions.")
    }
    return (0..<rank).map { i in
      var value = 0
      for k in 0..<4 { value = value << 8 | Int(bytes[4 * i + k]) }
      return value
    }
  }

  private static func declaredBytes(_ shape: [Int], _ type: ElementType, _ limit: Int, _ path: String) throws -> Int {
    guard let bytes = checkedByteCount(shape: shape, elementSize: type.size) else {
      throw DataError.invalidFormat(path: path, detail: "the shape \(shape) overflows.")
    }
    guard bytes <= limit else { throw DataError.tooLarge(path: path, bytes: bytes, limit: limit) }
    return bytes
  }

  /// The number of elements.
  public var count: Int { shape.reduce(1, *) }

  /// Element `index` (flat, row-major) as a `Double`.
  public func value(at index: Int) -> Double {
    let size = elementType.size
    let offset = index * size
    func bigEndian(_ width: Int) -> UInt64 {
      var value: UInt64 = 0
      for k in 0..<width { value = value << 8 | UInt64(data[offset + k]) }
      return value
    }
    switch elementType {
    case .unsignedByte: return Double(data[offset])
    case .signedByte: return Double(Int8(bitPattern: data[offset]))
    case .short: return Double(Int16(bitPattern: UInt16(bigEndian(2))))
    case .int: return Double(Int32(bitPattern: UInt32(bigEndian(4))))
    case .float: return Double(Float(bitPattern: UInt32(bigEndian(4))))
    case .double: return Double(bitPattern: bigEndian(8))
    }
  }

  /// The array as a matrix: the first dimension is the rows, the others are
  /// flattened into columns (28 × 28 images become 784 features), each value divided by
  /// `divisor` in `Double` (so pixels / 255 round exactly as numpy's `x / 255.0`).
  ///
  /// - Parameters:
  ///   - divisor: each value is divided by it (255 scales pixels to [0, 1]).
  ///   - rows: the first-dimension indices to take, in order; all by default.
  /// - Throws: ``DataError/invalidRequest(_:)`` for a row index out of range.
  /// - Complexity: O(rows × columns).
  public func matrix<Scalar: LinearAlgebraScalar>(dividingBy divisor: Double = 1, rows: [Int]? = nil) throws -> Matrix<Scalar> {
    let columns = shape.dropFirst().reduce(1, *)
    if let rows {
      for row in rows where row < 0 || row >= shape[0] {
        throw DataError.invalidRequest("row \(row) is outside the IDX array's \(shape[0]) rows.")
      }
      return try matrix(of: rows, columns: columns, dividingBy: divisor)
    }
    // All rows, without listing them: a header may declare billions of empty rows.
    return try matrix(of: 0..<shape[0], columns: columns, dividingBy: divisor)
  }

  private func matrix<Scalar: LinearAlgebraScalar, Rows: Collection<Int>>(
    of selected: Rows, columns: Int, dividingBy divisor: Double
  ) throws -> Matrix<Scalar> {
    guard columns > 0 else { return try Matrix(rowCount: selected.count, columnCount: 0, elements: []) }
    // Called from other modules, this generic function runs unspecialized: an element loop costs
    // ~50 ns per value (4–5 s for Fashion-MNIST's 55 million pixels). Dispatch to concrete types.
    if elementType == .unsignedByte {
      if Scalar.self == Double.self {
        return try bytesToMatrix(Double.self, selected, columns, divisor) as! Matrix<Scalar>
      }
      if Scalar.self == Float.self {
        return try bytesToMatrix(Float.self, selected, columns, divisor) as! Matrix<Scalar>
      }
    }
    var storage = ContiguousArray<Scalar>()
    storage.reserveCapacity(selected.count * columns)
    if elementType == .unsignedByte {
      // The common case (images): a lookup table of the 256 scaled values.
      let table = (0..<256).map { Scalar(Double($0) / divisor) }
      data.withUnsafeBufferPointer { bytes in
        for row in selected {
          let start = row * columns
          for k in start..<(start + columns) { storage.append(table[Int(bytes[k])]) }
        }
      }
    } else {
      for row in selected {
        for k in (row * columns)..<((row + 1) * columns) { storage.append(Scalar(value(at: k) / divisor)) }
      }
    }
    return try Matrix(rowCount: selected.count, columnCount: columns, elements: storage)
  }

  /// Unsigned bytes to a concrete precision through a table of the 256 scaled values.
  private func bytesToMatrix<T: LinearAlgebraScalar, Rows: Collection<Int>>(
    _: T.Type, _ selected: Rows, _ columns: Int, _ divisor: Double
  ) throws -> Matrix<T> {
    let table = (0..<256).map { T(Double($0) / divisor) }
    let count = selected.count * columns
    let storage = data.withUnsafeBufferPointer { bytes in
      ContiguousArray<T>(unsafeUninitializedCapacity: count) { buffer, initialized in
        var offset = 0
        for row in selected {
          let start = row * columns
          for k in 0..<columns { buffer[offset + k] = table[Int(bytes[start + k])] }
          offset += columns
        }
        initialized = count
      }
    }
    return try Matrix(rowCount: selected.count, columnCount: columns, elements: storage)
  }

  /// The array as integers (for label files).
  ///
  /// - Throws: ``DataError/invalidFormat(path:detail:)`` when a float or double
  ///   element is not an integer that `Int` can hold.
  /// - Complexity: O(count).
  public func integers() throws -> [Int] {
    try (0..<count).map { index in
      let value = value(at: index)
      guard let integer = Int(exactly: value) else {
        throw DataError.invalidFormat(path: "<idx>", detail: "labels must be integers; element \(index) is \(value).")
      }
      return integer
    }
  }
}
