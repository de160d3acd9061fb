import LatentLinearAlgebra

/// The Ledoit–Wolf shrinkage weight of scikit-learn's `ledoit_wolf_shrinkage`, from
/// quantities of the standardized, centred data `Z` (`m` samples × `p` features) that
/// both paths can compute: with `rᵢ = ‖zᵢ‖²` and `S = Zᵀ·Z / m`,
///
///     μ = Σr / (m·p),   β = (Σr² / m − ‖S‖²_F) / (p·m),
///     δ = (‖S‖²_F − 2μ·Σr/m + p·μ²) / p,   weight = min(β, δ) / δ  (0 when that β is 0).
///
/// `‖S‖²_F` is `‖Zᵀ·Z‖²_F / m²`, which equals `‖Z·Zᵀ‖²_F / m²`: the low-rank path takes it
/// from the `m × m` Gram matrix, the explicit path from the `p × p` covariance.
struct LedoitWolfWeight {
  /// The shrinkage weight.
  var weight: Double
  /// The shrinkage target's scale, `trace(S) / p`.
  var mu: Double

  init(samples m: Int, features p: Int, sumOfNorms: Double, sumOfSquaredNorms: Double, squaredFrobeniusNorm: Double) {
    let (m, p) = (Double(m), Double(p))
    mu = sumOfNorms / (m * p)
    // scikit-learn: one feature means no shrinkage.
    guard p > 1 else {
      weight = 0
      return
    }
    var beta = (sumOfSquaredNorms / m - squaredFrobeniusNorm) / (p * m)
    let delta = (squaredFrobeniusNorm - 2 * mu * sumOfNorms / m + p * mu * mu) / p
    beta = Swift.min(beta, delta)
    weight = beta == 0 ? 0 : beta / delta
  }

  /// The weight from the `m × m` Gram matrix `K = Z · Zᵀ` of the standardized samples.
  init<Scalar: LinearAlgebraScalar>(gram k: Matrix<Scalar>, features p: Int) {
    let m = k.rowCount
    var sum = 0.0
    var sumOfSquares = 0.0
    var frobenius = 0.0
    for i in 0..<m {
      let r = Double(k[i, i])
      sum += r
      sumOfSquares += r * r
      for j in 0..<m { frobenius += Double(k[i, j]) * Double(k[i, j]) }
    }
    let squaredM = Double(m) * Double(m)
    self.init(
      samples: m, features: p, sumOfNorms: sum, sumOfSquaredNorms: sumOfSquares,
      squaredFrobeniusNorm: m == 0 ? 0 : frobenius / squaredM)
  }
}

/// scikit-learn's `StandardScaler` scale of one feature from its sums over `count`
/// values: `√var`, or 1 for a feature that cannot be told from a constant
/// (`var ≤ n·ε·var + (n·mean·ε)²`, scikit-learn's `_is_constant_feature`).
///
/// `sum` and `sumOfSquares` are of the values minus `mean`, so the variance is
/// `sumOfSquares / n − (sum / n)²` (the two-pass formula with its correction term).
func standardScale<Scalar: LinearAlgebraScalar>(
  sum: Double, sumOfSquares: Double, count: Int, mean: Double, _: Scalar.Type
) -> Scalar {
  let n = Double(count)
  let variance = Swift.max(sumOfSquares / n - (sum / n) * (sum / n), 0)
  let epsilon = Double(Scalar.ulpOfOne)
  let bound = n * epsilon * variance + (n * mean * epsilon) * (n * mean * epsilon)
  return variance <= bound ? 1 : Scalar(variance.squareRoot())
}
