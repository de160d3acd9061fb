import LatentLinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

/// A fitted nearest-centroid classifier: the classes, their centroids and priors.
///
/// Immutable and `Sendable`: fit once, predict from any number of tasks.
/// `Codable` when the label type is, so a trained model can be shipped as JSON.
///
/// ```swift
/// let model = try NearestCentroid().fit(projected, labels: labels)
/// let labels = try model.predict(newProjected)
/// let probabilities = try model.predictProbabilities(newProjected)   // Euclidean only
/// ```
public struct NearestCentroidModel<Scalar: LinearAlgebraScalar, Label: Hashable & Sendable>: Sendable {
  /// The classes, in the order of every per-class output.
  public let classes: [Label]
  /// One centroid per class (rows), `classes × features`.
  public let centroids: Matrix<Scalar>
  /// The class priors, summing to 1.
  public let priors: [Double]
  /// The distance the model uses.
  public let metric: NearestCentroid.Metric
  /// The pooled within-class standard deviation of each feature (n − c degrees of
  /// freedom), or `nil` when there were no more samples than classes.
  public let withinClassStandardDeviation: [Scalar]?

  /// The number of features the model expects.
  public var featureCount: Int { centroids.columnCount }

  /// Whether all priors are equal (to `numpy.isclose`'s tolerance); prediction
  /// is then the plain nearest centroid.
  public var hasUniformPriors: Bool {
    let uniform = 1 / Double(classes.count)
    return priors.allSatisfy { abs($0 - uniform) <= 1e-8 + 1e-5 * uniform }
  }

  /// The distance from each sample to each centroid, `samples × classes`.
  ///
  /// Euclidean distances are computed as `√max(0, ‖x‖² − 2 x·c + ‖c‖²)` with one
  /// `?gemm` (as scikit-learn's `euclidean_distances`); Manhattan directly. Values so large
  /// that their squares would overflow (near 1e150 in `Double`), or so small that they would
  /// all underflow, are divided by a power of two first, so their distances are still right.
  ///
  /// - Throws: ``ModelError`` for empty or non-finite data or a feature count that differs from the model's.
  /// - Complexity: O(n · c · d).
  public func distances(_ x: Matrix<Scalar>) throws -> Matrix<Scalar> {
    try check(x, "NearestCentroidModel.distances")
    let (values, unit) = try scaledDistances(x, centroids: centroids)
    return metric == .euclidean ? values.map { $0.squareRoot() * unit } : values.map { $0 * unit }
  }

  /// The predicted class of each sample.
  ///
  /// With uniform priors, the class of the nearest centroid (the first on a tie).
  /// Otherwise scikit-learn's rule: the largest ``decisionFunction(_:)`` score,
  /// which standardizes features by the within-class deviation and adds `2 log prior`.
  ///
  /// - Throws: ``ModelError`` for bad input, or `tooFewSamples` when non-uniform
  ///   priors need a standard deviation the training data could not give.
  /// - Complexity: O(n · c · d).
  public func predict(_ x: Matrix<Scalar>) throws -> [Label] {
    try check(x, "NearestCentroidModel.predict")
    let scores: Matrix<Scalar>
    if hasUniformPriors {
      // The order of the distances does not depend on their unit.
      scores = try scaledDistances(x, centroids: centroids).values.scaled(by: -1)
    } else {
      scores = try standardizedScores(x, "NearestCentroidModel.predict")
    }
    return (0..<scores.rowCount).map { i in
      var best = 0
      for k in 1..<scores.columnCount where scores[i, k] > scores[i, best] { best = k }
      return classes[best]
    }
  }

  /// scikit-learn's discriminant score: `−‖(x − centroid) / σ‖² + 2 log prior` per class,
  /// `samples × classes`; for two classes a single column, class 1 minus class 0.
  ///
  /// Features whose within-class deviation σ is 0 are not divided.
  ///
  /// - Throws: ``ModelError`` for bad input; `invalidParameter` for the Manhattan
  ///   metric (scikit-learn offers this for Euclidean only); `tooFewSamples` when
  ///   training had no more samples than classes (σ undefined).
  /// - Complexity: O(n · c · d).
  public func decisionFunction(_ x: Matrix<Scalar>) throws -> Matrix<Scalar> {
    let operation = "NearestCentroidModel.decisionFunction"
    try requireEuclidean(operation)
    try check(x, operation)
    let scores = try standardizedScores(x, operation)
    guard classes.count == 2 else { return scores }
    return Matrix(rowCount: scores.rowCount, columnCount: 1) { i, _ in scores[i, 1] - scores[i, 0] }
  }

