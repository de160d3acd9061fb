import Foundation
import LatentMetrics
import Testing

@Suite("ClassificationReport")
struct ClassificationReportTests {
  let truth = ["cat", "dog", "dog", "fox"]
  let predictions = ["cat", "dog", "cat", "cat"]

  @Test("Text equals scikit-learn's classification_report, with 2 and 0 digits")
  func text() throws {
    let report = try ClassificationReport(truth: truth, predictions: predictions)
    // classification_report(truth, predictions) from scikit-learn 1.9.1, verbatim.
    #expect(
      report.description == """
                      precision    recall  f1-score   support

                 cat       0.33      1.00      0.50         1
                 dog       1.00      0.50      0.67         2
                 fox       0.00      0.00      0.00         1

            accuracy                           0.50         4
           macro avg       0.44      0.50      0.39         4
        weighted avg       0.58      0.50      0.46         4

        """)
    #expect(
      report.text(digits: 0) == """
                      precision    recall  f1-score   support

                 cat          0         1         0         1
                 dog          1         0         1         2
                 fox          0         0         0         1

            accuracy                              0         4
           macro avg          0         0         0         4
        weighted avg          1         0         0         4

        """)
  }

  @Test("Target names, NaN scores and 3 digits, as scikit-learn")
  func targetNamesAndNaN() throws {
    let report = try ClassificationReport(
      truth: [0, 1, 2, 2], predictions: [0, 0, 2, 2], targetNames: ["zero", "one", "two"],
      zeroDivision: .nan)
    #expect(report.classes.map(\.name) == ["zero", "one", "two"])
    #expect(report.macroAverage.precision == 0.75)
    #expect(
      report.text(digits: 3) == """
                      precision    recall  f1-score   support

                zero      0.500     1.000     0.667         1
                 one        nan     0.000     0.000         1
                 two      1.000     1.000     1.000         2

            accuracy                          0.750         4
           macro avg      0.750     0.667     0.556         4
        weighted avg      0.833     0.750     0.667         4

        """)
  }

  @Test("Codable: NaN scores encode as null and decode back; the copy is equal")
  func codable() throws {
    let report = try ClassificationReport(
      truth: [0, 1, 2, 2], predictions: [0, 0, 2, 2], zeroDivision: .nan)
    let data = try JSONEncoder().encode(report)
    let json = try #require(String(data: data, encoding: .utf8))
    #expect(json.contains(#""precision":null"#))
    #expect(json.contains(#""f1Score""#) && json.contains(#""macroAverage""#))
    let decoded = try JSONDecoder().decode(ClassificationReport.self, from: data)
    #expect(decoded == report)
    #expect(decoded.classes[1].precision.isNaN)
    #expect(decoded.accuracy == 0.75)
    #expect(decoded.microAverage == nil)
  }

  @Test("Labels that leave out an observed label give a micro average row instead of accuracy")
  func microAverageRow() throws {
    let report = try ClassificationReport(
      truth: [0, 1, 2, 2, 1, 0, 0], predictions: [0, 2, 2, 1, 1, 1, 0], labels: [2, 0])
    #expect(report.accuracy == nil)
    let micro = try #require(report.microAverage)
    #expect(micro.name == "micro avg")
    #expect(micro.support == 5)
    #expect(report.text().contains("   micro avg "))
    #expect(!report.text().contains("accuracy"))
  }

  @Test("Built from scores, it equals the report built from labels")
  func fromScores() throws {
    let scores = try ClassificationScores(truth: truth, predictions: predictions)
    #expect(
      try ClassificationReport(scores, zeroDivision: .one)
        == ClassificationReport(
          truth: truth, predictions: predictions, zeroDivision: .one))
  }

  @Test("Errors: target names that do not match the labels")
  func errors() {
    expectError("targetNameCountMismatch") { () throws(MetricsError) in
      try ClassificationReport(truth: [0, 1], predictions: [0, 1], targetNames: ["only one"])
    }
    expectError("emptyInput") { () throws(MetricsError) in
      try ClassificationReport(truth: [Int](), predictions: [])
    }
  }
}
