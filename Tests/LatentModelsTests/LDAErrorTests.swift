// Input validation: every data-dependent problem throws a ModelError that says what was wrong.
import LatentLinearAlgebra
import LatentTestSupport
import Testing

@testable import LatentModels

@Suite("LDA input validation")
struct LDAErrorTests {
  /// Six samples in two dimensions, three classes.
  let x = try! Matrix<Double>(rows: [[1, 2], [2, 1], [5, 6], [6, 5], [9, 1], [8, 2]])
  let labels = [0, 0, 1, 1, 2, 2]
  let operation = LinearDiscriminantAnalysis.fitOperation

  func expectError<T>(_ expected: ModelError, _ body: () throws -> T, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(throws: expected, sourceLocation: sourceLocation) { _ = try body() }
    #expect(!expected.description.isEmpty)
  }

  func expectInvalidParameter<T>(_ body: () throws -> T, sourceLocation: SourceLocation = #_sourceLocation) {
    do {
      _ = try body()
      Issue.record("expected invalidParameter", sourceLocation: sourceLocation)
    } catch let error as ModelError {
      guard case .invalidParameter = error else {
        Issue.record("expected invalidParameter, got \(error)", sourceLocation: sourceLocation)
        return
      }
    } catch {
      Issue.record("expected ModelError, got \(error)", sourceLocation: sourceLocation)
    }
  }

  @Test func nonFiniteValues() throws {
    for solver in [LinearDiscriminantAnalysis.Solver.svd, .eigen(shrinkage: .ledoitWolf)] {
      for value in [Double.nan, .infinity, -.infinity] {
        var bad = x
        bad[3, 1] = value
        expectError(.nonFiniteValue(operation: operation, row: 3, column: 1)) {
          try LinearDiscriminantAnalysis(solver: solver).fit(bad, labels: labels)
        }
      }
    }
    // Finite values whose row sum overflows pass the check (it falls back to a scan).
    let huge = try Matrix<Double>(rows: [[1e308, 1e308], [-1e308, -1e308]])
    try ModelError.checkData(huge, "check")
    let model = try LinearDiscriminantAnalysis().fit(x, labels: labels)
    var bad = x
    bad[5, 0] = .nan
    expectError(.nonFiniteValue(operation: "LDAModel.transform", row: 5, column: 0)) { try model.transform(bad) }
    expectError(.nonFiniteValue(operation: "LDAModel.predict", row: 5, column: 0)) { try model.predict(bad) }
  }

  @Test func shapes() throws {
    expectError(.labelCountMismatch(operation: operation, samples: 6, labels: 5)) {
      try LinearDiscriminantAnalysis().fit(x, labels: Array(labels.prefix(5)))
    }
    expectError(.emptyInput(operation: operation)) {
      try LinearDiscriminantAnalysis().fit(Matrix<Double>(rowCount: 0, columnCount: 3, repeating: 0), labels: [Int]())
    }
    let model = try LinearDiscriminantAnalysis().fit(x, labels: labels)
    let narrow = Matrix<Double>(rowCount: 2, columnCount: 3, repeating: 1)
    expectError(.featureCountMismatch(operation: "LDAModel.transform", expected: 2, got: 3)) { try model.transform(narrow) }
    expectError(.featureCountMismatch(operation: "LDAModel.decisionFunction", expected: 2, got: 3)) {
      try model.decisionFunction(narrow)
    }
    expectError(.featureCountMismatch(operation: "LDAModel.predict", expected: 2, got: 3)) { try model.predict(narrow) }
    expectError(.featureCountMismatch(operation: "LDAModel.predictProbabilities", expected: 2, got: 3)) {
      try model.predictProbabilities(narrow)
    }
    expectError(.featureCountMismatch(operation: "LDAModel.predictLogProbabilities", expected: 2, got: 3)) {
      try model.predictLogProbabilities(narrow)
    }
    expectError(.emptyInput(operation: "LDAModel.transform")) {
      try model.transform(Matrix<Double>(rowCount: 0, columnCount: 2, repeating: 0))
    }
  }

