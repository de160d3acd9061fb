import LatentLinearAlgebra

/// A fitted principal component analysis: the components, the spectrum, and the mean.
///
/// Made by ``PrincipalComponentAnalysis/fit(_:)``; immutable, `Sendable` and `Codable`
/// (a JSON round trip gives a model with identical outputs). The names are scikit-learn's
/// attributes in Swift form: `components_` is ``components``, `explained_variance_ratio_`
/// is ``explainedVarianceRatio``.
///
/// ```swift
/// let model = try PCA(componentCount: 2).fit(training)
/// let embedded = try model.transform(test)               // test.rowCount × 2
/// let restored = try model.inverseTransform(embedded)    // back in pixel space
/// print(model.explainedVarianceRatio.reduce(0, +))       // share of the variance kept
/// ```
public struct PCAModel<Scalar: LinearAlgebraScalar>: Sendable {
  /// The principal axes, one orthonormal row per component (`k × d`), in descending order of
  /// explained variance. Each row's largest-magnitude entry is positive (scikit-learn's
  /// `svd_flip` rule; the first such entry on ties).
  public let components: Matrix<Scalar>
  /// The variance of the data along each component, with `n − 1` degrees of freedom:
  /// `singularValues² / (n − 1)`, the leading eigenvalues of the sample covariance matrix.
  public let explainedVariance: [Scalar]
  /// Each component's share of the total variance, summed over all `min(n, d)` components
  /// (not only the kept ones), as scikit-learn reports it.
  public let explainedVarianceRatio: [Scalar]
  /// The singular values of the centred training data belonging to the components.
  public let singularValues: [Scalar]
  /// The mean of each feature over the training data (`d` values); subtracted before projecting.
  public let mean: [Scalar]
  /// The probabilistic-PCA noise variance of Tipping and Bishop (1999): the mean explained
  /// variance of the `min(n, d) − k` components that were not kept (`0` when all were kept).
  public let noiseVariance: Scalar
  /// The number of training samples.
  public let sampleCount: Int
  /// Whether ``transform(_:)`` divides by the square root of the explained variance (and
  /// ``inverseTransform(_:)`` multiplies by it).
  public let whiten: Bool
  /// The solver that computed the model (``PrincipalComponentAnalysis/Solver/automatic`` resolved
  /// to the one that ran).
  public let solver: PrincipalComponentAnalysis.Solver

  /// The number of components, `k`.
  public var componentCount: Int { components.rowCount }
  /// The number of features, `d`, that inputs to ``transform(_:)`` must have.
  public var featureCount: Int { components.columnCount }

  init(
    components: Matrix<Scalar>, explainedVariance: [Scalar], explainedVarianceRatio: [Scalar],
    singularValues: [Scalar], mean: [Scalar], noiseVariance: Scalar, sampleCount: Int, whiten: Bool,
    solver: PrincipalComponentAnalysis.Solver
  ) {
    self.components = components
    self.explainedVariance = explainedVariance
    self.explainedVarianceRatio = explainedVarianceRatio
    self.singularValues = singularValues
    self.mean = mean
    self.noiseVariance = noiseVariance
    self.sampleCount = sampleCount
    self.whiten = whiten
    self.solver = solver
  }

  /// Assembles a model from a solver's output: fixes the signs and derives the variances.
  init(_ solution: PCASolution<Scalar>, mean: [Double], sampleCount n: Int, whiten: Bool) throws {
    let (k, d) = (solution.componentCount, mean.count)
    var rows = solution.components
    PCAStatistics.flipSigns(&rows, rows: k, columns: d)
    let degrees = Double(n - 1)
    let variances = solution.singularValues.map { $0 * $0 / degrees }
    self.init(
      components: try ModelError.wrapping { try Matrix(rowCount: k, columnCount: d, elements: rows) },
      explainedVariance: variances.map { Scalar($0) },
      explainedVarianceRatio: PCAStatistics.explainedVarianceRatios(
        singularValues: solution.singularValues, totalSumOfSquares: solution.totalSumOfSquares, sampleCount: n),
      singularValues: solution.singularValues.map { Scalar($0) },
      mean: mean.map { Scalar($0) },
      noiseVariance: Scalar(solution.meanDiscardedSumOfSquares / degrees),
      sampleCount: n, whiten: whiten, solver: solution.solver)
  }
}

// MARK: - Transforms

