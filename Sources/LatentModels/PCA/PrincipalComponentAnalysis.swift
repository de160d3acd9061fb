import LatentLinearAlgebra

/// Principal component analysis: the settings of a fit.
///
/// PCA centres the data (rows are samples) and finds the orthonormal directions of largest
/// variance, as scikit-learn's `PCA` does; the results match scikit-learn 1.9.1 including
/// the signs of the components. `fit` returns an immutable ``PCAModel``.
///
/// ```swift
/// let x: Matrix<Double> = ...                      // 512 images × 100,000 pixels
/// let model = try PCA(componentCount: 2).fit(x)
/// let embedded = try model.transform(x)           // 512 × 2
/// print(model.explainedVarianceRatio)
///
/// // Keep enough components for 95 % of the variance, with whitened outputs:
/// let whitened = try PCA(componentCount: .varianceFraction(0.95), whiten: true).fit(x)
/// ```
///
/// The solvers and what they cost are described at ``Solver``; ``Solver/automatic`` picks
/// an exact one by the shape of the data and never forms a `d × d` matrix when `d > n`.
public struct PrincipalComponentAnalysis: Sendable, Codable, Hashable {
  /// How many components to keep.
  ///
  /// An integer literal means ``count(_:)``:
  ///
  /// ```swift
  /// PCA(componentCount: 2)                           // two components
  /// PCA(componentCount: .varianceFraction(0.95))     // enough for 95 % of the variance
  /// PCA(componentCount: .all)                        // min(n, d) components
  /// ```
  public enum ComponentCount: Sendable, Codable, Hashable, ExpressibleByIntegerLiteral {
    /// Exactly this many components, `1...min(n, d)`.
    case count(Int)
    /// The fewest leading components whose explained variance ratios sum to more than this
    /// fraction, which must lie in the open interval (0, 1). scikit-learn's
    /// `n_components=0.95`: the count is the number of cumulative ratios `≤ fraction`, plus one.
    case varianceFraction(Double)
    /// All `min(n, d)` components (scikit-learn's `n_components=None`).
    case all

    /// `.count(value)`.
    public init(integerLiteral value: Int) {
      self = .count(value)
    }
  }