  @Test func classesAndSamples() throws {
    expectError(.tooFewClasses(operation: operation, found: 1, needed: 2)) {
      try LinearDiscriminantAnalysis().fit(x, labels: [Int](repeating: 7, count: 6))
    }
    // As many samples as classes.
    expectError(
      .tooFewSamples(operation: operation, detail: "3 samples for 3 classes, but LDA needs more samples than classes. Add samples.")
    ) {
      try LinearDiscriminantAnalysis().fit(x.rows(at: [0, 2, 4]), labels: [0, 1, 2])
    }
  }

  @Test func componentCounts() throws {
    expectError(.componentCountOutOfRange(operation: operation, requested: 3, allowed: 1...2)) {
      try LinearDiscriminantAnalysis(componentCount: 3).fit(x, labels: labels)
    }
    expectError(.componentCountOutOfRange(operation: operation, requested: 0, allowed: 1...2)) {
      try LinearDiscriminantAnalysis(componentCount: 0).fit(x, labels: labels)
    }
    // One feature allows one component whatever the class count.
    expectError(.componentCountOutOfRange(operation: operation, requested: 2, allowed: 1...1)) {
      try LinearDiscriminantAnalysis(componentCount: 2).fit(x.columns(at: [0]), labels: labels)
    }
    let model = try LinearDiscriminantAnalysis(componentCount: 1).fit(x, labels: labels)
    #expect(try model.transform(x).columnCount == 1)
    #expect(model.explainedVarianceRatio.count == 1)
  }

  @Test func settings() throws {
    expectInvalidParameter { try LinearDiscriminantAnalysis(tolerance: -1).fit(x, labels: labels) }
    expectInvalidParameter { try LinearDiscriminantAnalysis(tolerance: .nan).fit(x, labels: labels) }
    for s in [-0.1, 1.5, .nan] {
      expectInvalidParameter { try LinearDiscriminantAnalysis(solver: .eigen(shrinkage: .fixed(s))).fit(x, labels: labels) }
    }
  }

  @Test func priors() throws {
    for priors in [[0.5, 0.5], [0.5, -0.1, 0.6], [0.5, 0, 0.5], [0.5, .nan, 0.5], [0.5, .infinity, 0.5]] {
      expectInvalidParameter { try LinearDiscriminantAnalysis(priors: priors).fit(x, labels: labels) }
    }
    let names = labels.map { ["cat", "dog", "eel"][$0] }
    expectInvalidParameter { try LinearDiscriminantAnalysis().fit(x, labels: names, priors: ["cat": 0.5, "dog": 0.5]) }
    expectInvalidParameter {
      try LinearDiscriminantAnalysis().fit(x, labels: names, priors: ["cat": 0.2, "dog": 0.3, "eel": 0.4, "fox": 0.1])
    }
    expectInvalidParameter {
      try LinearDiscriminantAnalysis(priors: [0.2, 0.3, 0.5]).fit(x, labels: names, priors: ["cat": 0.2, "dog": 0.3, "eel": 0.5])
    }
  }

  @Test func degenerateData() throws {
    // Both classes have mean 0: no discriminant direction.
    let symmetric = try Matrix<Double>(rows: [[1, 0], [-1, 0], [0, 1], [0, -1], [2, 0], [-2, 0]])
    expectInvalidParameter { try LinearDiscriminantAnalysis().fit(symmetric, labels: [0, 0, 1, 1, 0, 0]) }
    // Every sample equals its class mean: no within-class variation.
    let constant = try Matrix<Double>(rows: [[1, 1], [1, 1], [2, 3], [2, 3], [2, 3]])
    expectInvalidParameter { try LinearDiscriminantAnalysis().fit(constant, labels: [0, 0, 1, 1, 1]) }
    // No shrinkage with a singular within-class covariance (constant feature; wide data).
    let withConstant = Matrix<Double>(rowCount: 6, columnCount: 3) { i, j in j == 2 ? 4 : x[i, j] }
    expectInvalidParameter { try LinearDiscriminantAnalysis(solver: .eigen()).fit(withConstant, labels: labels) }
    let (wide, wideLabels) = smallWideDataset()
    for path in [LinearDiscriminantAnalysis.Path.automatic, .lowRank, .explicit] {
      expectInvalidParameter {
        try LinearDiscriminantAnalysis(solver: .eigen(shrinkage: .none), path: path).fit(wide, labels: wideLabels)
      }
      expectInvalidParameter {
        try LinearDiscriminantAnalysis(solver: .eigen(shrinkage: .fixed(0)), path: path).fit(wide, labels: wideLabels)
      }
    }
  }
}
