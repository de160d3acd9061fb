// PCA when LAPACK does not converge: with failures injected through LAPACK.injectedFailures, each
// solver's fit must equal the fit without them, since every step of a recovery chain computes the
// same decomposition (Sources/LatentLinearAlgebra/LAPACK, Docs/Hardening.md).
import LatentLinearAlgebra
import LatentTestSupport
import Testing

@testable import LatentModels

/// Compares two fits of the same data: values to `tolerance` relative to the largest, components
/// after sign alignment to `vectorTolerance` (a component is only as accurate as its eigengap
/// allows; the data below has gaps of a few percent).
private func expectSameFit(
  _ fit: PCAModel<Double>, _ baseline: PCAModel<Double>, tolerance: Double, vectorTolerance: Double,
  _ context: String
) {
  #expect(relativeDifference(fit.singularValues, baseline.singularValues) <= tolerance, "\(context) singular values")
  #expect(relativeDifference(fit.explainedVariance, baseline.explainedVariance) <= tolerance, "\(context) variance")
  #expect(abs(fit.noiseVariance - baseline.noiseVariance) <= tolerance * max(1, baseline.noiseVariance), "\(context) noise")
  let (aligned, _) = alignColumnSigns(fit.components.transposed(), to: baseline.components.transposed())
  #expect(relativeDifference(aligned, baseline.components.transposed()) <= vectorTolerance, "\(context) components")
}

/// Fits with `failing` injected (routine names as LAPACK spells them) and returns the model and
/// the routines attempted.
private func fit(_ pca: PCA, _ x: Matrix<Double>, failing: [String]) throws -> (PCAModel<Double>, Set<String>) {
  let log = LAPACK.CallLog()
  let model = try LAPACK.$injectedFailures.withValue(Dictionary(uniqueKeysWithValues: failing.map { ($0, Int32(1)) })) {
    try LAPACK.$callLog.withValue(log) { try pca.fit(x) }
  }
  return (model, Set(log.routines))
}

@Suite("PCA recovers when LAPACK does not converge")
struct PCAConvergenceRecoveryTests {
  /// 60 samples of 150 features with a decaying spectrum.
  let x: Matrix<Double> = {
    let base = recipeMatrix(seed: 11, rows: 60, columns: 150)
    return Matrix(rowCount: 60, columnCount: 150) { i, j in base[i, j] * (1 + 4 / Double(1 + j % 17)) }
  }()

  @Test("Full SVD: gesdd, then gesvd, then gesvj", arguments: [["dgesdd"], ["dgesdd", "dgesvd"]])
  func full(_ failing: [String]) throws {
    let pca = PCA(componentCount: 8, solver: .full)
    let (baseline, first) = try fit(pca, x, failing: [])
    #expect(first == ["dgesdd"])
    let (model, seen) = try fit(pca, x, failing: failing)
    #expect(seen == Set(failing + [failing.count == 1 ? "dgesvd" : "dgesvj"]))
    expectSameFit(model, baseline, tolerance: 1e-12, vectorTolerance: 1e-10, "full \(failing)")
  }

  @Test(
    "Gram: syevr (a subset) or syevd (all), then the full-spectrum chain",
    arguments: [
      (8, ["dsyevr"], "dsyevd"), (8, ["dsyevr", "dsyevd"], "dsyev"), (8, ["dsyevr", "dsyevd", "dsyev"], "jacobi"),
      (0, ["dsyevd"], "dsyev"), (0, ["dsyevd", "dsyev"], "jacobi"),
    ])
  func gram(_ count: Int, _ failing: [String], _ runs: String) throws {
    let pca = PCA(componentCount: count == 0 ? .all : .count(count), solver: .gram)
    let (baseline, first) = try fit(pca, x, failing: [])
    #expect(first == [count == 0 ? "dsyevd" : "dsyevr"])
    let (model, seen) = try fit(pca, x, failing: failing)
    #expect(seen == Set(failing + [runs]))
    expectSameFit(model, baseline, tolerance: 1e-12, vectorTolerance: 1e-10, "gram \(count) \(failing)")
  }

  /// The Lanczos Rayleigh–Ritz step: its bases here are below 64, so "jacobi" fails too, which
  /// sends the step to LAPACK ?syevr, which then fails as well.
  @Test("Lanczos: the Ritz step's syevr, then syevd")
  func lanczos() throws {
    let pca = PCA(componentCount: 4, solver: .lanczos)
    let (baseline, _) = try fit(pca, x, failing: [])
    let (model, seen) = try fit(pca, x, failing: ["jacobi", "dsyevr"])
    #expect(seen.isSuperset(of: ["jacobi", "dsyevr", "dsyevd"]))
    #expect(!seen.contains("dsyev"))
    expectSameFit(model, baseline, tolerance: 1e-12, vectorTolerance: 1e-10, "lanczos")
  }
}
