import Foundation

extension TickLabelStyle {
  /// Labels for tick `values`, each with the smallest difference it must show (`resolution`:
  /// the step of a linear axis, the decade of a log tick).
  ///
  /// - Complexity: O(*n*) in the number of ticks.
  func labels(for values: [Double], resolutions: [Double]) -> [String] {
    var style = self
    if style == .automatic {
      let magnitudes = values.map(abs).filter { $0 > 0 }
      let largest = magnitudes.max() ?? 0
      let smallest = magnitudes.min() ?? 1
      style = largest < 1e6 && smallest >= 1e-3 ? .decimal : .powersOfTen
    }
    return zip(values, resolutions).map { value, resolution in
      style.label(for: value, resolution: resolution)
    }
  }

  private func label(for value: Double, resolution: Double) -> String {
    guard value != 0, value.isFinite else { return "0" }
    switch self {
    case .automatic, .decimal:
      return NumberText.decimal(value, decimals: max(0, -NumberText.exponent(of: resolution)))
    case .powersOfTen:
      return NumberText.powerOfTen(value, resolution: resolution)
    case .metric(let unit):
      return NumberText.metric(value, resolution: resolution, unit: unit)
    }
  }
}

/// Locale-independent number text for tick labels and heatmap cells.
enum NumberText {
  /// The decimal exponent of `value`: 2 for 100...999.9, −3 for 0.001...0.0099. Robust to
  /// `log10(1000) == 2.9999999999999996`.
  static func exponent(of value: Double) -> Int {
    guard value != 0, value.isFinite else { return 0 }
    return Int(floor(log10(abs(value)) + 1e-9))
  }

  /// `value` with exactly `decimals` decimals (at most 15), with a real minus sign.
  static func decimal(_ value: Double, decimals: Int) -> String {
    let decimals = min(decimals, 15)
    var text = String(format: "%.\(decimals)f", value)
    if text.hasPrefix("-") {
      // "-0.00" is zero: drop the sign rather than print a negative zero.
      if text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
        text.removeFirst()
      } else {
        text = "−" + text.dropFirst()
      }
    }
    return text
  }

  /// `value` as "10ⁿ" or "m×10ⁿ", with as many mantissa digits as `resolution` needs.
  static func powerOfTen(_ value: Double, resolution: Double) -> String {
    var power = exponent(of: value)
    var mantissa = mantissaText(
      value / pow(10, Double(power)), digits: power - exponent(of: resolution))
    if mantissa == "10" || mantissa == "−10" {
      power += 1
      mantissa = mantissa == "10" ? "1" : "−1"
    }
    switch mantissa {
    case "1": return "10" + superscript(power)
    case "−1": return "−10" + superscript(power)
    default: return mantissa + "×10" + superscript(power)
    }
  }

  /// `value` with an SI prefix and `unit`: "1k", "2.5M", "10 ms".
  static func metric(_ value: Double, resolution: Double, unit: String) -> String {
    let prefixes = ["p", "n", "µ", "m", "", "k", "M", "G", "T"]
    var group = Int(floor(Double(exponent(of: value)) / 3))
    // Kiloseconds are correct but nobody reads them: seconds stay seconds from 1 s up.
    let largestGroup = unit == "s" ? 0 : 4
    group = min(group, largestGroup)
    guard group >= -4 else {
      return powerOfTen(value, resolution: resolution) + (unit.isEmpty ? "" : " " + unit)
    }
    var mantissa = mantissaText(
      value / pow(10, Double(3 * group)), digits: 3 * group - exponent(of: resolution))
    if (mantissa == "1000" || mantissa == "−1000") && group < largestGroup {
      group += 1
      mantissa = mantissa == "1000" ? "1" : "−1"
    }
    let prefix = prefixes[group + 4]
    return unit.isEmpty ? mantissa + prefix : mantissa + " " + prefix + unit
  }

  /// A mantissa with `digits` decimals (at most 15, as many as a Double holds, so that
  /// neighbouring ticks never read the same), trailing zeros dropped.
  private static func mantissaText(_ mantissa: Double, digits: Int) -> String {
    var text = decimal(mantissa, decimals: min(max(digits, 0), 15))
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text
  }

  /// `exponent` in Unicode superscript digits: 12 → "¹²", −3 → "⁻³".
  static func superscript(_ exponent: Int) -> String {
    let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
    let text = String(exponent.magnitude).map { digits[$0.wholeNumberValue ?? 0] }
    return (exponent < 0 ? "⁻" : "") + String(text)
  }
}
