/// The labels a metric reports on, in order, with a lookup from label to position.
///
/// Every public entry point comes in two overloads, one for any label and one for
/// `Comparable` labels; both end up here, passing how to order inferred labels.
struct LabelIndex<Label: Hashable & Sendable>: Sendable {
  /// The labels, in the order results follow.
  let labels: [Label]
  /// The position of each label in `labels`.
  let positions: [Label: Int]
  /// True when the labels were inferred from the data rather than given.
  let isInferred: Bool

  /// How to order labels inferred from the data: `firstAppearance` keeps the
  /// order in which they first occur; the `Comparable` overloads sort them.
  typealias Ordering = ([Label]) -> [Label]

  /// Validates the inputs in scikit-learn's order (lengths, then emptiness), then
  /// takes the given labels or infers them from truth and predictions.
  ///
  /// - Complexity: O(n + k log k) for n samples and k labels.
  init(
    truth: [Label], predictions: [Label], labels given: [Label]?, ordering: Ordering
  ) throws(MetricsError) {
    try Self.validate(truth: truth, predictions: predictions)
    if let given {
      try self.init(given: given)
    } else {
      self.init(inferred: ordering(Self.distinct(truth, predictions)))
    }
  }

  /// Labels given explicitly: non-empty, each once, each equal to itself.
  ///
  /// - Complexity: O(k).
  init(given: [Label]) throws(MetricsError) {
    guard !given.isEmpty else { throw .emptyLabels }
    var positions: [Label: Int] = [:]
    positions.reserveCapacity(given.count)
    for (position, label) in given.enumerated() {
      guard label == label else { throw .labelNotEqualToItself(String(describing: label)) }
      guard positions.updateValue(position, forKey: label) == nil else {
        throw .duplicateLabel(String(describing: label))
      }
    }
    self.labels = given
    self.positions = positions
    self.isInferred = false
  }

  /// Labels inferred from the data (already distinct and ordered).
  private init(inferred: [Label]) {
    self.labels = inferred
    self.positions = Dictionary(uniqueKeysWithValues: zip(inferred, inferred.indices))
    self.isInferred = true
  }

  /// Throws unless truth and predictions have the same, non-zero length and
  /// every label equals itself (scikit-learn rejects NaN labels too).
  ///
  /// - Complexity: O(n).
  static func validate(truth: [Label], predictions: [Label]) throws(MetricsError) {
    guard truth.count == predictions.count else {
      throw .lengthMismatch(truthCount: truth.count, predictionCount: predictions.count)
    }
    guard !truth.isEmpty else { throw .emptyInput }
    for label in truth where label != label {
      throw .labelNotEqualToItself(String(describing: label))
    }
    for label in predictions where label != label {
      throw .labelNotEqualToItself(String(describing: label))
    }
  }

  /// The distinct labels in order of first appearance: those of the first
  /// sequence, then those that occur only in the second.
  ///
  /// - Complexity: O(n).
  static func distinct(_ first: [Label], _ second: [Label] = []) -> [Label] {
    var seen = Set<Label>()
    var result: [Label] = []
    for label in first where seen.insert(label).inserted { result.append(label) }
    for label in second where seen.insert(label).inserted { result.append(label) }
    return result
  }

  /// The number of labels.
  var count: Int { labels.count }

  /// The position of `label`, or nil when it is not one of the labels.
  func position(of label: Label) -> Int? { positions[label] }
}

extension LabelIndex {
  /// Keeps labels in order of first appearance (the default for labels that are
  /// not `Comparable`).
  static var firstAppearance: Ordering { { $0 } }
}

extension LabelIndex where Label: Comparable {
  /// Sorts labels ascending, as scikit-learn's `unique_labels` does.
  static var ascending: Ordering { { $0.sorted() } }
}
