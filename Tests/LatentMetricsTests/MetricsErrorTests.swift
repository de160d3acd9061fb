import LatentMetrics
import Testing

@Suite("MetricsError")
struct MetricsErrorTests {
  @Test("Each message says what was wrong and what to do")
  func messages() {
    let cases: [(MetricsError, [String])] = [
      (
        .lengthMismatch(truthCount: 3, predictionCount: 2),
        ["3", "2", "one predicted label for each"]
      ),
      (.emptyInput, ["no samples", "at least one"]),
      (.emptyLabels, ["empty", "nil"]),
      (.duplicateLabel("cat"), ["cat", "more than once", "each label once"]),
      (.labelNotEqualToItself("nan"), ["nan", "not equal to itself", "remove or replace"]),
      (
        .noLabelInTruth(labels: ["5", "6"]), ["[5, 6]", "occurs in truth", "include at least one"]
      ),
      (.invalidBeta(-1), ["-1.0", "beta >= 0"]),
      (
        .targetNameCountMismatch(labelCount: 3, targetNameCount: 2),
        ["3 labels", "2 target names", "one target name per label"]
      ),
    ]
    for (error, fragments) in cases {
      for fragment in fragments {
        #expect(
          error.description.contains(fragment), "\(error.description) should mention \(fragment)")
      }
    }
  }

  @Test("The thrown error carries the offending values")
  func thrownValues() {
    do {
      _ = try ConfusionMatrix(truth: ["cat", "dog"], predictions: ["cat"])
      Issue.record("expected a throw")
    } catch {
      #expect(error == .lengthMismatch(truthCount: 2, predictionCount: 1))
    }
  }
}
