import Foundation
import LatentLinearAlgebra

// MARK: Lanczos (block Krylov) solver, for a few components of wide data

extension PCASolvers {
  /// The seed of the start block: fixed, so that every fit of the same data is identical.
  static let lanczosSeed: UInt64 = 0x1A2C_205A_9E37_0001

  /// The relative residual `‖K·u − θ·u‖ ≤ tolerance · θ₀` at which the wanted Ritz pairs are
  /// accepted. Rounding in `K·Q` leaves residuals of about 1e-15·θ₀ (measured at
  /// 512 × 100,000); an eigenvector is then off by about `tolerance · θ₀ / gap`.
  ///
  /// `Double` results: 1e-13. `Float` results: 1e-9. The iteration runs in `Double` either
  /// way, but a `Float` component is rounded to 6e-8 when it is stored and its target is
  /// 1e-4 of the `Double` result; at 1e-9 the iteration's own error stays below 1e-6 for
  /// relative eigenvalue gaps down to 1e-3, and the residual, which falls about 170× per
  /// pass, gets there two passes sooner than at 1e-13 (6 passes instead of 8 at
  /// 512 × 100,000).
  static func lanczosTolerance<Scalar: LinearAlgebraScalar>(_: Scalar.Type) -> Double {
    Scalar.self == Float.self ? 1e-9 : 1e-13
  }

  /// The most passes over the data the automatic solver spends on the iteration before it
  /// runs the Gram solver instead.
  static let lanczosPassLimit = 16

  /// Vectors per block for `k` components: `k + 2`, at least 4. At 512 × 100,000 (three
  /// leading eigenvalues well above the rest) blocks of 4, 8 and 16 all converged in 8 passes,
  /// and a pass costs a read of the data plus `4·n·d·b` flops, so wider blocks only add work.
  static func lanczosBlockSize(componentCount k: Int) -> Int { Swift.max(k + 2, 4) }

  /// Whether the automatic solver tries the Lanczos solver for `k` components of `n` samples:
  /// when 8 passes (what a clear gap after the leading eigenvalues needs) fit below the
  /// automatic solver's cost cap of `n/4` applied columns, that is `32·b ≤ n`, and
  /// `n ≥ 512`. Eight passes are memory bound and the Gram matrix (`n²·d` flops) is compute
  /// bound, so the Gram matrix wins for small `n`. Fits of 2 components at d = 100,000 on the
  /// 2-core test machine, with the fused pass kernel: 0.22 s against 0.20 s at n = 256,
  /// 0.42–0.51 s against 0.56–0.85 s at n = 512, 1.2 s against 2.3–2.5 s at n = 1,024.
  static func lanczosIsWorthTrying(componentCount k: Int, rowCount n: Int) -> Bool {
    n >= 512 && 32 * lanczosBlockSize(componentCount: k) <= n
  }

