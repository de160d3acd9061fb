// Photo-like data (Fashion-MNIST upscaled by the photo recipe, Tests/Reference/README.md)
// against scikit-learn 1.9.1: the recipe check on both data sets of photo.json, and the
// debug-size case (128 images of 40 × 50 = 2,000 pixels) for LDA svd, LDA with Ledoit–Wolf
// shrinkage and PCA, in Double and Float. The 512 × 100,000 cases are PhotoReleaseTests.
//
// Tolerances (see PhotoTestSupport.swift for κ):
// - LDA svd: `photoSVDFactor · u · κ`, u the unit roundoff of the precision (Float against
//   the Double reference: Float data and arithmetic both carry u_Float, amplified by κ).
// - LDA Ledoit–Wolf: its eigenvectors come from an iteration that stops at a relative
//   residual of 1e-12 (stagnating residuals are accepted below 1e-10); an eigenvector's error
//   is residual / relative gap, so `1e-10 / gap` (Float: `1e-4 / gap`, its residual floor
//   being ~1e-6 and accepted below 1e-4), and never below the svd bound.
// - PCA: scikit-learn's full SVD against Latent's default solver; components and their
//   transform columns to `ε·σ₀²/gap(σ²)` (a Gram route's accuracy), the spectrum to 1e-12.
import LatentLinearAlgebra
import LatentTestSupport
import Testing

@testable import LatentModels

/// The constant in the svd solver's `c · u · κ` tolerance: the backward error of a
/// Householder factorization of an `n × d` matrix is a small multiple of `u` times a factor
/// growing like √n (about 23 at n = 512); two such results differ by up to twice that.
let photoSVDFactor = 64.0

/// The svd tolerance for precision `T` on data of condition `kappa`.
func photoSVDTolerance<T: LinearAlgebraScalar>(_: T.Type, kappa: Double) -> Double {
  photoSVDFactor * unitRoundoff(T.self) * kappa
}

/// The Ledoit–Wolf tolerance: the eigensolver's accepted residual over the smallest relative
/// gap of the compared eigenvalues, and at least the svd tolerance.
func photoLedoitWolfTolerance<T: LinearAlgebraScalar>(_: T.Type, kappa: Double, gaps: [Double]) -> Double {
  let residual = T.self == Float.self ? 1e-4 : 1e-10
  return Swift.max(residual / (gaps.min() ?? 1), photoSVDTolerance(T.self, kappa: kappa))
}

/// The Float Ledoit–Wolf tolerance, from the condition of the shrunk within-class covariance
/// Sw (κ(Sw) ≤ `kappaSw`, the bound photo.json stores).
///
/// Float rounds the data (relative u each entry) and forms Sw, Sb and the class means in Float:
/// perturbations δSw, δSb, δM of relative size γ = c₁·u, with c₁ counting the two rounded factors
/// of each product and the blocked accumulation (c₁ = 4). Then
/// - coef = M·Sw⁻¹: ‖δcoef‖/‖coef‖ ≤ κ(Sw)·(‖δSw‖/‖Sw‖ + ‖δM‖/‖M‖) = 2γ·κ(Sw) to first order;
///   the intercepts −½·diag(M·Sw⁻¹·Mᵀ) + log p likewise;
/// - the eigenvectors of (Sb, Sw), i.e. of Sw^-½·Sb·Sw^-½: the perturbation of that matrix is
///   at most γ·κ(Sw) relative to its norm λ₁, so an eigenvector moves by up to γ·κ(Sw)/gap and
///   the eigenvalues (and their ratios) by γ·κ(Sw);
/// so `2γ·κ(Sw)/min gap` bounds every compared output (gaps relative to λ₁, all ≤ 1).
func photoLedoitWolfFloatTolerance(kappaSw: Double, gaps: [Double]) -> Double {
  photoLedoitWolfConditioningTolerance(Float.self, kappaSw: kappaSw, gaps: gaps)
}

