// The low-rank and explicit paths, and the Gram and orthogonal factorizations of the
// low-rank svd path, give the same model (Double, 1e-9 norm-wise; transforms and
// scalings up to per-column sign).
import LatentLinearAlgebra
import LatentTestSupport
import Testing

@testable import LatentModels

/// A small wide data set (d > 2n) with constant features: class-structured fmix32 data
/// (small enough for the explicit path's d × d matrices in a debug build).
func smallWideDataset(rows: Int = 36, columns: Int = 300, classes: Int = 3) -> (x: Matrix<Double>, labels: [Int]) {
  let x = classStructuredMatrix(seedNoise: 51, seedMeans: 52, rows: rows, columns: columns, classes: classes)
  return (x, classStructuredLabels(rows: rows, classes: classes))
}

@Suite("LDA paths agree", .serialized)
struct LDAPathTests {
  static let solvers: [(String, LinearDiscriminantAnalysis.Solver)] = [
    ("svd", .svd), ("eigen, shrinkage 0.3", .eigen(shrinkage: .fixed(0.3))), ("eigen, Ledoit–Wolf", .eigen(shrinkage: .ledoitWolf)),
  ]

  static func data(_ name: String) throws -> (x: Matrix<Double>, labels: [Int]) {
    if name == "small-wide" { return smallWideDataset() }
    if name == "small-wide-binary" { return smallWideDataset(rows: 20, columns: 150, classes: 2) }
    let dataset = try ldaFixture.get().dataset(named: name)
    return (dataset.x, dataset.labels)
  }

  @Test("Explicit and low-rank paths agree", arguments: ["iris", "wine", "iris-binary", "small-wide", "small-wide-binary"])
  func explicitAndLowRank(_ name: String) throws {
    let (x, labels) = try Self.data(name)
    let rows = Array(0..<x.rowCount)
    for (label, solver) in Self.solvers {
      let explicit = try LinearDiscriminantAnalysis(solver: solver, path: .explicit).fit(x, labels: labels)
      let lowRank = try LinearDiscriminantAnalysis(solver: solver, path: .lowRank).fit(x, labels: labels)
      #expect(explicit.path == .explicit)
      #expect(lowRank.path == .lowRank)
      var report = ErrorReport("\(name), \(label): low-rank vs explicit")
      compareOutputs(
        try LDAOutputs(lowRank, x: x, evalRows: rows), try LDAOutputs(explicit, x: x, evalRows: rows), tolerance: 1e-9,
        report: &report)
      report.check()
    }
  }

  @Test("Gram and LQ factorizations of the low-rank svd path agree", arguments: ["iris", "fashion-4x16", "small-wide"])
  func gramAndOrthogonal(_ name: String) throws {
    let (x, labels) = try Self.data(name)
    let rows = Array(0..<x.rowCount)
    let lda = LinearDiscriminantAnalysis(path: .lowRank)
    let gram = try LDAOutputs(
      lda.fitModel(x, labels: labels, priorsByLabel: nil, factorization: .gram), x: x, evalRows: rows)
    let orthogonal = try LDAOutputs(
      lda.fitModel(x, labels: labels, priorsByLabel: nil, factorization: .orthogonal), x: x, evalRows: rows)
    var report = ErrorReport("\(name): Gram vs LQ")
    compareOutputs(gram, orthogonal, tolerance: 1e-9, report: &report)
    report.check()
  }

  // Cholesky QR needs the contrasts to have full row rank (n − c ≤ d), so only wide data.
  @Test("Cholesky QR and LQ factorizations of the low-rank svd path agree", arguments: ["fashion-4x16", "small-wide", "small-wide-binary"])
  func choleskyQRAndOrthogonal(_ name: String) throws {
    let (x, labels) = try Self.data(name)
    let rows = Array(0..<x.rowCount)
    let lda = LinearDiscriminantAnalysis(path: .lowRank)
    let model = try lda.fitModel(x, labels: labels, priorsByLabel: nil, factorization: .only(.choleskyQR))
    #expect(model.svdRoute == .choleskyQR)
    let choleskyQR = try LDAOutputs(model, x: x, evalRows: rows)
    let orthogonal = try LDAOutputs(
      lda.fitModel(x, labels: labels, priorsByLabel: nil, factorization: .orthogonal), x: x, evalRows: rows)
    var report = ErrorReport("\(name): Cholesky QR vs LQ")
    compareOutputs(choleskyQR, orthogonal, tolerance: 1e-9, report: &report)
    report.check()
  }

  @Test("The automatic path is low-rank exactly when d > 2n")
  func automaticRule() throws {
    #expect(LinearDiscriminantAnalysis.automaticPath(samples: 64, features: 129) == .lowRank)
    #expect(LinearDiscriminantAnalysis.automaticPath(samples: 64, features: 128) == .explicit)
    let (x, labels) = smallWideDataset()
    #expect(try LinearDiscriminantAnalysis().fit(x, labels: labels).path == .lowRank)
    let tall = try ldaFixture.get().dataset(named: "iris")
    #expect(try LinearDiscriminantAnalysis().fit(tall.x, labels: tall.labels).path == .explicit)
    // Without shrinkage there is no low-rank path: tall data take the explicit one.
    let unshrunk = LinearDiscriminantAnalysis(solver: .eigen(shrinkage: .none), path: .lowRank)
    #expect(try unshrunk.fit(tall.x, labels: tall.labels).path == .explicit)
  }

  @Test("Ill-conditioned wide data: the automatic low-rank path leaves the Gram route and keeps the accuracy of LQ")
  func illConditioned() throws {
    // Scale some samples' deviations from their class mean down by 1e-3, so that the
    // kept within-class singular values span ~1e3 (ε·κ² ≈ 1e-10: over the Gram route's budget).
    var (x, labels) = smallWideDataset(columns: 700)
    let means = LDAData(
      x: x, classOfSample: labels, counts: [12, 12, 12], priors: [1.0 / 3, 1.0 / 3, 1.0 / 3]
    ).means
    for i in stride(from: 0, to: x.rowCount, by: 2) {
      for j in 0..<x.columnCount { x[i, j] = means[labels[i], j] + 1e-3 * (x[i, j] - means[labels[i], j]) }
    }
    let rows = Array(0..<x.rowCount)
    let automaticModel = try LinearDiscriminantAnalysis().fit(x, labels: labels)
    // The sketch sees the conditioning, so the Gram route is skipped for Cholesky QR.
    #expect(automaticModel.svdRoute == .choleskyQR)
    let automatic = try LDAOutputs(automaticModel, x: x, evalRows: rows)
    let orthogonal = try LDAOutputs(
      LinearDiscriminantAnalysis(path: .lowRank).fitModel(
        x, labels: labels, priorsByLabel: nil, factorization: .orthogonal),
      x: x, evalRows: rows)
    var report = ErrorReport("ill-conditioned: automatic vs LQ")
    compareOutputs(automatic, orthogonal, tolerance: 1e-12, report: &report)
    report.check()
    // The Gram route alone would not have kept that accuracy.
    let gram = try LDAOutputs(
      LinearDiscriminantAnalysis(path: .lowRank).fitModel(x, labels: labels, priorsByLabel: nil, factorization: .gram),
      x: x, evalRows: rows)
    var gramReport = ErrorReport("ill-conditioned: Gram vs LQ")
    compareOutputs(gram, orthogonal, tolerance: 1e-12, report: &gramReport)
    #expect(gramReport.entries.contains { $0.error > 1e-10 })
  }
}
