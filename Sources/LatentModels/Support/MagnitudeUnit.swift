import LatentLinearAlgebra

/// The unit in which a sum of squares is formed so that it neither overflows nor underflows.
enum MagnitudeUnit {
  /// 1 when `terms` squares of values up to `largest` can be summed safely; otherwise the power
  /// of two nearest `largest`, by which the values are divided first (exactly) and the result
  /// scaled back.
  ///
  /// Safe means `largest ≤ √(greatest / terms)` (no overflow) and, unless every value is 0,
  /// `largest ≥ √least · 2^(p/2)` (the squares keep about half of the precision's bits above
  /// the smallest normal number): in `Double`, about 1e-146 to 1e154 / √terms.
  static func unit<Scalar: LinearAlgebraScalar>(largest: Scalar, terms: Int) -> Scalar {
    let high = (Scalar.greatestFiniteMagnitude / Scalar(Swift.max(terms, 1))).squareRoot()
    let low =
      Scalar.leastNormalMagnitude.squareRoot()
      * Scalar(sign: .plus, exponent: Scalar.Exponent(Scalar.significandBitCount / 2), significand: 1)
    guard largest > high || (largest > 0 && largest < low) else { return 1 }
    return Scalar(sign: .plus, exponent: largest.exponent, significand: 1)
  }
}
