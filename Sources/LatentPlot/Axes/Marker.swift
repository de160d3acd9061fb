/// The shapes of point markers. Scatter plots change shape each time the palette repeats;
/// line charts give each series its own shape.
enum MarkerShape: CaseIterable {
  case circle, square, triangle, diamond, invertedTriangle

  /// Writes a marker of "radius" `r` centred at (`x`, `y`); shapes other than circles are
  /// scaled to look about as heavy as a circle of that radius.
  static func draw(
    _ shape: MarkerShape, x: Double, y: Double, radius r: Double, into svg: inout SVGBuilder,
    _ attributes: SVGBuilder.Attributes = []
  ) {
    let p = { (value: Double) in svgNumber(value, decimals: 1) }
    switch shape {
    case .circle:
      svg.element("circle", [("cx", p(x)), ("cy", p(y)), ("r", p(r))] + attributes)
    case .square:
      let half = r * 0.89
      svg.element(
        "rect",
        [("x", p(x - half)), ("y", p(y - half)), ("width", p(2 * half)), ("height", p(2 * half))]
          + attributes)
    case .triangle, .invertedTriangle:
      let s = shape == .triangle ? 1.0 : -1.0
      let h = r * 1.25
      let path =
        "M\(p(x)) \(p(y - s * h))L\(p(x + h * 0.95)) \(p(y + s * h * 0.7))"
        + "L\(p(x - h * 0.95)) \(p(y + s * h * 0.7))Z"
      svg.element("path", [("d", path)] + attributes)
    case .diamond:
      let h = r * 1.3
      let path = "M\(p(x)) \(p(y - h))L\(p(x + h)) \(p(y))L\(p(x)) \(p(y + h))L\(p(x - h)) \(p(y))Z"
      svg.element("path", [("d", path)] + attributes)
    }
  }

  /// Writes a centroid marker: a bold × in `color` with a dark outline, `size` pixels across.
  static func drawCentroid(
    x: Double, y: Double, size: Double, color: PlotColor, into svg: inout SVGBuilder
  ) {
    let h = size / 2
    let p = { (value: Double) in svgNumber(value, decimals: 1) }
    let path =
      "M\(p(x - h)) \(p(y - h))L\(p(x + h)) \(p(y + h))M\(p(x - h)) \(p(y + h))L\(p(x + h)) \(p(y - h))"
    svg.element(
      "path",
      [
        ("d", path), ("stroke", "#1a1a1a"), ("stroke-width", svgNumber(size * 0.42)),
        ("stroke-linecap", "round"),
      ])
    svg.element(
      "path",
      [
        ("d", path), ("stroke", color.hex), ("stroke-width", svgNumber(size * 0.24)),
        ("stroke-linecap", "round"),
      ])
  }
}
