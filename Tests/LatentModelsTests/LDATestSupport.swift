// Shared by the LDA tests: settings from fixture cases, the outputs a test compares,
// and the comparisons with their tolerances.
import LatentLinearAlgebra
import LatentTestSupport
import Testing

@testable import LatentModels

extension LinearDiscriminantAnalysis {
  /// The settings of a fixture case (scikit-learn's parameter names and values).
  init(fixture settings: LDAFixture.Settings, path: Path = .automatic) {
    let solver: Solver
    if settings.solver == "svd" {
      solver = .svd
    } else if settings.isAutomaticShrinkage {
      solver = .eigen(shrinkage: .ledoitWolf)
    } else if let s = settings.shrinkage {
      solver = .eigen(shrinkage: .fixed(s))
    } else {
      solver = .eigen(shrinkage: .none)
    }
    self.init(
      solver: solver, componentCount: settings.componentCount, priors: settings.priors,
      tolerance: settings.tolerance, path: path)
  }
}

/// Everything a fitted model says about a data set, in `Double`, for comparisons.
struct LDAOutputs {
  var classes: [Int]
  var priors: [Double]
  var means: Matrix<Double>
  var xbar: [Double]
  var scalings: Matrix<Double>
  var ratio: [Double]
  var coefficients: Matrix<Double>
  var intercepts: [Double]
  var transform: Matrix<Double>
  var decision: Matrix<Double>
  var probabilities: Matrix<Double>
  var logProbabilities: Matrix<Double>
  var predictions: [Int]
  /// The decision function on every row (to tell near-ties from wrong predictions).
  var decisionOnAllRows: Matrix<Double>

  /// Runs every output of `model` on `x` (the evaluation rows for the row-wise outputs).
  init<T: LinearAlgebraScalar>(_ model: LDAModel<T, Int>, x: Matrix<T>, evalRows: [Int]) throws {
    let evaluation = x.rows(at: evalRows)
    classes = model.classes
    priors = model.priors.map(Double.init)
    means = asDouble(model.means)
    xbar = model.xbar.map(Double.init)
    scalings = asDouble(model.scalings)
    ratio = model.explainedVarianceRatio.map(Double.init)
    coefficients = asDouble(model.coefficients)
    intercepts = model.intercepts.map(Double.init)
    transform = asDouble(try model.transform(evaluation))
    decision = asDouble(try model.decisionFunction(evaluation))
    probabilities = asDouble(try model.predictProbabilities(evaluation))
    logProbabilities = asDouble(try model.predictLogProbabilities(evaluation))
    predictions = try model.predict(x)
    decisionOnAllRows = asDouble(try model.decisionFunction(x))
  }
}

/// A list of named relative errors with their tolerances; checks them all and
/// reports the failing ones with their values.
struct ErrorReport {
  var name: String
  var entries: [(key: String, error: Double, tolerance: Double)] = []

  init(_ name: String) { self.name = name }

  mutating func add(_ key: String, _ error: Double, _ tolerance: Double) {
    entries.append((key, error, tolerance))
  }

  /// Records `#expect` failures for the entries over their tolerance; returns the largest error.
  @discardableResult
  func check(sourceLocation: SourceLocation = #_sourceLocation) -> Double {
    for entry in entries where !(entry.error <= entry.tolerance) {
      Issue.record(
        "\(name): \(entry.key) differs by \(entry.error) (tolerance \(entry.tolerance))", sourceLocation: sourceLocation)
    }
    return entries.map(\.error).max() ?? 0
  }

  var summary: String {
    "\(name): " + entries.map { "\($0.key) \(String(format: "%.1e", $0.error))" }.joined(separator: ", ")
  }
}

/// Compares two sets of outputs (both from Latent, e.g. Float against Double, or one path
/// against another) within `tolerance`; transforms and scalings up to per-column sign, on
/// the columns marked unique (all when `uniqueColumns` is nil). `epsilon` is the unit
/// roundoff of the less precise side, for the log-probabilities.
func compareOutputs(
  _ a: LDAOutputs, _ b: LDAOutputs, tolerance: Double, columns: ComponentTolerances = .init(), epsilon: Double = 0,
  report: inout ErrorReport
) {
  report.add("classes", a.classes == b.classes ? 0 : .infinity, 0)
  report.add("priors", relativeDifference(a.priors, b.priors), tolerance)
  report.add("means", relativeDifference(a.means, b.means), tolerance)
  report.add("xbar", relativeDifference(a.xbar, b.xbar), tolerance)
  report.add("scalings", alignedDifference(a.scalings, b.scalings, columns, tolerance: tolerance), tolerance)
  report.add("ratio", relativeDifference(a.ratio, b.ratio), tolerance)
  report.add("coefficients", relativeDifference(a.coefficients, b.coefficients), tolerance)
  report.add("intercepts", relativeDifference(a.intercepts, b.intercepts, floor: 1), tolerance)
  report.add("transform", alignedDifference(a.transform, b.transform, columns, tolerance: tolerance), tolerance)
  report.add("decision", relativeDifference(a.decision, b.decision), tolerance)
  report.add("probabilities", relativeDifference(a.probabilities, b.probabilities), tolerance)
  report.add(
    "logProbabilities",
    logProbabilityDifference(
      a.logProbabilities, b.logProbabilities, probabilities: b.probabilities, decision: b.decision,
      tolerance: tolerance, epsilon: epsilon),
    tolerance)
  report.add("predictions", Double(mismatches(a.predictions, b.predictions, decision: b.decisionOnAllRows, tolerance: tolerance)), 0)
}