  /// Block Lanczos with full reorthogonalization on `K = Xc·Xcᵀ` in the `n`-dimensional sample
  /// space, then `vᵢ = Xcᵀ·uᵢ / ‖Xcᵀ·uᵢ‖` as in the Gram solver.
  ///
  /// Each application `K·V` is one pass over the data
  /// (``CentredBlocks/gramTimes(_:columns:sumOfSquares:transposedProduct:)``, a fused C kernel
  /// that centres as it reads, for up to 16 vectors); the first one
  /// also sums `‖Xc‖²_F`. The basis `Q` (`n × s`) is kept orthonormal and
  /// orthogonal to the all-ones vector (which centring puts in `K`'s null space) by block
  /// classical Gram–Schmidt, twice; `K·Q` is kept, so the Rayleigh–Ritz matrix `Qᵀ·K·Q` and
  /// the residuals of the Ritz pairs cost no further passes. The iteration stops when the `k`
  /// leading pairs have `‖K·u − θ·u‖ ≤ 1e-13·θ₀`, or when the basis spans all of `1⊥` (then the
  /// Rayleigh–Ritz step is an exact eigendecomposition). While the basis has at most `n/4`
  /// columns, each pass also keeps `Xcᵀ·V` (`d × b`), and the components `Xcᵀ·Q·y` are formed
  /// from those, without a last pass over the data.
  ///
  /// With `capped` (the automatic solver), the iteration gives up, and
  /// ``gram(_:mean:count:checkConditioning:operation:)`` computes the fit, when it has not
  /// converged within `n/4` applied columns (as many flops as the Gram matrix) or 16 passes,
  /// or when the residuals shrink too slowly, judged from the last two passes, to get there.
  ///
  /// - Complexity: `4·n·d·s` flops for `s` applied columns (at most `n − 1`, or `n/4` when
  ///   capped), `2·k·d·s` for the components (`2·k·n·d` and one more pass when `s > n/4`),
  ///   plus `O(n·s²)` for the basis and `O(s³)` per Rayleigh–Ritz step.
  static func lanczos<Scalar: LinearAlgebraScalar>(
    _ x: Matrix<Scalar>, mean: [Double], count k: Int, capped: Bool, checkConditioning: Bool, operation: String
  ) throws -> PCASolution<Scalar>? {
    let (n, d) = (x.rowCount, x.columnCount)
    let m = Swift.min(n, d)
    let blocks = CentredBlocks<Scalar, Double>(source: x, mean: mean)
    let space = n - 1  // the complement of the all-ones vector
    let wanted = Swift.min(k, space)
    let blockSize = Swift.min(lanczosBlockSize(componentCount: k), space)
    let columnLimit = capped ? Swift.min(Swift.max(blockSize, n / 4), space) : space
    var basis = SampleSpaceKrylovBasis(order: n, capacity: columnLimit)
    var generator = SeededGaussian(seed: lanczosSeed)
    var candidates = generator.fill(count: n * blockSize)
    var width = blockSize
    var total = 0.0
    var passes = 0
    var history: [(passes: Int, residual: Double)] = []
    // Xcᵀ·V of each pass, while the basis is at most n/4 columns (memory up to a quarter of
    // the data in Double): the components are then combinations of them, without another pass.
    var transposedImages: [ContiguousArray<Double>] = []
    var keepsTransposedImages = true
    var checkedSize = 0
    var ritz: SampleSpaceKrylovBasis.RitzPairs
    let tolerance = lanczosTolerance(Scalar.self)
    while true {
      let block = basis.orthonormalizedBlock(candidates, columns: width, generator: &generator)
      keepsTransposedImages = keepsTransposedImages && 4 * (basis.size + width) <= n
      let image: ContiguousArray<Double>
      let sumOfSquares: Double
      if keepsTransposedImages {
        var transposed = ContiguousArray<Double>(repeating: 0, count: d * width)
        (image, sumOfSquares) = transposed.withUnsafeMutableBufferPointer {
          blocks.gramTimes(block, columns: width, sumOfSquares: passes == 0, transposedProduct: $0.baseAddress)
        }
        transposedImages.append(transposed)
      } else {
        (image, sumOfSquares) = blocks.gramTimes(block, columns: width, sumOfSquares: passes == 0)
      }
      if passes == 0 {
        total = sumOfSquares
        try PCAStatistics.checkVariance(total, operation)
      }
      passes += 1
      basis.append(block, image: image, columns: width)
      let next = Swift.min(blockSize, columnLimit - basis.size)
      let full = basis.size == space
      let last = next == 0 || (capped && passes == lanczosPassLimit)
      // Rayleigh–Ritz costs O(s³): past 256 columns, only when the basis has grown by a quarter.
      if full || last || basis.size <= 256 || 4 * basis.size >= 5 * checkedSize {
        checkedSize = basis.size
        ritz = try basis.ritzPairs(count: wanted)
        let largest = Swift.max(ritz.values.first ?? 0, 0)
        let worst = (ritz.residuals.max() ?? 0) / largest
        if full || worst <= tolerance { break }
        history.append((passes, worst))
        if capped, last || tooSlow(history, tolerance: tolerance, passLimit: lanczosPassLimit) {
          return try gram(x, mean: mean, count: .count(k), checkConditioning: checkConditioning, operation: operation)
        }
      }
      // The next block is K applied to the last one, which block Gram–Schmidt turns into the
      // next block of the Krylov basis.
      candidates = width == next ? image : leadingColumns(image, of: width, count: next, rows: n)
      width = next
    }

    // Components beyond the n − 1 that 1⊥ holds belong to the zero eigenvalue of centring.
    let eigenvalues = ritz.values.map { Swift.max($0, 0) } + [Double](repeating: 0, count: k - wanted)
    if checkConditioning,
      PCAStatistics.needsSingularValueDecomposition(eigenvalues: eigenvalues, keeping: k, rowCount: n, columnCount: d)
    {
      return nil
    }
    let (components, norms) = componentsFromSampleSpace(
      rowCount: n, columnCount: d, count: k, eigenvalues: eigenvalues
    ) { (output: UnsafeMutableBufferPointer<Scalar>) in
      if keepsTransposedImages {
        return combinedTransposedImages(
          transposedImages, coefficients: ritz.coefficients, count: wanted, featureCount: d, into: output)
      }
      var u = ContiguousArray<Double>(repeating: 0, count: n * k)
      for i in 0..<n {
        for j in 0..<wanted { u[i * k + j] = ritz.vectors[i * wanted + j] }
      }
      return blocks.transposedTimes(u, columns: k, into: output)
    }
    return PCASolution(
      components: components, componentCount: k, singularValues: norms, totalSumOfSquares: total,
      meanDiscardedSumOfSquares: remainderMean(total: total, kept: norms.map { $0 * $0 }, spectrumSize: m),
      solver: .lanczos)
  }

