import LatentLinearAlgebra

/// The five ways ``PrincipalComponentAnalysis`` computes a decomposition.
///
/// Each takes the data and its column means (`Double`) and returns a ``PCASolution`` with the
/// kept components as orthonormal rows; the Gram, covariance and Lanczos solvers return `nil` when
/// `checkConditioning` is set and the automatic solver must use the SVD instead.
enum PCASolvers {
  typealias ComponentCount = PrincipalComponentAnalysis.ComponentCount

  // MARK: Gram (dual) solver, for d ≫ n

  /// `K = Xc·Xcᵀ` by `?syrk` over column blocks, `?syevr`/`?syevd`, then `Xcᵀ·Uₖ` by `?gemm`.
  ///
  /// Peak memory beyond the input: the `n × n` Gram matrix and its eigenvectors, one block
  /// buffer, and the `k × d` components (written in the data's precision).
  /// - Complexity: `n²·d + 2·k·n·d` flops plus `O(n³)` for the eigendecomposition.
  static func gram<Scalar: LinearAlgebraScalar>(
    _ x: Matrix<Scalar>, mean: [Double], count: ComponentCount, checkConditioning: Bool, operation: String
  ) throws -> PCASolution<Scalar>? {
    let (n, d) = (x.rowCount, x.columnCount)
    let m = Swift.min(n, d)
    let blocks = CentredBlocks<Scalar, Double>(source: x, mean: mean)
    var gram = blocks.gramLowerTriangle()
    let total = trace(gram, order: n)
    try PCAStatistics.checkVariance(total, operation)

    let (eigenvalues, vectors, first, all) = try leadingEigenpairs(&gram, order: n, count: count, spectrumSize: m) {
      $0 = blocks.gramLowerTriangle()
    }
    if checkConditioning,
      PCAStatistics.needsSingularValueDecomposition(eigenvalues: eigenvalues, keeping: first, rowCount: n, columnCount: d)
    {
      return nil
    }

    /// The first `k` components and their norms `‖Xcᵀ·uᵢ‖`, the reported singular values.
    func components(_ k: Int) -> (ContiguousArray<Scalar>, [Double]) {
      var u = ContiguousArray<Double>(repeating: 0, count: n * k)  // Uₖ, n × k
      for i in 0..<k {
        for j in 0..<n { u[j * k + i] = vectors[i * n + j] }
      }
      return componentsFromSampleSpace(rowCount: n, columnCount: d, count: k, eigenvalues: eigenvalues) {
        (output: UnsafeMutableBufferPointer<Scalar>) in blocks.transposedTimes(u, columns: k, into: output)
      }
    }
    let (k, rows, norms) = settleCount(
      count, first: first, spectrumSize: m, sampleCount: n, totalSumOfSquares: total, columnCount: d,
      solve: components)
    if k > first, checkConditioning,
      PCAStatistics.needsSingularValueDecomposition(eigenvalues: eigenvalues, keeping: k, rowCount: n, columnCount: d)
    {
      return nil
    }
    let discarded =
      all
      ? PCAStatistics.meanOfTail(Array(eigenvalues.prefix(m)), from: k)
      : remainderMean(total: total, kept: norms.map { $0 * $0 }, spectrumSize: m)
    return PCASolution(
      components: rows, componentCount: k, singularValues: norms, totalSumOfSquares: total,
      meanDiscardedSumOfSquares: discarded, solver: .gram)
  }

  /// The number of components to keep and their rows (`k × d`) and reported singular values.
  ///
  /// `first` is the count from the eigenvalues. For a fixed count or `.all` it is final. For
  /// a variance fraction the model reports ratios of the singular values `solve` computes
  /// (norms of projections), which differ from the eigenvalues' in the last bits, so the
  /// count is settled on those ratios with scikit-learn's rule; when the rule needs a ratio
  /// beyond the ones computed, one more component is computed, then all `m`.
  static func settleCount<Scalar: LinearAlgebraScalar>(
    _ count: ComponentCount, first: Int, spectrumSize m: Int, sampleCount n: Int, totalSumOfSquares total: Double,
    columnCount d: Int, solve: (Int) -> (ContiguousArray<Scalar>, [Double])
  ) -> (Int, ContiguousArray<Scalar>, [Double]) {
    var computed = first
    var (rows, singular) = solve(computed)
    guard case .varianceFraction(let fraction) = count else { return (computed, rows, singular) }
    while true {
      let ratios = PCAStatistics.explainedVarianceRatios(
        singularValues: singular, totalSumOfSquares: total, sampleCount: n, as: Scalar.self)
      if let k = PCAStatistics.fractionCount(ratios: ratios, fraction: fraction, spectrumSize: m) {
        return (k, ContiguousArray(rows[0..<(k * d)]), Array(singular[0..<k]))
      }
      // fractionCount returns nil only when computed < m.
      computed = computed == first ? computed + 1 : m
      (rows, singular) = solve(computed)
    }
  }