/// Which components (columns of the scalings and the transform) to compare, and how
/// closely: an eigenvector is unique only when its eigenvalue is simple, and its
/// sensitivity to rounding is about `κ · u / gap` (u: the unit roundoff; gap: the
/// eigenvalue's distance to its neighbours over the largest eigenvalue; κ: the condition
/// of the within-class covariance, below 100 on these cases). A column's tolerance is
/// `max(tolerance, 100 · u / gap)`; columns whose eigenvalue is repeated are skipped.
struct ComponentTolerances {
  var unique: [Bool] = []
  var relativeGaps: [Double] = []
  var unitRoundoff: Double = 0

  init(unique: [Bool]? = nil, relativeGaps: [Double]? = nil, unitRoundoff: Double = 0) {
    self.unique = unique ?? []
    self.relativeGaps = relativeGaps ?? []
    self.unitRoundoff = unitRoundoff
  }

  func isCompared(_ column: Int) -> Bool { column >= unique.count || unique[column] }

  func tolerance(_ column: Int, _ tolerance: Double) -> Double {
    guard column < relativeGaps.count, relativeGaps[column] > 0 else { return tolerance }
    return Swift.max(tolerance, 100 * unitRoundoff / relativeGaps[column])
  }
}

/// The norm-wise relative difference of the compared columns (relative to the largest
/// entry of `reference`), after giving each column of `a` the sign that agrees with
/// `reference`'s; each column's difference is scaled so that the result passes at `tolerance`
/// when every column is within its own tolerance.
func alignedDifference(
  _ a: Matrix<Double>, _ reference: Matrix<Double>, _ columns: ComponentTolerances, tolerance: Double
) -> Double {
  guard a.rowCount == reference.rowCount, a.columnCount >= reference.columnCount else { return .infinity }
  let signs = columnSigns(a, reference)
  let scale = Swift.max(maxAbs(reference), Double.leastNormalMagnitude)
  var worst = 0.0
  for j in 0..<reference.columnCount where columns.isCompared(j) {
    var difference = 0.0
    for i in 0..<a.rowCount {
      let value = a[i, j] * signs[j]
      if value.isNaN { return .infinity }
      difference = Swift.max(difference, abs(value - reference[i, j]))
    }
    worst = Swift.max(worst, difference / scale * tolerance / columns.tolerance(j, tolerance))
  }
  return worst
}

/// The difference of log-probabilities, normalized so that it passes at `tolerance`:
/// entry-wise `|Δ| / max(S, 4ε / (tolerance · p))`, with `S` the scale of the log-probabilities
/// and decision values, `p` the reference probability and `ε` the unit roundoff of the less
/// precise side. The log of a probability near zero (or of `1 − p` for `p` near one, which
/// scikit-learn's two-class formula computes) amplifies an absolute error `ε` by `1 / p`;
/// with `ε = 0` this is the plain norm-wise relative difference. Entries with `p ≤ 4ε` are
/// skipped (that precision cannot represent them: `1 − p` rounds to 0), and values below
/// the least normal number of that precision are clamped, as both sides' underflows are.
func logProbabilityDifference(
  _ a: Matrix<Double>, _ reference: Matrix<Double>, probabilities: Matrix<Double>, decision: Matrix<Double>,
  tolerance: Double, epsilon: Double
) -> Double {
  guard a.rowCount == reference.rowCount, a.columnCount == reference.columnCount else { return .infinity }
  guard epsilon > 0 else { return relativeDifference(a, reference) }
  let floor = naturalLog(epsilon > 1e-10 ? Double(Float.leastNormalMagnitude) : Double.leastNormalMagnitude)
  let scale = Swift.max(maxAbs(reference), maxAbs(decision), 1)
  var worst = 0.0
  for i in 0..<a.rowCount {
    for k in 0..<a.columnCount {
      let difference = abs(Swift.max(a[i, k], floor) - Swift.max(reference[i, k], floor))
      let p = probabilities[i, k]
      // Below 4ε the less precise side cannot represent the probability at all (1 − p rounds to 0).
      guard p > 4 * epsilon else { continue }
      worst = Swift.max(worst, difference / Swift.max(scale, 4 * epsilon / (tolerance * p)))
    }
  }
  return worst
}

/// The number of differing predictions that a near-tie does not explain: a prediction
/// may differ only where the reference's two best decision values are within
/// `tolerance` (relative to the largest decision value) of each other.
func mismatches(_ a: [Int], _ b: [Int], decision: Matrix<Double>?, tolerance: Double) -> Int {
  var count = 0
  for i in a.indices where a[i] != b[i] {
    guard let decision, i < decision.rowCount else {
      count += 1
      continue
    }
    let row = decision.row(i)
    let scale = Swift.max(maxAbs(decision), 1)
    let sorted = row.count == 1 ? [abs(row[0]), -abs(row[0])] : row.sorted(by: >)
    if sorted[0] - sorted[1] > 10 * tolerance * scale { count += 1 }
  }
  return count
}

/// `x` in single precision (a concrete map: `Matrix(converting:)` is slow in a debug build).
func singlePrecision(_ x: Matrix<Double>) -> Matrix<Float> {
  try! Matrix<Float>(rowCount: x.rowCount, columnCount: x.columnCount, elements: x.elements.map { Float($0) })
}
