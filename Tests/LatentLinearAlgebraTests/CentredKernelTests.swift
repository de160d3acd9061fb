// The C kernels that centre the data as they read it (CLatentKernels): one pass of
// K = Xc·Xcᵀ on a few vectors (Lanczos PCA) and the centred product (x − μ)·Yᵀ (PCA and LDA
// transforms). Each runs in its AVX2 + FMA version (on this machine) and in its portable one.
//
// The data, means and vectors are small integers, so every centred value, product and partial
// sum is an integer far below 2²⁴ (Float) or 2⁵³ (Double): exact whatever the order of
// summation. The expected values come from plain integer loops, and the comparison is exact.
import CLatentKernels
import LatentLinearAlgebra
import Testing

@Suite("Centring kernels (Lanczos passes and centred products)")
struct CentredKernelTests {
  /// A deterministic `rows × columns` matrix of integers in −3…3, row-major.
  static func integers(_ rows: Int, _ columns: Int, seed: Int) -> [Int] {
    (0..<(rows * columns)).map { e in
      let (i, j) = (e / columns, e % columns)
      return (i * 7 + j * 13 + seed * 31 + (i * j) % 11) % 7 - 3
    }
  }

  /// Runs `body` with the portable versions forced on this thread when `portable` is set.
  static func withVersion<R>(portable: Bool, _ body: () throws -> R) rethrows -> R {
    latent_kernels_force_portable(portable ? 1 : 0)
    defer { latent_kernels_force_portable(0) }
    return try body()
  }

  /// The integer reference of one Lanczos pass over `columns` of a `rows × stride` matrix:
  /// `T = Xcᵀ·V` (`columns.count × r`), `start + Xc·T` (`rows × r`) and `‖Xc‖²`.
  static func gramPassReference(
    _ x: [Int], rows n: Int, stride: Int, columns: Range<Int>, mean: [Int], _ v: [Int], vectors r: Int, start: [Int]
  ) -> (t: [Int], y: [Int], squares: Int) {
    var t = [Int](repeating: 0, count: columns.count * r)
    var y = start
    var squares = 0
    for (j, column) in columns.enumerated() {
      for i in 0..<n {
        let centred = x[i * stride + column] - mean[column]
        squares += centred * centred
        for c in 0..<r { t[j * r + c] += centred * v[i * r + c] }
      }
    }
    for i in 0..<n {
      for (j, column) in columns.enumerated() {
        let centred = x[i * stride + column] - mean[column]
        for c in 0..<r { y[i * r + c] += centred * t[j * r + c] }
      }
    }
    return (t, y, squares)
  }

  /// The integer reference of `(x − mean)·Yᵀ` for `x` `rows × d` and `y` `b × d`.
  static func centredForwardReference(_ x: [Int], mean: [Int], _ y: [Int], rows n: Int, columns d: Int, vectors b: Int)
    -> [Int]
  {
    var result = [Int](repeating: 0, count: n * b)
    for i in 0..<n {
      for t in 0..<b {
        for j in 0..<d { result[i * b + t] += (x[i * d + j] - mean[j]) * y[t * d + j] }
      }
    }
    return result
  }

  /// One pass of Xc·Xcᵀ·V over the columns `first ..< first + count` of a `rows × stride`
  /// matrix: the transposed product T, the accumulated product Y (starting from `start`) and
  /// the sum of squares, against integer loops.
  func checkGramPass<Source: BinaryFloatingPoint>(
    _: Source.Type, rows n: Int, stride: Int, first: Int, count: Int, vectors r: Int, portable: Bool
  ) {
    let x = Self.integers(n, stride, seed: r)
    let mean = (0..<stride).map { ($0 * 5) % 5 - 2 }  // −2…2
    let v = Self.integers(n, r, seed: r + 7)
    let start = (0..<(n * r)).map { $0 % 3 - 1 }
    let (t, y, squares) = Self.gramPassReference(
      x, rows: n, stride: stride, columns: first..<(first + count), mean: mean, v, vectors: r, start: start)
    // The kernel.
    let xs = x.map { Source($0) }
    let means = mean.map { Double($0) }
    let vs = v.map { Double($0) }
    var ys = start.map { Double($0) }
    var ts = [Double](repeating: .nan, count: count * r)
    var sum = 0.0
    var scratch = [Double](repeating: 0, count: latent_centred_gram_scratch(n, r))
    Self.withVersion(portable: portable) {
      means.withUnsafeBufferPointer { mp in
        let mu = mp.baseAddress! + first
        if let xd = xs as? [Double] {
          xd.withUnsafeBufferPointer { xp in
            latent_centred_gram_apply_d(xp.baseAddress! + first, stride, n, count, mu, vs, r, &ys, &ts, &sum, &scratch)
          }
        } else {
          (xs as! [Float]).withUnsafeBufferPointer { xp in
            latent_centred_gram_apply_s(xp.baseAddress! + first, stride, n, count, mu, vs, r, &ys, &ts, &sum, &scratch)
          }
        }
      }
    }
    let label = "\(Source.self) \(n) rows, columns \(first)..<\(first + count), \(r) vectors, portable \(portable)"
    #expect(ts == t.map { Double($0) }, "Xcᵀ·V: \(label)")
    #expect(ys == y.map { Double($0) }, "Xc·Xcᵀ·V: \(label)")
    #expect(sum == Double(squares), "‖Xc‖²: \(label)")
  }

