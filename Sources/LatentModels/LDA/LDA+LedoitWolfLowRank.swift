import LatentLinearAlgebra

// Solver "eigen" with Ledoit–Wolf shrinkage, low-rank path (notation of
// LDA+EigenSolverLowRank.swift: U = [Xc; Mc], whose rows are streamed from the input).
//
// Ledoit–Wolf: the targets are diagonal but not scalar, Sw = Δw + Xcᵀ Ŵ Xc and
// Sb = Δb + Uᵀ B U, and the leading eigenvectors leave the span of U. With X̂ = U · Δw^(−½),
// Z = Ŵ^½ X̂ and M = (I + ZᵀZ)^(−½), the problem is the standard symmetric one of
//   A = M · (D̂ + X̂ᵀ B X̂) · M,   D̂ = Δb / Δw,   v = Δw^(−½) · M · y,
// where M = I + X̂ᵀ H X̂ and M² = I + X̂ᵀ H₂ X̂ come from the eigendecomposition of Z Zᵀ.
// One application of A is a forward and a backward ?gemm pass over X̂ (with the
// (n + c) × (n + c) matrices Ĝ = X̂ X̂ᵀ and Ĝb = X̂ D̂ X̂ᵀ precomputed), and a block
// Krylov method finds its c − 1 largest eigenpairs.
//
// Memory: X̂ is never stored. Its rows are built from the input in cache-sized column blocks
// (StreamedRows) for every pass: the weights' Gram matrices, Ĝ and Ĝb, each operator
// application and the final scalings.