  /// The components `vᵢ = Xcᵀ·uᵢ / ‖Xcᵀ·uᵢ‖` for eigenvectors `uᵢ` of `K = Xc·Xcᵀ`, and the
  /// norms `‖Xcᵀ·uᵢ‖`, which are the singular values: more accurate than `√λᵢ` for small `λᵢ`.
  /// `product` writes the `k × d` rows `Xcᵀ·uᵢ` into its buffer and returns their norms.
  ///
  /// Components whose eigenvalue is at the rounding floor (`≤ max(n, d)·ε·λ₀`) are noise
  /// and are completed to an orthonormal set instead.
  /// - Complexity: what `product` costs, plus `O(k·d)`.
  static func componentsFromSampleSpace<Scalar: LinearAlgebraScalar>(
    rowCount n: Int, columnCount d: Int, count k: Int, eigenvalues: [Double],
    product: (UnsafeMutableBufferPointer<Scalar>) -> [Double]
  ) -> (components: ContiguousArray<Scalar>, singularValues: [Double]) {
    var components = ContiguousArray<Scalar>(repeating: 0, count: k * d)
    let norms = components.withUnsafeMutableBufferPointer { product($0) }
    let floor = Double(Swift.max(n, d)) * Double.ulpOfOne * eigenvalues[0]
    let firstNull = (0..<k).first { eigenvalues[$0] <= floor || !(norms[$0] > 0) } ?? k
    components.withUnsafeMutableBufferPointer { v in
      for i in 0..<firstNull {
        Scalar._scal(n: Int32(d), alpha: Scalar(1 / norms[i]), x: v.baseAddress! + i * d, incx: 1)
      }
    }
    PCAStatistics.orthonormalizeRows(&components, rows: k, columns: d, from: firstNull)
    return (components, norms)
  }

  // MARK: Covariance solver, for n ≫ d

  /// `C = Xcᵀ·Xc` by `?syrk` over row blocks, then `?syevr`/`?syevd`; the singular values are
  /// the norms `‖Xc·vᵢ‖` (one `?gemm` pass).
  ///
  /// - Complexity: `n·d² + 2·n·d·k` flops plus `O(d³)` for the eigendecomposition; `d × d` memory.
  static func covariance<Scalar: LinearAlgebraScalar>(
    _ x: Matrix<Scalar>, mean: [Double], count: ComponentCount, checkConditioning: Bool, operation: String
  ) throws -> PCASolution<Scalar>? {
    let (n, d) = (x.rowCount, x.columnCount)
    let m = Swift.min(n, d)
    let blocks = CentredBlocks<Scalar, Double>(source: x, mean: mean)
    var scatter = blocks.scatterLowerTriangle()
    let total = trace(scatter, order: d)
    try PCAStatistics.checkVariance(total, operation)

    let (eigenvalues, vectors, first, all) = try leadingEigenpairs(&scatter, order: d, count: count, spectrumSize: m) {
      $0 = blocks.scatterLowerTriangle()
    }
    if checkConditioning,
      PCAStatistics.needsSingularValueDecomposition(eigenvalues: eigenvalues, keeping: first, rowCount: n, columnCount: d)
    {
      return nil
    }
    /// The first `k` eigenvectors and the norms `‖Xc·vᵢ‖`, the reported singular values (one
    /// more pass, 2·n·d·k flops): √λᵢ would turn the eigensolver's rounding, ε·λ₀, into σ
    /// errors of √ε·σ₀ for the smallest values.
    func components(_ k: Int) -> (ContiguousArray<Scalar>, [Double]) {
      let rows = ContiguousArray(vectors[0..<(k * d)])
      let projected = blocks.timesTransposed(rows, rows: k)
      var squares = [Double](repeating: 0, count: k)
      for i in 0..<n {
        for j in 0..<k { squares[j] += projected[i * k + j] * projected[i * k + j] }
      }
      return (ContiguousArray(rows.lazy.map { Scalar($0) }), squares.map { $0.squareRoot() })
    }
    let (k, rows, singular) = settleCount(
      count, first: first, spectrumSize: m, sampleCount: n, totalSumOfSquares: total, columnCount: d,
      solve: components)
    if k > first, checkConditioning,
      PCAStatistics.needsSingularValueDecomposition(eigenvalues: eigenvalues, keeping: k, rowCount: n, columnCount: d)
    {
      return nil
    }
    let discarded =
      all
      ? PCAStatistics.meanOfTail(Array(eigenvalues.prefix(m)), from: k)
      : remainderMean(total: total, kept: singular.map { $0 * $0 }, spectrumSize: m)
    return PCASolution(
      components: rows, componentCount: k, singularValues: singular, totalSumOfSquares: total,
      meanDiscardedSumOfSquares: discarded, solver: .covariance)
  }

