import LatentLinearAlgebra

/// Settings of the nearest-centroid classifier: one centroid per class, and
/// each sample goes to the class of its nearest centroid.
///
/// The same model as scikit-learn's `NearestCentroid`: Euclidean centroids are
/// class means, Manhattan centroids per-feature medians; an optional shrink
/// threshold moves centroids toward the overall mean (Tibshirani et al.'s
/// shrunken centroids); priors other than uniform switch prediction to
/// scikit-learn's standardized, prior-weighted score.
///
/// ```swift
/// let model = try NearestCentroid().fit(trainingPixels, labels: trainingLabels)
/// let predicted = try model.predict(testPixels)
/// ```
public struct NearestCentroid: Sendable, Codable, Equatable {
  /// How distance to a centroid is measured.
  public enum Metric: String, Sendable, Codable, Equatable {
    /// Straight-line distance; centroids are class means.
    case euclidean
    /// Sum of absolute differences; centroids are per-feature class medians.
    case manhattan
  }

  /// The prior probability of each class.
  public enum Priors: Sendable, Codable, Equatable {
    /// Every class equally likely (scikit-learn's default). Prediction is then
    /// the plain nearest centroid.
    case uniform
    /// Class frequencies in the training data.
    case empirical
    /// Given probabilities, in class order (sorted labels when the label type is
    /// `Comparable`). Negative values are an error; values that do not sum to 1
    /// (beyond `numpy.isclose`'s tolerance) are divided by their sum, as scikit-learn does.
    case given([Double])
  }

  /// The distance; `.euclidean` by default.
  public var metric: Metric
  /// When set (a positive number), each centroid's standardized deviation from
  /// the overall mean is shrunk toward zero by this amount (soft thresholding).
  public var shrinkThreshold: Double?
  /// The class priors; `.uniform` by default.
  public var priors: Priors

  /// Creates the settings.
  public init(metric: Metric = .euclidean, shrinkThreshold: Double? = nil, priors: Priors = .uniform) {
    self.metric = metric
    self.shrinkThreshold = shrinkThreshold
    self.priors = priors
  }

  /// Fits one centroid per class.
  ///
  /// - Parameters:
  ///   - x: samples as rows (raw pixels, or a PCA or LDA projection).
  ///   - labels: one label per row; at least two distinct classes.
  /// - Returns: the fitted model; classes sorted when `Label` is `Comparable`.
  /// - Throws: ``ModelError`` for empty or non-finite data, a label count that
  ///   differs from the row count, fewer than two classes, invalid priors or
  ///   threshold, or data whose features are all constant.
  /// - Complexity: O(n · d) for Euclidean centroids; O(n · d · log n) for Manhattan (medians).
  public func fit<Scalar: LinearAlgebraScalar, Label: Hashable & Sendable>(
    _ x: Matrix<Scalar>, labels: [Label]
  ) throws -> NearestCentroidModel<Scalar, Label> {
    let operation = "NearestCentroid.fit"
    try ModelError.checkData(x, operation)
    guard labels.count == x.rowCount else {
      throw ModelError.labelCountMismatch(operation: operation, samples: x.rowCount, labels: labels.count)
    }
    if let shrinkThreshold, !(shrinkThreshold > 0 && shrinkThreshold.isFinite) {
      throw ModelError.invalidParameter(
        operation: operation, detail: "the shrink threshold must be a positive number, got \(shrinkThreshold).")
    }
    let encoding = ClassEncoding(labels: labels)
    let c = encoding.classCount
    guard c >= 2 else { throw ModelError.tooFewClasses(operation: operation, found: c, needed: 2) }
    let classPriors = try resolvedPriors(encoding, operation)
    let n = x.rowCount

    // The element loops run in `statistics`, dispatched to Double or Float: generic code
    // called from another module (as this method is) is not specialized, and runs many
    // times slower.
    var (centroids, standardDeviation, allConstant) = Self.statistics(
      x, classOfSample: encoding.indices, counts: encoding.counts, metric: metric)
    if allConstant {
      throw ModelError.degenerateData(
        operation: operation, detail: "every feature is constant, so no centroid differs from another. Use data whose features vary.")
    }

    if let shrinkThreshold {
      guard let standardDeviation else {
        throw ModelError.tooFewSamples(
          operation: operation,
          detail: "shrinking centroids needs the within-class standard deviation, which needs more samples (\(n)) than classes (\(c)).")
      }
      centroids = shrunkCentroids(
        centroids, x: x, counts: encoding.counts, standardDeviation: standardDeviation, threshold: Scalar(shrinkThreshold))
    }
    return NearestCentroidModel(
      classes: encoding.classes, centroids: centroids, priors: classPriors, metric: metric,
      withinClassStandardDeviation: standardDeviation)
  }

  /// The centroids (means, or medians for Manhattan), the within-class standard deviation
  /// (`n − c` degrees of freedom, as scikit-learn; `nil` when `n ≤ c`), and whether every
  /// feature is constant; with the loops specialized for `Double` and `Float`.
  private static func statistics<Scalar: LinearAlgebraScalar>(
    _ x: Matrix<Scalar>, classOfSample: [Int], counts: [Int], metric: Metric
  ) -> (Matrix<Scalar>, [Scalar]?, Bool) {
    if let x = x as? Matrix<Double> {
      let (m, s, constant) = statisticsBody(x, classOfSample, counts, metric)
      return (m as! Matrix<Scalar>, s.map { $0 as! [Scalar] }, constant)
    }
    if let x = x as? Matrix<Float> {
      let (m, s, constant) = statisticsBody(x, classOfSample, counts, metric)
      return (m as! Matrix<Scalar>, s.map { $0 as! [Scalar] }, constant)
    }
    return statisticsBody(x, classOfSample, counts, metric)
  }