extension LinearDiscriminantAnalysis {
  func fitLedoitWolfLowRank<Scalar: LinearAlgebraScalar>(_ data: LDAData<Scalar>) throws -> LDAFit<Scalar> {
    let (n, d, c) = (data.sampleCount, data.featureCount, data.classCount)
    let m = n + c
    let classMoments = data.centredMoments()
    let sampleMean = data.sampleMean
    let classOfRow = data.classOfWorkingRow
    let meanRows = data.classMeanRows

    // StandardScaler scales: per class (about the class mean) and overall (about the sample mean).
    var classScales: [[Scalar]] = []
    var totalSums = [Double](repeating: 0, count: d)
    var totalSquares = [Double](repeating: 0, count: d)
    for k in 0..<c {
      let (sums, squares) = (classMoments[k].sums, classMoments[k].squares)
      let count = data.counts[k]
      classScales.append((0..<d).map { j in
        standardScale(sum: sums[j], sumOfSquares: squares[j], count: count, mean: Double(meanRows[k][j]), Scalar.self)
      })
      // Σᵢ (xᵢ − x̄) and Σᵢ (xᵢ − x̄)² over class k, with xᵢ − x̄ = (xᵢ − meanₖ) + (meanₖ − x̄).
      for j in 0..<d {
        let offset = Double(meanRows[k][j] - sampleMean[j])
        totalSums[j] += sums[j] + Double(count) * offset
        totalSquares[j] += squares[j] + 2 * offset * sums[j] + Double(count) * offset * offset
      }
    }
    let totalScale: [Scalar] = (0..<d).map { j in
      standardScale(sum: totalSums[j], sumOfSquares: totalSquares[j], count: n, mean: Double(sampleMean[j]), Scalar.self)
    }

    // Ledoit–Wolf weights from the Gram matrices of the standardized samples, in one pass:
    // rows 0..<n are the samples minus their class mean over the class scale (one Gram
    // matrix per class), rows n..<2n the samples minus the sample mean over the total scale.
    let centres = meanRows + [sampleMean]
    let standardized = StreamedRows(
      x: data.x, centres: centres, scales: classScales.map { $0.map { 1 / $0 } } + [totalScale.map { 1 / $0 }],
      rows: (0..<n).map { StreamedRow(source: .sample(data.order[$0]), centre: classOfRow[$0], scale: classOfRow[$0]) }
        + (0..<n).map { StreamedRow(source: .sample(data.order[$0]), centre: c, scale: c) })
    let (weightGrams, _, _) = standardized.products(grams: (0..<c).map { data.rows(ofClass: $0) } + [n..<(2 * n)])
    let classWeights = (0..<c).map { LedoitWolfWeight(gram: weightGrams[$0], features: d) }
    let totalWeight = LedoitWolfWeight(gram: weightGrams[c], features: d)

    // Δw, Δt, D̂ and the row weights Ŵ (within) and B (between).
    var withinDiagonal = [Double](repeating: 0, count: d)
    for k in 0..<c {
      let factor = Double(data.priors[k]) * classWeights[k].weight * classWeights[k].mu
      for j in 0..<d { withinDiagonal[j] += factor * Double(classScales[k][j]) * Double(classScales[k][j]) }
    }
    guard withinDiagonal.allSatisfy({ $0 > 0 && $0.isFinite }) else {
      throw Self.singularWithinCovariance(features: d, samples: n, classes: c)
    }
    let totalFactor = totalWeight.weight * totalWeight.mu
    let relative: [Scalar] = (0..<d).map { j in
      Scalar((totalFactor * Double(totalScale[j]) * Double(totalScale[j]) - withinDiagonal[j]) / withinDiagonal[j])
    }
    let rowWeights: [Scalar] = (0..<m).map { i in
      guard i < n else { return 0 }
      let k = classOfRow[i]
      return Scalar(Double(data.priors[k]) * (1 - classWeights[k].weight) / Double(data.counts[k]))
    }
    let totalRowWeight = Scalar((1 - totalWeight.weight) / Double(n))
    let betweenWeights: [Scalar] = (0..<m).map { i in
      i < n ? totalRowWeight - rowWeights[i] : totalRowWeight * Scalar(data.counts[i - n])
    }

    // X̂ = U · Δw^(−½) with U = [samples − class means; class means − sample mean], streamed;
    // Ĝ = X̂ X̂ᵀ and Ĝb = X̂ D̂ X̂ᵀ in one pass: a second copy of the rows is scaled by
    // Δw^(−½) √|D̂|, and its Gram matrix adds the columns with D̂ⱼ < 0 with the sign −1
    // (gathered apart in each block), so Ĝb costs one Gram matrix and has no cancellation
    // where D̂ ≥ 0.
    let inverseRoot = withinDiagonal.map { Scalar(1 / $0.squareRoot()) }
    let spanRows =
      (0..<n).map { StreamedRow(source: .sample(data.order[$0]), centre: classOfRow[$0], scale: 0) }
      + (0..<c).map { StreamedRow(source: .centre($0), centre: c, scale: 0) }
    let scaledRows = spanRows + spanRows.map { StreamedRow(source: $0.source, centre: $0.centre, scale: 1) }
    let scales = [inverseRoot, (0..<d).map { inverseRoot[$0] * Swift.abs(relative[$0]).squareRoot() }]
    let (spanGrams, _, signed) = StreamedRows(x: data.x, centres: centres, scales: scales, rows: scaledRows)
      .products(grams: [0..<m], signedGram: (m..<(2 * m), relative.map { $0 < 0 }))
    let g = spanGrams[0]
    let gb = signed!
    var work = StreamedRows(x: data.x, centres: centres, scales: [inverseRoot], rows: spanRows)
    let meanRatios = (0..<c).map { centringRatio(meanRows[$0], minus: sampleMean, scale: inverseRoot) }
    work.allowsDirectProducts = StreamedRows<Scalar>.directProductsAreAccurate(
      ratio: Swift.max(data.centringRatio(classMoments, scale: inverseRoot), meanRatios.max() ?? 1))
    // H and H₂ are formed in Double whatever the scalar: in Float, the eigendecomposition of
    // Z Zᵀ would cost digits that the Woodbury correction (coefficients) then amplifies.
    let rootWeights = rowWeights.map { Double($0).squareRoot() }
    let zz = try Matrix<Double>(converting: g).scalingRows(by: rootWeights).scalingColumns(by: rootWeights)
      .symmetrized().symmetricEigendecomposition()
    func weighted(_ f: (Double) -> Double) -> Matrix<Scalar> {
      let p = zz.eigenvectors.scalingRows(by: rootWeights)
      let product = p.scalingColumns(by: zz.eigenvalues.map { f(Swift.max($0, 0)) }).times(p, transposingOther: true)
      return Matrix<Scalar>(converting: product.symmetrized())
    }
    // f(s) = ((1 + s)^(−½) − 1) / s without cancellation; g(s) = ((1 + s)⁻¹ − 1) / s.
    let h = weighted { s in let root = (1 + s).squareRoot(); return -1 / (root * (1 + root)) }
    let h2 = weighted { s in -1 / (1 + s) }

    let operatorA = LedoitWolfOperator(
      work: work, g: g, gb: gb, h: h, betweenWeights: betweenWeights, relative: relative)
    let components = Swift.min(c - 1, d)
    let blockSize = Swift.min(Swift.max(components + 2, 2 * components), d)
    // The residuals cannot fall below the rounding of one application of A, which grows with
    // the spread of D̂ = Δb / Δw and of the weights: on photographs, whose nearly constant
    // pixels have tiny within-class variances, it lies above 1e-10 in Double. Once the
    // residuals stagnate, pairs are accepted up to 1e-8 (an eigenvector error of at most
    // 1e-8 · θ₀ / gap); a stagnation above that is reported as non-convergence.
    let solver = BlockKrylovEigensolver<Scalar>(
      count: components, blockSize: blockSize,
      tolerance: Scalar.self == Float.self ? 1e-6 : 1e-12, acceptableTolerance: Scalar.self == Float.self ? 1e-4 : 1e-8,
      // The basis and its image are the solver's only d-sized storage: at most a quarter of
      // the working copy's rows each (but room for three blocks), so memory stays near one copy.
      maximumBasis: Swift.max(3 * blockSize, Swift.min(Swift.max(8 * blockSize, 48), m / 4)),
      maximumApplications: 500)
    let (start, startImage) = try operatorA.startBlock(size: blockSize, classRows: n..<m)
    let result = try solver.largestEigenpairs(start: start, image: startImage) { operatorA.apply($0) }

    // One forward and one backward pass give both
    //   scalings: v = Δw^(−½) · M · y = Δw^(−½) (y + X̂ᵀ H X̂ y), Sw-normalized because the y are orthonormal;
    //   coef = means · Sw⁻¹ = Δw^(−½) (q + X̂ᵀ H₂ X̂ q) with q = means · Δw^(−½) (Sw⁻¹ = Δw^(−½) M² Δw^(−½)).
    let ys = result.vectors
    let q = data.means.scalingColumns(by: inverseRoot)
    let k = ys.rowCount
    let forward = work.timesTransposed(ys.appendingRows(q))
    let back = work.transposedTimes(
      h.times(forward.prefixColumns(k)).appendingColumns(h2.times(forward.columns(at: Array(k..<(k + c))))))
    let scalings = (ys + back.prefixRows(k)).scalingColumns(by: inverseRoot).transposed()
    let coefficients = (q + back.rows(at: k..<(k + c))).scalingColumns(by: inverseRoot)
    // trace(Sw⁻¹ Sb) = trace(A) = ΣD̂ + trace(H₂ Ĝb) + Σᵢ Bᵢ (Ĝ + Ĝ H₂ Ĝ)ᵢᵢ.
    var trace = relative.reduce(Scalar(0), +) + h2.times(gb).trace
    let gh2g = g.times(h2).times(g)
    for i in 0..<m { trace += betweenWeights[i] * (g[i, i] + gh2g[i, i]) }
    let ratio = result.values.map { $0 / trace }
    return LDAFit(
      scalings: scalings, explainedVarianceRatio: ratio, coefficients: coefficients,
      intercepts: data.eigenIntercepts(coefficients: coefficients))
  }
}

