/// How an axis maps data values to positions.
///
/// ```swift
/// let chart = try LineChart(series: series, xScale: .logarithmic, yScale: .logarithmic)
/// ```
public enum AxisScale: Hashable, Sendable {
  /// Equal distances for equal differences; ticks at 1-2-5 steps (…, 0.5, 1, 2, 5, 10, …).
  case linear
  /// Equal distances for equal ratios; ticks at powers of ten. Non-positive values cannot be
  /// shown and are skipped (and counted in the figure's note).
  case logarithmic
}

/// How tick values are written on an axis.
///
/// ```swift
/// // "1k", "10k", "100k" on x; "1 ms", "10 ms", "100 ms", "1 s" on y.
/// let chart = try LineChart(
///   series: series, xTickLabels: .metric(), yTickLabels: .metric(unit: "s"))
/// ```
public enum TickLabelStyle: Hashable, Sendable {
  /// Plain decimals for tick values from 0.001 up to a million, ``powersOfTen`` otherwise.
  case automatic
  /// Plain decimals with as many digits as the tick step needs: "0.25", "1500".
  case decimal
  /// Powers of ten: "10³", "10⁻¹²", "2.5×10⁶".
  case powersOfTen
  /// SI prefixes, followed by `unit`: "1k", "2.5M" (no unit) or "10 ms", "1 s" (unit "s").
  /// Seconds take no prefix above one ("1000 s", not "1 ks"); values beyond the prefixes
  /// p…T fall back to powers of ten.
  case metric(unit: String = "")
}
