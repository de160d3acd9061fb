/// A rectangle in figure pixels (y grows downwards, as in SVG).
struct Rect {
  var x: Double
  var y: Double
  var width: Double
  var height: Double

  var maxX: Double { x + width }
  var maxY: Double { y + height }
  var midX: Double { x + width / 2 }
  var midY: Double { y + height / 2 }
}

/// What a figure asks of one of its axes.
struct AxisRequest {
  var scale: AxisScale = .linear
  /// The finite data values along this axis, or `nil` when there are none.
  var extent: ClosedRange<Double>?
  /// A range the caller fixed, used exactly.
  var explicit: ClosedRange<Double>?
  var style: TickLabelStyle = .automatic
  /// The fraction of the data span added on each side (linear axes).
  var padding = 0.0
}

/// The layout shared by scatter plots and line charts: title on top, plot area with axes,
/// legend on the right, a note at the bottom left.
struct CartesianLayout {
  let width: Double
  let height: Double
  let title: String
  let xLabel: String
  let yLabel: String
  let legend: Legend
  let note: String
  /// The plot area (inside the axes).
  let frame: Rect
  let xAxis: Axis
  let yAxis: Axis

  static let tickFontSize = 11.0
  static let titleFontSize = 15.0
  static let labelFontSize = 12.0

  /// Lays the figure out: margins from the title, labels and legend, then axes whose ticks
  /// fit the plot area.
  init(
    width: Double, height: Double, title: String, xLabel: String, yLabel: String,
    legend: Legend, note: String, x: AxisRequest, y: AxisRequest
  ) {
    self.width = width
    self.height = height
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.legend = legend
    self.note = note
    let top = title.isEmpty ? 16.0 : 44
    let bottom = 28.0 + (xLabel.isEmpty ? 0 : 20) + (note.isEmpty ? 0 : 16)
    let plotHeight = max(height - top - bottom, 20)
    let yAxis = Axis.make(
      scale: y.scale, extent: y.extent, explicit: y.explicit, length: plotHeight,
      horizontal: false, style: y.style, fontSize: Self.tickFontSize, padding: y.padding)
    let tickLabelWidth =
      yAxis.major.map { TextMetrics.width($0.label, fontSize: Self.tickFontSize) }.max() ?? 0
    let left = 10 + (yLabel.isEmpty ? 0 : 22) + tickLabelWidth + 8
    let legendWidth = legend.isEmpty ? 0 : legend.width(maxWidth: width * 0.3)
    let right = legend.isEmpty ? 24 : legendWidth + 32
    let plotWidth = max(width - left - right, 20)
    self.frame = Rect(x: left, y: top, width: plotWidth, height: plotHeight)
    self.yAxis = yAxis
    self.xAxis = Axis.make(
      scale: x.scale, extent: x.extent, explicit: x.explicit, length: plotWidth,
      horizontal: true, style: x.style, fontSize: Self.tickFontSize, padding: x.padding)
  }

  /// The pixel position of a data point, or `nil` when an axis cannot show it (NaN, or not
  /// positive on a log axis).
  func position(x: Double, y: Double) -> (x: Double, y: Double)? {
    let fx = xAxis.fraction(x)
    let fy = yAxis.fraction(y)
    guard fx.isFinite, fy.isFinite else { return nil }
    return (frame.x + fx * frame.width, frame.maxY - fy * frame.height)
  }

  /// Whether a data point lies inside both axis ranges.
  func contains(x: Double, y: Double) -> Bool {
    xAxis.contains(x) && yAxis.contains(y)
  }

  /// Writes the clip path that keeps data inside the plot area (with room for a marker
  /// at the edge), with the given id.
  func clipPath(id: String, into svg: inout SVGBuilder) {
    let margin = 8.0
    svg.open("defs")
    svg.open("clipPath", [("id", id)])
    svg.element(
      "rect",
      [
        ("x", svgNumber(frame.x - margin)), ("y", svgNumber(frame.y - margin)),
        ("width", svgNumber(frame.width + 2 * margin)),
        ("height", svgNumber(frame.height + 2 * margin)),
      ])
    svg.close("clipPath")
    svg.close("defs")
  }

  /// Writes the background and the grid lines (drawn under the data).
  func drawBackground(into svg: inout SVGBuilder) {
    svg.background(width: width, height: height)
    svg.open("g", [("class", "grid"), ("stroke", "#e8e8e8"), ("stroke-width", "1")])
    for tick in xAxis.major {
      let x = frame.x + xAxis.fraction(tick.value) * frame.width
      line(x, frame.y, x, frame.maxY, into: &svg)
    }
    for tick in yAxis.major {
      let y = frame.maxY - yAxis.fraction(tick.value) * frame.height
      line(frame.x, y, frame.maxX, y, into: &svg)
    }
    svg.close("g")
  }