/// The operator `A = M · (D̂ + X̂ᵀ B X̂) · M` of the Ledoit–Wolf low-rank path, applied to
/// blocks of vectors (rows) with one forward and one backward `?gemm` pass over `X̂`.
struct LedoitWolfOperator<Scalar: LinearAlgebraScalar> {
  /// `X̂`, `(n + c) × d`, built from the input block by block.
  let work: StreamedRows<Scalar>
  /// `Ĝ = X̂ X̂ᵀ`.
  let g: Matrix<Scalar>
  /// `Ĝb = X̂ D̂ X̂ᵀ`.
  let gb: Matrix<Scalar>
  /// `M = I + X̂ᵀ H X̂`.
  let h: Matrix<Scalar>
  /// The diagonal of `B`.
  let betweenWeights: [Scalar]
  /// `D̂ = Δb / Δw`.
  let relative: [Scalar]

  /// `A · y` for the rows `y` of `block`:
  /// with `a = X̂ y`, `t = S̃b M y`, `X̂ t = X̂ D̂ y + Ĝb H a + Ĝ B (a + Ĝ H a)`,
  /// `A y = D̂ y + D̂ X̂ᵀ H a + X̂ᵀ (B (a + Ĝ H a) + H X̂ t)`.
  func apply(_ block: Matrix<Scalar>) -> Matrix<Scalar> {
    let (b, d) = (block.rowCount, block.columnCount)
    var stacked = block.elements
    stacked.reserveCapacity(2 * b * d)
    for i in 0..<b {
      for j in 0..<d { stacked.append(block.elements[i * d + j] * relative[j]) }
    }
    let forward = work.timesTransposed(Matrix(rows: 2 * b, columns: d, storage: stacked))  // m × 2b
    let (ha, second) = innerCoefficients(a: forward.prefixColumns(b), ad: forward.columns(at: Array(b..<(2 * b))))
    let backward = work.transposedTimes(ha.appendingColumns(second))
    var result = ContiguousArray<Scalar>(repeating: 0, count: b * d)
    backward.elements.withUnsafeBufferPointer { back in
      block.elements.withUnsafeBufferPointer { y in
        relative.withUnsafeBufferPointer { r in
          for i in 0..<b {
            for j in 0..<d {
              result[i * d + j] = r[j] * (y[i * d + j] + back[i * d + j]) + back[(b + i) * d + j]
            }
          }
        }
      }
    }
    return Matrix(rows: b, columns: d, storage: result)
  }

