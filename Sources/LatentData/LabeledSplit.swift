import LatentLinearAlgebra

/// Samples with one class name per row.
public struct LabeledSamples<Scalar: LinearAlgebraScalar>: Sendable {
  /// One sample per row.
  public var samples: Matrix<Scalar>
  /// The class name of each row.
  public var labels: [String]
  /// Where each row came from (a file path, or a data set and index).
  public var sources: [String]

  /// Creates labelled samples; the three must have the same count.
  public init(samples: Matrix<Scalar>, labels: [String], sources: [String]) {
    precondition(samples.rowCount == labels.count && labels.count == sources.count,
      "LabeledSamples: \(samples.rowCount) rows, \(labels.count) labels, \(sources.count) sources")
    self.samples = samples
    self.labels = labels
    self.sources = sources
  }
}

/// A file that could not be loaded, and why.
public struct SkippedFile: Sendable, Equatable, CustomStringConvertible {
  /// The file's path.
  public var path: String
  /// Why it was skipped.
  public var reason: String
  /// "path: reason", as the command-line tool prints it.
  public var description: String { "\(path): \(reason)" }
}

/// Training and test data of the same classes: the first N samples of each class
/// for training and the M that follow (or the test file's first M) for testing.
public struct TrainTestSplit<Scalar: LinearAlgebraScalar>: Sendable {
  /// The class names, in the order they were requested or found.
  public var classes: [String]
  /// The training samples, class by class.
  public var train: LabeledSamples<Scalar>
  /// The test samples, class by class.
  public var test: LabeledSamples<Scalar>
  /// The shape of one image: width, height and channels (1 gray, 3 RGB).
  public var imageShape: (width: Int, height: Int, channels: Int)
  /// Files that could not be loaded (image folders only).
  public var skipped: [SkippedFile]
  /// Files that were loaded (image folders) or samples read (data sets).
  public var loadedCount: Int

  /// Creates a split from its parts (loaders build these; so can code that reads its own formats).
  public init(
    classes: [String], train: LabeledSamples<Scalar>, test: LabeledSamples<Scalar>,
    imageShape: (width: Int, height: Int, channels: Int), skipped: [SkippedFile] = [], loadedCount: Int? = nil
  ) {
    self.classes = classes
    self.train = train
    self.test = test
    self.imageShape = imageShape
    self.skipped = skipped
    self.loadedCount = loadedCount ?? (train.labels.count + test.labels.count)
  }
}
