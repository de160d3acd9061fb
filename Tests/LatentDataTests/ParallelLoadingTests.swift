// The parallel image-folder loader against one-image-at-a-time decoding of the same files,
// its resizing against Pillow's, and the .npy reader's bulk paths and refusals.
import Foundation
import LatentData
import LatentLinearAlgebra
import LatentTestSupport
import Testing

/// Deterministic test pixels: `(37 i + 11 ⌊i / 7⌋) mod 256`, the pattern the Pillow
/// expectations below were computed from.
func patternPixels(_ count: Int, seed: Int = 0) -> [UInt8] {
  (0..<count).map { UInt8(truncatingIfNeeded: ($0 * 37 + ($0 / 7) * 11 + seed * 101) % 256) }
}

@Suite("Parallel image loading")
struct ParallelImageLoadingTests {
  /// Three classes of JPEG and PNG files of several sizes, gray and colour, with corrupt,
  /// empty and non-image entries among them.
  func makeMixedFolder() throws -> String {
    let root = try temporaryDirectory("parallel")
    for (c, name) in ["cats", "dogs", "owls"].enumerated() {
      let folder = "\(root)/\(name)"
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      for k in 0..<14 {
        let (width, height, channels) = (17 + 5 * k, 11 + 3 * ((k + c) % 4), k % 3 == 0 ? 1 : 3)
        let pixels = patternPixels(width * height * channels, seed: 7 * c + k)
        let file = String(format: "%@/%02d.%@", folder, k, k % 2 == 0 ? "jpg" : "png")
        try ImageWriter.write(pixels, width: width, height: height, channels: channels, to: file)
      }
      _ = FileManager.default.createFile(atPath: "\(folder)/03b-corrupt.jpg", contents: Data("not an image".utf8))
      _ = FileManager.default.createFile(atPath: "\(folder)/05b-empty.png", contents: Data())
      try FileManager.default.createDirectory(atPath: "\(folder)/07b-folder.png", withIntermediateDirectories: true)
    }
    return root
  }

  /// What loading `trainPerClass + testPerClass` images per class one file at a time gives:
  /// the rows, their sources and the skipped files, in order.
  struct Sequential<Scalar: LinearAlgebraScalar> {
    var train: [[Scalar]] = []
    var test: [[Scalar]] = []
    var trainSources: [String] = []
    var testSources: [String] = []
    var skipped: [SkippedFile] = []
  }

  func oneAtATime<Scalar: LinearAlgebraScalar>(
    _ loader: ImageFolder, trainPerClass: Int, testPerClass: Int, _: Scalar.Type
  ) throws -> Sequential<Scalar> {
    var result = Sequential<Scalar>()
    for name in try loader.classNames() {
      var loaded = 0
      for file in try loader.files(ofClass: name) where loaded < trainPerClass + testPerClass {
        let (samples, sources, skipped): (Matrix<Scalar>, [String], [SkippedFile]) = try loader.loadUnlabeled(files: [file])
        result.skipped += skipped
        guard samples.rowCount == 1 else { continue }
        if loaded < trainPerClass {
          result.train.append(samples.row(0)); result.trainSources += sources
        } else {
          result.test.append(samples.row(0)); result.testSources += sources
        }
        loaded += 1
      }
    }
    return result
  }

  @Test(arguments: [false, true])
  func parallelLoadEqualsOneImageAtATime(rgb: Bool) throws {
    let root = try makeMixedFolder()
    let loader = ImageFolder(path: root, size: ImageSize(width: 24, height: 15), rgb: rgb, showsProgress: false)
    var calls: [Int] = []
    let data: TrainTestSplit<Double> = try loader.load(trainPerClass: 6, testPerClass: 4) { done, _ in calls.append(done) }
    let expected = try oneAtATime(loader, trainPerClass: 6, testPerClass: 4, Double.self)
    #expect(data.train.samples == (try Matrix(rows: expected.train)))
    #expect(data.test.samples == (try Matrix(rows: expected.test)))
    #expect(data.train.sources == expected.trainSources)
    #expect(data.test.sources == expected.testSources)
    #expect(data.skipped == expected.skipped)
    let skippedNames = ["03b-corrupt.jpg", "05b-empty.png", "07b-folder.png"]
    #expect(data.skipped.map { ($0.path as NSString).lastPathComponent } == Array(repeating: skippedNames, count: 3).flatMap { $0 })
    #expect(data.skipped.allSatisfy { !$0.reason.isEmpty })
    #expect(calls == Array(1...(3 * 13)), "one call per file tried, in order: 10 images and 3 skipped per class")
    #expect(data.train.labels == ["cats", "dogs", "owls"].flatMap { Array(repeating: $0, count: 6) })
  }

