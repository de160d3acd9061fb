// Reading Tests/Reference/Fixtures/lda.json (written by Tests/Reference/reference_lda.py):
// its data sets, including the wide class-structured recipe data, and its cases.
//
// The file is decoded into typed structures rather than `JSONValue`: decoding ~3 MB
// through `JSONValue`'s trial-and-error `init(from:)` takes many seconds in a debug
// build, a typed decode a fraction of one. `JSONDecoder` parses numbers exactly.
import Foundation
import LatentLinearAlgebra

/// The LDA fixture, decoded once per test process.
public let ldaFixture: Result<LDAFixture, any Error> = Result {
  let url = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Reference/Fixtures/lda.json")
  return try JSONDecoder().decode(LDAFixture.self, from: Data(contentsOf: url))
}

/// The contents of lda.json (see the docstring of Tests/Reference/reference_lda.py).
public struct LDAFixture: Decodable, Sendable {
  public let datasets: [String: Dataset]
  public let cases: [Case]
  public let errorCases: [ErrorCase]
  public let releaseCases: [Case]

  enum CodingKeys: String, CodingKey {
    case datasets, cases
    case errorCases = "error_cases"
    case releaseCases = "release_cases"
  }

  /// A matrix as the fixture stores it: row-major data, an fmix32 recipe, or the
  /// class-structured recipe of reference_lda.py.
  public struct StoredMatrix: Decodable, Sendable {
    public let rows: Int
    public let cols: Int
    public let data: [Double]?
    public let recipe: String?
    public let seed: Int?
    let seedNoise: Int?
    let seedMeans: Int?
    let classes: Int?
    let meanScale: Double?
    let constantEvery: Int?
    let constantOffset: Int?
    let constantValue: Double?

    enum CodingKeys: String, CodingKey {
      case rows, cols, data, recipe, seed, classes
      case seedNoise = "seed_noise"
      case seedMeans = "seed_means"
      case meanScale = "mean_scale"
      case constantEvery = "constant_every"
      case constantOffset = "constant_offset"
      case constantValue = "constant_value"
    }

    /// The matrix, built from its recipe when it has one.
    public func matrix() throws -> Matrix<Double> {
      switch recipe {
      case nil:
        guard let data else { throw FixtureError.malformed("stored matrix without data") }
        return try Matrix(rowCount: rows, columnCount: cols, elements: data)
      case "fmix32":
        guard let seed else { throw FixtureError.malformed("fmix32 recipe without seed") }
        return recipeMatrix(seed: seed, rows: rows, columns: cols)
      case "lda-class-structured":
        guard let seedNoise, let seedMeans, let classes, let meanScale, let constantEvery, let constantOffset,
          let constantValue
        else { throw FixtureError.malformed("incomplete lda-class-structured recipe") }
        return classStructuredMatrix(
          seedNoise: seedNoise, seedMeans: seedMeans, rows: rows, columns: cols, classes: classes,
          meanScale: meanScale, constantEvery: constantEvery, constantOffset: constantOffset,
          constantValue: constantValue)
      case let other?:
        throw FixtureError.malformed("unknown recipe \(other)")
      }
    }
  }

  /// A data set: samples (integers over `divisor` for image pixels), integer labels, the
  /// rows whose outputs are stored, and the probe matrix wide outputs are projected on.
  public struct Dataset: Decodable, Sendable {
    let X: StoredMatrix
    public let y: [Int]
    public let divisor: Double?
    let evalRows: [Int]
    let probe: StoredMatrix?

    enum CodingKeys: String, CodingKey {
      case X, y, divisor, probe
      case evalRows = "eval_rows"
    }
  }

  /// scikit-learn's settings of one case.
  public struct Settings: Decodable, Sendable, CustomStringConvertible {
    public let dataset: String
    /// "svd" or "eigen".
    public let solver: String
    /// A fixed shrinkage (nil: none, or "auto" when `isAutomaticShrinkage`).
    public let shrinkage: Double?
    public let isAutomaticShrinkage: Bool
    public let componentCount: Int?
    public let priors: [Double]?
    public let tolerance: Double

    enum CodingKeys: String, CodingKey {
      case dataset, solver, shrinkage, priors
      case componentCount = "n_components"
      case tolerance = "tol"
    }

    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      dataset = try container.decode(String.self, forKey: .dataset)
      solver = try container.decode(String.self, forKey: .solver)
      isAutomaticShrinkage = (try? container.decode(String.self, forKey: .shrinkage)) == "auto"
      shrinkage = isAutomaticShrinkage ? nil : try container.decodeIfPresent(Double.self, forKey: .shrinkage)
      componentCount = try container.decodeIfPresent(Int.self, forKey: .componentCount)
      priors = try container.decodeIfPresent([Double].self, forKey: .priors)
      tolerance = try container.decodeIfPresent(Double.self, forKey: .tolerance) ?? 1e-4
    }

