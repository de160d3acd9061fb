extension ConfusionHeatmap: FigureDrawing {
  var documentTitle: String { title }

  /// The values at the two ends of the colour scale.
  var scaleRange: ClosedRange<Double> {
    if let valueRange { return valueRange }
    let finite = values.joined().filter(\.isFinite)
    let low = min(0, finite.min() ?? 0)
    let high = max(finite.max() ?? 1, low)
    return high > low ? low...high : low...(low + 1)
  }

  private static let labelFontSize = 11.0
  private static let barFontSize = 10.0
  private static let barWidth = 14.0

  /// The colour of a cell holding `value`.
  private func color(of value: Double, in range: ClosedRange<Double>) -> PlotColor {
    colorScale.color(at: (value - range.lowerBound) / (range.upperBound - range.lowerBound))
  }

  /// The text written in a cell.
  private func cellText(_ value: Double) -> String {
    NumberText.decimal(value, decimals: isCounts ? 0 : decimals)
  }

  /// The colour bar's ticks; whole numbers only for counts.
  private func barAxis(length: Double) -> Axis {
    var axis = Axis.make(
      scale: .linear, extent: nil, explicit: scaleRange, length: length, horizontal: false,
      style: .automatic, fontSize: Self.barFontSize, padding: 0)
    if isCounts {
      axis.major = axis.major.filter { $0.value == $0.value.rounded() }
    }
    return axis
  }

  func draw(into svg: inout SVGBuilder, idPrefix: String) {
    let count = Double(classNames.count)
    let names = classNames.map {
      TextMetrics.truncated($0, toWidth: 170, fontSize: Self.labelFontSize, keepingEnd: true)
    }
    let widestName = names.map { TextMetrics.width($0, fontSize: Self.labelFontSize) }.max() ?? 0
    let nonFinite = values.joined().count { !$0.isFinite }
    let note =
      nonFinite == 0
      ? "" : "\(counted(nonFinite, "cell")) with NaN or infinite values shown in grey"

    // Margins: row names on the left, colour bar on the right, column names below (turned
    // 45° when wider than a cell, which needs more room and so shrinks the cells).
    let top = title.isEmpty ? 16.0 : 44
    let footer = (xLabel.isEmpty ? 0.0 : 24) + (note.isEmpty ? 0 : 16)
    let provisionalBar = barAxis(length: max(height - top - footer - 60, 40))
    let barLabelWidth =
      provisionalBar.major.map { TextMetrics.width($0.label, fontSize: Self.barFontSize) }.max()
      ?? 0
    let right = 18 + Self.barWidth + 8 + barLabelWidth + (colorBarLabel.isEmpty ? 0 : 22) + 10
    var left = 10 + (yLabel.isEmpty ? 0 : 24) + widestName + 8
    func cellSize(bottom: Double) -> Double {
      max(min((width - left - right) / count, (height - top - bottom) / count).rounded(.down), 4)
    }
    var bottom = 8 + 20 + footer
    var cell = cellSize(bottom: bottom)
    let rotated = widestName > cell - 6
    if rotated {
      bottom = 8 + widestName * 0.71 + 16 + footer
      cell = cellSize(bottom: bottom)
      // The first column's name reaches down and to the left of its cell.
      left = max(left, widestName * 0.71 - cell / 2 + 10)
      cell = cellSize(bottom: bottom)
    }
    let side = cell * count
    // Centre the matrix with its labels in whatever room the cells leave.
    let x0 = left + max((width - left - side - right) / 2, 0)
    let y0 = top + max((height - top - side - bottom) / 2, 0)

    svg.background(width: width, height: height)
    let range = scaleRange
    let gradientID = idPrefix + "color-scale"
    svg.open("defs")
    svg.open(
      "linearGradient", [("id", gradientID), ("x1", "0"), ("y1", "1"), ("x2", "0"), ("y2", "0")])
    let anchors = colorScale.anchors
    for (index, color) in anchors.enumerated() {
      svg.element(
        "stop",
        [
          ("offset", svgNumber(Double(index) / Double(anchors.count - 1), decimals: 4)),
          ("stop-color", color.hex),
        ])
    }
    svg.close("linearGradient")
    svg.close("defs")

    // Cells, then their values.
    svg.open("g", [("class", "cells"), ("stroke", "#ffffff"), ("stroke-width", "1")])
    for (row, rowValues) in values.enumerated() {
      for (column, value) in rowValues.enumerated() {
        let fill =
          value.isFinite
          ? color(of: value, in: range).hex
          : "#e6e6e6"
        svg.element(
          "rect",
          [
            ("x", svgNumber(x0 + Double(column) * cell)), ("y", svgNumber(y0 + Double(row) * cell)),
            ("width", svgNumber(cell)), ("height", svgNumber(cell)), ("fill", fill),
          ])
      }
    }
    svg.close("g")
    drawCellValues(x0: x0, y0: y0, cell: cell, range: range, into: &svg)

    // Class names on both axes.
    svg.open(
      "g",
      [
        ("class", "row-labels"), ("font-size", svgNumber(Self.labelFontSize)),
        ("text-anchor", "end"), ("fill", "#222222"),
      ])
    for (row, name) in names.enumerated() {
      svg.text(name, x: x0 - 6, y: y0 + (Double(row) + 0.5) * cell + 4)
    }
    svg.close("g")
    svg.open(
      "g",
      [
        ("class", "column-labels"), ("font-size", svgNumber(Self.labelFontSize)),
        ("text-anchor", rotated ? "end" : "middle"), ("fill", "#222222"),
      ])
    for (column, name) in names.enumerated() {
      let x = x0 + (Double(column) + 0.5) * cell
      if rotated {
        let y = y0 + side + 10
        svg.text(
          name, x: x + 3, y: y,
          [("transform", "rotate(-45 \(svgNumber(x + 3)) \(svgNumber(y)))")])
      } else {
        svg.text(name, x: x, y: y0 + side + 16)
      }
    }
    svg.close("g")
    let columnLabelsHeight = rotated ? widestName * 0.71 + 16 : 20
    if !xLabel.isEmpty {
      svg.text(
        TextMetrics.truncated(xLabel, toWidth: max(side, 120), fontSize: 12),
        x: x0 + side / 2, y: y0 + side + columnLabelsHeight + 16,
        [("class", "x-label"), ("text-anchor", "middle"), ("fill", "#222222")])
    }
    if !yLabel.isEmpty {
      let x = x0 - widestName - 8 - 12
      svg.text(
        TextMetrics.truncated(yLabel, toWidth: max(side, 120), fontSize: 12),
        x: x, y: y0 + side / 2,
        [
          ("class", "y-label"), ("text-anchor", "middle"), ("fill", "#222222"),
          ("transform", "rotate(-90 \(svgNumber(x)) \(svgNumber(y0 + side / 2)))"),
        ])
    }
    drawColorBar(
      x: x0 + side + 18, y: y0, length: side, gradientID: gradientID, into: &svg)
    drawTitle(title, width: width, into: &svg)
    drawNote(note, width: width, height: height, into: &svg)
  }

  /// Writes each finite value centred in its cell, in the text colour that contrasts most
  /// with the cell; values are left out when the cells are too small to hold them.
  private func drawCellValues(
    x0: Double, y0: Double, cell: Double, range: ClosedRange<Double>, into svg: inout SVGBuilder
  ) {
    let texts = values.map { $0.map { $0.isFinite ? cellText($0) : "" } }
    let widest = texts.joined().map { TextMetrics.width($0, fontSize: 1) }.max() ?? 0
    let fontSize = min(13, cell * 0.34, widest > 0 ? (cell - 6) / widest : 13)
    guard fontSize >= 7 else { return }
    svg.open(
      "g",
      [
        ("class", "cell-values"), ("font-size", svgNumber(fontSize, decimals: 1)),
        ("text-anchor", "middle"),
      ])
    for (row, rowValues) in values.enumerated() {
      for (column, value) in rowValues.enumerated() where value.isFinite {
        let color = color(of: value, in: range)
        // The text colour with the higher WCAG contrast: dark from luminance 0.2 up.
        var attributes: SVGBuilder.Attributes = [
          ("fill", color.luminance > 0.2 ? "#1a1a1a" : "#ffffff")
        ]
        if row == column { attributes.append(("font-weight", "bold")) }
        svg.text(
          texts[row][column], x: x0 + (Double(column) + 0.5) * cell,
          y: y0 + (Double(row) + 0.5) * cell + fontSize * 0.36, attributes)
      }
    }
    svg.close("g")
  }

  /// Writes the colour bar: the gradient, its ticks and labels, and its title.
  private func drawColorBar(
    x: Double, y: Double, length: Double, gradientID: String, into svg: inout SVGBuilder
  ) {
    let axis = barAxis(length: length)
    svg.open("g", [("class", "color-bar")])
    svg.element(
      "rect",
      [
        ("x", svgNumber(x)), ("y", svgNumber(y)), ("width", svgNumber(Self.barWidth)),
        ("height", svgNumber(length)), ("fill", "url(#\(gradientID))"), ("stroke", "#999999"),
      ])
    var widest = 0.0
    for tick in axis.major {
      let ty = y + length - axis.fraction(tick.value) * length
      svg.element(
        "line",
        [
          ("x1", svgNumber(x + Self.barWidth)), ("y1", svgNumber(ty)),
          ("x2", svgNumber(x + Self.barWidth + 4)), ("y2", svgNumber(ty)), ("stroke", "#666666"),
        ])
      svg.text(
        tick.label, x: x + Self.barWidth + 7, y: ty + 3.5,
        [("font-size", svgNumber(Self.barFontSize)), ("fill", "#444444")])
      widest = max(widest, TextMetrics.width(tick.label, fontSize: Self.barFontSize))
    }
    if !colorBarLabel.isEmpty {
      let lx = x + Self.barWidth + 7 + widest + 14
      svg.text(
        TextMetrics.truncated(colorBarLabel, toWidth: length, fontSize: 11),
        x: lx, y: y + length / 2,
        [
          ("text-anchor", "middle"), ("font-size", "11"), ("fill", "#222222"),
          ("transform", "rotate(-90 \(svgNumber(lx)) \(svgNumber(y + length / 2)))"),
        ])
    }
    svg.close("g")
  }
}
