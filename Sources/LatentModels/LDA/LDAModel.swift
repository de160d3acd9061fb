import LatentLinearAlgebra

/// A fitted linear discriminant analysis: projection onto the discriminant
/// directions and a Gaussian classifier with a shared covariance.
///
/// Made by ``LinearDiscriminantAnalysis/fit(_:labels:)``; immutable, `Sendable`,
/// and `Codable` when `Label` is. Class `k` of every output is `classes[k]`.
///
/// ```swift
/// let model = try LinearDiscriminantAnalysis().fit(train, labels: trainLabels)
/// let embedded = try model.transform(test)                 // n × componentCount
/// let labels = try model.predict(test)                     // [Label]
/// let probabilities = try model.predictProbabilities(test) // n × c, rows sum to 1
/// ```
///
/// The accessors follow scikit-learn's attributes (`classes_`, `means_`, `priors_`,
/// `scalings_`, `explained_variance_ratio_`, `coef_`, `intercept_`, `xbar_`).
public struct LDAModel<Scalar: LinearAlgebraScalar, Label: Hashable & Sendable>: Sendable {
  /// The settings the model was fitted with.
  public let settings: LinearDiscriminantAnalysis
  /// The distinct labels in class order (sorted when `Label` is `Comparable`).
  public let classes: [Label]
  /// The class means, `c × d` (scikit-learn's `means_`).
  public let means: Matrix<Scalar>
  /// The class priors in class order, summing to 1 (`priors_`).
  public let priors: [Scalar]
  /// The discriminant directions as columns, `d × m` (`scalings_`).
  ///
  /// Solver `.svd`: scikit-learn's `scalings_`, with `m` the rank of the between-class
  /// step (at most `c − 1`). Solver `.eigen`: the leading `min(c − 1, d)` generalized
  /// eigenvectors, normalized so that `vᵀ · Sw · v = 1` (scikit-learn keeps all `d`;
  /// the others carry no discriminant information). Each column is unique only up to sign.
  public let scalings: Matrix<Scalar>
  /// The share of the between-class variance each component explains, one value per
  /// component (`explained_variance_ratio_`).
  ///
  /// Solver `.eigen` divides each leading eigenvalue by the sum of all `d` eigenvalues.
  /// When that sum is negative (possible with Ledoit–Wolf shrinkage, scikit-learn
  /// issue #12662), scikit-learn's sorting reports other eigenvalues; Latent keeps the
  /// leading ones (Docs/LDA.md).
  public let explainedVarianceRatio: [Scalar]
  /// The weights of the decision function: `c × d`, or `1 × d` for two classes
  /// (the second class against the first), as scikit-learn's `coef_`.
  public let coefficients: Matrix<Scalar>
  /// The intercepts of the decision function: `c` values, or one for two classes (`intercept_`).
  public let intercepts: [Scalar]
  /// The priors-weighted mean of the class means, `Σₖ priorₖ · meanₖ` (`xbar_`;
  /// scikit-learn stores it for solver `.svd` only, where ``transform(_:)`` subtracts it).
  public let xbar: [Scalar]
  /// The number of components ``transform(_:)`` returns at most.
  public let componentCount: Int
  /// The path the fit took: ``LinearDiscriminantAnalysis/Path/lowRank`` or ``LinearDiscriminantAnalysis/Path/explicit``.
  public let path: LinearDiscriminantAnalysis.Path
  /// The route of the svd solver on wide data that fitted the model; `nil` for other plans
  /// and for decoded models.
  let svdRoute: SVDRoute?

  /// The number of features the model was fitted on.
  public var featureCount: Int { means.columnCount }
  /// The number of classes.
  public var classCount: Int { classes.count }

  init(
    settings: LinearDiscriminantAnalysis, classes: [Label], fit: LDAFit<Scalar>, data: LDAData<Scalar>,
    componentCount: Int, path: LinearDiscriminantAnalysis.Path
  ) {
    self.settings = settings
    self.classes = classes
    means = data.means
    priors = data.priors
    scalings = fit.scalings
    explainedVarianceRatio = Array(fit.explainedVarianceRatio.prefix(componentCount))
    if classes.count == 2 {
      let d = data.featureCount
      let rows = fit.coefficients.elements
      coefficients = Matrix(rows: 1, columns: d, storage: ContiguousArray((0..<d).map { rows[d + $0] - rows[$0] }))
      intercepts = [fit.intercepts[1] - fit.intercepts[0]]
    } else {
      coefficients = fit.coefficients
      intercepts = fit.intercepts
    }
    xbar = data.xbar
    self.componentCount = componentCount
    self.path = path
    svdRoute = fit.svdRoute
  }

  /// The stored parts, for decoding (checked by the caller).
  init(
    settings: LinearDiscriminantAnalysis, classes: [Label], means: Matrix<Scalar>, priors: [Scalar],
    scalings: Matrix<Scalar>, explainedVarianceRatio: [Scalar], coefficients: Matrix<Scalar>,
    intercepts: [Scalar], xbar: [Scalar], componentCount: Int, path: LinearDiscriminantAnalysis.Path
  ) {
    self.settings = settings
    self.classes = classes
    self.means = means
    self.priors = priors
    self.scalings = scalings
    self.explainedVarianceRatio = explainedVarianceRatio
    self.coefficients = coefficients
    self.intercepts = intercepts
    self.xbar = xbar
    self.componentCount = componentCount
    self.path = path
    svdRoute = nil
  }

  private var subtractsMean: Bool {
    if case .svd = settings.solver { return true }
    return false
  }

