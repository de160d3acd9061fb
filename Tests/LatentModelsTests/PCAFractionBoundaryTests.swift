// Variance fractions exactly at a boundary of the cumulative explained variance ratio
// (pca.json's fraction_boundary_cases, written by reference_pca.py).
//
// scikit-learn keeps `searchsorted(cumsum(ratios), f, side="right") + 1` components. With
// f = cumsum(ratios)[j] from a fit with every component, the running sum at j is not above f,
// so it keeps j + 2. The count must come from exactly the ratios the model reports, summed
// left to right in their own precision (numpy's cumsum), for every solver that accepts a
// fraction: a running sum formed differently (from the eigenvalues, or in another order)
// can differ in the last bit and keep j + 1.
import LatentLinearAlgebra
import LatentModels
import LatentTestSupport
import Testing

@Suite("PCA variance fraction at a boundary")
struct PCAFractionBoundaryTests {
  /// The solvers that accept a variance fraction.
  static let solvers: [PCA.Solver] = [.automatic, .full, .gram, .covariance]

  static let caseNames: [String] =
    (try? PCAFixture.shared().fixture.root["fraction_boundary_cases"]?.array?.compactMap { $0["name"]?.string }) ?? []

  /// The running sums of `ratios`, left to right in their own precision, as `Double`.
  static func runningSums<T: LinearAlgebraScalar>(_ ratios: [T]) -> [Double] {
    var sum: T = 0
    return ratios.map {
      sum += $0
      return Double(sum)
    }
  }

  /// Whether `k` kept components, with these reported ratios, is scikit-learn's count for
  /// `fraction`: every running sum before the last kept one is `≤ fraction`, and the last one
  /// is above it unless all `m` components are kept.
  static func followsRule(ratios: [Double], fraction: Double, spectrumSize m: Int) -> Bool {
    let k = ratios.count
    guard k >= 1 else { return false }
    if ratios.dropLast().contains(where: { $0 > fraction }) { return false }
    return k == m || ratios[k - 1] > fraction
  }

  func check<T: LinearAlgebraScalar>(_ name: String, _: T.Type) throws {
    let fixture = try PCAFixture.shared()
    let entry = try #require(
      fixture.fixture.root["fraction_boundary_cases"]?.array?.first { $0["name"]?.string == name })
    let dataset = try #require(entry["dataset"]?.string)
    let index = try #require(entry["index"]?.int)
    let m = try #require(entry["spectrum_size"]?.int)
    let fraction = try #require(entry["fraction"]?.double)
    let referenceSums = try #require(entry["ratio_cumsum"]?["full"]?.doubles)
    let x = PCATesting.converted(try #require(fixture.datasets[dataset]).training, to: T.self)
    for solver in Self.solvers {
      let label = "\(name) \(T.self) solver \(solver)"
      // The protocol: f from this model's own ratios, then a refit with that f.
      // scikit-learn's count for it (each of its solvers, f from its own ratios) is index + 2.
      let all = try PCA(componentCount: .all, solver: solver).fit(x)
      let sums = Self.runningSums(all.explainedVarianceRatio)
      #expect(sums.count == m, "\(label)")
      #expect(relativeDifference(sums, referenceSums) <= standardTolerance(T.self), "\(label): running sums")
      for sklearnSolver in ["full", "covariance_eigh"] {
        let expected = try #require(entry["own_boundary_counts"]?[sklearnSolver]?.int)
        #expect(expected == index + 2, "\(label): fixture")
      }
      let own = sums[index]
      let refit = try PCA(componentCount: .varianceFraction(own), solver: solver).fit(x)
      #expect(
        refit.componentCount == index + 2,
        "\(label): f = \(own) keeps \(refit.componentCount), scikit-learn's rule keeps \(index + 2)")
      #expect(
        Self.followsRule(ratios: Self.runningSums(refit.explainedVarianceRatio), fraction: own, spectrumSize: m),
        "\(label): the count does not follow from the reported ratios")

      // scikit-learn's full solver's f: the count follows from this model's ratios by the same
      // rule; it is index + 1 or index + 2, as the last bit of the running sum at index falls.
      let atReference = try PCA(componentCount: .varianceFraction(fraction), solver: solver).fit(x)
      let reported = Self.runningSums(atReference.explainedVarianceRatio)
      #expect(
        Self.followsRule(ratios: reported, fraction: fraction, spectrumSize: m),
        "\(label): f = \(fraction) keeps \(atReference.componentCount), running sums \(reported)")
      #expect([index + 1, index + 2].contains(atReference.componentCount), "\(label)")
    }
  }

  @Test(arguments: caseNames) func double(_ name: String) throws { try check(name, Double.self) }
  @Test(arguments: caseNames) func float(_ name: String) throws { try check(name, Float.self) }

  @Test func casesLoad() { #expect(Self.caseNames.count == 2) }
}
