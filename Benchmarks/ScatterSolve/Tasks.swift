import Foundation
import LatentLinearAlgebra
import LatentModels

/// What is measured: a fit of one method on one data set, ending in the projection of
/// the training samples (the thing compared across implementations).
enum BenchTask: String, CaseIterable, Codable, Sendable {
  case ldaSVD = "lda-svd"
  case ldaShrinkage = "lda-shrinkage"
  case pca = "pca"
}

/// Who computes it.
enum Implementation: String, Codable, Sendable {
  /// Latent's automatic path (low rank at large d).
  case latent
  /// Latent's explicit d × d path: scatter matrices and LAPACK's generalized eigensolver.
  case explicit
  /// scikit-learn, run by Benchmarks/scripts/sklearn_bench.py on the same data.
  case sklearn = "scikit-learn"
  /// scikit-learn's randomized PCA (the fast peer for 2 components).
  case sklearnRandomized = "scikit-learn-randomized"
}

/// The flops of the kernel that dominates a task, for GFLOP/s figures.
/// lda-svd and lda-shrinkage: the n × n Gram matrix of the n × d data, ?syrk, n²·d multiply-adds
/// (n·(n+1)·d flops). pca (2 components): the same Gram matrix.
func dominantFlops(task: BenchTask, n: Int, d: Int) -> Double {
  Double(n) * Double(n + 1) * Double(d)
}

/// Bytes the explicit path's d × d matrices need (within, between and total scatter, plus LAPACK's copies).
func explicitBytes<Scalar: LinearAlgebraScalar>(_: Scalar.Type, d: Int) -> Int {
  5 * d * d * MemoryLayout<Scalar>.size
}

/// Runs Latent's fit for a task and returns the projection of the training data.
func runLatent<Scalar: LinearAlgebraScalar>(
  _ task: BenchTask, x: Matrix<Scalar>, labels: [Int], components: Int, explicit: Bool
) throws -> Matrix<Scalar> {
  switch task {
  case .ldaSVD:
    let settings = LinearDiscriminantAnalysis(solver: .svd, componentCount: components, path: explicit ? .explicit : .automatic)
    return try settings.fit(x, labels: labels).transform(x)
  case .ldaShrinkage:
    let settings = LinearDiscriminantAnalysis(
      solver: .eigen(shrinkage: .ledoitWolf), componentCount: components, path: explicit ? .explicit : .automatic)
    return try settings.fit(x, labels: labels).transform(x)
  case .pca:
    let settings = PrincipalComponentAnalysis(componentCount: .count(components), solver: explicit ? .covariance : .automatic)
    return try settings.fit(x).transform(x)
  }
}

/// The largest relative difference between two projections after aligning each column's sign:
/// max |a − b| / max |b| over all entries. LDA and PCA directions are defined up to sign.
func projectionAgreement(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Double {
  guard a.rowCount == b.rowCount, a.columnCount == b.columnCount else { return .infinity }
  var difference = 0.0
  var scale = 0.0
  for j in 0..<a.columnCount {
    var dot = 0.0
    for i in 0..<a.rowCount { dot += a[i, j] * b[i, j] }
    let sign: Double = dot < 0 ? -1 : 1
    for i in 0..<a.rowCount {
      difference = max(difference, abs(sign * a[i, j] - b[i, j]))
      scale = max(scale, abs(b[i, j]))
    }
  }
  return scale > 0 ? difference / scale : difference
}
