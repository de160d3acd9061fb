import ArgumentParser
import Foundation
import LatentData
import LatentLinearAlgebra
import LatentModels

/// `latent experiment`: every method on the same images, reported side by side.
struct ExperimentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "experiment",
    abstract: "Run every method on the same training and test images and report per-class precision and recall.",
    discussion: """
      Methods: raw (pixels), lda2, lda3 (LDA, svd solver), lda2-shrinkage, lda3-shrinkage (LDA, eigen
      solver with Ledoit–Wolf shrinkage), pca2, pca3. Each fits its projection and a Euclidean
      nearest-centroid classifier on the training images only, then classifies the training and
      the test images.
      """)

  @OptionGroup var data: DataOptions

  @Option(
    parsing: .upToNextOption,
    help: ArgumentHelp("Methods to run, separated by commas or spaces, or 'all'.", valueName: "method"))
  var methods: [String] = ["all"]

  @Option(help: ArgumentHelp("Write the results as JSON to this file.", valueName: "PATH"))
  var json: String?

  @Option(help: ArgumentHelp("Write SVG figures (and a PNG contact sheet) to this folder.", valueName: "DIR"))
  var plots: String?

  func validate() throws {
    _ = try Method.parseList(methods)
  }

  func run() throws {
    let chosen = try Method.parseList(methods)
    let start = Date()
    let split: TrainTestSplit<Double> = try data.load()
    let (train, test) = (split.train, split.test)
    print(
      "Data: \(data.isFashionMNIST ? "Fashion-MNIST" : data.dataset), \(split.classes.count) classes (\(split.classes.joined(separator: ", "))), "
        + "\(train.labels.count) training and \(test.labels.count) test images of \(train.samples.columnCount) values "
        + "(loaded in \(String(format: "%.2f", Date().timeIntervalSince(start))) s)")
    print("OpenBLAS kernel \(OpenBLASRuntime.kernelName), \(OpenBLASRuntime.threadCount) threads\n")

    var report = ExperimentReport(classes: split.classes, trainPerClass: data.trainPerClass, testPerClass: data.testPerClass, methods: [:])
    var fitted: [Method: EmbeddingClassifier<Double, String>] = [:]
    var ran: [String] = []
    let progress = Terminal.Progress("")
    for method in chosen {
      progress.step("fitting \(method.rawValue) on \(train.samples.rowCount) × \(train.samples.columnCount) …")
      let fitStart = Date()
      let model: EmbeddingClassifier<Double, String>
      do {
        model = try EmbeddingClassifier.fit(train.samples, labels: train.labels, projection: method.projection)
      } catch let error as ModelError {
        progress.finish()
        print("\(method.rawValue) — \(method.summary): skipped: \(error)\n")
        continue
      }
      let seconds = Date().timeIntervalSince(fitStart)
      let trainReport = try SplitReport(truth: train.labels, predicted: try model.predict(train.samples), classes: split.classes)
      let testReport = try SplitReport(truth: test.labels, predicted: try model.predict(test.samples), classes: split.classes)
      progress.finish()
      fitted[method] = model
      ran.append(method.rawValue)
      report.methods[method.rawValue] = MethodReport(train: trainReport, test: testReport)
      print("\(method.rawValue) — \(method.summary), then nearest centroid (fit \(String(format: "%.3f", seconds)) s)")
      print(trainReport.table(title: "training images (\(train.labels.count))"))
      if !test.labels.isEmpty { print(testReport.table(title: "test images (\(test.labels.count))")) }
      print("")
    }
    guard !ran.isEmpty else { throw CLIError("no method could be fitted on this data.") }
    print(report.summary(order: ran))
    if let json {
      try report.write(to: json)
      print("\nResults written to \(json)")
    }
    if let plots {
      let paths = try ExperimentFigures(split: split, models: fitted, data: data).write(to: plots)
      print("\nFigures written to \(plots):")
      for path in paths { print("  \(path)") }
    }
  }
}
