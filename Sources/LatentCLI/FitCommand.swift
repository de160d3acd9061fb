import ArgumentParser
import Foundation
import LatentData
import LatentModels

/// `latent fit`: train one method and save it.
struct FitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fit",
    abstract: "Fit one method (projection + nearest centroid) on the training images and save it as JSON.")

  @OptionGroup var data: DataOptions

  @Option(help: "The method to fit: raw, lda2, lda3, lda2-shrinkage, lda3-shrinkage, pca2 or pca3.")
  var method: Method = .lda3

  @Option(name: [.short, .long], help: ArgumentHelp("The model file to write.", valueName: "PATH"))
  var output: String

  func run() throws {
    let split: TrainTestSplit<Double> = try data.load()
    let model = try EmbeddingClassifier.fit(split.train.samples, labels: split.train.labels, projection: method.projection)
    let saved = SavedModel(
      method: method, dataset: data.dataset,
      imageSize: data.isFashionMNIST || data.dataset.hasSuffix(".npy") ? nil : ImageSize(data.imageSize),
      rgb: data.rgb, model: model)
    try saved.write(to: output)
    let scores = try SplitReport(truth: split.train.labels, predicted: model.predict(split.train.samples), classes: split.classes)
    print("Fitted \(method.rawValue) (\(method.summary)) on \(split.train.labels.count) images of \(split.classes.count) classes; training accuracy \(String(format: "%.3f", scores.accuracy)).")
    print("Saved to \(output)")
  }
}
