// IDX and .npy readers: valid files of every element type, and untrusted files
// whose headers lie (checked before anything is allocated).
import Foundation
import LatentData
import LatentLinearAlgebra
import LatentTestSupport
import Testing

func temporaryDirectory(_ name: String) throws -> String {
  let path = NSTemporaryDirectory() + "latent-tests-\(name)-\(UUID().uuidString)"
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

func idxBytes(type: UInt8, shape: [Int], payload: [UInt8]) -> [UInt8] {
  var bytes: [UInt8] = [0, 0, type, UInt8(shape.count)]
  for dimension in shape { bytes += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: dimension >> $0) } }
  return bytes + payload
}

func gzip(_ path: String) throws {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/bin/gzip")
  process.arguments = ["-f", "-n", path]
  try process.run()
  process.waitUntilExit()
  #expect(process.terminationStatus == 0)
}

@Suite("IDX files")
struct IDXTests {
  @Test func readsEveryElementTypeBigEndian() throws {
    let directory = try temporaryDirectory("idx")
    let cases: [(UInt8, [UInt8], [Double])] = [
      (0x08, [0, 255, 7], [0, 255, 7]),
      (0x09, [0, 255, 128], [0, -1, -128]),
      (0x0B, [0x01, 0x02, 0xFF, 0xFE], [258, -2]),
      (0x0C, [0, 0, 1, 0, 0xFF, 0xFF, 0xFF, 0xFF], [256, -1]),
      (0x0D, [0x3F, 0xC0, 0, 0], [1.5]),
      (0x0E, [0x40, 0x09, 0x21, 0xFB, 0x54, 0x44, 0x2D, 0x18], [Double.pi]),
    ]
    for (type, payload, expected) in cases {
      let path = "\(directory)/t\(type).idx"
      _ = FileManager.default.createFile(atPath: path, contents: Data(idxBytes(type: type, shape: [expected.count], payload: payload)))
      let array = try IDXArray.read(contentsOf: path)
      #expect(array.shape == [expected.count])
      #expect((0..<array.count).map(array.value(at:)) == expected, "type 0x\(String(type, radix: 16))")
      try gzip(path)
      let compressed = try IDXArray.read(contentsOf: path + ".gz")
      #expect((0..<compressed.count).map(compressed.value(at:)) == expected)
    }
  }

  @Test func imagesBecomeRowsOfFlattenedPixels() throws {
    let directory = try temporaryDirectory("idx-images")
    let path = "\(directory)/images.idx"
    _ = FileManager.default.createFile(atPath: path, contents: Data(idxBytes(type: 0x08, shape: [2, 2, 3], payload: Array(0..<12))))
    let m: Matrix<Double> = try IDXArray.read(contentsOf: path).matrix(dividingBy: 2)
    #expect(m == (try Matrix(rows: [[0, 0.5, 1, 1.5, 2, 2.5], [3, 3.5, 4, 4.5, 5, 5.5]])))
    let second: Matrix<Float> = try IDXArray.read(contentsOf: path).matrix(rows: [1])
    #expect(second.row(0) == [6, 7, 8, 9, 10, 11])
    #expect(throws: DataError.self) { let _: Matrix<Double> = try IDXArray.read(contentsOf: path).matrix(rows: [2]) }
  }

  @Test func lyingHeadersAreRefusedBeforeAllocating() throws {
    let directory = try temporaryDirectory("idx-bad")
    func expectInvalid(_ bytes: [UInt8], gz: Bool = false, limit: Int = IDXArray.defaultByteLimit, _ comment: Comment) throws {
      let path = "\(directory)/bad-\(UUID().uuidString).idx"
      _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
      if gz { try gzip(path) }
      #expect(throws: DataError.self, comment) { try IDXArray.read(contentsOf: gz ? path + ".gz" : path, byteLimit: limit) }
    }
    // Claims 4 billion images of 28 × 28: refused by the limit, never allocated.
    try expectInvalid(idxBytes(type: 0x08, shape: [4_000_000_000, 28, 28], payload: [1, 2, 3]), "huge plain")
    try expectInvalid(idxBytes(type: 0x08, shape: [4_000_000_000, 28, 28], payload: [1, 2, 3]), gz: true, "huge gz")
    try expectInvalid(idxBytes(type: 0x08, shape: [10], payload: [1, 2, 3]), "short plain")
    try expectInvalid(idxBytes(type: 0x08, shape: [10], payload: [1, 2, 3]), gz: true, "short gz")
    try expectInvalid(idxBytes(type: 0x08, shape: [2], payload: [1, 2, 3]), "long plain")
    try expectInvalid(idxBytes(type: 0x08, shape: [2], payload: [1, 2, 3]), gz: true, "long gz")
    try expectInvalid([1, 0, 8, 1, 0, 0, 0, 1, 5], "bad magic")
    try expectInvalid([0, 0, 0x42, 1, 0, 0, 0, 1, 5], "bad type")
    try expectInvalid([0, 0, 8, 3, 0, 0], "header cut short")
    try expectInvalid(idxBytes(type: 0x08, shape: [1000], payload: Array(repeating: 1, count: 1000)), limit: 100, "over the limit")
    try expectInvalid(Array("not gzip at all, just text".utf8), gz: false, "text")
    let fake = "\(directory)/fake.gz"
    _ = FileManager.default.createFile(atPath: fake, contents: Data("this is not gzip data, but is long enough".utf8))
    #expect(throws: DataError.self) { try IDXArray.read(contentsOf: fake) }
    #expect(throws: DataError.notFound(path: "\(directory)/missing.idx")) { try IDXArray.read(contentsOf: "\(directory)/missing.idx") }
  }
}

