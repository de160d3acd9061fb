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
///
/// ``read(contentsOf:byteLimit:)`` reads only the header, and checks the size it declares
/// against the file's before anything is allocated; ``matrix(dividingBy:)`` then reads the
/// data straight into the matrix's storage (a little-endian `f8` file into a `Matrix<Double>`
/// with one bulk read, other types converted a block at a time), so the data is never held twice.
public struct NumPyArray: Sendable {
  /// The dimensions, outermost first.
  public let shape: [Int]
  /// The element type, as NumPy's `descr` string (such as "<f8" or "|u1").
  public let descriptor: String
  /// The raw data bytes, in the file's byte order: a copy, made when asked for (use
  /// ``matrix(dividingBy:)`` or ``integers()`` to convert the values without one).
  ///
  /// - Complexity: O(data size).
  public var data: Data { bytes.subdata(in: (bytes.startIndex + dataOffset)..<(bytes.startIndex + dataOffset + byteCount)) }

  /// The file's bytes: mapped into memory for a file read with ``read(contentsOf:byteLimit:)``
  /// (pages are read only if ``data`` or ``value(at:)`` touches them).
  private let bytes: Data
  private let dataOffset: Int
  private let byteCount: Int
  /// The open file, for reading the data with `pread` (`nil` for arrays parsed from memory).
  private let file: OpenFile?
  private let path: String
  private let kind: Character
  private let size: Int
  private let littleEndian: Bool

  /// The default ceiling on the data a header may declare: 8 GiB.
  public static let defaultByteLimit = 8 << 30

  /// Reads a `.npy` file's header, validating it against the file's size; the data is read
  /// when it is converted (``matrix(dividingBy:)``, ``integers()``).
  ///
  /// ```swift
  /// let array = try NumPyArray.read(contentsOf: "X.npy")
  /// print(array.shape, array.descriptor)   // [1024, 100000] <f8
  /// ```
  ///
  /// - Throws: ``DataError`` naming the file and the problem: ``DataError/tooLarge(path:bytes:limit:)``
  ///   for a header declaring more than `byteLimit` bytes, ``DataError/invalidFormat(path:detail:)``
  ///   for a header that is malformed or declares a size other than the file's.
  /// - Complexity: O(header size).
  public static func read(contentsOf path: String, byteLimit: Int = defaultByteLimit) throws -> NumPyArray {
    let file = try OpenFile(path)
    var prefix = [UInt8](repeating: 0, count: min(file.size, 12))
    try prefix.withUnsafeMutableBytes { try file.read(into: $0.baseAddress, count: $0.count, offset: 0, path: path) }
    let (headerStart, headerLength, major) = try headerExtent(prefix, fileSize: file.size, path)
    var header = [UInt8](repeating: 0, count: headerLength)
    try header.withUnsafeMutableBytes {
      try file.read(into: $0.baseAddress, count: headerLength, offset: headerStart, path: path)
    }
    let layout = try Layout(header: header, major: major, dataStart: headerStart + headerLength, fileSize: file.size, path, byteLimit)
    let bytes: Data
    do {
      bytes = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
    } catch {
      throw DataError.unreadable(path: path, reason: error.localizedDescription)
    }
    return NumPyArray(layout: layout, bytes: bytes, file: file, path: path)
  }

  /// Parses the bytes of a `.npy` file (`path` is used in messages only).
  ///
  /// ```swift
  /// let array = try NumPyArray(file: downloadedBytes)
  /// ```
  ///
  /// - Throws: ``DataError`` as ``read(contentsOf:byteLimit:)`` does.
  /// - Complexity: O(header size); the data is not copied.
  public init(file: Data, path: String = "<memory>", byteLimit: Int = defaultByteLimit) throws {
    let (headerStart, headerLength, major) = try Self.headerExtent([UInt8](file.prefix(12)), fileSize: file.count, path)
    let header = [UInt8](file[(file.startIndex + headerStart)..<(file.startIndex + headerStart + headerLength)])
    let layout = try Layout(header: header, major: major, dataStart: headerStart + headerLength, fileSize: file.count, path, byteLimit)
    self.init(layout: layout, bytes: file, file: nil, path: path)
  }

