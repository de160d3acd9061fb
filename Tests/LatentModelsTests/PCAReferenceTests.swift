// PCA against scikit-learn 1.9.1 (Tests/Reference/Fixtures/pca.json, written by reference_pca.py).
//
// Tolerances, stated once (norm-wise: the largest absolute difference over the largest
// reference entry):
// - Double ≤ 1e-9, Float ≤ 1e-4 (Float is compared with the same Double reference, which is
//   equivalent to comparing it with our Double results, since those match to 1e-9).
// - Spectrum vectors (explained variance, ratio, singular values) as a whole; the noise
//   variance relative to the largest explained variance (it is one more entry of that spectrum).
// - Components, and the transform columns that belong to them, one component at a time and
//   exactly signed (the svd_flip rule), but only where the data determine that component to
//   the tolerance. A component is only as accurate as the gap around its eigenvalue allows:
//   the Gram and covariance solvers reach ε·σ₀²/gap(σ²)ᵢ, the SVD ε·σ₀/gap(σ)ᵢ, and Float data
//   carry their own rounding, ε_Float·σ₀/gap(σ)ᵢ. `PCATesting.determinedComponents` keeps the
//   components whose bound is within the tolerance (for Double the squared bound, which covers
//   every solver) and whose singular value is not zero (components of a zero singular value,
//   such as the direction that centring removes from wide data or the constant pixels of
//   digits, are an arbitrary basis of a null space for every implementation). The components
//   left out are the last ones of wine (σ spans 3.5 decades, gaps 5·10⁻⁶ of σ₀) and of the
//   "all" cases; their orthonormality is still checked.
// - The inverse transform of held-out rows depends only on the span of the kept components;
//   it is compared when that span is determined (a clear gap after the last kept component and
//   no null component inside it, or all d components).
import Foundation
import LatentLinearAlgebra
import LatentModels
import LatentTestSupport
import Testing

/// Helpers shared by the PCA test files.
enum PCATesting {
  /// The components of a case that its data determine to `tolerance` in precision `T`.
  static func determinedComponents<T: LinearAlgebraScalar>(
    _: T.Type, singularValues s: [Double], kept k: Int, tolerance: Double
  ) -> [Int] {
    (0..<k).filter { isDetermined(T.self, singularValues: s, index: $0, tolerance: tolerance) }
  }

  static func isDetermined<T: LinearAlgebraScalar>(
    _: T.Type, singularValues s: [Double], index i: Int, tolerance: Double
  ) -> Bool {
    guard s[i] > 1e-10 * s[0] else { return false }
    var gap = Double.infinity
    for j in s.indices where j != i { gap = min(gap, abs(s[i] - s[j])) }
    if T.self == Double.self {
      // The squared solvers' bound: ε·σ₀² / |σᵢ² − σⱼ²|.
      var squaredGap = Double.infinity
      for j in s.indices where j != i { squaredGap = min(squaredGap, abs(s[i] * s[i] - s[j] * s[j])) }
      return Double.ulpOfOne * s[0] * s[0] / squaredGap <= tolerance
    }
    return Double(Float.ulpOfOne) * s[0] / gap <= tolerance
  }

  /// Whether the span of the first `k` components is determined to `tolerance`.
  static func isSubspaceDetermined<T: LinearAlgebraScalar>(
    _: T.Type, singularValues s: [Double], kept k: Int, featureCount d: Int, tolerance: Double
  ) -> Bool {
    if k == d { return true }
    if s[..<k].contains(where: { !($0 > 1e-10 * s[0]) }) { return false }
    guard k < s.count else { return false }  // k = n < d: the centring null direction is inside
    if T.self == Double.self {
      return Double.ulpOfOne * s[0] * s[0] / (s[k - 1] * s[k - 1] - s[k] * s[k]) <= tolerance
    }
    return Double(Float.ulpOfOne) * s[0] / (s[k - 1] - s[k]) <= tolerance
  }

  /// The given rows of a matrix.
  static func rows<T: LinearAlgebraScalar>(_ m: Matrix<T>, _ indices: [Int]) -> Matrix<T> { m.rows(at: indices) }

  /// A `Double` copy of a `Float` or `Double` matrix (the Double case is free), written out
  /// for each type because the generic conversion is slow in debug builds.
  static func double<T: LinearAlgebraScalar>(_ m: Matrix<T>) -> Matrix<Double> {
    if let m = m as? Matrix<Double> { return m }
    guard let m = m as? Matrix<Float> else { return asDouble(m) }
    let values = ContiguousArray<Double>(unsafeUninitializedCapacity: m.elements.count) { buffer, count in
      m.elements.withUnsafeBufferPointer { source in
        for i in source.indices { buffer[i] = Double(source[i]) }
      }
      count = m.elements.count
    }
    return try! Matrix(rowCount: m.rowCount, columnCount: m.columnCount, elements: values)
  }

