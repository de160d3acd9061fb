import LatentLinearAlgebra

// The low-rank solvers' view of the data: rows that are built from the input one column
// block at a time instead of being held in an n × d working copy.
//
// Every row the solvers need is a difference of two stored rows times a per-feature scale:
// a sample minus its class mean, a class mean minus the sample mean, the sample minus the
// sample mean, each divided by some standard deviation. `StreamedRows` describes such rows
// and hands them to BLAS as column blocks of about 8 MB, built in a buffer that stays in
// cache; the Gram matrices and products are accumulated block by block. The only n × d
// array a fit then holds is its input, and every block is exactly what a scaled, centred
// working copy would hold, so the results are those of the copy to the last bit of rounding.

/// Where the first term of a streamed row comes from.
enum StreamedSource: Sendable, Equatable {
  /// Row `i` of the input.
  case sample(Int)
  /// Row `k` of the centres (the class means, then the sample mean and `xbar`).
  case centre(Int)
}

/// One row of a ``StreamedRows`` matrix: `(source − centres[centre]) ∘ scales[scale]`.
struct StreamedRow: Sendable, Equatable {
  var source: StreamedSource
  var centre: Int
  var scale: Int
}

/// A virtual `rows.count × d` matrix whose rows are built from the input on demand.
///
/// Row `i` is `(a − b) ∘ s` with `a` an input row or a centre row, `b` a centre row and `s`
/// one of a few scale vectors. Products with it stream the input once per call, building
/// one `rows.count × width` column block at a time (`width · rows.count ≈ 2²⁰` values).
struct StreamedRows<Scalar: LinearAlgebraScalar> {
  /// The input, `n × d`.
  let x: Matrix<Scalar>
  /// Rows to subtract (and sometimes to start from), `centreCount × d`, row-major.
  let centres: ContiguousArray<Scalar>
  /// Scale vectors, `scaleCount × d`, row-major.
  let scales: ContiguousArray<Scalar>
  /// The rows of the virtual matrix.
  let rows: [StreamedRow]
  /// Whether ``timesTransposed(_:rows:)`` and ``transposedTimes(_:rows:)`` may read the input
  /// directly and subtract the centres' contribution afterwards (see ``directProductsAreAccurate(ratio:)``).
  var allowsDirectProducts = false

  var rowCount: Int { rows.count }
  var columnCount: Int { x.columnCount }

  /// Values per block buffer: 8 MB of `Double` (narrower blocks cost ?syrk efficiency: a
  /// block must be a few hundred columns wide for it to run near its peak).
  static var blockElements: Int { 1 << 20 }

  init(x: Matrix<Scalar>, centres: [[Scalar]], scales: [[Scalar]], rows: [StreamedRow]) {
    let d = x.columnCount
    precondition(centres.allSatisfy { $0.count == d } && scales.allSatisfy { $0.count == d })
    self.x = x
    self.centres = ContiguousArray(centres.joined())
    self.scales = ContiguousArray(scales.joined())
    self.rows = rows
  }

  /// The block width used for `rowCount` rows.
  var blockWidth: Int {
    Swift.min(columnCount, Swift.max(64, Self.blockElements / Swift.max(rowCount, 1)))
  }

  /// Calls `body` with consecutive column blocks: `rowCount × width`, row-major, holding
  /// columns `columns` of the virtual matrix. The rows of each block are built on all cores
  /// (``Parallel``); `body` runs on the calling thread.
  ///
  /// - Complexity: O(rowCount · d) to build the blocks, plus what `body` does.
  func forEachColumnBlock(
    _ body: (_ columns: Range<Int>, _ block: UnsafeMutablePointer<Scalar>) throws -> Void
  ) rethrows {
    let (m, d) = (rowCount, columnCount)
    let width = blockWidth
    let buffer = UnsafeMutablePointer<Scalar>.allocate(capacity: Swift.max(m * width, 1))
    defer { buffer.deallocate() }
    try withRowPlan { plan in
      let shared = UncheckedSendable(value: (plan, buffer))
      let parts = Parallel.parts(elements: m * width, limit: m)
      var j0 = 0
      while j0 < d {
        let j1 = Swift.min(j0 + width, d)
        let (b, start) = (j1 - j0, j0)
        // The rows of the block are built on all cores, each worker its own rows.
        Parallel.forEachRange(of: m, parts: parts) { rows in
          let (plan, buffer) = shared.value
          for i in rows {
            let (a, c, s) = plan[i]
            let target = buffer + i * b
            let (a0, c0, s0) = (a + start, c + start, s + start)
            for j in 0..<b { target[j] = (a0[j] - c0[j]) * s0[j] }
          }
        }
        try body(j0..<j1, buffer)
        j0 = j1
      }
    }
  }

