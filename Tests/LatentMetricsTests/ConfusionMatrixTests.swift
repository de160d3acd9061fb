import Foundation
import LatentMetrics
import Testing

@Suite("ConfusionMatrix")
struct ConfusionMatrixTests {
  @Test("scikit-learn's documented example, integers and strings")
  func documentedExample() throws {
    let integers = try ConfusionMatrix(truth: [2, 0, 2, 2, 0, 1], predictions: [0, 0, 2, 2, 0, 2])
    #expect(integers.labels == [0, 1, 2])
    #expect(integers.counts == [[2, 0, 0], [0, 0, 1], [1, 0, 2]])

    let strings = try ConfusionMatrix(
      truth: ["cat", "ant", "cat", "cat", "ant", "bird"],
      predictions: ["ant", "ant", "cat", "cat", "ant", "cat"],
      labels: ["ant", "bird", "cat"])
    #expect(strings.counts == [[2, 0, 0], [0, 0, 1], [1, 0, 2]])
    #expect(strings[truth: "cat", predicted: "ant"] == 1)
    #expect(strings[truth: "cat", predicted: "zebra"] == nil)
    #expect(strings.classCount == 3)
    #expect(strings.sampleCount == 6)
  }

  @Test("Binary counts read as true negatives, false positives, false negatives, true positives")
  func binaryLayout() throws {
    let matrix = try ConfusionMatrix(truth: [0, 1, 0, 1], predictions: [1, 1, 1, 0])
    #expect(matrix.counts.flatMap { $0 } == [0, 2, 1, 1])
  }

  @Test("Explicit labels reorder, and drop samples whose labels are not listed")
  func explicitLabels() throws {
    let matrix = try ConfusionMatrix(
      truth: [0, 1, 2, 2, 1, 0, 0], predictions: [0, 2, 2, 1, 1, 1, 0], labels: [2, 0])
    #expect(matrix.labels == [2, 0])
    #expect(matrix.counts == [[1, 0], [0, 2]])
    #expect(matrix.sampleCount == 3)
  }

  @Test("A row or column that sums to 0 normalises to 0, not NaN")
  func normalisationOfEmptyRows() throws {
    let matrix = try ConfusionMatrix(truth: [0, 0, 1], predictions: [0, 0, 0], labels: [0, 1, 2])
    #expect(matrix.normalized(by: .truth) == [[1, 0, 0], [1, 0, 0], [0, 0, 0]])
    let byPrediction = matrix.normalized(by: .predictions)
    #expect(byPrediction[0] == [2.0 / 3.0, 0, 0])
    #expect(byPrediction[1] == [1.0 / 3.0, 0, 0])
    #expect(byPrediction[2] == [0, 0, 0])
    #expect(matrix.normalized(by: .all) == [[2.0 / 3.0, 0, 0], [1.0 / 3.0, 0, 0], [0, 0, 0]])
  }

  @Test("Text: counts and normalised values, aligned under the labels")
  func text() throws {
    let matrix = try ConfusionMatrix(
      truth: ["cat", "ant", "cat", "cat", "ant", "bird"],
      predictions: ["ant", "ant", "cat", "cat", "ant", "cat"])
    #expect(
      matrix.description == """
        true \\ predicted  ant  bird  cat
                     ant    2     0    0
                    bird    0     0    1
                     cat    1     0    2
        """)
    let small = try ConfusionMatrix(truth: ["a", "a", "b"], predictions: ["a", "b", "b"])
    #expect(
      small.text(normalizedBy: .truth) == """
        true \\ predicted     a     b
                       a  0.50  0.50
                       b  0.00  1.00
        """)
    #expect(
      small.text(normalizedBy: .all, digits: 0) == """
        true \\ predicted  a  b
                       a  0  0
                       b  0  0
        """)
  }

  @Test("Codable round trip")
  func codable() throws {
    let matrix = try ConfusionMatrix(truth: ["x", "y", "y"], predictions: ["y", "y", "x"])
    let data = try JSONEncoder().encode(matrix)
    #expect(try JSONDecoder().decode(ConfusionMatrix<String>.self, from: data) == matrix)
  }

  @Test("Errors: mismatched lengths, empty input, labels absent from truth")
  func errors() {
    expectError("lengthMismatch") { () throws(MetricsError) in
      try ConfusionMatrix(truth: [1, 2], predictions: [1])
    }
    expectError("emptyInput") { () throws(MetricsError) in
      try ConfusionMatrix(truth: [Int](), predictions: [], labels: [1])
    }
    expectError("noLabelInTruth") { () throws(MetricsError) in
      try ConfusionMatrix(truth: [1, 2], predictions: [5, 2], labels: [5, 6])
    }
    expectError("emptyLabels") { () throws(MetricsError) in
      try ConfusionMatrix(truth: [1, 2], predictions: [1, 2], labels: [])
    }
    expectError("duplicateLabel") { () throws(MetricsError) in
      try ConfusionMatrix(truth: [1, 2], predictions: [1, 2], labels: [1, 1])
    }
  }
}
