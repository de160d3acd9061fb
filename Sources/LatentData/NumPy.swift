import Foundation
import LatentLinearAlgebra

/// A NumPy `.npy` array (format versions 1, 2 and 3), for users coming from Python.
///
/// ```swift
/// let x: Matrix<Double> = try NumPyArray.read(contentsOf: "pixels.npy").matrix()
/// let y = try NumPyArray.read(contentsOf: "labels.npy").integers()
/// ```
///
/// Supported element types: `u1`, `i1`, `u2`, `i2`, `u4`, `i4`, `u8`, `i8`, `f4`, `f8`, either
/// byte order; C order only (a Fortran-order file is refused with a message saying how to convert it).
public struct NumPyArray: Sendable {
  /// The dimensions, outermost first.
  public let shape: [Int]
  /// The element type, as NumPy's `descr` string (such as "<f8" or "|u1").
  public let descriptor: String
  /// The raw data bytes, in the file's byte order.
  public let data: Data

  private let kind: Character
  private let size: Int
  private let littleEndian: Bool

  /// The default ceiling on the data a header may declare: 8 GiB.
  public static let defaultByteLimit = 8 << 30

  /// Reads a `.npy` file, validating the header against the file's size before using the data.
  ///
  /// - Throws: ``DataError`` naming the file and the problem.
  /// - Complexity: O(file size).
  public static func read(contentsOf path: String, byteLimit: Int = defaultByteLimit) throws -> NumPyArray {
    try NumPyArray(file: try mappedFile(path), path: path, byteLimit: byteLimit)
  }