    public var description: String {
      "solver \(solver), shrinkage \(isAutomaticShrinkage ? "auto" : shrinkage.map { "\($0)" } ?? "none"), "
        + "components \(componentCount.map(String.init) ?? "all"), priors \(priors.map { "\($0)" } ?? "frequencies")"
    }
  }

  /// scikit-learn's outputs of one case (names as in reference_lda.py; absent ones are nil).
  public struct Outputs: Decodable, Sendable {
    public let classes: [Int]?
    public let priors: [Double]?
    public let xbar: [Double]?
    public let explainedVarianceRatio: [Double]?
    public let explainedVarianceRatioLeading: [Double]?
    public let uniqueComponents: [Bool]?
    public let relativeGaps: [Double]?
    public let traceNegative: Bool?
    public let intercept: [Double]?
    public let predict: [Int]?
    public let transform: StoredMatrix?
    public let decisionFunction: StoredMatrix?
    public let predictProba: StoredMatrix?
    public let predictLogProba: StoredMatrix?
    public let means: StoredMatrix?
    public let coef: StoredMatrix?
    public let scalings: StoredMatrix?
    public let meansProbe: StoredMatrix?
    public let coefProbe: StoredMatrix?
    public let scalingsProbe: StoredMatrix?

    enum CodingKeys: String, CodingKey {
      case classes, priors, xbar, intercept, predict, transform, means, coef, scalings
      case explainedVarianceRatio = "explained_variance_ratio"
      case explainedVarianceRatioLeading = "explained_variance_ratio_leading"
      case uniqueComponents = "unique_components"
      case relativeGaps = "relative_gaps"
      case traceNegative = "trace_negative"
      case decisionFunction = "decision_function"
      case predictProba = "predict_proba"
      case predictLogProba = "predict_log_proba"
      case meansProbe = "means_probe"
      case coefProbe = "coef_probe"
      case scalingsProbe = "scalings_probe"
    }
  }

  /// One case: scikit-learn's settings and outputs.
  public struct Case: Decodable, Sendable, CustomStringConvertible {
    public let name: String
    public let inputs: Settings
    public let outputs: Outputs
    public var description: String { name }
  }

  /// Settings that scikit-learn rejects on a data set.
  public struct ErrorCase: Decodable, Sendable {
    public let name: String
    public let inputs: Settings
    public let expectedError: String

    enum CodingKeys: String, CodingKey {
      case name, inputs
      case expectedError = "expected_error"
    }
  }
}

/// A loaded data set of the LDA fixture.
public struct LDAFixtureDataset: Sendable {
  public let name: String
  public let x: Matrix<Double>
  public let labels: [Int]
  public let evalRows: [Int]
  /// `3 × d` (`1 × d` for the release case) when outputs with a dimension `d` are stored as probes.
  public let probe: Matrix<Double>?
}

extension LDAFixture {
  /// Loads a data set by name (building recipe data and dividing pixels by their divisor).
  public func dataset(named name: String) throws -> LDAFixtureDataset {
    guard let entry = datasets[name] else { throw FixtureError.malformed("no LDA data set \(name)") }
    var x = try entry.X.matrix()
    if let divisor = entry.divisor {
      x = Matrix(rowCount: x.rowCount, columnCount: x.columnCount) { i, j in x[i, j] / divisor }
    }
    return LDAFixtureDataset(
      name: name, x: x, labels: entry.y, evalRows: entry.evalRows, probe: try entry.probe?.matrix())
  }
}

/// The class-structured fmix32 data of reference_lda.py, bit for bit:
/// `X[i, j] = R(seedNoise)[i, j] + meanScale · R(seedMeans)[i mod c, j]`, and the constant
/// columns `j ≡ constantOffset (mod constantEvery)` set to `constantValue`.
public func classStructuredMatrix(
  seedNoise: Int, seedMeans: Int, rows: Int, columns: Int, classes: Int, meanScale: Double = 0.5,
  constantEvery: Int = 50, constantOffset: Int = 7, constantValue: Double = 0.25
) -> Matrix<Double> {
  let noise = recipeMatrix(seed: seedNoise, rows: rows, columns: columns)
  let centres = recipeMatrix(seed: seedMeans, rows: classes, columns: columns)
  var storage = noise.elements
  storage.withUnsafeMutableBufferPointer { x in
    centres.elements.withUnsafeBufferPointer { m in
      for i in 0..<rows {
        let k = i % classes
        for j in 0..<columns {
          x[i * columns + j] =
            j % constantEvery == constantOffset ? constantValue : x[i * columns + j] + meanScale * m[k * columns + j]
        }
      }
    }
  }
  return try! Matrix(rowCount: rows, columnCount: columns, elements: storage)
}

/// The labels `i mod classes` of the class-structured data.
public func classStructuredLabels(rows: Int, classes: Int) -> [Int] { (0..<rows).map { $0 % classes } }

/// For each column, the sign (+1/−1) that makes `computed`'s column agree with `reference`'s
/// (by the sign of their inner product).
public func columnSigns<T: LinearAlgebraScalar>(_ computed: Matrix<T>, _ reference: Matrix<Double>) -> [Double] {
  (0..<Swift.min(computed.columnCount, reference.columnCount)).map { j in
    var dot = 0.0
    for i in 0..<Swift.min(computed.rowCount, reference.rowCount) { dot += Double(computed[i, j]) * reference[i, j] }
    return dot < 0 ? -1 : 1
  }
}

/// `m` with column `j` multiplied by `signs[j]`, as `Double`.
public func applyingColumnSigns<T: LinearAlgebraScalar>(_ m: Matrix<T>, _ signs: [Double]) -> Matrix<Double> {
  Matrix<Double>(rowCount: m.rowCount, columnCount: m.columnCount) { i, j in
    Double(m[i, j]) * (j < signs.count ? signs[j] : 1)
  }
}

/// The norm-wise relative difference of two vectors, relative to `max(floor, max |reference|)`.
public func relativeDifference<T: BinaryFloatingPoint>(_ a: [T], _ reference: [Double], floor: Double) -> Double {
  guard a.count == reference.count else { return .infinity }
  let scale = Swift.max(reference.map(abs).max() ?? 0, floor)
  var difference = 0.0
  for (x, y) in zip(a, reference) {
    if x.isNaN || y.isNaN { return .infinity }
    difference = Swift.max(difference, abs(Double(x) - y))
  }
  return difference / scale
}
