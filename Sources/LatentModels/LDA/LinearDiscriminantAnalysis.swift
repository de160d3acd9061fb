import LatentLinearAlgebra

/// Linear discriminant analysis: the settings of a fit, as in scikit-learn's
/// `LinearDiscriminantAnalysis`.
///
/// LDA finds the directions that separate the class means best relative to the
/// spread within the classes. It both reduces dimension (``LDAModel/transform(_:)``
/// projects onto at most `c − 1` discriminant directions for `c` classes) and
/// classifies (a Gaussian model with one covariance shared by all classes).
/// A value of this type only holds settings; ``fit(_:labels:)`` returns an
/// immutable, `Sendable` and `Codable` ``LDAModel``.
///
/// ```swift
/// let lda = LinearDiscriminantAnalysis()                     // solver .svd, all c − 1 components
/// let model = try lda.fit(images, labels: names)             // images: n × d, names: [String]
/// let embedded = try model.transform(images)                 // n × (c − 1)
/// let predicted = try model.predict(testImages)              // [String]
///
/// // Shrinkage for few samples in many dimensions (scikit-learn's solver="eigen", shrinkage="auto"):
/// let shrunk = LinearDiscriminantAnalysis(solver: .eigen(shrinkage: .ledoitWolf))
/// ```
///
/// Results follow scikit-learn 1.9.1 step by step (Docs/LDA.md lists every
/// parameter, attribute and method and what differs). For wide data — more
/// features than twice the samples, such as images of 100,000 pixels — the fit
/// takes an exact low-rank path that never forms a `d × d` matrix and costs O(n² · d).
/// Its solvers stream the input in cache-sized column blocks, so their memory is the input
/// plus `n × n` matrices and the model; only the svd solver's last route for data too
/// ill-conditioned for the others (a Householder LQ) adds one `n × d` working copy.
public struct LinearDiscriminantAnalysis: Sendable, Codable, Hashable {
  /// How the discriminant directions are computed.
  public enum Solver: Sendable, Codable, Hashable {
    /// Singular value decompositions of the within-class-scaled data and of the
    /// class means (scikit-learn's default `solver="svd"`). No covariance matrix
    /// is formed, and no shrinkage is possible.
    case svd
    /// The generalized eigenproblem `Sb · v = λ · Sw · v` of the between-class
    /// and within-class covariances, optionally shrunk (scikit-learn's
    /// `solver="eigen"` with `shrinkage`).
    case eigen(shrinkage: Shrinkage = .none)
  }

  /// Shrinkage of the covariance estimates, for the ``Solver/eigen(shrinkage:)`` solver.
  public enum Shrinkage: Sendable, Codable, Hashable {
    /// The empirical (biased) covariances. Needs a nonsingular within-class
    /// covariance: more samples than features plus classes, and no constant feature.
    case none
    /// `(1 − s) · S + s · (trace S / d) · I` with a fixed `s` in `0...1` (scikit-learn's
    /// float shrinkage).
    case fixed(Double)
    /// The Ledoit–Wolf weight, per covariance, on features standardized by their own
    /// standard deviations (scikit-learn's `shrinkage="auto"`).
    case ledoitWolf
  }

  /// Which algorithm runs: both give the same results where both can run.
  public enum Path: Sendable, Codable, Hashable {
    /// ``lowRank`` when the data have more than twice as many features as
    /// samples (`d > 2n`), ``explicit`` otherwise.
    case automatic
    /// Works in the span of the samples: `n × n` Gram matrices (`?syrk`),
    /// LAPACK on `n × n` matrices, and (for Ledoit–Wolf shrinkage) an iterative
    /// eigensolver whose steps are `?gemm` passes over the data. Never forms a
    /// `d × d` matrix. Cost O(n² · d); memory: the input plus one `n × d` copy.
    ///
    /// Solver `.eigen` without shrinkage has no low-rank path: its within-class covariance
    /// is singular whenever `d > n − c`, and such a fit throws; with `d ≤ n − c` it takes
    /// the explicit path.
    case lowRank
    /// scikit-learn's algorithm literally: a QR factorization and SVD of the data
    /// (solver `.svd`), or `d × d` covariance matrices and LAPACK's `?sygvd`
    /// (solver `.eigen`). Cost O(n · d² + d³); memory O(d²) beyond the copy of the data.
    case explicit
  }

