import Foundation

/// A reproducible stream of standard normal numbers for the randomized solver's test matrix.
///
/// SplitMix64 (Steele, Lea and Flood, 2014) gives the uniform bits; the Box–Muller transform
/// turns pairs of them into pairs of independent standard normals. The same seed gives the same
/// numbers on every platform, so a randomized fit is reproducible. (scikit-learn's stream, numpy's
/// Mersenne Twister, is not reproduced: compare randomized results with exact ones, not with
/// scikit-learn's randomized output.)
struct SeededGaussian {
  private var state: UInt64
  private var spare: Double?

  init(seed: UInt64) {
    state = seed
  }

  private mutating func nextBits() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform number in the open interval (0, 1), with 53 random bits.
  private mutating func nextOpenUnit() -> Double {
    (Double(nextBits() >> 11) + 0.5) * 0x1p-53
  }

  /// The next standard normal number.
  mutating func next() -> Double {
    if let value = spare {
      spare = nil
      return value
    }
    let radius = (-2 * log(nextOpenUnit())).squareRoot()
    let angle = 2 * Double.pi * nextOpenUnit()
    spare = radius * sin(angle)
    return radius * cos(angle)
  }

  /// `count` standard normal numbers.
  mutating func fill(count: Int) -> ContiguousArray<Double> {
    var values = ContiguousArray<Double>()
    values.reserveCapacity(count)
    for _ in 0..<count { values.append(next()) }
    return values
  }
}
