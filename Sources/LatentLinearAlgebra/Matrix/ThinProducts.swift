import CLatentKernels
import Dispatch

// Products of a wide n × d matrix with a few (b ≲ 32) vectors: A · Yᵀ and Cᵀ · A.
//
// They read A once and do 2·b flops per element read, so they are bound by memory
// bandwidth. OpenBLAS 0.3.21 runs them at a fraction of that: it packs A before its gemm
// kernel (an extra copy of every element) and, with two threads, loses more to
// synchronization than it gains (512 × 100,000 times 12 vectors: 0.08 s on one thread,
// 0.10 s on two, against 0.023 s for a gemv over the same matrix). These loops stream A
// once, in column chunks whose share of the vectors stays in cache, split over the
// machine's cores; the loops themselves are C (CLatentKernels), where AVX2 and FMA can be
// chosen at run time, which Swift code compiled for baseline x86-64 cannot do.

/// Multiply-add kernels for a wide matrix times a few vectors, on all cores.
package enum ThinProducts {
  /// The most vectors a thin product takes (`b`); wider products go to `?gemm`.
  package static let maximumCount = 32

  /// The fewest values of the streamed matrix for which ``Matrix`` routes a product here.
  package static let minimumStreamed = 1 << 16

  /// The shortest rows of the streamed matrix for which ``Matrix`` routes a product here.
  package static let minimumRowLength = 256

  /// Worker threads: the cores OpenBLAS uses (its thread count).
  package static var workers: Int { Swift.max(1, OpenBLASRuntime.threadCount) }

  /// `out[i, t] = Σⱼ (a[i, j] − mean[j]) · y[t, j]` for `i < rows` (`out` is `rows × b`,
  /// row-major, overwritten); without `mean`, `Σⱼ a[i, j] · y[t, j]`.
  ///
  /// `a` is `rows × d` with leading dimension `lda`; `y` is `b × d` with leading dimension `d`;
  /// `mean` has `d` values. Centring is exact: each value has its mean subtracted before the
  /// product, so large means cost no accuracy.
  /// - Complexity: O(rows · d · b) flops, one read of `a`.
  package static func timesTransposed<Scalar: LinearAlgebraScalar>(
    _ a: UnsafePointer<Scalar>, lda: Int, rows: Int, columns d: Int, mean: UnsafePointer<Scalar>? = nil,
    _ y: UnsafePointer<Scalar>, count b: Int, into out: UnsafeMutablePointer<Scalar>
  ) {
    if Scalar.self == Double.self || Scalar.self == Float.self {
      forward(a, lda, rows, d, mean, y, b, out)
    } else if mean != nil {
      for i in 0..<rows {
        for t in 0..<b {
          var sum: Scalar = 0
          for j in 0..<d { sum += (a[i * lda + j] - mean![j]) * y[t * d + j] }
          out[i * b + t] = sum
        }
      }
    } else {
      Scalar._gemm(
        transposeA: false, transposeB: true, m: Int32(rows), n: Int32(b), k: Int32(d), alpha: 1, a: a,
        lda: Int32(Swift.max(lda, 1)), b: y, ldb: Int32(Swift.max(d, 1)), beta: 0, c: out, ldc: Int32(Swift.max(b, 1)))
    }
  }

  /// `out[t, j] = Σᵢ c[i, t] · a[i, j]` (`out` is `b × d`, row-major, overwritten).
  ///
  /// `a` is `rows × d` with leading dimension `lda`; `c` is `rows × b`, row-major.
  /// - Complexity: O(rows · d · b) flops, one read of `a`.
  package static func transposedTimes<Scalar: LinearAlgebraScalar>(
    _ c: UnsafePointer<Scalar>, count b: Int, _ a: UnsafePointer<Scalar>, lda: Int, rows: Int, columns d: Int,
    into out: UnsafeMutablePointer<Scalar>
  ) {
    if Scalar.self == Double.self || Scalar.self == Float.self {
      backward(c, b, a, lda, rows, d, out)
    } else {
      Scalar._gemm(
        transposeA: true, transposeB: false, m: Int32(b), n: Int32(d), k: Int32(rows), alpha: 1, a: c,
        lda: Int32(Swift.max(b, 1)), b: a, ldb: Int32(Swift.max(lda, 1)), beta: 0, c: out, ldc: Int32(Swift.max(d, 1)))
    }
  }

  /// One pass of `K = Xc · Xcᵀ` on `r` vectors, `Xc = X − 1·μᵀ`, for Lanczos PCA: returns
  /// `Xc · Xcᵀ · V` (`n × r`, row-major) and, when `sumOfSquares` is set, `‖Xc‖²_F` (else 0);
  /// writes `Xcᵀ · V` (`d × r`, row-major) into `transposedProduct` when it is given.
  /// `nil` when `Source` is neither `Double` nor `Float`.
  ///
  /// The data are read once: the columns are split among the cores in ranges of whole
  /// 32-column blocks, and each core's C kernel (`latent_centred_gram_apply_*`) uses every
  /// block for both products while it is in cache, centring each value as it reads it
  /// (exact: no expansion of `X·Xᵀ − n·μ·μᵀ`). Each worker keeps its own partial result, and
  /// the partial results are summed in a fixed order. All arithmetic is in `Double`.
  /// - Complexity: `4·n·d·r` flops; one read of the data.
  package static func centredGramTimes<Source: LinearAlgebraScalar>(
    _ x: UnsafePointer<Source>, rows n: Int, columns d: Int, mean: UnsafePointer<Double>,
    _ v: UnsafePointer<Double>, count r: Int, transposedProduct: UnsafeMutablePointer<Double>?, sumOfSquares: Bool
  ) -> (product: [Double], sumOfSquares: Double)? {
    guard Source.self == Double.self || Source.self == Float.self else { return nil }
    guard n > 0, d > 0, r > 0 else { return ([Double](repeating: 0, count: n * r), 0) }
    let blocks = (d + 31) / 32
    let count = parts(n * d * r, limit: blocks)
    let scratchCount = latent_centred_gram_scratch(n, r)
    var partials = [Double](repeating: 0, count: count * n * r)
    var totals = [Double](repeating: 0, count: count)
    var scratch = [Double](repeating: 0, count: count * scratchCount)
    let isDouble = Source.self == Double.self
    partials.withUnsafeMutableBufferPointer { partials in
      totals.withUnsafeMutableBufferPointer { totals in
        scratch.withUnsafeMutableBufferPointer { scratch in
          let (sx, sm, sv) = (UnsafeSendable(x), UnsafeSendable(mean), UnsafeSendable(v))
          let (sp, st, ss) = (UnsafeSendable(partials.baseAddress!), UnsafeSendable(totals.baseAddress!), UnsafeSendable(scratch.baseAddress!))
          let kept = transposedProduct.map { UnsafeSendable($0) }
          inParallel(count) { part in
            // Whole blocks per part; each part writes only its slices.
            let perPart = (blocks + count - 1) / count * 32
            let first = Swift.min(d, part * perPart)
            let width = Swift.min(d, first + perPart) - first
            guard width > 0 else { return }
            let mean = sm.raw.assumingMemoryBound(to: Double.self) + first
            let v = sv.raw.assumingMemoryBound(to: Double.self)
            let y = UnsafeMutablePointer(mutating: sp.raw.assumingMemoryBound(to: Double.self)) + part * n * r
            let total = sumOfSquares ? UnsafeMutablePointer(mutating: st.raw.assumingMemoryBound(to: Double.self)) + part : nil
            let work = UnsafeMutablePointer(mutating: ss.raw.assumingMemoryBound(to: Double.self)) + part * scratchCount
            let t = kept.map { UnsafeMutablePointer(mutating: $0.raw.assumingMemoryBound(to: Double.self)) + first * r }
            if isDouble {
              latent_centred_gram_apply_d(
                sx.raw.assumingMemoryBound(to: Double.self) + first, d, n, width, mean, v, r, y, t, total, work)
            } else {
              latent_centred_gram_apply_s(
                sx.raw.assumingMemoryBound(to: Float.self) + first, d, n, width, mean, v, r, y, t, total, work)
            }
          }
        }
      }
    }
    var product = [Double](partials[0..<(n * r)])
    for part in 1..<Swift.max(count, 1) {
      for i in 0..<(n * r) { product[i] += partials[part * n * r + i] }
    }
    return (product, totals.reduce(0, +))
  }

  /// Runs `body(part)` for `parts` parts on separate threads (inline for one part).
  private static func inParallel(_ parts: Int, _ body: @Sendable (Int) -> Void) {
    if parts <= 1 {
      body(0)
    } else {
      DispatchQueue.concurrentPerform(iterations: parts, execute: body)
    }
  }

  /// How many parts a product of this many multiply-adds is split into.
  private static func parts(_ work: Int, limit: Int) -> Int {
    work >= 1 << 20 ? Swift.max(1, Swift.min(workers, limit)) : 1
  }

  private static func forward<S: BinaryFloatingPoint>(
    _ a: UnsafePointer<S>, _ lda: Int, _ rows: Int, _ d: Int, _ mean: UnsafePointer<S>?, _ y: UnsafePointer<S>,
    _ b: Int, _ out: UnsafeMutablePointer<S>
  ) {
    guard rows > 0, b > 0 else { return }
    // Rows are split between the workers.
    let count = parts(rows * d * b, limit: rows)
    let (sa, sy, so) = (UnsafeSendable(a), UnsafeSendable(y), UnsafeSendable(out))
    let sm = mean.map { UnsafeSendable($0) }
    let isDouble = S.self == Double.self
    inParallel(count) { part in
      let first = rows * part / count, last = rows * (part + 1) / count
      let (a, y, out, mean) = (sa.raw, sy.raw, so.raw, sm?.raw)
      if isDouble {
        latent_thin_forward_d(
          a.assumingMemoryBound(to: Double.self) + first * lda, lda, last - first, d,
          mean?.assumingMemoryBound(to: Double.self), y.assumingMemoryBound(to: Double.self), d, b,
          UnsafeMutablePointer(mutating: out.assumingMemoryBound(to: Double.self)) + first * b)
      } else {
        latent_thin_forward_s(
          a.assumingMemoryBound(to: Float.self) + first * lda, lda, last - first, d,
          mean?.assumingMemoryBound(to: Float.self), y.assumingMemoryBound(to: Float.self), d, b,
          UnsafeMutablePointer(mutating: out.assumingMemoryBound(to: Float.self)) + first * b)
      }
    }
  }

  private static func backward<S: BinaryFloatingPoint>(
    _ c: UnsafePointer<S>, _ b: Int, _ a: UnsafePointer<S>, _ lda: Int, _ rows: Int, _ d: Int,
    _ out: UnsafeMutablePointer<S>
  ) {
    guard b > 0, d > 0 else { return }
    guard rows > 0 else {
      out.initialize(repeating: 0, count: b * d)
      return
    }
    // Columns are split between the workers: each owns its part of every output row.
    let count = parts(rows * d * b, limit: d / 64)
    let (sa, sc, so) = (UnsafeSendable(a), UnsafeSendable(c), UnsafeSendable(out))
    let isDouble = S.self == Double.self
    inParallel(count) { part in
      let first = d * part / count, last = d * (part + 1) / count
      let (a, c, out) = (sa.raw, sc.raw, so.raw)
      if isDouble {
        latent_thin_backward_d(
          c.assumingMemoryBound(to: Double.self), b, a.assumingMemoryBound(to: Double.self) + first, lda, rows,
          last - first, UnsafeMutablePointer(mutating: out.assumingMemoryBound(to: Double.self)) + first, d)
      } else {
        latent_thin_backward_s(
          c.assumingMemoryBound(to: Float.self), b, a.assumingMemoryBound(to: Float.self) + first, lda, rows,
          last - first, UnsafeMutablePointer(mutating: out.assumingMemoryBound(to: Float.self)) + first, d)
      }
    }
  }
}

/// A pointer handed to worker threads that only touch disjoint parts of what it points to.
private struct UnsafeSendable: @unchecked Sendable {
  let raw: UnsafeRawPointer
  init<Pointee>(_ pointer: UnsafePointer<Pointee>) { raw = UnsafeRawPointer(pointer) }
  init<Pointee>(_ pointer: UnsafeMutablePointer<Pointee>) { raw = UnsafeRawPointer(pointer) }
}