  private init(layout: Layout, bytes: Data, file: OpenFile?, path: String) {
    self.shape = layout.shape
    self.descriptor = layout.descriptor
    self.kind = layout.kind
    self.size = layout.size
    self.littleEndian = layout.littleEndian
    self.dataOffset = layout.dataStart
    self.byteCount = layout.byteCount
    self.bytes = bytes
    self.file = file
    self.path = path
  }

  /// Where the header is: from the magic string, the version and the header length, checked
  /// against the file's size.
  private static func headerExtent(_ bytes: [UInt8], fileSize: Int, _ path: String) throws -> (start: Int, length: Int, major: UInt8) {
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
    guard headerLength <= 1 << 20, headerStart + headerLength <= fileSize else {
      throw DataError.invalidFormat(path: path, detail: "the .npy header length \(headerLength) does not fit the file.")
    }
    return (headerStart, headerLength, major)
  }

  /// What the header declares, validated: the element type, the shape, and a data size that
  /// is within the limit and is exactly what the file holds after the header.
  private struct Layout {
    var shape: [Int]
    var descriptor: String
    var kind: Character
    var size: Int
    var littleEndian: Bool
    var dataStart: Int
    var byteCount: Int

    init(header headerBytes: [UInt8], major: UInt8, dataStart: Int, fileSize: Int, _ path: String, _ byteLimit: Int) throws {
      guard let header = String(bytes: headerBytes, encoding: major == 3 ? .utf8 : .isoLatin1) else {
        throw DataError.invalidFormat(path: path, detail: "the .npy header is not text.")
      }
      let fields = try NumPyArray.parseHeader(header, path)
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
      guard fileSize - dataStart == byteCount else {
        throw DataError.invalidFormat(
          path: path, detail: "the header declares \(byteCount) bytes of data (shape \(fields.shape)) but the file holds \(fileSize - dataStart).")
      }
      self.shape = fields.shape
      self.descriptor = descriptor
      self.kind = kind
      self.size = size
      self.littleEndian = order == "<" || order == "|" || (order == "=" && 1.littleEndian == 1)
      self.dataStart = dataStart
      self.byteCount = byteCount
    }
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
  ///
  /// ```swift
  /// let first = array.value(at: 0)
  /// ```
  ///
  /// - Precondition: `0 <= index < count`.
  /// - Complexity: O(1).
  public func value(at index: Int) -> Double {
    precondition(index >= 0 && index < count, "NumPyArray.value(at:): index \(index) out of 0..<\(count)")
    var result = 0.0
    bytes.withUnsafeBytes { raw in
      convert(raw.baseAddress! + dataOffset + index * size, count: 1, into: &result, dividingBy: 1)
    }
    return result
  }

  /// The array as a matrix: the first dimension is the rows, the others are
  /// flattened into columns; a 1-D array becomes one column. Each value is divided by `divisor`
  /// in `Double`, as numpy's `x / divisor`.
  ///
  /// NaN and infinite values are kept (the models reject them with a typed error).
  ///
  /// ```swift
  /// let x: Matrix<Float> = try NumPyArray.read(contentsOf: "images.npy").matrix(dividingBy: 255)
  /// ```
  ///
  /// - Parameter divisor: each value is divided by it (255 scales 8-bit pixels to [0, 1]).
  /// - Throws: ``DataError/invalidFormat(path:detail:)`` for a 0-dimensional array;
  ///   ``DataError/unreadable(path:reason:)`` when the file cannot be read or changed size.
  /// - Complexity: O(count): one pass over the data, read from the file a block at a time
  ///   into the matrix's storage.
  public func matrix<Scalar: LinearAlgebraScalar>(dividingBy divisor: Double = 1) throws -> Matrix<Scalar> {
    guard let rows = shape.first else {
      throw DataError.invalidFormat(path: path, detail: "a 0-dimensional array cannot be a matrix.")
    }
    let columns = shape.count == 1 ? 1 : shape.dropFirst().reduce(1, *)
    var storage: ContiguousArray<Scalar> = uninitializedStorage(count: count, hugePages: true)
    try storage.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      if Scalar.self == Double.self {
        try readElements(into: UnsafeMutableRawPointer(base).assumingMemoryBound(to: Double.self), dividingBy: divisor)
      } else if Scalar.self == Float.self {
        try readElements(into: UnsafeMutableRawPointer(base).assumingMemoryBound(to: Float.self), dividingBy: divisor)
      } else {
        var values = [Double](repeating: 0, count: count)
        try values.withUnsafeMutableBufferPointer { try readElements(into: $0.baseAddress!, dividingBy: divisor) }
        for i in values.indices { base[i] = Scalar(values[i]) }
      }
    }
    return try Matrix(rowCount: rows, columnCount: columns, elements: storage)
  }