  @Test(arguments: [false, true])
  func gramPass(portable: Bool) {
    // Column counts with whole 32-column blocks, a last block with a chunk of 8 and a tail
    // (1001 = 31·32 + 8 + 1), fewer than 8 columns, and a range that starts inside the matrix;
    // vector counts below, at and above the group of 4.
    for (n, stride, first, count) in [(37, 1001, 0, 1001), (64, 96, 0, 96), (5, 40, 3, 7), (19, 300, 45, 200)] {
      for r in [1, 3, 4, 5, 9] {
        checkGramPass(Double.self, rows: n, stride: stride, first: first, count: count, vectors: r, portable: portable)
        checkGramPass(Float.self, rows: n, stride: stride, first: first, count: count, vectors: r, portable: portable)
      }
    }
  }

  /// `(x − μ)·Yᵀ` by the thin forward kernel, against integer loops.
  func checkCentredForward<T: LinearAlgebraScalar>(_: T.Type, rows n: Int, columns d: Int, vectors b: Int, portable: Bool) {
    let x = Self.integers(n, d, seed: b)
    let mean = (0..<d).map { ($0 * 3) % 5 - 2 }
    let y = Self.integers(b, d, seed: b + 3)
    let expected = Self.centredForwardReference(x, mean: mean, y, rows: n, columns: d, vectors: b)
    var out = [T](repeating: .nan, count: n * b)
    let (xs, ms, ys) = (x.map { T($0) }, mean.map { T($0) }, y.map { T($0) })
    Self.withVersion(portable: portable) {
      if T.self == Double.self {
        var result = [Double](repeating: .nan, count: n * b)
        latent_thin_forward_d(xs as! [Double], d, n, d, ms as! [Double], ys as! [Double], d, b, &result)
        out = result.map { T($0) }
      } else {
        var result = [Float](repeating: .nan, count: n * b)
        latent_thin_forward_s(xs as! [Float], d, n, d, ms as! [Float], ys as! [Float], d, b, &result)
        out = result.map { T($0) }
      }
    }
    #expect(out == expected.map { T($0) }, "\(T.self) \(n)×\(d), \(b) vectors, portable \(portable)")
  }

  @Test(arguments: [false, true])
  func centredForward(portable: Bool) {
    // 2051 columns: a whole chunk of 2048 and a tail of 3; vector counts around the group of 4.
    for (n, d) in [(9, 2051), (3, 7)] {
      for b in [1, 4, 6] {
        checkCentredForward(Double.self, rows: n, columns: d, vectors: b, portable: portable)
        checkCentredForward(Float.self, rows: n, columns: d, vectors: b, portable: portable)
      }
    }
  }

  /// The same product through ``ThinProducts`` (rows split over the cores), the path of the PCA
  /// and LDA transforms: exact against the integer loops.
  @Test func centredForwardOnAllCores() {
    let (n, d, b) = (64, 4099, 3)
    let x = Self.integers(n, d, seed: 1)
    let mean = (0..<d).map { ($0 * 3) % 5 - 2 }
    let y = Self.integers(b, d, seed: 2)
    let expected = Self.centredForwardReference(x, mean: mean, y, rows: n, columns: d, vectors: b).map { Double($0) }
    let (xs, ms, ys) = (x.map { Double($0) }, mean.map { Double($0) }, y.map { Double($0) })
    var out = [Double](repeating: .nan, count: n * b)
    out.withUnsafeMutableBufferPointer { o in
      ThinProducts.timesTransposed(xs, lda: d, rows: n, columns: d, mean: ms, ys, count: b, into: o.baseAddress!)
    }
    #expect(out == expected)
  }

  /// The Lanczos pass through ``ThinProducts`` (the columns split over the cores, partial
  /// results summed): exact against the integer loops, with the transposed product and the
  /// sum of squares.
  @Test func gramPassOnAllCores() {
    let (n, d, r) = (40, 30_001, 3)
    let x = Self.integers(n, d, seed: 5)
    let mean = (0..<d).map { ($0 * 5) % 5 - 2 }
    let v = Self.integers(n, r, seed: 6)
    let (t, y, squares) = Self.gramPassReference(
      x, rows: n, stride: d, columns: 0..<d, mean: mean, v, vectors: r, start: [Int](repeating: 0, count: n * r))
    let (xs, ms, vs) = (x.map { Float($0) }, mean.map { Double($0) }, v.map { Double($0) })
    var kept = [Double](repeating: .nan, count: d * r)
    let result = kept.withUnsafeMutableBufferPointer { k in
      ThinProducts.centredGramTimes(
        xs, rows: n, columns: d, mean: ms, vs, count: r, transposedProduct: k.baseAddress!, sumOfSquares: true)
    }
    #expect(result?.product == y.map { Double($0) })
    #expect(result?.sumOfSquares == Double(squares))
    #expect(kept == t.map { Double($0) })
  }
}
