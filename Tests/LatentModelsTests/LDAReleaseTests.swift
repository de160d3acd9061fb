// The release-only check (LATENT_RELEASE_CHECKS=1 swift test -c release --filter LDA):
// n = 512, d = 100,000, c = 4 class-structured recipe data; the low-rank svd path against
// scikit-learn's svd solver (small outputs stored in the fixture), and the fit times of the
// svd and Ledoit–Wolf solvers. Skipped unless the variable is set: it needs a release build
// (a debug build is many times slower) and about 1.5 GB of memory.
import Foundation
import LatentLinearAlgebra
import LatentTestSupport
import Testing

@testable import LatentModels

let ldaReleaseChecks = ProcessInfo.processInfo.environment["LATENT_RELEASE_CHECKS"] == "1"

@Suite("LDA at 512 × 100,000 (release)", .serialized, .enabled(if: ldaReleaseChecks))
struct LDAReleaseTests {
  @Test("Low-rank svd path matches scikit-learn; fit times")
  func wideSVD() throws {
    let fixture = try ldaFixture.get()
    let referenceCase = try #require(fixture.releaseCases.first)
    let dataset = try fixture.dataset(named: referenceCase.inputs.dataset)
    let (n, d) = dataset.x.shape
    print("LDA release check: \(n) × \(d), OpenBLAS \(OpenBLASRuntime.kernelName), \(OpenBLASRuntime.threadCount) threads")
    if let advice = OpenBLASRuntime.kernelAdvice { print("note: \(advice)") }

    let svd = LinearDiscriminantAnalysis()
    var model: LDAModel<Double, Int>?
    let svdTime = try bestTime { model = try svd.fit(dataset.x, labels: dataset.labels) }
    let fitted = try #require(model)
    #expect(fitted.path == .lowRank)
    print("fit svd (Double): \(format(svdTime))")

    let outputs = referenceCase.outputs
    let transform = try #require(outputs.transform).matrix()
    let ours = try fitted.transform(dataset.x)
    let tolerance = 1e-9
    var report = ErrorReport("\(referenceCase.name) (Double vs scikit-learn)")
    report.add("transform", alignedDifference(asDouble(ours), transform, ComponentTolerances(), tolerance: tolerance), tolerance)
    report.add("explained_variance_ratio", relativeDifference(fitted.explainedVarianceRatio, try #require(outputs.explainedVarianceRatio)), tolerance)
    report.add("intercept", relativeDifference(fitted.intercepts, try #require(outputs.intercept), floor: 1), tolerance)
    let probe = try #require(dataset.probe)
    report.add(
      "probe·scalings",
      alignedDifference(probe.times(fitted.scalings), try #require(outputs.scalingsProbe).matrix(), ComponentTolerances(), tolerance: tolerance),
      tolerance)
    report.add(
      "coef·probe",
      relativeDifference(fitted.coefficients.times(probe, transposingOther: true), try #require(outputs.coefProbe).matrix()),
      tolerance)
    let predictions = try fitted.predict(dataset.x)
    report.add("predict", Double(zip(predictions, try #require(outputs.predict)).filter { $0 != $1 }.count), 0)
    report.check()
    print(report.summary)

    let ledoitWolf = LinearDiscriminantAnalysis(solver: .eigen(shrinkage: .ledoitWolf))
    var shrunk: LDAModel<Double, Int>?
    let ledoitWolfTime = try bestTime { shrunk = try ledoitWolf.fit(dataset.x, labels: dataset.labels) }
    let shrunkModel = try #require(shrunk)
    print("fit eigen + Ledoit–Wolf (Double): \(format(ledoitWolfTime))")
    // The shrunk model separates these classes as well.
    let shrunkPredictions = try shrunkModel.predict(dataset.x)
    #expect(zip(shrunkPredictions, dataset.labels).filter { $0 != $1 }.count == 0)

    let fixed = LinearDiscriminantAnalysis(solver: .eigen(shrinkage: .fixed(0.3)))
    let fixedTime = try bestTime { _ = try fixed.fit(dataset.x, labels: dataset.labels) }
    print("fit eigen + shrinkage 0.3 (Double): \(format(fixedTime))")

    let single = Matrix<Float>(converting: dataset.x)
    let floatTime = try bestTime { _ = try svd.fit(single, labels: dataset.labels) }
    print("fit svd (Float): \(format(floatTime))")
  }
}

/// The best of three runs, in seconds.
func bestTime(_ body: () throws -> Void) throws -> Double {
  var best = Double.infinity
  for _ in 0..<3 {
    let start = ContinuousClock.now
    try body()
    let elapsed = ContinuousClock.now - start
    best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
  }
  return best
}

func format(_ seconds: Double) -> String { String(format: "%.3f s", seconds) }
