/// Sums and means that add in exactly the order NumPy does, so that averages equal
/// scikit-learn's to the last bit and reports round the same way.
///
/// NumPy sums a contiguous float64 array by pairwise summation: fewer than 8
/// values one after the other; up to 128 values in 8 interleaved partial sums that
/// are then combined as ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7)), with the
/// remainder added one by one; longer arrays split in two halves (the first a
/// multiple of 8 long) summed recursively.
enum NumPyReductions {
  /// The sum of `values` in NumPy's pairwise order.
  ///
  /// - Complexity: O(n).
  static func sum(_ values: [Double]) -> Double {
    values.withUnsafeBufferPointer { pairwiseSum($0[...]) }
  }

  private static func pairwiseSum(_ values: Slice<UnsafeBufferPointer<Double>>) -> Double {
    let count = values.count
    let start = values.startIndex
    if count < 8 {
      // NumPy starts from -0.0 so that a sum of negative zeros stays -0.0.
      var result = -0.0
      for value in values { result += value }
      return result
    }
    if count <= 128 {
      var partial = (0..<8).map { values[start + $0] }
      var offset = 8
      while offset < count - count % 8 {
        for lane in 0..<8 { partial[lane] += values[start + offset + lane] }
        offset += 8
      }
      var result =
        ((partial[0] + partial[1]) + (partial[2] + partial[3]))
        + ((partial[4] + partial[5]) + (partial[6] + partial[7]))
      while offset < count {
        result += values[start + offset]
        offset += 1
      }
      return result
    }
    var half = count / 2
    half -= half % 8
    return pairwiseSum(values[start..<(start + half)]) + pairwiseSum(values[(start + half)...])
  }

  /// The mean of the values that are not NaN, as `numpy.nanmean`: NaN values
  /// count as 0 in the sum and are left out of the count. NaN when every value is
  /// NaN or there are none.
  ///
  /// - Complexity: O(n).
  static func meanIgnoringNaN(_ values: [Double]) -> Double {
    let count = values.lazy.filter { !$0.isNaN }.count
    guard count > 0 else { return .nan }
    return sum(values.map { $0.isNaN ? 0 : $0 }) / Double(count)
  }

  /// The weighted mean of the values that are not NaN (dropping their weights
  /// too), as scikit-learn's `_nanaverage`: Σ valueᵢ·weightᵢ / Σ weightᵢ, or the
  /// unweighted mean when the remaining weights sum to 0. NaN when every value is
  /// NaN or there are none.
  ///
  /// - Complexity: O(n).
  static func weightedMeanIgnoringNaN(_ values: [Double], weights: [Int]) -> Double {
    var kept: [Double] = []
    var products: [Double] = []
    var weightSum = 0
    for (value, weight) in zip(values, weights) where !value.isNaN {
      kept.append(value)
      products.append(value * Double(weight))
      weightSum += weight
    }
    guard !kept.isEmpty else { return .nan }
    guard weightSum != 0 else { return sum(kept) / Double(kept.count) }
    return sum(products) / Double(weightSum)
  }
}
