// NearestCentroid against scikit-learn 1.9.1 (Tests/Reference/Fixtures/nearest_centroid.json):
// iris, digits, digits 3-vs-8 (two classes) and the Fashion-MNIST protocol (classes 0, 2, 4, 6;
// 16 training and 128 test images per class), with both metrics, shrink thresholds and priors.
// Predictions must be identical. Numbers (centroids, deviations, distances, scores,
// probabilities): Double within 1e-12 of the largest entry (these are sums and square roots of a
// few hundred terms); Float within 1e-4 against the Double reference, and Float predictions
// are required to be identical too (they are on every case; a future case with a near-tie
// within Float's rounding would need a stated exception).
import Foundation
import LatentLinearAlgebra
import LatentModels
import LatentTestSupport
import Testing

let nearestCentroidFixture = Result { try ReferenceFixture(named: "nearest_centroid.json") }

/// Labels of a fixture as Swift values: strings stay strings, numbers become Int.
enum FixtureLabels {
  case strings([String])
  case integers([Int])

  init(_ value: JSONValue?) throws {
    let values = try #require(value?.array)
    if let strings = values.map(\.string) as? [String] { self = .strings(strings) }
    else { self = .integers(try values.map { try #require($0.int) }) }
  }
}

func labelStrings(_ value: JSONValue?) -> [String] {
  (value?.array ?? []).map { $0.string ?? $0.int.map(String.init) ?? "?" }
}

@Suite("NearestCentroid against scikit-learn")
struct NearestCentroidTests {
  func settings(_ c: ReferenceCase) throws -> NearestCentroid {
    let s = try #require(c.raw["settings"])
    let metricName = try #require(s["metric"]?.string)
    let metric = try #require(NearestCentroid.Metric(rawValue: metricName))
    let priors: NearestCentroid.Priors
    switch s["priors"] {
    case .string("uniform"): priors = .uniform
    case .string("empirical"): priors = .empirical
    case .some(let value): priors = .given(try #require(value.doubles))
    case nil: priors = .uniform
    }
    return NearestCentroid(metric: metric, shrinkThreshold: s["shrink_threshold"]?.double, priors: priors)
  }

  func check<T: LinearAlgebraScalar, Label: Hashable & Sendable & CustomStringConvertible>(
    _: T.Type, _ c: ReferenceCase, _ dataset: JSONValue, labels: [Label]
  ) throws {
    let xTrain: Matrix<T> = try #require(try fixtureMatrix(dataset["X_train"], T.self, "X_train"))
    let xTest: Matrix<T> = try #require(try fixtureMatrix(dataset["X_test"], T.self, "X_test"))
    let estimator = try settings(c)
    let model = try estimator.fit(xTrain, labels: labels)
    let tolerance = T.self == Float.self ? 1e-4 : 1e-12
    let name = "\(c.name) \(T.self)"

    #expect(model.classes.map(\.description) == labelStrings(c.outputs["classes"]), "\(name) classes")
    #expect(relativeDifference(model.priors, try #require(c.vector("class_prior"))) <= 1e-15, "\(name) priors")
    #expect(relativeDifference(model.centroids, try #require(try c.outputMatrix("centroids"))) <= tolerance, "\(name) centroids")
    let deviation = try #require(model.withinClassStandardDeviation)
    #expect(relativeDifference(deviation, try #require(c.vector("within_class_std_dev"))) <= tolerance, "\(name) deviation")
    #expect(relativeDifference(try model.distances(xTest), try #require(try c.outputMatrix("distances_test"))) <= tolerance,
      "\(name) distances")

    if estimator.metric == .euclidean {
      let decision = try model.decisionFunction(xTest)
      #expect(relativeDifference(decision, try #require(try c.outputMatrix("decision_test"))) <= tolerance, "\(name) decision")
      // Probabilities are exponentials of score differences: a relative error δ in scores of size
      // |s| moves them by about |s|·δ. Float's δ ≈ 1e-7 on scores of several hundred (digits,
      // Fashion-MNIST) allows more than 1e-4, so Float gets 10·ε·max|score| where that is larger.
      let scoreScale = decision.elements.reduce(0.0) { max($0, abs(Double($1))) }
      let probabilityTolerance = max(tolerance, T.self == Float.self ? 10 * Double(Float.ulpOfOne) * scoreScale : 0)
      #expect(relativeDifference(try model.predictProbabilities(xTest), try #require(try c.outputMatrix("proba_test"))) <= probabilityTolerance,
        "\(name) probabilities")
      #expect(relativeDifference(try model.predictLogProbabilities(xTest), try #require(try c.outputMatrix("log_proba_test"))) <= tolerance * 10,
        "\(name) log-probabilities")
    }

    for (x, key) in [(xTrain, "predict_train"), (xTest, "predict_test")] {
      let predicted = try model.predict(x).map(\.description)
      let expected = labelStrings(c.outputs[key])
      #expect(predicted.count == expected.count)
      var mismatches = 0
      for i in predicted.indices where predicted[i] != expected[i] { mismatches += 1 }
      #expect(mismatches == 0, "\(name) \(key): \(mismatches) predictions differ")
    }
  }

  func runAll<T: LinearAlgebraScalar>(_: T.Type) throws {
    let fixture = try nearestCentroidFixture.get()
    let cases = fixture.cases()
    #expect(cases.count >= 15)
    for c in cases {
      let datasetName = try #require(c.raw["dataset"]?.string)
      let dataset = try #require(fixture.root["datasets"]?[datasetName])
      switch try FixtureLabels(dataset["y_train"]) {
      case .strings(let labels): try check(T.self, c, dataset, labels: labels)
      case .integers(let labels): try check(T.self, c, dataset, labels: labels)
      }
    }
  }

  @Test func matchesScikitLearnDouble() throws { try runAll(Double.self) }
  @Test func matchesScikitLearnFloat() throws { try runAll(Float.self) }

  @Test func errorCasesMatchScikitLearnsRefusals() throws {
    for c in try nearestCentroidFixture.get().cases("error_cases") {
      let x: Matrix<Double> = try #require(try c.inputMatrix("X_train"))
      let labels = try #require(c.inputs["y_train"]?.array).compactMap(\.int)
      let expected = try #require(c.raw["expected_error"]?.string)
      do {
        _ = try NearestCentroid().fit(x, labels: labels)
        Issue.record("\(c.name): expected \(expected)")
      } catch let error as ModelError {
        switch (expected, error) {
        case ("tooFewClasses", .tooFewClasses), ("degenerateData", .degenerateData): break
        default: Issue.record("\(c.name): expected \(expected), got \(error)")
        }
      }
    }
  }

  @Test func badInput() throws {
    let x = try Matrix<Double>(rows: [[0, 0], [1, 1], [5, 5], [6, 6]])
    let labels = ["a", "a", "b", "b"]
    #expect(throws: ModelError.labelCountMismatch(operation: "NearestCentroid.fit", samples: 4, labels: 3)) {
      try NearestCentroid().fit(x, labels: ["a", "a", "b"])
    }
    var bad = x
    bad[2, 1] = .nan
    #expect(throws: ModelError.nonFiniteValue(operation: "NearestCentroid.fit", row: 2, column: 1)) {
      try NearestCentroid().fit(bad, labels: labels)
    }
    #expect(throws: ModelError.self) { try NearestCentroid(shrinkThreshold: -1).fit(x, labels: labels) }
    #expect(throws: ModelError.self) { try NearestCentroid(priors: .given([0.5])).fit(x, labels: labels) }
    #expect(throws: ModelError.self) { try NearestCentroid(priors: .given([-0.5, 1.5])).fit(x, labels: labels) }
    let model = try NearestCentroid().fit(x, labels: labels)
    #expect(throws: ModelError.featureCountMismatch(operation: "NearestCentroidModel.predict", expected: 2, got: 3)) {
      try model.predict(Matrix(rowCount: 1, columnCount: 3, repeating: 0))
    }
    #expect(throws: ModelError.self) { try NearestCentroid(metric: .manhattan).fit(x, labels: labels).predictProbabilities(x) }
    // One sample per class: plain prediction works; scores need a deviation that does not exist.
    let tiny = try NearestCentroid().fit(try Matrix<Double>(rows: [[0, 0], [4, 4]]), labels: ["a", "b"])
    #expect(try tiny.predict(try Matrix(rows: [[1, 1], [3, 3.5]])) == ["a", "b"])
    #expect(throws: ModelError.self) { try tiny.decisionFunction(x) }
  }

  @Test func inconsistentModelFilesAreRefusedWhenDecoded() throws {
    // Fuzz finding F6: a decoded model whose deviations do not match its features trapped in predict.
    let reproducer = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Fuzz/Reproducers/FuzzModelJSON/F6-deviation-count.json")
    let data = try Data(contentsOf: reproducer)
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(NearestCentroidModel<Double, String>.self, from: data) }
    let valid = try NearestCentroid().fit(try Matrix<Double>(rows: [[0, 1], [1, 0], [5, 5], [6, 5]]), labels: ["a", "a", "b", "b"])
    var object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(valid)) as? [String: Any])
    object["priors"] = [0.5]
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(NearestCentroidModel<Double, String>.self, from: JSONSerialization.data(withJSONObject: object))
    }
    object["priors"] = [0.5, 0.5]
    object["classes"] = ["a", "a"]
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(NearestCentroidModel<Double, String>.self, from: JSONSerialization.data(withJSONObject: object))
    }
  }

  @Test func jsonRoundTripGivesIdenticalOutputs() throws {
    let x = try Matrix<Double>(rows: [[0, 0.1], [1, 1.3], [5, 5.2], [6, 6.9], [2, 9]])
    let model = try NearestCentroid(shrinkThreshold: 0.1, priors: .empirical).fit(x, labels: [1, 1, 2, 2, 3])
    let decoded = try JSONDecoder().decode(NearestCentroidModel<Double, Int>.self, from: JSONEncoder().encode(model))
    #expect(try decoded.predict(x) == model.predict(x))
    #expect(try decoded.decisionFunction(x) == model.decisionFunction(x))
    #expect(decoded.centroids == model.centroids && decoded.classes == model.classes)
  }
}
