// latent-demo: a small tour of Latent's linear algebra on synthetic
// "images" until the experiment tool (`latent`) exists.
import Foundation
import Latent


OpenBLASRuntime.restartWithBestKernelIfNeeded(programName: "latent-demo")

/// A reproducible pseudo-random stream (SplitMix64), so the demo prints the same numbers every run.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

func main() throws {
  print("Latent demo — OpenBLAS kernel \(OpenBLASRuntime.kernelName), \(OpenBLASRuntime.threadCount) threads")
  if let advice = OpenBLASRuntime.kernelAdvice { print("  note: \(advice)") }

  // 3 classes × 40 "images" of 50 × 200 = 10,000 pixels: a class pattern plus noise.
  let classes = 3
  let perClass = 40
  let pixels = 10_000
  var random = SplitMix64(state: 2026)
  let patterns = (0..<classes).map { _ in (0..<pixels).map { _ in Double.random(in: 0...1, using: &random) } }
  var x = Matrix<Double>(rowCount: classes * perClass, columnCount: pixels, repeating: 0)
  for sample in 0..<(classes * perClass) {
    let pattern = patterns[sample / perClass]
    x.setRow(sample, to: pattern.map { min(1, max(0, $0 + Double.random(in: -0.6...0.6, using: &random))) })
  }
  print("\nData: \(x.rowCount) samples × \(x.columnCount) pixels, \(classes) classes")

  // Principal directions without a 10,000 × 10,000 matrix: centre, take the
  // 120 × 120 Gram matrix, eigendecompose it, map back with one product.
  let start = monotonicSeconds()
  let centred = try x.centered(by: x.columnMeans())
  let gram = centred.gram()
  let eigen = try gram.symmetricEigendecomposition(largest: 2)
  let scores = try centred.multiplied(by: try centred.multiplied(by: eigen.eigenvectors, transposingSelf: true))
  let elapsed = monotonicSeconds() - start
  let total = (0..<gram.rowCount).reduce(0.0) { $0 + gram[$1, $1] }
  let shares = eigen.eigenvalues.map { String(format: "%.1f%%", 100 * $0 / total) }
  print("Two leading principal directions from the 120 × 120 Gram matrix: \(shares.joined(separator: ", ")) of the variance (\(String(format: "%.1f", elapsed * 1000)) ms)")

  print("\nClass centres in that 2-D projection (unnormalised scores):")
  for c in 0..<classes {
    let rows = (c * perClass)..<((c + 1) * perClass)
    let mean0 = rows.reduce(0.0) { $0 + scores[$1, 0] } / Double(perClass)
    let mean1 = rows.reduce(0.0) { $0 + scores[$1, 1] } / Double(perClass)
    print(String(format: "  class %d: (%9.1f, %9.1f)", c, mean0, mean1))
  }

  // The same subspace from an orthogonal factorization (no squared condition number).
  let lq = try centred.lqDecomposition()
  let singular = try lq.l.singularValues()
  let fromGram = eigen.eigenvalues.map { $0.squareRoot() }
  print(String(format: "\nLeading singular values: LQ route %.6f, %.6f; Gram route %.6f, %.6f", singular[0], singular[1], fromGram[0], fromGram[1]))

  // Errors are values with messages, not crashes.
  do {
    _ = try Matrix<Double>(rows: [[1, 2], [2, 1]]).cholesky()
  } catch {
    print("\nA matrix that is not positive definite, given to cholesky():\n  \(error)")
  }
}

do {
  try main()
} catch {
  FileHandle.standardError.write(Data("latent-demo: \(error)\n".utf8))
  exit(1)
}
