// The 100,000-dimension check: 2-component PCA of 512 × 100,000 recipe data against
// scikit-learn's full SVD (release_cases in pca.json). It needs a release build and takes
// about a minute in all (most of it generating the data), so it only runs with
//
//     LATENT_RELEASE_CHECKS=1 swift test -c release --filter PCA
//
// and prints the fit times. Export OPENBLAS_CORETYPE (e.g. Cooperlake, see Docs/Performance.md) to get
// the right OpenBLAS kernel: a test process cannot re-execute itself to choose it.
import Foundation
import LatentLinearAlgebra
import LatentModels
import LatentTestSupport
import Testing

#if DEBUG
  private let isReleaseBuild = false
#else
  private let isReleaseBuild = true
#endif

private let releaseChecksEnabled =
  isReleaseBuild && ProcessInfo.processInfo.environment["LATENT_RELEASE_CHECKS"] == "1"

extension Tag {
  /// Checks at full scale that run only in release builds with LATENT_RELEASE_CHECKS=1.
  @Tag static var pcaReleaseCheck: Self
}

@Suite("PCA at 100,000 dimensions", .serialized, .tags(.pcaReleaseCheck))
struct PCAReleaseCheckTests {
  static let caseName = "pca/release-recipe-512x100000-k2-full"

  func seconds(_ duration: Duration) -> String {
    let (whole, fraction) = duration.components
    return String(format: "%.3f s", Double(whole) + Double(fraction) * 1e-18)
  }

  /// Fits, times and compares one precision. The tolerances: Double 1e-9 (the components are
  /// determined to ε·σ₀²/gap ≈ 3e-13). Float data carry rounding of 6e-8 relative per entry;
  /// with σ₀ − σ₁ = 0.036 (3.6e-4 of σ₀, a flat random spectrum) that moves the components by
  /// up to ε_Float·σ₀/gap ≈ 2e-4 of their largest entry, so Float is held to 1e-3 there (and to
  /// 1e-4 everywhere else).
  func check<T: LinearAlgebraScalar>(
    _ x: Matrix<T>, solver: PCA.Solver, _ c: ReferenceCase, probe: Matrix<Double>, repeats: Int = 3
  ) throws {
    let clock = ContinuousClock()
    var times: [Duration] = []
    var fitted: PCAModel<T>?
    for _ in 0..<repeats {  // the machine is shared: report the best of three
      let start = clock.now
      fitted = try PCA(componentCount: 2, solver: solver).fit(x)
      times.append(clock.now - start)
    }
    let model = try #require(fitted)
    print(
      "PCA release check: \(T.self) \(x.rowCount) × \(x.columnCount), 2 components, solver \(solver) (ran \(model.solver)): "
        + "fit \(seconds(times.min()!)) (best of \(times.map(seconds).joined(separator: ", ")))")
    let tolerance = standardTolerance(T.self)
    let componentTolerance = T.self == Float.self ? 1e-3 : tolerance
    #expect(relativeDifference(model.explainedVariance, try #require(c.vector("explained_variance"))) <= tolerance)
    #expect(
      relativeDifference(model.explainedVarianceRatio, try #require(c.vector("explained_variance_ratio"))) <= tolerance)
    #expect(relativeDifference(model.singularValues, try #require(c.vector("singular_values"))) <= tolerance)
    let noise = try #require(c.number("noise_variance", output: true))
    #expect(abs(Double(model.noiseVariance) - noise) <= tolerance * Double(model.explainedVariance[0]))
    let meanProbe = try probe.multiplied(by: model.mean.map(Double.init))
    #expect(relativeDifference(meanProbe, try #require(c.vector("mean_probe"))) <= tolerance)
    let components = try PCATesting.probe(model.components, probe)
    #expect(
      PCATesting.difference(components, try #require(try c.outputMatrix("components_probe"))) <= componentTolerance)
    let transformStart = clock.now
    let projected = try model.transform(x)
    print("PCA release check: \(T.self) transform of the training data: \(seconds(clock.now - transformStart))")
    #expect(PCATesting.difference(projected, try #require(try c.outputMatrix("transform_train"))) <= componentTolerance)
  }

  @Test(.enabled(if: releaseChecksEnabled, "needs a release build and LATENT_RELEASE_CHECKS=1"))
  func wideRecipeAgainstScikitLearn() throws {
    let fixture = try PCAFixture.shared()
    let c = try fixture.case(named: Self.caseName)
    let clock = ContinuousClock()
    let start = clock.now
    let x = try #require(try pcaFixtureMatrix(c.inputs["X"], "X"))
    print(
      "PCA release check: generating the 512 × 100,000 recipe took \(seconds(clock.now - start)); "
        + "OpenBLAS kernel \(OpenBLASRuntime.kernelName), \(OpenBLASRuntime.threadCount) threads")
    let probe = pcaProbe(seed: fixture.probeSeed, columns: x.columnCount)
    // A small fit first, so that starting OpenBLAS's threads is not timed.
    _ = try PCA(componentCount: 2).fit(Matrix<Double>(rowCount: 8, columnCount: 64) { i, j in Double((i * j) % 5) })
    try check(x, solver: .automatic, c, probe: probe)
    try check(PCATesting.converted(x, to: Float.self), solver: .automatic, c, probe: probe)
    // The recipe's spectrum is flat (uniform noise): the Lanczos solver, chosen explicitly,
    // carries on until it converges (many passes: timed once).
    try check(x, solver: .lanczos, c, probe: probe, repeats: 1)
  }
}
