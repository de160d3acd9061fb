import Foundation
import LatentLinearAlgebra

/// The centred data `X − 1·μᵀ`, handed to BLAS one block at a time.
///
/// PCA needs products with the centred data, never the centred data itself. Instead of a
/// centred copy of an `n × d` input (another 410 MB at 512 × 100,000 in `Double`), each
/// block of rows or columns is centred (on all cores) and converted to `Work` precision in a
/// buffer of about 8 MB that BLAS reads from cache, so the peak memory is the input plus the
/// outputs.
///
/// Wide data (`d ≥ n`) is cut into column blocks (`n × width`), tall data into row blocks
/// (`height × d`): each choice keeps the operand that every block re-reads (`n × r` or
/// `r × d`) the small one.
struct CentredBlocks<Source: LinearAlgebraScalar, Work: LinearAlgebraScalar> {
  /// The data, `n × d`.
  let source: Matrix<Source>
  /// The column means to subtract, in `Work` precision.
  let mean: [Work]

  /// Elements per block buffer: 8 MB of `Double` (blocks of 512 columns at n = 512: narrower
  /// blocks cost `?syrk` efficiency, measured 0.74–0.81 s against 0.64–0.71 s for the Gram
  /// solver at 512 × 100,000 with 2 MB blocks).
  static var blockElements: Int { 1 << 20 }

  var rowCount: Int { source.rowCount }
  var columnCount: Int { source.columnCount }

  /// Whether products stream column blocks (wide data) rather than row blocks.
  var prefersColumnBlocks: Bool { columnCount >= rowCount }

  /// The width of the column blocks of ``forEachColumnBlock(_:)``: a block of about
  /// ``blockElements`` values, at least 16 columns.
  var columnBlockWidth: Int { Swift.min(columnCount, Swift.max(16, Self.blockElements / Swift.max(rowCount, 1))) }

  /// Calls `body` with consecutive column blocks of the centred data: `rowCount × width`,
  /// row-major, columns `columns` of `X − 1·μᵀ`, for the columns in `range` (all by default).
  ///
  /// - Complexity: O(n · d) for the conversions, plus what `body` does.
  func forEachColumnBlock(
    in range: Range<Int>? = nil, width: Int? = nil, onAllCores: Bool = true,
    _ body: (_ columns: Range<Int>, _ block: UnsafeMutableBufferPointer<Work>) throws -> Void
  ) rethrows {
    let (n, d) = (rowCount, columnCount)
    let width = width ?? columnBlockWidth
    let range = range ?? 0..<d
    let buffer = UnsafeMutableBufferPointer<Work>.allocate(capacity: n * width)
    defer { buffer.deallocate() }
    try source.elements.withUnsafeBufferPointer { x in
      try mean.withUnsafeBufferPointer { mu in
        let shared = UncheckedSendable(value: (x.baseAddress!, mu.baseAddress!, buffer.baseAddress!))
        let parts = onAllCores ? Parallel.parts(elements: n * width, limit: n) : 1
        var j0 = range.lowerBound
        while j0 < range.upperBound {
          let j1 = Swift.min(j0 + width, range.upperBound)
          let (b, start) = (j1 - j0, j0)
          // The rows of the block are centred on all cores, each worker its own rows.
          Parallel.forEachRange(of: n, parts: parts) { rows in
            let (x, mu, target) = shared.value
            for i in rows { centre(x + i * d + start, mu + start, into: target + i * b, count: b) }
          }
          try body(j0..<j1, UnsafeMutableBufferPointer(rebasing: buffer[0..<(n * b)]))
          j0 = j1
        }
      }
    }
  }