  /// ``relativeDifference(_:_:)`` for matrices, on `Double` buffers (fast in debug builds).
  static func difference<T: LinearAlgebraScalar>(_ a: Matrix<T>, _ reference: Matrix<Double>) -> Double {
    guard a.rowCount == reference.rowCount, a.columnCount == reference.columnCount else { return .infinity }
    let a = double(a)
    var (largestDifference, largest) = (0.0, 0.0)
    a.elements.withUnsafeBufferPointer { x in
      reference.elements.withUnsafeBufferPointer { y in
        for i in x.indices {
          largestDifference = max(largestDifference, abs(x[i] - y[i]))
          largest = max(largest, abs(y[i]))
        }
      }
    }
    if largestDifference.isNaN { return .infinity }
    return largest > 0 ? largestDifference / largest : largestDifference
  }

  /// The data in precision `T` (see ``double(_:)``).
  static func converted<T: LinearAlgebraScalar>(_ m: Matrix<Double>, to _: T.Type) -> Matrix<T> {
    if let m = m as? Matrix<T> { return m }
    guard T.self == Float.self else { return Matrix<T>(converting: m) }
    let values = ContiguousArray<Float>(unsafeUninitializedCapacity: m.elements.count) { buffer, count in
      m.elements.withUnsafeBufferPointer { source in
        for i in source.indices { buffer[i] = Float(source[i]) }
      }
      count = m.elements.count
    }
    return try! Matrix(rowCount: m.rowCount, columnCount: m.columnCount, elements: values) as! Matrix<T>
  }

  /// `m · Pᵀ` in Double, for comparing with a fixture's `…_probe` output.
  static func probe<T: LinearAlgebraScalar>(_ m: Matrix<T>, _ p: Matrix<Double>) throws -> Matrix<Double> {
    try double(m).multiplied(by: p, transposingOther: true)
  }

  /// `max |CCᵀ − I|` for the rows of `c`.
  static func orthonormalityError<T: LinearAlgebraScalar>(_ c: Matrix<T>) -> Double {
    let product = double(c).gram(.rows)
    var worst = 0.0
    for i in 0..<product.rowCount {
      for j in 0..<product.columnCount { worst = max(worst, abs(product[i, j] - (i == j ? 1 : 0))) }
    }
    return worst
  }

  /// The solver's name in the fixture's case inputs.
  static func sklearnSolver(_ c: ReferenceCase) -> String { c.inputs["svd_solver"]?.string ?? "?" }

  /// The settings a case was computed with, for a given solver of ours.
  static func settings(_ c: ReferenceCase, solver: PCA.Solver) throws -> PCA {
    let count: PCA.ComponentCount
    switch c.inputs["n_components"] {
    case .string("all"): count = .all
    case .number(let value) where value == value.rounded(): count = .count(Int(value))
    case .number(let value): count = .varianceFraction(value)
    default: throw FixtureError.malformed("\(c.name): n_components")
    }
    return PCA(componentCount: count, solver: solver, whiten: c.flag("whiten"))
  }

