import LatentMetrics
import Testing

/// Every output of scikit-learn 1.9.1 stored in Tests/Reference/Fixtures/metrics.json, checked
/// against LatentMetrics: labels and counts exactly, floats within `referenceTolerance` (1e-12),
/// report texts character for character, and errors by MetricsError case.
@Suite("scikit-learn reference values")
struct ReferenceFixtureTests {
  @Test("The fixture loads and was made with scikit-learn 1.9.1")
  func fixtureLoads() throws {
    let fixture = try ReferenceFixture.loaded.get()
    #expect(fixture.versions["scikit-learn"] == "1.9.1")
    #expect(fixture.generator == "Tests/Reference/reference_metrics.py")
    #expect(fixture.cases.filter { $0.name.hasPrefix("random/") }.count >= 15)
    #expect(fixture.cases.filter { $0.name.hasPrefix("edge/") }.count >= 10)
  }

  @Test("Reference case", arguments: ReferenceFixture.cases)
  func referenceCase(_ reference: ReferenceCase) throws {
    switch reference.labelType {
    case "int":
      try check(
        reference, truth: #require(reference.truth.integers),
        predictions: #require(reference.predictions.integers),
        labels: reference.labels.map { try #require($0.integers) },
        inferred: reference.inferredLabels.map { try #require($0.integers) })
    case "string":
      try check(
        reference, truth: #require(reference.truth.strings),
        predictions: #require(reference.predictions.strings),
        labels: reference.labels.map { try #require($0.strings) },
        inferred: reference.inferredLabels.map { try #require($0.strings) })
    default:
      Issue.record("unknown label type \(reference.labelType)")
    }
  }

  private func check<Label: Hashable & Sendable & Comparable>(
    _ reference: ReferenceCase, truth: [Label], predictions: [Label], labels: [Label]?,
    inferred: [Label]?
  ) throws {
    let expectedLabels = labels ?? inferred
    checkConfusionMatrix(reference.confusionMatrix, truth, predictions, labels, expectedLabels)

    // Everything else shares one ClassificationScores (or one error).
    let scores: ClassificationScores<Label>
    switch reference.multilabelConfusion {
    case .error(let name):
      expectError(name) { () throws(MetricsError) in
        try ClassificationScores(truth: truth, predictions: predictions, labels: labels)
      }
      expectError(name) { () throws(MetricsError) in
        try accuracyScore(truth: truth, predictions: predictions)
      }
      expectError(name) { () throws(MetricsError) in
        try balancedAccuracyScore(truth: truth, predictions: predictions)
      }
      expectError(name) { () throws(MetricsError) in
        try ClassificationReport(truth: truth, predictions: predictions, labels: labels)
      }
      for outcome in [
        reference.accuracy, reference.balancedAccuracy, reference.balancedAccuracyAdjusted,
      ] {
        guard case .error(name) = outcome else {
          Issue.record("scikit-learn raised for some functions but not all")
          return
        }
      }
      return
    case .value(let expected):
      scores = try ClassificationScores(truth: truth, predictions: predictions, labels: labels)
      #expect(scores.labels == expectedLabels)
      #expect(scores.truePositives == expected.truePositives)
      #expect(scores.falsePositives == expected.falsePositives)
      #expect(scores.falseNegatives == expected.falseNegatives)
      #expect(scores.trueNegatives == expected.trueNegatives)
      #expect(scores.sampleCount == truth.count)
    }

    if case .value(let entries) = reference.scores {
      for entry in entries { try checkScores(scores, entry) }
    } else {
      Issue.record("scores missing")
    }

    if case .value(let expected) = reference.accuracy {
      #expect(isClose(try accuracyScore(truth: truth, predictions: predictions), expected.value))
      #expect(isClose(scores.accuracy, expected.value))
    }
    if case .value(let expected) = reference.balancedAccuracy {
      #expect(
        isClose(try balancedAccuracyScore(truth: truth, predictions: predictions), expected.value))
    }
    if case .value(let expected) = reference.balancedAccuracyAdjusted {
      let adjusted = try balancedAccuracyScore(
        truth: truth, predictions: predictions, adjusted: true)
      #expect(isClose(adjusted, expected.value), "\(adjusted) vs \(expected.value)")
    }

    if case .value(let reports) = reference.reports {
      for expected in reports {
        let report = try ClassificationReport(
          truth: truth, predictions: predictions, labels: labels,
          zeroDivision: expected.zeroDivisionChoice)
        // scikit-learn prints supports as floats ("1.0") when no prediction is correct: its
        // multilabel_confusion_matrix then starts from float zeros. Latent keeps them integers.
        let expectedText =
          scores.correctCount == 0 ? supportsAsIntegers(expected.text) : expected.text
        #expect(
          report.text(digits: expected.digits) == expectedText,
          "zero division \(expected.zeroDivision), digits \(expected.digits)")
        checkReportData(report, expected.data)
      }
    } else {
      Issue.record("reports missing")
    }
  }

  private func checkConfusionMatrix<Label: Hashable & Sendable & Comparable>(
    _ outcome: Outcome<ConfusionMatrixOutputs>, _ truth: [Label], _ predictions: [Label],
    _ labels: [Label]?,
    _ expectedLabels: [Label]?
  ) {
    switch outcome {
    case .error(let name):
      expectError(name) { () throws(MetricsError) in
        try ConfusionMatrix(truth: truth, predictions: predictions, labels: labels)
      }
    case .value(let expected):
      guard
        let matrix = try? ConfusionMatrix(truth: truth, predictions: predictions, labels: labels)
      else {
        Issue.record("ConfusionMatrix threw where scikit-learn did not")
        return
      }
      #expect(matrix.labels == expectedLabels)
      #expect(matrix.counts == expected.counts)
      let normalizations: [(ConfusionMatrixNormalization, [[ReferenceNumber]])] = [
        (.truth, expected.truth), (.predictions, expected.predictions), (.all, expected.all),
      ]
      for (normalization, reference) in normalizations {
        let actual = matrix.normalized(by: normalization).flatMap { $0 }
        #expect(
          isClose(actual, reference.flatMap { $0.map(\.value) }), "normalized by \(normalization)")
      }
    }
  }

  private func checkScores<Label>(_ scores: ClassificationScores<Label>, _ entry: ScoreOutputs)
    throws
  {
    let beta = entry.beta.value
    let zeroDivision = entry.zeroDivisionChoice
    let context = "beta \(beta), zero division \(entry.zeroDivision)"
    #expect(
      isClose(scores.precision(zeroDivision: zeroDivision), entry.perClass.precision.map(\.value)),
      "\(context)")
    #expect(
      isClose(scores.recall(zeroDivision: zeroDivision), entry.perClass.recall.map(\.value)),
      "\(context)")
    let fScores = try scores.fBetaScore(beta: beta, zeroDivision: zeroDivision)
    #expect(isClose(fScores, entry.perClass.fScore.map(\.value)), "\(context)")
    if beta == 1 {
      #expect(
        isClose(scores.f1Score(zeroDivision: zeroDivision), entry.perClass.fScore.map(\.value)),
        "\(context)")
    }
    #expect(scores.support == entry.perClass.support)
    let averages: [(Average, ScoreOutputs.Averaged)] = [
      (.micro, entry.micro), (.macro, entry.macro), (.weighted, entry.weighted),
    ]
    for (average, expected) in averages {
      let context = "\(context), \(average) average"
      #expect(
        isClose(
          scores.precision(average: average, zeroDivision: zeroDivision), expected.precision.value),
        "\(context)")
      #expect(
        isClose(scores.recall(average: average, zeroDivision: zeroDivision), expected.recall.value),
        "\(context)")
      let fScore = try scores.fBetaScore(beta: beta, average: average, zeroDivision: zeroDivision)
      #expect(isClose(fScore, expected.fScore.value), "\(context)")
      if beta == 1 {
        #expect(
          isClose(
            scores.f1Score(average: average, zeroDivision: zeroDivision), expected.fScore.value),
          "\(context)")
      }
    }
  }

  private func checkReportData(_ report: ClassificationReport, _ expected: ReportOutputs.Data) {
    func check(_ row: ClassificationReport.Row?, _ expected: ReportOutputs.Row?) {
      guard let row, let expected else {
        #expect(row == nil && expected == nil, "row \(row?.name ?? expected?.name ?? "")")
        return
      }
      #expect(row.name == expected.name)
      #expect(isClose(row.precision, expected.precision.value), "\(row.name) precision")
      #expect(isClose(row.recall, expected.recall.value), "\(row.name) recall")
      #expect(isClose(row.f1Score, expected.f1Score.value), "\(row.name) f1")
      #expect(row.support == expected.support, "\(row.name) support")
    }
    #expect(report.classes.count == expected.classes.count)
    for (row, expectedRow) in zip(report.classes, expected.classes) { check(row, expectedRow) }
    #expect((report.accuracy == nil) == (expected.accuracy == nil))
    if let accuracy = report.accuracy, let expectedAccuracy = expected.accuracy {
      #expect(isClose(accuracy, expectedAccuracy.value))
    }
    check(report.microAverage, expected.microAvg)
    check(report.macroAverage, expected.macroAvg)
    check(report.weightedAverage, expected.weightedAvg)
  }
}

/// `text` with every line's last column, when it reads "<integer>.0", written as the integer,
/// right-aligned in the same 9 characters.
func supportsAsIntegers(_ text: String) -> String {
  text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
    guard line.count >= 9, line.hasSuffix(".0"),
      let count = Int(line.suffix(9).drop(while: { $0 == " " }).dropLast(2))
    else { return String(line) }
    let integer = String(count)
    return line.dropLast(9) + String(repeating: " ", count: 9 - integer.count) + integer
  }.joined(separator: "\n")
}

/// Expects `body` to throw the MetricsError case named `name`.
func expectError<T>(
  _ name: String, sourceLocation: SourceLocation = #_sourceLocation,
  _ body: () throws(MetricsError) -> T
) {
  do {
    _ = try body()
    Issue.record(
      "expected MetricsError.\(name), but nothing was thrown", sourceLocation: sourceLocation)
  } catch {
    #expect(caseName(error) == name, "\(error)", sourceLocation: sourceLocation)
  }
}