  /// Whether the residual history, extrapolated at the rate of its last two entries (Krylov
  /// convergence is at least that fast once it has started), misses the tolerance within
  /// the pass limit. Needs three entries: the first pass or two are not representative.
  private static func tooSlow(_ history: [(passes: Int, residual: Double)], tolerance: Double, passLimit: Int) -> Bool {
    guard history.count >= 3 else { return false }
    let (now, before) = (history[history.count - 1], history[history.count - 2])
    let rate = pow(now.residual / before.residual, 1 / Double(now.passes - before.passes))
    guard rate < 1 else { return true }
    return Double(now.passes) + log(tolerance / now.residual) / log(rate) > Double(passLimit)
  }

  /// `Xcᵀ·Q·yᵢ` for the rows `yᵢ` of `coefficients` (`count × s`, row-major) from the kept
  /// `Xcᵀ·Vⱼ` of each pass (`d × rⱼ`, row-major; the `Vⱼ` are consecutive column blocks of `Q`),
  /// written into the first `count` rows of `output` (`k × d`; later rows stay zero), with
  /// the norm of each row.
  ///
  /// A loop over the features on all cores (``Parallel``) per pass, not a threaded `?gemm`:
  /// OpenBLAS's threads keep spinning for a while after such a call and take the cores from
  /// what follows (the transform, the next fit). The work is small: one read of the kept
  /// products (`8·d·s` bytes).
  /// - Complexity: `2·count·d·s` flops.
  private static func combinedTransposedImages<Scalar: LinearAlgebraScalar>(
    _ images: [ContiguousArray<Double>], coefficients y: ContiguousArray<Double>, count: Int, featureCount d: Int,
    into output: UnsafeMutableBufferPointer<Scalar>
  ) -> [Double] {
    let s = y.count / count
    var combined = ContiguousArray<Double>(repeating: 0, count: count * d)
    var offset = 0
    y.withUnsafeBufferPointer { y in
      combined.withUnsafeMutableBufferPointer { c in
        for image in images {
          let r = image.count / d
          image.withUnsafeBufferPointer { t in
            // C += Y[:, offset..<offset + r] · Tⱼᵀ
            let shared = UncheckedSendable(value: (t.baseAddress!, y.baseAddress! + offset, c.baseAddress!))
            Parallel.forEachRange(of: d, parts: Parallel.parts(elements: count * d * r, limit: d / 1024)) { features in
              let (t, y, c) = shared.value
              for f in features {
                let row = t + f * r
                for i in 0..<count {
                  var sum = 0.0
                  for q in 0..<r { sum += y[i * s + q] * row[q] }
                  c[i * d + f] += sum
                }
              }
            }
          }
          offset += r
        }
      }
    }
    precondition(offset == s, "PCASolvers.combinedTransposedImages: \(offset) kept columns for a basis of \(s)")
    var norms = [Double](repeating: 0, count: output.count / d)
    combined.withUnsafeBufferPointer { c in
      for i in 0..<count {
        norms[i] = Double._nrm2(n: Int32(d), x: c.baseAddress! + i * d, incx: 1)
        convert(c.baseAddress! + i * d, into: output.baseAddress! + i * d, count: d)
      }
    }
    return norms
  }

