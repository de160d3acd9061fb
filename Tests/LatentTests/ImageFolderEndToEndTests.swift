// A folder of real JPEG and PNG files of 250 × 400 pixels, made here with stb_image_write, goes
// end to end: 100,000-dimensional pixel vectors, LDA (low-rank path), class centroids, nearest-
// centroid assignment, precision and recall, and the figures. Then the same through the `latent`
// executable, when it has been built next to the tests.
import Foundation
import Latent
import LatentData
import LatentPlot
import Testing

@Suite("Image folder end to end")
struct ImageFolderEndToEndTests {
  static let classes = ["circle", "stripes", "gradient"]
  static let (width, height) = (400, 250)

  /// Six images per class: a class pattern plus seeded noise; even ones PNG, odd ones JPEG.
  static func makeFolder() throws -> String {
    let root = NSTemporaryDirectory() + "latent-e2e-\(UUID().uuidString)"
    var state: UInt64 = 42
    func noise() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 40) / Double(1 << 24) - 0.5
    }
    for (k, name) in classes.enumerated() {
      try FileManager.default.createDirectory(atPath: "\(root)/\(name)", withIntermediateDirectories: true)
      for index in 0..<6 {
        var pixels = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height {
          for x in 0..<width {
            let dx = Double(x - width / 2), dy = Double(y - height / 2)
            let pattern: Double =
              switch k {
              case 0: (dx * dx + dy * dy).squareRoot() < 90 ? 0.8 : 0.2
              case 1: (x / 25) % 2 == 0 ? 0.75 : 0.25
              default: Double(x) / Double(width)
              }
            pixels[y * width + x] = UInt8(max(0, min(255, (pattern + 0.3 * noise()) * 255)))
          }
        }
        let file = "\(root)/\(name)/\(String(format: "%02d", index)).\(index % 2 == 0 ? "png" : "jpg")"
        try ImageWriter.write(pixels, width: width, height: height, channels: 1, to: file)
      }
    }
    return root
  }

  @Test func pixelsToLDAToCentroidsToReportAndFigures() throws {
    let root = try Self.makeFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let data: TrainTestSplit<Double> = try ImageFolder(path: root, size: nil).load(trainPerClass: 4, testPerClass: 2)
    #expect(data.train.samples.shape == (rows: 12, columns: 100_000))
    #expect(data.test.samples.shape == (rows: 6, columns: 100_000))
    #expect(data.skipped.isEmpty)

    let model = try EmbeddingClassifier.fit(
      data.train.samples, labels: data.train.labels, projection: .lda(LinearDiscriminantAnalysis(componentCount: 2)))
    guard case .lda(let lda) = model.projection else {
      Issue.record("expected an LDA projection")
      return
    }
    #expect(lda.path == .lowRank, "d = 100,000 ≫ n = 12 takes the low-rank path")
    let predicted = try model.predict(data.test.samples)
    let scores = try ClassificationScores(truth: data.test.labels, predictions: predicted, labels: Self.classes)
    // The three patterns are far apart: every held-out image lands on its own class.
    #expect(scores.precision() == [1, 1, 1] && scores.recall() == [1, 1, 1])

    let projected = try model.transform(data.test.samples)
    let centroids = model.classifier.centroids
    let plot = try ScatterPlot(
      points: (0..<projected.rowCount).map { SIMD2(projected[$0, 0], projected[$0, 1]) },
      groups: data.test.labels.map { Self.classes.firstIndex(of: $0)! }, groupNames: Self.classes,
      centroids: (0..<centroids.rowCount).map { SIMD2(centroids[$0, 0], centroids[$0, 1]) },
      title: "LDA 2-D of 250 × 400 images", xLabel: "discriminant 1", yLabel: "discriminant 2")
    let svg = plot.svg()
    #expect(svg.contains("<svg") && svg.contains("circle") && svg.contains("gradient"))
  }

  @Test func theLatentToolRunsOnTheFolder() throws {
    // `swift test` builds the executables with the tests, next to the test bundle.
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("latent").path
    try #require(FileManager.default.isExecutableFile(atPath: binary), "the latent executable is not at \(binary)")
    let root = try Self.makeFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let output = root + "-out"
    defer { try? FileManager.default.removeItem(atPath: output) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = [
      "experiment", "--dataset", root, "--image-size", "400x250", "--train-per-class", "4", "--test-per-class", "2",
      "--methods", "raw,lda2", "--json", "\(output)/results.json", "--plots", "\(output)/figures",
    ]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    // `output` does not exist yet: the tool creates the folders it writes to.
    try process.run()
    let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "latent experiment failed:\n\(text)")
    #expect(text.contains("100000 values"))
    #expect(FileManager.default.fileExists(atPath: "\(output)/results.json"))
    for figure in ["lda2-by-class.svg", "lda2-by-nearest-centroid.svg", "confusion-lda2.svg", "contact-sheet.png"] {
      #expect(FileManager.default.fileExists(atPath: "\(output)/figures/\(figure)"), "\(figure) missing")
    }
  }
}
