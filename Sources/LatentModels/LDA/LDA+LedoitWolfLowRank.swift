import LatentLinearAlgebra

// Solver "eigen" with Ledoit–Wolf shrinkage on the low-rank path comes next.
extension LinearDiscriminantAnalysis {
  func fitLedoitWolfLowRank<Scalar: LinearAlgebraScalar>(_ data: LDAData<Scalar>) throws -> LDAFit<Scalar> {
    throw ModelError.invalidParameter(
      operation: Self.fitOperation,
      detail: "Ledoit–Wolf shrinkage on the low-rank path is not implemented yet; use path .explicit.")
  }
}