  /// Compares a fitted model with a case's scikit-learn outputs; returns a description of
  /// each failed comparison (empty when everything is within tolerance).
  static func mismatches<T: LinearAlgebraScalar>(
    _ model: PCAModel<T>, _ c: ReferenceCase, training: Matrix<T>, heldOut: Matrix<T>?, probe: Matrix<Double>,
    tolerance: Double
  ) throws -> [String] {
    var failures: [String] = []
    func check(_ what: String, _ error: Double, _ bound: Double = tolerance) {
      if !(error <= bound) { failures.append("\(what): \(error) > \(bound)") }
    }
    let k = try #require(c.number("n_components", output: true).map { Int($0) })
    guard model.componentCount == k else { return ["component count \(model.componentCount) ≠ \(k)"] }
    let spectrum = try #require(c.vector("all_singular_values"))
    let variance = try #require(c.vector("explained_variance"))
    check("explained variance", relativeDifference(model.explainedVariance, variance))
    check(
      "explained variance ratio",
      relativeDifference(model.explainedVarianceRatio, try #require(c.vector("explained_variance_ratio"))))
    check("singular values", relativeDifference(model.singularValues, try #require(c.vector("singular_values"))))
    let noise = try #require(c.number("noise_variance", output: true))
    check("noise variance", abs(Double(model.noiseVariance) - noise) / max(variance[0], noise))
    if let mean = c.vector("mean") {
      check("mean", relativeDifference(model.mean, mean))
    } else {
      let meanProbe = try probe.multiplied(by: model.mean.map(Double.init))
      check("mean · Pᵀ", relativeDifference(meanProbe, try #require(c.vector("mean_probe"))))
    }

    let determined = determinedComponents(T.self, singularValues: spectrum, kept: k, tolerance: tolerance)
    if let components = try c.outputMatrix("components") {
      check("components \(determined)", difference(rows(model.components, determined), rows(components, determined)))
    } else {
      let reference = try #require(try c.outputMatrix("components_probe"))
      let ours = try Self.probe(model.components, probe)
      check("components · Pᵀ \(determined)", difference(rows(ours, determined), rows(reference, determined)))
    }
    let orthonormality = T.self == Double.self ? 1e-8 : 1e-4
    check("orthonormal components", orthonormalityError(model.components), orthonormality)

    let trainRows = try #require(c.number("transform_train_rows", output: true).map { Int($0) })
    let train = try model.transform(training.rows(at: 0..<trainRows))
    let trainReference = try #require(try c.outputMatrix("transform_train"))
    check(
      "transform of training rows", difference(train.columns(at: determined), trainReference.columns(at: determined)))

    guard let heldOut else { return failures }
    let projected = try model.transform(heldOut)
    let projectedReference = try #require(try c.outputMatrix("transform_heldout"))
    check(
      "transform of held-out rows",
      difference(projected.columns(at: determined), projectedReference.columns(at: determined)))
    if isSubspaceDetermined(
      T.self, singularValues: spectrum, kept: k, featureCount: model.featureCount, tolerance: tolerance)
    {
      let restored = try model.inverseTransform(projected)
      if let reference = try c.outputMatrix("inverse_transform_heldout") {
        check("inverse transform of held-out rows", difference(restored, reference))
      } else {
        let reference = try #require(try c.outputMatrix("inverse_transform_heldout_probe"))
        check("inverse transform · Pᵀ", difference(try Self.probe(restored, probe), reference))
      }
    }
    return failures
  }
}

@Suite("PCA against scikit-learn")
struct PCAReferenceTests {
  static let caseNames: [String] = (try? PCAFixture.shared().cases.map(\.name)) ?? []

  @Test func fixtureLoads() throws {
    let fixture = try PCAFixture.shared()
    #expect(fixture.cases.count >= 27)
    #expect(fixture.fixture.root["versions"]?["scikit-learn"]?.string == "1.9.1")
    #expect(fastRecipeMatrix(seed: 11, rows: 7, columns: 300) == recipeMatrix(seed: 11, rows: 7, columns: 300))
  }

  /// Every solver of ours that can run a case, against scikit-learn's "full" outputs; our
  /// covariance solver against scikit-learn's "covariance_eigh" outputs. `Float` runs the
  /// full solver (native `Float` LAPACK), the automatic one (a Gram or covariance solver,
  /// which compute in `Double` whatever the input: the other one shares that code) and, for
  /// a fixed count, the Lanczos solver (its own iteration, also in `Double`).
  func solvers<T: LinearAlgebraScalar>(for c: ReferenceCase, rows n: Int, columns d: Int, _: T.Type) -> [PCA.Solver] {
    if PCATesting.sklearnSolver(c) == "covariance_eigh" { return [.covariance] }
    var solvers: [PCA.Solver] = [.full, .automatic]
    if case .count = try? PCATesting.settings(c, solver: .lanczos).componentCount { solvers.append(.lanczos) }
    guard T.self == Double.self else { return solvers }
    if n <= 1_000 { solvers.append(.gram) }  // an n × n eigenproblem: skip it for digits' 1,791 rows
    if d <= 1_000 { solvers.append(.covariance) }
    return solvers
  }

  func check<T: LinearAlgebraScalar>(_ name: String, _: T.Type) throws {
    let fixture = try PCAFixture.shared()
    let c = try fixture.case(named: name)
    let dataset = try #require(c.inputs["dataset"]?.string)
    let data = try #require(fixture.datasets[dataset])
    let training = PCATesting.converted(data.training, to: T.self)
    let heldOut = PCATesting.converted(data.heldOut, to: T.self)
    let probe = pcaProbe(seed: fixture.probeSeed, columns: training.columnCount)
    for solver in solvers(for: c, rows: training.rowCount, columns: training.columnCount, T.self) {
      let model = try PCATesting.settings(c, solver: solver).fit(training)
      let failures = try PCATesting.mismatches(
        model, c, training: training, heldOut: heldOut, probe: probe, tolerance: standardTolerance(T.self))
      #expect(failures.isEmpty, "\(name) \(T.self) solver \(solver) (ran \(model.solver)): \(failures)")
      if solver == .lanczos {  // chosen explicitly, it never hands over to another solver
        #expect(model.solver == .lanczos, "\(name) \(T.self)")
      }
    }
  }

  @Test(arguments: caseNames) func double(_ name: String) throws { try check(name, Double.self) }
  @Test(arguments: caseNames) func float(_ name: String) throws { try check(name, Float.self) }
}
