import LatentLinearAlgebra

// Solver "eigen" comes next; until then it reports that it is missing.
extension LinearDiscriminantAnalysis {
  private func eigenSolverMissing() -> ModelError {
    ModelError.invalidParameter(operation: Self.fitOperation, detail: "solver .eigen is not implemented yet; use .svd.")
  }

  func fitEigenExplicit<Scalar: LinearAlgebraScalar>(_ data: LDAData<Scalar>, shrinkage: Shrinkage) throws -> LDAFit<Scalar> {
    throw eigenSolverMissing()
  }

  func fitEigenLowRank<Scalar: LinearAlgebraScalar>(_ data: LDAData<Scalar>, shrinkage: Shrinkage) throws -> LDAFit<Scalar> {
    throw eigenSolverMissing()
  }

  func fitLedoitWolfLowRank<Scalar: LinearAlgebraScalar>(_ data: LDAData<Scalar>) throws -> LDAFit<Scalar> {
    throw eigenSolverMissing()
  }
}
