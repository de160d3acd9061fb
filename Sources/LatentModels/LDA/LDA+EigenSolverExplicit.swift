import LatentLinearAlgebra

// Solver "eigen", explicit path: scikit-learn's `_solve_eigen` literally.
//   Sw = Σₖ priorₖ · covₖ (biased, shrunk), St = cov of all samples (shrunk the same way),
//   Sb = St − Sw; Sb · v = λ · Sw · v by ?sygvd (vectors Sw-normalized, descending);
//   coef = means · E · Eᵀ over all d eigenvectors (= means · Sw⁻¹); intercept = −½ diag(means · coefᵀ) + log priors.
// Memory: three d × d matrices; time O(n · d² + d³).

extension LinearDiscriminantAnalysis {
  func fitEigenExplicit<Scalar: LinearAlgebraScalar>(
    _ data: LDAData<Scalar>, shrinkage: Shrinkage
  ) throws -> LDAFit<Scalar> {
    let (n, d, c) = (data.sampleCount, data.featureCount, data.classCount)
    var (work, classMoments) = data.centredWorkingRows()
    var withinStorage = ContiguousArray<Scalar>(repeating: 0, count: d * d)
    for k in 0..<c {
      let covariance = shrunkCovariance(
        of: &work, rows: data.rows(ofClass: k), mean: data.means.row(k), moments: classMoments[k], shrinkage: shrinkage)
      covariance.elements.withUnsafeBufferPointer { x in
        withinStorage.withUnsafeMutableBufferPointer { y in
          Scalar._axpy(n: blas32(d * d), alpha: data.priors[k], x: x.baseAddress!, incx: 1, y: y.baseAddress!, incy: 1)
        }
      }
    }
    let within = Matrix(rows: d, columns: d, storage: withinStorage)
    // St: all samples minus their mean, in the same buffer.
    let sampleMean = data.sampleMean
    work.storage.withUnsafeMutableBufferPointer { w in
      data.x.elements.withUnsafeBufferPointer { xs in
        for i in 0..<n {
          for j in 0..<d { w[i * d + j] = xs[i * d + j] - sampleMean[j] }
        }
      }
    }
    let totalMoments: ColumnMoments? =
      if case .ledoitWolf = shrinkage { LDAData<Scalar>.columnMoments(work, rows: 0..<n) } else { nil }
    let total = shrunkCovariance(of: &work, rows: 0..<n, mean: sampleMean, moments: totalMoments, shrinkage: shrinkage)
    let between = total - within
    if case .none = shrinkage { try Self.checkNonsingular(within) }
    let eigen: SymmetricEigendecomposition<Scalar>
    do {
      eigen = try between.generalizedEigendecomposition(within: within)
    } catch LinearAlgebraError.notPositiveDefinite {
      throw Self.singularWithinCovariance(features: d, samples: n, classes: c)
    }
    let m = Swift.min(c - 1, d)
    let sum = eigen.eigenvalues.reduce(0, +)
    let ratio = eigen.eigenvalues.prefix(m).map { $0 / sum }
    let coefficients = data.means.times(eigen.eigenvectors).times(eigen.eigenvectors, transposingOther: true)
    return LDAFit(
      scalings: eigen.eigenvectors.prefixColumns(m), explainedVarianceRatio: ratio, coefficients: coefficients,
      intercepts: data.eigenIntercepts(coefficients: coefficients))
  }