  /// Calls `body` with consecutive row blocks of the centred data: `height × columnCount`,
  /// row-major, rows `rows` of `X − 1·μᵀ`.
  ///
  /// - Complexity: O(n · d) for the conversions, plus what `body` does.
  func forEachRowBlock(
    _ body: (_ rows: Range<Int>, _ block: UnsafeMutableBufferPointer<Work>) throws -> Void
  ) rethrows {
    let (n, d) = (rowCount, columnCount)
    let height = Swift.min(n, Swift.max(1, Self.blockElements / Swift.max(d, 1)))
    let buffer = UnsafeMutableBufferPointer<Work>.allocate(capacity: height * d)
    defer { buffer.deallocate() }
    try source.elements.withUnsafeBufferPointer { x in
      try mean.withUnsafeBufferPointer { mu in
        var i0 = 0
        while i0 < n {
          let i1 = Swift.min(i0 + height, n)
          for i in i0..<i1 {
            centre(x.baseAddress! + i * d, mu.baseAddress!, into: buffer.baseAddress! + (i - i0) * d, count: d)
          }
          try body(i0..<i1, UnsafeMutableBufferPointer(rebasing: buffer[0..<((i1 - i0) * d)]))
          i0 = i1
        }
      }
    }
  }
}

/// `target = Work(row) − mean`, element by element: a conversion (or a copy when the types
/// agree) followed by BLAS `?axpy`.
@inline(__always)
private func centre<Source: LinearAlgebraScalar, Work: LinearAlgebraScalar>(
  _ row: UnsafePointer<Source>, _ mean: UnsafePointer<Work>, into target: UnsafeMutablePointer<Work>, count: Int
) {
  convert(row, into: target, count: count)
  Work._axpy(n: Int32(count), alpha: -1, x: mean, incx: 1, y: target, incy: 1)
}

/// Copies `count` values, converting precision. The `Float`/`Double` cases are written out so
/// that they run at full speed even where generic code is not specialised (debug builds).
func convert<Source: LinearAlgebraScalar, Target: LinearAlgebraScalar>(
  _ source: UnsafePointer<Source>, into target: UnsafeMutablePointer<Target>, count: Int
) {
  if Source.self == Target.self {
    UnsafeMutableRawPointer(target).copyMemory(from: source, byteCount: count * MemoryLayout<Source>.stride)
  } else if Source.self == Float.self, Target.self == Double.self {
    let from = UnsafeRawPointer(source).assumingMemoryBound(to: Float.self)
    let to = UnsafeMutableRawPointer(target).assumingMemoryBound(to: Double.self)
    for i in 0..<count { to[i] = Double(from[i]) }
  } else if Source.self == Double.self, Target.self == Float.self {
    let from = UnsafeRawPointer(source).assumingMemoryBound(to: Double.self)
    let to = UnsafeMutableRawPointer(target).assumingMemoryBound(to: Float.self)
    for i in 0..<count { to[i] = Float(from[i]) }
  } else {
    for i in 0..<count { target[i] = Target(source[i]) }
  }
}

// MARK: - Products

extension CentredBlocks {
  /// `Xc · Vᵀ` for `v` holding `r` rows of length `d`: an `n × r` row-major result.
  ///
  /// The corresponding BLAS routine is `?gemm`, once per block.
  /// - Complexity: O(n · d · r).
  func timesTransposed(_ v: ContiguousArray<Work>, rows r: Int) -> ContiguousArray<Work> {
    let (n, d) = (rowCount, columnCount)
    precondition(v.count == r * d, "CentredBlocks.timesTransposed: \(v.count) values for \(r) × \(d)")
    var result = ContiguousArray<Work>(repeating: 0, count: n * r)
    guard r > 0 else { return result }
    v.withUnsafeBufferPointer { v in
      result.withUnsafeMutableBufferPointer { y in
        if prefersColumnBlocks {
          // Y += B · V[:, columns]ᵀ
          forEachColumnBlock { columns, block in
            gemm(
              n, r, columns.count, a: block.baseAddress!, lda: columns.count, transposeA: false,
              b: v.baseAddress! + columns.lowerBound, ldb: d, transposeB: true,
              beta: columns.lowerBound == 0 ? 0 : 1, c: y.baseAddress!, ldc: r)
          }
        } else {
          // Y[rows, :] = B · Vᵀ
          forEachRowBlock { rows, block in
            gemm(
              rows.count, r, d, a: block.baseAddress!, lda: d, transposeA: false,
              b: v.baseAddress!, ldb: d, transposeB: true,
              beta: 0, c: y.baseAddress! + rows.lowerBound * r, ldc: r)
          }
        }
      }
    }
    return result
  }

