import Foundation

/// One axis of a plot: its scale, its range, and its ticks, ready to draw.
struct Axis {
  /// A tick with a grid line; `label` is empty for an unlabelled one.
  struct Tick {
    var value: Double
    var label: String
  }

  var scale: AxisScale
  /// The ends of the axis (both positive on a log axis).
  var lower: Double
  var upper: Double
  /// Ticks with grid lines, in increasing order.
  var major: [Tick]
  /// Short unlabelled ticks between the major ones (log axes).
  var minor: [Double]

  /// Where `value` falls along the axis: 0 at `lower`, 1 at `upper`. NaN for values a log
  /// axis cannot show.
  func fraction(_ value: Double) -> Double {
    switch scale {
    case .linear:
      return (value - lower) / (upper - lower)
    case .logarithmic:
      guard value > 0 else { return .nan }
      return (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
    }
  }

  /// Whether `value` lies within the axis range (with a little tolerance for rounding).
  func contains(_ value: Double) -> Bool {
    let position = fraction(value)
    return position >= -1e-9 && position <= 1 + 1e-9
  }

  /// The largest magnitude any axis range may reach, so that spans and tick arithmetic stay
  /// finite; larger data is drawn as outside the range.
  static let magnitudeLimit = 1e300

  /// An axis that covers `extent` (the data's finite values, or `nil` when there are none),
  /// or exactly `explicit` when given, with as many ticks as fit along `length` pixels.
  ///
  /// - Parameters:
  ///   - padding: the fraction of the data span kept free at each end: a linear range is
  ///     rounded out to ticks and padded only where the data would touch an end; a log range
  ///     is padded in log space.
  ///   - labelWidth: the width in pixels that a label takes along the axis; for a vertical
  ///     axis pass `nil`, and labels then only need their line height.
  /// - Complexity: O(number of ticks).
  static func make(
    scale: AxisScale, extent: ClosedRange<Double>?, explicit: ClosedRange<Double>?,
    length: Double, horizontal: Bool, style: TickLabelStyle, fontSize: Double,
    padding: Double
  ) -> Axis {
    switch scale {
    case .linear:
      return linear(
        extent: extent, explicit: explicit, length: length, horizontal: horizontal, style: style,
        fontSize: fontSize, padding: padding)
    case .logarithmic:
      return logarithmic(
        extent: extent, explicit: explicit, length: length, horizontal: horizontal, style: style,
        fontSize: fontSize, padding: padding)
    }
  }

  /// The smallest 1-2-5 step (…, 0.1, 0.2, 0.5, 1, 2, 5, 10, …) at least `rawStep`.
  static func niceStep(atLeast rawStep: Double) -> Double {
    let magnitude = pow(10, Double(NumberText.exponent(of: rawStep)))
    for multiple in [1.0, 2, 5, 10] where multiple * magnitude >= rawStep * (1 - 1e-9) {
      return multiple * magnitude
    }
    return 10 * magnitude
  }

  private static func linear(
    extent: ClosedRange<Double>?, explicit: ClosedRange<Double>?, length: Double,
    horizontal: Bool, style: TickLabelStyle, fontSize: Double, padding: Double
  ) -> Axis {
    var (low, high) = (0.0, 1.0)
    if let range = explicit ?? extent {
      low = min(max(range.lowerBound, -magnitudeLimit), magnitudeLimit)
      high = min(max(range.upperBound, -magnitudeLimit), magnitudeLimit)
    }
    if low == high {
      // One value (or identical values): centre it in a range 10% of its size either side.
      let half = low == 0 ? 1 : abs(low) * 0.1
      (low, high) = (low - half, high + half)
    }
    let spacing = horizontal ? 60.0 : 36.0
    var targetCount = max(2, Int(length / spacing))
    while true {
      let step = niceStep(atLeast: (high - low) / Double(targetCount))
      var (lower, upper) = (low, high)
      if explicit == nil {
        // Round out to ticks; where the data then touches an end, add the padding there
        // (rather than a whole step) so that no point sits on the frame.
        lower = floor(low / step) * step
        upper = ceil(high / step) * step
        let pad = (upper - lower) * padding
        if low - lower < pad { lower -= pad }
        if upper - high < pad { upper += pad }
      }
      let first = ceil(lower / step - 1e-9)
      let count = Int(floor(upper / step + 1e-9) - first) + 1
      let values = (0..<max(count, 0)).map { index -> Double in
        let value = (first + Double(index)) * step
        return abs(value) < step * 1e-9 ? 0 : value
      }
      let labels = style.labels(for: values, resolutions: values.map { _ in step })
      let axis = Axis(
        scale: .linear, lower: lower, upper: upper,
        major: zip(values, labels).map { Tick(value: $0, label: $1) }, minor: [])
      if targetCount == 2
        || axis.labelsFit(length: length, horizontal: horizontal, fontSize: fontSize)
      {
        return axis
      }
      targetCount -= 1
    }
  }

  private static func logarithmic(
    extent: ClosedRange<Double>?, explicit: ClosedRange<Double>?, length: Double,
    horizontal: Bool, style: TickLabelStyle, fontSize: Double, padding: Double
  ) -> Axis {
    let lower: Double
    let upper: Double
    if let explicit {
      (lower, upper) = (explicit.lowerBound, explicit.upperBound)
    } else {
      // The data range widened by `padding` of its span in log space (at least a tenth of a
      // decade), not rounded out to decades: that could waste most of a decade at each end.
      let range = extent ?? 1...10
      var logLow = log10(min(max(range.lowerBound, 1 / magnitudeLimit), magnitudeLimit))
      var logHigh = log10(min(max(range.upperBound, 1 / magnitudeLimit), magnitudeLimit))
      if logHigh - logLow < 1e-9 {
        // One value: a decade either side.
        (logLow, logHigh) = (logLow - 1, logHigh + 1)
      } else {
        let pad = max((logHigh - logLow) * padding, 0.1)
        (logLow, logHigh) = (logLow - pad, logHigh + pad)
      }
      (lower, upper) = (pow(10, logLow), pow(10, logHigh))
    }
    let lowExponent = Int(floor(log10(lower) - 1e-9))
    let highExponent = Int(ceil(log10(upper) + 1e-9))
    let decades = (lowExponent...highExponent).filter { exponent in
      let value = pow(10, Double(exponent))
      return value >= lower * (1 - 1e-9) && value <= upper * (1 + 1e-9)
    }
    let pixelsPerDecade = length / max(log10(upper) - log10(lower), 1e-9)

    // Few decades in view: label 2× and 5× too, or fall back to linear ticks.
    if decades.count < 2 {
      var values: [Double] = []
      var resolutions: [Double] = []
      for exponent in lowExponent...highExponent {
        let decade = pow(10, Double(exponent))
        for multiple in [1.0, 2, 5] where (lower...upper).contains(multiple * decade) {
          values.append(multiple * decade)
          resolutions.append(decade)
        }
      }
      if values.count >= 2 {
        let labels = style.labels(for: values, resolutions: resolutions)
        return Axis(
          scale: .logarithmic, lower: lower, upper: upper,
          major: zip(values, labels).map { Tick(value: $0, label: $1) },
          minor: minorTicks(lower: lower, upper: upper, exponents: lowExponent...highExponent)
            .filter { !values.contains($0) })
      }
      var axis = linear(
        extent: nil, explicit: lower...upper, length: length, horizontal: horizontal,
        style: style, fontSize: fontSize, padding: 0)
      axis.scale = .logarithmic
      axis.major = axis.major.filter { $0.value > 0 }
      return axis
    }

    // Label every decade, or every second, fifth, … when they do not fit.
    let values = decades.map { pow(10, Double($0)) }
    let labels = style.labels(for: values, resolutions: values)
    var chosen: Axis?
    for stride in [1, 2, 3, 5, 10, 20, 50, 100] where chosen == nil {
      let major = zip(decades, zip(values, labels)).map { exponent, tick in
        Tick(value: tick.0, label: exponent % stride == 0 ? tick.1 : "")
      }
      let axis = Axis(
        scale: .logarithmic, lower: lower, upper: upper, major: major,
        minor: stride == 1 && pixelsPerDecade >= 24
          ? minorTicks(lower: lower, upper: upper, exponents: lowExponent...highExponent) : [])
      // The last stride (100) is taken whether or not its labels fit.
      if stride == 100 || axis.labelsFit(length: length, horizontal: horizontal, fontSize: fontSize) {
        chosen = axis
      }
    }
    return chosen!
  }

  /// 2×, 3×, … 9× each decade, within the range.
  private static func minorTicks(lower: Double, upper: Double, exponents: ClosedRange<Int>)
    -> [Double]
  {
    var values: [Double] = []
    for exponent in exponents {
      let decade = pow(10, Double(exponent))
      for multiple in 2...9 {
        let value = Double(multiple) * decade
        if value > lower * (1 + 1e-9) && value < upper * (1 - 1e-9) {
          values.append(value)
        }
      }
    }
    return values
  }

  /// Whether neighbouring labels leave a gap between them.
  private func labelsFit(length: Double, horizontal: Bool, fontSize: Double) -> Bool {
    let labelled = major.filter { !$0.label.isEmpty }
    guard labelled.count >= 2 else { return true }
    for (left, right) in zip(labelled, labelled.dropFirst()) {
      let distance = abs(fraction(right.value) - fraction(left.value)) * length
      let needed =
        horizontal
        ? (TextMetrics.width(left.label, fontSize: fontSize)
          + TextMetrics.width(right.label, fontSize: fontSize)) / 2 + 10
        : fontSize * 1.6
      if distance < needed { return false }
    }
    return true
  }
}
