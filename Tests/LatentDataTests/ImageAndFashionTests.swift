// Image folders (decoded by stb_image, written by stb_image_write in the test itself)
// and Fashion-MNIST from Debian's dataset-fashion-mnist package.
import Foundation
import LatentData
import LatentLinearAlgebra
import LatentTestSupport
import Testing

@Suite("Image folders")
struct ImageFolderTests {
  /// Two classes; `a` has a corrupt file among its images.
  func makeFolder() throws -> String {
    let root = try temporaryDirectory("images")
    for name in ["a", "b"] { try FileManager.default.createDirectory(atPath: "\(root)/\(name)", withIntermediateDirectories: true) }
    for k in 0..<3 {
      // 4 × 2 gray images with known pixels.
      let pixels = (0..<8).map { UInt8(10 * k + $0) }
      try ImageWriter.write(pixels, width: 4, height: 2, channels: 1, to: "\(root)/a/\(k).png")
      try ImageWriter.write(pixels.map { 255 - $0 }, width: 4, height: 2, channels: 1, to: "\(root)/b/\(k).png")
    }
    _ = FileManager.default.createFile(atPath: "\(root)/a/1b-corrupt.jpg", contents: Data("not an image".utf8))
    _ = FileManager.default.createFile(atPath: "\(root)/a/.hidden", contents: Data())
    return root
  }

  @Test func loadsSortedFilesAndSkipsCorruptOnes() throws {
    let root = try makeFolder()
    let data: TrainTestSplit<Double> = try ImageFolder(path: root, size: nil).load(trainPerClass: 2, testPerClass: 1)
    #expect(data.classes == ["a", "b"])
    #expect(data.train.samples.shape == (rows: 4, columns: 8))
    #expect(data.train.labels == ["a", "a", "b", "b"])
    #expect(data.test.labels == ["a", "b"])
    #expect(data.train.sources.map { ($0 as NSString).lastPathComponent } == ["0.png", "1.png", "0.png", "1.png"])
    #expect(data.train.samples.row(1) == (10..<18).map { Double($0) / 255 }, "PNG is lossless: exact pixels / 255")
    #expect(data.skipped.count == 1 && data.skipped[0].path.hasSuffix("1b-corrupt.jpg"))
    #expect(data.imageShape == (4, 2, 1))
  }

  @Test func resizesGrayscaleAndRGB() throws {
    let root = try makeFolder()
    let gray: TrainTestSplit<Float> = try ImageFolder(path: root, size: ImageSize(width: 8, height: 6)).load(trainPerClass: 1, testPerClass: 0)
    #expect(gray.train.samples.shape == (rows: 2, columns: 48))
    let rgb: TrainTestSplit<Float> = try ImageFolder(path: root, size: ImageSize(width: 3, height: 3), rgb: true).load(trainPerClass: 1, testPerClass: 0)
    #expect(rgb.train.samples.shape == (rows: 2, columns: 27))
    #expect(rgb.train.samples.elements.allSatisfy { $0 >= 0 && $0 <= 1 })
  }

  @Test func jpegRoundTripIsClose() throws {
    let root = try temporaryDirectory("jpeg")
    try FileManager.default.createDirectory(atPath: "\(root)/x", withIntermediateDirectories: true)
    let pixels = [UInt8](repeating: 128, count: 16 * 16)
    try ImageWriter.write(pixels, width: 16, height: 16, channels: 1, to: "\(root)/x/flat.jpg")
    let data: TrainTestSplit<Double> = try ImageFolder(path: root, size: nil).load(trainPerClass: 1, testPerClass: 0)
    #expect(data.train.samples.elements.allSatisfy { abs($0 - 128.0 / 255) <= 2.0 / 255 }, "JPEG of a flat image stays flat")
  }

  @Test func clearErrors() throws {
    let root = try makeFolder()
    #expect(throws: DataError.notEnoughImages(className: "a", requested: 5, available: 3)) {
      let _: TrainTestSplit<Double> = try ImageFolder(path: root).load(trainPerClass: 4, testPerClass: 1)
    }
    #expect(throws: DataError.self) { let _: TrainTestSplit<Double> = try ImageFolder(path: root).load(classes: ["c"], trainPerClass: 1, testPerClass: 1) }
    #expect(throws: DataError.notFound(path: root + "/nope")) { let _: TrainTestSplit<Double> = try ImageFolder(path: root + "/nope").load(trainPerClass: 1, testPerClass: 1) }
    try FileManager.default.createDirectory(atPath: "\(root)/empty", withIntermediateDirectories: true)
    #expect(throws: DataError.emptyClass(path: "\(root)/empty")) {
      let _: TrainTestSplit<Double> = try ImageFolder(path: root).load(classes: ["empty"], trainPerClass: 1, testPerClass: 0)
    }
    #expect(throws: DataError.self) { try ImageWriter.write([1, 2, 3], width: 2, height: 2, channels: 1, to: "\(root)/x.png") }
  }
}

@Suite("Fashion-MNIST")
struct FashionMNISTTests {
  @Test func protocolMatchesThePythonReader() throws {
    // The nearest-centroid fixture stores the same selection read by the generator (numpy + gzip).
    let fixture = try ReferenceFixture(named: "nearest_centroid.json")
    let stored = try #require(fixture.root["datasets"]?["fashion-mnist-0246-16x128"])
    let expectedTrain = try #require(try fixtureMatrix(stored["X_train"], Double.self, "X_train"))
    let expectedTest = try #require(try fixtureMatrix(stored["X_test"], Double.self, "X_test"))
    let data: TrainTestSplit<Double> = try FashionMNIST.load(classes: ["0", "2", "4", "6"], trainPerClass: 16, testPerClass: 128)
    #expect(data.classes == ["T-shirt/top", "Pullover", "Coat", "Shirt"])
    #expect(data.train.samples == expectedTrain)
    #expect(data.test.samples == expectedTest)
    #expect(data.train.labels == (try #require(stored["y_train"]?.array)).compactMap(\.string))
  }

  @Test func classesByNameAndErrors() throws {
    #expect(try FashionMNIST.classIndex("ankle BOOT") == 9)
    #expect(try FashionMNIST.classIndex("3") == 3)
    #expect(throws: DataError.self) { try FashionMNIST.classIndex("Hat") }
    #expect(throws: DataError.notEnoughImages(className: "Coat", requested: 7000, available: 6000)) {
      let _: TrainTestSplit<Float> = try FashionMNIST.load(classes: ["Coat"], trainPerClass: 7000, testPerClass: 1)
    }
    #expect(throws: DataError.self) {
      let _: TrainTestSplit<Float> = try FashionMNIST.load(trainPerClass: 1, testPerClass: 1, directory: "/nonexistent")
    }
  }
}