  /// `Uᵀ · Xc` for `u` holding an `n × r` row-major matrix: an `r × d` row-major result.
  ///
  /// The corresponding BLAS routine is `?gemm`, once per block.
  /// - Complexity: O(n · d · r).
  func transposedTimes(_ u: ContiguousArray<Work>, columns r: Int) -> ContiguousArray<Work> {
    var result = ContiguousArray<Work>(repeating: 0, count: r * columnCount)
    result.withUnsafeMutableBufferPointer { w in
      _ = transposedTimes(u, columns: r, into: w)
    }
    return result
  }

  /// `Uᵀ · Xc` written into `output` (`r × d`, row-major) converted to `Output`, with the
  /// Euclidean norm of each output row accumulated in `Double`.
  ///
  /// Wide data with `Double` work and at most ``fusedMaximumColumns`` vectors use the fused
  /// pass of ``gramTimes(_:columns:sumOfSquares:transposedProduct:)`` (one read of the data,
  /// centred as it is read, into a `d × r` temporary). Otherwise column blocks compute each
  /// block of the result in `Work` precision and convert it into `output`, so no `r × d`
  /// temporary in `Work` precision is made; row blocks accumulate into the output and need
  /// `Output == Work`.
  ///
  /// - Complexity: O(n · d · r).
  @discardableResult
  func transposedTimes<Output: LinearAlgebraScalar>(
    _ u: ContiguousArray<Work>, columns r: Int, into output: UnsafeMutableBufferPointer<Output>
  ) -> [Double] {
    let (n, d) = (rowCount, columnCount)
    precondition(u.count == n * r && output.count == r * d, "CentredBlocks.transposedTimes: shape mismatch")
    var squares = [Double](repeating: 0, count: r)
    guard r > 0 else { return squares }
    // Wide data, Double work, few vectors: the fused pass forms Xcᵀ·U (d × r) in one read,
    // centring as it reads (its second product is not needed here, and costs no extra read).
    if Work.self == Double.self, prefersColumnBlocks, r <= Self.fusedMaximumColumns {
      var transposed = [Double](repeating: 0, count: d * r)
      _ = transposed.withUnsafeMutableBufferPointer { t in
        gramTimes(u, columns: r, transposedProduct: UnsafeMutableRawPointer(t.baseAddress!).assumingMemoryBound(to: Work.self))
      }
      transposed.withUnsafeBufferPointer { t in
        for i in 0..<r {
          var sum = 0.0
          let row = output.baseAddress! + i * d
          for j in 0..<d {
            let value = t[j * r + i]
            sum += value * value
            row[j] = Output(value)
          }
          squares[i] = sum
        }
      }
      return squares.map { $0.squareRoot() }
    }
    u.withUnsafeBufferPointer { u in
      if prefersColumnBlocks || Output.self != Work.self {
        let width = columnBlockWidth
        var scratch = ContiguousArray<Work>(repeating: 0, count: r * width)
        scratch.withUnsafeMutableBufferPointer { scratch in
          forEachColumnBlock { columns, block in
            let b = columns.count
            // W[:, columns] = Uᵀ · B
            gemm(
              r, b, n, a: u.baseAddress!, lda: r, transposeA: true,
              b: block.baseAddress!, ldb: b, transposeB: false,
              beta: 0, c: scratch.baseAddress!, ldc: b)
            for i in 0..<r {
              let from = scratch.baseAddress! + i * b
              convert(from, into: output.baseAddress! + i * d + columns.lowerBound, count: b)
              let norm = Double(Work._nrm2(n: Int32(b), x: from, incx: 1))
              squares[i] += norm * norm
            }
          }
        }
      } else {
        // W += U[rows, :]ᵀ · B, accumulated in place (Output == Work).
        let w = UnsafeMutableRawPointer(output.baseAddress!).assumingMemoryBound(to: Work.self)
        forEachRowBlock { rows, block in
          gemm(
            r, d, rows.count, a: u.baseAddress! + rows.lowerBound * r, lda: r, transposeA: true,
            b: block.baseAddress!, ldb: d, transposeB: false,
            beta: rows.lowerBound == 0 ? 0 : 1, c: w, ldc: d)
        }
        for i in 0..<r {
          let norm = Double(Work._nrm2(n: Int32(d), x: w + i * d, incx: 1))
          squares[i] = norm * norm
        }
      }
    }
    return squares.map { $0.squareRoot() }
  }

