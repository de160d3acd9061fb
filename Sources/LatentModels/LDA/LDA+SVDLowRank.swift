import LatentLinearAlgebra

// The svd solver on wide data (plan `.svdLowRank`), streaming the input. With
// Y = √(1/n) · (X − class means) / std (n × d, rows grouped by class) and M = (means − xbar) / std
// (c × d), everything after the first SVD needs the kept singular values S_r of Y, the
// projected means P = M · V_r and products V_r · T (LDA+SVDSolver.swift, `finishSVD`). The
// routes differ in how they reach S_r and V_r = Bᵀ · C:
//
//   gram:        B = Y. Y · Yᵀ = U S² Uᵀ (?syrk, ?syevd), C = U / S. One pass; the rounding of
//                Y · Yᵀ is ε · S₀², so the error grows like ε · κ² (κ = S₀ / S_r).
//   choleskyQR:  each class's rows of Y sum to zero up to the rounding of its mean. Their
//                Helmert contrasts H = Bᵀ · Y ((n − c) × d, B as in `classContrasts`) keep the
//                row space and the singular values above that rounding, and drop the class
//                sums exactly as a truncated SVD of Y would (formed with running sums, block
//                by block). A Gram matrix of a column sketch of H (every eighth 64-column
//                piece, in Double) gives a Cholesky factor L_s with Q₁ = L_s⁻¹ · H close to
//                orthonormal. One pass forms Q₁ block by block (?trsm) and accumulates
//                G = Q₁ · Q₁ᵀ (?syrk) and Q₁ · Mᵀ. With G = W Λ Wᵀ, Q = Λ^(−1/2) Wᵀ Q₁ has
//                orthonormal rows to ε · κ(G), and H = A · Q with the small A = L_s · W · Λ^(1/2);
//                the SVD A = U_A S V_Aᵀ gives S, and V = Qᵀ V_A = Yᵀ · B · L_s⁻ᵀ · W Λ^(−1/2) V_A,
//                so the rows are Y and C = B · L_s⁻ᵀ · W Λ^(−1/2) V_A. Only orthonormal factors
//                and triangular solves meet the small singular values: the error grows like
//                ε · κ, as with Householder.
//   householder: a working copy factored in place (`fitSVDWorkingCopy`).
//
// Randomized preconditioning of Cholesky QR: Fan, Guo and Lin, "A novel randomized XR-based
// preconditioned CholeskyQR algorithm" (2021); Higgins, Szyld, Boman and Yamazaki, "Analysis of
// randomized Householder-Cholesky QR factorization with multisketching" (2023). The sketch here
// samples column pieces rather than mixing them, which suits pixel data whose information is
// spread over the image; the route checks the conditioning it reached and declines otherwise.

/// The state the streamed routes share: scales, the rows of `Y` and `M`, and the accuracy of
/// reading the input directly.
struct SVDStreamedSetup<Scalar: LinearAlgebraScalar> {
  let data: LDAData<Scalar>
  /// The within-class standard deviations (constant columns: 1).
  let std: [Scalar]
  /// `1 / (std · √n)`, the scale of the rows of `Y`.
  let sampleScale: [Scalar]
  /// The class means and `xbar`, the centres of the streamed rows.
  let centres: [[Scalar]]
  /// Whether products may read the input directly (``StreamedRows/directProductsAreAccurate(ratio:)``).
  let direct: Bool

  init(_ data: LDAData<Scalar>, std: [Scalar], moments: [ColumnMoments]) {
    self.data = data
    self.std = std
    let rootN = Scalar(data.sampleCount).squareRoot()
    sampleScale = std.map { 1 / ($0 * rootN) }
    centres = data.classMeanRows + [data.xbar]
    direct = StreamedRows<Scalar>.directProductsAreAccurate(
      ratio: data.centringRatio(moments, scale: std.map { 1 / $0 }))
  }

  /// Rows of `Y` for the working rows `positions` (scale 0), then, if `withMeans`, the `c` rows
  /// of `M` (scale 1). `direct` allows products that read the input directly (rows of `Y` only).
  func rows(_ positions: [Int], withMeans: Bool, direct: Bool = false) -> StreamedRows<Scalar> {
    let c = data.classCount
    let classOfRow = data.classOfWorkingRow
    var rows = positions.map { StreamedRow(source: .sample(data.order[$0]), centre: classOfRow[$0], scale: 0) }
    if withMeans { rows += (0..<c).map { StreamedRow(source: .centre($0), centre: c, scale: 1) } }
    var streamed = StreamedRows(
      x: data.x, centres: centres, scales: withMeans ? [sampleScale, std.map { 1 / $0 }] : [sampleScale], rows: rows)
    streamed.allowsDirectProducts = direct && self.direct && !withMeans
    return streamed
  }
}

