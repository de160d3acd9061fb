import LatentLinearAlgebra

// The one place where an LDA fit chooses its algorithm. `LinearDiscriminantAnalysis.plan`
// turns the settings and the data's shape into an `LDAPlan`; `solve` runs the plan's solver
// and nothing else decides. The svd solver on wide data has several routes that differ in
// cost and in how much conditioning they tolerate; its plan lists them in order, and a route
// either fits or hands over to the next one with the reason (`SVDRouteOutcome`).

/// The algorithm of one LDA fit.
enum LDAPlan: Equatable, Sendable {
  /// Solver svd in the span of the samples (`d > 2n` by default): the routes are tried in
  /// order until one accepts the data's conditioning (LDA+SVDLowRank.swift).
  case svdLowRank([SVDRoute])
  /// Solver svd on a scaled working copy factored by QR (LDA+SVDSolver.swift).
  case svdExplicit
  /// Solver eigen with `d × d` covariance matrices and `?sygvd` (LDA+EigenSolverExplicit.swift).
  case eigenExplicit(LinearDiscriminantAnalysis.Shrinkage)
  /// Solver eigen with a fixed shrinkage `s > 0`, exact in the span of the samples and the
  /// class means (LDA+EigenSolverLowRank.swift).
  case eigenLowRank(shrinkage: Double)
  /// Solver eigen with Ledoit–Wolf shrinkage in the span of the samples, with a block Krylov
  /// eigensolver (LDA+LedoitWolfLowRank.swift).
  case ledoitWolfLowRank
  /// Solver eigen without shrinkage on data with `d > n − c`: its within-class covariance is
  /// singular, so the fit throws (after the checks of the data, which name worse problems first).
  case eigenSingular

  /// The public name of the plan's family of algorithms, reported by ``LDAModel/path``.
  var path: LinearDiscriminantAnalysis.Path {
    switch self {
    case .svdLowRank, .eigenLowRank, .ledoitWolfLowRank, .eigenSingular: .lowRank
    case .svdExplicit, .eigenExplicit: .explicit
    }
  }
}

/// A route of the svd solver on wide data, `Y = √(1/n) · (X − class means) / std` being the
/// `n × d` within-class-scaled samples and `κ` the ratio of its largest to its smallest kept
/// singular value.
enum SVDRoute: Equatable, Sendable {
  /// The Gram matrix `Y · Yᵀ` (one `?syrk` pass): error `ε · κ²`, accepted while that stays
  /// inside the parity budget.
  case gram
  /// Cholesky QR preconditioned by a column sketch: `Y = L · Q` with `L` from a Gram matrix of
  /// a subset of the columns, one `?trsm` + `?syrk` pass, error `ε · κ`; accepted when the
  /// sketch made the preconditioned rows well conditioned.
  case choleskyQR
  /// Householder LQ of a working copy (`?geqrf`, `?orgqr`): error `ε · κ`, any conditioning,
  /// about four Gram matrices of work and one `n × d` copy.
  case householder
}

/// What a route of the svd solver did: fitted, or handed over to the next route.
enum SVDRouteOutcome<Scalar: LinearAlgebraScalar> {
  case fitted(LDAFit<Scalar>)
  /// The route cannot keep the parity tolerance on these data; the text says why.
  case declined(String)
}

/// Which routes the low-rank svd solver may take. Internal: tests pin one route to compare it
/// with the others.
enum LowRankFactorization: Sendable {
  /// Every route, cheapest first.
  case automatic
  /// Only the given route, whatever the conditioning.
  case only(SVDRoute)

  /// Only the Gram route.
  static let gram = LowRankFactorization.only(.gram)
  /// Only the Householder LQ route.
  static let orthogonal = LowRankFactorization.only(.householder)
}

extension LinearDiscriminantAnalysis {
  /// The plan of a fit of `n × d` data with `c` classes: the only place a choice is made.
  ///
  /// ``Path/automatic`` becomes ``Path/lowRank`` when `d > 2n`. Solver `.eigen` without
  /// shrinkage has no low-rank algorithm (its within-class covariance has rank ≤ `n − c`), so
  /// it takes the explicit one when `d ≤ n − c` and cannot be fitted otherwise; `.fixed(0)` is
  /// no shrinkage.
  func plan(samples n: Int, features d: Int, classes c: Int, factorization: LowRankFactorization) -> LDAPlan {
    let lowRank = (path == .automatic ? Self.automaticPath(samples: n, features: d) : path) == .lowRank
    switch solver {
    case .svd:
      guard lowRank else { return .svdExplicit }
      switch factorization {
      // Cholesky QR factors the n − c class contrasts, which needs them to be independent.
      case .automatic: return .svdLowRank(n - c <= d ? [.gram, .choleskyQR, .householder] : [.gram, .householder])
      case .only(let route): return .svdLowRank([route])
      }
    case .eigen(let shrinkage):
      var effective = shrinkage
      if case .fixed(0) = shrinkage { effective = .none }
      guard lowRank else { return .eigenExplicit(shrinkage) }
      switch effective {
      case .ledoitWolf: return .ledoitWolfLowRank
      case .fixed(let s): return .eigenLowRank(shrinkage: s)
      case .none:
        return d > n - c ? .eigenSingular : .eigenExplicit(shrinkage)
      }
    }
  }
}