  /// `Xc · Xcᵀ · V` for `v` holding an `n × r` row-major matrix: an `n × r` row-major result,
  /// in one pass over the data, without forming the `n × n` Gram matrix.
  ///
  /// Each column block `B` (`n × w`, centred) is used twice while it is in cache:
  /// `T = Bᵀ · V` (`w × r`), then `Y += B · T`. When `sumOfSquares` is set, `‖Xc‖²_F` is
  /// accumulated from the same blocks (otherwise the second value is zero), so a caller that
  /// needs both does not read the data twice. Centring is exact (each block is centred before
  /// the products): expanding `X·Xᵀ − n·μ·μᵀ` instead would cancel catastrophically when the
  /// means are large against the spread.
  ///
  /// The columns are split among ``concurrentLayout(columns:)``'s workers, each with its own
  /// block buffer and partial result (summed in a fixed order, so the result does not depend
  /// on scheduling): centring a block is a copy that a single BLAS call cannot spread over the
  /// cores, and it costs as much as the arithmetic when `r` is small.
  ///
  /// When `transposedProduct` is given (`d × r`, row-major), the intermediate `Xcᵀ · V` is
  /// written there as well, at no extra cost: a caller can then form `Xcᵀ · V · y` for any
  /// `y` without another pass.
  ///
  /// The corresponding BLAS routine is `?gemm`, twice per block.
  /// - Complexity: `4 · n · d · r` flops; one read of the data.
  func gramTimes(
    _ v: ContiguousArray<Work>, columns r: Int, sumOfSquares: Bool = false,
    transposedProduct: UnsafeMutablePointer<Work>? = nil
  ) -> (product: ContiguousArray<Work>, sumOfSquares: Double) {
    let (n, d) = (rowCount, columnCount)
    precondition(v.count == n * r, "CentredBlocks.gramTimes: \(v.count) values for \(n) × \(r)")
    guard r > 0 else { return (ContiguousArray(repeating: 0, count: 0), 0) }
    if let fused = fusedGramTimes(v, columns: r, sumOfSquares: sumOfSquares, transposedProduct: transposedProduct) {
      return fused
    }
    let (workers, slice) = concurrentLayout(columns: r)
    let width = columnBlockWidth
    var partials = ContiguousArray<Work>(repeating: 0, count: workers * n * r)
    var totals = [Double](repeating: 0, count: workers)
    var scratch = ContiguousArray<Work>(repeating: 0, count: workers * width * r)
    v.withUnsafeBufferPointer { v in
      partials.withUnsafeMutableBufferPointer { partials in
        totals.withUnsafeMutableBufferPointer { totals in
          scratch.withUnsafeMutableBufferPointer { scratch in
            // Each worker writes only its own slices of these buffers.
            let shared = UncheckedSendable(
              value: (
                v.baseAddress!, partials.baseAddress!, totals.baseAddress!, scratch.baseAddress!, transposedProduct
              ))
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
              let (v0, p0, s0, t0, kept) = shared.value
              let y = p0 + worker * n * r
              let chunk = (d + workers - 1) / workers
              let columns = Swift.min(d, worker * chunk)..<Swift.min(d, (worker + 1) * chunk)
              forEachColumnBlock(in: columns, width: width, onAllCores: false) { columns, block in
                let w = columns.count
                let t = kept.map { $0 + columns.lowerBound * r } ?? t0 + worker * width * r
                // T = Bᵀ · V, then Y += B · T, in slices of `slice` columns of B.
                for j in stride(from: 0, to: w, by: slice) {
                  gemm(
                    Swift.min(slice, w - j), r, n, a: block.baseAddress! + j, lda: w, transposeA: true, b: v0,
                    ldb: r, transposeB: false, beta: 0, c: t + j * r, ldc: r)
                }
                for j in stride(from: 0, to: w, by: slice) {
                  gemm(
                    n, r, Swift.min(slice, w - j), a: block.baseAddress! + j, lda: w, transposeA: false,
                    b: t + j * r, ldb: r, transposeB: false, beta: 1, c: y, ldc: r)
                }
                if sumOfSquares {
                  let norm = Double(Work._nrm2(n: Int32(block.count), x: block.baseAddress!, incx: 1))
                  s0[worker] += norm * norm
                }
              }
            }
          }
        }
      }
    }
    var result = ContiguousArray(partials[0..<(n * r)])
    for worker in 1..<workers {
      for i in 0..<(n * r) { result[i] += partials[worker * n * r + i] }
    }
    return (result, totals.reduce(0, +))
  }

  /// The most vectors for which ``gramTimes(_:columns:sumOfSquares:transposedProduct:)`` runs
  /// the fused C kernel; wider blocks are compute bound and go to `?gemm`.
  static var fusedMaximumColumns: Int { 16 }

  /// ``gramTimes(_:columns:sumOfSquares:transposedProduct:)`` by
  /// ``ThinProducts/centredGramTimes(_:rows:columns:mean:_:count:transposedProduct:sumOfSquares:)``
  /// (a fused C kernel on all cores) for wide data with `Double` work and at most
  /// ``fusedMaximumColumns`` vectors; `nil` otherwise.
  private func fusedGramTimes(
    _ v: ContiguousArray<Work>, columns r: Int, sumOfSquares: Bool, transposedProduct: UnsafeMutablePointer<Work>?
  ) -> (product: ContiguousArray<Work>, sumOfSquares: Double)? {
    guard Work.self == Double.self, prefersColumnBlocks, r <= Self.fusedMaximumColumns else { return nil }
    let (n, d) = (rowCount, columnCount)
    let kept = transposedProduct.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: Double.self) }
    let result = source.elements.withUnsafeBufferPointer { x in
      mean.withUnsafeBufferPointer { mu in
        v.withUnsafeBufferPointer { v in
          ThinProducts.centredGramTimes(
            x.baseAddress!, rows: n, columns: d, mean: UnsafeRawPointer(mu.baseAddress!).assumingMemoryBound(to: Double.self),
            UnsafeRawPointer(v.baseAddress!).assumingMemoryBound(to: Double.self), count: r, transposedProduct: kept,
            sumOfSquares: sumOfSquares)
        }
      }
    }
    guard let (product, total) = result else { return nil }
    return (ContiguousArray(product.map { Work($0) }), total)
  }

  /// How ``gramTimes(_:columns:sumOfSquares:transposedProduct:)`` splits its work for `r` vectors: one worker
  /// per processor (at most 8), each multiplying its blocks in slices of columns narrow enough
  /// that each `?gemm` call (`n · slice · r` multiply–adds) stays below OpenBLAS's threshold
  /// for threading, 2¹⁸, so that the workers do not compete for OpenBLAS's thread pool; a
  /// single worker with whole blocks (and threaded BLAS calls) when even 16 columns would
  /// cross it.
  func concurrentLayout(columns r: Int) -> (workers: Int, slice: Int) {
    let (n, d) = (rowCount, columnCount)
    let width = columnBlockWidth
    let slice = Swift.min(width, Self.concurrentBlockMultiplyAdds / Swift.max(n * r, 1))
    let workers = Swift.min(ProcessInfo.processInfo.activeProcessorCount, 8, d / Swift.max(2 * width, 1))
    guard slice >= 16, workers >= 2 else { return (1, width) }
    return (workers, slice)
  }

  /// Multiply–adds per `?gemm` call in concurrent passes (see ``concurrentLayout(columns:)``).
  static var concurrentBlockMultiplyAdds: Int { 1 << 17 }

  /// The lower triangle (row-major) of the `n × n` Gram matrix `Xc · Xcᵀ`.
  ///
  /// The corresponding BLAS routine is `?syrk`, once per column block.
  /// - Complexity: O(n² · d).
  func gramLowerTriangle() -> ContiguousArray<Work> {
    let n = rowCount
    var result = ContiguousArray<Work>(repeating: 0, count: n * n)
    result.withUnsafeMutableBufferPointer { k in
      forEachColumnBlock { columns, block in
        Work._syrk(
          lower: true, transpose: false, n: Int32(n), k: Int32(columns.count), alpha: 1,
          a: block.baseAddress!, lda: Int32(columns.count), beta: columns.lowerBound == 0 ? 0 : 1,
          c: k.baseAddress!, ldc: Int32(n))
      }
    }
    return result
  }

  /// The lower triangle (row-major) of the `d × d` scatter matrix `Xcᵀ · Xc`.
  ///
  /// The corresponding BLAS routine is `?syrk`, once per row block.
  /// - Complexity: O(n · d²).
  func scatterLowerTriangle() -> ContiguousArray<Work> {
    let d = columnCount
    var result = ContiguousArray<Work>(repeating: 0, count: d * d)
    result.withUnsafeMutableBufferPointer { c in
      forEachRowBlock { rows, block in
        Work._syrk(
          lower: true, transpose: true, n: Int32(d), k: Int32(rows.count), alpha: 1,
          a: block.baseAddress!, lda: Int32(d), beta: rows.lowerBound == 0 ? 0 : 1,
          c: c.baseAddress!, ldc: Int32(d))
      }
    }
    return result
  }

  /// `‖Xc‖²_F`, the sum of the squared centred values, accumulated in `Double`.
  ///
  /// - Complexity: O(n · d).
  func sumOfSquares() -> Double {
    var total = 0.0
    let visit = { (_: Range<Int>, block: UnsafeMutableBufferPointer<Work>) in
      let norm = Double(Work._nrm2(n: Int32(block.count), x: block.baseAddress!, incx: 1))
      total += norm * norm
    }
    if prefersColumnBlocks { forEachColumnBlock(visit) } else { forEachRowBlock(visit) }
    return total
  }
}

