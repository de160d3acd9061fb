// The small-matrix Jacobi eigensolver that Matrix.symmetricEigendecomposition uses up to 64 × 64,
// checked by the defining properties (A·V = V·Λ, VᵀV = I, descending order) and against the
// LAPACK path on the same matrix (a 65 × 65 matrix whose leading 64 × 64 block is the case,
// bordered by a zero row and column, goes through ?syevd).
import Foundation
import LatentLinearAlgebra
import Testing

@Suite("Jacobi eigensolver")
struct JacobiEigensolverTests {
  /// A symmetric matrix with the given eigenvalues: Q·diag(values)·Qᵀ, Q from a QR factorization.
  static func symmetric(values: [Double], seed: UInt64) throws -> Matrix<Double> {
    let n = values.count
    var state = seed
    let random = Matrix<Double>(rowCount: n, columnCount: n) { _, _ in
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return Double(state >> 11) * 0x1p-53 - 0.5
    }
    let q = try random.qrDecomposition().q
    let scaled = Matrix<Double>(rowCount: n, columnCount: n) { i, j in q[i, j] * values[j] }
    let product = try scaled.multiplied(by: q, transposingOther: true)
    return Matrix(rowCount: n, columnCount: n) { i, j in (product[i, j] + product[j, i]) / 2 }
  }

  @Test(arguments: [2, 7, 33, 64])
  func propertiesHold(n: Int) throws {
    // Eigenvalues spread over twelve decades, two of them repeated, and one negative.
    var values = (0..<n).map { pow(10, -12 * Double($0) / Double(max(n - 1, 1))) }
    if n > 4 { values[2] = values[1]; values[n - 1] = -0.5 }
    let a = try Self.symmetric(values: values, seed: UInt64(n))
    let (w, v) = try #require(JacobiEigensolver.decompose(a.elements.map { $0 }, order: n))
    let vectors = Matrix<Double>(rowCount: n, columnCount: n) { i, j in v[i * n + j] }
    #expect(zip(w, w.dropFirst()).allSatisfy { $0 >= $1 })
    // Forming Q·Λ·Qᵀ rounds each entry by about n·ε·‖A‖, which moves the eigenvalues by as much
    // (Weyl): the bound is 4·n·ε (‖A‖ = 1), 5.7e-14 at n = 64.
    let bound = 4 * Double(n) * Double.ulpOfOne
    for (computed, expected) in zip(w, values.sorted(by: >)) { #expect(abs(computed - expected) <= bound) }
    let residual = try a.multiplied(by: vectors) - Matrix(rowCount: n, columnCount: n) { i, j in vectors[i, j] * w[j] }
    #expect(residual.elements.allSatisfy { abs($0) <= bound })
    let identity = try vectors.multiplied(by: vectors, transposingSelf: true)
    for i in 0..<n {
      for j in 0..<n { #expect(abs(identity[i, j] - (i == j ? 1 : 0)) <= 1e-13) }
    }
  }

  @Test func agreesWithLAPACK() throws {
    let values = (0..<64).map { 1 / Double($0 + 1) }
    let a = try Self.symmetric(values: values, seed: 7)
    let small = try a.symmetricEigendecomposition()
    // Bordered to 65 × 65 with a zero row and column: LAPACK's path, same nonzero eigenpairs.
    let bordered = Matrix<Double>(rowCount: 65, columnCount: 65) { i, j in i < 64 && j < 64 ? a[i, j] : 0 }
    let large = try bordered.symmetricEigendecomposition()
    // Both are backward stable: each eigenvalue is within about n·ε·‖A‖ of the exact one.
    let bound = 4 * 64 * Double.ulpOfOne
    for k in 0..<64 {
      #expect(abs(small.eigenvalues[k] - large.eigenvalues[k]) <= bound)
      // Vectors up to sign (the eigenvalues are distinct).
      var dot = 0.0
      for i in 0..<64 { dot += small.eigenvectors[i, k] * large.eigenvectors[i, k] }
      #expect(abs(abs(dot) - 1) <= 1e-10)
    }
  }
}
