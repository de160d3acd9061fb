/// The classes of a labelled data set, in a fixed order, and each sample's class index.
///
/// Classes are sorted when the label type is `Comparable` (as scikit-learn's
/// `np.unique` sorts them), and otherwise kept in order of first appearance;
/// the check happens at run time, so a generic `fit` sorts too.
/// Fitted models store their classes in this order, so class `k` of every
/// output (means, coefficients, probabilities, centroids) is `classes[k]`.
///
/// ```swift
/// let encoding = ClassEncoding(labels: ["dog", "cat", "dog"])
/// encoding.classes   // ["cat", "dog"]
/// encoding.indices   // [1, 0, 1]
/// ```
public struct ClassEncoding<Label: Hashable & Sendable>: Sendable {
  /// The distinct labels, in class order.
  public let classes: [Label]
  /// For each sample, the index of its label in ``classes``.
  public let indices: [Int]
  /// The number of samples of each class.
  public let counts: [Int]

  /// Encodes labels: classes sorted ascending when `Label` is `Comparable`
  /// (checked at run time, so generic code gets the same order as concrete
  /// code), otherwise in order of first appearance.
  ///
  /// - Complexity: O(n + c log c) expected.
  public init(labels: [Label]) {
    var order: [Label] = []
    var seen = Set<Label>()
    for label in labels where seen.insert(label).inserted { order.append(label) }
    if let sorted = Self.sortedIfComparable(order) { order = sorted }
    var position: [Label: Int] = [:]
    for (index, label) in order.enumerated() { position[label] = index }
    self.init(labels: labels, classes: order, position: position)
  }

  /// Sorts the labels when their type is `Comparable`, by opening the existential.
  private static func sortedIfComparable(_ values: [Label]) -> [Label]? {
    guard let first = values.first, let comparable = first as? any Comparable else { return nil }
    func sorted<C: Comparable>(_: C) -> [Label]? {
      (values as? [C])?.sorted() as? [Label]
    }
    return sorted(comparable)
  }

  private init(labels: [Label], classes: [Label], position: [Label: Int]) {
    self.classes = classes
    var counts = [Int](repeating: 0, count: classes.count)
    var indices: [Int] = []
    indices.reserveCapacity(labels.count)
    for label in labels {
      let index = position[label]!
      indices.append(index)
      counts[index] += 1
    }
    self.indices = indices
    self.counts = counts
  }

  /// The number of classes.
  public var classCount: Int { classes.count }
}
