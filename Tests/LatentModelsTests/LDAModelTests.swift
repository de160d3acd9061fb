// The fitted model: JSON round trips, priors (by label, renormalized), label types and the
// two-class shapes.
import Foundation
import LatentLinearAlgebra
import LatentTestSupport
import Testing

@testable import LatentModels

@Suite("LDA model")
struct LDAModelTests {
  /// Every output of `restored` equals `model`'s exactly (same arithmetic on the same numbers).
  func expectIdentical<T: LinearAlgebraScalar, L: Hashable & Sendable>(
    _ restored: LDAModel<T, L>, _ model: LDAModel<T, L>, on x: Matrix<T>, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    #expect(restored.classes == model.classes, sourceLocation: sourceLocation)
    #expect(restored.settings == model.settings, sourceLocation: sourceLocation)
    #expect(restored.path == model.path, sourceLocation: sourceLocation)
    #expect(restored.scalings == model.scalings, sourceLocation: sourceLocation)
    #expect(restored.coefficients == model.coefficients, sourceLocation: sourceLocation)
    #expect(restored.means == model.means, sourceLocation: sourceLocation)
    #expect(restored.intercepts == model.intercepts && restored.priors == model.priors, sourceLocation: sourceLocation)
    #expect(restored.xbar == model.xbar, sourceLocation: sourceLocation)
    #expect(restored.explainedVarianceRatio == model.explainedVarianceRatio, sourceLocation: sourceLocation)
    #expect(try restored.transform(x) == model.transform(x), sourceLocation: sourceLocation)
    #expect(try restored.decisionFunction(x) == model.decisionFunction(x), sourceLocation: sourceLocation)
    #expect(try restored.predictProbabilities(x) == model.predictProbabilities(x), sourceLocation: sourceLocation)
    #expect(try restored.predictLogProbabilities(x) == model.predictLogProbabilities(x), sourceLocation: sourceLocation)
    #expect(try restored.predict(x) == model.predict(x), sourceLocation: sourceLocation)
  }

  func roundTrip<T: LinearAlgebraScalar, L: Hashable & Sendable & Codable>(_ model: LDAModel<T, L>) throws -> LDAModel<T, L> {
    try JSONDecoder().decode(LDAModel<T, L>.self, from: JSONEncoder().encode(model))
  }

  @Test("JSON round trip gives identical outputs")
  func codable() throws {
    let fixture = try ldaFixture.get()
    let iris = try fixture.dataset(named: "iris")
    let names = iris.labels.map { ["setosa", "versicolor", "virginica"][$0] }
    for solver in [LinearDiscriminantAnalysis.Solver.svd, .eigen(shrinkage: .none), .eigen(shrinkage: .fixed(0.25))] {
      let model = try LinearDiscriminantAnalysis(solver: solver, componentCount: 1).fit(iris.x, labels: names)
      try expectIdentical(try roundTrip(model), model, on: iris.x)
    }
    let (wide, labels) = smallWideDataset()
    let single = Matrix<Float>(converting: wide)
    let shrunk = try LinearDiscriminantAnalysis(solver: .eigen(shrinkage: .ledoitWolf)).fit(single, labels: labels)
    #expect(shrunk.path == .lowRank)
    try expectIdentical(try roundTrip(shrunk), shrunk, on: single)
    let binary = try fixture.dataset(named: "iris-binary")
    let twoClasses = try LinearDiscriminantAnalysis().fit(binary.x, labels: binary.labels.map { $0 == 1 })
    try expectIdentical(try roundTrip(twoClasses), twoClasses, on: binary.x)
  }

  @Test("Decoding rejects a model whose parts do not fit together")
  func corrupted() throws {
    let (x, labels) = smallWideDataset()
    let model = try LinearDiscriminantAnalysis().fit(x, labels: labels)
    var object = try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(model)) as? [String: Any])
    object["intercepts"] = [0.0, 1.0]
    let data = try JSONSerialization.data(withJSONObject: object)
    #expect(throws: DecodingError.self) { _ = try JSONDecoder().decode(LDAModel<Double, Int>.self, from: data) }
  }

  @Test("Priors by label equal priors in class order; sums off by more than 1e-5 are renormalized")
  func priors() throws {
    let iris = try ldaFixture.get().dataset(named: "iris")
    let names = iris.labels.map { ["setosa", "versicolor", "virginica"][$0] }
    let byLabel = try LinearDiscriminantAnalysis().fit(
      iris.x, labels: names, priors: ["virginica": 0.2, "setosa": 0.5, "versicolor": 0.3])
    let byPosition = try LinearDiscriminantAnalysis(priors: [0.5, 0.3, 0.2]).fit(iris.x, labels: names)
    #expect(byLabel.classes == ["setosa", "versicolor", "virginica"])
    #expect(byLabel.priors == [0.5, 0.3, 0.2])
    #expect(try byLabel.decisionFunction(iris.x) == byPosition.decisionFunction(iris.x))
    let doubled = try LinearDiscriminantAnalysis(priors: [1, 0.6, 0.4]).fit(iris.x, labels: names)
    #expect(doubled.priors == [0.5, 0.3, 0.2])
    // Within 1e-5 of 1: used as given, as scikit-learn does.
    let almost = try LinearDiscriminantAnalysis(priors: [0.5, 0.3, 0.200001]).fit(iris.x, labels: names)
    #expect(almost.priors == [0.5, 0.3, 0.200001])
  }

  @Test("Labels of any Hashable type; classes sorted when Comparable")
  func labelTypes() throws {
    let iris = try ldaFixture.get().dataset(named: "iris")
    let numbers = try LinearDiscriminantAnalysis().fit(iris.x, labels: iris.labels)
    let strings = try LinearDiscriminantAnalysis().fit(iris.x, labels: iris.labels.map { "class \($0)" })
    #expect(strings.classes == ["class 0", "class 1", "class 2"])
    #expect(try strings.predict(iris.x) == numbers.predict(iris.x).map { "class \($0)" })
    #expect(try strings.decisionFunction(iris.x) == numbers.decisionFunction(iris.x))
  }

  @Test("Two classes: one row of coefficients, one decision column, two probability columns")
  func twoClasses() throws {
    let binary = try ldaFixture.get().dataset(named: "iris-binary")
    for solver in [LinearDiscriminantAnalysis.Solver.svd, .eigen(shrinkage: .ledoitWolf)] {
      let model = try LinearDiscriminantAnalysis(solver: solver).fit(binary.x, labels: binary.labels)
      #expect(model.coefficients.shape == (1, 4))
      #expect(model.intercepts.count == 1)
      #expect(model.componentCount == 1)
      let decision = try model.decisionFunction(binary.x)
      let probabilities = try model.predictProbabilities(binary.x)
      #expect(decision.shape == (100, 1))
      #expect(probabilities.shape == (100, 2))
      let predictions = try model.predict(binary.x)
      for i in 0..<100 {
        #expect(abs(probabilities[i, 0] + probabilities[i, 1] - 1) < 1e-15)
        #expect(predictions[i] == (decision[i, 0] > 0 ? 2 : 1))
      }
    }
  }
}
