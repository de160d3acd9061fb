// The README's usage example, compiled and run as written (keep them in sync).
import Latent
import Testing

@Suite("README")
struct ReadmeExampleTests {
  @Test func usageExampleRuns() throws {
    // --- README example begin ---
    let x = try Matrix<Double>(rows: [[1, 2, 0], [0, 1, 3], [2, 0, 1], [1, 1, 1]])  // 4 samples × 3 features
    let centred = try x.centered(by: x.columnMeans())
    let svd = try centred.singularValueDecomposition()                 // thin SVD, LAPACK ?gesdd
    let gram = centred.gram()                                          // Xc · Xcᵀ, BLAS ?syrk
    let top = try gram.symmetricEigendecomposition(largest: 1)        // LAPACK ?syevr
    print(svd.singularValues[0] * svd.singularValues[0], top.eigenvalues[0])  // equal: σ₁² = λ₁
    do {
      _ = try Matrix<Double>(rows: [[1, 2], [2, 1]]).cholesky()
    } catch {
      print(error)  // dpotrf: the matrix is not positive definite (its leading minor of order 2 ...
    }
    print("OpenBLAS kernel:", OpenBLASRuntime.kernelName, "threads:", OpenBLASRuntime.threadCount)
    // --- README example end ---
    #expect(abs(svd.singularValues[0] * svd.singularValues[0] - top.eigenvalues[0]) <= 1e-12 * top.eigenvalues[0])
  }
}