@Suite("NumPy files")
struct NumPyTests {
  func npy(_ descriptor: String, shape: String, fortran: Bool = false, payload: [UInt8], version: UInt8 = 1) -> Data {
    var header = "{'descr': '\(descriptor)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(shape), }"
    let prefix = version == 1 ? 10 : 12
    while (prefix + header.utf8.count + 1) % 64 != 0 { header += " " }
    header += "\n"
    var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [version, 0]
    let length = header.utf8.count
    bytes += version == 1 ? [UInt8(length & 0xFF), UInt8(length >> 8)] : [UInt8(length & 0xFF), UInt8(length >> 8), 0, 0]
    return Data(bytes + Array(header.utf8) + payload)
  }

  @Test func readsCommonTypesAndShapes() throws {
    let bytes = try NumPyArray(file: npy("|u1", shape: "(2, 3)", payload: [0, 1, 2, 3, 4, 255]))
    #expect(try bytes.matrix() == (try Matrix<Double>(rows: [[0, 1, 2], [3, 4, 255]])))
    let little = withUnsafeBytes(of: Float(1.5).bitPattern.littleEndian) { Array($0) } + withUnsafeBytes(of: Float(-2).bitPattern.littleEndian) { Array($0) }
    #expect(try NumPyArray(file: npy("<f4", shape: "(2,)", payload: little)).matrix() == (try Matrix<Float>(rows: [[1.5], [-2]])))
    let big = withUnsafeBytes(of: Double.pi.bitPattern.bigEndian) { Array($0) }
    #expect(try NumPyArray(file: npy(">f8", shape: "(1, 1)", payload: big, version: 2)).value(at: 0) == .pi)
    let images = try NumPyArray(file: npy("|u1", shape: "(2, 2, 2)", payload: Array(0..<8)))
    #expect(try images.matrix() == (try Matrix<Double>(rows: [[0, 1, 2, 3], [4, 5, 6, 7]])), "trailing dimensions are flattened")
    let labels = withUnsafeBytes(of: Int64(-3).littleEndian) { Array($0) } + withUnsafeBytes(of: Int64(7).littleEndian) { Array($0) }
    #expect(try NumPyArray(file: npy("<i8", shape: "(2,)", payload: labels)).integers() == [-3, 7])
  }

  @Test func badFilesAreRefused() throws {
    #expect(throws: DataError.self) { try NumPyArray(file: Data("not numpy".utf8)) }
    #expect(throws: DataError.self) { try NumPyArray(file: npy("|u1", shape: "(2, 3)", payload: [1, 2])) }
    #expect(throws: DataError.self) { try NumPyArray(file: npy("|u1", shape: "(2, 3)", fortran: true, payload: Array(0..<6))) }
    #expect(throws: DataError.self) { try NumPyArray(file: npy("<c16", shape: "(1,)", payload: Array(repeating: 0, count: 16))) }
    #expect(throws: DataError.self) { try NumPyArray(file: npy("|u1", shape: "(4000000000, 4000000000)", payload: [1])) }
    #expect(throws: DataError.self) { try NumPyArray(file: npy("|u1", shape: "(-1,)", payload: [])) }
    #expect(throws: DataError.self) { try NumPyArray(file: npy("<f8", shape: "(1,)", payload: [0, 0, 0, 0, 0, 0, 0xF8, 0x3F])).integers() }
  }
}
