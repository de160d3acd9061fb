import LatentMetrics
import Testing

/// A label type that is Hashable but not Comparable.
private struct Animal: Hashable, Sendable, CustomStringConvertible {
  let name: String
  var description: String { name }
}

@Suite("Label order")
struct LabelOrderTests {
  @Test("Comparable labels are sorted, as scikit-learn's unique_labels")
  func comparableLabelsSorted() throws {
    let integers = try ClassificationScores(truth: [10, -3, 7], predictions: [7, 100, -3])
    #expect(integers.labels == [-3, 7, 10, 100])
    // Code point order: upper case before lower case, as NumPy sorts strings.
    let strings = try ConfusionMatrix(truth: ["b", "a", "Koala"], predictions: ["émeu", "a", "b"])
    #expect(strings.labels == ["Koala", "a", "b", "émeu"])
  }

  @Test("Other labels keep their first appearance: truth first, then predicted-only labels")
  func otherLabelsInFirstAppearance() throws {
    let (dog, cat, fox) = (Animal(name: "dog"), Animal(name: "cat"), Animal(name: "fox"))
    let matrix = try ConfusionMatrix(truth: [dog, cat, dog], predictions: [fox, cat, cat])
    #expect(matrix.labels == [dog, cat, fox])
    #expect(matrix.counts == [[0, 1, 1], [0, 1, 0], [0, 0, 0]])
    let report = try ClassificationReport(truth: [dog, cat, dog], predictions: [fox, cat, cat])
    #expect(report.classes.map(\.name) == ["dog", "cat", "fox"])
    #expect(
      try balancedAccuracyScore(truth: [dog, cat, dog], predictions: [fox, cat, cat]) == 0.5)
  }

  @Test("In generic code that does not know Label is Comparable, first appearance applies")
  func genericContext() throws {
    func labels<Label: Hashable & Sendable>(_ truth: [Label], _ predictions: [Label]) throws
      -> [Label]
    {
      try ClassificationScores(truth: truth, predictions: predictions).labels
    }
    #expect(try labels([3, 1, 2], [1, 1, 0]) == [3, 1, 2, 0])
    #expect(
      try ClassificationScores(truth: [3, 1, 2], predictions: [1, 1, 0]).labels == [0, 1, 2, 3])
  }

  @Test("Explicit labels are used as given, including labels that never occur")
  func explicitLabels() throws {
    let scores = try ClassificationScores(
      truth: ["b", "a"], predictions: ["b", "b"], labels: ["zz", "b"])
    #expect(scores.labels == ["zz", "b"])
    #expect(scores.support == [0, 1])
    #expect(scores.predictionCounts == [0, 2])
  }

  @Test("Labels that are not equal to themselves (NaN) throw, given or observed")
  func nanLabels() {
    expectError("labelNotEqualToItself") { () throws(MetricsError) in
      try ClassificationScores(truth: [1.0, .nan], predictions: [1.0, 1.0])
    }
    expectError("labelNotEqualToItself") { () throws(MetricsError) in
      try ConfusionMatrix(truth: [1.0, 2.0], predictions: [1.0, .nan], labels: [1.0, 2.0])
    }
    expectError("labelNotEqualToItself") { () throws(MetricsError) in
      try ClassificationReport(truth: [1.0, 2.0], predictions: [1.0, 2.0], labels: [.nan])
    }
  }

  @Test("Empty or repeated explicit labels throw")
  func invalidExplicitLabels() {
    expectError("emptyLabels") { () throws(MetricsError) in
      try ClassificationScores(truth: [1, 2], predictions: [1, 2], labels: [])
    }
    expectError("duplicateLabel") { () throws(MetricsError) in
      try ClassificationReport(truth: ["a"], predictions: ["a"], labels: ["a", "b", "a"])
    }
  }
}
