import ArgumentParser
import Foundation
import LatentData
import LatentLinearAlgebra

/// Where the images come from and how many of each class to use.
struct DataOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The data: 'fashion-mnist' (Debian's dataset-fashion-mnist), a folder with one subfolder of images per class, or a .npy file of samples.",
      valueName: "fashion-mnist|FOLDER|FILE.npy"))
  var dataset: String = "fashion-mnist"

  @Option(
    parsing: .upToNextOption,
    help: ArgumentHelp(
      "Classes by name or index (Fashion-MNIST: 0–9 or names such as Coat), separated by commas or spaces; default T-shirt/top, Pullover, Coat, Shirt for Fashion-MNIST, all for folders and .npy.",
      valueName: "class"))
  var classes: [String] = []

  @Option(help: "Training images per class: the first N of each class.")
  var trainPerClass: Int = 16

  @Option(help: "Test images per class: the first M of each class in the test file (Fashion-MNIST) or the M after the training ones (folders, .npy).")
  var testPerClass: Int = 128

  @Option(help: ArgumentHelp("Size images are resized to (folders only).", valueName: "WIDTHxHEIGHT"))
  var imageSize: String = "100x100"

  @Flag(help: "Keep colour (RGB, three values per pixel) instead of grayscale (folders only).")
  var rgb = false

  @Option(help: ArgumentHelp("Labels for a .npy dataset: a .npy of integers or a text file with one label per line.", valueName: "FILE"))
  var labels: String?

  func validate() throws {
    guard trainPerClass >= 1 else { throw ValidationError("--train-per-class must be at least 1 (got \(trainPerClass)).") }
    guard testPerClass >= 0 else { throw ValidationError("--test-per-class must not be negative (got \(testPerClass)).") }
    guard ImageSize(imageSize) != nil else {
      throw ValidationError("--image-size must look like 100x100 (width x height, both positive), got '\(imageSize)'.")
    }
    if dataset.hasSuffix(".npy") && labels == nil {
      throw ValidationError("a .npy dataset needs --labels FILE (a .npy of integers or a text file, one label per line).")
    }
  }

  var isFashionMNIST: Bool { dataset.lowercased() == "fashion-mnist" }

  /// The classes asked for, with "coat,shirt" split as "coat shirt" is (as `--methods` is).
  var classNames: [String] {
    classes.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  /// Loads the split, with a progress display for image folders.
  func load<Scalar: LinearAlgebraScalar>(trainPerClass: Int? = nil) throws -> TrainTestSplit<Scalar> {
    let train = trainPerClass ?? self.trainPerClass
    if isFashionMNIST {
      let chosen = classNames.isEmpty ? FashionMNIST.defaultClasses : classNames
      return try FashionMNIST.load(classes: chosen, trainPerClass: train, testPerClass: testPerClass)
    }
    if dataset.hasSuffix(".npy") {
      return try loadNumPy(train: train)
    }
    // The loader shows its own progress on stderr for loads over a second.
    let folder = ImageFolder(path: dataset, size: ImageSize(imageSize), rgb: rgb, showsProgress: true)
    let split: TrainTestSplit<Scalar> = try folder.load(
      classes: classNames.isEmpty ? nil : classNames, trainPerClass: train, testPerClass: testPerClass)
    for file in split.skipped { Terminal.note("skipped \(file.path): \(file.reason)") }
    if !split.skipped.isEmpty { Terminal.note("loaded \(split.loadedCount) images, skipped \(split.skipped.count)") }
    return split
  }

  /// A .npy of samples (rows) plus labels; per class, the first N rows for training and the next M for testing.
  private func loadNumPy<Scalar: LinearAlgebraScalar>(train: Int) throws -> TrainTestSplit<Scalar> {
    let array = try NumPyArray.read(contentsOf: dataset)
    let x: Matrix<Scalar> = try array.matrix()
    let labelPath = labels!
    let names: [String]
    if labelPath.hasSuffix(".npy") {
      names = try NumPyArray.read(contentsOf: labelPath).integers().map(String.init)
    } else {
      guard let text = try? String(contentsOfFile: labelPath, encoding: .utf8) else { throw DataError.notFound(path: labelPath) }
      names = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
    guard names.count == x.rowCount else {
      throw DataError.invalidRequest("\(dataset) has \(x.rowCount) rows but \(labelPath) has \(names.count) labels.")
    }
    var available: [String] = []
    for name in names where !available.contains(name) { available.append(name) }
    let numericSort = available.allSatisfy { Int($0) != nil }
    available.sort { numericSort ? Int($0)! < Int($1)! : $0 < $1 }
    let chosen = classNames.isEmpty ? available : classNames
    var trainRows: [Int] = []
    var testRows: [Int] = []
    for name in chosen {
      guard available.contains(name) else { throw DataError.unknownClass(name, available: available) }
      let members = names.indices.filter { names[$0] == name }
      guard members.count >= train + testPerClass else {
        throw DataError.notEnoughImages(className: name, requested: train + testPerClass, available: members.count)
      }
      trainRows += members.prefix(train)
      testRows += members.dropFirst(train).prefix(testPerClass)
    }
    func part(_ rows: [Int]) -> LabeledSamples<Scalar> {
      LabeledSamples(samples: x.rows(at: rows), labels: rows.map { names[$0] }, sources: rows.map { "\(dataset)[\($0)]" })
    }
    return TrainTestSplit(
      classes: chosen, train: part(trainRows), test: part(testRows), imageShape: (x.columnCount, 1, 1),
      skipped: [], loadedCount: trainRows.count + testRows.count)
  }
}