/// The same bound in either precision: forming Sw, Sb and the means rounds them by γ = 4·u of
/// the working precision whatever the data's own rounding, so coef and the intercepts carry
/// 2γ·κ(Sw) and the eigenvectors 2γ·κ(Sw)/gap in Double too (the release photo case has
/// κ(Sw) ≤ 1.8e7, where 2γ·κ(Sw) ≈ 1.6e-8 is above the eigensolver's 1e-10 / gap).
func photoLedoitWolfConditioningTolerance<T: LinearAlgebraScalar>(_: T.Type, kappaSw: Double, gaps: [Double]) -> Double {
  let gamma = 4 * unitRoundoff(T.self)
  return 2 * gamma * kappaSw / (gaps.min() ?? 1)
}

/// The PCA component tolerance: a squared (Gram) route determines component i to ε·σ₀²/gap(σ²)ᵢ;
/// Float data carry u_Float·σ₀/gap(σ)ᵢ. `s` holds one more singular value than kept.
func photoPCAComponentTolerance<T: LinearAlgebraScalar>(_: T.Type, leading s: [Double]) -> Double {
  var worst = 0.0
  for i in 0..<(s.count - 1) {
    let neighbours = [i - 1, i + 1].filter { s.indices.contains($0) }
    if T.self == Float.self {
      let gap = neighbours.map { abs(s[i] - s[$0]) }.min()!
      worst = Swift.max(worst, unitRoundoff(Float.self) * s[0] / gap)
    } else {
      let gap = neighbours.map { abs(s[i] * s[i] - s[$0] * s[$0]) }.min()!
      worst = Swift.max(worst, Double.ulpOfOne * s[0] * s[0] / gap)
    }
  }
  return Swift.max(10 * worst, standardTolerance(T.self))
}

/// Runs the photo checks of one data set and precision; used by the debug and release suites.
struct PhotoChecks {
  let dataset: PhotoDataset
  let release: Bool

  /// Fits, compares and prints the errors, κ and the fit time; returns the model.
  @discardableResult
  func lda<T: LinearAlgebraScalar>(_ solver: LinearDiscriminantAnalysis.Solver, _: T.Type) throws -> LDAModel<T, Int> {
    let name = dataset.name + (solver == .svd ? "/lda-svd" : "/lda-eigen-auto")
    let c = try photoCase(name, release: release)
    let training = try dataset.matrix(dataset.rows, T.self)
    let heldOut = try dataset.matrix(dataset.heldOutRows, T.self)
    let start = ContinuousClock.now
    let model = try LinearDiscriminantAnalysis(solver: solver).fit(training, labels: dataset.labels)
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    let gaps = solver == .svd ? [] : try #require(c.vector("relative_gaps"))
    var tolerance =
      solver == .svd
      ? photoSVDTolerance(T.self, kappa: dataset.kappa)
      : photoLedoitWolfTolerance(T.self, kappa: dataset.kappa, gaps: gaps)
    var marginTolerance: Double? = nil
    var kappaSw = ""
    if solver != .svd {
      let bound = try #require(c.outputs["sw_conditioning"]?["kappa_bound"]?.double)
      tolerance = Swift.max(tolerance, photoLedoitWolfConditioningTolerance(T.self, kappaSw: bound, gaps: gaps))
      if T.self == Float.self {
        // The decision values depend on coef and intercepts only: their bound, without the gap.
        marginTolerance = photoLedoitWolfFloatTolerance(kappaSw: bound, gaps: [1])
      }
      kappaSw = String(format: ", κ(Sw) ≤ %.3g", bound)
    }
    let route = model.svdRoute.map { "\($0)" } ?? "none"
    let report = try comparePhotoLDA(
      model, c, training: training, heldOut: heldOut, probe: try photoProbe(columns: dataset.featureCount),
      tolerance: tolerance, marginTolerance: marginTolerance,
      label: "\(name) \(T.self) (κ = \(dataset.kappa)\(kappaSw), path \(model.path), svd route \(route))")
    report.check()
    print(report.summary + String(format: "; tolerance %.1e; fit %.2f s", tolerance, seconds))
    return model
  }