  /// Calls `body` with the start of each row's first term, centre and scale vector.
  private func withRowPlan<Result>(
    _ body: ([(UnsafePointer<Scalar>, UnsafePointer<Scalar>, UnsafePointer<Scalar>)]) throws -> Result
  ) rethrows -> Result {
    let d = columnCount
    return try x.elements.withUnsafeBufferPointer { xs in
      try centres.withUnsafeBufferPointer { cs in
        try scales.withUnsafeBufferPointer { ss in
          try body(
            rows.map { row in
              let first: UnsafePointer<Scalar>
              switch row.source {
              case .sample(let i): first = xs.baseAddress! + i * d
              case .centre(let k): first = cs.baseAddress! + k * d
              }
              return (first, cs.baseAddress! + row.centre * d, ss.baseAddress! + row.scale * d)
            })
        }
      }
    }
  }

  /// The Gram matrix of the Helmert contrasts of the rows within each class (`offsets`, see
  /// ``helmertContrasts(of:width:offsets:into:)``) restricted to the columns in `pieces`,
  /// accumulated in `Double` whatever `Scalar` is: the rows' values are rounded to `Scalar` as
  /// in every other product, and only the contrasts and sums are wider.
  ///
  /// The corresponding BLAS routine is `dsyrk`, once per gathered block.
  /// - Complexity: O(m² · Σ |piece|) flops for `m = rowCount − classes` contrasts; reads only
  ///   the sampled columns.
  func contrastGramInDouble(pieces: [Range<Int>], offsets: [Int]) -> Matrix<Double> {
    let n = rowCount
    let m = n - (offsets.count - 1)
    precondition(offsets.last == n)
    let width = Swift.max(64, Self.blockElements / Swift.max(m, 1))
    // The pieces, cut to at most `width` columns, grouped into blocks of at most `width`.
    var blocks: [[Range<Int>]] = [[]]
    var filled = 0
    for piece in pieces {
      var start = piece.lowerBound
      while start < piece.upperBound {
        if filled == width {
          blocks.append([])
          filled = 0
        }
        let end = Swift.min(piece.upperBound, start + width - filled)
        blocks[blocks.count - 1].append(start..<end)
        filled += end - start
        start = end
      }
    }
    var gram = ContiguousArray<Double>(repeating: 0, count: m * m)
    let buffer = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(n * width, 1))
    let contrasts = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(m * width, 1))
    defer {
      buffer.deallocate()
      contrasts.deallocate()
    }
    withRowPlan { plan in
      let shared = UncheckedSendable(value: (plan, buffer))
      let parts = Parallel.parts(elements: n * width, limit: n)
      for (index, block) in blocks.enumerated() {
        let b = block.reduce(0) { $0 + $1.count }
        guard b > 0 else { continue }
        Parallel.forEachRange(of: n, parts: parts) { rows in
          let (plan, buffer) = shared.value
          for i in rows {
            let (a, c, s) = plan[i]
            var target = buffer + i * b
            for piece in block {
              for j in piece { target[j - piece.lowerBound] = Double((a[j] - c[j]) * s[j]) }
              target += piece.count
            }
          }
        }
        helmertContrasts(of: buffer, width: b, offsets: offsets, into: contrasts)
        gram.withUnsafeMutableBufferPointer { g in
          Double._syrk(
            lower: true, transpose: false, n: blas32(m), k: blas32(b), alpha: 1, a: contrasts, lda: blas32(b),
            beta: index == 0 ? 0 : 1, c: g.baseAddress!, ldc: blas32(m))
        }
      }
    }
    return mirroredLower(gram, size: m)
  }

  /// Calls `body` with consecutive column blocks of `Q = L⁻¹ · H`, where the first `n` rows
  /// `Y` are grouped by class (`offsets`), `H` holds their Helmert contrasts within each class
  /// (``helmertContrasts(of:width:offsets:into:)``, `m = n − classes` rows) and `L` is the
  /// lower-triangular `m × m` `factor` (row-major). `body` gets the columns, the `m × width`
  /// block of `Q` and the whole block of rows (the rows after the first `n` are `Z`).
  ///
  /// The blocks are computed the same way on every call (the same block widths, the same
  /// `?trsm` calls), so two passes see the same rounded `Q`.
  /// - Complexity: O(m² · d) flops for `?trsm` and one pass over the input, plus `body`.
  func forEachPreconditionedContrastBlock(
    factor: ContiguousArray<Scalar>, offsets: [Int],
    _ body: (_ columns: Range<Int>, _ q: UnsafeMutablePointer<Scalar>, _ rows: UnsafeMutablePointer<Scalar>) -> Void
  ) {
    let n = offsets.last ?? 0
    let m = n - (offsets.count - 1)
    precondition(n <= rowCount && factor.count == m * m)
    let contrasts = UnsafeMutablePointer<Scalar>.allocate(capacity: Swift.max(1, m * blockWidth))
    defer { contrasts.deallocate() }
    factor.withUnsafeBufferPointer { l in
      forEachColumnBlock { columns, block in
        let b = columns.count
        helmertContrasts(of: block, width: b, offsets: offsets, into: contrasts)
        Scalar._trsm(
          left: true, lower: true, transpose: false, unitDiagonal: false, m: blas32(m), n: blas32(b), alpha: 1,
          a: l.baseAddress!, lda: blas32(m), b: contrasts, ldb: blas32(b))
        body(columns, contrasts, block)
      }
    }
  }

  /// In one pass, with `Q` as in ``forEachPreconditionedContrastBlock(factor:offsets:_:)`` and
  /// `Z` the `crossRows` rows after the first `n`: `Q · Qᵀ` (`?syrk`) and `Q · Zᵀ`
  /// (``ThinProducts`` or `?gemm`).
  /// - Complexity: O(2 · m² · d + m · crossRows · d) flops and one pass over the input.
  func preconditionedContrastProducts(
    factor: ContiguousArray<Scalar>, offsets: [Int], crossRows z: Int
  ) -> (Matrix<Scalar>, Matrix<Scalar>) {
    let n = offsets.last ?? 0
    let m = n - (offsets.count - 1)
    precondition(n + z == rowCount)
    var gram = ContiguousArray<Scalar>(repeating: 0, count: m * m)
    var cross = ContiguousArray<Scalar>(repeating: 0, count: m * z)
    let scratch = UnsafeMutablePointer<Scalar>.allocate(capacity: Swift.max(1, m * z))
    defer { scratch.deallocate() }
    forEachPreconditionedContrastBlock(factor: factor, offsets: offsets) { columns, q, block in
      let b = columns.count
      let first = columns.lowerBound == 0
      gram.withUnsafeMutableBufferPointer { g in
        Scalar._syrk(
          lower: true, transpose: false, n: blas32(m), k: blas32(b), alpha: 1, a: q, lda: blas32(b),
          beta: first ? 0 : 1, c: g.baseAddress!, ldc: blas32(m))
      }
      guard z > 0 else { return }
      cross.withUnsafeMutableBufferPointer { c in
        if z <= ThinProducts.maximumCount {
          ThinProducts.timesTransposed(q, lda: b, rows: m, columns: b, block + n * b, count: z, into: scratch)
          for index in 0..<(m * z) { c[index] += scratch[index] }
        } else {
          gemm(
            m, z, b, a: q, lda: b, transposeA: false, b: block + n * b, ldb: b, transposeB: true,
            beta: first ? 0 : 1, c: c.baseAddress!, ldc: z)
        }
      }
    }
    return (mirroredLower(gram, size: m), Matrix(rows: m, columns: z, storage: cross))
  }

  /// `Qᵀ · coefficients` (`d × k` for `m × k` coefficients), with `Q` as in
  /// ``forEachPreconditionedContrastBlock(factor:offsets:_:)``, returned as `k × d`.
  /// - Complexity: O(m² · d + m · k · d) flops and one pass over the input.
  func preconditionedContrastsTransposedTimes(
    _ coefficients: Matrix<Scalar>, factor: ContiguousArray<Scalar>, offsets: [Int]
  ) -> Matrix<Scalar> {
    let (k, d) = (coefficients.columnCount, columnCount)
    let m = coefficients.rowCount
    var result = ContiguousArray<Scalar>(repeating: 0, count: k * d)
    let scratch = UnsafeMutablePointer<Scalar>.allocate(capacity: Swift.max(1, k * blockWidth))
    defer { scratch.deallocate() }
    coefficients.elements.withUnsafeBufferPointer { w in
      result.withUnsafeMutableBufferPointer { out in
        forEachPreconditionedContrastBlock(factor: factor, offsets: offsets) { columns, q, _ in
          storeTransposedProduct(
            w.baseAddress!, count: k, q, rows: m, columns: columns, into: out.baseAddress!, rowLength: d, scratch: scratch)
        }
      }
    }
    return Matrix(rows: k, columns: d, storage: result)
  }

  /// In one pass: the Gram matrix of each range of rows in `grams`, the product
  /// `rows[a] · rows[b]ᵀ` of each pair in `crosses`, and a signed Gram matrix
  /// `Σⱼ σⱼ · rⱼ · rⱼᵀ` of the rows `signedGram.rows` (`σⱼ = −1` for the columns marked negative).
  ///
  /// The corresponding BLAS routines are `?syrk` and `?gemm` (or ``ThinProducts`` for a pair
  /// whose second range has at most 32 rows), once per column block.
  /// - Complexity: O((Σ |range|² + Σ |a|·|b|) · d) flops and one pass over the input.
  func products(
    grams: [Range<Int>], crosses: [(Range<Int>, Range<Int>)] = [], signedGram: (rows: Range<Int>, negative: [Bool])? = nil
  ) -> ([Matrix<Scalar>], [Matrix<Scalar>], Matrix<Scalar>?) {
    var gramStorage = grams.map { ContiguousArray<Scalar>(repeating: 0, count: $0.count * $0.count) }
    let signedCount = signedGram?.rows.count ?? 0
    var signedStorage = ContiguousArray<Scalar>(repeating: 0, count: signedCount * signedCount)
    let split = UnsafeMutablePointer<Scalar>.allocate(capacity: Swift.max(1, signedCount * blockWidth))
    defer { split.deallocate() }
    var crossStorage = crosses.map { ContiguousArray<Scalar>(repeating: 0, count: $0.0.count * $0.1.count) }
    let crossScratch = UnsafeMutablePointer<Scalar>.allocate(capacity: crossStorage.map(\.count).max() ?? 1)
    defer { crossScratch.deallocate() }
    forEachColumnBlock { columns, block in
      let b = columns.count
      let beta: Scalar = columns.lowerBound == 0 ? 0 : 1
      if let signedGram, signedCount > 0 {
        signedStorage.withUnsafeMutableBufferPointer { g in
          addSignedGram(
            block, width: b, columns: columns, range: signedGram.rows, negative: signedGram.negative, split: split,
            into: g.baseAddress!)
        }
      }
      for (index, range) in grams.enumerated() where !range.isEmpty {
        gramStorage[index].withUnsafeMutableBufferPointer { g in
          Scalar._syrk(
            lower: true, transpose: false, n: blas32(range.count), k: blas32(b), alpha: 1,
            a: block + range.lowerBound * b, lda: blas32(b), beta: beta, c: g.baseAddress!, ldc: blas32(range.count))
        }
      }
      for (index, (left, right)) in crosses.enumerated() where !left.isEmpty && !right.isEmpty {
        crossStorage[index].withUnsafeMutableBufferPointer { c in
          if right.count <= ThinProducts.maximumCount {
            ThinProducts.timesTransposed(
              block + left.lowerBound * b, lda: b, rows: left.count, columns: b, block + right.lowerBound * b,
              count: right.count, into: crossScratch)
            for index in 0..<(left.count * right.count) { c[index] += crossScratch[index] }
          } else {
            gemm(
              left.count, right.count, b, a: block + left.lowerBound * b, lda: b, transposeA: false,
              b: block + right.lowerBound * b, ldb: b, transposeB: true, beta: beta, c: c.baseAddress!,
              ldc: right.count)
          }
        }
      }
    }
    let gramMatrices = zip(grams, gramStorage).map { mirroredLower($1, size: $0.count) }
    let crossMatrices = zip(crosses, crossStorage).map { Matrix(rows: $0.0.count, columns: $0.1.count, storage: $1) }
    return (gramMatrices, crossMatrices, signedGram == nil ? nil : mirroredLower(signedStorage, size: signedCount))
  }

  /// Adds `Σⱼ σⱼ · bⱼ · bⱼᵀ` over the block's columns `j` (`bⱼ` the column restricted to `range`,
  /// `σⱼ = −1` where `negative[j]`) to the lower triangle of `gram`: the block's positive
  /// columns are gathered into `split`, then its negative ones, and each part is added
  /// with `?syrk` (alpha +1 and −1), so the cost is one Gram matrix and nothing cancels
  /// where every sign is +1.
  private func addSignedGram(
    _ block: UnsafeMutablePointer<Scalar>, width b: Int, columns: Range<Int>, range: Range<Int>, negative: [Bool],
    split: UnsafeMutablePointer<Scalar>, into gram: UnsafeMutablePointer<Scalar>
  ) {
    let r = range.count
    for sign in [false, true] {
      let kept = (0..<b).filter { negative[columns.lowerBound + $0] == sign }
      guard !kept.isEmpty else { continue }
      let width = kept.count
      if width == b {
        // One sign in the whole block: no gathering.
        Scalar._syrk(
          lower: true, transpose: false, n: blas32(r), k: blas32(b), alpha: sign ? -1 : 1, a: block + range.lowerBound * b,
          lda: blas32(b), beta: 1, c: gram, ldc: blas32(r))
        continue
      }
      for i in 0..<r {
        let (source, target) = (block + (range.lowerBound + i) * b, split + i * width)
        for (t, j) in kept.enumerated() { target[t] = source[j] }
      }
      Scalar._syrk(
        lower: true, transpose: false, n: blas32(r), k: blas32(width), alpha: sign ? -1 : 1, a: split,
        lda: blas32(width), beta: 1, c: gram, ldc: blas32(r))
    }
  }

  /// The Gram matrix `rows[range] · rows[range]ᵀ`, exactly symmetric.
  ///
  /// The corresponding BLAS routine is `?syrk`, once per column block.
  /// - Complexity: O(|range|² · d) flops and one pass over the input.
  func gram(rows range: Range<Int>) -> Matrix<Scalar> { products(grams: [range]).0[0] }

  /// `coefficientsᵀ · rows` for a `rowCount × b` coefficient matrix: a `b × d` block of vectors.
  ///
  /// With ``allowsDirectProducts`` (and one scale vector), `Xᵀ · W̃ + centresᵀ · V` scaled,
  /// where `W̃` and `V` gather the coefficients by source and centre: the input is read
  /// once, in place. Otherwise blocks are built and multiplied one by one.
  /// The products are ``ThinProducts`` kernels for `b ≤ 32` and `?gemm` otherwise.
  /// - Complexity: O(rowCount · d · b) flops and one pass over the input.
  func transposedTimes(_ coefficients: Matrix<Scalar>) -> Matrix<Scalar> {
    precondition(coefficients.rowCount == rowCount)
    let (b, d, m) = (coefficients.columnCount, columnCount, rowCount)
    var result = ContiguousArray<Scalar>(repeating: 0, count: b * d)
    guard b > 0, m > 0 else { return Matrix(rows: b, columns: d, storage: result) }
    if allowsDirectProducts && scales.count == d {
      let n = x.rowCount
      let centreCount = centres.count / d
      var gathered = ContiguousArray<Scalar>(repeating: 0, count: n * b)
      var atCentres = ContiguousArray<Scalar>(repeating: 0, count: centreCount * b)
      for (i, row) in rows.enumerated() {
        for t in 0..<b {
          let value = coefficients.elements[i * b + t]
          switch row.source {
          case .sample(let p): gathered[p * b + t] += value
          case .centre(let k): atCentres[k * b + t] += value
          }
          atCentres[row.centre * b + t] -= value
        }
      }
      var fromCentres = ContiguousArray<Scalar>(repeating: 0, count: b * d)
      result.withUnsafeMutableBufferPointer { out in
        x.elements.withUnsafeBufferPointer { xs in
          gathered.withUnsafeBufferPointer { w in
            ThinProducts.transposedTimes(w.baseAddress!, count: b, xs.baseAddress!, lda: d, rows: n, columns: d, into: out.baseAddress!)
          }
        }
        fromCentres.withUnsafeMutableBufferPointer { f in
          centres.withUnsafeBufferPointer { cs in
            atCentres.withUnsafeBufferPointer { v in
              ThinProducts.transposedTimes(v.baseAddress!, count: b, cs.baseAddress!, lda: d, rows: centreCount, columns: d, into: f.baseAddress!)
            }
          }
          scales.withUnsafeBufferPointer { s in
            for t in 0..<b {
              let (o, c) = (out.baseAddress! + t * d, f.baseAddress! + t * d)
              for j in 0..<d { o[j] = (o[j] + c[j]) * s[j] }
            }
          }
        }
      }
      return Matrix(rows: b, columns: d, storage: result)
    }
    coefficients.elements.withUnsafeBufferPointer { w in
      result.withUnsafeMutableBufferPointer { out in
        let scratch = UnsafeMutablePointer<Scalar>.allocate(capacity: b * blockWidth)
        defer { scratch.deallocate() }
        forEachColumnBlock { columns, block in
          storeTransposedProduct(
            w.baseAddress!, count: b, block, rows: m, columns: columns, into: out.baseAddress!, rowLength: d, scratch: scratch)
        }
      }
    }
    return Matrix(rows: b, columns: d, storage: result)
  }

  /// `rows · yᵀ` for a block `y` of `b × d` vectors: a `rowCount × b` matrix.
  ///
  /// With ``allowsDirectProducts`` (and one scale vector), `X · (y ∘ s)ᵀ` and
  /// `centres · (y ∘ s)ᵀ` combined row by row: the input is read once, in place. Otherwise
  /// blocks are built and multiplied one by one. The products are ``ThinProducts``
  /// kernels for `b ≤ 32` and `?gemm` otherwise.
  /// - Complexity: O(rowCount · d · b) flops and one pass over the input.
  func timesTransposed(_ y: Matrix<Scalar>) -> Matrix<Scalar> {
    precondition(y.columnCount == columnCount)
    let (b, d, m) = (y.rowCount, columnCount, rowCount)
    var result = ContiguousArray<Scalar>(repeating: 0, count: m * b)
    guard b > 0, m > 0 else { return Matrix(rows: m, columns: b, storage: result) }
    if allowsDirectProducts && scales.count == d {
      let n = x.rowCount
      let centreCount = centres.count / d
      var scaled = y.elements
      scaled.withUnsafeMutableBufferPointer { v in
        scales.withUnsafeBufferPointer { s in
          for t in 0..<b {
            let row = v.baseAddress! + t * d
            for j in 0..<d { row[j] *= s[j] }
          }
        }
      }
      var fromSamples = ContiguousArray<Scalar>(repeating: 0, count: n * b)
      var fromCentres = ContiguousArray<Scalar>(repeating: 0, count: centreCount * b)
      scaled.withUnsafeBufferPointer { v in
        x.elements.withUnsafeBufferPointer { xs in
          fromSamples.withUnsafeMutableBufferPointer { r in
            ThinProducts.timesTransposed(xs.baseAddress!, lda: d, rows: n, columns: d, v.baseAddress!, count: b, into: r.baseAddress!)
          }
        }
        centres.withUnsafeBufferPointer { cs in
          fromCentres.withUnsafeMutableBufferPointer { q in
            ThinProducts.timesTransposed(cs.baseAddress!, lda: d, rows: centreCount, columns: d, v.baseAddress!, count: b, into: q.baseAddress!)
          }
        }
      }
      for (i, row) in rows.enumerated() {
        for t in 0..<b {
          let first: Scalar
          switch row.source {
          case .sample(let p): first = fromSamples[p * b + t]
          case .centre(let k): first = fromCentres[k * b + t]
          }
          result[i * b + t] = first - fromCentres[row.centre * b + t]
        }
      }
      return Matrix(rows: m, columns: b, storage: result)
    }
    y.elements.withUnsafeBufferPointer { v in
      result.withUnsafeMutableBufferPointer { out in
        let scratch = UnsafeMutablePointer<Scalar>.allocate(capacity: m * b)
        let slice = UnsafeMutablePointer<Scalar>.allocate(capacity: b * blockWidth)
        defer {
          scratch.deallocate()
          slice.deallocate()
        }
        forEachColumnBlock { columns, block in
          let width = columns.count
          if b <= 32 {
            // The block's columns of y, contiguous, then the block times them.
            for t in 0..<b { slice.advanced(by: t * width).update(from: v.baseAddress! + t * d + columns.lowerBound, count: width) }
            ThinProducts.timesTransposed(block, lda: width, rows: m, columns: width, slice, count: b, into: scratch)
            for index in 0..<(m * b) { out[index] += scratch[index] }
          } else {
            gemm(
              m, b, width, a: block, lda: width, transposeA: false,
              b: v.baseAddress! + columns.lowerBound, ldb: d, transposeB: true,
              beta: columns.lowerBound == 0 ? 0 : 1, c: out.baseAddress!, ldc: b)
          }
        }
      }
    }
    return Matrix(rows: m, columns: b, storage: result)
  }

  /// Whether reading the input directly keeps the accuracy of built blocks: `ratio` is
  /// `‖rows without their centres‖ / ‖rows‖` (Frobenius, scaled). Direct products round the
  /// uncentred values, so their error grows by that ratio; up to 16 (about one digit of
  /// the sixteen in `Double`) it stays far inside the parity tolerance.
  static func directProductsAreAccurate(ratio: Double) -> Bool { ratio.isFinite && ratio <= 16 }
}