  /// How the decomposition is computed.
  ///
  /// All exact solvers give the same results to rounding; they differ in cost and in how
  /// small a variance they resolve. With `n` samples, `d` features, `m = min(n, d)` and `k`
  /// components (flop counts, leading terms):
  ///
  /// | solver | work | memory beyond the input | accuracy of component `i` |
  /// |---|---|---|---|
  /// | ``full`` | `O(n·d·m)` (`?gesdd`) | a centred copy, `U` and `Vᵀ` | `ε·σ₀ / gapᵢ` |
  /// | ``gram`` | `n²·d + 2·k·n·d + O(n³)` | `n × n` | `ε·σ₀² / gap(σ²)ᵢ` |
  /// | ``covariance`` | `n·d² + O(d³)` | `d × d` | `ε·σ₀² / gap(σ²)ᵢ` |
  /// | ``randomized(oversamples:powerIterations:seed:)`` | `4·(q+1)·n·d·(k+p)` | `(k+p) × d` | approximate |
  /// | ``lanczos`` | `4·n·d·s + 2·k·n·d` for `s` applied columns | `2·n·s` and `s × s` | `10⁻¹³·σ₀² / gap(σ²)ᵢ` |
  ///
  /// The Gram, covariance and Lanczos solvers square the condition number: a component whose
  /// singular value is `σᵢ` loses a factor `σ₀/σᵢ` of accuracy against the SVD. They compute in
  /// `Double` even for `Float` data (blocks are converted on the fly), because squaring in
  /// single precision would leave about three correct digits.
  ///
  /// ```swift
  /// PCA(componentCount: 50, solver: .gram)                  // images: d ≫ n
  /// PCA(componentCount: 2, solver: .lanczos)                // a few components, d ≫ n
  /// PCA(componentCount: 10, solver: .randomized(seed: 42))  // reproducible sketch
  /// ```
  public enum Solver: Sendable, Codable, Hashable {
    /// Chooses by shape (the rule is documented in Docs/PCA.md):
    /// - `d > n` (wide, such as images as pixel vectors), `n ≥ 512` and a fixed count `k`
    ///   such that `32·max(k + 2, 4) ≤ n` (eight passes of ``lanczos`` fit in its cost cap of
    ///   `n/4` applied columns): ``lanczos``, which hands over to ``gram`` when it does not
    ///   converge within that cap (below 512 samples the Gram matrix is as fast: measured
    ///   0.20 s against 0.22 s for 2 components of 256 × 100,000);
    /// - other wide data: ``gram``;
    /// - `d ≤ n` (tall): ``covariance``;
    /// - `min(n, d) > 16,384`, where an `m × m` matrix would exceed 2 GiB: ``randomized(oversamples:powerIterations:seed:)``
    ///   with its defaults for a fixed count below `0.8·m` (as scikit-learn's "auto"),
    ///   ``full`` otherwise.
    ///
    /// After the eigendecomposition, when the kept eigenvalues span more than eight decades
    /// (`σ²ₖ₋₁ < 10⁻⁸·σ₀²`, ignoring the one direction that centring always removes when
    /// `d ≥ n`), the smallest kept components would have lost too many digits, and the fit is
    /// redone with ``full``. ``PCAModel/solver`` tells which solver ran.
    case automatic
    /// The thin SVD of the centred data, scikit-learn's "full". The corresponding LAPACK
    /// routine is `?gesdd` (in the data's own precision). Most accurate; the most expensive
    /// for wide data (about six times the Gram solver's flops, and `Vᵀ` is as large as the
    /// input when `d > n`).
    case full
    /// The dual (Gram) solver for `d ≫ n`: `K = Xc·Xcᵀ` (`n × n`, BLAS `?syrk` over
    /// column blocks), its eigendecomposition (LAPACK `?syevr` for a fixed count below `n`,
    /// `?syevd` otherwise), then the components `vᵢ = Xcᵀ·uᵢ / ‖Xcᵀ·uᵢ‖` with one `?gemm`.
    /// Never forms a `d × d` matrix; the singular values are the norms `‖Xcᵀ·uᵢ‖`.
    case gram
    /// The covariance solver for `n ≫ d`, scikit-learn's "covariance_eigh":
    /// `C = Xcᵀ·Xc` (`d × d`, BLAS `?syrk` over row blocks) and its eigendecomposition
    /// (LAPACK `?syevr` or `?syevd`). Refused when `d > 16,384` (a `d × d` matrix over 2 GiB).
    case covariance
    /// The randomized range finder of Halko, Martinsson and Tropp (2011): a Gaussian test
    /// matrix with `k + oversamples` rows, `powerIterations` rounds of power iteration
    /// re-orthonormalised by QR (LAPACK `?geqrf`/`?gelqf`), then the SVD of the small
    /// projected matrix. `powerIterations == nil` is scikit-learn's "auto": 7 when
    /// `k < 0.1·min(n, d)`, else 4. Deterministic for a given `seed`; accurate when the
    /// spectrum decays past component `k`. Not available with ``ComponentCount/varianceFraction(_:)``.
    case randomized(oversamples: Int = 10, powerIterations: Int? = nil, seed: UInt64 = 0)
    /// Block Lanczos (block Krylov) with full reorthogonalization on `K = Xc·Xcᵀ` in the
    /// `n`-dimensional sample space, for a few components of wide data: exact, like ``gram``,
    /// without forming `K`.
    ///
    /// Each application of `K` to a block of `b = max(k + 2, 4)` vectors is one pass over the
    /// data (two BLAS `?gemm` per centred column block); Rayleigh–Ritz on the basis (LAPACK
    /// `?syevr`) needs no further passes. The iteration stops when the `k` leading Ritz pairs
    /// have residuals `‖K·u − θ·u‖ ≤ 10⁻¹³·θ₀`; the components are then `Xcᵀ·uᵢ / ‖Xcᵀ·uᵢ‖`
    /// as in ``gram``. A clear gap after the leading eigenvalues makes this a few passes
    /// (8 at 512 × 100,000 with three strong directions); a flat spectrum needs many.
    ///
    /// Chosen explicitly, it always finishes: at worst the basis grows to all `n − 1`
    /// directions orthogonal to the all-ones vector, where Rayleigh–Ritz is an exact
    /// eigendecomposition (`4·n²·d` flops, four times ``gram``). Chosen by ``automatic``, it gives
    /// up after `n/4` applied columns or 16 passes, or earlier when the residuals are not
    /// shrinking fast enough to get there, and ``gram`` computes the fit
    /// (``PCAModel/solver`` then reports ``gram``). A fixed count only: a variance fraction is
    /// refused (it needs the whole spectrum); ``ComponentCount/all`` runs the exact solver
    /// ``automatic`` would use otherwise (``gram`` for wide data, ``covariance`` for tall data).
    case lanczos
  }

  /// How many components to keep; all of them by default.
  public var componentCount: ComponentCount
  /// The decomposition method; ``Solver/automatic`` by default.
  public var solver: Solver
  /// Whether ``PCAModel/transform(_:)`` divides each output column by the square root of its
  /// explained variance, so that the transformed training data has unit variance per component.
  public var whiten: Bool

