/// A legend: one row per group or series, then rows explaining special markers.
struct Legend {
  /// What a legend row shows before its label.
  enum Symbol {
    /// A point marker.
    case marker(MarkerShape, PlotColor)
    /// A short line through a marker (a line-chart series).
    case line(MarkerShape, PlotColor)
    /// The centroid cross, in neutral grey.
    case centroid
    /// The ring drawn around highlighted points.
    case ring
  }

  /// One row.
  struct Entry {
    var symbol: Symbol
    var label: String
  }

  /// A bold heading above the rows; empty for none.
  var title = ""
  /// Rows for groups or series; shortened to "+ N more" when they do not all fit.
  var entries: [Entry] = []
  /// Rows always shown, after `entries` (centroid, highlighted).
  var extras: [Entry] = []

  static let fontSize = 11.0
  static let rowHeight = 18.0
  /// The space left of a label for its symbol.
  static let symbolWidth = 24.0

  var isEmpty: Bool { entries.isEmpty && extras.isEmpty }

  /// The width the legend takes, labels shortened to at most `maxWidth` overall.
  func width(maxWidth: Double) -> Double {
    let labels = (entries + extras).map(\.label) + ["+ 9999 more"]
    let widest = labels.map { TextMetrics.width($0, fontSize: Self.fontSize) }.max() ?? 0
    let titleWidth = TextMetrics.width(title, fontSize: Self.fontSize) * 1.1
    return min(max(widest + Self.symbolWidth, titleWidth), maxWidth)
  }

  /// Writes the legend with its top-left corner at (`x`, `y`) in a box `width` × `maxHeight`.
  func draw(x: Double, y: Double, width: Double, maxHeight: Double, into svg: inout SVGBuilder) {
    svg.open("g", [("class", "legend"), ("font-size", svgNumber(Self.fontSize))])
    var top = y
    if !title.isEmpty {
      svg.text(
        TextMetrics.truncated(title, toWidth: width, fontSize: Self.fontSize * 1.1),
        x: x, y: top + 12, [("font-weight", "bold"), ("fill", "#222222")])
      top += Self.rowHeight + 2
    }
    let rowCount = max(Int((y + maxHeight - top) / Self.rowHeight), 1)
    var shown = entries
    var hiddenCount = 0
    if entries.count + extras.count > rowCount {
      let keep = max(rowCount - extras.count - 1, 0)
      hiddenCount = entries.count - keep
      shown = Array(entries.prefix(keep))
    }
    let labelWidth = width - Self.symbolWidth
    for entry in shown {
      drawEntry(entry, x: x, y: top, labelWidth: labelWidth, into: &svg)
      top += Self.rowHeight
    }
    if hiddenCount > 0 {
      svg.text(
        "+ \(hiddenCount) more", x: x + Self.symbolWidth, y: top + 12,
        [("class", "legend-more"), ("fill", "#555555")])
      top += Self.rowHeight
    }
    for entry in extras {
      drawEntry(entry, x: x, y: top, labelWidth: labelWidth, into: &svg)
      top += Self.rowHeight
    }
    svg.close("g")
  }

  private func drawEntry(
    _ entry: Entry, x: Double, y: Double, labelWidth: Double, into svg: inout SVGBuilder
  ) {
    svg.open("g", [("class", "legend-entry")])
    let centreX = x + 9
    let centreY = y + 8
    switch entry.symbol {
    case .marker(let shape, let color):
      MarkerShape.draw(
        shape, x: centreX, y: centreY, radius: 4.5, into: &svg, [("fill", color.hex)])
    case .line(let shape, let color):
      svg.element(
        "line",
        [
          ("x1", svgNumber(x)), ("y1", svgNumber(centreY)), ("x2", svgNumber(x + 18)),
          ("y2", svgNumber(centreY)), ("stroke", color.hex), ("stroke-width", "2"),
        ])
      MarkerShape.draw(
        shape, x: centreX, y: centreY, radius: 3.5, into: &svg, [("fill", color.hex)])
    case .centroid:
      MarkerShape.drawCentroid(
        x: centreX, y: centreY, size: 11, color: PlotColor(rgb: 0xBBBBBB), into: &svg)
    case .ring:
      svg.element(
        "circle",
        [("cx", svgNumber(centreX)), ("cy", svgNumber(centreY)), ("r", "3"), ("fill", "#999999")])
      svg.element(
        "circle",
        [
          ("cx", svgNumber(centreX)), ("cy", svgNumber(centreY)), ("r", "6"), ("fill", "none"),
          ("stroke", "#1a1a1a"), ("stroke-width", "1.2"),
        ])
    }
    svg.text(
      TextMetrics.truncated(
        entry.label, toWidth: labelWidth, fontSize: Self.fontSize, keepingEnd: true),
      x: x + Self.symbolWidth, y: y + 12, [("fill", "#222222")])
    svg.close("g")
  }
}