  /// The log of each class's probability, `samples × classes`: the log-softmax of the scores.
  ///
  /// - Throws: as ``decisionFunction(_:)``.
  /// - Complexity: O(n · c · d).
  public func predictLogProbabilities(_ x: Matrix<Scalar>) throws -> Matrix<Scalar> {
    let operation = "NearestCentroidModel.predictLogProbabilities"
    try requireEuclidean(operation)
    try check(x, operation)
    var scores = try standardizedScores(x, operation)
    for i in 0..<scores.rowCount {
      var largest = scores[i, 0]
      for k in 1..<scores.columnCount { largest = Swift.max(largest, scores[i, k]) }
      var sum: Scalar = 0
      for k in 0..<scores.columnCount { sum += Scalar(exp(Double(scores[i, k] - largest))) }
      let logSum = Scalar(log(Double(sum)))
      for k in 0..<scores.columnCount { scores[i, k] = scores[i, k] - largest - logSum }
    }
    return scores
  }

  /// Each class's probability, `samples × classes` (rows sum to 1).
  ///
  /// - Throws: as ``decisionFunction(_:)``.
  /// - Complexity: O(n · c · d).
  public func predictProbabilities(_ x: Matrix<Scalar>) throws -> Matrix<Scalar> {
    var result = try predictLogProbabilities(x)
    result = result.map { Scalar(exp(Double($0))) }
    return result
  }

  // MARK: Internals

  private func check(_ x: Matrix<Scalar>, _ operation: String) throws {
    try ModelError.checkData(x, operation)
    guard x.columnCount == featureCount else {
      throw ModelError.featureCountMismatch(operation: operation, expected: featureCount, got: x.columnCount)
    }
  }

  private func requireEuclidean(_ operation: String) throws {
    guard metric == .euclidean else {
      throw ModelError.invalidParameter(
        operation: operation,
        detail: "scores and probabilities are defined for the Euclidean metric only (as in scikit-learn). Use predict, or fit with .euclidean.")
    }
  }

  /// Squared Euclidean distances (Gram trick, clipped at 0) or Manhattan distances, in units
  /// of `unit`: the distances are `values · unit²` (squared Euclidean) or `values · unit`
  /// (Manhattan).
  ///
  /// The unit is 1 unless the largest magnitude in `x` and the centroids would make the
  /// Gram trick's squares overflow or all underflow (``MagnitudeUnit``); then both are divided
  /// by the power of two nearest that magnitude (exact), so that values near 1e300 or 1e-300
  /// still get their true nearest centroid and finite distances. The check is one `i?amax`
  /// pass over each.
  private func scaledDistances(
    _ x: Matrix<Scalar>, centroids: Matrix<Scalar>
  ) throws -> (values: Matrix<Scalar>, unit: Scalar) {
    let largest = Swift.max(x.largestMagnitude(), centroids.largestMagnitude())
    let unit = MagnitudeUnit.unit(largest: largest, terms: 8 * x.columnCount)
    guard unit != 1 else { return (try unscaledDistances(x, centroids: centroids), 1) }
    return (try unscaledDistances(x.scaled(by: 1 / unit), centroids: centroids.scaled(by: 1 / unit)), unit)
  }

  /// Squared Euclidean distances (Gram trick, clipped at 0) or Manhattan distances.
  private func unscaledDistances(_ x: Matrix<Scalar>, centroids: Matrix<Scalar>) throws -> Matrix<Scalar> {
    let (n, c, d) = (x.rowCount, centroids.rowCount, x.columnCount)
    switch metric {
    case .euclidean:
      var cross = try x.multiplied(by: centroids, transposingOther: true, alpha: -2)
      let sampleNorms = squaredRowNorms(x)
      let centroidNorms = squaredRowNorms(centroids)
      for i in 0..<n {
        for k in 0..<c { cross[i, k] = Swift.max(0, cross[i, k] + sampleNorms[i] + centroidNorms[k]) }
      }
      return cross
    case .manhattan:
      var result = Matrix<Scalar>(rowCount: n, columnCount: c, repeating: 0)
      x.elements.withUnsafeBufferPointer { xs in
        centroids.elements.withUnsafeBufferPointer { cs in
          for i in 0..<n {
            for k in 0..<c {
              var sum: Scalar = 0
              for j in 0..<d { sum += Swift.abs(xs[i * d + j] - cs[k * d + j]) }
              result[i, k] = sum
            }
          }
        }
      }
      return result
    }
  }

