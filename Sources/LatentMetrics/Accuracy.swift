/// The fraction of samples whose predicted label equals the true label
/// (scikit-learn's `accuracy_score`).
///
/// ```swift
/// try accuracyScore(truth: [0, 1, 2, 3], predictions: [0, 2, 1, 3])  // 0.5
/// ```
///
/// For the number of correct predictions (scikit-learn's `normalize=False`), use
/// ``ClassificationScores/correctCount``.
///
/// - Parameters:
///   - truth: The true label of each sample.
///   - predictions: The predicted label of each sample, in the same order.
/// - Throws: ``MetricsError/lengthMismatch(truthCount:predictionCount:)``,
///   ``MetricsError/emptyInput`` or ``MetricsError/labelNotEqualToItself(_:)``.
/// - Complexity: O(n) for n samples.
public func accuracyScore<Label: Hashable & Sendable>(
  truth: [Label], predictions: [Label]
) throws(MetricsError) -> Double {
  try LabelIndex.validate(truth: truth, predictions: predictions)
  let correct = zip(truth, predictions).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
  return Double(correct) / Double(truth.count)
}

/// The mean of the per-class recalls over the classes that occur in the true
/// labels (scikit-learn's `balanced_accuracy_score`): accuracy that weighs every
/// true class equally, so a majority class cannot dominate it.
///
/// ```swift
/// try balancedAccuracyScore(truth: [0, 1, 0, 0, 1, 0], predictions: [0, 1, 0, 0, 0, 1])  // 0.625
/// ```
///
/// Labels that are only predicted have no recall and are left out, as in
/// scikit-learn. With `adjusted`, the score is rescaled so that chance level
/// (1 / number of true classes) maps to 0 and perfect to 1: (score − 1/c) / (1 − 1/c).
/// With a single true class that division is by zero and, as in scikit-learn, the
/// result is NaN (all correct) or −infinity (otherwise).
///
/// This overload averages the classes in order of first appearance; the one for
/// `Comparable` labels in sorted order, as scikit-learn (the two differ at most in
/// the last bit, from the order of the additions).
///
/// - Parameters:
///   - truth: The true label of each sample.
///   - predictions: The predicted label of each sample, in the same order.
///   - adjusted: Rescale so that chance level is 0 (default false).
/// - Throws: ``MetricsError/lengthMismatch(truthCount:predictionCount:)``,
///   ``MetricsError/emptyInput`` or ``MetricsError/labelNotEqualToItself(_:)``.
/// - Complexity: O(n + k) for n samples and k true classes.
public func balancedAccuracyScore<Label: Hashable & Sendable>(
  truth: [Label], predictions: [Label], adjusted: Bool = false
) throws(MetricsError) -> Double {
  try balancedAccuracy(
    truth: truth, predictions: predictions, adjusted: adjusted, ordering: LabelIndex.firstAppearance
  )
}

/// The mean of the per-class recalls over the classes that occur in the true
/// labels (scikit-learn's `balanced_accuracy_score`), averaged in sorted label order
/// exactly as scikit-learn.
///
/// ```swift
/// try balancedAccuracyScore(truth: ["a", "b", "b"], predictions: ["a", "a", "b"], adjusted: true)  // 0.5
/// ```
///
/// See the overload for any labels for the definition and the adjusted score.
///
/// - Parameters:
///   - truth: The true label of each sample.
///   - predictions: The predicted label of each sample, in the same order.
///   - adjusted: Rescale so that chance level is 0 (default false).
/// - Throws: ``MetricsError/lengthMismatch(truthCount:predictionCount:)``,
///   ``MetricsError/emptyInput`` or ``MetricsError/labelNotEqualToItself(_:)``.
/// - Complexity: O(n + k log k) for n samples and k true classes.
public func balancedAccuracyScore<Label: Hashable & Sendable & Comparable>(
  truth: [Label], predictions: [Label], adjusted: Bool = false
) throws(MetricsError) -> Double {
  try balancedAccuracy(
    truth: truth, predictions: predictions, adjusted: adjusted, ordering: LabelIndex.ascending)
}

private func balancedAccuracy<Label: Hashable & Sendable>(
  truth: [Label], predictions: [Label], adjusted: Bool, ordering: LabelIndex<Label>.Ordering
) throws(MetricsError) -> Double {
  try LabelIndex.validate(truth: truth, predictions: predictions)
  let index = try LabelIndex(given: ordering(LabelIndex.distinct(truth)))
  let scores = ClassificationScores(truth: truth, predictions: predictions, index: index)
  // Every class here has support, so no recall divides by zero.
  let recalls = scores.recall()
  var score = NumPyReductions.sum(recalls) / Double(recalls.count)
  if adjusted {
    // scikit-learn's order of operations; 1 / 0 for a single class, as there.
    let chance = 1 / Double(recalls.count)
    score -= chance
    score /= 1 - chance
  }
  return score
}