  /// The solver; ``Solver/svd`` by default.
  public var solver: Solver
  /// The number of components ``LDAModel/transform(_:)`` returns, in `1...min(c − 1, d)`;
  /// `nil` (the default) means `min(c − 1, d)`.
  public var componentCount: Int?
  /// Class prior probabilities in class order (the sorted labels, see ``ClassEncoding``);
  /// `nil` (the default) uses the class frequencies.
  ///
  /// Each prior must be positive and finite. As in scikit-learn, when their sum
  /// differs from 1 by more than 1e-5 they are divided by their sum; otherwise
  /// they are used as given. Use ``fit(_:labels:priors:)`` to give priors by label.
  public var priors: [Double]?
  /// The absolute threshold below which a singular value of the within-class-scaled
  /// data counts as zero (solver ``Solver/svd`` only); `1e-4` by default, as in scikit-learn.
  public var tolerance: Double
  /// The algorithm; ``Path/automatic`` by default.
  public var path: Path

  /// Creates LDA settings; every argument has scikit-learn's default.
  ///
  /// ```swift
  /// let lda = LinearDiscriminantAnalysis(solver: .eigen(shrinkage: .fixed(0.3)), componentCount: 2)
  /// ```
  public init(
    solver: Solver = .svd, componentCount: Int? = nil, priors: [Double]? = nil, tolerance: Double = 1e-4,
    path: Path = .automatic
  ) {
    self.solver = solver
    self.componentCount = componentCount
    self.priors = priors
    self.tolerance = tolerance
    self.path = path
  }

  /// The path ``Path/automatic`` chooses for `samples × features` data:
  /// ``Path/lowRank`` when `features > 2 · samples`, otherwise ``Path/explicit``.
  public static func automaticPath(samples: Int, features: Int) -> Path {
    features > 2 * samples ? .lowRank : .explicit
  }

  /// Fits the model to `x` (one sample per row) with one label per row.
  ///
  /// ```swift
  /// let model = try LinearDiscriminantAnalysis().fit(x, labels: [0, 0, 1, 1, 2, 2])
  /// ```
  ///
  /// Classes are the distinct labels, sorted when `Label` is `Comparable` (as
  /// scikit-learn sorts them). The work, for `n` samples, `d` features and `c` classes:
  /// - solver `.svd`, low-rank path: a Gram matrix of a column sketch (`d / 8` columns) that
  ///   estimates the conditioning; then one `n × n` Gram matrix (`?syrk`, n² · d
  ///   multiply-adds) and its eigendecomposition when that keeps full accuracy, otherwise
  ///   (photographs) a Cholesky QR preconditioned by the sketch (`?trsm` and `?syrk`, twice
  ///   the Gram matrix's work, and one `?trsm` more for the scalings), and, should that
  ///   decline, a Householder LQ of a working copy (`?geqrf`, `?orgqr`; about four times);
  ///   explicit path: a QR factorization (`?gelqf`) and an SVD of a `d × d` factor.
  /// - solver `.eigen`, low-rank path: `(n + c) × (n + c)` Gram matrices, LAPACK's
  ///   `?syevd`/`?sygvd` on them, and for Ledoit–Wolf shrinkage a block Krylov
  ///   eigensolver (typically 5–15 applications of an O(n · d) operator);
  ///   explicit path: `d × d` covariances and `?sygvd`.
  ///
  /// - Throws: ``ModelError`` — ``ModelError/emptyInput(operation:)``,
  ///   ``ModelError/nonFiniteValue(operation:row:column:)``,
  ///   ``ModelError/labelCountMismatch(operation:samples:labels:)``,
  ///   ``ModelError/tooFewClasses(operation:found:needed:)`` (fewer than 2),
  ///   ``ModelError/tooFewSamples(operation:detail:)`` (no more samples than classes),
  ///   ``ModelError/componentCountOutOfRange(operation:requested:allowed:)``,
  ///   ``ModelError/invalidParameter(operation:detail:)`` (priors, tolerance, shrinkage;
  ///   a singular within-class covariance without shrinkage; coinciding class means),
  ///   ``ModelError/linearAlgebra(_:)`` (a LAPACK failure, or an iterative eigensolver
  ///   that did not converge).
  public func fit<Scalar: LinearAlgebraScalar, Label: Hashable & Sendable>(
    _ x: Matrix<Scalar>, labels: [Label]
  ) throws -> LDAModel<Scalar, Label> {
    try fitModel(x, labels: labels, priorsByLabel: nil, factorization: .automatic)
  }

