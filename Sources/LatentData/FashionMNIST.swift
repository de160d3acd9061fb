import Foundation
import LatentLinearAlgebra

/// Fashion-MNIST, the default data set: 70,000 grayscale 28 × 28 images of ten
/// kinds of clothing, as Debian's `dataset-fashion-mnist` package installs it.
///
/// ```swift
/// let data: TrainTestSplit<Double> = try FashionMNIST.load(
///   classes: ["T-shirt/top", "Pullover", "Coat", "Shirt"], trainPerClass: 16, testPerClass: 128)
/// ```
public enum FashionMNIST {
  /// Where Debian's package puts the files.
  public static let defaultDirectory = "/usr/share/datasets/fashion-mnist"

  /// The ten class names, by label index.
  public static let classNames = [
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
  ]

  /// Four classes that are easily confused: the experiment's default.
  public static let defaultClasses = ["T-shirt/top", "Pullover", "Coat", "Shirt"]

  /// Resolves a class given by name (case-insensitive) or index ("0"…"9").
  public static func classIndex(_ nameOrIndex: String) throws -> Int {
    if let index = Int(nameOrIndex), classNames.indices.contains(index) { return index }
    if let index = classNames.firstIndex(where: { $0.caseInsensitiveCompare(nameOrIndex) == .orderedSame }) {
      return index
    }
    throw DataError.unknownClass(nameOrIndex, available: classNames.enumerated().map { "\($0.offset) \($0.element)" })
  }

  /// Loads the first `trainPerClass` images of each class from the training file and the
  /// first `testPerClass` of each class from the test file; pixels scaled to [0, 1].
  ///
  /// Rows are grouped by class in the order of `classes`.
  ///
  /// - Parameters:
  ///   - classes: names or indices; at least one, no repeats.
  ///   - trainPerClass: how many training images of each class (the first ones in the training file).
  ///   - testPerClass: how many test images of each class (the first ones in the test file).
  ///   - directory: the folder with the four `*-ubyte.gz` files.
  /// - Throws: ``DataError`` for a missing or corrupt file, an unknown class, or more images than a class has.
  /// - Complexity: O(size of the files).
  public static func load<Scalar: LinearAlgebraScalar>(
    classes: [String] = defaultClasses, trainPerClass: Int, testPerClass: Int, directory: String = defaultDirectory
  ) throws -> TrainTestSplit<Scalar> {
    guard trainPerClass >= 0, testPerClass >= 0 else {
      throw DataError.invalidRequest("images per class must not be negative.")
    }
    let indices = try classes.map(classIndex)
    guard !indices.isEmpty, Set(indices).count == indices.count else {
      throw DataError.invalidRequest("give at least one class, each once (got \(classes)).")
    }
    func part(_ prefix: String, _ perClass: Int) throws -> LabeledSamples<Scalar> {
      let imagePath = "\(directory)/\(prefix)-images-idx3-ubyte.gz"
      let labelPath = "\(directory)/\(prefix)-labels-idx1-ubyte.gz"
      let images = try IDXArray.read(contentsOf: imagePath)
      let labels = try IDXArray.read(contentsOf: labelPath).integers()
      guard images.shape.count == 3, images.shape[0] == labels.count else {
        throw DataError.invalidFormat(
          path: imagePath, detail: "expected N × 28 × 28 images matching \(labels.count) labels, got shape \(images.shape).")
      }
      var rows: [Int] = []
      for index in indices {
        let members = labels.indices.filter { labels[$0] == index }
        guard members.count >= perClass else {
          throw DataError.notEnoughImages(className: classNames[index], requested: perClass, available: members.count)
        }
        rows += members.prefix(perClass)
      }
      let samples: Matrix<Scalar> = try images.matrix(dividingBy: 255, rows: rows)
      return LabeledSamples(
        samples: samples, labels: rows.map { classNames[labels[$0]] }, sources: rows.map { "\(prefix)[\($0)]" })
    }
    let train = try part("train", trainPerClass)
    let test = try part("t10k", testPerClass)
    return TrainTestSplit(
      classes: indices.map { classNames[$0] }, train: train, test: test, imageShape: (28, 28, 1), skipped: [],
      loadedCount: train.labels.count + test.labels.count)
  }
}