  /// The (shrunk) biased covariance of working rows already centred by `mean`, `d × d`,
  /// as scikit-learn's `_cov`; Ledoit–Wolf standardizes the rows in place first, with
  /// scales from the rows' column `moments`.
  private func shrunkCovariance<Scalar: LinearAlgebraScalar>(
    of work: inout WorkingRows<Scalar>, rows: Range<Int>, mean: [Scalar], moments: ColumnMoments?, shrinkage: Shrinkage
  ) -> Matrix<Scalar> {
    let d = work.columnCount
    let m = rows.count
    var scale = [Scalar](repeating: 1, count: d)
    if case .ledoitWolf = shrinkage, let moments {
      scale = (0..<d).map { j in
        standardScale(sum: moments.sums[j], sumOfSquares: moments.squares[j], count: m, mean: Double(mean[j]), Scalar.self)
      }
      let inverse = scale.map { 1 / $0 }
      work.storage.withUnsafeMutableBufferPointer { w in
        for i in rows {
          for j in 0..<d { w[i * d + j] *= inverse[j] }
        }
      }
    }
    var covariance = ContiguousArray<Scalar>(repeating: 0, count: d * d)
    work.storage.withUnsafeBufferPointer { w in
      covariance.withUnsafeMutableBufferPointer { s in
        Scalar._syrk(
          lower: true, transpose: true, n: blas32(d), k: blas32(m), alpha: 1 / Scalar(m),
          a: w.baseAddress! + rows.lowerBound * d, lda: blas32(d), beta: 0, c: s.baseAddress!, ldc: blas32(d))
        for i in 0..<d {
          for j in (i + 1)..<Swift.max(i + 1, d) { s[i * d + j] = s[j * d + i] }
        }
      }
    }
    var trace = 0.0
    for i in 0..<d { trace += Double(covariance[i * d + i]) }
    let weight: Double
    switch shrinkage {
    case .none:
      return Matrix(rows: d, columns: d, storage: covariance)
    case .fixed(let s):
      weight = s
    case .ledoitWolf:
      var norms = 0.0
      var squaredNorms = 0.0
      var frobenius = 0.0
      work.storage.withUnsafeBufferPointer { w in
        for i in rows {
          var r = 0.0
          for j in 0..<d { r += Double(w[i * d + j]) * Double(w[i * d + j]) }
          norms += r
          squaredNorms += r * r
        }
      }
      for value in covariance { frobenius += Double(value) * Double(value) }
      weight = LedoitWolfWeight(
        samples: m, features: d, sumOfNorms: norms, sumOfSquaredNorms: squaredNorms, squaredFrobeniusNorm: frobenius
      ).weight
    }
    // (1 − w) · S + w · (trace S / d) · I (scikit-learn's shrunk covariance), then, for
    // Ledoit–Wolf, back to the original units: scale · S · scale (scale is 1 otherwise).
    let (keep, target) = (Scalar(1 - weight), Scalar(weight * trace / Double(d)))
    covariance.withUnsafeMutableBufferPointer { s in
      for i in 0..<d {
        for j in 0..<d {
          let shrunk = keep * s[i * d + j] + (i == j ? target : 0)
          s[i * d + j] = scale[i] * shrunk * scale[j]
        }
      }
      // Exactly symmetric: (sᵢ·x)·sⱼ and (sⱼ·x)·sᵢ may round differently.
      for i in 0..<d {
        for j in (i + 1)..<Swift.max(i + 1, d) { s[i * d + j] = s[j * d + i] }
      }
    }
    return Matrix(rows: d, columns: d, storage: covariance)
  }

  /// Throws when `within` is singular to working precision (no shrinkage): scikit-learn's
  /// `eigh` fails there, or returns noise when rounding makes the matrix barely definite.
  static func checkNonsingular<Scalar: LinearAlgebraScalar>(_ within: Matrix<Scalar>) throws {
    let d = within.rowCount
    let factor: CholeskyDecomposition<Scalar>
    do {
      factor = try within.cholesky()
    } catch LinearAlgebraError.notPositiveDefinite {
      throw singularWithinCovariance(features: d, samples: nil, classes: nil)
    }
    var norm: Scalar = 0
    within.elements.withUnsafeBufferPointer { w in
      for i in 0..<d {
        var sum: Scalar = 0
        for j in 0..<d { sum += Swift.abs(w[i * d + j]) }
        norm = Swift.max(norm, sum)
      }
    }
    var reciprocalCondition: Scalar = 0
    let info = factor.lower.elements.withUnsafeBufferPointer { l in
      Scalar._pocon(upper: true, n: blas32(d), a: l.baseAddress!, lda: blas32(d), anorm: norm, rcond: &reciprocalCondition)
    }
    try checkLAPACK(info, "pocon", Scalar.self)
    if reciprocalCondition < Scalar.ulpOfOne {
      throw singularWithinCovariance(features: d, samples: nil, classes: nil)
    }
  }

  static func singularWithinCovariance(features d: Int, samples n: Int?, classes c: Int?) -> ModelError {
    var detail = "solver .eigen(shrinkage: .none) needs a nonsingular within-class covariance, but it is singular"
    if let n, let c, n - c < d {
      detail += " (\(d) features but only \(n - c) within-class degrees of freedom)"
    } else {
      detail += " (a constant or collinear feature)"
    }
    detail += ". Use shrinkage (.fixed or .ledoitWolf) or the .svd solver."
    return ModelError.invalidParameter(operation: fitOperation, detail: detail)
  }
}
