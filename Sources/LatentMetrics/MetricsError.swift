/// An error thrown by Latent's classification metrics when the labels cannot give
/// a meaningful answer.
///
/// Every case says what was wrong; the message (``description``) also says what to
/// do about it. Metrics never trap on user data: every problem with the true or
/// predicted labels is one of these cases.
///
/// ```swift
/// do {
///   _ = try ConfusionMatrix(truth: ["cat", "dog"], predictions: ["cat"])
/// } catch {
///   print(error)  // "truth holds 2 labels but predictions holds 1: ..."
/// }
/// ```
public enum MetricsError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The true and predicted labels have different lengths.
  case lengthMismatch(truthCount: Int, predictionCount: Int)
  /// There are no samples: the true and predicted labels are both empty.
  case emptyInput
  /// An explicit `labels:` argument is empty.
  case emptyLabels
  /// An explicit `labels:` argument names the same label twice (the label is
  /// given as text).
  case duplicateLabel(String)
  /// A label is not equal to itself (a floating-point NaN, for example), so it
  /// cannot be counted. The label is given as text.
  case labelNotEqualToItself(String)
  /// A confusion matrix was asked for over explicit labels, none of which occurs
  /// in the true labels (the labels are given as text).
  case noLabelInTruth(labels: [String])
  /// The F-beta weight is negative or NaN.
  case invalidBeta(Double)
  /// A classification report got a different number of target names than labels.
  case targetNameCountMismatch(labelCount: Int, targetNameCount: Int)

  /// A sentence that says what was wrong and what to do about it.
  public var description: String {
    switch self {
    case .lengthMismatch(let truthCount, let predictionCount):
      return
        "truth holds \(truthCount) labels but predictions holds \(predictionCount): "
        + "pass exactly one predicted label for each true label, in the same order."
    case .emptyInput:
      return
        "there are no samples (truth and predictions are empty): "
        + "pass at least one true label and its prediction."
    case .emptyLabels:
      return
        "the labels argument is empty: pass at least one label, "
        + "or pass nil to use every label that occurs in truth or predictions."
    case .duplicateLabel(let label):
      return
        "the labels argument names \(label) more than once: "
        + "list each label once, in the order the results should follow."
    case .labelNotEqualToItself(let label):
      return
        "the label \(label) is not equal to itself (a floating-point NaN?), so it cannot be counted: "
        + "remove or replace such labels before computing metrics."
    case .noLabelInTruth(let labels):
      return
        "none of the labels [\(labels.joined(separator: ", "))] occurs in truth, "
        + "so the confusion matrix would be empty: include at least one label that occurs in truth, "
        + "or pass nil to use every label that occurs."
    case .invalidBeta(let beta):
      return
        "beta is \(beta), but the F-beta score needs beta >= 0 "
        + "(0 gives precision, 1 the F1 score, larger values weigh recall more, infinity gives recall)."
    case .targetNameCountMismatch(let labelCount, let targetNameCount):
      return
        "there are \(labelCount) labels but \(targetNameCount) target names: "
        + "pass one target name per label, in the labels' order, or pass nil to name rows after the labels."
    }
  }
}
