extension LineChart: FigureDrawing {
  var documentTitle: String { title }

  /// Whether an axis of `scale` can show `value`.
  private static func drawable(_ value: Double, on scale: AxisScale) -> Bool {
    value.isFinite && (scale == .linear || value > 0)
  }

  private func drawable(_ point: SIMD2<Double>) -> Bool {
    Self.drawable(point.x, on: xScale) && Self.drawable(point.y, on: yScale)
  }

  /// The extents of the points the axes can show, for automatic and shared ranges.
  var dataExtent: (x: ClosedRange<Double>?, y: ClosedRange<Double>?) {
    let shown = series.flatMap(\.points).filter(drawable)
    return (finiteExtent(shown.lazy.map(\.x)), finiteExtent(shown.lazy.map(\.y)))
  }

  func draw(into svg: inout SVGBuilder, idPrefix: String) {
    let shapes = MarkerShape.allCases
    var legend = Legend(title: legendTitle)
    legend.entries = series.indices.map { index in
      .init(
        symbol: .line(shapes[index % shapes.count], palette.color(at: index)),
        label: series[index].name)
    }
    let all = series.flatMap(\.points)
    let nonFinite = all.count { !($0.x.isFinite && $0.y.isFinite) }
    let nonPositive = all.count { $0.x.isFinite && $0.y.isFinite && !drawable($0) }
    var notes: [String] = []
    if nonPositive > 0 {
      notes.append("\(counted(nonPositive, "point")) with values ≤ 0 not shown on the log axis")
    }
    if nonFinite > 0 {
      notes.append("\(counted(nonFinite, "point")) with NaN or infinite values not shown")
    }
    let extent = sharedExtent ?? dataExtent
    let layout = CartesianLayout(
      width: width, height: height, title: title, xLabel: xLabel, yLabel: yLabel,
      legend: legend, note: notes.joined(separator: "; "),
      x: AxisRequest(
        scale: xScale, extent: extent.x, explicit: xRange, style: xTickLabels, padding: 0.04),
      y: AxisRequest(
        scale: yScale, extent: extent.y, explicit: yRange, style: yTickLabels, padding: 0.04))

    layout.drawBackground(into: &svg)
    let clipID = idPrefix + "plot-area"
    layout.clipPath(id: clipID, into: &svg)
    svg.open("g", [("class", "data"), ("clip-path", "url(#\(clipID))")])
    for (index, line) in series.enumerated() {
      let color = palette.color(at: index).hex
      svg.open("g", [("class", "series series-\(index)")])
      // Consecutive drawable points form one polyline; a skipped point breaks the line.
      var runs: [[(x: Double, y: Double)]] = [[]]
      for point in line.points {
        if drawable(point), let position = layout.position(x: point.x, y: point.y) {
          runs[runs.count - 1].append(position)
        } else if !runs[runs.count - 1].isEmpty {
          runs.append([])
        }
      }
      for run in runs where run.count >= 2 {
        let coordinates = run.map {
          "\(svgNumber($0.x, decimals: 1)),\(svgNumber($0.y, decimals: 1))"
        }
        svg.element(
          "polyline",
          [
            ("points", coordinates.joined(separator: " ")), ("fill", "none"), ("stroke", color),
            ("stroke-width", "2"), ("stroke-linejoin", "round"),
          ])
      }
      svg.open(
        "g", [("class", "markers"), ("fill", color), ("stroke", "#ffffff"), ("stroke-width", "1")])
      for position in runs.joined() {
        MarkerShape.draw(
          shapes[index % shapes.count], x: position.x, y: position.y, radius: 4, into: &svg)
      }
      svg.close("g")
      svg.close("g")
    }
    svg.close("g")
    layout.drawDecorations(into: &svg)
  }
}
