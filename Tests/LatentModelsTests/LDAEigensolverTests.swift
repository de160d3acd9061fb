// The block Krylov eigensolver of the Ledoit–Wolf path, against LAPACK on a dense matrix.
import LatentLinearAlgebra
import LatentTestSupport
import Testing

@testable import LatentModels

@Suite("LDA block Krylov eigensolver")
struct LDAEigensolverTests {
  /// A = diag(D) + Vᵀ C V: a diagonal with many repeated values plus a positive definite
  /// rank-6 part, whose six largest eigenvalues are simple (as the Ledoit–Wolf operator's are).
  static func operatorParts(d: Int) -> (diagonal: [Double], v: Matrix<Double>, c: Matrix<Double>) {
    let diagonal = (0..<d).map { Double($0 % 7) / 7 - 0.5 }
    let v = recipeMatrix(seed: 61, rows: 6, columns: d)
    let r = recipeMatrix(seed: 62, rows: 6, columns: 6)
    var c = r.times(r, transposingSelf: true).scaled(by: 4)
    for i in 0..<6 { c[i, i] += 1 }
    return (diagonal, v, c)
  }

  static func dense(d: Int) -> Matrix<Double> {
    let (diagonal, v, c) = operatorParts(d: d)
    var a = v.times(c, transposingSelf: true).times(v)
    for i in 0..<d { a[i, i] += diagonal[i] }
    return a.symmetrized()
  }

  static func apply(_ block: Matrix<Double>, d: Int) -> Matrix<Double> {
    let (diagonal, v, c) = operatorParts(d: d)
    // rows: (A yᵀ)ᵀ = y D + (y Vᵀ) C V
    return block.scalingColumns(by: diagonal) + block.times(v, transposingOther: true).times(c).times(v)
  }

  @Test("Leading eigenpairs match ?syevd", arguments: [1, 3, 5])
  func leadingPairs(count: Int) throws {
    let d = 400
    let solver = BlockKrylovEigensolver<Double>(
      count: count, blockSize: count + 2, tolerance: 1e-12, acceptableTolerance: 1e-12, maximumBasis: 40,
      maximumApplications: 200)
    let start = recipeMatrix(seed: 63, rows: count + 2, columns: d)
    let result = try solver.largestEigenpairs(start: start) { Self.apply($0, d: d) }
    let reference = try Self.dense(d: d).symmetricEigendecomposition(largest: count)
    #expect(relativeDifference(result.values, reference.eigenvalues.map { $0 }) < 1e-12)
    let vectors = result.vectors.transposed()
    let aligned = applyingColumnSigns(vectors, columnSigns(vectors, reference.eigenvectors))
    #expect(relativeDifference(aligned, reference.eigenvectors) < 1e-10)
    #expect(result.residuals.allSatisfy { $0 <= 1e-12 })
  }

  @Test("Float converges to its own tolerance")
  func float() throws {
    let d = 300
    let solver = BlockKrylovEigensolver<Float>(
      count: 3, blockSize: 5, tolerance: 1e-6, acceptableTolerance: 1e-4, maximumBasis: 40, maximumApplications: 200)
    let start = Matrix<Float>(converting: recipeMatrix(seed: 63, rows: 5, columns: d))
    let result = try solver.largestEigenpairs(start: start) {
      Matrix<Float>(converting: Self.apply(Matrix<Double>(converting: $0), d: d))
    }
    let reference = try Self.dense(d: d).symmetricEigendecomposition(largest: 3)
    #expect(relativeDifference(result.values, reference.eigenvalues) < 1e-5)
  }

  @Test("An operator that needs more applications than allowed throws noConvergence")
  func noConvergence() throws {
    let d = 400
    let solver = BlockKrylovEigensolver<Double>(
      count: 3, blockSize: 3, tolerance: 1e-12, acceptableTolerance: 1e-12, maximumBasis: 40, maximumApplications: 2)
    #expect(throws: LinearAlgebraError.self) {
      _ = try solver.largestEigenpairs(start: recipeMatrix(seed: 63, rows: 3, columns: d)) { Self.apply($0, d: d) }
    }
  }

  @Test("A basis that reaches the whole space gives exact pairs")
  func smallSpace() throws {
    let d = 8
    let solver = BlockKrylovEigensolver<Double>(
      count: 2, blockSize: 3, tolerance: 1e-14, acceptableTolerance: 1e-14, maximumBasis: 40, maximumApplications: 50)
    let result = try solver.largestEigenpairs(start: recipeMatrix(seed: 64, rows: 3, columns: d)) { Self.apply($0, d: d) }
    let reference = try Self.dense(d: d).symmetricEigendecomposition(largest: 2)
    #expect(relativeDifference(result.values, reference.eigenvalues) < 1e-13)
  }
}
