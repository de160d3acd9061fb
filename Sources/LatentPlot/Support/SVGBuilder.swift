/// Accumulates SVG markup, escaping every text and attribute value it is given.
///
/// Element and attribute names are constants of this module and are written as is;
/// everything else goes through ``escaped(_:)``.
struct SVGBuilder {
  /// The markup written so far.
  private(set) var markup = ""

  /// An attribute list, in the order it is written (order matters for byte-identical output).
  typealias Attributes = [(String, String)]

  /// Writes `<name …/>`.
  mutating func element(_ name: String, _ attributes: Attributes) {
    markup += "<" + name
    appendAttributes(attributes)
    markup += "/>\n"
  }

  /// Writes `<name …>`; close it with ``close(_:)``.
  mutating func open(_ name: String, _ attributes: Attributes = []) {
    markup += "<" + name
    appendAttributes(attributes)
    markup += ">\n"
  }

  /// Writes `</name>`.
  mutating func close(_ name: String) {
    markup += "</" + name + ">\n"
  }

  /// Writes `<name …>content</name>` with the content escaped.
  mutating func element(_ name: String, _ attributes: Attributes, content: String) {
    markup += "<" + name
    appendAttributes(attributes)
    markup += ">" + escaped(content) + "</" + name + ">\n"
  }

  /// Writes a `<text>` element at (`x`, `y`).
  mutating func text(_ content: String, x: Double, y: Double, _ attributes: Attributes = []) {
    element("text", [("x", svgNumber(x)), ("y", svgNumber(y))] + attributes, content: content)
  }

  /// Writes a `<text>` element twice: first with a thick white outline, then plain, so that
  /// it stays readable on top of points (SVG 1.1 has no `paint-order`).
  mutating func haloText(_ content: String, x: Double, y: Double, _ attributes: Attributes = []) {
    text(
      content, x: x, y: y,
      attributes + [
        ("fill", "#ffffff"), ("stroke", "#ffffff"), ("stroke-width", "3"),
        ("stroke-linejoin", "round"),
      ])
    text(content, x: x, y: y, attributes)
  }

  /// Appends already-formed markup (used to embed a figure that is not one of ours).
  mutating func appendRaw(_ fragment: String) {
    markup += fragment
  }

  private mutating func appendAttributes(_ attributes: Attributes) {
    for (name, value) in attributes {
      markup += " " + name + "=\"" + escaped(value) + "\""
    }
  }

  /// A complete standalone SVG 1.1 document of the given size with a white background.
  static func document(
    width: Double, height: Double, title: String, body: (inout SVGBuilder) -> Void
  ) -> String {
    var builder = SVGBuilder()
    builder.markup += "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
    builder.open("svg", rootAttributes(width: width, height: height))
    if !title.isEmpty {
      builder.element("title", [], content: title)
    }
    body(&builder)
    builder.close("svg")
    return builder.markup
  }

  /// The attributes of the root element: namespace, version, size, viewBox and font fallbacks.
  static func rootAttributes(width: Double, height: Double) -> Attributes {
    [
      ("xmlns", "http://www.w3.org/2000/svg"), ("version", "1.1"),
      ("width", svgNumber(width)), ("height", svgNumber(height)),
      ("viewBox", "0 0 \(svgNumber(width)) \(svgNumber(height))"),
      ("font-family", fontFamily), ("font-size", "12"),
    ]
  }

  /// Fonts in order of preference; DejaVu Sans is what Debian's Chromium has.
  static let fontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif"

  /// Writes the white background of a figure.
  mutating func background(width: Double, height: Double) {
    element(
      "rect",
      [
        ("x", "0"), ("y", "0"), ("width", svgNumber(width)), ("height", svgNumber(height)),
        ("fill", "#ffffff"),
      ])
  }
}

/// `text` with the five XML special characters escaped and characters XML 1.0 forbids
/// (most control characters) replaced by a space, so any class name is safe in an SVG.
///
/// - Complexity: O(*n*) in the length of `text`.
func escaped(_ text: String) -> String {
  // Fast path: most strings (and every number) need nothing. 0xEF leads U+FFFE and U+FFFF.
  let needsWork = text.utf8.contains { byte in
    byte < 0x20 || byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
      || byte == 0xEF
  }
  guard needsWork else { return text }
  var result = ""
  result.reserveCapacity(text.utf8.count + 16)
  for scalar in text.unicodeScalars {
    switch scalar {
    case "&": result += "&amp;"
    case "<": result += "&lt;"
    case ">": result += "&gt;"
    case "\"": result += "&quot;"
    case "'": result += "&apos;"
    case "\t", "\n", "\r": result += " "
    default:
      if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
        result += " "
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
  }
  return result
}

/// A coordinate or length for an attribute: at most `decimals` decimals (0...4), trailing
/// zeros dropped, never `-0`, `nan` or `inf` (non-finite values become 0; the figures skip
/// them before this point), independent of the locale.
func svgNumber(_ value: Double, decimals: Int = 2) -> String {
  guard value.isFinite else { return "0" }
  let decimals = min(max(decimals, 0), 4)
  let scale = [1, 10, 100, 1000, 10_000][decimals]
  // Figures are at most millions of pixels across; clamping keeps Int conversion safe.
  let clamped = min(max(value, -1e9), 1e9)
  let units = Int((clamped * Double(scale)).rounded())
  if units == 0 { return "0" }
  let magnitude = units.magnitude
  let whole = magnitude / UInt(scale)
  var fraction = magnitude % UInt(scale)
  let sign = units < 0 ? "-" : ""
  if fraction == 0 {
    return sign + String(whole)
  }
  var digits = decimals
  while fraction % 10 == 0 {
    fraction /= 10
    digits -= 1
  }
  let fractionText = String(fraction)
  return sign + String(whole) + "." + String(repeating: "0", count: digits - fractionText.count)
    + fractionText
}