  /// The first `count` columns of a row-major `rows × columns` matrix.
  private static func leadingColumns(
    _ matrix: ContiguousArray<Double>, of columns: Int, count: Int, rows: Int
  ) -> ContiguousArray<Double> {
    var result = ContiguousArray<Double>(repeating: 0, count: rows * count)
    for i in 0..<rows {
      for j in 0..<count { result[i * count + j] = matrix[i * columns + j] }
    }
    return result
  }
}

/// An orthonormal basis `Q` (`n × s`) of a Krylov subspace of `K = Xc·Xcᵀ` inside the
/// complement of the all-ones vector, with `K·Q` and the projected matrix `H = Qᵀ·K·Q`.
///
/// `Q` and `K·Q` are row-major `n × capacity` buffers filled from the left; `H` is
/// `capacity × capacity`, filled in its leading `s × s` corner.
struct SampleSpaceKrylovBasis {
  /// `n`.
  let order: Int
  /// The most columns the basis can hold.
  let capacity: Int
  /// The number of columns, `s`.
  private(set) var size = 0
  private var q: ContiguousArray<Double>
  private var image: ContiguousArray<Double>
  private var projected: ContiguousArray<Double>

  init(order: Int, capacity: Int) {
    self.order = order
    self.capacity = capacity
    q = ContiguousArray(repeating: 0, count: order * capacity)
    image = ContiguousArray(repeating: 0, count: order * capacity)
    projected = ContiguousArray(repeating: 0, count: capacity * capacity)
  }

  /// Orthonormalizes `candidates` (`n × r`, row-major) against the basis, the all-ones vector
  /// and each other, and writes them into `Q` after the current columns (``append(_:image:columns:)``
  /// then makes them part of the basis). Returns the new columns, `n × r`, row-major.
  ///
  /// Block classical Gram–Schmidt twice against `Q` (BLAS `?gemm`), then column by column
  /// within the block (`?gemv`, twice). A column that loses more than half its length in the
  /// second step is orthogonalized against all of `Q` again; one that keeps less than 10⁻⁸ of
  /// its length (the Krylov space is exhausted in that direction) is replaced by a Gaussian
  /// vector from `generator`. Any orthonormal extension keeps Rayleigh–Ritz exact, since
  /// `K·Q` is computed for the columns as they are.
  ///
  /// - Complexity: O(n · s · r) flops.
  mutating func orthonormalizedBlock(
    _ candidates: ContiguousArray<Double>, columns r: Int, generator: inout SeededGaussian
  ) -> ContiguousArray<Double> {
    let (n, s, ld) = (order, size, capacity)
    precondition(candidates.count == n * r && s + r <= ld, "SampleSpaceKrylovBasis: block does not fit")
    var block = candidates
    var lengths = [Double](repeating: 0, count: r)
    var coefficients = ContiguousArray<Double>(repeating: 0, count: Swift.max(s, 1) * r)
    var column = ContiguousArray<Double>(repeating: 0, count: n)
    var scratch = ContiguousArray<Double>(repeating: 0, count: s + r)
    q.withUnsafeMutableBufferPointer { q in
      block.withUnsafeMutableBufferPointer { v in
        let (q0, v0) = (q.baseAddress!, v.baseAddress!)
        for j in 0..<r { lengths[j] = Double._nrm2(n: Int32(n), x: v0 + j, incx: Int32(r)) }
        for _ in 0..<2 {
          removeColumnMeans(v0, rows: n, columns: r, stride: r)
          guard s > 0 else { break }
          // C = Qᵀ·V, then V −= Q·C.
          coefficients.withUnsafeMutableBufferPointer { c in
            Double._gemm(
              transposeA: true, transposeB: false, m: Int32(s), n: Int32(r), k: Int32(n), alpha: 1, a: q0,
              lda: Int32(ld), b: v0, ldb: Int32(r), beta: 0, c: c.baseAddress!, ldc: Int32(r))
            Double._gemm(
              transposeA: false, transposeB: false, m: Int32(n), n: Int32(r), k: Int32(s), alpha: -1, a: q0,
              lda: Int32(ld), b: c.baseAddress!, ldb: Int32(r), beta: 1, c: v0, ldc: Int32(r))
          }
        }
        column.withUnsafeMutableBufferPointer { x in
          scratch.withUnsafeMutableBufferPointer { h in
            let (x0, h0) = (x.baseAddress!, h.baseAddress!)
            /// Orthogonalizes x against the all-ones vector and columns `range` of Q, twice;
            /// returns its length.
            func orthogonalize(against range: Range<Int>) -> Double {
              for _ in 0..<2 {
                removeColumnMeans(x0, rows: n, columns: 1, stride: 1)
                guard !range.isEmpty else { continue }
                let a = q0 + range.lowerBound
                Double._gemv(
                  transpose: true, m: Int32(n), n: Int32(range.count), alpha: 1, a: a, lda: Int32(ld), x: x0,
                  incx: 1, beta: 0, y: h0, incy: 1)
                Double._gemv(
                  transpose: false, m: Int32(n), n: Int32(range.count), alpha: -1, a: a, lda: Int32(ld), x: h0,
                  incx: 1, beta: 1, y: x0, incy: 1)
              }
              return Double._nrm2(n: Int32(n), x: x0, incx: 1)
            }
            for j in 0..<r {
              for i in 0..<n { x0[i] = v0[i * r + j] }
              let before = Double._nrm2(n: Int32(n), x: x0, incx: 1)
              var length = orthogonalize(against: s..<(s + j))
              if !(length > 0.5 * before) { length = orthogonalize(against: 0..<(s + j)) }
              var attempts = 0
              while !(length > 1e-8 * lengths[j]) && attempts < 4 {
                // Exhausted: continue with a random direction (the basis is below n − 1 columns).
                for i in 0..<n { x0[i] = generator.next() }
                lengths[j] = Double._nrm2(n: Int32(n), x: x0, incx: 1)
                length = orthogonalize(against: 0..<(s + j))
                attempts += 1
              }
              for i in 0..<n {
                let value = x0[i] / length
                v0[i * r + j] = value
                q0[i * ld + s + j] = value
              }
            }
          }
        }
      }
    }
    return block
  }

