import LatentLinearAlgebra

// Solver "svd" (scikit-learn's `_solve_svd`, 1.9.1):
//   Xc = samples minus class means; std = population std of each Xc column (0 → 1);
//   Y = √(1/n) · Xc / std; SVD Y = U S Vᵀ; keep S > tol; scalings₁ = V / std / S;
//   Xb = √(n · priors / (c − 1)) ∘ (means − xbar) · scalings₁; SVD Xb = U₂ S₂ V₂ᵀ;
//   ratio = S₂² / ΣS₂²; keep S₂ > tol · S₂[0]; scalings = scalings₁ · V₂;
//   coef = (means − xbar) · scalings · scalingsᵀ; intercept = −½‖(means − xbar) · scalings‖² + log priors − xbar · coefᵀ.
//
// Everything after the first SVD needs V only through products with it, so the wide-data
// routes keep V implicit, V = Bᵀ · C, with B an n × d matrix of rows and C a small coefficient
// matrix (LDA+SVDLowRank.swift for the streamed routes). This file holds the working-copy
// routes and the steps every route shares:
//   LQ:       Y = L · Q in place (?geqrf, ?orgqr), B = Q, L = U_L S V_Lᵀ, C = V_L  (error ≈ ε · κ);
//   explicit: (n ≥ d) Y = Q · R in place (?gelqf), V from the SVD of R.

/// The right singular vectors of the scaled data that are kept, explicit or in the span of the working rows.
enum RightSingularVectors<Scalar: LinearAlgebraScalar> {
  /// `V = Bᵀ · C` with `B` the working rows and `C` an `n × r` matrix.
  case inSpan(Matrix<Scalar>)
  /// `V`, `d × r`.
  case explicit(Matrix<Scalar>)
}

extension LinearDiscriminantAnalysis {
  /// The svd solver on a scaled working copy `Y` of the data, factored in place: by QR when
  /// `n ≥ d` (the explicit path), by Householder LQ otherwise (the low-rank path's last route).
  func fitSVDWorkingCopy<Scalar: LinearAlgebraScalar>(_ data: LDAData<Scalar>) throws -> LDAFit<Scalar> {
    let n = data.sampleCount
    var (work, classMoments) = data.centredWorkingRows()
    let std = withinStandardDeviations(data, classMoments)
    let rootN = Scalar(n).squareRoot()
    work.scaleColumns(by: std.map { 1 / ($0 * rootN) })
    let (singularValues, vectors) = try rightSingularVectors(of: &work)
    let scaledMeans = scaledClassMeans(data, std: std)
    let p: Matrix<Scalar>
    switch vectors {
    case .inSpan(let coefficients):
      p = work.timesTransposed(scaledMeans, rows: 0..<n).times(coefficients, transposingSelf: true)
    case .explicit(let v):
      p = scaledMeans.times(v)
    }
    return try finishSVD(data, std: std, singularValues: singularValues, projectedMeans: p) { t in
      switch vectors {
      case .inSpan(let coefficients): work.transposedTimes(coefficients.times(t), rows: 0..<n).transposed()
      case .explicit(let v): v.times(t)
      }
    }
  }

  /// The population standard deviation of each within-class-centred column (constant columns: 1).
  func withinStandardDeviations<Scalar: LinearAlgebraScalar>(
    _ data: LDAData<Scalar>, _ classMoments: [ColumnMoments]
  ) -> [Scalar] {
    let (n, d) = (data.sampleCount, data.featureCount)
    var sums = [Double](repeating: 0, count: d)
    var squares = [Double](repeating: 0, count: d)
    for moments in classMoments {
      for j in 0..<d {
        sums[j] += moments.sums[j]
        squares[j] += moments.squares[j]
      }
    }
    return (0..<d).map { j in
      let mean = sums[j] / Double(n)
      let value = Scalar(Swift.max(squares[j] / Double(n) - mean * mean, 0).squareRoot())
      return value == 0 ? 1 : value
    }
  }

  /// `(means − xbar) / std`, `c × d`.
  func scaledClassMeans<Scalar: LinearAlgebraScalar>(_ data: LDAData<Scalar>, std: [Scalar]) -> Matrix<Scalar> {
    let (c, d) = (data.classCount, data.featureCount)
    var scaledStorage = data.means.elements
    for k in 0..<c {
      for j in 0..<d { scaledStorage[k * d + j] = (scaledStorage[k * d + j] - data.xbar[j]) / std[j] }
    }
    return Matrix(rows: c, columns: d, storage: scaledStorage)
  }

