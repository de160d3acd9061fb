import LatentMetrics
import Testing

@Suite("Accuracy and balanced accuracy")
struct AccuracyTests {
  @Test("scikit-learn's documented examples")
  func documentedExamples() throws {
    #expect(try accuracyScore(truth: [0, 1, 2, 3], predictions: [0, 2, 1, 3]) == 0.5)
    #expect(
      try balancedAccuracyScore(truth: [0, 1, 0, 0, 1, 0], predictions: [0, 1, 0, 0, 0, 1]) == 0.625
    )
  }

  @Test("Adjusted balanced accuracy: chance is 0, perfect is 1")
  func adjusted() throws {
    #expect(
      try balancedAccuracyScore(
        truth: ["a", "b", "b"], predictions: ["a", "a", "b"], adjusted: true) == 0.5)
    #expect(
      try balancedAccuracyScore(truth: [0, 1, 2], predictions: [0, 1, 2], adjusted: true) == 1)
  }

  @Test("Predicted-only labels are left out; one true class gives NaN or -infinity when adjusted")
  func degenerateCases() throws {
    #expect(
      try balancedAccuracyScore(truth: [0, 1, 1, 0, 1], predictions: [0, 9, 1, 9, 1])
        == (0.5 + 2.0 / 3.0) / 2)
    #expect(
      try balancedAccuracyScore(truth: [1, 1, 1], predictions: [1, 1, 1], adjusted: true).isNaN)
    #expect(
      try balancedAccuracyScore(truth: [1, 1, 1], predictions: [1, 2, 1], adjusted: true)
        == -.infinity)
    #expect(try balancedAccuracyScore(truth: [1, 1, 1], predictions: [2, 2, 2]) == 0)
  }

  @Test("Errors: mismatched lengths, empty input, NaN labels")
  func errors() {
    expectError("lengthMismatch") { () throws(MetricsError) in
      try accuracyScore(truth: [1], predictions: [1, 2])
    }
    expectError("lengthMismatch") { () throws(MetricsError) in
      try accuracyScore(truth: [Int](), predictions: [1])
    }
    expectError("emptyInput") { () throws(MetricsError) in
      try accuracyScore(truth: [Int](), predictions: [])
    }
    expectError("emptyInput") { () throws(MetricsError) in
      try balancedAccuracyScore(truth: [String](), predictions: [])
    }
    expectError("labelNotEqualToItself") { () throws(MetricsError) in
      try accuracyScore(truth: [1.0, .nan], predictions: [1.0, 1.0])
    }
    expectError("labelNotEqualToItself") { () throws(MetricsError) in
      try balancedAccuracyScore(truth: [1.0, 2.0], predictions: [.nan, 1.0], adjusted: true)
    }
  }
}
