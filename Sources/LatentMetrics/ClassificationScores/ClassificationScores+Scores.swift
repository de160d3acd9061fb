import Foundation

extension ClassificationScores {
  /// Per class, the precision: true positives / predicted count, the fraction of
  /// the samples predicted as the class that truly belong to it.
  ///
  /// ```swift
  /// let scores = try ClassificationScores(truth: [0, 1, 1], predictions: [0, 0, 1])
  /// scores.precision()  // [0.5, 1.0]
  /// ```
  ///
  /// - Parameter zeroDivision: The precision of a class that is never predicted
  ///   (default ``ZeroDivision/zero``).
  /// - Returns: One precision per class, in the order of ``labels``.
  /// - Complexity: O(k) for k labels.
  public func precision(zeroDivision: ZeroDivision = .zero) -> [Double] {
    Self.precisions(perClassCounts, zeroDivision: zeroDivision)
  }

  /// The precision averaged over the classes.
  ///
  /// ```swift
  /// scores.precision(average: .macro)  // 0.75
  /// ```
  ///
  /// - Parameters:
  ///   - average: How to combine the classes (micro, macro or weighted).
  ///   - zeroDivision: The precision of a class that is never predicted; with
  ///     ``ZeroDivision/nan`` such classes are left out of the macro and weighted
  ///     averages (default ``ZeroDivision/zero``).
  /// - Complexity: O(k) for k labels.
  public func precision(average: Average, zeroDivision: ZeroDivision = .zero) -> Double {
    averaged(average) { Self.precisions($0, zeroDivision: zeroDivision) }
  }

  /// Per class, the recall: true positives / support, the fraction of the samples
  /// of the class that are predicted as it.
  ///
  /// ```swift
  /// let scores = try ClassificationScores(truth: [0, 1, 1], predictions: [0, 0, 1])
  /// scores.recall()  // [1.0, 0.5]
  /// ```
  ///
  /// - Parameter zeroDivision: The recall of a class with no true samples (only
  ///   possible with explicit `labels:` or for a label that is only predicted;
  ///   default ``ZeroDivision/zero``).
  /// - Returns: One recall per class, in the order of ``labels``.
  /// - Complexity: O(k) for k labels.
  public func recall(zeroDivision: ZeroDivision = .zero) -> [Double] {
    Self.recalls(perClassCounts, zeroDivision: zeroDivision)
  }

  /// The recall averaged over the classes. The macro average is the balanced
  /// accuracy when every observed label is selected and every class has support.
  ///
  /// ```swift
  /// scores.recall(average: .macro)  // 0.75
  /// ```
  ///
  /// - Parameters:
  ///   - average: How to combine the classes (micro, macro or weighted).
  ///   - zeroDivision: The recall of a class without true samples; with
  ///     ``ZeroDivision/nan`` such classes are left out of the macro and weighted
  ///     averages (default ``ZeroDivision/zero``).
  /// - Complexity: O(k) for k labels.
  public func recall(average: Average, zeroDivision: ZeroDivision = .zero) -> Double {
    averaged(average) { Self.recalls($0, zeroDivision: zeroDivision) }
  }

  /// Per class, the F1 score: the harmonic mean of precision and recall,
  /// 2·tp / (2·tp + fp + fn).
  ///
  /// ```swift
  /// let scores = try ClassificationScores(truth: [0, 1, 1], predictions: [0, 0, 1])
  /// scores.f1Score()  // [0.666…, 0.666…]
  /// ```
  ///
  /// As in scikit-learn 1.9.1, the score is computed from the counts, so it is
  /// defined (0) when only one of precision and recall is undefined; only a class
  /// that is neither true nor predicted anywhere gets the `zeroDivision` value.
  ///
  /// - Parameter zeroDivision: The F1 score of a class with no true and no
  ///   predicted samples (default ``ZeroDivision/zero``).
  /// - Returns: One F1 score per class, in the order of ``labels``.
  /// - Complexity: O(k) for k labels.
  public func f1Score(zeroDivision: ZeroDivision = .zero) -> [Double] {
    Self.fScores(perClassCounts, beta: 1, zeroDivision: zeroDivision)
  }

  /// The F1 score averaged over the classes.
  ///
  /// ```swift
  /// scores.f1Score(average: .weighted)  // 0.666…
  /// ```
  ///
  /// - Parameters:
  ///   - average: How to combine the classes. The micro average pools the counts
  ///     before computing one F1 score; macro and weighted average the per-class
  ///     scores (so the macro F1 is not the F1 of the macro precision and recall).
  ///   - zeroDivision: The F1 score of a class with no true and no predicted
  ///     samples; with ``ZeroDivision/nan`` such classes are left out of the macro
  ///     and weighted averages (default ``ZeroDivision/zero``).
  /// - Complexity: O(k) for k labels.
  public func f1Score(average: Average, zeroDivision: ZeroDivision = .zero) -> Double {
    averaged(average) { Self.fScores($0, beta: 1, zeroDivision: zeroDivision) }
  }

