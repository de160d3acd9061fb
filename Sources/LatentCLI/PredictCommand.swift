import ArgumentParser
import Foundation
import LatentData
import LatentLinearAlgebra
import LatentModels

/// `latent predict`: classify images with a saved model.
struct PredictCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "predict",
    abstract: "Classify images with a model saved by 'latent fit': print each image's label and its distance to every class centroid.",
    discussion: """
      INPUT is an image file, a folder of images (its files, sorted), or 'fashion-mnist' (the test
      images of the model's classes, with precision and recall against their true labels).
      """)

  @Option(name: [.short, .long], help: ArgumentHelp("The model file written by 'latent fit'.", valueName: "PATH"))
  var model: String

  @Argument(help: ArgumentHelp("Image files, folders of images, or fashion-mnist.", valueName: "INPUT"))
  var inputs: [String]

  @Option(help: "Test images per class when INPUT is fashion-mnist.")
  var testPerClass: Int = 128

  func run() throws {
    let saved = try SavedModel.read(from: model)
    let classifier = saved.model
    let classes = classifier.classes
    if inputs == ["fashion-mnist"] {
      let split: TrainTestSplit<Double> = try FashionMNIST.load(classes: classes, trainPerClass: 0, testPerClass: testPerClass)
      let predicted = try checkedPredict(classifier, split.test.samples)
      let report = try SplitReport(truth: split.test.labels, predicted: predicted, classes: classes)
      print(report.table(title: "Fashion-MNIST test images (\(split.test.labels.count)), \(saved.method.rawValue)"))
      return
    }
    var files: [String] = []
    for input in inputs {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else { throw DataError.notFound(path: input) }
      if isDirectory.boolValue {
        let entries = try FileManager.default.contentsOfDirectory(atPath: input).filter { !$0.hasPrefix(".") }.sorted()
        files += entries.map { "\(input)/\($0)" }.filter { path in
          var directory: ObjCBool = false
          return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && !directory.boolValue
        }
      } else {
        files.append(input)
      }
    }
    guard !files.isEmpty else { throw CLIError("no image files in \(inputs.joined(separator: ", ")).") }
    guard let size = saved.imageSize else {
      throw CLIError("this model was fitted on \(saved.dataset), not on image files; classify 'fashion-mnist' or fit a model on an image folder.")
    }
    let loader = ImageFolder(path: ".", size: size, rgb: saved.rgb)
    let (samples, sources, skipped): (Matrix<Double>, [String], [SkippedFile]) = try loader.loadUnlabeled(files: files)
    for file in skipped { Terminal.note("skipped \(file.path): \(file.reason)") }
    guard samples.rowCount > 0 else { throw CLIError("none of the inputs is a readable image.") }
    let predicted = try checkedPredict(classifier, samples)
    let distances = try classifier.distances(samples)
    let width = max(20, sources.map(\.count).max() ?? 0)
    print("image".padding(toLength: width, withPad: " ", startingAt: 0) + "  label".padding(toLength: 16, withPad: " ", startingAt: 0)
      + "  distance to " + classes.joined(separator: " | "))
    for (i, source) in sources.enumerated() {
      let row = (0..<classes.count).map { String(format: "%.4g", distances[i, $0]) }.joined(separator: " | ")
      print(source.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + predicted[i].padding(toLength: 14, withPad: " ", startingAt: 0) + "  " + row)
    }
  }

  private func checkedPredict(_ classifier: EmbeddingClassifier<Double, String>, _ samples: Matrix<Double>) throws -> [String] {
    guard samples.columnCount == classifier.featureCount else {
      throw CLIError(
        "\(model) expects images of \(classifier.featureCount) values but these have \(samples.columnCount); use images like the ones it was fitted on (same size and channels).")
    }
    return try classifier.predict(samples)
  }
}