  /// Everything after the first SVD: from the kept singular values `S_r`, `P = ((means − xbar) / std) · V_r`
  /// (`c × r`) and a way to form `V_r · T` for an `r × r2` matrix `T`, the between-class SVD,
  /// the scalings, coefficients and intercepts.
  func finishSVD<Scalar: LinearAlgebraScalar>(
    _ data: LDAData<Scalar>, std: [Scalar], singularValues: [Scalar], projectedMeans p: Matrix<Scalar>,
    directions: (Matrix<Scalar>) throws -> Matrix<Scalar>
  ) throws -> LDAFit<Scalar> {
    let (n, d, c) = (data.sampleCount, data.featureCount, data.classCount)
    let tolerance = Scalar(self.tolerance)
    let r = singularValues.count
    guard r > 0 else {
      throw ModelError.invalidParameter(
        operation: Self.fitOperation,
        detail: "no singular value of the within-class-scaled data exceeds the tolerance \(self.tolerance): "
          + "every sample equals its class mean. Lower the tolerance or check the data.")
    }
    let classWeights = (0..<c).map { k in (Scalar(n) * data.priors[k] / Scalar(c - 1)).squareRoot() }
    let inverseS = singularValues.map { 1 / $0 }
    let between = p.scalingRows(by: classWeights).scalingColumns(by: inverseS)
    let betweenSVD = try between.singularValueDecomposition()
    let s2 = betweenSVD.singularValues
    let total = s2.reduce(0) { $0 + $1 * $1 }
    guard let first = s2.first, first > 0, total > 0 else {
      throw ModelError.invalidParameter(
        operation: Self.fitOperation,
        detail: "the class means coincide, so there is no discriminant direction. Check the labels.")
    }
    let ratio = s2.map { $0 * $0 / total }
    let r2 = s2.filter { $0 > tolerance * first }.count
    // T = S_r⁻¹ · V₂[:, :r2], r × r2; scalings = V_r · T / std.
    let t = betweenSVD.vt.prefixRows(r2).transposed().scalingRows(by: inverseS)
    let scalings = try directions(t).scalingRows(by: std.map { 1 / $0 })

    // coef = (means − xbar) · scalings · scalingsᵀ; (means − xbar) · scalings = P · T.
    let projectedMeans = p.times(t)
    let coefficients = projectedMeans.times(scalings, transposingOther: true)
    var intercepts = [Scalar](repeating: 0, count: c)
    for k in 0..<c {
      var squaredNorm: Scalar = 0
      for column in 0..<r2 { squaredNorm += projectedMeans[k, column] * projectedMeans[k, column] }
      var offset: Scalar = 0
      coefficients.elements.withUnsafeBufferPointer { row in
        for j in 0..<d { offset += data.xbar[j] * row[k * d + j] }
      }
      intercepts[k] = -squaredNorm / 2 + Scalar(naturalLog(Double(data.priors[k]))) - offset
    }
    return LDAFit(
      scalings: scalings, explainedVarianceRatio: ratio, coefficients: coefficients, intercepts: intercepts)
  }

  /// The kept singular values (`> tolerance`) of the scaled data in `work` and their right
  /// singular vectors, by an orthogonal factorization that overwrites `work`: QR with `V`
  /// from the `d × d` factor when `n ≥ d`, otherwise LQ with `V` kept in the span of `Q`.
  private func rightSingularVectors<Scalar: LinearAlgebraScalar>(
    of work: inout WorkingRows<Scalar>
  ) throws -> ([Scalar], RightSingularVectors<Scalar>) {
    let (n, d) = (work.rowCount, work.columnCount)
    let tolerance = Scalar(self.tolerance)
    if n >= d {
      // Y = Q · R in place; V from the SVD of the d × d factor R.
      let r = try work.factorInPlaceQR()
      let svd = try r.singularValueDecomposition()
      let kept = svd.singularValues.filter { $0 > tolerance }
      return (kept, .explicit(svd.vt.prefixRows(kept.count).transposed()))
    }
    // Y = L · Q in place, B = Q; V = Qᵀ · V_L from the SVD of the n × n factor L.
    let l = try work.factorInPlaceLQ()
    let svd = try l.singularValueDecomposition()
    let kept = svd.singularValues.filter { $0 > tolerance }
    return (kept, .inSpan(svd.vt.prefixRows(kept.count).transposed()))
  }
}

/// An orthonormal basis of the vectors that sum to zero over every class's rows
/// (`offsets[k]..<offsets[k + 1]`): `n × (n − c)`, Helmert contrasts within each class,
/// `hⱼ = (1, …, 1, −j, 0, …) / √(j (j + 1))` with `j` ones.
func classContrasts<Scalar: LinearAlgebraScalar>(_ offsets: [Int]) -> Matrix<Scalar> {
  let n = offsets.last ?? 0
  let c = offsets.count - 1
  var result = Matrix<Scalar>(rowCount: n, columnCount: n - c, repeating: 0)
  var column = 0
  for k in 0..<c {
    let start = offsets[k]
    for j in 1..<Swift.max(1, offsets[k + 1] - start) {
      let norm = 1 / Scalar(j * (j + 1)).squareRoot()
      for i in 0..<j { result[start + i, column] = norm }
      result[start + j, column] = -Scalar(j) * norm
      column += 1
    }
  }
  return result
}
