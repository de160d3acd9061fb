/// The eigendecomposition of a small symmetric matrix by the cyclic Jacobi method, in `Double`,
/// on the calling thread.
///
/// Why not LAPACK for these: `?syevd` and `?syevr` reduce the matrix to tridiagonal form with one
/// `?symv` per column, and OpenBLAS runs every `?symv` on all its threads, however small. The
/// woken threads then spin on the cores for about 0.1 s, which is where the iterative solvers
/// run their next pass over the data: PCA's Lanczos solver makes a Rayleigh–Ritz step of at most
/// 64 × 64 after every pass. Jacobi's rotations also give the small eigenvalues to high relative
/// accuracy.
package enum JacobiEigensolver {
  /// The largest order solved this way first; beyond it LAPACK is faster and its threads pay off.
  /// (Any order is solved this way as the last step of `LAPACK.symmetricEigenpairs`.)
  package static let maximumOrder = 64

  /// The eigenvalues, descending, and the eigenvectors as the columns of a row-major `n × n`
  /// matrix; `nil` if the sweeps did not converge (they always do in practice: the
  /// off-diagonal part shrinks quadratically once it is small).
  ///
  /// Each sweep rotates every off-diagonal pair `(p, q)` to zero; a pair is set to zero outright
  /// when it is below the rounding of both its diagonal entries (after four sweeps), so the
  /// iteration ends with an exactly diagonal matrix.
  /// - Complexity: O(n³) per sweep, about 6–10 sweeps.
  package static func decompose(_ matrix: [Double], order n: Int) -> (values: [Double], vectors: [Double])? {
    precondition(matrix.count == n * n, "JacobiEigensolver: \(matrix.count) values for \(n) × \(n)")
    // A failure injected for tests (LAPACK.injectedFailures) stands for sweeps that did not converge.
    if LAPACK.injectedInfo(LAPACK.jacobi) != nil { return nil }
    var a = matrix
    var v = [Double](repeating: 0, count: n * n)
    for i in 0..<n { v[i * n + i] = 1 }
    var converged = n < 2
    a.withUnsafeMutableBufferPointer { a in
      v.withUnsafeMutableBufferPointer { v in
        for sweep in 0..<100 where !converged {
          var rotated = false
          for p in 0..<(n - 1) {
            for q in (p + 1)..<n {
              let apq = a[p * n + q]
              if apq == 0 { continue }
              let (app, aqq) = (a[p * n + p], a[q * n + q])
              let g = 100 * Swift.abs(apq)
              if sweep > 3 && Swift.abs(app) + g == Swift.abs(app) && Swift.abs(aqq) + g == Swift.abs(aqq) {
                a[p * n + q] = 0
                a[q * n + p] = 0
                continue
              }
              rotated = true
              // tan φ of the rotation that zeroes a[p, q]: the smaller root of t² + 2θt − 1 = 0.
              let theta = (aqq - app) / (2 * apq)
              let t: Double =
                Swift.abs(theta) > 1e150
                ? 1 / (2 * theta) : (theta >= 0 ? 1 : -1) / (Swift.abs(theta) + (theta * theta + 1).squareRoot())
              let c = 1 / (t * t + 1).squareRoot()
              let s = t * c
              for k in 0..<n {  // A · J (columns p and q)
                let (akp, akq) = (a[k * n + p], a[k * n + q])
                a[k * n + p] = c * akp - s * akq
                a[k * n + q] = s * akp + c * akq
              }
              for k in 0..<n {  // Jᵀ · A (rows p and q)
                let (apk, aqk) = (a[p * n + k], a[q * n + k])
                a[p * n + k] = c * apk - s * aqk
                a[q * n + k] = s * apk + c * aqk
              }
              a[p * n + q] = 0
              a[q * n + p] = 0
              for k in 0..<n {  // V · J
                let (vkp, vkq) = (v[k * n + p], v[k * n + q])
                v[k * n + p] = c * vkp - s * vkq
                v[k * n + q] = s * vkp + c * vkq
              }
            }
          }
          if !rotated { converged = true }
        }
      }
    }
    guard converged else { return nil }
    let order = (0..<n).sorted { a[$0 * n + $0] > a[$1 * n + $1] }
    var vectors = [Double](repeating: 0, count: n * n)
    for (column, source) in order.enumerated() {
      for i in 0..<n { vectors[i * n + column] = v[i * n + source] }
    }
    return (order.map { a[$0 * n + $0] }, vectors)
  }
}