/// `(x − mean) · Vᵀ` for `v` holding `m` rows of length `d`: the `n × m` row-major result of
/// the PCA and LDA transforms, without a centred copy of `x`. Up to 32 rows, Latent's
/// few-vector kernel reads `x` once on all cores and subtracts the mean from each value as it
/// reads it; more rows, ``CentredBlocks/timesTransposed(_:rows:)`` (`?gemm` on centred blocks).
/// Either way in `Scalar` precision.
/// - Complexity: O(n · d · m).
func centredTimesTransposed<Scalar: LinearAlgebraScalar>(
  _ x: Matrix<Scalar>, mean: [Scalar], rows v: ContiguousArray<Scalar>, count m: Int
) -> ContiguousArray<Scalar> {
  let (n, d) = (x.rowCount, x.columnCount)
  precondition(mean.count == d && v.count == m * d, "centredTimesTransposed: shape mismatch")
  if m <= ThinProducts.maximumCount {
    var result = ContiguousArray<Scalar>(repeating: 0, count: n * m)
    guard n > 0, m > 0 else { return result }
    x.elements.withUnsafeBufferPointer { xs in
      mean.withUnsafeBufferPointer { mu in
        v.withUnsafeBufferPointer { v in
          result.withUnsafeMutableBufferPointer { out in
            ThinProducts.timesTransposed(
              xs.baseAddress!, lda: d, rows: n, columns: d, mean: mu.baseAddress!, v.baseAddress!, count: m,
              into: out.baseAddress!)
          }
        }
      }
    }
    return result
  }
  return CentredBlocks<Scalar, Scalar>(source: x, mean: mean).timesTransposed(v, rows: m)
}

/// A value handed to concurrent workers that the compiler cannot check: buffers of which each
/// worker reads what all share and writes only its own slice.
struct UncheckedSendable<Value>: @unchecked Sendable {
  let value: Value
}

/// `C = op(A) · op(B) + beta · C`, row-major, with `Int` sizes (checked by the caller to fit
/// the 32-bit BLAS interface). The corresponding BLAS routine is `?gemm`.
@inline(__always)
func gemm<T: LinearAlgebraScalar>(
  _ m: Int, _ n: Int, _ k: Int,
  a: UnsafePointer<T>, lda: Int, transposeA: Bool,
  b: UnsafePointer<T>, ldb: Int, transposeB: Bool,
  beta: T, c: UnsafeMutablePointer<T>, ldc: Int
) {
  guard m > 0, n > 0 else { return }
  T._gemm(
    transposeA: transposeA, transposeB: transposeB, m: Int32(m), n: Int32(n), k: Int32(k),
    alpha: 1, a: a, lda: Int32(Swift.max(lda, 1)), b: b, ldb: Int32(Swift.max(ldb, 1)),
    beta: beta, c: c, ldc: Int32(Swift.max(ldc, 1)))
}