  /// Creates the settings of a fit.
  ///
  /// ```swift
  /// let pca = PrincipalComponentAnalysis(componentCount: 50, solver: .gram, whiten: true)
  /// ```
  public init(componentCount: ComponentCount = .all, solver: Solver = .automatic, whiten: Bool = false) {
    self.componentCount = componentCount
    self.solver = solver
    self.whiten = whiten
  }
}

/// A short name for ``PrincipalComponentAnalysis``.
public typealias PCA = PrincipalComponentAnalysis

extension PrincipalComponentAnalysis {
  /// Feature or sample counts above this make an `m × m` matrix larger than 2 GiB (`Double`):
  /// ``Solver/automatic`` then avoids the Gram and covariance solvers and ``Solver/covariance``
  /// is refused.
  static let largestSquareOrder = 16_384

  /// Fits the model to `x` (rows are samples, columns are features).
  ///
  /// ```swift
  /// let model = try PCA(componentCount: 10).fit(x)
  /// model.components          // 10 × d, orthonormal rows
  /// model.explainedVariance   // 10 values, descending
  /// ```
  ///
  /// The mean of each feature is subtracted (in blocks; the input is not copied for the Gram,
  /// covariance and randomized solvers), then the decomposition of ``Solver`` runs. Each
  /// component's sign makes its largest-magnitude entry positive (the first one on ties),
  /// scikit-learn's `svd_flip` rule since version 1.5.
  ///
  /// - Throws: ``ModelError/emptyInput(operation:)``, ``ModelError/nonFiniteValue(operation:row:column:)``,
  ///   ``ModelError/tooFewSamples(operation:detail:)`` for fewer than two samples or samples that are
  ///   all identical, ``ModelError/componentCountOutOfRange(operation:requested:allowed:)``,
  ///   ``ModelError/invalidParameter(operation:detail:)`` for a fraction outside (0, 1), a randomized
  ///   setting out of range or a covariance solver on too many features, and
  ///   ``ModelError/linearAlgebra(_:)`` when LAPACK fails.
  /// - Complexity: see ``Solver``; for ``Solver/automatic`` on wide data, `O(n²·d + k·n·d + n³)`.
  public func fit<Scalar: LinearAlgebraScalar>(_ x: Matrix<Scalar>) throws -> PCAModel<Scalar> {
    // Dispatch to a concrete type so that the element loops are specialised.
    if let x = x as? Matrix<Double> { return try fitSpecialized(x) as! PCAModel<Scalar> }
    if let x = x as? Matrix<Float> { return try fitSpecialized(x) as! PCAModel<Scalar> }
    return try fitSpecialized(x)
  }

  private func fitSpecialized<Scalar: LinearAlgebraScalar>(_ x: Matrix<Scalar>) throws -> PCAModel<Scalar> {
    let operation = "PCA.fit"
    try validate(x, operation)
    try ModelError.checkData(x, operation, squaresNeeded: true)
    let mean = try PCAStatistics.columnMeans(x, operation)
    var resolved = resolvedSolver(rowCount: x.rowCount, columnCount: x.columnCount)
    var solution = try ModelError.wrapping { try solve(x, mean: mean, solver: resolved, operation: operation) }
    if solution == nil {
      resolved = .full
      solution = try ModelError.wrapping { try solve(x, mean: mean, solver: .full, operation: operation) }
    }
    return try PCAModel(solution!, mean: mean, sampleCount: x.rowCount, whiten: whiten)
  }

  /// Runs one solver; `nil` when ``Solver/automatic`` must fall back to ``Solver/full``.
  private func solve<Scalar: LinearAlgebraScalar>(
    _ x: Matrix<Scalar>, mean: [Double], solver: Solver, operation: String
  ) throws -> PCASolution<Scalar>? {
    let checkConditioning = self.solver == .automatic
    switch solver {
    case .full:
      return try PCASolvers.full(x, mean: mean, count: componentCount, operation: operation)
    case .gram:
      return try PCASolvers.gram(
        x, mean: mean, count: componentCount, checkConditioning: checkConditioning, operation: operation)
    case .covariance:
      return try PCASolvers.covariance(
        x, mean: mean, count: componentCount, checkConditioning: checkConditioning, operation: operation)
    case .lanczos:
      guard case .count(let k) = componentCount else {
        // validate() has rejected a fraction; .all needs the whole spectrum.
        return try solve(
          x, mean: mean, solver: exactSolver(rowCount: x.rowCount, columnCount: x.columnCount), operation: operation)
      }
      return try PCASolvers.lanczos(
        x, mean: mean, count: k, capped: self.solver == .automatic, checkConditioning: checkConditioning,
        operation: operation)
    case .randomized(let oversamples, let powerIterations, let seed):
      guard case .count(let k) = componentCount else {
        // validate() has rejected a fraction; .all keeps every component.
        return try PCASolvers.randomized(
          x, mean: mean, count: Swift.min(x.rowCount, x.columnCount), oversamples: oversamples,
          powerIterations: powerIterations, seed: seed, operation: operation)
      }
      return try PCASolvers.randomized(
        x, mean: mean, count: k, oversamples: oversamples, powerIterations: powerIterations, seed: seed,
        operation: operation)
    case .automatic:
      preconditionFailure("PCA: the automatic solver is resolved before solving")
    }
  }

