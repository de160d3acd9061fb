/// The per-class counts of a classification — true and false positives, false and
/// true negatives, support — and the precision, recall and F-scores computed from
/// them, per class or averaged (scikit-learn's `precision_recall_fscore_support`,
/// `precision_score`, `recall_score`, `f1_score`, `fbeta_score` and
/// `multilabel_confusion_matrix`).
///
/// ```swift
/// let scores = try ClassificationScores(
///   truth: ["cat", "dog", "dog", "fox"], predictions: ["cat", "dog", "cat", "cat"])
/// scores.labels            // ["cat", "dog", "fox"]
/// scores.support           // [1, 2, 1]
/// scores.precision()       // [0.333…, 1.0, 0.0]  (fox is never predicted: 0)
/// scores.recall()          // [1.0, 0.5, 0.0]
/// scores.f1Score(average: .macro)  // 0.388…
/// scores.accuracy          // 0.5
/// ```
///
/// Each class is scored one against the rest: for class c, a true positive is a
/// sample with true and predicted label c, a false positive one predicted c whose
/// true label is not c, a false negative one with true label c predicted as
/// something else, a true negative any other sample.
///
/// Labels: without `labels:`, every label that occurs in the true or predicted
/// labels: sorted ascending when the label type is `Comparable` (as
/// scikit-learn's `unique_labels`), otherwise in order of first appearance (the
/// labels of `truth`, then those that occur only in `predictions`). In generic code
/// where the label type is not known to be `Comparable`, the first-appearance
/// overload is chosen; pass `labels:` to fix the order. With `labels:`, exactly
/// those classes are scored, in that order; they may include labels that never
/// occur (scored with ``ZeroDivision``) and leave out labels that do (samples of
/// left-out classes still count as negatives, and as positives of the predicted
/// class). Averages are over the selected classes only.
public struct ClassificationScores<Label: Hashable & Sendable>: Sendable {
  /// The classes scored, in order; every per-class array follows this order.
  public let labels: [Label]
  /// Per class, the samples with this true label predicted as this label.
  public let truePositives: [Int]
  /// Per class, the samples predicted as this label whose true label differs.
  public let falsePositives: [Int]
  /// Per class, the samples with this true label predicted as another label.
  public let falseNegatives: [Int]
  /// Per class, the samples whose true and predicted labels both differ from it.
  public let trueNegatives: [Int]
  /// The number of samples.
  public let sampleCount: Int
  /// The number of samples predicted correctly (all of them, whatever the labels).
  public let correctCount: Int
  /// True when ``labels`` includes every label that occurs in the true and predicted
  /// labels; then the micro averages equal ``accuracy``, and a report calls its
  /// micro-average row "accuracy".
  public let includesEveryObservedLabel: Bool

  /// Counts each class of `index` one against the rest.
  ///
  /// - Complexity: O(n + k) for n samples and k labels.
  init(truth: [Label], predictions: [Label], index: LabelIndex<Label>) {
    let k = index.count
    var truePositives = Array(repeating: 0, count: k)
    var predictionCounts = Array(repeating: 0, count: k)
    var support = Array(repeating: 0, count: k)
    var correctCount = 0
    var includesEveryObservedLabel = true
    for (trueLabel, predictedLabel) in zip(truth, predictions) {
      let isCorrect = trueLabel == predictedLabel
      if isCorrect { correctCount += 1 }
      if let row = index.position(of: trueLabel) {
        support[row] += 1
        if isCorrect { truePositives[row] += 1 }
      } else {
        includesEveryObservedLabel = false
      }
      if let column = index.position(of: predictedLabel) {
        predictionCounts[column] += 1
      } else {
        includesEveryObservedLabel = false
      }
    }
    let sampleCount = truth.count
    self.labels = index.labels
    self.truePositives = truePositives
    self.falsePositives = zip(predictionCounts, truePositives).map { $0 - $1 }
    self.falseNegatives = zip(support, truePositives).map { $0 - $1 }
    self.trueNegatives = (0..<k).map {
      sampleCount - support[$0] - predictionCounts[$0] + truePositives[$0]
    }
    self.sampleCount = sampleCount
    self.correctCount = correctCount
    self.includesEveryObservedLabel = includesEveryObservedLabel
  }

  /// Per class, the number of samples with this true label (true positives plus
  /// false negatives).
  ///
  /// - Complexity: O(k) for k labels.
  public var support: [Int] { zip(truePositives, falseNegatives).map { $0 + $1 } }

  /// Per class, the number of samples predicted as this label (true positives plus
  /// false positives).
  ///
  /// - Complexity: O(k) for k labels.
  public var predictionCounts: [Int] { zip(truePositives, falsePositives).map { $0 + $1 } }

  /// The fraction of samples predicted correctly, over all samples whatever the
  /// labels (scikit-learn's `accuracy_score`).
  public var accuracy: Double { Double(correctCount) / Double(sampleCount) }
}

extension ClassificationScores {
  /// Counts each class one against the rest.
  ///
  /// This overload orders inferred labels by first appearance; the one for
  /// `Comparable` labels sorts them.
  ///
  /// ```swift
  /// let scores = try ClassificationScores(truth: truth, predictions: predictions)
  /// ```
  ///
  /// - Parameters:
  ///   - truth: The true label of each sample.
  ///   - predictions: The predicted label of each sample, in the same order.
  ///   - labels: The classes to score, in order; nil (the default) for every label
  ///     that occurs.
  /// - Throws: ``MetricsError/lengthMismatch(truthCount:predictionCount:)``,
  ///   ``MetricsError/emptyInput``, ``MetricsError/emptyLabels``,
  ///   ``MetricsError/duplicateLabel(_:)`` or ``MetricsError/labelNotEqualToItself(_:)``.
  /// - Complexity: O(n + k) for n samples and k labels.
  public init(truth: [Label], predictions: [Label], labels: [Label]? = nil) throws(MetricsError) {
    let index = try LabelIndex(
      truth: truth, predictions: predictions, labels: labels, ordering: LabelIndex.firstAppearance)
    self.init(truth: truth, predictions: predictions, index: index)
  }
}

extension ClassificationScores where Label: Comparable {
  /// Counts each class one against the rest, with inferred labels sorted ascending
  /// (scikit-learn's order).
  ///
  /// ```swift
  /// let scores = try ClassificationScores(truth: [0, 1, 2, 0], predictions: [0, 2, 1, 0])
  /// scores.labels  // [0, 1, 2]
  /// ```
  ///
  /// - Parameters:
  ///   - truth: The true label of each sample.
  ///   - predictions: The predicted label of each sample, in the same order.
  ///   - labels: The classes to score, in order; nil (the default) for every label
  ///     that occurs, sorted.
  /// - Throws: ``MetricsError/lengthMismatch(truthCount:predictionCount:)``,
  ///   ``MetricsError/emptyInput``, ``MetricsError/emptyLabels``,
  ///   ``MetricsError/duplicateLabel(_:)`` or ``MetricsError/labelNotEqualToItself(_:)``.
  /// - Complexity: O(n + k log k) for n samples and k labels.
  public init(truth: [Label], predictions: [Label], labels: [Label]? = nil) throws(MetricsError) {
    let index = try LabelIndex(
      truth: truth, predictions: predictions, labels: labels, ordering: LabelIndex.ascending)
    self.init(truth: truth, predictions: predictions, index: index)
  }
}

extension ClassificationScores: Equatable {}
extension ClassificationScores: Hashable {}
extension ClassificationScores: Codable where Label: Codable {}
