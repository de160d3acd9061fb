import LatentLinearAlgebra

extension LDAModel: Codable where Label: Codable {
  private enum CodingKeys: String, CodingKey {
    case settings, classes, means, priors, scalings, explainedVarianceRatio, coefficients, intercepts, xbar
    case componentCount, path
  }

  /// Encodes the settings and every fitted array; decoding gives a model with identical outputs.
  ///
  /// ```swift
  /// let json = try JSONEncoder().encode(model)
  /// let restored = try JSONDecoder().decode(LDAModel<Double, String>.self, from: json)
  /// ```
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(settings, forKey: .settings)
    try container.encode(classes, forKey: .classes)
    try container.encode(means, forKey: .means)
    try container.encode(priors, forKey: .priors)
    try container.encode(scalings, forKey: .scalings)
    try container.encode(explainedVarianceRatio, forKey: .explainedVarianceRatio)
    try container.encode(coefficients, forKey: .coefficients)
    try container.encode(intercepts, forKey: .intercepts)
    try container.encode(xbar, forKey: .xbar)
    try container.encode(componentCount, forKey: .componentCount)
    try container.encode(path, forKey: .path)
  }

  /// Decodes a model and checks that its parts fit together (shapes, class count, finite values).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let settings = try container.decode(LinearDiscriminantAnalysis.self, forKey: .settings)
    let classes = try container.decode([Label].self, forKey: .classes)
    let means = try container.decode(Matrix<Scalar>.self, forKey: .means)
    let priors = try container.decode([Scalar].self, forKey: .priors)
    let scalings = try container.decode(Matrix<Scalar>.self, forKey: .scalings)
    let ratio = try container.decode([Scalar].self, forKey: .explainedVarianceRatio)
    let coefficients = try container.decode(Matrix<Scalar>.self, forKey: .coefficients)
    let intercepts = try container.decode([Scalar].self, forKey: .intercepts)
    let xbar = try container.decode([Scalar].self, forKey: .xbar)
    let componentCount = try container.decode(Int.self, forKey: .componentCount)
    let path = try container.decode(LinearDiscriminantAnalysis.Path.self, forKey: .path)
    let (c, d) = (classes.count, means.columnCount)
    let rows = c == 2 ? 1 : c
    var problems: [String] = []
    if c < 2 || Set(classes).count != c { problems.append("needs at least 2 distinct classes") }
    if means.rowCount != c { problems.append("means has \(means.rowCount) rows for \(c) classes") }
    if priors.count != c { problems.append("\(priors.count) priors for \(c) classes") }
    if scalings.rowCount != d { problems.append("scalings has \(scalings.rowCount) rows for \(d) features") }
    if coefficients.rowCount != rows || coefficients.columnCount != d {
      problems.append("coefficients is \(coefficients.rowCount) × \(coefficients.columnCount), expected \(rows) × \(d)")
    }
    if intercepts.count != rows { problems.append("\(intercepts.count) intercepts, expected \(rows)") }
    if xbar.count != d { problems.append("xbar has \(xbar.count) values for \(d) features") }
    if componentCount < 1 || componentCount > Swift.min(c - 1, d) { problems.append("componentCount \(componentCount) out of range") }
    if path == .automatic { problems.append("path must be the resolved one (lowRank or explicit)") }
    let values = [means.elements, scalings.elements, coefficients.elements].flatMap { $0 } + priors + intercepts + xbar
    if values.contains(where: { !$0.isFinite }) { problems.append("non-finite values") }
    guard problems.isEmpty else {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(
          codingPath: decoder.codingPath, debugDescription: "LDAModel: " + problems.joined(separator: "; ")))
    }
    self.init(
      settings: settings, classes: classes, means: means, priors: priors, scalings: scalings,
      explainedVarianceRatio: ratio, coefficients: coefficients, intercepts: intercepts, xbar: xbar,
      componentCount: componentCount, path: path)
  }
}