  @Test func floatLoadEqualsDoubleLoadRounded() throws {
    let root = try makeMixedFolder()
    let loader = ImageFolder(path: root, size: ImageSize(width: 9, height: 30), showsProgress: false)
    let single: TrainTestSplit<Float> = try loader.load(trainPerClass: 5, testPerClass: 5)
    let double: TrainTestSplit<Double> = try loader.load(trainPerClass: 5, testPerClass: 5)
    #expect(single.train.samples == Matrix<Float>(converting: double.train.samples))
    #expect(single.test.samples == Matrix<Float>(converting: double.test.samples))
  }

  @Test func skippedFilesAfterAFullClassAreNotReported() throws {
    let root = try makeMixedFolder()
    let loader = ImageFolder(path: root, size: ImageSize(width: 8, height: 8), showsProgress: false)
    // Two images per class: the corrupt file 03b comes after them and is never tried.
    let data: TrainTestSplit<Float> = try loader.load(trainPerClass: 1, testPerClass: 1)
    #expect(data.skipped.isEmpty)
    #expect(data.train.sources.map { ($0 as NSString).lastPathComponent } == ["00.jpg", "00.jpg", "00.jpg"])
    #expect(throws: DataError.notEnoughImages(className: "cats", requested: 15, available: 14)) {
      let _: TrainTestSplit<Float> = try loader.load(trainPerClass: 10, testPerClass: 5)
    }
  }

  @Test func withoutASizeTheFirstImageSetsIt() throws {
    let root = try temporaryDirectory("unsized")
    for name in ["a", "b"] {
      try FileManager.default.createDirectory(atPath: "\(root)/\(name)", withIntermediateDirectories: true)
      _ = FileManager.default.createFile(atPath: "\(root)/\(name)/0-corrupt.png", contents: Data([0x89, 0x50]))
      for k in 1...6 {
        let (width, height) = k == 3 ? (5, 4) : (6, 4)
        try ImageWriter.write(patternPixels(width * height, seed: k), width: width, height: height, channels: 1, to: "\(root)/\(name)/\(k).png")
      }
    }
    let data: TrainTestSplit<Double> = try ImageFolder(path: root, size: nil, showsProgress: false).load(trainPerClass: 3, testPerClass: 2)
    #expect(data.imageShape == (6, 4, 1))
    #expect(data.skipped.map { ($0.path as NSString).lastPathComponent } == ["0-corrupt.png", "3.png", "0-corrupt.png", "3.png"])
    #expect(data.skipped[1].reason.contains("is 5x4 but earlier images are 6x4"))
    #expect(data.train.samples.row(0) == patternPixels(24, seed: 1).map { Double($0) / 255 })
  }

  @Test func unlabeledFilesKeepTheirOrder() throws {
    let root = try makeMixedFolder()
    let loader = ImageFolder(path: root, size: ImageSize(width: 10, height: 10), showsProgress: false)
    let files = try loader.files(ofClass: "dogs").reversed() + ["\(root)/missing.png"]
    let (samples, sources, skipped): (Matrix<Double>, [String], [SkippedFile]) = try loader.loadUnlabeled(files: Array(files))
    #expect(sources == files.filter { !$0.contains("b-") && !$0.hasSuffix("missing.png") })
    #expect(samples.rowCount == sources.count)
    #expect(skipped.map(\.path) == files.filter { $0.contains("b-") || $0.hasSuffix("missing.png") })
    for (i, file) in sources.enumerated() {
      let single: (samples: Matrix<Double>, sources: [String], skipped: [SkippedFile]) = try loader.loadUnlabeled(files: [file])
      #expect(samples.row(i) == single.samples.row(0))
    }
  }

  @Test func badSizesAndUnreadableInputsAreTypedErrorsOrSkips() throws {
    let root = try makeMixedFolder()
    for size in [ImageSize(width: 0, height: 10), ImageSize(width: 10, height: -1), ImageSize(width: 1 << 20, height: 1 << 20)] {
      #expect(throws: DataError.self, "\(size)") {
        let _: TrainTestSplit<Float> = try ImageFolder(path: root, size: size, showsProgress: false).load(trainPerClass: 1, testPerClass: 1)
      }
      #expect(throws: DataError.self, "\(size)") {
        let _: (Matrix<Float>, [String], [SkippedFile]) = try ImageFolder(path: root, size: size, showsProgress: false).loadUnlabeled(files: [])
      }
    }
    #expect(throws: DataError.self) {
      let _: TrainTestSplit<Float> = try ImageFolder(path: root, showsProgress: false).load(trainPerClass: .max, testPerClass: .max)
    }
    let corrupt = ["cats/03b-corrupt.jpg", "dogs/05b-empty.png", "nope.png"].map { "\(root)/\($0)" }
    let (samples, sources, skipped): (Matrix<Double>, [String], [SkippedFile]) =
      try ImageFolder(path: root, size: nil, showsProgress: false).loadUnlabeled(files: corrupt)
    #expect(samples.rowCount == 0 && sources.isEmpty)
    #expect(skipped.map(\.path) == corrupt)
  }

  /// Expected values from Pillow: `Image.fromarray(a).resize((W, H), Image.BILINEAR)` for
  /// the pattern pixels of a 13 × 9 image (channels, W, H, pixels).
  static let pillowCases: [(Int, Int, Int, [Int])] = [
    (1, 5, 4, [77, 117, 173, 90, 153, 149, 101, 175, 82, 133, 162, 77, 169, 115, 106, 164, 74, 150, 115, 84]),
    (1, 13, 5, [
      117, 31, 69, 106, 143, 180, 217, 131, 45, 83, 120, 157, 194, 226, 89, 51, 92, 129, 166, 203, 240, 23, 65, 106, 143,
      180, 209, 246, 27, 67, 109, 149, 186, 223, 64, 41, 81, 123, 163, 192, 229, 10, 47, 84, 125, 167, 206, 243, 24, 61,
      98, 139, 173, 215, 124, 33, 70, 107, 145, 187, 229, 10, 47, 84, 121,
    ]),
    (3, 6, 13, [
      88, 80, 117, 153, 115, 104, 126, 163, 136, 100, 138, 175, 94, 113, 151, 169, 96, 138, 125, 141, 99, 136, 141, 114,
      109, 146, 156, 90, 120, 158, 134, 108, 133, 151, 138, 121, 149, 186, 87, 114, 155, 132, 88, 124, 166, 100, 101, 136,
      162, 121, 111, 128, 167, 98, 127, 164, 98, 93, 133, 164, 68, 103, 143, 156, 87, 114, 141, 171, 88, 106, 147, 76,
      104, 141, 143, 137, 110, 147, 124, 86, 121, 145, 135, 102, 119, 157, 144, 84, 126, 121, 115, 118, 160, 163, 120,
      125, 151, 105, 99, 124, 158, 121, 97, 134, 172, 94, 104, 141, 169, 97, 138, 156, 170, 103, 130, 169, 80, 101, 141,
      176, 75, 112, 151, 143, 80, 117, 146, 152, 117, 134, 164, 82, 109, 147, 135, 125, 120, 157, 141, 89, 130, 153, 127,
      96, 124, 165, 94, 111, 149, 102, 109, 124, 153, 147, 99, 136, 158, 97, 109, 145, 153, 112, 102, 144, 79, 92, 127,
      147, 128, 106, 140, 162, 86, 113, 135, 129, 93, 123, 160, 155, 82, 121, 133, 105, 106, 140, 152, 124, 119, 141, 151,
      91, 113, 142, 124, 100, 137, 168, 128, 99, 136, 130, 108, 123, 145, 146, 98, 119, 157, 99, 102, 132, 143, 128, 116,
      157, 190, 81, 118, 155, 119, 106, 128, 165, 81, 102, 139, 118, 98, 115, 152, 169, 99, 140,
    ]),
  ]

  @Test(arguments: pillowCases)
  func resizesAsPillowBilinear(channels: Int, width: Int, height: Int, expected: [Int]) throws {
    let root = try temporaryDirectory("pillow")
    let file = "\(root)/image.png"
    try ImageWriter.write(patternPixels(13 * 9 * channels), width: 13, height: 9, channels: channels, to: file)
    let loader = ImageFolder(path: root, size: ImageSize(width: width, height: height), rgb: channels == 3, showsProgress: false)
    let (samples, _, _): (Matrix<Double>, [String], [SkippedFile]) = try loader.loadUnlabeled(files: [file])
    #expect(samples.row(0).map { Int(($0 * 255).rounded()) } == expected)
  }

  @Test func enlargingAsPillowBilinear() throws {
    let root = try temporaryDirectory("pillow-up")
    let file = "\(root)/image.png"
    try ImageWriter.write(patternPixels(13 * 9), width: 13, height: 9, channels: 1, to: file)
    let loader = ImageFolder(path: root, size: ImageSize(width: 20, height: 11), showsProgress: false)
    let (samples, _, _): (Matrix<Double>, [String], [SkippedFile]) = try loader.loadUnlabeled(files: [file])
    let firstRows = [
      0, 18, 42, 66, 90, 114, 138, 162, 186, 210, 154, 19, 37, 61, 85, 109, 133, 157, 181, 199,
      172, 105, 35, 59, 83, 107, 131, 155, 179, 203, 206, 186, 97, 54, 78, 102, 126, 150, 174, 192,
    ]
    #expect(samples.row(0).prefix(40).map { Int(($0 * 255).rounded()) } == firstRows)
  }
}