  /// Fits the model with class priors given by label (every class needs one);
  /// ``priors`` must then be `nil`.
  ///
  /// ```swift
  /// let model = try LinearDiscriminantAnalysis().fit(x, labels: names, priors: ["cat": 0.7, "dog": 0.3])
  /// ```
  ///
  /// The priors are renormalized as described at ``priors``.
  ///
  /// - Throws: as ``fit(_:labels:)``, and ``ModelError/invalidParameter(operation:detail:)``
  ///   when a class has no prior, a prior names a label not in the data, or ``priors`` is also set.
  public func fit<Scalar: LinearAlgebraScalar, Label: Hashable & Sendable>(
    _ x: Matrix<Scalar>, labels: [Label], priors: [Label: Double]
  ) throws -> LDAModel<Scalar, Label> {
    try fitModel(x, labels: labels, priorsByLabel: priors, factorization: .automatic)
  }

  static let fitOperation = "LinearDiscriminantAnalysis.fit"

  /// The fit; `factorization` pins the low-rank path's factorization (tests compare both).
  func fitModel<Scalar: LinearAlgebraScalar, Label: Hashable & Sendable>(
    _ x: Matrix<Scalar>, labels: [Label], priorsByLabel: [Label: Double]?, factorization: LowRankFactorization
  ) throws -> LDAModel<Scalar, Label> {
    let operation = Self.fitOperation
    try checkSettings()
    // Finiteness is checked from the class sums, in the same pass (see `solveSpecialized`).
    guard !x.isEmpty else { throw ModelError.emptyInput(operation: operation) }
    guard labels.count == x.rowCount else {
      throw ModelError.labelCountMismatch(operation: operation, samples: x.rowCount, labels: labels.count)
    }
    let encoding = ClassEncoding(labels: labels)
    let (n, d, c) = (x.rowCount, x.columnCount, encoding.classCount)
    guard c >= 2 else { throw ModelError.tooFewClasses(operation: operation, found: c, needed: 2) }
    guard n > c else {
      throw ModelError.tooFewSamples(
        operation: operation,
        detail: "\(n) samples for \(c) classes, but LDA needs more samples than classes. Add samples.")
    }
    let maximum = Swift.min(c - 1, d)
    let components = componentCount ?? maximum
    guard (1...maximum).contains(components) else {
      throw ModelError.componentCountOutOfRange(operation: operation, requested: components, allowed: 1...maximum)
    }
    let priors = try resolvedPriors(encoding, priorsByLabel)
    guard n + c < Int(Int32.max), d < Int(Int32.max), (n + c).multipliedReportingOverflow(by: d).overflow == false else {
      throw ModelError.linearAlgebra(.dimensionTooLarge(operation: operation, dimension: Swift.max(n + c, d)))
    }
    let plan = plan(samples: n, features: d, classes: c, factorization: factorization)
    if plan.path == .explicit {
      // The explicit path holds several d × d matrices (scatter or covariance matrices and
      // LAPACK's copies: about six) besides a scaled copy of the data.
      let size = MemoryLayout<Scalar>.size
      let needed = MemoryGuard.bytes(6, d, d, size) &+ MemoryGuard.bytes(n + c, d, size)
      try MemoryGuard.check(
        bytes: needed, operation: operation,
        alternative: "Use path .lowRank (or .automatic), which works in the span of the samples and never forms a d × d matrix.")
    }
    let (data, fitted) = try ModelError.wrapping {
      try solve(x, classOfSample: encoding.indices, counts: encoding.counts, priors: priors, plan: plan)
    }
    return LDAModel(
      settings: self, classes: encoding.classes, fit: fitted, data: data, componentCount: components,
      path: plan.path)
  }

  /// Runs the solver with `Scalar` known statically. `fit` is generic and called from other
  /// modules, which cannot specialize it; this dispatch lets the optimizer specialize every
  /// element loop of the solvers for `Double` and `Float` (unspecialized, they are many times slower).
  private func solve<Scalar: LinearAlgebraScalar>(
    _ x: Matrix<Scalar>, classOfSample: [Int], counts: [Int], priors: [Double], plan: LDAPlan
  ) throws -> (LDAData<Scalar>, LDAFit<Scalar>) {
    if let x = x as? Matrix<Double> {
      let result = try solveSpecialized(x, classOfSample, counts, priors, plan)
      return (result.0 as! LDAData<Scalar>, result.1 as! LDAFit<Scalar>)
    }
    if let x = x as? Matrix<Float> {
      let result = try solveSpecialized(x, classOfSample, counts, priors, plan)
      return (result.0 as! LDAData<Scalar>, result.1 as! LDAFit<Scalar>)
    }
    return try solveSpecialized(x, classOfSample, counts, priors, plan)
  }

