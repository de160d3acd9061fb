/// What a normalised confusion matrix divides by (scikit-learn's `normalize`).
///
/// ```swift
/// let matrix = try ConfusionMatrix(truth: [0, 0, 1], predictions: [0, 1, 1])
/// matrix.normalized(by: .truth)  // [[0.5, 0.5], [0.0, 1.0]]
/// ```
public enum ConfusionMatrixNormalization: Sendable, Hashable, Codable, CaseIterable {
  /// Divide each row by its sum: each true class's entries sum to 1, and the
  /// diagonal holds the recalls (scikit-learn's `"true"`).
  case truth
  /// Divide each column by its sum: each predicted class's entries sum to 1, and
  /// the diagonal holds the precisions (scikit-learn's `"pred"`).
  case predictions
  /// Divide every entry by the total: all entries sum to 1 (scikit-learn's `"all"`).
  case all
}

extension ConfusionMatrix {
  /// The counts divided by their row, column or overall sums.
  ///
  /// As in scikit-learn, a row, column or matrix that sums to 0 (a label that never
  /// occurs in the true, or predicted, labels) gives entries of 0, not NaN.
  ///
  /// ```swift
  /// let matrix = try ConfusionMatrix(truth: [0, 0, 1], predictions: [0, 0, 0], labels: [0, 1, 2])
  /// matrix.normalized(by: .predictions)  // [[0.666…, 0, 0], [0.333…, 0, 0], [0, 0, 0]]
  /// ```
  ///
  /// - Complexity: O(k²) for k labels.
  public func normalized(by normalization: ConfusionMatrixNormalization) -> [[Double]] {
    let k = classCount
    let divisors: [[Int]]
    switch normalization {
    case .truth:
      divisors = counts.map { row in Array(repeating: row.reduce(0, +), count: k) }
    case .predictions:
      let columnSums = (0..<k).map { column in counts.reduce(0) { $0 + $1[column] } }
      divisors = Array(repeating: columnSums, count: k)
    case .all:
      divisors = Array(repeating: Array(repeating: sampleCount, count: k), count: k)
    }
    return zip(counts, divisors).map { row, rowDivisors in
      zip(row, rowDivisors).map { count, divisor in
        // scikit-learn divides, then turns the NaN of 0/0 into 0.
        divisor == 0 ? 0 : Double(count) / Double(divisor)
      }
    }
  }
}