  /// Writes the frame, ticks, tick labels, axis labels, title, legend and note (drawn over
  /// the data).
  func drawDecorations(into svg: inout SVGBuilder) {
    svg.element(
      "rect",
      [
        ("class", "frame"), ("x", svgNumber(frame.x)), ("y", svgNumber(frame.y)),
        ("width", svgNumber(frame.width)), ("height", svgNumber(frame.height)),
        ("fill", "none"), ("stroke", "#999999"),
      ])
    svg.open("g", [("class", "ticks"), ("stroke", "#666666")])
    for tick in xAxis.major {
      let x = frame.x + xAxis.fraction(tick.value) * frame.width
      line(x, frame.maxY, x, frame.maxY + 5, into: &svg)
    }
    for value in xAxis.minor {
      let x = frame.x + xAxis.fraction(value) * frame.width
      line(x, frame.maxY, x, frame.maxY + 3, into: &svg)
    }
    for tick in yAxis.major {
      let y = frame.maxY - yAxis.fraction(tick.value) * frame.height
      line(frame.x - 5, y, frame.x, y, into: &svg)
    }
    for value in yAxis.minor {
      let y = frame.maxY - yAxis.fraction(value) * frame.height
      line(frame.x - 3, y, frame.x, y, into: &svg)
    }
    svg.close("g")

    svg.open(
      "g",
      [
        ("class", "x-tick-labels"), ("font-size", "11"), ("fill", "#444444"),
        ("text-anchor", "middle"),
      ])
    for tick in xAxis.major where !tick.label.isEmpty {
      svg.text(
        tick.label, x: frame.x + xAxis.fraction(tick.value) * frame.width, y: frame.maxY + 18)
    }
    svg.close("g")
    svg.open(
      "g",
      [
        ("class", "y-tick-labels"), ("font-size", "11"), ("fill", "#444444"),
        ("text-anchor", "end"),
      ])
    for tick in yAxis.major where !tick.label.isEmpty {
      svg.text(
        tick.label, x: frame.x - 8, y: frame.maxY - yAxis.fraction(tick.value) * frame.height + 4)
    }
    svg.close("g")

    if !xLabel.isEmpty {
      svg.text(
        TextMetrics.truncated(xLabel, toWidth: frame.width, fontSize: Self.labelFontSize),
        x: frame.midX, y: frame.maxY + 38,
        [("class", "x-label"), ("text-anchor", "middle"), ("fill", "#222222")])
    }
    if !yLabel.isEmpty {
      let x = 22.0
      svg.text(
        TextMetrics.truncated(yLabel, toWidth: frame.height, fontSize: Self.labelFontSize),
        x: x, y: frame.midY,
        [
          ("class", "y-label"), ("text-anchor", "middle"), ("fill", "#222222"),
          ("transform", "rotate(-90 \(svgNumber(x)) \(svgNumber(frame.midY)))"),
        ])
    }
    drawTitle(title, width: width, into: &svg)
    if !legend.isEmpty {
      legend.draw(
        x: frame.maxX + 18, y: frame.y, width: legend.width(maxWidth: width * 0.3),
        maxHeight: height - frame.y - 8, into: &svg)
    }
    drawNote(note, width: width, height: height, into: &svg)
  }

  private func line(
    _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, into svg: inout SVGBuilder
  ) {
    svg.element(
      "line",
      [("x1", svgNumber(x1)), ("y1", svgNumber(y1)), ("x2", svgNumber(x2)), ("y2", svgNumber(y2))])
  }
}

/// Writes a figure's title, centred at the top, shortened to fit the width.
func drawTitle(_ title: String, width: Double, into svg: inout SVGBuilder) {
  guard !title.isEmpty else { return }
  let fontSize = CartesianLayout.titleFontSize
  svg.text(
    TextMetrics.truncated(title, toWidth: width - 20, fontSize: fontSize * 1.05),
    x: width / 2, y: 27,
    [
      ("class", "title"), ("text-anchor", "middle"), ("font-size", svgNumber(fontSize)),
      ("font-weight", "bold"), ("fill", "#1a1a1a"),
    ])
}

/// Writes a figure's note (what was skipped and why) at the bottom left.
func drawNote(_ note: String, width: Double, height: Double, into svg: inout SVGBuilder) {
  guard !note.isEmpty else { return }
  svg.text(
    TextMetrics.truncated(note, toWidth: width - 16, fontSize: 10),
    x: 8, y: height - 7,
    [("class", "note"), ("font-size", "10"), ("font-style", "italic"), ("fill", "#666666")])
}