/// The Helmert contrasts of `rows` (row-major, `width` columns, grouped by class:
/// `offsets[k]..<offsets[k + 1]`) within each class, written row after row to `out`: for class
/// rows `y₀ … y_(p−1)`, `h_j = (y₀ + … + y_(j−1) − j · y_j) / √(j (j + 1))` for `j = 1 … p − 1`,
/// which is `Bᵀ · rows` for the orthonormal `B` of ``classContrasts(_:)``. The contrasts are
/// orthogonal to the class indicators, so they drop each class's sum (the rounding left by
/// centring on the computed class mean) exactly as a truncated SVD of the centred rows would.
/// Classes are spread over the cores.
/// - Complexity: O(n · width), with running sums.
func helmertContrasts<T: LinearAlgebraScalar>(
  of rows: UnsafeMutablePointer<T>, width b: Int, offsets: [Int], into out: UnsafeMutablePointer<T>
) {
  let c = offsets.count - 1
  let shared = UncheckedSendable(value: (rows, out))
  Parallel.forEachRange(of: c, parts: Parallel.parts(elements: (offsets.last ?? 0) * b, limit: c)) { classes in
    let (rows, out) = shared.value
    let sum = UnsafeMutablePointer<T>.allocate(capacity: Swift.max(b, 1))
    defer { sum.deallocate() }
    for k in classes {
      let start = offsets[k]
      let count = offsets[k + 1] - start
      guard count > 1 else { continue }
      // Output row of h_j: all earlier classes' contrasts, then j − 1.
      let target = out + (start - k) * b
      sum.update(from: rows + start * b, count: b)
      for j in 1..<count {
        let (y, h) = (rows + (start + j) * b, target + (j - 1) * b)
        let (weight, norm) = (T(j), 1 / T(j * (j + 1)).squareRoot())
        for column in 0..<b {
          h[column] = (sum[column] - weight * y[column]) * norm
          sum[column] += y[column]
        }
      }
    }
  }
}

/// Writes `Wᵀ · block` (`k × |columns|`, for `W` `m × k` and `block` `m × |columns|`, both
/// row-major) into the columns `columns` of `out` (`k` rows of length `rowLength`): the
/// ``ThinProducts`` kernel for up to 32 vectors (through `scratch`, `k × |columns|`), `?gemm`
/// beyond.
func storeTransposedProduct<Scalar: LinearAlgebraScalar>(
  _ w: UnsafePointer<Scalar>, count k: Int, _ block: UnsafeMutablePointer<Scalar>, rows m: Int, columns: Range<Int>,
  into out: UnsafeMutablePointer<Scalar>, rowLength d: Int, scratch: UnsafeMutablePointer<Scalar>
) {
  let width = columns.count
  if k <= ThinProducts.maximumCount {
    ThinProducts.transposedTimes(w, count: k, block, lda: width, rows: m, columns: width, into: scratch)
    for t in 0..<k { (out + t * d + columns.lowerBound).update(from: scratch + t * width, count: width) }
  } else {
    gemm(
      k, width, m, a: w, lda: k, transposeA: true, b: block, ldb: width, transposeB: false, beta: 0,
      c: out + columns.lowerBound, ldc: d)
  }
}
