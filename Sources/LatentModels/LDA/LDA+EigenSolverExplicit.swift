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
    var within = Matrix<Scalar>(rowCount: d, columnCount: d, repeating: 0)
    for k in 0..<c {
      let covariance = shrunkCovariance(
        of: &work, rows: data.rows(ofClass: k), mean: data.means.row(k), moments: classMoments[k], shrinkage: shrinkage)
      within = within + covariance.scaled(by: data.priors[k])
    }
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
      }
    }
    var result = mirroredLower(covariance, size: d)
    let trace = Double(result.trace)
    switch shrinkage {
    case .none:
      break
    case .fixed(let s):
      result.shrink(weight: Scalar(s), mu: Scalar(trace / Double(d)))
    case .ledoitWolf:
      var norms = 0.0
      var squaredNorms = 0.0
      work.storage.withUnsafeBufferPointer { w in
        for i in rows {
          var r = 0.0
          for j in 0..<d { r += Double(w[i * d + j]) * Double(w[i * d + j]) }
          norms += r
          squaredNorms += r * r
        }
      }
      var frobenius = 0.0
      for value in result.elements { frobenius += Double(value) * Double(value) }
      let lw = LedoitWolfWeight(
        samples: m, features: d, sumOfNorms: norms, sumOfSquaredNorms: squaredNorms, squaredFrobeniusNorm: frobenius)
      result.shrink(weight: Scalar(lw.weight), mu: Scalar(trace / Double(d)))
      // Back to the original units: scale · S · scale, symmetric by construction.
      for i in 0..<d {
        for j in 0...i {
          let value = scale[i] * result[i, j] * scale[j]
          result[i, j] = value
          result[j, i] = value
        }
      }
    }
    return result
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
    for i in 0..<d {
      var sum: Scalar = 0
      for j in 0..<d { sum += Swift.abs(within[i, j]) }
      norm = Swift.max(norm, sum)
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

extension Matrix {
  /// `(1 − weight) · self + weight · mu · I`, in place (scikit-learn's `shrunk_covariance`).
  mutating func shrink(weight: Scalar, mu: Scalar) {
    let d = rowCount
    self = scaled(by: 1 - weight)
    for i in 0..<d { self[i, i] += weight * mu }
  }
}