  /// Parses the bytes of a `.npy` file (`path` is used in messages only).
  public init(file: Data, path: String = "<memory>", byteLimit: Int = defaultByteLimit) throws {
    let bytes = [UInt8](file.prefix(12))
    let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // "\x93NUMPY"
    guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
      throw DataError.invalidFormat(path: path, detail: "not a NumPy .npy file (bad magic string).")
    }
    let major = bytes[6]
    let headerLength: Int
    let headerStart: Int
    switch major {
    case 1:
      headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
      headerStart = 10
    case 2, 3:
      guard bytes.count >= 12 else { throw DataError.invalidFormat(path: path, detail: "truncated .npy header.") }
      headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
      headerStart = 12
    default:
      throw DataError.invalidFormat(path: path, detail: "unsupported .npy format version \(major).")
    }
    guard headerLength <= 1 << 20, headerStart + headerLength <= file.count else {
      throw DataError.invalidFormat(path: path, detail: "the .npy header length \(headerLength) does not fit the file.")
    }
    let headerBytes = file.subdata(in: (file.startIndex + headerStart)..<(file.startIndex + headerStart + headerLength))
    guard let header = String(data: headerBytes, encoding: major == 3 ? .utf8 : .isoLatin1) else {
      throw DataError.invalidFormat(path: path, detail: "the .npy header is not text.")
    }
    let fields = try Self.parseHeader(header, path)
    guard !fields.fortranOrder else {
      throw DataError.invalidFormat(
        path: path, detail: "the array is in Fortran order; save it with numpy.save(path, numpy.ascontiguousarray(a)).")
    }
    let descriptor = fields.descriptor
    guard descriptor.count >= 3, let order = descriptor.first, "<>|=".contains(order),
      let kind = descriptor.dropFirst().first, "uif".contains(kind),
      let size = Int(descriptor.dropFirst(2)), [1, 2, 4, 8].contains(size), kind != "f" || size >= 4
    else {
      throw DataError.invalidFormat(
        path: path, detail: "unsupported element type '\(descriptor)'; use uint8, int8–int64, float32 or float64.")
    }
    guard let byteCount = checkedByteCount(shape: fields.shape, elementSize: size) else {
      throw DataError.invalidFormat(path: path, detail: "the shape \(fields.shape) overflows.")
    }
    guard byteCount <= byteLimit else { throw DataError.tooLarge(path: path, bytes: byteCount, limit: byteLimit) }
    let dataStart = headerStart + headerLength
    guard file.count - dataStart == byteCount else {
      throw DataError.invalidFormat(
        path: path, detail: "the header declares \(byteCount) bytes of data (shape \(fields.shape)) but the file holds \(file.count - dataStart).")
    }
    self.shape = fields.shape
    self.descriptor = descriptor
    self.data = file.subdata(in: (file.startIndex + dataStart)..<file.endIndex)
    self.kind = kind
    self.size = size
    self.littleEndian = order == "<" || order == "|" || (order == "=" && 1.littleEndian == 1)
  }

  /// Parses `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }`.
  private static func parseHeader(_ header: String, _ path: String) throws -> (descriptor: String, fortranOrder: Bool, shape: [Int]) {
    func value(of key: String) -> Substring? {
      guard let keyRange = header.range(of: "'\(key)'") else { return nil }
      let rest = header[keyRange.upperBound...].drop(while: { $0 == " " || $0 == ":" })
      return rest
    }
    guard let descrText = value(of: "descr"), descrText.first == "'",
      let close = descrText.dropFirst().firstIndex(of: "'")
    else { throw DataError.invalidFormat(path: path, detail: "the .npy header has no 'descr'.") }
    let descriptor = String(descrText[descrText.index(after: descrText.startIndex)..<close])
    guard let fortranText = value(of: "fortran_order") else {
      throw DataError.invalidFormat(path: path, detail: "the .npy header has no 'fortran_order'.")
    }
    let fortran = fortranText.hasPrefix("True")
    guard let shapeText = value(of: "shape"), shapeText.first == "(", let end = shapeText.firstIndex(of: ")") else {
      throw DataError.invalidFormat(path: path, detail: "the .npy header has no 'shape'.")
    }
    let inner = shapeText[shapeText.index(after: shapeText.startIndex)..<end]
    var shape: [Int] = []
    for part in inner.split(separator: ",") {
      let trimmed = part.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty { continue }
      guard let dimension = Int(trimmed), dimension >= 0 else {
        throw DataError.invalidFormat(path: path, detail: "bad dimension '\(trimmed)' in the .npy shape.")
      }
      shape.append(dimension)
    }
    return (descriptor, fortran, shape)
  }

  /// The number of elements.
  public var count: Int { shape.reduce(1, *) }

  /// Element `index` (flat, C order) as a `Double`.
  public func value(at index: Int) -> Double {
    data.withUnsafeBytes { raw in
      var bits: UInt64 = 0
      let offset = index * size
      for k in 0..<size {
        let byte = UInt64(raw[offset + (littleEndian ? size - 1 - k : k)])
        bits = bits << 8 | byte
      }
      switch (kind, size) {
      case ("f", 4): return Double(Float(bitPattern: UInt32(bits)))
      case ("f", _): return Double(bitPattern: bits)
      case ("u", _): return Double(bits)
      case ("i", 1): return Double(Int8(truncatingIfNeeded: bits))
      case ("i", 2): return Double(Int16(truncatingIfNeeded: bits))
      case ("i", 4): return Double(Int32(truncatingIfNeeded: bits))
      default: return Double(Int64(bitPattern: bits))
      }
    }
  }

  /// The array as a matrix: the first dimension is the rows, the others are
  /// flattened into columns; a 1-D array becomes one column. Each value is divided by `divisor`
  /// in `Double`, as numpy's `x / divisor`.
  ///
  /// NaN and infinite values are kept (the models reject them with a typed error).
  ///
  /// - Parameter divisor: each value is divided by it (255 scales 8-bit pixels to [0, 1]).
  /// - Throws: ``DataError/invalidFormat(path:detail:)`` for a 0-dimensional array.
  /// - Complexity: O(count).
  public func matrix<Scalar: LinearAlgebraScalar>(dividingBy divisor: Double = 1) throws -> Matrix<Scalar> {
    guard let rows = shape.first else {
      throw DataError.invalidFormat(path: "<npy>", detail: "a 0-dimensional array cannot be a matrix.")
    }
    let columns = shape.count == 1 ? 1 : shape.dropFirst().reduce(1, *)
    var storage = ContiguousArray<Scalar>()
    storage.reserveCapacity(count)
    for index in 0..<count { storage.append(Scalar(value(at: index) / divisor)) }
    return try Matrix(rowCount: rows, columnCount: columns, elements: storage)
  }

  /// The values as integers (for label arrays); non-integral values are an error.
  public func integers() throws -> [Int] {
    try (0..<count).map { index in
      let value = value(at: index)
      guard let integer = Int(exactly: value) else {
        throw DataError.invalidFormat(path: "<npy>", detail: "labels must be integers; element \(index) is \(value).")
      }
      return integer
    }
  }
}