  // MARK: Full SVD

  /// The thin SVD of a centred working copy, in the data's precision: LAPACK `?gesdd`; if it
  /// does not converge, `?gesvd`, then `?gesvj` (`LAPACK.thinSVD`).
  ///
  /// LAPACK receives the row-major `n × d` copy as the column-major `d × n` matrix `Xcᵀ`; its
  /// left singular vectors are then our `Vᵀ` read row by row, so nothing is transposed.
  /// Memory beyond the input: the working copy, `Vᵀ` (`m × d`) and `U` (`n × m`).
  /// - Complexity: O(n · d · min(n, d)).
  static func full<Scalar: LinearAlgebraScalar>(
    _ x: Matrix<Scalar>, mean: [Double], count: ComponentCount, operation: String
  ) throws -> PCASolution<Scalar> {
    let (n, d) = (x.rowCount, x.columnCount)
    var centre = [Scalar](repeating: 0, count: d)
    mean.withUnsafeBufferPointer { convert($0.baseAddress!, into: &centre, count: d) }
    // The centred working copy; LAPACK overwrites it, so a retry (see the chain above) centres
    // the data again rather than keeping a second copy.
    func centred(_ work: inout ContiguousArray<Scalar>) {
      work = x.elements
      work.withUnsafeMutableBufferPointer { rows in
        for i in 0..<n {
          Scalar._axpy(n: Int32(d), alpha: -1, x: centre, incx: 1, y: rows.baseAddress! + i * d, incy: 1)
        }
      }
    }
    var work = ContiguousArray<Scalar>()
    centred(&work)
    // LAPACK's U (d × m) is our Vᵀ (m × d) read row by row.
    let svd = try LAPACK.thinSVD(rows: d, columns: n, vectors: true, matrix: &work, restore: centred)
    let (singular, vt) = (svd.values, svd.u)
    let spectrum = singular.map { Double($0) * Double($0) }
    let total = spectrum.reduce(0, +)
    try PCAStatistics.checkVariance(total, operation)
    var k = PCAStatistics.resolvedCount(count, squaredSingularValues: spectrum)
    if case .varianceFraction(let fraction) = count {
      // Every singular value is known: the count follows from the ratios the model reports.
      let m = Swift.min(n, d)
      let ratios = PCAStatistics.explainedVarianceRatios(
        singularValues: singular.map { Double($0) }, totalSumOfSquares: total, sampleCount: n, as: Scalar.self)
      k = PCAStatistics.fractionCount(ratios: ratios, fraction: fraction, spectrumSize: m) ?? m
    }
    return PCASolution(
      components: ContiguousArray(vt[0..<(k * d)]), componentCount: k,
      singularValues: singular[0..<k].map { Double($0) }, totalSumOfSquares: total,
      meanDiscardedSumOfSquares: PCAStatistics.meanOfTail(spectrum, from: k), solver: .full)
  }

  // MARK: Randomized