extension LinearDiscriminantAnalysis {
  /// The largest estimated error (`ε · κ²` for the Gram route, `ε · κ(Q₁ · Q₁ᵀ)` for Cholesky
  /// QR) that a route accepts: 1e-11 in `Double` (parity 1e-9), 1e-5 in `Float` (parity 1e-4).
  static func errorBudget<Scalar: LinearAlgebraScalar>(_: Scalar.Type) -> Double {
    Scalar.self == Float.self ? 1e-5 : 1e-11
  }

  /// The svd solver on wide data: the plan's routes in order, until one fits.
  func fitSVDLowRank<Scalar: LinearAlgebraScalar>(_ data: LDAData<Scalar>, routes: [SVDRoute]) throws -> LDAFit<Scalar> {
    let forced = routes.count == 1
    var setup: SVDStreamedSetup<Scalar>?
    func streamedSetup() -> SVDStreamedSetup<Scalar> {
      if let setup { return setup }
      let moments = data.centredMoments()
      let made = SVDStreamedSetup(data, std: withinStandardDeviations(data, moments), moments: moments)
      setup = made
      return made
    }
    // The sketch serves both streamed routes: its condition estimate tells whether the Gram
    // route can keep the budget before that route reads the data, and its factor preconditions
    // the Cholesky QR route.
    var sketch: ColumnSketch<Scalar>?
    var reasons: [String] = []
    for route in routes {
      let outcome: SVDRouteOutcome<Scalar>
      switch route {
      case .gram:
        if !forced, routes.contains(.choleskyQR) {
          let made = try ColumnSketch(streamedSetup())
          sketch = made
          if let estimate = made.gramErrorEstimate, estimate > Self.errorBudget(Scalar.self) {
            reasons.append("gram: the sketch estimates ε·κ² ≈ \(estimate)")
            continue
          }
        }
        outcome = try fitSVDGram(streamedSetup(), forced: forced)
      case .choleskyQR:
        let made = try sketch ?? ColumnSketch(streamedSetup())
        sketch = made
        outcome = try fitSVDCholeskyQR(streamedSetup(), sketch: made, forced: forced)
      case .householder:
        outcome = .fitted(try fitSVDWorkingCopy(data))
      }
      switch outcome {
      case .fitted(var fit):
        fit.svdRoute = route
        return fit
      case .declined(let reason): reasons.append(reason)
      }
    }
    throw LinearAlgebraError.noConvergence(routine: "LDA svd routes (\(reasons.joined(separator: "; ")))", info: 0)
  }

  /// The Gram route: declined when `ε · κ²` exceeds the budget (unless `forced`).
  ///
  /// Two passes over the input: the Gram matrix `Y · Yᵀ` (`?syrk`) together with `Y · Mᵀ`,
  /// then `Yᵀ · (C · T)` for the scalings (read directly from the input when accurate).
  func fitSVDGram<Scalar: LinearAlgebraScalar>(_ setup: SVDStreamedSetup<Scalar>, forced: Bool) throws -> SVDRouteOutcome<Scalar> {
    let data = setup.data
    let (n, c) = (data.sampleCount, data.classCount)
    let streamed = setup.rows(Array(0..<n), withMeans: true)
    let (grams, crosses, _) = streamed.products(grams: [0..<n], crosses: [(0..<n, n..<(n + c))])

    // Each class's rows sum to zero, so the class indicators span c exact null directions
    // of Y · Yᵀ. Rounding would turn them into singular values near √ε · S₀ (above the
    // tolerance in Float); working in the orthonormal complement B of the indicators
    // (Helmert contrasts within each class) keeps them out: Y Yᵀ = B (Bᵀ Y Yᵀ B) Bᵀ.
    let contrasts: Matrix<Scalar> = classContrasts(data.offsets)
    let reduced = contrasts.times(grams[0].times(contrasts), transposingSelf: true).symmetrized()
    let eigen = try reduced.symmetricEigendecomposition()
    let tolerance = Scalar(self.tolerance)
    let kept = eigen.eigenvalues.map { Swift.max($0, 0).squareRoot() }.filter { $0 > tolerance }
    let r = kept.count
    let conditioning = r > 0 ? Double(eigen.eigenvalues[0] / eigen.eigenvalues[r - 1]) : 1
    let estimate = Double(Scalar.ulpOfOne) * conditioning
    guard forced || estimate <= Self.errorBudget(Scalar.self) else {
      return .declined("gram: ε·κ² = \(estimate)")
    }
    let coefficients = contrasts.times(eigen.eigenvectors.prefixColumns(r)).scalingColumns(by: kept.map { 1 / $0 })
    let p = crosses[0].times(coefficients, transposingSelf: true)
    return .fitted(
      try finishSVD(data, std: setup.std, singularValues: kept, projectedMeans: p) { t in
        setup.rows(Array(0..<n), withMeans: false, direct: true).transposedTimes(coefficients.times(t)).transposed()
      })
  }

