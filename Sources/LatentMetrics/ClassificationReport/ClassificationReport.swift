/// Precision, recall, F1 score and support for each class and their averages, as
/// data (`Codable`) and as aligned text (scikit-learn's `classification_report`).
///
/// ```swift
/// let report = try ClassificationReport(
///   truth: ["cat", "dog", "dog", "fox"], predictions: ["cat", "dog", "cat", "cat"])
/// print(report)
/// //               precision    recall  f1-score   support
/// //
/// //          cat       0.33      1.00      0.50         1
/// //          dog       1.00      0.50      0.67         2
/// //          fox       0.00      0.00      0.00         1
/// //
/// //     accuracy                           0.50         4
/// //    macro avg       0.44      0.50      0.39         4
/// // weighted avg       0.58      0.50      0.46         4
/// report.classes[1].recall  // 0.5
/// try JSONEncoder().encode(report)
/// ```
///
/// The rows follow the labels (see ``ClassificationScores`` for how they are chosen
/// and ordered). When the labels include every label that occurs, the micro
/// average equals the accuracy and the report holds ``accuracy``; otherwise it holds
/// ``microAverage`` (scikit-learn's "micro avg" row). The averages' support is the
/// total support of the rows.
public struct ClassificationReport: Sendable, Hashable, Codable {
  /// One row of the report: the scores of a class, or an average of them.
  ///
  /// Two rows are equal when their names, supports and scores are; unlike `Double`,
  /// an undefined (NaN) score equals another NaN score, so a report equals its
  /// decoded copy.
  public struct Row: Sendable, Hashable, Codable {
    /// The class's target name (its label as text by default), or the average's name.
    public var name: String
    /// The precision.
    public var precision: Double
    /// The recall.
    public var recall: Double
    /// The F1 score.
    public var f1Score: Double
    /// The number of true samples of the class, or of all classes of the report.
    public var support: Int

    /// A row with the given values.
    public init(name: String, precision: Double, recall: Double, f1Score: Double, support: Int) {
      self.name = name
      self.precision = precision
      self.recall = recall
      self.f1Score = f1Score
      self.support = support
    }

    /// True when the rows have the same name, support and scores (NaN equal to NaN).
    public static func == (left: Row, right: Row) -> Bool {
      func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
      return left.name == right.name && left.support == right.support
        && same(left.precision, right.precision) && same(left.recall, right.recall)
        && same(left.f1Score, right.f1Score)
    }

    /// Hashes the name, support and scores (every NaN alike).
    public func hash(into hasher: inout Hasher) {
      hasher.combine(name)
      hasher.combine(support)
      for score in [precision, recall, f1Score] { hasher.combine(score.isNaN ? Double.nan : score) }
    }
  }

  /// One row per class, in the order of the labels.
  public var classes: [Row]
  /// The accuracy, when the labels include every label that occurs (then it equals
  /// the micro-averaged precision, recall and F1 score); nil otherwise.
  public var accuracy: Double?
  /// The micro average over the selected classes, when the labels leave out a label
  /// that occurs; nil otherwise (see ``accuracy``).
  public var microAverage: Row?
  /// The unweighted mean of the per-class scores.
  public var macroAverage: Row
  /// The mean of the per-class scores weighted by support.
  public var weightedAverage: Row

  /// A report with the given rows.
  public init(
    classes: [Row], accuracy: Double?, microAverage: Row?, macroAverage: Row, weightedAverage: Row
  ) {
    self.classes = classes
    self.accuracy = accuracy
    self.microAverage = microAverage
    self.macroAverage = macroAverage
    self.weightedAverage = weightedAverage
  }

