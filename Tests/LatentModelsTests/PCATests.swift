// PCA behaviour beyond the reference values: errors, solver choice, randomized accuracy,
// whitening, round trips, Codable, Float against Double.
import Foundation
import LatentLinearAlgebra
import LatentModels
import LatentTestSupport
import Testing

@Suite("PCA")
struct PCATests {
  /// A fixture case and its data in precision `T`.
  func fixtureData<T: LinearAlgebraScalar>(_ name: String, _: T.Type) throws
    -> (ReferenceCase, training: Matrix<T>, heldOut: Matrix<T>)
  {
    let fixture = try PCAFixture.shared()
    let c = try fixture.case(named: name)
    let dataset = try #require(c.inputs["dataset"]?.string)
    let data = try #require(fixture.datasets[dataset])
    return (c, PCATesting.converted(data.training, to: T.self), PCATesting.converted(data.heldOut, to: T.self))
  }

  func smallData<T: LinearAlgebraScalar>(_: T.Type) -> Matrix<T> {
    Matrix<T>(rowCount: 5, columnCount: 3) { i, j in T((i * 7 + j * 3) % 5) + T(j) / 4 }
  }

  // MARK: Errors

  @Test func invalidDataIsRejected() throws {
    let fit = "PCA.fit"
    #expect(throws: ModelError.emptyInput(operation: fit)) {
      try PCA().fit(Matrix<Double>(rowCount: 0, columnCount: 3, repeating: 0))
    }
    var withNaN = smallData(Double.self)
    withNaN[1, 2] = .nan
    #expect(throws: ModelError.nonFiniteValue(operation: fit, row: 1, column: 2)) { try PCA().fit(withNaN) }
    var withInfinity = smallData(Float.self)
    withInfinity[4, 0] = -.infinity
    #expect(throws: ModelError.nonFiniteValue(operation: fit, row: 4, column: 0)) { try PCA().fit(withInfinity) }
    #expect(throws: ModelError.self) { try PCA().fit(try Matrix<Double>(rows: [[1, 2, 3]])) }
    let identical = Matrix<Double>(rowCount: 4, columnCount: 3, repeating: 2.5)
    for solver in [PCA.Solver.full, .gram, .covariance, .randomized(), .lanczos] {
      #expect(throws: ModelError.self, "\(solver)") { try PCA(componentCount: 2, solver: solver).fit(identical) }
      do {
        _ = try PCA(componentCount: 2, solver: solver).fit(identical)
      } catch ModelError.tooFewSamples(let operation, _) {
        #expect(operation == fit)
      }
    }
  }

  @Test func invalidSettingsAreRejected() throws {
    let x = smallData(Double.self)  // 5 × 3: 1...3 components
    let fit = "PCA.fit"
    for k in [0, 4, -1] {
      #expect(throws: ModelError.componentCountOutOfRange(operation: fit, requested: k, allowed: 1...3)) {
        try PCA(componentCount: .count(k)).fit(x)
      }
    }
    for fraction in [0, 1, 1.5, -0.1, .nan] {
      #expect(throws: ModelError.self, "fraction \(fraction)") {
        try PCA(componentCount: .varianceFraction(fraction)).fit(x)
      }
    }
    let invalid: [PCA] = [
      PCA(componentCount: .varianceFraction(0.9), solver: .randomized()),
      PCA(componentCount: 2, solver: .randomized(oversamples: 0)),
      PCA(componentCount: 2, solver: .randomized(powerIterations: -1)),
      PCA(componentCount: 4, solver: .lanczos),
    ]
    for settings in invalid {
      #expect(throws: ModelError.self, "\(settings)") { try settings.fit(x) }
    }
    // The Lanczos solver computes a fixed number of components, not the whole spectrum.
    do {
      _ = try PCA(componentCount: .varianceFraction(0.9), solver: .lanczos).fit(x)
      Issue.record("the Lanczos solver accepted a variance fraction")
    } catch ModelError.invalidParameter(let operation, _) {
      #expect(operation == fit)
    }
    // The covariance solver refuses a d × d matrix over 2 GiB.
    let wide = Matrix<Float>(rowCount: 3, columnCount: 16_385) { i, j in Float((i + j) % 7) }
    do {
      _ = try PCA(componentCount: 1, solver: .covariance).fit(wide)
      Issue.record("the covariance solver accepted d = 16,385")
    } catch ModelError.invalidParameter(let operation, _) {
      #expect(operation == fit)
    }
  }

  @Test func transformsCheckTheirInput() throws {
    let model = try PCA(componentCount: 2).fit(smallData(Double.self))
    #expect(throws: ModelError.featureCountMismatch(operation: "PCAModel.transform", expected: 3, got: 2)) {
      try model.transform(Matrix<Double>(rowCount: 2, columnCount: 2, repeating: 1))
    }
    #expect(throws: ModelError.emptyInput(operation: "PCAModel.transform")) {
      try model.transform(Matrix<Double>(rowCount: 0, columnCount: 3, repeating: 1))
    }
    var withNaN = Matrix<Double>(rowCount: 3, columnCount: 3, repeating: 1)
    withNaN[2, 1] = .nan
    #expect(throws: ModelError.nonFiniteValue(operation: "PCAModel.transform", row: 2, column: 1)) {
      try model.transform(withNaN)
    }
    #expect(throws: ModelError.featureCountMismatch(operation: "PCAModel.inverseTransform", expected: 2, got: 3)) {
      try model.inverseTransform(Matrix<Double>(rowCount: 1, columnCount: 3, repeating: 1))
    }
    var coordinatesWithInfinity = Matrix<Double>(rowCount: 2, columnCount: 2, repeating: 1)
    coordinatesWithInfinity[0, 1] = .infinity
    #expect(throws: ModelError.nonFiniteValue(operation: "PCAModel.inverseTransform", row: 0, column: 1)) {
      try model.inverseTransform(coordinatesWithInfinity)
    }
  }

  // MARK: Solver choice

  @Test func automaticSolverFollowsTheShape() throws {
    let wide = try fixtureData("pca/fashion-k10-full", Double.self)  // 200 × 784
    // 10 components: 32 · max(10 + 2, 4) = 384 > 200 samples, so the Lanczos solver is not tried.
    #expect(try PCA(componentCount: 10).fit(wide.training).solver == .gram)
    let tall = try fixtureData("pca/digits-k10-full", Double.self)  // 1,791 × 64
    #expect(try PCA(componentCount: 10).fit(tall.training).solver == .covariance)
    // All 64 components of digits include three constant pixels (zero variance): the
    // squared solvers cannot resolve the smallest ones, so the automatic solver uses the SVD.
    #expect(try PCA().fit(tall.training).solver == .full)
    let iris = try fixtureData("pca/iris-k2-full", Double.self)  // tall too: a chosen solver is kept
    #expect(try PCA(componentCount: 2, solver: .gram).fit(iris.training).solver == .gram)
  }

  /// At d = 120,000 a d × d matrix would need 115 GB: the automatic (Gram) solver only forms
  /// 6 × 6 and 6 × d matrices, and agrees with the SVD.
  @Test func wideDataNeverFormsAFeatureByFeatureMatrix() throws {
    let x = fastRecipeMatrix(seed: 5, rows: 6, columns: 120_000)
    let gram = try PCA(componentCount: 3).fit(x)
    #expect(gram.solver == .gram)
    let full = try PCA(componentCount: 3, solver: .full).fit(x)
    #expect(relativeDifference(gram.components, full.components) <= 1e-9)
    #expect(relativeDifference(gram.singularValues, full.singularValues) <= 1e-12)
    #expect(PCATesting.orthonormalityError(gram.components) <= 1e-12)
  }

  // MARK: Lanczos

  /// Wide data with a few strong directions, as in the benchmark: class means plus uniform
  /// noise (`classes − 1` eigenvalues far above the rest).
  func classStructured(rows n: Int, columns d: Int, classes c: Int, seed: Int) -> Matrix<Double> {
    let noise = fastRecipeMatrix(seed: seed, rows: n, columns: d)
    let means = fastRecipeMatrix(seed: seed + 1, rows: c, columns: d)
    return Matrix(rowCount: n, columnCount: d) { i, j in noise[i, j] + 0.5 * means[i % c, j] + 1_000 }
  }

  /// For a few components of wide data with a clear gap and at least 1,024 samples, the
  /// automatic solver runs the Lanczos iteration (32 · max(2 + 2, 4) = 128 ≤ n) and agrees with
  /// the Gram solver and the SVD; the means of 1,000 (against a spread of about 1) show that
  /// the centring is exact. Below 1,024 samples it runs the Gram solver.
  @Test func automaticSolverUsesLanczosForFewComponentsOfWideData() throws {
    let small = classStructured(rows: 160, columns: 400, classes: 4, seed: 21)
    #expect(try PCA(componentCount: 2).fit(small).solver == .gram)
    let x = classStructured(rows: 1_024, columns: 1_500, classes: 4, seed: 21)
    let model = try PCA(componentCount: 2).fit(x)
    #expect(model.solver == .lanczos)
    for solver in [PCA.Solver.gram, .full] {
      let exact = try PCA(componentCount: 2, solver: solver).fit(x)
      #expect(relativeDifference(model.components, exact.components) <= 1e-9, "\(solver)")
      #expect(relativeDifference(model.singularValues, exact.singularValues) <= 1e-12, "\(solver)")
      #expect(relativeDifference(model.explainedVarianceRatio, exact.explainedVarianceRatio) <= 1e-12, "\(solver)")
      #expect(abs(model.noiseVariance - exact.noiseVariance) <= 1e-12 * exact.noiseVariance, "\(solver)")
      #expect(relativeDifference(try model.transform(x), try exact.transform(x)) <= 1e-9, "\(solver)")
    }
    #expect(PCATesting.orthonormalityError(model.components) <= 1e-12)
    // Float data are converted block by block and give the same model to Float rounding.
    let single = try PCA(componentCount: 2).fit(PCATesting.converted(x, to: Float.self))
    #expect(single.solver == .lanczos)
    #expect(relativeDifference(single.components, model.components) <= 1e-4)
  }

  /// Uniform noise has a flat spectrum: at 1,024 samples the automatic solver's Lanczos
  /// iteration sees its residuals shrink too slowly, gives up and runs the Gram solver, with
  /// the Gram solver's results exactly. Chosen explicitly, the Lanczos solver carries on (up to the whole
  /// sample space) and agrees with the Gram solver on what the data determine: the
  /// singular values, and the components whose gap bounds their error by 1e-9.
  @Test func lanczosHandsOverToGramOnAFlatSpectrum() throws {
    let large = fastRecipeMatrix(seed: 33, rows: 1_024, columns: 1_500)
    let automatic = try PCA(componentCount: 2).fit(large)
    let largeGram = try PCA(componentCount: 2, solver: .gram).fit(large)
    #expect(automatic.solver == .gram)
    #expect(automatic.components == largeGram.components)
    #expect(automatic.singularValues == largeGram.singularValues)
    #expect(automatic.noiseVariance == largeGram.noiseVariance)

    let x = fastRecipeMatrix(seed: 33, rows: 160, columns: 2_000)
    let gram = try PCA(componentCount: 2, solver: .gram).fit(x)
    let lanczos = try PCA(componentCount: 2, solver: .lanczos).fit(x)
    #expect(lanczos.solver == .lanczos)
    #expect(relativeDifference(lanczos.singularValues, gram.singularValues) <= 1e-12)
    let spectrum = try PCA(componentCount: 3, solver: .gram).fit(x).singularValues
    for i in 0..<2 {
      // The Lanczos solver's bound, 1e-13·σ₀²/gap(σ²)ᵢ, for the gap to its neighbours.
      let gap = min(
        i > 0 ? spectrum[i - 1] * spectrum[i - 1] - spectrum[i] * spectrum[i] : .infinity,
        spectrum[i] * spectrum[i] - spectrum[i + 1] * spectrum[i + 1])
      let bound = 1e-13 * spectrum[0] * spectrum[0] / gap
      guard bound <= 1e-9 else { continue }
      #expect(relativeDifference(lanczos.components.rows(at: [i]), gram.components.rows(at: [i])) <= 1e-9, "\(i)")
    }
  }

  /// Repeated equal singular values: four balanced, mutually orthogonal ±1 patterns over the
  /// 128 samples, each spread over 100 features, give four exactly equal singular values and
  /// nothing else. Any basis of their span is correct: with all four components the span is
  /// compared (as a projector); with two (a 4-fold eigenvalue split in the middle), the
  /// singular values and that the components lie in it.
  @Test func lanczosHandlesEqualSingularValues() throws {
    let x = Matrix<Double>(rowCount: 128, columnCount: 1_200) { i, j in
      guard j < 400 else { return 0 }
      return ((i >> (j % 4)) & 1) == 0 ? 1 : -1
    }
    let gram = try PCA(componentCount: 4, solver: .gram).fit(x)
    let span = try gram.components.multiplied(by: gram.components, transposingSelf: true)
    let four = try PCA(componentCount: 4, solver: .lanczos).fit(x)
    #expect(four.solver == .lanczos)
    #expect(relativeDifference(four.singularValues, gram.singularValues) <= 1e-12)
    let fourSpan = try four.components.multiplied(by: four.components, transposingSelf: true)
    #expect(relativeDifference(fourSpan, span) <= 1e-9)

    let two = try PCA(componentCount: 2, solver: .lanczos).fit(x)
    #expect(two.solver == .lanczos)
    #expect(relativeDifference(two.singularValues, Array(gram.singularValues.prefix(2))) <= 1e-12)
    #expect(relativeDifference(try two.components.multiplied(by: span), two.components) <= 1e-9)
    #expect(PCATesting.orthonormalityError(two.components) <= 1e-12)
  }

  // MARK: Randomized

  /// The randomized solver against scikit-learn's exact values. Where the spectrum falls off
  /// after the kept components (the recipe data's ten strong columns) it converges to
  /// rounding; where it decays slowly (digits, Fashion-MNIST: σₖ/σₖ₋₁ = 0.88 and 0.96) the
  /// range finder's error bound, (σₖ₊ₚ/σₖ)^(2q+1), leaves 1e-6 in the singular values and 1e-2
  /// in the components. With l ≥ min(n, d) (iris, wine) it is exact.
  @Test(arguments: [
    ("pca/wide-small-k5-full", 1e-12, 1e-8), ("pca/wide-small-k9-whiten-full", 1e-12, 1e-8),
    ("pca/wide-large-k5-full", 1e-12, 1e-8), ("pca/iris-k2-full", 1e-12, 1e-12), ("pca/wine-k3-full", 1e-12, 1e-12),
    ("pca/digits-k10-full", 1e-5, 1e-2), ("pca/fashion-k10-full", 1e-5, 1e-2),
  ])
  func randomizedMatchesExactValues(_ name: String, spectrumTolerance: Double, componentTolerance: Double) throws {
    let fixture = try PCAFixture.shared()
    let (c, training, _) = try fixtureData(name, Double.self)
    let model = try PCATesting.settings(c, solver: .randomized(seed: 42)).fit(training)
    #expect(model.solver == .randomized(seed: 42))
    #expect(relativeDifference(model.singularValues, try #require(c.vector("singular_values"))) <= spectrumTolerance)
    #expect(
      relativeDifference(model.explainedVariance, try #require(c.vector("explained_variance"))) <= spectrumTolerance)
    let probe = pcaProbe(seed: fixture.probeSeed, columns: training.columnCount)
    let components =
      try c.outputMatrix("components").map { relativeDifference(model.components, $0) }
      ?? relativeDifference(
        try PCATesting.probe(model.components, probe), try #require(try c.outputMatrix("components_probe")))
    #expect(components <= componentTolerance)
    #expect(PCATesting.orthonormalityError(model.components) <= 1e-12)
  }

  @Test func randomizedIsReproducible() throws {
    let (c, training, _) = try fixtureData("pca/wide-small-k5-full", Double.self)
    let first = try PCATesting.settings(c, solver: .randomized(seed: 7)).fit(training)
    let again = try PCATesting.settings(c, solver: .randomized(seed: 7)).fit(training)
    let other = try PCATesting.settings(c, solver: .randomized(seed: 8)).fit(training)
    #expect(first.components == again.components)
    #expect(first.singularValues == again.singularValues)
    #expect(first.components != other.components)
    #expect(relativeDifference(first.components, PCATesting.double(other.components)) <= 1e-8)
    let single = try PCATesting.settings(c, solver: .randomized(seed: 7)).fit(
      PCATesting.converted(training, to: Float.self))
    #expect(relativeDifference(single.components, first.components) <= 1e-4)
  }

  // MARK: Transforms

  @Test func whitenedOutputsHaveUnitVariance() throws {
    for name in ["pca/iris-all-whiten-covariance_eigh", "pca/wide-small-k9-whiten-full"] {
      let (c, training, _) = try fixtureData(name, Double.self)
      let model = try PCATesting.settings(c, solver: .automatic).fit(training)
      let y = try model.transform(training)
      let n = Double(y.rowCount)
      for j in 0..<y.columnCount {
        let column = y.column(j)
        let mean = column.reduce(0, +) / n
        let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        #expect(
          abs(mean) <= 1e-12 && abs(variance - 1) <= 1e-12, "\(name) column \(j): mean \(mean), variance \(variance)")
      }
    }
  }

  /// With all d components the inverse transform undoes the transform (whitened or not).
  @Test func inverseTransformRestoresTheData() throws {
    for whiten in [false, true] {
      let (_, training, heldOut) = try fixtureData("pca/wine-all-whiten-full", Double.self)
      let model = try PCA(whiten: whiten).fit(training)
      #expect(relativeDifference(try model.inverseTransform(model.transform(heldOut)), heldOut) <= 1e-12)
      let single = try PCA(whiten: whiten).fit(Matrix<Float>(converting: training))
      let restored = try single.inverseTransform(single.transform(Matrix<Float>(converting: heldOut)))
      #expect(relativeDifference(restored, heldOut) <= 1e-5)
    }
  }

  // MARK: Float against Double

  /// The same data in Float and in Double give the same model to 1e-4 (every output,
  /// norm-wise), for each solver.
  @Test(arguments: [PCA.Solver.automatic, .full, .gram, .covariance, .randomized(), .lanczos])
  func floatMatchesDouble(_ solver: PCA.Solver) throws {
    let (c, training, heldOut) = try fixtureData("pca/fashion-k10-whiten-full", Double.self)
    let settings = try PCATesting.settings(c, solver: solver)
    let double = try settings.fit(training)
    let single = try settings.fit(PCATesting.converted(training, to: Float.self))
    #expect(single.solver == double.solver)
    #expect(relativeDifference(single.components, double.components) <= 1e-4)
    #expect(relativeDifference(single.explainedVariance, double.explainedVariance) <= 1e-4)
    #expect(relativeDifference(single.explainedVarianceRatio, double.explainedVarianceRatio) <= 1e-4)
    #expect(relativeDifference(single.singularValues, double.singularValues) <= 1e-4)
    #expect(relativeDifference(single.mean, double.mean) <= 1e-4)
    #expect(abs(Double(single.noiseVariance) - double.noiseVariance) <= 1e-4 * double.explainedVariance[0])
    let projected = try single.transform(PCATesting.converted(heldOut, to: Float.self))
    #expect(relativeDifference(projected, try double.transform(heldOut)) <= 1e-4)
  }

  // MARK: Codable

  func checkRoundTrip<T: LinearAlgebraScalar>(_: T.Type) throws {
    let (c, training, heldOut) = try fixtureData("pca/wine-all-whiten-full", T.self)
    let model = try PCATesting.settings(c, solver: .automatic).fit(training)
    let data = try JSONEncoder().encode(model)
    let decoded = try JSONDecoder().decode(PCAModel<T>.self, from: data)
    #expect(decoded.components == model.components)
    #expect(decoded.explainedVariance == model.explainedVariance)
    #expect(decoded.explainedVarianceRatio == model.explainedVarianceRatio)
    #expect(decoded.singularValues == model.singularValues)
    #expect(decoded.mean == model.mean)
    #expect(decoded.noiseVariance == model.noiseVariance)
    #expect(decoded.sampleCount == model.sampleCount)
    #expect(decoded.whiten == model.whiten && decoded.solver == model.solver)
    let projected = try model.transform(heldOut)
    #expect(try decoded.transform(heldOut) == projected)
    #expect(try decoded.inverseTransform(projected) == model.inverseTransform(projected))

    // A damaged file fails to decode instead of failing later.
    var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    object["mean"] = (object["mean"] as? [Any]).map { Array($0.dropLast()) }
    let damaged = try JSONSerialization.data(withJSONObject: object)
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(PCAModel<T>.self, from: damaged) }
  }

  @Test func modelJSONRoundTripGivesIdenticalOutputs() throws {
    try checkRoundTrip(Double.self)
    try checkRoundTrip(Float.self)
  }

  @Test func settingsRoundTrip() throws {
    let settings: [PCA] = [
      PCA(), PCA(componentCount: 3, solver: .gram, whiten: true),
      PCA(componentCount: .varianceFraction(0.9), solver: .covariance),
      PCA(componentCount: 2, solver: .randomized(oversamples: 5, powerIterations: 2, seed: 7)),
      PCA(componentCount: .all, solver: .randomized()),
      PCA(componentCount: 2, solver: .lanczos),
    ]
    for value in settings {
      #expect(try JSONDecoder().decode(PCA.self, from: JSONEncoder().encode(value)) == value)
    }
    // Settings written before the Lanczos solver existed still decode.
    let older = #"{"componentCount":{"count":{"_0":3}},"solver":{"gram":{}},"whiten":false}"#
    #expect(try JSONDecoder().decode(PCA.self, from: Data(older.utf8)) == PCA(componentCount: 3, solver: .gram))
    // A fitted model records the solver that ran and keeps it through a round trip.
    let model = try PCA(componentCount: 2, solver: .lanczos).fit(smallData(Double.self))
    let decoded = try JSONDecoder().decode(PCAModel<Double>.self, from: JSONEncoder().encode(model))
    #expect(decoded.solver == .lanczos && decoded.components == model.components)
    let literal: PCA.ComponentCount = 4
    #expect(literal == .count(4))
  }
}
