// Every finding of the fuzz targets (Fuzz/, Docs/Fuzzing.md), as the exact bytes
// that triggered it, fed through the public API: each must now be refused with a
// DataError. And the seed corpus, which must keep parsing.
import Foundation
import LatentData
import LatentLinearAlgebra
import Testing

/// The byte limit the fuzz targets give the IDX and .npy readers.
let fuzzByteLimit = 64 << 20

@Suite("Fuzz findings")
struct FuzzRegressionTests {
  /// F1, FuzzIDX: an empty first dimension hid trailing dimensions whose product
  /// overflows; `matrix()` then trapped computing the row length.
  @Test func idxZeroRowsWithOverflowingColumns() {
    let bytes: [UInt8] = [
      0x00, 0x00, 0x08, 0x03, 0x00, 0x00, 0x00, 0x00, 0xFC, 0xFF, 0xFF, 0x1B, 0xFB, 0x00, 0x00,
      0x1C,
    ]
    #expect(throws: DataError.self) { try IDXArray(data: Data(bytes), byteLimit: fuzzByteLimit) }
  }

  /// F2, FuzzIDX: 822,083,584 rows of 0 doubles is a valid, empty array (numpy reads
  /// it too), but `matrix()` listed every row index first: a 6.6 GB allocation from 12
  /// bytes. It now builds the empty matrix without listing rows.
  @Test func idxManyEmptyRowsAreNotListed() throws {
    let bytes: [UInt8] = [0x00, 0x00, 0x0E, 0x02, 0x31, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]
    let array = try IDXArray(data: Data(bytes), byteLimit: fuzzByteLimit)
    #expect(array.shape == [822_083_584, 0])
    let matrix: Matrix<Float> = try array.matrix()
    #expect(matrix.shape == (rows: 822_083_584, columns: 0))
    #expect(try array.integers().isEmpty)
  }

  /// F3, FuzzIDX: `integers()` converted each float with `Int(_:)`, which traps on
  /// −2.9 × 10³⁸ (and on NaN, infinities and anything beyond Int's range). It now
  /// throws, as NumPyArray's does; fractions are refused too.
  @Test func idxIntegersRefuseFloatsOutsideInt() throws {
    let bytes: [UInt8] = [0x00, 0x00, 0x0D, 0x01, 0x00, 0x00, 0x00, 0x01, 0xFF, 0x5C, 0x00, 0x00]
    let array = try IDXArray(data: Data(bytes), byteLimit: fuzzByteLimit)
    #expect(throws: DataError.self) { try array.integers() }
    let fraction = try IDXArray(
      data: Data([0x00, 0x00, 0x0D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x3F, 0xC0, 0x00, 0x00]))
    #expect(throws: DataError.self) { try fraction.integers() }
  }

  /// F4, FuzzImage: a 16-bit PGM (maximum value 923) decoded into 2 channels. stb_image
  /// 2.27 converts its 16-bit samples with the 8-bit channel conversion, then reads past
  /// the converted buffer (AddressSanitizer: heap-buffer-overflow in `stbi__convert_16_to_8`).
  /// PNM is now decoded in its own channels and converted by ImageDecoder; this file is
  /// also short (F5), so it is refused.
  @Test func pnm16BitChannelConversion() throws {
    let bytes: [UInt8] = Array("P5\n3 2\n923\n".utf8) + [0x00, 0x32, 0x64, 0x96, 0xC8, 0xFA]
    for channels in 1...4 {
      #expect(throws: DataError.self) {
        try ImageDecoder.decode(data: Data(bytes), channels: channels)
      }
    }
    // Complete, it decodes in every channel count: stb_image keeps each sample's high byte.
    let samples: [UInt16] = [0, 256, 512, 768, 900, 923]
    let complete =
      Array("P5\n3 2\n923\n".utf8) + samples.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    let gray = try ImageDecoder.decode(data: Data(complete), channels: 1)
    #expect(gray.width == 3 && gray.height == 2 && gray.pixels == [0, 1, 2, 3, 3, 3])
    #expect(
      try ImageDecoder.decode(data: Data(complete), channels: 2).pixels == [
        0, 255, 1, 255, 2, 255, 3, 255, 3, 255, 3, 255,
      ])
    #expect(
      try ImageDecoder.decode(data: Data(complete), channels: 3).pixels
        == gray.pixels.flatMap { [$0, $0, $0] })
    #expect(
      try ImageDecoder.decode(data: Data(complete), channels: 4).pixels
        == gray.pixels.flatMap { [$0, $0, $0, 255] })
  }

  /// F5, found reading stb_image while fixing F4 (AddressSanitizer cannot see it): for a
  /// PNM whose data is short, stb_image 2.27 copies nothing and returns the uninitialised
  /// buffer as pixels. Short PNM data is now refused before decoding.
  @Test func truncatedPNMIsRefused() throws {
    let header = Array("P6\n# a comment\n2 1\n255\n".utf8)
    let pixels: [UInt8] = [255, 0, 0, 0, 0, 255]
    for cut in 0..<pixels.count {
      #expect(throws: DataError.self) {
        try ImageDecoder.decode(data: Data(header + pixels.prefix(cut)), channels: 3)
      }
    }
    #expect(try ImageDecoder.decode(data: Data(header + pixels), channels: 3).pixels == pixels)
    // Converted as stb_image converts: gray = (77 r + 150 g + 29 b) >> 8.
    #expect(try ImageDecoder.decode(data: Data(header + pixels), channels: 1).pixels == [76, 28])
    #expect(
      try ImageDecoder.decode(data: Data(header + pixels), channels: 4).pixels == [
        255, 0, 0, 255, 0, 0, 255, 255,
      ])
  }
}