  /// `‖rowᵢ‖²` by BLAS `?nrm2` (this generic code is not specialized when called from another
  /// module, so element loops here would be slow).
  private func squaredRowNorms(_ m: Matrix<Scalar>) -> [Scalar] {
    let d = m.columnCount
    return m.elements.withUnsafeBufferPointer { values in
      (0..<m.rowCount).map { i in
        let norm = Scalar._nrm2(n: Int32(d), x: values.baseAddress! + i * d, incx: 1)
        return norm * norm
      }
    }
  }

  /// `−distance² + 2 log prior` on features divided by the within-class deviation.
  private func standardizedScores(_ x: Matrix<Scalar>, _ operation: String) throws -> Matrix<Scalar> {
    guard let deviation = withinClassStandardDeviation else {
      throw ModelError.tooFewSamples(
        operation: operation,
        detail: "this needs the within-class standard deviation, but the model was fitted on no more samples than classes. Fit on more samples per class.")
    }
    let scale = deviation.map { $0 == 0 ? 1 : 1 / $0 }
    func standardized(_ m: Matrix<Scalar>) -> Matrix<Scalar> { columnsScaled(m, by: scale) }
    let (values, unit) = try scaledDistances(standardized(x), centroids: standardized(centroids))
    // Squared distances; past the largest finite value (standardized values near 1e154) the
    // score is clamped there, so that it stays finite and keeps the farthest classes last.
    var scores = metric == .manhattan ? values.map { ($0 * unit) * ($0 * unit) } : values.map { $0 * unit * unit }
    for i in 0..<scores.rowCount {
      for k in 0..<scores.columnCount {
        scores[i, k] = Swift.max(-scores[i, k] + Scalar(2 * log(priors[k])), -Scalar.greatestFiniteMagnitude)
      }
    }
    return scores
  }
}

extension NearestCentroidModel: Codable where Label: Codable {
  private enum CodingKeys: String, CodingKey {
    case classes, centroids, priors, metric, withinClassStandardDeviation
  }

  /// Decodes a model and checks that its parts fit together (a model file is untrusted input:
  /// a centroid count that differs from the class count must be an error, not a trap at predict time).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let classes = try container.decode([Label].self, forKey: .classes)
    let centroids = try container.decode(Matrix<Scalar>.self, forKey: .centroids)
    let priors = try container.decode([Double].self, forKey: .priors)
    let metric = try container.decode(NearestCentroid.Metric.self, forKey: .metric)
    let deviation = try container.decodeIfPresent([Scalar].self, forKey: .withinClassStandardDeviation)
    func corrupt(_ key: CodingKeys, _ detail: String) -> DecodingError {
      DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: detail)
    }
    guard classes.count >= 2, Set(classes).count == classes.count else {
      throw corrupt(.classes, "a nearest-centroid model needs at least two distinct classes")
    }
    guard centroids.rowCount == classes.count, centroids.columnCount >= 1, centroids.firstNonFiniteIndex() == nil else {
      throw corrupt(.centroids, "expected \(classes.count) finite centroids (one per class), got \(centroids.rowCount) × \(centroids.columnCount)")
    }
    guard priors.count == classes.count, priors.allSatisfy({ $0 >= 0 && $0.isFinite }),
      abs(priors.reduce(0, +) - 1) <= 1e-6
    else { throw corrupt(.priors, "expected \(classes.count) non-negative priors summing to 1") }
    if let deviation {
      guard deviation.count == centroids.columnCount, deviation.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
        throw corrupt(.withinClassStandardDeviation, "expected \(centroids.columnCount) finite, non-negative deviations")
      }
    }
    self.init(classes: classes, centroids: centroids, priors: priors, metric: metric, withinClassStandardDeviation: deviation)
  }

  /// Encodes the classes, centroids, priors, metric and deviations.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(classes, forKey: .classes)
    try container.encode(centroids, forKey: .centroids)
    try container.encode(priors, forKey: .priors)
    try container.encode(metric, forKey: .metric)
    try container.encodeIfPresent(withinClassStandardDeviation, forKey: .withinClassStandardDeviation)
  }
}

/// Each column `j` multiplied by `factors[j]`, with the loop specialized for `Double` and
/// `Float` (generic model methods called from another module are not).
func columnsScaled<Scalar: LinearAlgebraScalar>(_ m: Matrix<Scalar>, by factors: [Scalar]) -> Matrix<Scalar> {
  if let m = m as? Matrix<Double> { return m.scalingColumns(by: factors as! [Double]) as! Matrix<Scalar> }
  if let m = m as? Matrix<Float> { return m.scalingColumns(by: factors as! [Float]) as! Matrix<Scalar> }
  return m.scalingColumns(by: factors)
}
