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
/// big-endian, row-major. Files ending in `.gz` are decompressed with zlib.
public struct IDXArray: Sendable {
  /// The element type of an IDX file.
  public enum ElementType: UInt8, Sendable {
    case unsignedByte = 0x08, signedByte = 0x09, short = 0x0B, int = 0x0C, float = 0x0D, double = 0x0E

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

  /// The default ceiling on the data an IDX header may declare: 4 GiB.
  public static let defaultByteLimit = 4 << 30

  /// Reads an IDX file, gzip-compressed or not.
  ///
  /// The header is validated before anything is allocated: the declared size
  /// must fit `byteLimit`, and must equal the file's remaining size (plain files)
  /// or the gzip trailer's uncompressed size (compressed files); the
  /// decompressed stream must then end exactly there.
  ///
  /// - Throws: ``DataError`` naming the file and the problem.
  /// - Complexity: O(file size).
  public static func read(contentsOf path: String, byteLimit: Int = defaultByteLimit) throws -> IDXArray {
    guard FileManager.default.fileExists(atPath: path) else { throw DataError.notFound(path: path) }
    if path.hasSuffix(".gz") { return try readCompressed(path, byteLimit: byteLimit) }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw DataError.unreadable(path: path, reason: "permission denied or not a regular file")
    }
    defer { try? handle.close() }
    let fileSize = Int((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)??.intValue ?? 0)
    let prefix = try handle.read(upToCount: 4) ?? Data()
    let (type, rank) = try parseMagic(Array(prefix), path)
    let dimensionBytes = try handle.read(upToCount: 4 * rank) ?? Data()
    let shape = try parseShape(Array(dimensionBytes), rank: rank, path)
    let bytes = try declaredBytes(shape, type, byteLimit, path)
    let headerSize = 4 + 4 * rank
    guard fileSize - headerSize == bytes else {
      throw DataError.invalidFormat(
        path: path, detail: "the header declares \(bytes) bytes of data (shape \(shape)) but the file holds \(fileSize - headerSize).")
    }
    let data = try handle.read(upToCount: bytes) ?? Data()
    guard data.count == bytes else {
      throw DataError.invalidFormat(path: path, detail: "the file ended after \(data.count) of \(bytes) data bytes.")
    }
    return IDXArray(shape: shape, elementType: type, data: Array(data))
  }

  private static func readCompressed(_ path: String, byteLimit: Int) throws -> IDXArray {
    // The gzip trailer's last four bytes hold the uncompressed size modulo 2³².
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw DataError.unreadable(path: path, reason: "permission denied or not a regular file")
    }
    let end = try handle.seekToEnd()
    guard end >= 18 else {
      try? handle.close()
      throw DataError.invalidFormat(path: path, detail: "too short to be a gzip file (\(end) bytes).")
    }
    try handle.seek(toOffset: end - 4)
    let trailer = Array(try handle.read(upToCount: 4) ?? Data())
    try? handle.close()
    guard trailer.count == 4 else { throw DataError.invalidFormat(path: path, detail: "cannot read the gzip trailer.") }
    var trailerSize: UInt32 = 0
    for k in (0..<4).reversed() { trailerSize = trailerSize << 8 | UInt32(trailer[k]) }

    guard let gz = gzopen(path, "rb") else { throw DataError.unreadable(path: path, reason: "gzopen failed") }
    defer { gzclose(gz) }
    gzbuffer(gz, 1 << 17)
    func readExactly(_ count: Int) throws -> [UInt8] {
      var buffer = [UInt8](repeating: 0, count: count)
      var filled = 0
      while filled < count {
        let chunk = UInt32(min(count - filled, 1 << 20))
        let got = buffer.withUnsafeMutableBytes { gzread(gz, $0.baseAddress! + filled, chunk) }
        if got < 0 {
          var code: Int32 = 0
          let message = gzerror(gz, &code).map { String(cString: $0) } ?? "unknown zlib error"
          throw DataError.invalidFormat(path: path, detail: "gzip data is corrupt (\(message)).")
        }
        if got == 0 { break }
        filled += Int(got)
      }
      guard filled == count else {
        throw DataError.invalidFormat(path: path, detail: "the data ended after \(filled) of \(count) expected bytes (truncated file?).")
      }
      return buffer
    }
    let (type, rank) = try parseMagic(try readExactly(4), path)
    let shape = try parseShape(try readExactly(4 * rank), rank: rank, path)
    let bytes = try declaredBytes(shape, type, byteLimit, path)
    let total = 4 + 4 * rank + bytes
    guard UInt32(truncatingIfNeeded: total) == trailerSize else {
      throw DataError.invalidFormat(
        path: path, detail: "the header declares \(bytes) bytes of data (shape \(shape)) but the gzip trailer says the file holds \(Int(trailerSize) - 4 - 4 * rank) (mod 2³²).")
    }
    let data = try readExactly(bytes)
    var extra: UInt8 = 0
    guard gzread(gz, &extra, 1) == 0 else {
      throw DataError.invalidFormat(path: path, detail: "the data continues past the size its header declares.")
    }
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
    guard let count = checkedProduct(shape), let bytes = checkedProduct([count, type.size]) else {
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
  /// - Parameter rows: the first-dimension indices to take, in order; all by default.
  /// - Complexity: O(rows × columns).
  public func matrix<Scalar: LinearAlgebraScalar>(dividingBy divisor: Double = 1, rows: [Int]? = nil) throws -> Matrix<Scalar> {
    let columns = shape.dropFirst().reduce(1, *)
    let selected = rows ?? Array(0..<shape[0])
    for row in selected where row < 0 || row >= shape[0] {
      throw DataError.invalidRequest("row \(row) is outside the IDX array's \(shape[0]) rows.")
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

  /// The array as integers (for label files).
  public func integers() -> [Int] { (0..<count).map { Int(value(at: $0)) } }
}