  /// Projects samples onto the discriminant directions: `n × min(componentCount, m)`.
  ///
  /// Solver `.svd` projects the centred samples, `(x − xbar) · scalings`; solver
  /// `.eigen` projects them as they are, `x · scalings` (both as scikit-learn does).
  /// Columns are unique only up to sign.
  ///
  /// ```swift
  /// let embedded = try model.transform(images)   // one row per image
  /// ```
  ///
  /// A product with the scalings (`?gemm`, or the thin kernels for up to 32 components); solver `.svd` centres a few rows at a
  /// time, so no copy of `x` is made.
  ///
  /// - Throws: ``ModelError/emptyInput(operation:)``, ``ModelError/nonFiniteValue(operation:row:column:)``,
  ///   ``ModelError/featureCountMismatch(operation:expected:got:)``.
  /// - Complexity: O(n · d · m).
  public func transform(_ x: Matrix<Scalar>) throws -> Matrix<Scalar> {
    try check(x, "LDAModel.transform")
    let directions = scalings.prefixColumns(Swift.min(componentCount, scalings.columnCount))
    return subtractsMean ? centredProduct(x, mean: xbar, directions) : x.times(directions)
  }

  /// The decision function `x · coefficientsᵀ + intercepts`: `n × c`, or `n × 1` for two
  /// classes (the log-likelihood ratio of the second class), as scikit-learn's `decision_function`.
  ///
  /// The corresponding BLAS routine is `?gemm`.
  ///
  /// - Throws: as ``transform(_:)``.
  /// - Complexity: O(n · d · c).
  public func decisionFunction(_ x: Matrix<Scalar>) throws -> Matrix<Scalar> {
    try check(x, "LDAModel.decisionFunction")
    return scores(x)
  }

  private func scores(_ x: Matrix<Scalar>) -> Matrix<Scalar> {
    var result = x.times(coefficients, transposingOther: true)
    for i in 0..<result.rowCount {
      for k in 0..<result.columnCount { result[i, k] += intercepts[k] }
    }
    return result
  }

  /// The most probable class of each sample (the largest decision value; for two
  /// classes, the second class when the decision value is positive).
  ///
  /// ```swift
  /// let predicted = try model.predict(test)
  /// let accuracy = Double(zip(predicted, truth).filter { $0 == $1 }.count) / Double(truth.count)
  /// ```
  ///
  /// - Throws: as ``transform(_:)``.
  /// - Complexity: O(n · d · c).
  public func predict(_ x: Matrix<Scalar>) throws -> [Label] {
    try check(x, "LDAModel.predict")
    let values = scores(x)
    return (0..<values.rowCount).map { i in
      if classes.count == 2 { return classes[values[i, 0] > 0 ? 1 : 0] }
      var best = 0
      for k in 1..<values.columnCount where values[i, k] > values[i, best] { best = k }
      return classes[best]
    }
  }

  /// The posterior probability of each class, `n × c`: the softmax of the decision
  /// function, or for two classes the logistic function of the decision value.
  ///
  /// - Throws: as ``transform(_:)``.
  /// - Complexity: O(n · d · c).
  public func predictProbabilities(_ x: Matrix<Scalar>) throws -> Matrix<Scalar> {
    try check(x, "LDAModel.predictProbabilities")
    return probabilities(scores(x))
  }

  /// The logarithm of ``predictProbabilities(_:)``, `n × c`. As in scikit-learn, a
  /// probability that underflowed to zero counts as the smallest normal number, so
  /// every value is finite.
  ///
  /// - Throws: as ``transform(_:)``.
  /// - Complexity: O(n · d · c).
  public func predictLogProbabilities(_ x: Matrix<Scalar>) throws -> Matrix<Scalar> {
    try check(x, "LDAModel.predictLogProbabilities")
    var result = probabilities(scores(x))
    for i in 0..<result.rowCount {
      for k in 0..<result.columnCount {
        let p = result[i, k]
        result[i, k] = Scalar(naturalLog(Double(p == 0 ? Scalar.leastNormalMagnitude : p)))
      }
    }
    return result
  }

  private func probabilities(_ values: Matrix<Scalar>) -> Matrix<Scalar> {
    let n = values.rowCount
    let c = classes.count
    var result = Matrix<Scalar>(rowCount: n, columnCount: c, repeating: 0)
    for i in 0..<n {
      if c == 2 {
        let p = Scalar(1 / (1 + naturalExp(-Double(values[i, 0]))))
        result[i, 0] = 1 - p
        result[i, 1] = p
        continue
      }
      var largest = values[i, 0]
      for k in 1..<c { largest = Swift.max(largest, values[i, k]) }
      var sum: Scalar = 0
      for k in 0..<c {
        let e = Scalar(naturalExp(Double(values[i, k] - largest)))
        result[i, k] = e
        sum += e
      }
      for k in 0..<c { result[i, k] /= sum }
    }
    return result
  }

  private func check(_ x: Matrix<Scalar>, _ operation: String) throws {
    guard x.columnCount == featureCount else {
      throw ModelError.featureCountMismatch(operation: operation, expected: featureCount, got: x.columnCount)
    }
    try ModelError.checkData(x, operation)
  }
}

/// `(x − mean) · directions` (`directions` is `d × m`) without a centred copy of `x`: see
/// ``centredTimesTransposed(_:mean:rows:count:)``, which takes the directions as rows.
func centredProduct<Scalar: LinearAlgebraScalar>(
  _ x: Matrix<Scalar>, mean: [Scalar], _ directions: Matrix<Scalar>
) -> Matrix<Scalar> {
  let m = directions.columnCount
  let product = centredTimesTransposed(x, mean: mean, rows: directions.transposed().elements, count: m)
  return Matrix(rows: x.rowCount, columns: m, storage: product)
}