  /// Halko–Martinsson–Tropp's randomized range finder with QR-normalised power iterations.
  ///
  /// With `l = min(k + oversamples, m)`: `Y = Xc·Ωᵀ` for a Gaussian `Ω` (`l × d`), then
  /// `powerIterations` rounds of `Q = qr(Y)`, `P = lq(Qᵀ·Xc)`, `Y = Xc·Pᵀ`; finally
  /// `B = Qᵀ·Xc` (`l × d`) and its SVD, whose leading right singular vectors are the
  /// components. Every product streams centred blocks in `Double` (`?gemm`); the
  /// factorizations are LAPACK `?geqrf`/`?orgqr`, `?gelqf`/`?orglq` and `?gesdd`.
  /// - Complexity: `4·(q + 1)·n·d·l` flops plus `O((n + d)·l²)`.
  static func randomized<Scalar: LinearAlgebraScalar>(
    _ x: Matrix<Scalar>, mean: [Double], count k: Int, oversamples: Int, powerIterations: Int?,
    seed: UInt64, operation: String
  ) throws -> PCASolution<Scalar> {
    let (n, d) = (x.rowCount, x.columnCount)
    let m = Swift.min(n, d)
    let l = Swift.min(k + oversamples, m)
    let rounds = powerIterations ?? (Double(k) < 0.1 * Double(m) ? 7 : 4)
    let blocks = CentredBlocks<Scalar, Double>(source: x, mean: mean)
    let total = blocks.sumOfSquares()
    try PCAStatistics.checkVariance(total, operation)

    var generator = SeededGaussian(seed: seed)
    let omega = generator.fill(count: l * d)
    var basis = try Matrix(rowCount: n, columnCount: l, elements: blocks.timesTransposed(omega, rows: l))
      .qrDecomposition().q
    for _ in 0..<rounds {
      let projected = try Matrix(
        rowCount: l, columnCount: d, elements: blocks.transposedTimes(basis.elements, columns: l))
      let rowBasis = try projected.lqDecomposition().q
      basis = try Matrix(rowCount: n, columnCount: l, elements: blocks.timesTransposed(rowBasis.elements, rows: l))
        .qrDecomposition().q
    }
    let small = try Matrix(rowCount: l, columnCount: d, elements: blocks.transposedTimes(basis.elements, columns: l))
    let svd = try small.singularValueDecomposition()
    let singular = Array(svd.singularValues[0..<k])
    let components = ContiguousArray(svd.vt.elements[0..<(k * d)].lazy.map { Scalar($0) })
    return PCASolution(
      components: components, componentCount: k, singularValues: singular, totalSumOfSquares: total,
      meanDiscardedSumOfSquares: remainderMean(total: total, kept: singular.map { $0 * $0 }, spectrumSize: m),
      solver: .randomized(oversamples: oversamples, powerIterations: powerIterations, seed: seed))
  }

  // MARK: Shared steps

  /// The leading eigenpairs of a symmetric `order × order` matrix whose lower triangle
  /// (row-major) is in `matrix`, which is overwritten: all of them (LAPACK `?syevd`) unless a
  /// fixed count below the order is asked for (`?syevr`). If those do not converge, the
  /// recovery chain of `LAPACK.symmetricEigenpairs` runs
  /// (`?syevr` → `?syevd` → `?syev` → Jacobi), with `restore` forming the matrix again between
  /// attempts (another pass over the data, on failure only, instead of a second `order²` copy).
  ///
  /// The row-major lower triangle is LAPACK's column-major upper triangle, so the matrix is
  /// handed over as it is: no mirroring, no copy, no symmetry check (it is symmetric by
  /// construction). Returns the eigenvalues in descending order, clamped at zero; the
  /// eigenvectors as consecutive rows of length `order`, in the same order; the kept count;
  /// and whether the whole spectrum was computed.
  private static func leadingEigenpairs(
    _ matrix: inout ContiguousArray<Double>, order n: Int, count: ComponentCount, spectrumSize m: Int,
    restore: (inout ContiguousArray<Double>) -> Void
  ) throws -> ([Double], ContiguousArray<Double>, Int, Bool) {
    var wanted: Int? = nil
    if case .count(let k) = count, k < n { wanted = k }
    let computed = wanted ?? n
    let pairs = try LAPACK.symmetricEigenpairs(order: n, largest: computed, matrix: &matrix, restore: restore)
    // LAPACK's columns (ascending) are our rows; reverse both to descending order.
    var descending = ContiguousArray<Double>(repeating: 0, count: computed * n)
    pairs.vectors.withUnsafeBufferPointer { z in
      descending.withUnsafeMutableBufferPointer { target in
        for i in 0..<computed {
          (target.baseAddress! + i * n).update(from: z.baseAddress! + (computed - 1 - i) * n, count: n)
        }
      }
    }
    let eigenvalues = pairs.values.reversed().map { Swift.max($0, 0) }
    let k = wanted ?? PCAStatistics.resolvedCount(count, squaredSingularValues: Array(eigenvalues.prefix(m)))
    return (eigenvalues, descending, k, wanted == nil)
  }

  /// The sum of the diagonal of a row-major square matrix.
  private static func trace(_ matrix: ContiguousArray<Double>, order n: Int) -> Double {
    (0..<n).reduce(0) { $0 + matrix[$1 * n + $1] }
  }

  /// The mean of the squared singular values not kept, from the total: `(total − Σ kept) / (m − k)`.
  static func remainderMean(total: Double, kept: [Double], spectrumSize m: Int) -> Double {
    guard kept.count < m else { return 0 }
    return Swift.max(0, total - kept.reduce(0, +)) / Double(m - kept.count)
  }
}
