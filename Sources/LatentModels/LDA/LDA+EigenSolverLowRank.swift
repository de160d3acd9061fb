import LatentLinearAlgebra

// Solver "eigen", low-rank path: no d × d matrix and no n × d copy. The rows used are
// U = [Xc; Mc], (n + c) × d, streamed from the input (LDA+StreamedRows.swift): the samples
// minus their class means, then the class means minus the sample mean. In that notation, with W = diag(priorₖ / nₖ) on the
// sample rows and N = diag(nₖ),
//   within-class  Σₖ priorₖ · covₖ = Xcᵀ · W · Xc,
//   total         cov = (Xcᵀ · Xc + Mcᵀ · N · Mc) / n,
// so every covariance is (diagonal) + Uᵀ · (diagonal) · U.
//
// Fixed shrinkage s: Sw = (1 − s) · Xcᵀ W Xc + σw · I and Sb = Uᵀ B U + σb · I with scalars
// σ. Directions orthogonal to the rows of U are eigenvectors with eigenvalue σb / σw;
// the others solve an r × r problem in the basis of U's rows (G = U Uᵀ = E Λ Eᵀ, L = E Λ^½),
//   (Lᵀ B L + σb) a = λ ((1 − s) Lᵀ W L + σw) a   (?sygvd),   v = Uᵀ E Λ^(−½) a.
//
//
// Ledoit–Wolf shrinkage is in LDA+LedoitWolfLowRank.swift.

