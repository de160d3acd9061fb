/// The value a score takes when its denominator is zero, such as the precision of
/// a class that is never predicted.
///
/// This is scikit-learn's `zero_division` parameter. scikit-learn's default,
/// `"warn"`, gives 0 and prints a warning; Latent never prints, so ``zero`` covers
/// both `"warn"` and `0`. To find out which scores were undefined, look at the
/// counts: precision is undefined where ``ClassificationScores/predictionCounts``
/// is 0, recall where ``ClassificationScores/support`` is 0, and the F-score where
/// both are 0.
///
/// ```swift
/// let scores = try ClassificationScores(truth: [0, 1, 1], predictions: [0, 0, 0])
/// scores.precision(zeroDivision: .zero)  // [0.333…, 0.0]
/// scores.precision(zeroDivision: .nan)   // [0.333…, nan]
/// scores.precision(average: .macro, zeroDivision: .nan)  // 0.333…: NaN is left out
/// ```
public enum ZeroDivision: Sendable, Hashable, Codable, CaseIterable {
  /// The score is 0 (scikit-learn's `"warn"` and `0`). The default.
  case zero
  /// The score is 1 (scikit-learn's `1`).
  case one
  /// The score is NaN and is left out of every average (scikit-learn's `np.nan`).
  /// An average over nothing but NaN is NaN.
  case nan

  /// The value that replaces a division by zero.
  var value: Double {
    switch self {
    case .zero: return 0
    case .one: return 1
    case .nan: return .nan
    }
  }
}