  /// Makes the `r` columns written by ``orthonormalizedBlock(_:columns:generator:)`` part of
  /// the basis, with their image `K·V` (`n × r`, row-major): stores the image and extends
  /// `H = Qᵀ·K·Q` by its new rows and columns (BLAS `?gemm`; the new diagonal block is
  /// symmetrized).
  ///
  /// - Complexity: O(n · s · r) flops.
  mutating func append(_ block: ContiguousArray<Double>, image blockImage: ContiguousArray<Double>, columns r: Int) {
    let (n, s, ld) = (order, size, capacity)
    let t = s + r
    var cross = ContiguousArray<Double>(repeating: 0, count: t * r)
    q.withUnsafeBufferPointer { q in
      blockImage.withUnsafeBufferPointer { w in
        cross.withUnsafeMutableBufferPointer { c in
          // [Q V]ᵀ · K·V
          gemm(
            t, r, n, a: q.baseAddress!, lda: ld, transposeA: true, b: w.baseAddress!, ldb: r, transposeB: false,
            beta: 0, c: c.baseAddress!, ldc: r)
        }
      }
    }
    for i in 0..<n {
      for j in 0..<r { image[i * ld + s + j] = blockImage[i * r + j] }
    }
    for i in 0..<s {
      for j in 0..<r {
        projected[i * ld + s + j] = cross[i * r + j]
        projected[(s + j) * ld + i] = cross[i * r + j]
      }
    }
    for i in 0..<r {
      for j in 0..<r {
        projected[(s + i) * ld + s + j] = (cross[(s + i) * r + j] + cross[(s + j) * r + i]) / 2
      }
    }
    size = t
  }

  /// The leading Ritz pairs of the basis: values in descending order, vectors `Q·y` as the
  /// columns of an `n × count` row-major matrix, and residual norms `‖K·Q·y − θ·Q·y‖`.
  struct RitzPairs {
    var values: [Double]
    var vectors: ContiguousArray<Double>
    var residuals: [Double]
    /// The `y` of each pair, as the rows of a `count × s` row-major matrix.
    var coefficients: ContiguousArray<Double>
  }

