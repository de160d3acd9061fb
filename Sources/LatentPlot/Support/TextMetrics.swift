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

  /// `text`, shortened with a trailing "…" when needed so that it fits in `maxWidth`.
  ///
  /// - Complexity: O(*n*) in the length of `text`.
  static func truncated(_ text: String, toWidth maxWidth: Double, fontSize: Double) -> String {
    guard width(text, fontSize: fontSize) > maxWidth else { return text }
    let ellipsis = "…"
    var budget = maxWidth / fontSize - advance(of: "…")
    var kept = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      budget -= advance(of: scalar)
      if budget < 0 { break }
      kept.append(scalar)
    }
    return String(kept) + ellipsis
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
