import LatentLinearAlgebra

extension PCAModel: Codable {
  private enum CodingKeys: String, CodingKey {
    case components, explainedVariance, explainedVarianceRatio, singularValues, mean, noiseVariance
    case sampleCount, whiten, solver
  }

  /// Decodes a model written by ``encode(to:)`` and checks that its parts fit together
  /// (component, variance and mean counts; at least two samples; finite values), so that a
  /// damaged file fails here rather than in ``transform(_:)``.
  ///
  /// ```swift
  /// let model = try JSONDecoder().decode(PCAModel<Double>.self, from: data)
  /// ```
  ///
  /// - Throws: `DecodingError.dataCorrupted` when the parts do not fit together.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let components = try container.decode(Matrix<Scalar>.self, forKey: .components)
    let explainedVariance = try container.decode([Scalar].self, forKey: .explainedVariance)
    let explainedVarianceRatio = try container.decode([Scalar].self, forKey: .explainedVarianceRatio)
    let singularValues = try container.decode([Scalar].self, forKey: .singularValues)
    let mean = try container.decode([Scalar].self, forKey: .mean)
    let noiseVariance = try container.decode(Scalar.self, forKey: .noiseVariance)
    let sampleCount = try container.decode(Int.self, forKey: .sampleCount)
    let (k, d) = (components.rowCount, components.columnCount)
    func fail(_ key: CodingKeys, _ message: String) -> DecodingError {
      DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "PCAModel: " + message)
    }
    guard k >= 1, d >= 1 else { throw fail(.components, "the model needs at least one component and one feature") }
    for (key, values) in [
      (CodingKeys.explainedVariance, explainedVariance), (.explainedVarianceRatio, explainedVarianceRatio),
      (.singularValues, singularValues),
    ] where values.count != k {
      throw fail(key, "\(values.count) values for \(k) components")
    }
    guard mean.count == d else { throw fail(.mean, "\(mean.count) means for \(d) features") }
    guard sampleCount >= 2 else {
      throw fail(.sampleCount, "a fitted model has at least 2 samples, got \(sampleCount)")
    }
    let allValues = [explainedVariance, explainedVarianceRatio, singularValues, mean, [noiseVariance]].joined()
    guard components.firstNonFiniteIndex() == nil, allValues.allSatisfy(\.isFinite) else {
      throw fail(.components, "the model holds NaN or infinity")
    }
    self.init(
      components: components, explainedVariance: explainedVariance, explainedVarianceRatio: explainedVarianceRatio,
      singularValues: singularValues, mean: mean, noiseVariance: noiseVariance, sampleCount: sampleCount,
      whiten: try container.decode(Bool.self, forKey: .whiten),
      solver: try container.decode(PrincipalComponentAnalysis.Solver.self, forKey: .solver))
  }

  /// Encodes every fitted value; floating-point numbers keep their exact value in JSON
  /// (`JSONEncoder` writes the shortest representation that reads back identically).
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(components, forKey: .components)
    try container.encode(explainedVariance, forKey: .explainedVariance)
    try container.encode(explainedVarianceRatio, forKey: .explainedVarianceRatio)
    try container.encode(singularValues, forKey: .singularValues)
    try container.encode(mean, forKey: .mean)
    try container.encode(noiseVariance, forKey: .noiseVariance)
    try container.encode(sampleCount, forKey: .sampleCount)
    try container.encode(whiten, forKey: .whiten)
    try container.encode(solver, forKey: .solver)
  }
}