  /// The solver that ``Solver/automatic`` stands for on data of this shape (before the
  /// conditioning check), or the chosen solver itself.
  func resolvedSolver(rowCount n: Int, columnCount d: Int) -> Solver {
    guard solver == .automatic else { return solver }
    let m = Swift.min(n, d)
    if m > Self.largestSquareOrder {
      if case .count(let k) = componentCount, Double(k) < 0.8 * Double(m) { return .randomized() }
      return .full
    }
    if d > n, case .count(let k) = componentCount, PCASolvers.lanczosIsWorthTrying(componentCount: k, rowCount: n) {
      return .lanczos
    }
    return d > n ? .gram : .covariance
  }

  /// The exact solver without iterations for data of this shape: ``Solver/gram`` for wide
  /// data, ``Solver/covariance`` for tall data, ``Solver/full`` when an `m × m` matrix would
  /// exceed 2 GiB.
  func exactSolver(rowCount n: Int, columnCount d: Int) -> Solver {
    if Swift.min(n, d) > Self.largestSquareOrder { return .full }
    return d > n ? .gram : .covariance
  }

  /// Checks the data and the settings against the data's shape.
  private func validate<Scalar: LinearAlgebraScalar>(_ x: Matrix<Scalar>, _ operation: String) throws {
    guard !x.isEmpty else { throw ModelError.emptyInput(operation: operation) }
    let (n, d) = (x.rowCount, x.columnCount)
    guard n >= 2 else {
      throw ModelError.tooFewSamples(
        operation: operation,
        detail: "PCA estimates variances with n − 1 degrees of freedom and needs at least 2 samples, got \(n).")
    }
    for dimension in [n, d] where dimension > Int(Int32.max) {
      throw ModelError.linearAlgebra(.dimensionTooLarge(operation: operation, dimension: dimension))
    }
    let m = Swift.min(n, d)
    switch componentCount {
    case .count(let k):
      guard (1...m).contains(k) else {
        throw ModelError.componentCountOutOfRange(operation: operation, requested: k, allowed: 1...m)
      }
    case .varianceFraction(let fraction):
      guard fraction > 0 && fraction < 1 else {
        throw ModelError.invalidParameter(
          operation: operation,
          detail: "a variance fraction must lie strictly between 0 and 1, got \(fraction). "
            + "Use .count(k) or .all for a number of components.")
      }
    case .all:
      break
    }
    switch solver {
    case .randomized(let oversamples, let powerIterations, _):
      guard oversamples >= 1 else {
        throw ModelError.invalidParameter(
          operation: operation, detail: "the randomized solver needs at least 1 oversample, got \(oversamples).")
      }
      if let powerIterations, powerIterations < 0 {
        throw ModelError.invalidParameter(
          operation: operation,
          detail: "the number of power iterations must not be negative, got \(powerIterations); "
            + "pass nil for scikit-learn's automatic choice.")
      }
      if case .varianceFraction = componentCount {
        throw ModelError.invalidParameter(
          operation: operation,
          detail: "a variance fraction needs the whole spectrum, which the randomized solver does not compute. "
            + "Use a fixed count, or the automatic, full, gram or covariance solver.")
      }
    case .lanczos:
      if case .varianceFraction = componentCount {
        throw ModelError.invalidParameter(
          operation: operation,
          detail: "a variance fraction needs the whole spectrum, which the Lanczos solver does not compute. "
            + "Use a fixed count, or the automatic, full, gram or covariance solver.")
      }
    case .covariance where d > Self.largestSquareOrder:
      throw ModelError.invalidParameter(
        operation: operation,
        detail: "the covariance solver forms a d × d matrix, and d = \(d) would need \(d * d * 8 / 1_048_576) MiB. "
          + "Use the gram or automatic solver.")
    default:
      break
    }
  }
}
