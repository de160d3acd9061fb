/// How often each true label was predicted as each label: the entry in row i and
/// column j counts the samples whose true label is `labels[i]` and whose predicted
/// label is `labels[j]` (scikit-learn's `confusion_matrix`).
///
/// ```swift
/// let matrix = try ConfusionMatrix(
///   truth: ["cat", "ant", "cat", "cat", "ant", "bird"],
///   predictions: ["ant", "ant", "cat", "cat", "ant", "cat"])
/// matrix.labels  // ["ant", "bird", "cat"]
/// matrix.counts  // [[2, 0, 0], [0, 0, 1], [1, 0, 2]]
/// print(matrix)
/// // true \ predicted  ant  bird  cat
/// //              ant    2     0    0
/// //             bird    0     0    1
/// //              cat    1     0    2
/// ```
///
/// Without `labels:`, the rows and columns are every label that occurs in the true
/// or predicted labels: sorted ascending when the label type is `Comparable` (as
/// scikit-learn's `unique_labels`), otherwise in order of first appearance (the
/// labels of `truth`, then those that occur only in `predictions`). In generic code
/// where the label type is not known to be `Comparable`, the first-appearance
/// overload is chosen; pass `labels:` to fix the order.
///
/// With `labels:`, the matrix has exactly those rows and columns in that order, and
/// samples whose true or predicted label is not among them are left out.
public struct ConfusionMatrix<Label: Hashable & Sendable>: Sendable {
  /// The labels of the rows (true labels) and columns (predicted labels), in order.
  public let labels: [Label]
  /// The counts, one row per true label and one column per predicted label, in the
  /// order of ``labels``.
  public let counts: [[Int]]

  /// Counts the samples whose true and predicted labels are both in `index`.
  ///
  /// - Complexity: O(n + k²) for n samples and k labels.
  init(truth: [Label], predictions: [Label], index: LabelIndex<Label>) throws(MetricsError) {
    var counts = Array(repeating: Array(repeating: 0, count: index.count), count: index.count)
    var truthHasALabel = false
    for (trueLabel, predictedLabel) in zip(truth, predictions) {
      guard let row = index.position(of: trueLabel) else { continue }
      truthHasALabel = true
      guard let column = index.position(of: predictedLabel) else { continue }
      counts[row][column] += 1
    }
    // As scikit-learn: explicit labels must meet the truth at least once.
    guard truthHasALabel else {
      throw .noLabelInTruth(labels: index.labels.map { String(describing: $0) })
    }
    self.labels = index.labels
    self.counts = counts
  }

  /// The number of classes (rows and columns).
  public var classCount: Int { labels.count }

  /// The number of samples counted: the sum of all entries. With explicit labels,
  /// samples whose true or predicted label is not among them are not counted.
  ///
  /// - Complexity: O(k²) for k labels.
  public var sampleCount: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

  /// The number of samples with true label `truth` predicted as `predicted`, or nil
  /// when either is not one of ``labels``.
  ///
  /// ```swift
  /// matrix[truth: "cat", predicted: "ant"]  // 1
  /// ```
  ///
  /// - Complexity: O(k) for k labels.
  public subscript(truth truth: Label, predicted predicted: Label) -> Int? {
    guard let row = labels.firstIndex(of: truth), let column = labels.firstIndex(of: predicted)
    else { return nil }
    return counts[row][column]
  }
}

extension ConfusionMatrix {
  /// Counts how often each true label was predicted as each label.
  ///
  /// ```swift
  /// let matrix = try ConfusionMatrix(truth: [2, 0, 2, 2, 0, 1], predictions: [0, 0, 2, 2, 0, 2])
  /// matrix.counts  // [[2, 0, 0], [0, 0, 1], [1, 0, 2]]
  /// ```
  ///
  /// This overload orders inferred labels by first appearance; the one for
  /// `Comparable` labels sorts them.
  ///
  /// - Parameters:
  ///   - truth: The true label of each sample.
  ///   - predictions: The predicted label of each sample, in the same order.
  ///   - labels: The rows and columns, in order; nil (the default) for every label
  ///     that occurs. Samples with a true or predicted label not listed are left out.
  /// - Throws: ``MetricsError/lengthMismatch(truthCount:predictionCount:)``,
  ///   ``MetricsError/emptyInput``, ``MetricsError/emptyLabels``,
  ///   ``MetricsError/duplicateLabel(_:)``, ``MetricsError/labelNotEqualToItself(_:)``,
  ///   or ``MetricsError/noLabelInTruth(labels:)`` when no given label occurs in `truth`.
  /// - Complexity: O(n + k²) for n samples and k labels.
  public init(truth: [Label], predictions: [Label], labels: [Label]? = nil) throws(MetricsError) {
    let index = try LabelIndex(
      truth: truth, predictions: predictions, labels: labels, ordering: LabelIndex.firstAppearance)
    try self.init(truth: truth, predictions: predictions, index: index)
  }
}

extension ConfusionMatrix where Label: Comparable {
  /// Counts how often each true label was predicted as each label, with inferred
  /// labels sorted ascending (scikit-learn's order).
  ///
  /// ```swift
  /// let matrix = try ConfusionMatrix(truth: [2, 0, 2, 2, 0, 1], predictions: [0, 0, 2, 2, 0, 2])
  /// matrix.labels  // [0, 1, 2]
  /// matrix.counts  // [[2, 0, 0], [0, 0, 1], [1, 0, 2]]
  /// ```
  ///
  /// - Parameters:
  ///   - truth: The true label of each sample.
  ///   - predictions: The predicted label of each sample, in the same order.
  ///   - labels: The rows and columns, in order; nil (the default) for every label
  ///     that occurs, sorted. Samples with a true or predicted label not listed are
  ///     left out.
  /// - Throws: ``MetricsError/lengthMismatch(truthCount:predictionCount:)``,
  ///   ``MetricsError/emptyInput``, ``MetricsError/emptyLabels``,
  ///   ``MetricsError/duplicateLabel(_:)``, ``MetricsError/labelNotEqualToItself(_:)``,
  ///   or ``MetricsError/noLabelInTruth(labels:)`` when no given label occurs in `truth`.
  /// - Complexity: O(n + k²) for n samples and k labels (plus O(k log k) to sort).
  public init(truth: [Label], predictions: [Label], labels: [Label]? = nil) throws(MetricsError) {
    let index = try LabelIndex(
      truth: truth, predictions: predictions, labels: labels, ordering: LabelIndex.ascending)
    try self.init(truth: truth, predictions: predictions, index: index)
  }
}

extension ConfusionMatrix: Equatable {}
extension ConfusionMatrix: Hashable {}
extension ConfusionMatrix: Codable where Label: Codable {}