@Suite("Fuzz finding F7")
struct FuzzFindingF7Tests {
  @Test func pngChunkLongerThanTheFileIsRefusedBeforeDecoding() throws {
    // 75 bytes whose IDAT chunk declares ~1.1 GB: stb_image would allocate 2 GB for it.
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../Fuzz/Reproducers/FuzzImage/F7-png-idat-length.png").standardized
    let data = try Data(contentsOf: file)
    #expect(throws: DataError.self) { try ImageDecoder.decode(data: data, channels: 1) }
  }
}

@Suite("Fuzz finding F8")
struct FuzzFindingF8Tests {
  let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../Fuzz").standardized

  /// The marker segments of a JPEG file up to its first scan, as (marker, payload) pairs, and
  /// the bytes from the scan's marker on.
  func segments(_ bytes: [UInt8]) -> (segments: [(UInt8, [UInt8])], scan: [UInt8]) {
    var segments: [(UInt8, [UInt8])] = []
    var offset = 2
    while bytes[offset + 1] != 0xDA {
      let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
      segments.append((bytes[offset + 1], Array(bytes[(offset + 4)..<(offset + 2 + length)])))
      offset += 2 + length
    }
    return (segments, Array(bytes[offset...]))
  }

  func jpeg(_ segments: [(UInt8, [UInt8])], scan: [UInt8]) -> Data {
    var bytes: [UInt8] = [0xFF, 0xD8]
    for (marker, payload) in segments {
      let length = payload.count + 2
      bytes += [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }
    return Data(bytes + scan)
  }

  func seed(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: folder.appendingPathComponent("Corpus/FuzzImage/\(name)")))
  }

  func expectRefused(_ data: Data, saying phrase: String) {
    do {
      _ = try ImageDecoder.decode(data: data, channels: 1)
      Issue.record("decoded a JPEG that should be refused (\(phrase))")
    } catch let error as DataError {
      #expect(error.description.contains(phrase), "\(error)")
    } catch {
      Issue.record("threw \(error) instead of DataError")
    }
  }

  /// The fuzzer's file: its scan names AC table 0, which no DHT segment defines; stb_image
  /// 2.27 decoded with the unbuilt table and aborted on an assertion.
  @Test func scanWithAnUndefinedTableIsRefused() throws {
    let data = try Data(
      contentsOf: folder.appendingPathComponent(
        "Reproducers/FuzzImage/F8-jpeg-undefined-huffman-table.jpg"))
    expectRefused(data, saying: "Huffman table AC 0, which no earlier DHT segment defines")
  }

  /// A valid file with its DHT segments removed: the scan's tables are all undefined.
  @Test func fileWithoutHuffmanTablesIsRefused() throws {
    let (segments, scan) = segments(try seed("gray-8x8.jpg"))
    #expect(segments.contains { $0.0 == 0xC4 })
    expectRefused(
      jpeg(segments.filter { $0.0 != 0xC4 }, scan: scan),
      saying: "Huffman table DC 0, which no earlier DHT segment defines")
  }

  /// A DHT table whose 16 counts sum to 300: stb_image would write past its 256-entry arrays.
  @Test func huffmanTableWithMoreThan256CodesIsRefused() throws {
    let (segments, scan) = segments(try seed("gray-8x8.jpg"))
    let counts: [UInt8] = Array(repeating: 0, count: 14) + [100, 200]
    let table: [UInt8] = [0x00] + counts + (0..<300).map { UInt8($0 % 12) }
    expectRefused(
      jpeg(segments + [(0xC4, table)], scan: scan),
      saying: "a JPEG Huffman table (DC 0) declares 300 codes; at most 256 are possible")
  }

  /// Progressive and restart-interval files reach stb_image unchanged and decode as before.
  @Test func validVariantsStillDecode() throws {
    for name in ["gray-8x8.jpg", "rgb-16x8.jpg", "progressive-rgb-16x8.jpg", "restart-rgb-16x8.jpg"]
    {
      let image = try ImageDecoder.decode(data: Data(try seed(name)), channels: 1)
      #expect(image.pixels.count == image.width * image.height, "\(name)")
    }
  }
}

@Suite("Fuzz seed corpus")
struct FuzzSeedCorpusTests {
  /// The seed files of one target; those named `refused-*` are meant to be refused.
  func seeds(_ target: String) throws -> [(name: String, data: Data, refused: Bool)] {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../Fuzz/Corpus/\(target)").standardized.path
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter {
      !$0.hasPrefix(".")
    }.sorted()
    #expect(!names.isEmpty, "no seeds in \(folder)")
    return try names.map { name in
      (
        name, try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(name)")),
        name.hasPrefix("refused-")
      )
    }
  }

  func expectParses<T>(
    _ seed: (name: String, data: Data, refused: Bool), _ parse: (Data) throws -> T
  ) {
    if seed.refused {
      #expect(throws: DataError.self, "\(seed.name)") { _ = try parse(seed.data) }
    } else {
      #expect(throws: Never.self, "\(seed.name)") { _ = try parse(seed.data) }
    }
  }

  @Test func idxSeedsParse() throws {
    let seeds = try seeds("FuzzIDX")
    #expect(
      seeds.contains { $0.name.hasSuffix(".gz") } && seeds.contains { !$0.name.hasSuffix(".gz") })
    for seed in seeds { expectParses(seed) { try IDXArray(data: $0, byteLimit: fuzzByteLimit) } }
  }

  @Test func numPySeedsParse() throws {
    for seed in try seeds("FuzzNumPy") {
      expectParses(seed) { try NumPyArray(file: $0, byteLimit: fuzzByteLimit) }
    }
  }

  @Test func imageSeedsDecode() throws {
    for seed in try seeds("FuzzImage") {
      expectParses(seed) { try ImageDecoder.decode(data: $0, channels: 3) }
    }
  }
}