  /// The `count` largest Ritz pairs of `H = Qᵀ·K·Q` (Jacobi up to 64 × 64, LAPACK `?syevr`
  /// beyond, then `?syevd`, `?syev` and Jacobi if it does not converge), lifted to the sample
  /// space with `Q` and `K·Q` (BLAS `?gemm`), so their residuals cost no application of `K`.
  ///
  /// - Complexity: O(s³) for the eigendecomposition plus O(n · s · count).
  func ritzPairs(count: Int) throws -> RitzPairs {
    let (s, ld) = (size, capacity)
    precondition(count >= 1 && count <= s, "SampleSpaceKrylovBasis.ritzPairs: \(count) pairs of \(s)")
    var a = ContiguousArray<Double>(repeating: 0, count: s * s)
    for i in 0..<s {
      for j in 0..<s { a[i * s + j] = projected[i * ld + j] }
    }
    // Up to 64 × 64 (the automatic solver's bases at 512 samples): Jacobi on this thread, not
    // LAPACK, whose ?symv calls wake OpenBLAS's threads to spin through the next pass.
    if s <= JacobiEigensolver.maximumOrder, let (all, vectors) = JacobiEigensolver.decompose(Array(a), order: s) {
      var y = ContiguousArray<Double>(repeating: 0, count: count * s)
      for i in 0..<count {
        for j in 0..<s { y[i * s + j] = vectors[j * s + i] }
      }
      return lifted(values: Array(all.prefix(count)), coefficients: y)
    }
    // Beyond: LAPACK ?syevr, with the recovery chain of LAPACK.symmetricEigenpairs if it does
    // not converge; `a` is rebuilt from H between attempts.
    let pairs = try LAPACK.symmetricEigenpairs(order: s, largest: count, matrix: &a) { a in
      for i in 0..<s {
        for j in 0..<s { a[i * s + j] = projected[i * ld + j] }
      }
    }
    let (values, z) = (pairs.values, pairs.vectors)
    // LAPACK's eigenvectors are the rows of z, ascending: reverse them into Y (count × s).
    var y = ContiguousArray<Double>(repeating: 0, count: count * s)
    for i in 0..<count {
      for j in 0..<s { y[i * s + j] = z[(count - 1 - i) * s + j] }
    }
    return lifted(values: (0..<count).map { values[count - 1 - $0] }, coefficients: y)
  }

  /// The Ritz pairs of the eigenpairs `descending` of `H` whose eigenvectors are the rows of
  /// `y` (`count × s`): `U = Q·Yᵀ`, `K·U = (K·Q)·Yᵀ` (BLAS `?gemm`) and the residual norms.
  private func lifted(values descending: [Double], coefficients y: ContiguousArray<Double>) -> RitzPairs {
    let (n, s, ld) = (order, size, capacity)
    let count = descending.count
    // U = Q·Yᵀ and K·U = (K·Q)·Yᵀ, both n × count.
    var u = ContiguousArray<Double>(repeating: 0, count: n * count)
    var ku = ContiguousArray<Double>(repeating: 0, count: n * count)
    y.withUnsafeBufferPointer { y in
      q.withUnsafeBufferPointer { q in
        u.withUnsafeMutableBufferPointer { u in
          gemm(
            n, count, s, a: q.baseAddress!, lda: ld, transposeA: false, b: y.baseAddress!, ldb: s, transposeB: true,
            beta: 0, c: u.baseAddress!, ldc: count)
        }
      }
      image.withUnsafeBufferPointer { w in
        ku.withUnsafeMutableBufferPointer { ku in
          gemm(
            n, count, s, a: w.baseAddress!, lda: ld, transposeA: false, b: y.baseAddress!, ldb: s, transposeB: true,
            beta: 0, c: ku.baseAddress!, ldc: count)
        }
      }
    }
    var squares = [Double](repeating: 0, count: count)
    for i in 0..<n {
      for j in 0..<count {
        let r = ku[i * count + j] - descending[j] * u[i * count + j]
        squares[j] += r * r
      }
    }
    return RitzPairs(
      values: descending, vectors: u, residuals: squares.map { $0.squareRoot() }, coefficients: y)
  }
}

/// Subtracts each column's mean from a row-major `rows × columns` matrix with row stride
/// `stride`: the projection orthogonal to the all-ones vector.
private func removeColumnMeans(_ v: UnsafeMutablePointer<Double>, rows n: Int, columns r: Int, stride: Int) {
  for j in 0..<r {
    var sum = 0.0
    for i in 0..<n { sum += v[i * stride + j] }
    let mean = sum / Double(n)
    for i in 0..<n { v[i * stride + j] -= mean }
  }
}
