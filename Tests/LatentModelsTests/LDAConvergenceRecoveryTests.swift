// LDA when LAPACK does not converge: LDA reaches LAPACK through the Matrix API, so with the
// first-choice routines made to fail (LAPACK.injectedFailures), its fits must still match
// scikit-learn's fixture as LDAReferenceTests requires.
import LatentLinearAlgebra
import LatentTestSupport
import Testing

@testable import LatentModels

@Suite("LDA recovers when LAPACK does not converge", .serialized)
struct LDAConvergenceRecoveryTests {
  /// Every iris, wine and wide-3x48x2000 case with `failing` routines, against scikit-learn at the usual 1e-9.
  /// "jacobi" in the second set sends the small eigenproblems (at most 64 × 64, otherwise solved
  /// by Jacobi's method first) to LAPACK, so the recovery chains are what runs.
  @Test(
    "Double matches scikit-learn with dgesdd and dsyevd failing",
    arguments: [["dgesdd", "dsyevd"], ["dgesdd", "dsyevd", "dsyevr", "dsygvd", "jacobi"]])
  func matchesScikitLearn(_ failing: [String]) throws {
    let fixture = try ldaFixture.get()
    var seen = Set<String>()
    for name in ["iris", "wine", "wide-3x48x2000"] {
      let dataset = try fixture.dataset(named: name)
      for referenceCase in fixture.cases where referenceCase.inputs.dataset == name {
        let lda = LinearDiscriminantAnalysis(fixture: referenceCase.inputs)
        let log = LAPACK.CallLog()
        let model = try LAPACK.$injectedFailures.withValue(Dictionary(uniqueKeysWithValues: failing.map { ($0, Int32(1)) })) {
          try LAPACK.$callLog.withValue(log) { try lda.fit(dataset.x, labels: dataset.labels) }
        }
        seen.formUnion(log.routines)
        let ours = try LDAOutputs(model, x: dataset.x, evalRows: dataset.evalRows)
        var report = ErrorReport("\(referenceCase.name) with \(failing) failing (Double vs scikit-learn)")
        try compareWithFixture(ours, referenceCase, dataset: dataset, tolerance: ldaDoubleTolerance, report: &report)
        report.check()
      }
    }
    // The fallbacks ran: the routine after each failing one.
    #expect(seen.contains("dgesvd"), "\(seen)")
    if failing.contains("jacobi") { #expect(seen.contains("dsyev"), "\(seen)") }
    if failing.contains("dsygvd") { #expect(seen.contains("dsygv"), "\(seen)") }
  }
}