  /// The report of already counted scores.
  ///
  /// ```swift
  /// let scores = try ClassificationScores(truth: truth, predictions: predictions)
  /// let report = try ClassificationReport(scores, zeroDivision: .nan)
  /// ```
  ///
  /// - Parameters:
  ///   - scores: The per-class counts.
  ///   - targetNames: The name of each row, in the order of the labels; nil (the
  ///     default) for `String(describing:)` of each label.
  ///   - zeroDivision: The value of a score whose denominator is 0 (default
  ///     ``ZeroDivision/zero``).
  /// - Throws: ``MetricsError/targetNameCountMismatch(labelCount:targetNameCount:)``.
  /// - Complexity: O(k) for k labels.
  public init<Label>(
    _ scores: ClassificationScores<Label>, targetNames: [String]? = nil,
    zeroDivision: ZeroDivision = .zero
  ) throws(MetricsError) {
    let names = targetNames ?? scores.labels.map { String(describing: $0) }
    guard names.count == scores.labels.count else {
      throw .targetNameCountMismatch(labelCount: scores.labels.count, targetNameCount: names.count)
    }
    let precision = scores.precision(zeroDivision: zeroDivision)
    let recall = scores.recall(zeroDivision: zeroDivision)
    let f1Score = scores.f1Score(zeroDivision: zeroDivision)
    let support = scores.support
    self.classes = names.indices.map {
      Row(
        name: names[$0], precision: precision[$0], recall: recall[$0], f1Score: f1Score[$0],
        support: support[$0])
    }
    let totalSupport = support.reduce(0, +)
    func averageRow(_ name: String, _ average: Average) -> Row {
      Row(
        name: name,
        precision: scores.precision(average: average, zeroDivision: zeroDivision),
        recall: scores.recall(average: average, zeroDivision: zeroDivision),
        f1Score: scores.f1Score(average: average, zeroDivision: zeroDivision),
        support: totalSupport)
    }
    if scores.includesEveryObservedLabel {
      // scikit-learn reports the micro-averaged precision under "accuracy".
      self.accuracy = scores.precision(average: .micro, zeroDivision: zeroDivision)
      self.microAverage = nil
    } else {
      self.accuracy = nil
      self.microAverage = averageRow("micro avg", .micro)
    }
    self.macroAverage = averageRow("macro avg", .macro)
    self.weightedAverage = averageRow("weighted avg", .weighted)
  }
}

extension ClassificationReport {
  /// Scores every class and builds the report.
  ///
  /// This overload orders inferred labels by first appearance; the one for
  /// `Comparable` labels sorts them.
  ///
  /// - Parameters:
  ///   - truth: The true label of each sample.
  ///   - predictions: The predicted label of each sample, in the same order.
  ///   - labels: The classes to report, in order; nil (the default) for every label
  ///     that occurs.
  ///   - targetNames: The name of each row, in the order of the labels; nil (the
  ///     default) for `String(describing:)` of each label.
  ///   - zeroDivision: The value of a score whose denominator is 0 (default
  ///     ``ZeroDivision/zero``).
  /// - Throws: ``MetricsError/lengthMismatch(truthCount:predictionCount:)``,
  ///   ``MetricsError/emptyInput``, ``MetricsError/emptyLabels``,
  ///   ``MetricsError/duplicateLabel(_:)``, ``MetricsError/labelNotEqualToItself(_:)``
  ///   or ``MetricsError/targetNameCountMismatch(labelCount:targetNameCount:)``.
  /// - Complexity: O(n + k) for n samples and k labels.
  public init<Label: Hashable & Sendable>(
    truth: [Label], predictions: [Label], labels: [Label]? = nil, targetNames: [String]? = nil,
    zeroDivision: ZeroDivision = .zero
  ) throws(MetricsError) {
    let scores = try ClassificationScores(truth: truth, predictions: predictions, labels: labels)
    try self.init(scores, targetNames: targetNames, zeroDivision: zeroDivision)
  }

  /// Scores every class and builds the report, with inferred labels sorted
  /// ascending (scikit-learn's order).
  ///
  /// ```swift
  /// let report = try ClassificationReport(truth: [0, 1, 2, 2], predictions: [0, 0, 2, 2], zeroDivision: .nan)
  /// report.classes.map(\.name)  // ["0", "1", "2"]
  /// report.macroAverage.precision  // 0.75 (class 1, never predicted, is left out)
  /// ```
  ///
  /// - Parameters:
  ///   - truth: The true label of each sample.
  ///   - predictions: The predicted label of each sample, in the same order.
  ///   - labels: The classes to report, in order; nil (the default) for every label
  ///     that occurs, sorted.
  ///   - targetNames: The name of each row, in the order of the labels; nil (the
  ///     default) for `String(describing:)` of each label.
  ///   - zeroDivision: The value of a score whose denominator is 0 (default
  ///     ``ZeroDivision/zero``).
  /// - Throws: ``MetricsError/lengthMismatch(truthCount:predictionCount:)``,
  ///   ``MetricsError/emptyInput``, ``MetricsError/emptyLabels``,
  ///   ``MetricsError/duplicateLabel(_:)``, ``MetricsError/labelNotEqualToItself(_:)``
  ///   or ``MetricsError/targetNameCountMismatch(labelCount:targetNameCount:)``.
  /// - Complexity: O(n + k log k) for n samples and k labels.
  public init<Label: Hashable & Sendable & Comparable>(
    truth: [Label], predictions: [Label], labels: [Label]? = nil, targetNames: [String]? = nil,
    zeroDivision: ZeroDivision = .zero
  ) throws(MetricsError) {
    let scores = try ClassificationScores(truth: truth, predictions: predictions, labels: labels)
    try self.init(scores, targetNames: targetNames, zeroDivision: zeroDivision)
  }
}
