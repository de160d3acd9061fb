import Foundation
import LatentMetrics
import Testing

@Suite("ClassificationScores")
struct ClassificationScoresTests {
  @Test("Per-class counts, scores and accuracy of a small example")
  func example() throws {
    let scores = try ClassificationScores(
      truth: ["cat", "dog", "dog", "fox"], predictions: ["cat", "dog", "cat", "cat"])
    #expect(scores.labels == ["cat", "dog", "fox"])
    #expect(scores.truePositives == [1, 1, 0])
    #expect(scores.falsePositives == [2, 0, 0])
    #expect(scores.falseNegatives == [0, 1, 1])
    #expect(scores.trueNegatives == [1, 2, 3])
    #expect(scores.support == [1, 2, 1])
    #expect(scores.predictionCounts == [3, 1, 0])
    #expect(scores.precision() == [1.0 / 3.0, 1, 0])
    #expect(scores.recall() == [1, 0.5, 0])
    #expect(scores.f1Score() == [0.5, 2.0 / 3.0, 0])
    #expect(scores.accuracy == 0.5)
    #expect(scores.correctCount == 2)
    #expect(scores.includesEveryObservedLabel)
  }

  @Test("Every class's four counts add up to the number of samples")
  func countsAddUp() throws {
    let scores = try ClassificationScores(
      truth: [3, 1, 4, 1, 5, 9, 2, 6], predictions: [3, 1, 1, 5, 5, 2, 2, 7], labels: [1, 2, 3, 8])
    for c in scores.labels.indices {
      let total =
        scores.truePositives[c] + scores.falsePositives[c] + scores.falseNegatives[c]
        + scores.trueNegatives[c]
      #expect(total == scores.sampleCount)
    }
    #expect(!scores.includesEveryObservedLabel)
  }

  @Test("Zero division: precision and recall take the chosen value; F only when both are undefined")
  func zeroDivision() throws {
    // Class 1 is true but never predicted; class 2 is neither true nor predicted.
    let scores = try ClassificationScores(
      truth: [0, 0, 1], predictions: [0, 0, 0], labels: [0, 1, 2])
    #expect(scores.precision(zeroDivision: .zero) == [2.0 / 3.0, 0, 0])
    #expect(scores.precision(zeroDivision: .one) == [2.0 / 3.0, 1, 1])
    #expect(scores.recall(zeroDivision: .one) == [1, 0, 1])
    // F of class 1 is 0 whatever the choice: its recall is defined (0).
    #expect(scores.f1Score(zeroDivision: .one) == [0.8, 0, 1])
    let nanF = scores.f1Score(zeroDivision: .nan)
    #expect(nanF[0] == 0.8 && nanF[1] == 0 && nanF[2].isNaN)
  }

  @Test("NaN scores are left out of averages; all-NaN averages are NaN")
  func nanLeftOutOfAverages() throws {
    let scores = try ClassificationScores(truth: [0, 1, 2, 2], predictions: [0, 0, 2, 2])
    // Precisions: 0.5, NaN (class 1 never predicted), 1.
    #expect(scores.precision(average: .macro, zeroDivision: .nan) == 0.75)
    #expect(scores.precision(average: .macro, zeroDivision: .zero) == 0.5)
    let weighted: Double = (0.5 * 1 + 1 * 2) / 3
    #expect(scores.precision(average: .weighted, zeroDivision: .nan) == weighted)

    let nowhere = try ClassificationScores(truth: [1, 2], predictions: [1, 2], labels: [5, 6])
    #expect(nowhere.precision(average: .macro, zeroDivision: .nan).isNaN)
    #expect(nowhere.f1Score(average: .micro, zeroDivision: .nan).isNaN)
    // Every weight is 0: the weighted average falls back to the plain mean.
    #expect(nowhere.recall(average: .weighted, zeroDivision: .one) == 1)
  }

  @Test("With every label selected, the micro averages equal the accuracy")
  func microIsAccuracy() throws {
    let scores = try ClassificationScores(
      truth: [0, 1, 2, 2, 1, 0, 1], predictions: [0, 2, 2, 1, 1, 1, 1])
    for average in [
      scores.precision(average: .micro), scores.recall(average: .micro),
      scores.f1Score(average: .micro),
    ] {
      #expect(average == scores.accuracy)
    }
  }

  @Test("F-beta: beta 1 is F1, 0 is precision, infinity is recall; weights recall by beta")
  func fBeta() throws {
    let scores = try ClassificationScores(truth: [0, 1, 1], predictions: [0, 0, 1])
    #expect(try scores.fBetaScore(beta: 1) == scores.f1Score())
    #expect(try scores.fBetaScore(beta: 0) == scores.precision())
    #expect(try scores.fBetaScore(beta: .infinity) == scores.recall())
    #expect(try scores.fBetaScore(beta: 2) == [5.0 / 6.0, 5.0 / 9.0])
    #expect(try scores.fBetaScore(beta: 0.5, average: .micro) == 2.5 / 3.75)
    #expect(try scores.fBetaScore(beta: 1, average: .macro) == scores.f1Score(average: .macro))
  }

  @Test("Invalid beta throws instead of trapping")
  func invalidBeta() throws {
    let scores = try ClassificationScores(truth: [0, 1], predictions: [0, 1])
    expectError("invalidBeta") { () throws(MetricsError) in try scores.fBetaScore(beta: -1) }
    expectError("invalidBeta") { () throws(MetricsError) in
      try scores.fBetaScore(beta: .nan, average: .macro)
    }
  }

  @Test("Codable round trip")
  func codable() throws {
    let scores = try ClassificationScores(truth: ["a", "b", "b"], predictions: ["a", "a", "c"])
    let data = try JSONEncoder().encode(scores)
    #expect(try JSONDecoder().decode(ClassificationScores<String>.self, from: data) == scores)
  }

  @Test("Errors: mismatched lengths and empty input")
  func errors() {
    expectError("lengthMismatch") { () throws(MetricsError) in
      try ClassificationScores(truth: ["a"], predictions: ["a", "b"])
    }
    expectError("emptyInput") { () throws(MetricsError) in
      try ClassificationScores(truth: [String](), predictions: [])
    }
  }
}
