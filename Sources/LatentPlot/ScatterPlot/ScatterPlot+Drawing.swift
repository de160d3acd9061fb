extension ScatterPlot: FigureDrawing {
  var documentTitle: String { title }

  /// The extents of the finite points and centroids, for automatic and shared ranges.
  var dataExtent: (x: ClosedRange<Double>?, y: ClosedRange<Double>?) {
    let all = points + centroids
    let finite = all.filter { $0.x.isFinite && $0.y.isFinite }
    return (finiteExtent(finite.lazy.map(\.x)), finiteExtent(finite.lazy.map(\.y)))
  }

  /// The marker shape of a group: circles for the first round of palette colours, then
  /// squares, triangles, …
  private func shape(of group: Int) -> MarkerShape {
    let shapes = MarkerShape.allCases
    return shapes[(group / palette.colors.count) % shapes.count]
  }

  func draw(into svg: inout SVGBuilder, idPrefix: String) {
    let isFinite = { (point: SIMD2<Double>) in point.x.isFinite && point.y.isFinite }
    let extent = sharedExtent ?? dataExtent
    var legend = Legend(title: legendTitle)
    legend.entries = groupNames.indices.map { group in
      .init(symbol: .marker(shape(of: group), palette.color(at: group)), label: groupNames[group])
    }
    let hasCentroids = centroids.contains(where: isFinite)
    if hasCentroids {
      legend.extras.append(.init(symbol: .centroid, label: "centroid"))
    }
    let drawnHighlights = highlighted.indices.filter { highlighted[$0] && isFinite(points[$0]) }
    if !drawnHighlights.isEmpty {
      legend.extras.append(.init(symbol: .ring, label: highlightLabel))
    }
    let makeLayout = { (note: String) in
      CartesianLayout(
        width: width, height: height, title: title, xLabel: xLabel, yLabel: yLabel,
        legend: legend, note: note,
        x: AxisRequest(extent: extent.x, explicit: xRange, padding: 0.05),
        y: AxisRequest(extent: extent.y, explicit: yRange, padding: 0.05))
    }

    // Lay out once to learn the ranges, then count what falls outside them for the note
    // (only fixed ranges can leave points out, and the note does not change those).
    let withoutNote = makeLayout("")
    var notes: [String] = []
    let nonFinite = points.count { !isFinite($0) }
    if nonFinite > 0 {
      notes.append("\(counted(nonFinite, "point")) with NaN or infinite coordinates not shown")
    }
    let outside = points.count { isFinite($0) && !withoutNote.contains(x: $0.x, y: $0.y) }
    if outside > 0 {
      notes.append("\(counted(outside, "point")) outside the axis ranges not shown")
    }
    let skippedCentroids = centroids.count { !isFinite($0) }
    if skippedCentroids > 0 {
      notes.append(
        "\(counted(skippedCentroids, "centroid")) with NaN or infinite coordinates not shown")
    }
    let layout = notes.isEmpty ? withoutNote : makeLayout(notes.joined(separator: "; "))

    layout.drawBackground(into: &svg)
    let clipID = idPrefix + "plot-area"
    layout.clipPath(id: clipID, into: &svg)
    svg.open("g", [("class", "data"), ("clip-path", "url(#\(clipID))")])
    drawPoints(layout, into: &svg)
    drawHighlights(drawnHighlights, layout, into: &svg)
    drawCentroids(layout, into: &svg)
    svg.close("g")
    layout.drawDecorations(into: &svg)
  }

  /// Writes the points in their given order, so that no group is systematically drawn over
  /// another. A run of consecutive points of one group shares a `<g>` that sets the colour;
  /// a lone point carries its colour itself (shuffled data would otherwise pay for a `<g>`
  /// per point).
  private func drawPoints(_ layout: CartesianLayout, into svg: inout SVGBuilder) {
    svg.open("g", [("class", "points"), ("fill-opacity", "0.75")])
    var run: [(x: Double, y: Double)] = []
    var runGroup = 0
    func flush(_ svg: inout SVGBuilder) {
      let fill = palette.color(at: runGroup).hex
      if run.count == 1 {
        MarkerShape.draw(
          shape(of: runGroup), x: run[0].x, y: run[0].y, radius: pointRadius, into: &svg,
          [("fill", fill)])
      } else if run.count > 1 {
        svg.open("g", [("fill", fill)])
        for position in run {
          MarkerShape.draw(
            shape(of: runGroup), x: position.x, y: position.y, radius: pointRadius, into: &svg)
        }
        svg.close("g")
      }
      run.removeAll(keepingCapacity: true)
    }
    for (point, group) in zip(points, groups) {
      guard point.x.isFinite, point.y.isFinite, layout.contains(x: point.x, y: point.y),
        let position = layout.position(x: point.x, y: point.y)
      else { continue }
      if group != runGroup {
        flush(&svg)
        runGroup = group
      }
      run.append(position)
    }
    flush(&svg)
    svg.close("g")
  }

  private func drawHighlights(
    _ indices: [Int], _ layout: CartesianLayout, into svg: inout SVGBuilder
  ) {
    guard !indices.isEmpty else { return }
    // Thousands of rings at full weight would hide the points they mark.
    let isCrowded = indices.count > 1000
    let ringRadius = pointRadius + (isCrowded ? 1.4 : 2.5)
    svg.open(
      "g",
      [
        ("class", "highlights"), ("fill", "none"), ("stroke", "#1a1a1a"),
        ("stroke-width", isCrowded ? "0.6" : "1.1"), ("stroke-opacity", isCrowded ? "0.7" : "1"),
      ])
    for index in indices {
      let point = points[index]
      guard layout.contains(x: point.x, y: point.y),
        let position = layout.position(x: point.x, y: point.y)
      else { continue }
      MarkerShape.draw(.circle, x: position.x, y: position.y, radius: ringRadius, into: &svg)
    }
    svg.close("g")
  }

  /// Writes each centroid as a cross with its group's name beside it, moving a name to the
  /// left, above or below when the right side would cover a name already placed.
  private func drawCentroids(_ layout: CartesianLayout, into svg: inout SVGBuilder) {
    let size = max(pointRadius * 4.5, 13)
    let fontSize = 12.0
    var placed: [Rect] = []
    var markers: [(position: (x: Double, y: Double), group: Int)] = []
    for (group, centroid) in centroids.enumerated() {
      guard centroid.x.isFinite, centroid.y.isFinite,
        layout.contains(x: centroid.x, y: centroid.y),
        let position = layout.position(x: centroid.x, y: centroid.y)
      else { continue }
      markers.append((position, group))
      placed.append(
        Rect(x: position.x - size / 2, y: position.y - size / 2, width: size, height: size))
    }
    guard !markers.isEmpty else { return }
    svg.open("g", [("class", "centroids")])
    for marker in markers {
      MarkerShape.drawCentroid(
        x: marker.position.x, y: marker.position.y, size: size,
        color: palette.color(at: marker.group), into: &svg)
    }
    svg.close("g")
    svg.open(
      "g",
      [
        ("class", "centroid-labels"), ("font-size", svgNumber(fontSize)), ("font-weight", "bold"),
        ("fill", "#1a1a1a"),
      ])
    for marker in markers {
      let name = TextMetrics.truncated(groupNames[marker.group], toWidth: 160, fontSize: fontSize)
      let textWidth = TextMetrics.width(name, fontSize: fontSize)
      let (x, y) = marker.position
      let gap = size / 2 + 4
      // (text x, baseline y, anchor, box) for right, left, above, below.
      let candidates: [(Double, Double, String, Rect)] = [
        (x + gap, y + 4, "start", Rect(x: x + gap, y: y - 9, width: textWidth, height: 13)),
        (
          x - gap, y + 4, "end",
          Rect(x: x - gap - textWidth, y: y - 9, width: textWidth, height: 13)
        ),
        (
          x, y - gap - 2, "middle",
          Rect(x: x - textWidth / 2, y: y - gap - 13, width: textWidth, height: 13)
        ),
        (
          x, y + gap + 11, "middle",
          Rect(x: x - textWidth / 2, y: y + gap, width: textWidth, height: 13)
        ),
      ]
      let inside = { (box: Rect) in
        box.x >= layout.frame.x && box.maxX <= layout.frame.maxX && box.y >= layout.frame.y
          && box.maxY <= layout.frame.maxY
      }
      let free = { (box: Rect) in !placed.contains { $0.overlaps(box) } }
      let choice =
        candidates.first { inside($0.3) && free($0.3) } ?? candidates.first { inside($0.3) }
        ?? candidates[0]
      placed.append(choice.3)
      svg.haloText(name, x: choice.0, y: choice.1, [("text-anchor", choice.2)])
    }
    svg.close("g")
  }
}

extension Rect {
  /// Whether the two rectangles share any area.
  func overlaps(_ other: Rect) -> Bool {
    x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
  }
}