  /// Per class, the F-beta score: (1 + β²)·tp / ((1 + β²)·tp + β²·fn + fp), the
  /// weighted harmonic mean of precision and recall in which recall counts β
  /// times as much as precision.
  ///
  /// ```swift
  /// let scores = try ClassificationScores(truth: [0, 1, 1], predictions: [0, 0, 1])
  /// try scores.fBetaScore(beta: 2)  // [0.833…, 0.555…]
  /// ```
  ///
  /// β = 1 is the F1 score; β = 0 gives the precision and β = +infinity the
  /// recall (with their own zero-division rules), exactly as scikit-learn does.
  ///
  /// - Parameters:
  ///   - beta: The weight of recall, at least 0.
  ///   - zeroDivision: The score of a class with no true and no predicted samples
  ///     (default ``ZeroDivision/zero``).
  /// - Returns: One score per class, in the order of ``labels``.
  /// - Throws: ``MetricsError/invalidBeta(_:)`` when `beta` is negative or NaN.
  /// - Complexity: O(k) for k labels.
  public func fBetaScore(beta: Double, zeroDivision: ZeroDivision = .zero) throws(MetricsError)
    -> [Double]
  {
    guard beta >= 0 else { throw .invalidBeta(beta) }
    return Self.fScores(perClassCounts, beta: beta, zeroDivision: zeroDivision)
  }

  /// The F-beta score averaged over the classes.
  ///
  /// ```swift
  /// try scores.fBetaScore(beta: 0.5, average: .micro)  // 0.666…
  /// ```
  ///
  /// - Parameters:
  ///   - beta: The weight of recall, at least 0.
  ///   - average: How to combine the classes (micro, macro or weighted).
  ///   - zeroDivision: The score of a class with no true and no predicted samples;
  ///     with ``ZeroDivision/nan`` such classes are left out of the macro and
  ///     weighted averages (default ``ZeroDivision/zero``).
  /// - Throws: ``MetricsError/invalidBeta(_:)`` when `beta` is negative or NaN.
  /// - Complexity: O(k) for k labels.
  public func fBetaScore(
    beta: Double, average: Average, zeroDivision: ZeroDivision = .zero
  ) throws(MetricsError) -> Double {
    guard beta >= 0 else { throw .invalidBeta(beta) }
    return averaged(average) { Self.fScores($0, beta: beta, zeroDivision: zeroDivision) }
  }
}

// MARK: - The arithmetic, in scikit-learn's order of operations

extension ClassificationScores {
  /// The three counts every score is computed from, per class or pooled.
  struct Counts {
    var truePositives: [Int]
    var predictionCounts: [Int]
    var support: [Int]

    /// The counts of all classes added together: one pooled class (micro average).
    var pooled: Counts {
      Counts(
        truePositives: [truePositives.reduce(0, +)],
        predictionCounts: [predictionCounts.reduce(0, +)],
        support: [support.reduce(0, +)])
    }
  }

  var perClassCounts: Counts {
    Counts(truePositives: truePositives, predictionCounts: predictionCounts, support: support)
  }

  /// Applies `score` to the pooled counts (micro) or averages its per-class values.
  func averaged(_ average: Average, _ score: (Counts) -> [Double]) -> Double {
    let counts = perClassCounts
    switch average {
    case .micro:
      return score(counts.pooled)[0]
    case .macro:
      return NumPyReductions.meanIgnoringNaN(score(counts))
    case .weighted:
      return NumPyReductions.weightedMeanIgnoringNaN(score(counts), weights: counts.support)
    }
  }

  /// numerator / denominator, or the zero-division value when the denominator is 0.
  static func ratio(_ numerator: Double, _ denominator: Double, zeroDivision: ZeroDivision)
    -> Double
  {
    denominator == 0 ? zeroDivision.value : numerator / denominator
  }

  static func precisions(_ counts: Counts, zeroDivision: ZeroDivision) -> [Double] {
    zip(counts.truePositives, counts.predictionCounts).map {
      ratio(Double($0), Double($1), zeroDivision: zeroDivision)
    }
  }

  static func recalls(_ counts: Counts, zeroDivision: ZeroDivision) -> [Double] {
    zip(counts.truePositives, counts.support).map {
      ratio(Double($0), Double($1), zeroDivision: zeroDivision)
    }
  }

  /// F-beta from the counts, as scikit-learn 1.9.1: β = +∞ is the recall, β = 0
  /// the precision, otherwise (1 + β²)·tp / (β²·support + predicted).
  static func fScores(_ counts: Counts, beta: Double, zeroDivision: ZeroDivision) -> [Double] {
    if beta == .infinity { return recalls(counts, zeroDivision: zeroDivision) }
    if beta == 0 { return precisions(counts, zeroDivision: zeroDivision) }
    // Python's beta**2 is C's pow(beta, 2); use the same function for the same bits.
    let betaSquared = pow(beta, 2)
    return counts.truePositives.indices.map { c in
      ratio(
        (1 + betaSquared) * Double(counts.truePositives[c]),
        betaSquared * Double(counts.support[c]) + Double(counts.predictionCounts[c]),
        zeroDivision: zeroDivision)
    }
  }
}
