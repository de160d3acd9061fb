import LatentLinearAlgebra

/// Seeded class-structured data: `n` samples of `d` features in `c` classes of
/// (nearly) equal size. Each class has a mean pattern; each sample is its class
/// mean plus independent noise. All values come from a SplitMix64 stream, so the
/// same seed gives the same matrix on every machine.
struct SyntheticData<Scalar: LinearAlgebraScalar> {
  let x: Matrix<Scalar>
  let labels: [Int]

  init(samples n: Int, features d: Int, classes c: Int, seed: UInt64 = 2026) {
    var state = seed
    @inline(__always) func next() -> Double {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      z ^= z >> 31
      return Double(z >> 11) * 0x1p-53 - 0.5  // uniform in [-0.5, 0.5)
    }
    // Class means with a modest separation, so the problem is not trivially separable.
    var means = [Double](repeating: 0, count: c * d)
    for index in means.indices { means[index] = 0.3 * next() }
    let labels = (0..<n).map { $0 % c }
    // The initializer visits elements in row-major order, so the stream is consumed in that order.
    self.x = Matrix(rowCount: n, columnCount: d) { i, j in Scalar(means[labels[i] * d + j] + next()) }
    self.labels = labels
  }

  /// The input's size in bytes.
  var bytes: Int { x.rowCount * x.columnCount * MemoryLayout<Scalar>.size }
}
