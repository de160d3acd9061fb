/// Estimates of rendered text width, for layout without a font engine.
///
/// The estimates follow DejaVu Sans (the widest of the fonts in the fallback list), so text
/// laid out with them fits when Helvetica or Arial is used instead.
enum TextMetrics {
  /// The estimated advance width of `text` at `fontSize` pixels.
  ///
  /// - Complexity: O(*n*) in the length of `text`.
  static func width(_ text: String, fontSize: Double) -> Double {
    var ems = 0.0
    for scalar in text.unicodeScalars {
      ems += advance(of: scalar)
    }
    return ems * fontSize
  }

  /// `text`, shortened with a "…" when needed so that it fits in `maxWidth`: at the end, or
  /// in the middle when `keepingEnd` is true (class names often differ only at the end:
  /// "Pullover (long sleeve)" and "Pullover (short sleeve)").
  ///
  /// - Complexity: O(*n*) in the length of `text`.
  static func truncated(
    _ text: String, toWidth maxWidth: Double, fontSize: Double, keepingEnd: Bool = false
  ) -> String {
    guard width(text, fontSize: fontSize) > maxWidth else { return text }
    let budget = maxWidth / fontSize - advance(of: "…")
    let scalars = Array(text.unicodeScalars)
    let tail = keepingEnd ? longestFitting(scalars.reversed(), budget: budget * 0.4) : []
    let head = longestFitting(
      scalars, budget: budget - tail.reduce(0) { $0 + advance(of: $1) })
    var result = String.UnicodeScalarView(head)
    result.append("…")
    result.append(contentsOf: tail.reversed())
    return String(result)
  }

  /// The longest prefix of `scalars` whose advance fits in `budget` ems.
  private static func longestFitting<S: Sequence<Unicode.Scalar>>(_ scalars: S, budget: Double)
    -> [Unicode.Scalar]
  {
    var remaining = budget
    var kept: [Unicode.Scalar] = []
    for scalar in scalars {
      remaining -= advance(of: scalar)
      if remaining < 0 { break }
      kept.append(scalar)
    }
    return kept
  }

  /// Advance widths in ems, by character class (DejaVu Sans, rounded up).
  private static func advance(of scalar: Unicode.Scalar) -> Double {
    switch scalar {
    case "i", "l", "j", "t", "f", "r", ".", ",", ":", ";", "'", "|", "!", "(", ")", "[", "]", " ",
      "I", "/", "-":
      return 0.38
    case "m", "w", "M", "W", "%", "@":
      return 0.95
    case "A"..."Z", "&", "…":
      return 0.72
    case "0"..."9", "⁰"..."⁹", "¹", "²", "³":
      return 0.64
    case "a"..."z":
      return 0.6
    default:
      return scalar.isASCII ? 0.6 : 0.75
    }
  }
}