  /// The values as integers (for label arrays); non-integral values are an error.
  ///
  /// ```swift
  /// let labels = try NumPyArray.read(contentsOf: "y.npy").integers()
  /// ```
  ///
  /// - Throws: ``DataError/invalidFormat(path:detail:)`` naming the first non-integral element.
  /// - Complexity: O(count).
  public func integers() throws -> [Int] {
    var values = [Double](repeating: 0, count: count)
    try values.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      try readElements(into: base, dividingBy: 1)
    }
    return try values.enumerated().map { index, value in
      guard let integer = Int(exactly: value) else {
        throw DataError.invalidFormat(path: path, detail: "labels must be integers; element \(index) is \(value).")
      }
      return integer
    }
  }

  /// Writes every element, divided by `divisor`, to `out`: from the file with `pread` (one
  /// bulk read when the elements are already `Out` in this machine's byte order), or from the
  /// bytes in memory.
  private func readElements<Out: BinaryFloatingPoint>(into out: UnsafeMutablePointer<Out>, dividingBy divisor: Double) throws {
    let total = count
    guard total > 0 else { return }
    guard let file else {
      bytes.withUnsafeBytes { raw in convert(raw.baseAddress! + dataOffset, count: total, into: out, dividingBy: divisor) }
      return
    }
    let native = kind == "f" && size == MemoryLayout<Out>.size && littleEndian == (1.littleEndian == 1)
    if native {
      try file.read(into: out, count: byteCount, offset: dataOffset, path: path)
      if divisor != 1 {
        for i in 0..<total { out[i] = Out(Double(out[i]) / divisor) }
      }
      return
    }
    // Other types: a block of elements at a time through a small buffer.
    let block = max(1, (1 << 20) / size)
    let scratch = UnsafeMutableRawPointer.allocate(byteCount: block * size, alignment: 16)
    defer { scratch.deallocate() }
    var done = 0
    while done < total {
      let n = min(block, total - done)
      try file.read(into: scratch, count: n * size, offset: dataOffset + done * size, path: path)
      convert(UnsafeRawPointer(scratch), count: n, into: out + done, dividingBy: divisor)
      done += n
    }
  }

  /// Converts `count` elements of this array's type at `raw` to `Out`, each as
  /// `Out(Double(element) / divisor)`, with one loop per element type.
  private func convert<Out: BinaryFloatingPoint>(
    _ raw: UnsafeRawPointer, count: Int, into out: UnsafeMutablePointer<Out>, dividingBy divisor: Double
  ) {
    let swapped = littleEndian != (1.littleEndian == 1)
    @inline(__always)
    func each<Bits: FixedWidthInteger>(_: Bits.Type, _ value: (Bits) -> Double) {
      for i in 0..<count {
        let bits = raw.loadUnaligned(fromByteOffset: i &* MemoryLayout<Bits>.size, as: Bits.self)
        out[i] = Out(value(swapped ? bits.byteSwapped : bits) / divisor)
      }
    }
    switch (kind, size) {
    case ("f", 4): each(UInt32.self) { Double(Float(bitPattern: $0)) }
    case ("f", _): each(UInt64.self) { Double(bitPattern: $0) }
    case ("u", 1): each(UInt8.self) { Double($0) }
    case ("u", 2): each(UInt16.self) { Double($0) }
    case ("u", 4): each(UInt32.self) { Double($0) }
    case ("u", _): each(UInt64.self) { Double($0) }
    case ("i", 1): each(Int8.self) { Double($0) }
    case ("i", 2): each(Int16.self) { Double($0) }
    case ("i", 4): each(Int32.self) { Double($0) }
    default: each(Int64.self) { Double($0) }
    }
  }
}