  /// The sketch-preconditioned Cholesky QR route: declined when the preconditioned rows are
  /// not well conditioned (`ε · κ(Q₁ · Q₁ᵀ)` over the budget), unless `forced`.
  ///
  /// Two passes over the input: `Q₁ = L_s⁻¹ · H` block by block (`?trsm`) with `Q₁ · Q₁ᵀ`
  /// (`?syrk`) and `Q₁ · Mᵀ`; then `Q₁` again for `Q₁ᵀ · (K · T)`, the scalings.
  func fitSVDCholeskyQR<Scalar: LinearAlgebraScalar>(
    _ setup: SVDStreamedSetup<Scalar>, sketch: ColumnSketch<Scalar>, forced: Bool
  ) throws -> SVDRouteOutcome<Scalar> {
    let data = setup.data
    let (n, c) = (data.sampleCount, data.classCount)
    guard let factor = sketch.factor else { return .declined("choleskyQR: the sketch's Gram matrix is singular") }
    let streamed = setup.rows(Array(0..<n), withMeans: true)
    let (g, q1m) = streamed.preconditionedContrastProducts(factor: factor.elements, offsets: data.offsets, crossRows: c)

    let eigen = try g.symmetricEigendecomposition()
    guard let largest = eigen.eigenvalues.first, let smallest = eigen.eigenvalues.last, smallest > 0 else {
      return .declined("choleskyQR: the preconditioned rows are rank deficient")
    }
    let estimate = Double(Scalar.ulpOfOne) * Double(largest / smallest)
    guard forced || estimate <= Self.errorBudget(Scalar.self) else {
      return .declined("choleskyQR: ε·κ(Q₁·Q₁ᵀ) = \(estimate)")
    }
    // H = A · Q with A = L_s · W · Λ^(1/2) and Q = Λ^(−1/2) · Wᵀ · Q₁ (orthonormal rows).
    let roots = eigen.eigenvalues.map { $0.squareRoot() }
    let a = factor.times(eigen.eigenvectors.scalingColumns(by: roots))
    let svd = try a.singularValueDecomposition()
    let tolerance = Scalar(self.tolerance)
    let singularValues = svd.singularValues.filter { $0 > tolerance }
    let r = singularValues.count
    // K = W Λ^(−1/2) V_A[:, :r], so that V_r = Q₁ᵀ · K and P = M · V_r = (Q₁ · Mᵀ)ᵀ · K.
    let k = eigen.eigenvectors.scalingColumns(by: roots.map { 1 / $0 }).times(svd.vt.prefixRows(r), transposingOther: true)
    let p = q1m.times(k, transposingSelf: true)
    return .fitted(
      try finishSVD(data, std: setup.std, singularValues: singularValues, projectedMeans: p) { t in
        // V_r · T = Q₁ᵀ · (K · T), from Q₁ formed again exactly as in the first pass: products
        // with the rounded Q₁ itself keep the directions at the accuracy of the factorization,
        // where Hᵀ · (L_s⁻ᵀ · K · T) would cancel by a factor κ. Forming Q₁ twice costs one
        // ?trsm more and saves an n × d copy.
        setup.rows(Array(0..<n), withMeans: false).preconditionedContrastsTransposedTimes(
          k.times(t), factor: factor.elements, offsets: data.offsets
        ).transposed()
      })
  }
}