extension PCAModel {
  /// Projects samples onto the components: `(x − mean) · componentsᵀ`, divided column by
  /// column by `√explainedVariance` when whitening (scikit-learn floors that scale at ε).
  ///
  /// ```swift
  /// let embedded = try model.transform(images)    // images.rowCount × componentCount
  /// ```
  ///
  /// No centred copy of `x` is made. Up to 32 components, one read of `x` on all cores by
  /// Latent's few-vector kernel, which subtracts the mean from each value as it reads it;
  /// more components, `?gemm` on blocks of centred rows. Either way in the model's precision.
  ///
  /// - Throws: ``ModelError/featureCountMismatch(operation:expected:got:)``,
  ///   ``ModelError/emptyInput(operation:)``, ``ModelError/nonFiniteValue(operation:row:column:)``.
  /// - Complexity: O(rows × d × k).
  public func transform(_ x: Matrix<Scalar>) throws -> Matrix<Scalar> {
    // Dispatch to a concrete type so that the element loops are specialised.
    if let model = self as? PCAModel<Double>, let x = x as? Matrix<Double> {
      return try model.transformSpecialized(x) as! Matrix<Scalar>
    }
    if let model = self as? PCAModel<Float>, let x = x as? Matrix<Float> {
      return try model.transformSpecialized(x) as! Matrix<Scalar>
    }
    return try transformSpecialized(x)
  }

  private func transformSpecialized(_ x: Matrix<Scalar>) throws -> Matrix<Scalar> {
    let operation = "PCAModel.transform"
    guard x.columnCount == featureCount else {
      throw ModelError.featureCountMismatch(operation: operation, expected: featureCount, got: x.columnCount)
    }
    guard x.rowCount > 0 else { throw ModelError.emptyInput(operation: operation) }
    let k = componentCount
    var projected = centredTimesTransposed(x, mean: mean, rows: components.elements, count: k)
    if projected.contains(where: { !$0.isFinite }) {
      try ModelError.checkData(x, operation)
      throw ModelError.invalidParameter(
        operation: operation, detail: "the projection overflows (entries near the largest value). Rescale the data.")
    }
    if whiten {
      let scales = explainedVariance.map { Swift.max($0.squareRoot(), Scalar.ulpOfOne) }
      projected.withUnsafeMutableBufferPointer { y in
        for i in 0..<x.rowCount {
          for j in 0..<k { y[i * k + j] /= scales[j] }
        }
      }
    }
    return try ModelError.wrapping { try Matrix(rowCount: x.rowCount, columnCount: k, elements: projected) }
  }

  /// Maps projected samples back to feature space: `y · components + mean` (with `y`'s columns
  /// first multiplied by `√explainedVariance` when whitening, so that this undoes ``transform(_:)``
  /// exactly on the span of the components).
  ///
  /// ```swift
  /// let reconstruction = try model.inverseTransform(model.transform(x))
  /// ```
  ///
  /// The corresponding BLAS routine is `?gemm`.
  ///
  /// - Throws: ``ModelError/featureCountMismatch(operation:expected:got:)`` when `y` does not have
  ///   ``componentCount`` columns, ``ModelError/emptyInput(operation:)``,
  ///   ``ModelError/nonFiniteValue(operation:row:column:)``.
  /// - Complexity: O(rows × k × d).
  public func inverseTransform(_ y: Matrix<Scalar>) throws -> Matrix<Scalar> {
    if let model = self as? PCAModel<Double>, let y = y as? Matrix<Double> {
      return try model.inverseTransformSpecialized(y) as! Matrix<Scalar>
    }
    if let model = self as? PCAModel<Float>, let y = y as? Matrix<Float> {
      return try model.inverseTransformSpecialized(y) as! Matrix<Scalar>
    }
    return try inverseTransformSpecialized(y)
  }

  private func inverseTransformSpecialized(_ y: Matrix<Scalar>) throws -> Matrix<Scalar> {
    let operation = "PCAModel.inverseTransform"
    let (k, d) = (componentCount, featureCount)
    guard y.columnCount == k else {
      throw ModelError.featureCountMismatch(operation: operation, expected: k, got: y.columnCount)
    }
    guard y.rowCount > 0 else { throw ModelError.emptyInput(operation: operation) }
    try ModelError.checkData(y, operation)
    var coordinates = y
    if whiten {
      let scales = explainedVariance.map { $0.squareRoot() }
      coordinates = Matrix(rowCount: y.rowCount, columnCount: k) { i, j in y[i, j] * scales[j] }
    }
    var result = ContiguousArray<Scalar>(unsafeUninitializedCapacity: y.rowCount * d) { buffer, initialized in
      // Start from the mean in every row, then add y · components (beta = 1).
      for i in 0..<y.rowCount {
        for j in 0..<d { buffer[i * d + j] = mean[j] }
      }
      initialized = y.rowCount * d
    }
    coordinates.elements.withUnsafeBufferPointer { a in
      components.elements.withUnsafeBufferPointer { b in
        result.withUnsafeMutableBufferPointer { c in
          gemm(
            y.rowCount, d, k, a: a.baseAddress!, lda: k, transposeA: false, b: b.baseAddress!, ldb: d,
            transposeB: false, beta: 1, c: c.baseAddress!, ldc: d)
        }
      }
    }
    return try ModelError.wrapping { try Matrix(rowCount: y.rowCount, columnCount: d, elements: result) }
  }
}
