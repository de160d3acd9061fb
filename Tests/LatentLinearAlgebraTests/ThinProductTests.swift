// Products of a large matrix with a few vectors, which `Matrix.multiplied` hands to Latent's own
// kernels (CLatentKernels through ThinProducts) instead of OpenBLAS: one side of the result at
// most 32, the large operand at least 65,536 values in rows of 256 or more.
//
// The entries are small integers (−3…3), so every product and every partial sum is an integer
// below 2²⁴: exact in Float and Double whatever the order of summation. The expected values
// come from a plain integer triple loop, and the comparison is exact.
import CLatentKernels
import LatentLinearAlgebra
import Testing

@Suite("Thin products (a wide matrix times a few vectors)")
struct ThinProductTests {
  /// A deterministic `rows × columns` matrix of integers in −3…3.
  static func integers(_ rows: Int, _ columns: Int, seed: Int) -> [[Int]] {
    (0..<rows).map { i in (0..<columns).map { j in (i * 7 + j * 13 + seed * 31 + (i * j) % 11) % 7 - 3 } }
  }

  /// `op(a) · op(b)` by the integer triple loop.
  static func reference(_ a: [[Int]], _ b: [[Int]], transposeA: Bool, transposeB: Bool) -> [[Int]] {
    let m = transposeA ? a[0].count : a.count
    let k = transposeA ? a.count : a[0].count
    let n = transposeB ? b.count : b[0].count
    return (0..<m).map { i in
      (0..<n).map { j in
        (0..<k).reduce(0) { sum, l in
          sum + (transposeA ? a[l][i] : a[i][l]) * (transposeB ? b[j][l] : b[l][j])
        }
      }
    }
  }

  func check<T: LinearAlgebraScalar>(_: T.Type) throws {
    // (rows and columns of a, of b, transposes): each case is one of the routed shapes, with
    // sizes that leave tails for the vector loops (1001 = 4 · 250 + 1) and odd vector counts.
    let cases: [(Int, Int, Int, Int, Bool, Bool)] = [
      (300, 1001, 7, 1001, false, true),  // A · Bᵀ, few columns of the result
      (5, 1001, 300, 1001, false, true),  // A · Bᵀ, few rows of the result
      (300, 5, 300, 1003, true, false),  // Aᵀ · B, few rows
      (300, 1003, 300, 9, true, false),  // Aᵀ · B, few columns
      (5, 300, 300, 1003, false, false),  // A · B, few rows
      (1003, 300, 300, 3, false, false),  // A · B, few columns
      (33, 2000, 32, 2000, false, true),  // exactly 32 vectors
    ]
    for (index, (ar, ac, br, bc, ta, tb)) in cases.enumerated() {
      let a = Self.integers(ar, ac, seed: index)
      let b = Self.integers(br, bc, seed: index + 100)
      let expected = Self.reference(a, b, transposeA: ta, transposeB: tb)
      let ma = try Matrix<T>(rows: a.map { $0.map { T($0) } })
      let mb = try Matrix<T>(rows: b.map { $0.map { T($0) } })
      let product = try ma.multiplied(by: mb, transposingSelf: ta, transposingOther: tb)
      let wanted = try Matrix<T>(rows: expected.map { $0.map { T($0) } })
      #expect(product == wanted, "case \(index) (\(T.self)): \(ar)×\(ac) · \(br)×\(bc), transposes \(ta), \(tb)")
    }
  }

  @Test func double() throws { try check(Double.self) }
  @Test func float() throws { try check(Float.self) }

  /// The C kernels called directly, in the AVX2 + FMA and in the portable versions: odd and
  /// even row counts (the forward kernel's tiles take 2 rows) and every tail of the backward
  /// kernel's groups of 4 rows, vector counts around the forward kernel's groups of 4 and with
  /// an odd one out of the backward kernel's pairs, and a column chunk of 2,048 plus a tail.
  @Test(arguments: [false, true])
  func kernelsInBothVersions(portable: Bool) {
    latent_kernels_force_portable(portable ? 1 : 0)
    defer { latent_kernels_force_portable(0) }
    let d = 2051
    for rows in [1, 2, 3, 7, 12] {
      for b in [1, 3, 5] {
        let a = Self.integers(rows, d, seed: rows)
        let y = Self.integers(b, d, seed: b + 50)  // forward: b × d
        let c = Self.integers(rows, b, seed: b + 90)  // backward: rows × b
        let forward = Self.reference(a, y, transposeA: false, transposeB: true).flatMap { $0 }  // rows × b
        let backward = Self.reference(c, a, transposeA: true, transposeB: false).flatMap { $0 }  // b × d
        let (af, yf, cf) = (a.flatMap { $0 }, y.flatMap { $0 }, c.flatMap { $0 })
        var outD = [Double](repeating: .nan, count: rows * b)
        latent_thin_forward_d(af.map(Double.init), d, rows, d, nil, yf.map(Double.init), d, b, &outD)
        var outS = [Float](repeating: .nan, count: rows * b)
        latent_thin_forward_s(af.map(Float.init), d, rows, d, nil, yf.map(Float.init), d, b, &outS)
        #expect(outD == forward.map(Double.init), "forward Double, \(rows) rows, \(b) vectors, portable \(portable)")
        #expect(outS == forward.map(Float.init), "forward Float, \(rows) rows, \(b) vectors, portable \(portable)")
        var backD = [Double](repeating: .nan, count: b * d)
        latent_thin_backward_d(cf.map(Double.init), b, af.map(Double.init), d, rows, d, &backD, d)
        var backS = [Float](repeating: .nan, count: b * d)
        latent_thin_backward_s(cf.map(Float.init), b, af.map(Float.init), d, rows, d, &backS, d)
        #expect(backD == backward.map(Double.init), "backward Double, \(rows) rows, \(b) vectors, portable \(portable)")
        #expect(backS == backward.map(Float.init), "backward Float, \(rows) rows, \(b) vectors, portable \(portable)")
      }
    }
  }
}