extension LinearDiscriminantAnalysis {
  /// Solver `.eigen(shrinkage: .fixed(s))` with `s > 0` on the low-rank path.
  func fitEigenLowRank<Scalar: LinearAlgebraScalar>(
    _ data: LDAData<Scalar>, shrinkage shrinkageValue: Double
  ) throws -> LDAFit<Scalar> {
    let (n, d, c) = (data.sampleCount, data.featureCount, data.classCount)
    let s = Scalar(shrinkageValue)
    let m = n + c
    let sampleMean = data.sampleMean
    let classOfRow = data.classOfWorkingRow
    // U's rows, streamed from the input: samples minus their class mean, then class means minus
    // the sample mean (no n × d working copy).
    var work = StreamedRows(
      x: data.x, centres: data.classMeanRows + [sampleMean], scales: [[Scalar](repeating: 1, count: d)],
      rows: (0..<n).map { StreamedRow(source: .sample(data.order[$0]), centre: classOfRow[$0], scale: 0) }
        + (0..<c).map { StreamedRow(source: .centre($0), centre: c, scale: 0) })
    // The Gram matrix of U's rows (?syrk): the basis of the span, and the rows' squared norms.
    let gram = work.gram(rows: 0..<m)
    work.allowsDirectProducts = StreamedRows<Scalar>.directProductsAreAccurate(
      ratio: Swift.max(
        data.centringRatio(data.centredMoments(), scale: [Scalar](repeating: 1, count: d)),
        (0..<c).map { centringRatio(data.classMeanRows[$0], minus: sampleMean, scale: [Scalar](repeating: 1, count: d)) }
          .max() ?? 1))
    let norms = (0..<m).map { Double(gram[$0, $0]) }
    // σw = s · Σₖ priorₖ · trace(covₖ) / d, σt = s · trace(cov) / d.
    var withinTrace = 0.0
    for k in 0..<c {
      let sum = data.rows(ofClass: k).reduce(0.0) { $0 + norms[$1] }
      withinTrace += Double(data.priors[k]) * sum / Double(data.counts[k])
    }
    var totalTrace = norms[0..<n].reduce(0, +)
    for k in 0..<c { totalTrace += Double(data.counts[k]) * norms[n + k] }
    totalTrace /= Double(n)
    let sigmaW = Scalar(shrinkageValue * withinTrace / Double(d))
    let sigmaT = Scalar(shrinkageValue * totalTrace / Double(d))
    let sigmaB = sigmaT - sigmaW
    let weights: [Scalar] = (0..<m).map { i in i < n ? data.priors[classOfRow[i]] / Scalar(data.counts[classOfRow[i]]) : 0 }
    let betweenWeights: [Scalar] = (0..<m).map { i in
      i < n ? (1 - s) * (1 / Scalar(n) - weights[i]) : (1 - s) * Scalar(data.counts[i - n]) / Scalar(n)
    }

    // The basis of U's rows: G = E Λ Eᵀ, L = E Λ^½ (directions below rounding dropped).
    let spectrum = try gram.symmetricEigendecomposition()
    let largest = Swift.max(spectrum.eigenvalues[0], 0)
    let r = spectrum.eigenvalues.filter { $0 > Scalar(m) * Scalar.ulpOfOne * largest }.count
    let components = Swift.min(c - 1, d)
    guard r >= components else { throw Self.coincidingMeans() }
    let roots = spectrum.eigenvalues.prefix(r).map { $0.squareRoot() }
    let l = spectrum.eigenvectors.prefixColumns(r).scalingColumns(by: roots)  // m × r
    var within = l.scalingRows(by: weights.map { (1 - s) * $0 }).times(l, transposingSelf: true)
    var between = l.scalingRows(by: betweenWeights).times(l, transposingSelf: true)
    for i in 0..<r {
      within[i, i] += sigmaW
      between[i, i] += sigmaB
    }
    let eigen = try between.symmetrized().generalizedEigendecomposition(within: within.symmetrized())
    let outside = Scalar(d - r) * sigmaB / sigmaW
    let sum = eigen.eigenvalues.reduce(0, +) + outside
    let ratio = eigen.eigenvalues.prefix(components).map { $0 / sum }
    // scalings: v = Uᵀ · E Λ^(−½) a.
    let lift = spectrum.eigenvectors.prefixColumns(r).scalingColumns(by: roots.map { 1 / $0 })
      .times(eigen.eigenvectors.prefixColumns(components))
    // coef = means · Sw⁻¹ by the Woodbury identity: Sw = σw I + (1 − s) Hᵀ H with H = W^½ Xc,
    // Sw⁻¹ = (I − Hᵀ (σw / (1 − s) · I + H Hᵀ)⁻¹ H) / σw, so coef = (means − Kᵀ Xc) / σw with
    // K = W^½ (σw / (1 − s) · I + H Hᵀ)⁻¹ W^½ Xc meansᵀ. Since the mean rows of U are the means
    // minus the sample mean x̄, Xc meansᵀ = G[samples, mean rows] + Xc x̄ (one ?gemv pass).
    var correction = Matrix<Scalar>(rowCount: m, columnCount: c, repeating: 0)
    if s < 1 {
      let rootWeights = weights.prefix(n).map { $0.squareRoot() }
      var system = gram.prefixRows(n).prefixColumns(n).scalingRows(by: rootWeights).scalingColumns(by: rootWeights)
      for i in 0..<n { system[i, i] += sigmaW / (1 - s) }
      let offsets = work.timesTransposed(Matrix(rows: 1, columns: d, storage: ContiguousArray(sampleMean))).elements
      let meansTimesH = Matrix<Scalar>(rowCount: n, columnCount: c) { i, k in
        (gram[i, n + k] + offsets[i]) * rootWeights[i]
      }
      let solved = try system.symmetrized().solvePositiveDefinite(meansTimesH).scalingRows(by: rootWeights)
      for i in 0..<n {
        for k in 0..<c { correction[i, k] = solved[i, k] }
      }
    }
    // One backward pass for both: Uᵀ [lift, correction].
    let back = work.transposedTimes(lift.appendingColumns(correction))
    let scalings = back.prefixRows(components).transposed()
    let coefficients = (data.means - back.rows(at: components..<(components + c))).scaled(by: 1 / sigmaW)
    return LDAFit(
      scalings: scalings, explainedVarianceRatio: ratio, coefficients: coefficients,
      intercepts: data.eigenIntercepts(coefficients: coefficients))
  }

  static func coincidingMeans() -> ModelError {
    ModelError.invalidParameter(
      operation: fitOperation,
      detail: "the class means coincide (the between-class scatter has too low a rank), so there are fewer "
        + "discriminant directions than classes − 1. Check the labels.")
  }
}