  /// From `a = X̂ y` and `ad = X̂ D̂ y`: `H a` and `B (a + Ĝ H a) + H X̂ t`, the coefficients of
  /// the backward pass (see ``apply(_:)``).
  private func innerCoefficients(a: Matrix<Scalar>, ad: Matrix<Scalar>) -> (Matrix<Scalar>, Matrix<Scalar>) {
    let ha = h.times(a)
    let c2 = (a + g.times(ha)).scalingRows(by: betweenWeights)
    let projected = ad + gb.times(ha) + g.times(c2)
    return (ha, c2 + h.times(projected))
  }

  /// The first block and its image under `A`, from vectors in the span of `X̂`'s rows,
  /// `Y₀ = C₀ᵀ X̂`: then `X̂ Y₀ᵀ = Ĝ C₀` and `X̂ D̂ Y₀ᵀ = Ĝb C₀` are known, and one backward
  /// pass gives both `Y₀` and `A Y₀`. `C₀` selects the class-mean rows (they span the
  /// between-class directions) and the leading eigenvectors of `Ĝ` (the data's principal
  /// directions).
  func startBlock(size: Int, classRows: Range<Int>) throws -> (Matrix<Scalar>, Matrix<Scalar>) {
    let m = work.rowCount
    var coefficients = Matrix<Scalar>(rowCount: m, columnCount: size, repeating: 0)
    var column = 0
    for row in classRows.prefix(size) {
      coefficients[row, column] = 1
      column += 1
    }
    if column < size {
      let principal = try g.symmetricEigendecomposition(largest: Swift.min(size - column, m)).eigenvectors
      for j in 0..<principal.columnCount {
        for i in 0..<m { coefficients[i, column] = principal[i, j] }
        column += 1
      }
    }
    let (b, d) = (column, work.columnCount)
    let used = coefficients.prefixColumns(b)
    let (ha, second) = innerCoefficients(a: g.times(used), ad: gb.times(used))
    let backward = work.transposedTimes(used.appendingColumns(ha).appendingColumns(second))
    let start = backward.prefixRows(b)
    var image = ContiguousArray<Scalar>(repeating: 0, count: b * d)
    backward.elements.withUnsafeBufferPointer { back in
      relative.withUnsafeBufferPointer { r in
        for i in 0..<b {
          for j in 0..<d {
            image[i * d + j] = r[j] * (back[i * d + j] + back[(b + i) * d + j]) + back[(2 * b + i) * d + j]
          }
        }
      }
    }
    return (start, Matrix(rows: b, columns: d, storage: image))
  }
}