/// A Cholesky factor of the Gram matrix of a column sample of `H = Bᵀ · Y`, the Helmert
/// contrasts of `Y`'s rows within each class (`n − c` rows with the row space of `Y` less its
/// class sums).
struct ColumnSketch<Scalar: LinearAlgebraScalar> {
  /// `L_s`, lower triangular, with `L_s · L_sᵀ = (d / m) · H[:, J] · H[:, J]ᵀ` for the `m`
  /// sampled columns `J`; `nil` when that matrix is singular even after a diagonal shift.
  let factor: Matrix<Scalar>?
  /// `ε · κ̂²` with `κ̂²` the condition number of the sketch's Gram matrix (by power and
  /// inverse iteration): the error the Gram route would incur; `nil` without a factor.
  let gramErrorEstimate: Double?

  /// Column pieces of 64 spread evenly over `d` columns, about `max(d / 8, 8 · rows)` columns
  /// in all; every column when that is more than half of them.
  static func pieces(features d: Int, rows: Int) -> [Range<Int>] {
    let width = 64
    let wanted = Swift.max(d / 8, 8 * rows)
    guard 2 * wanted < d else { return [0..<d] }
    let count = Swift.max(1, wanted / width)
    let stride = d / count
    return (0..<count).map { ($0 * stride)..<Swift.min($0 * stride + width, d) }
  }

  init(_ setup: SVDStreamedSetup<Scalar>) throws {
    let data = setup.data
    let (n, d) = (data.sampleCount, data.featureCount)
    let m = n - data.classCount
    let pieces = Self.pieces(features: d, rows: m)
    let sampled = pieces.reduce(0) { $0 + $1.count }
    var gram = setup.rows(Array(0..<n), withMeans: false).contrastGramInDouble(pieces: pieces, offsets: data.offsets)
    gram = gram.scaled(by: Double(d) / Double(sampled))
    var lower: Matrix<Double>? = try? gram.cholesky().lower
    if lower == nil {
      // Shifted Cholesky QR (Fukaya, Kannan, Nakatsukasa, Yamamoto, Yanagisawa 2020): a shift
      // of 11 · (m · d + m²) · ε · ‖G‖ makes the factorization succeed; the route then checks
      // how well the shifted factor preconditions.
      var trace = 0.0
      for i in 0..<m { trace += gram[i, i] }
      let shift = 11 * Double(m * sampled + m * m) * Double.ulpOfOne * trace
      for i in 0..<m { gram[i, i] += shift }
      lower = try? gram.cholesky().lower
    }
    guard let lower else {
      factor = nil
      gramErrorEstimate = nil
      return
    }
    factor = Matrix<Scalar>(converting: lower)
    gramErrorEstimate = Double(Scalar.ulpOfOne) * Self.conditionEstimate(gram, lower: lower)
  }

  /// `λ_max / λ_min` of the symmetric positive definite `g = L · Lᵀ`: power iteration for
  /// `λ_max`, inverse iteration (two triangular solves a step) for `λ_min`; a few steps
  /// suffice for the order of magnitude the routes' budgets need.
  /// - Complexity: O(m²) per step.
  static func conditionEstimate(_ g: Matrix<Double>, lower: Matrix<Double>) -> Double {
    let m = g.rowCount
    var vector = (0..<m).map { 1 + Double($0 % 7) / 7 }
    var largest = 0.0
    for _ in 0..<30 {
      let product = g.times(Matrix(rows: m, columns: 1, storage: ContiguousArray(vector))).elements
      let norm = product.reduce(0) { $0 + $1 * $1 }.squareRoot()
      guard norm > 0 else { return .infinity }
      largest = norm / vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
      vector = product.map { $0 / norm }
    }
    vector = (0..<m).map { 1 + Double($0 % 5) / 5 }
    var smallest = Double.infinity
    for _ in 0..<30 {
      let next = lower.solvingTransposedLower(lower.solvingLower(Matrix(rows: m, columns: 1, storage: ContiguousArray(vector))))
      let norm = next.elements.reduce(0) { $0 + $1 * $1 }.squareRoot()
      guard norm > 0, norm.isFinite else { return .infinity }
      smallest = vector.reduce(0) { $0 + $1 * $1 }.squareRoot() / norm
      vector = next.elements.map { $0 / norm }
    }
    return largest / smallest
  }
}