  /// Checks the data, then runs the plan's solver.
  private func solveSpecialized<Scalar: LinearAlgebraScalar>(
    _ x: Matrix<Scalar>, _ classOfSample: [Int], _ counts: [Int], _ priors: [Double], _ plan: LDAPlan
  ) throws -> (LDAData<Scalar>, LDAFit<Scalar>) {
    let data = LDAData(x: x, classOfSample: classOfSample, counts: counts, priors: priors.map { Scalar($0) })
    // NaN or infinity, and values whose squares overflow (or all underflow), in one pass: every
    // solver forms sums of squares (scales, Gram matrices), and such values would otherwise
    // reach LAPACK as infinities.
    try ModelError.checkData(x, Self.fitOperation, squaresNeeded: true)
    switch plan {
    case .svdLowRank(let routes): return (data, try fitSVDLowRank(data, routes: routes))
    case .svdExplicit: return (data, try fitSVDWorkingCopy(data))
    case .eigenExplicit(let shrinkage): return (data, try fitEigenExplicit(data, shrinkage: shrinkage))
    case .eigenLowRank(let s): return (data, try fitEigenLowRank(data, shrinkage: s))
    case .ledoitWolfLowRank:
      guard Scalar.self == Float.self else { return (data, try fitLedoitWolfLowRank(data)) }
      // In Float, the rounding of the eigensolver's operator on ill-conditioned data (the
      // Ledoit–Wolf targets of nearly constant pixels) lies above the accuracy the fit needs,
      // and stagnating residuals there can settle on wrong vectors. The fit runs in Double on a
      // Double copy of the data and the result is rounded to Float.
      let wide = LDAData(
        x: Matrix<Double>(converting: x), classOfSample: classOfSample, counts: counts, priors: priors)
      return (data, LDAFit(converting: try fitLedoitWolfLowRank(wide)))
    case .eigenSingular:
      throw Self.singularWithinCovariance(
        features: data.featureCount, samples: data.sampleCount, classes: data.classCount)
    }
  }

  private func checkSettings() throws {
    let operation = Self.fitOperation
    guard tolerance.isFinite, tolerance >= 0 else {
      throw ModelError.invalidParameter(
        operation: operation, detail: "tolerance must be finite and non-negative, got \(tolerance).")
    }
    if case .eigen(.fixed(let s)) = solver, !(s >= 0 && s <= 1) {
      throw ModelError.invalidParameter(
        operation: operation, detail: "a fixed shrinkage must be in 0...1, got \(s).")
    }
  }

  /// The priors in class order: given (by position or by label) and checked, or the class frequencies.
  private func resolvedPriors<Label>(_ encoding: ClassEncoding<Label>, _ byLabel: [Label: Double]?) throws -> [Double] {
    let operation = Self.fitOperation
    let c = encoding.classCount
    var given = priors
    if let byLabel {
      guard priors == nil else {
        throw ModelError.invalidParameter(
          operation: operation, detail: "priors were given both in the settings and by label; give them once.")
      }
      let known = Set(encoding.classes)
      if let stray = byLabel.keys.first(where: { !known.contains($0) }) {
        throw ModelError.invalidParameter(
          operation: operation, detail: "a prior was given for \(stray), which is not a label of the data.")
      }
      given = try encoding.classes.map { label in
        guard let value = byLabel[label] else {
          throw ModelError.invalidParameter(
            operation: operation, detail: "no prior was given for class \(label); give one for every class.")
        }
        return value
      }
    }
    guard let given else {
      let n = Double(encoding.indices.count)
      return encoding.counts.map { Double($0) / n }
    }
    guard given.count == c else {
      throw ModelError.invalidParameter(
        operation: operation, detail: "\(given.count) priors for \(c) classes; give one prior per class, in class order.")
    }
    guard given.allSatisfy({ $0.isFinite && $0 > 0 }) else {
      throw ModelError.invalidParameter(
        operation: operation,
        detail: "priors must be positive and finite, got \(given). Remove the samples of a class you want to exclude.")
    }
    let sum = given.reduce(0, +)
    return abs(sum - 1) > 1e-5 ? given.map { $0 / sum } : given
  }
}
