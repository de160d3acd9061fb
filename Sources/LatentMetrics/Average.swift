/// How per-class scores are combined into one number (scikit-learn's `average`).
///
/// For per-class scores (scikit-learn's `average=None`) call the methods of
/// ``ClassificationScores`` that take no `average:` argument.
///
/// ```swift
/// let scores = try ClassificationScores(truth: ["a", "b", "b"], predictions: ["a", "a", "b"])
/// scores.f1Score(average: .macro)  // 0.666…
/// ```
public enum Average: Sendable, Hashable, Codable, CaseIterable {
  /// Pool the counts of every selected class, then divide once:
  /// precision = Σ true positives / Σ predicted counts, and so on. With every
  /// label selected, micro precision, recall and F-score all equal the accuracy.
  case micro
  /// The unweighted mean of the per-class scores.
  case macro
  /// The mean of the per-class scores weighted by each class's support (its
  /// number of true samples). If every selected class has support 0, the
  /// unweighted mean (as scikit-learn does).
  case weighted
}