  private static func statisticsBody<Scalar: LinearAlgebraScalar>(
    _ x: Matrix<Scalar>, _ classOfSample: [Int], _ counts: [Int], _ metric: Metric
  ) -> (Matrix<Scalar>, [Scalar]?, Bool) {
    let (n, d, c) = (x.rowCount, x.columnCount, counts.count)
    var storage = ContiguousArray<Scalar>(repeating: 0, count: c * d)
    switch metric {
    case .euclidean:
      x.elements.withUnsafeBufferPointer { xs in
        storage.withUnsafeMutableBufferPointer { s in
          for (i, k) in classOfSample.enumerated() {
            let (row, target) = (xs.baseAddress! + i * d, s.baseAddress! + k * d)
            for j in 0..<d { target[j] += row[j] }
          }
          for k in 0..<c {
            let count = Scalar(counts[k])
            for j in 0..<d { s[k * d + j] /= count }
          }
        }
      }
    case .manhattan:
      var members = [[Int]](repeating: [], count: c)
      for (i, k) in classOfSample.enumerated() { members[k].append(i) }
      var column: [Scalar] = []
      x.elements.withUnsafeBufferPointer { xs in
        for k in 0..<c {
          for j in 0..<d {
            column = members[k].map { xs[$0 * d + j] }
            storage[k * d + j] = median(&column)
          }
        }
      }
    }
    var standardDeviation: [Scalar]?
    if n > c {
      // The squares are summed in units of a power of two near the largest magnitude when
      // they would otherwise overflow or all underflow (values near 1e300 or 1e-300).
      let unit = MagnitudeUnit.unit(largest: x.largestMagnitude(), terms: 4 * n)
      let inverseUnit = 1 / unit
      var sums = [Scalar](repeating: 0, count: d)
      x.elements.withUnsafeBufferPointer { xs in
        storage.withUnsafeBufferPointer { m in
          sums.withUnsafeMutableBufferPointer { s in
            for (i, k) in classOfSample.enumerated() {
              let (row, centroid) = (xs.baseAddress! + i * d, m.baseAddress! + k * d)
              for j in 0..<d {
                let difference = (row[j] - centroid[j]) * inverseUnit
                s[j] += difference * difference
              }
            }
          }
        }
      }
      standardDeviation = sums.map { ($0 / Scalar(n - c)).squareRoot() * unit }
    }
    // Every feature constant: every row equals the first.
    let allConstant = x.elements.withUnsafeBufferPointer { xs in
      (1..<Swift.max(n, 1)).allSatisfy { i in (0..<d).allSatisfy { xs[i * d + $0] == xs[$0] } }
    }
    return (Matrix(rows: c, columns: d, storage: storage), standardDeviation, allConstant)
  }

  private func resolvedPriors<Label>(_ encoding: ClassEncoding<Label>, _ operation: String) throws -> [Double] {
    let c = encoding.classCount
    switch priors {
    case .uniform:
      return [Double](repeating: 1 / Double(c), count: c)
    case .empirical:
      let n = Double(encoding.indices.count)
      return encoding.counts.map { Double($0) / n }
    case .given(let values):
      guard values.count == c else {
        throw ModelError.invalidParameter(
          operation: operation, detail: "\(values.count) priors given for \(c) classes. Give one prior per class, in class order.")
      }
      guard values.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
        throw ModelError.invalidParameter(operation: operation, detail: "priors must be finite and non-negative, got \(values).")
      }
      let sum = values.reduce(0, +)
      guard sum > 0 else {
        throw ModelError.invalidParameter(operation: operation, detail: "priors must not all be zero.")
      }
      // numpy.isclose(sum, 1): |sum − 1| ≤ 1e-8 + 1e-5 · 1.
      return abs(sum - 1) <= 1e-8 + 1e-5 ? values : values.map { $0 / sum }
    }
  }

  /// Soft-thresholds each centroid's standardized deviation from the overall mean.
  private func shrunkCentroids<Scalar: LinearAlgebraScalar>(
    _ centroids: Matrix<Scalar>, x: Matrix<Scalar>, counts: [Int], standardDeviation: [Scalar], threshold: Scalar
  ) -> Matrix<Scalar> {
    let (n, d, c) = (x.rowCount, x.columnCount, centroids.rowCount)
    let overallMean = x.columnMeans()
    var sortedDeviation = standardDeviation
    let offset = median(&sortedDeviation)
    var result = centroids
    for k in 0..<c {
      let m = (1 / Scalar(counts[k]) - 1 / Scalar(n)).squareRoot()
      for j in 0..<d {
        let scale = m * (standardDeviation[j] + offset)
        let deviation = (centroids[k, j] - overallMean[j]) / scale
        let shrunk = Swift.max(Swift.abs(deviation) - threshold, 0)
        let signed: Scalar = deviation > 0 ? shrunk : (deviation < 0 ? -shrunk : 0)
        result[k, j] = overallMean[j] + scale * signed
      }
    }
    return result
  }
}

/// The median of the values (the mean of the two middle ones for an even count), as `numpy.median`.
func median<Scalar: BinaryFloatingPoint>(_ values: inout [Scalar]) -> Scalar {
  precondition(!values.isEmpty, "median of no values")
  values.sort()
  let middle = values.count / 2
  return values.count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2
}