  func pca<T: LinearAlgebraScalar>(_: T.Type) throws {
    let name = dataset.name + "/pca-k3-full"
    let c = try photoCase(name, release: release)
    let training = try dataset.matrix(dataset.rows, T.self)
    let model = try PCA(componentCount: 3).fit(training)
    let componentTolerance = photoPCAComponentTolerance(T.self, leading: try #require(c.vector("leading_singular_values")))
    let tolerance = T.self == Float.self ? 1e-4 : 1e-12
    let report = try comparePhotoPCA(
      model, c, training: training, probe: try photoProbe(columns: dataset.featureCount), tolerance: tolerance,
      componentTolerance: componentTolerance, label: "\(name) \(T.self) (solver \(model.solver))")
    report.check()
    print(report.summary + String(format: "; tolerances %.1e, components %.1e", tolerance, componentTolerance))
  }
}

@Suite("Photo-like data against scikit-learn")
struct PhotoReferenceTests {
  static let debugDataset = "photo-4x32-40x50"

  /// The recipe's selected rows and a few pixels and pixel sums of each data set (the
  /// release one too: only the three checked images are built).
  @Test("The photo recipe reproduces the generator's pixels", arguments: [debugDataset, "photo-4x128-250x400"])
  func recipeCheck(_ name: String) throws {
    let dataset = try PhotoDataset(named: name)
    let (training, heldOut) = try dataset.selectedRows()
    #expect(training == dataset.rows)
    #expect(heldOut == dataset.heldOutRows)
    let labels = try fashionTraining.get().labels
    #expect(dataset.rows.map { labels[$0] } == dataset.labels)
    #expect(dataset.heldOutRows.map { labels[$0] } == dataset.heldOutLabels)
    let check = try #require(dataset.entry["pixel_check"])
    let images = try #require(check["images"]?.doubles).map { Int($0) }
    let pixels = try #require(check["pixels"]?.doubles).map { Int($0) }
    let values = try #require(check["values"]?.array).map { try #require($0.doubles) }
    let sums = try #require(check["sums"]?.doubles)
    let built = PhotoRecipe.pixels(
      images: try fashionTraining.get().images, rows: images.map { dataset.rows[$0] }, height: dataset.height,
      width: dataset.width, seed: dataset.seed)
    let d = dataset.featureCount
    for (k, _) in images.enumerated() {
      let image = built[(k * d)..<((k + 1) * d)]
      #expect(pixels.map { Double(image[image.startIndex + $0]) } == values[k], "\(name) image \(images[k])")
      #expect(Double(image.reduce(0) { $0 + Int($1) }) == sums[k], "\(name) image \(images[k]) pixel sum")
    }
  }

  var checks: PhotoChecks { get throws { PhotoChecks(dataset: try PhotoDataset(named: Self.debugDataset), release: false) } }

  @Test func ldaSVDDouble() throws { try checks.lda(.svd, Double.self) }
  @Test func ldaSVDFloat() throws { try checks.lda(.svd, Float.self) }
  @Test func ldaLedoitWolfDouble() throws { try checks.lda(.eigen(shrinkage: .ledoitWolf), Double.self) }
  /// Float's coefficients and intercepts go through Sw⁻¹, whose rounding grows with the
  /// condition of the shrunk within-class covariance Sw: the tolerance is
  /// `photoLedoitWolfFloatTolerance` (from κ(Sw)), and a prediction may differ only on a row
  /// whose reference decision margin is within what that tolerance can move. The bound is a
  /// worst case: with κ(Sw) near 1e5 its allowance covers most margins of these data, so the
  /// prediction check only catches departures beyond it.
  @Test func ldaLedoitWolfFloat() throws { try checks.lda(.eigen(shrinkage: .ledoitWolf), Float.self) }
  @Test func pcaDouble() throws { try checks.pca(Double.self) }
  @Test func pcaFloat() throws { try checks.pca(Float.self) }
}