@Suite("NumPy bulk reading")
struct NumPyBulkReadingTests {
  func npyFile(_ descriptor: String, shape: String, payload: [UInt8], fortran: Bool = false) throws -> String {
    var header = "{'descr': '\(descriptor)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(shape), }"
    while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
    header += "\n"
    let length = header.utf8.count
    let bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)] + Array(header.utf8) + payload
    let path = try temporaryDirectory("npy") + "/array.npy"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  func bytes<T>(_ values: [T], bigEndian: Bool = false) -> [UInt8] {
    values.flatMap { value in
      let raw = withUnsafeBytes(of: value) { Array($0) }
      return bigEndian ? raw.reversed() : raw
    }
  }

  @Test func everyElementTypeFromAFile() throws {
    let values: [Double] = [0, 1, 2, 3, 100, 127]
    let cases: [(String, [UInt8])] = [
      ("|u1", values.map { UInt8($0) }), ("|i1", bytes(values.map { Int8($0) })),
      ("<u2", bytes(values.map { UInt16($0) })), ("<i2", bytes(values.map { Int16($0) })),
      (">u2", bytes(values.map { UInt16($0) }, bigEndian: true)), (">i4", bytes(values.map { Int32($0) }, bigEndian: true)),
      ("<u4", bytes(values.map { UInt32($0) })), ("<i4", bytes(values.map { Int32($0) })),
      ("<u8", bytes(values.map { UInt64($0) })), ("<i8", bytes(values.map { Int64($0) })),
      ("<f4", bytes(values.map { Float($0) })), (">f4", bytes(values.map { Float($0) }, bigEndian: true)),
      ("<f8", bytes(values)), (">f8", bytes(values, bigEndian: true)),
    ]
    for (descriptor, payload) in cases {
      let path = try npyFile(descriptor, shape: "(2, 3)", payload: payload)
      let array = try NumPyArray.read(contentsOf: path)
      let inMemory = try NumPyArray(file: Data(contentsOf: URL(fileURLWithPath: path)))
      let expected = try Matrix<Double>(rowCount: 2, columnCount: 3, elements: values)
      #expect(try array.matrix() == expected, "\(descriptor)")
      #expect(try inMemory.matrix() == expected, "\(descriptor) in memory")
      #expect(try array.matrix(dividingBy: 255) == expected.map { $0 / 255 }, "\(descriptor) / 255")
      #expect(try array.matrix(dividingBy: 255) == Matrix<Float>(converting: expected.map { $0 / 255 }), "\(descriptor) as Float")
      #expect(try array.integers() == values.map { Int($0) }, "\(descriptor)")
      #expect((0..<6).map(array.value(at:)) == values, "\(descriptor)")
      #expect(array.data == Data(payload), "\(descriptor)")
    }
  }

  @Test func specialValuesSurviveTheBulkRead() throws {
    let values: [Double] = [.nan, .infinity, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude, -1.5]
    let array = try NumPyArray.read(contentsOf: try npyFile("<f8", shape: "(6,)", payload: bytes(values)))
    let x: Matrix<Double> = try array.matrix()
    #expect(x.shape == (rows: 6, columns: 1))
    #expect(x.elements.map(\.bitPattern) == values.map(\.bitPattern))
  }

  @Test func fortranOrderIsRefusedWithAFix() throws {
    let path = try npyFile("<f8", shape: "(2, 2)", payload: bytes([1.0, 2, 3, 4]), fortran: true)
    #expect {
      _ = try NumPyArray.read(contentsOf: path)
    } throws: { error in
      (error as? DataError)?.description.contains("numpy.ascontiguousarray") == true
    }
  }

  @Test func truncatedFilesAndHugeShapeClaimsAreTypedErrors() throws {
    // Truncated data: the header's claim is checked against the file's size.
    let truncated = try npyFile("<f8", shape: "(4, 4)", payload: bytes([1.0, 2, 3]))
    #expect(throws: DataError.invalidFormat(
      path: truncated, detail: "the header declares 128 bytes of data (shape [4, 4]) but the file holds 24.")
    ) { _ = try NumPyArray.read(contentsOf: truncated) }
    // A header cut short, and a file shorter than its magic string.
    let cut = try npyFile("<f8", shape: "(1,)", payload: [])
    let bytes = try Data(contentsOf: URL(fileURLWithPath: cut))
    try bytes.prefix(40).write(to: URL(fileURLWithPath: cut))
    #expect(throws: DataError.self) { _ = try NumPyArray.read(contentsOf: cut) }
    try bytes.prefix(5).write(to: URL(fileURLWithPath: cut))
    #expect(throws: DataError.self) { _ = try NumPyArray.read(contentsOf: cut) }
    // Claims of petabytes are refused from the header alone: nothing that size is allocated,
    // whatever the limit.
    let huge = try npyFile("<f8", shape: "(1000000000, 1000000)", payload: [0, 0, 0, 0, 0, 0, 0, 0])
    #expect(throws: DataError.tooLarge(path: huge, bytes: 8_000_000_000_000_000, limit: NumPyArray.defaultByteLimit)) {
      _ = try NumPyArray.read(contentsOf: huge)
    }
    #expect(throws: DataError.self) { _ = try NumPyArray.read(contentsOf: huge, byteLimit: .max) }
    let overflowing = try npyFile("|u1", shape: "(4000000000, 4000000000, 4000000000)", payload: [1])
    #expect(throws: DataError.invalidFormat(path: overflowing, detail: "the shape [4000000000, 4000000000, 4000000000] overflows.")) {
      _ = try NumPyArray.read(contentsOf: overflowing, byteLimit: .max)
    }
    #expect(throws: DataError.notFound(path: "/nonexistent/x.npy")) { _ = try NumPyArray.read(contentsOf: "/nonexistent/x.npy") }
    #expect(throws: DataError.unreadable(path: "/tmp", reason: "not a regular file")) { _ = try NumPyArray.read(contentsOf: "/tmp") }
  }

  @Test func aFileThatShrinksAfterReadingTheHeaderIsATypedError() throws {
    let path = try npyFile("<f8", shape: "(3,)", payload: bytes([1.0, 2, 3]))
    let array = try NumPyArray.read(contentsOf: path)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.truncate(atOffset: 80)
    try handle.close()
    #expect(throws: DataError.self) { let _: Matrix<Double> = try array.matrix() }
  }
}
