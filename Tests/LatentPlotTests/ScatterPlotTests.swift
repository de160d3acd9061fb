import Foundation
import Testing

@testable import LatentPlot

@Suite("ScatterPlot")
struct ScatterPlotTests {
  /// The drawn point markers (every shape), in the "points" group.
  func markers(_ root: SVGNode) -> [SVGNode] {
    root.one(class: "points")?.descendantsAndSelf.filter {
      ["circle", "rect", "path"].contains($0.name)
    } ?? []
  }

  @Test(
    "one marker per point, legend row per group, cross and label per centroid, ring per highlight")
  func structure() throws {
    let plot = try Samples.scatter(perClass: 20)
    let root = try checkedDocument(plot.svg())
    #expect(markers(root).count == 200)
    #expect(markers(root).allSatisfy { $0.name == "circle" })
    let legendRows = root.all(class: "legend-entry")
    #expect(legendRows.count == 10 + 2)
    #expect(
      legendRows.map { $0.texts.first ?? "" } == Samples.fashionClasses + [
        "centroid", "misassigned",
      ])
    #expect(root.one(class: "legend")?.texts.first == "assigned class")
    #expect(root.one(class: "centroids")?.all("path").count == 2 * 10)
    // Each label is written twice (white halo, then text).
    #expect(root.one(class: "centroid-labels")?.texts.count == 2 * 10)
    let misassigned = plot.highlighted.count { $0 }
    #expect(misassigned > 0)
    #expect(root.one(class: "highlights")?.all("circle").count == misassigned)
    #expect(root.one(class: "title")?.text == plot.title)
    #expect(root.one(class: "x-label")?.text == "LD1")
    #expect(root.one(class: "y-label")?.text == "LD2")
    #expect(root.all(class: "note").isEmpty)
  }

  @Test("points take their group's palette colour")
  func colours() throws {
    let plot = try ScatterPlot(
      points: [SIMD2(0, 0), SIMD2(1, 1), SIMD2(2, 0), SIMD2(3, 1)], groups: [0, 1, 1, 2],
      groupNames: ["a", "b", "c"], palette: .okabeIto)
    let root = try checkedDocument(plot.svg())
    let fills = markers(root).map { $0.inheritedFill }
    let expected = [0, 1, 1, 2].map { Palette.okabeIto.color(at: $0).hex }
    #expect(fills == expected)
  }

  @Test("ticks are nice numbers covering the data")
  func ticksCoverData() throws {
    let plot = try Samples.scatter(perClass: 20)
    let root = try checkedDocument(plot.svg())
    let xs = plot.points.map(\.x)
    let ys = plot.points.map(\.y)
    for (axis, values) in [("x", xs), ("y", ys)] {
      let ticks = tickLabels(root, axis).compactMap(tickValue)
      #expect(ticks.count >= 3)
      #expect(ticks.first! <= values.min()! && ticks.last! >= values.max()!)
      let step = ticks[1] - ticks[0]
      #expect([1.0, 2, 5].contains(step / pow(10, floor(log10(step)))))
    }
  }

  @Test("tricky group names are escaped and survive parsing")
  func escaping() throws {
    let names = ["T-shirt/top", "<b>&</b>", "\"quoted\" & 'single'", "a < b > c"]
    let plot = try ScatterPlot(
      points: (0..<4).map { SIMD2(Double($0), Double($0 * $0)) }, groups: [0, 1, 2, 3],
      groupNames: names, centroids: (0..<4).map { SIMD2(Double($0), 1) },
      title: "<title> & \"more\"", xLabel: "x & y", yLabel: "<y>")
    let svg = plot.svg()
    let root = try checkedDocument(svg)
    #expect(root.all(class: "legend-entry").map { $0.texts.first ?? "" } == names + ["centroid"])
    #expect(root.one(class: "title")?.text == "<title> & \"more\"")
    #expect(root.all("title").first?.text == "<title> & \"more\"")
    #expect(root.one(class: "x-label")?.text == "x & y")
    #expect(svg.contains("&lt;b&gt;&amp;&lt;/b&gt;"))
  }

  @Test("NaN and infinite points are skipped and counted in a note")
  func nonFinitePoints() throws {
    let points: [SIMD2<Double>] = [
      SIMD2(0, 0), SIMD2(.nan, 1), SIMD2(1, .infinity), SIMD2(2, 2), SIMD2(-.infinity, .nan),
    ]
    let plot = try ScatterPlot(
      points: points, groups: [0, 0, 1, 1, 0], groupNames: ["a", "b"],
      centroids: [SIMD2(0, 0), SIMD2(.nan, 0)], highlighted: [true, true, true, false, false])
    let root = try checkedDocument(plot.svg())
    #expect(markers(root).count == 2)
    #expect(root.one(class: "highlights")?.all("circle").count == 1)
    #expect(root.one(class: "centroids")?.all("path").count == 2)
    let note = try #require(root.one(class: "note")?.text)
    #expect(note.contains("3 points with NaN or infinite coordinates not shown"))
    #expect(note.contains("1 centroid with NaN"))
  }

  @Test("only non-finite points: an empty plot with a note, not a crash")
  func onlyNonFinitePoints() throws {
    let plot = try ScatterPlot(points: [SIMD2(.nan, .nan)], groups: [0], groupNames: ["a"])
    let root = try checkedDocument(plot.svg())
    #expect(markers(root).isEmpty)
    #expect(root.one(class: "note")?.text.hasPrefix("1 point with NaN") == true)
  }

  @Test(
    "one point, identical points, tiny and huge magnitudes",
    arguments: [
      [SIMD2(3.0, -2.0)], Array(repeating: SIMD2(5.0, 5.0), count: 7), [SIMD2(0.0, 0.0)],
      [SIMD2(1e-12, 3e-12), SIMD2(2e-12, -1e-12)], [SIMD2(1e12, 3e12), SIMD2(2.5e12, -4e12)],
      [SIMD2(1e-300, 1e300), SIMD2(-1e300, 1e-300)], [SIMD2(1e308, -1e308), SIMD2(-1e308, 1e308)],
    ])
  func degenerateData(points: [SIMD2<Double>]) throws {
    let plot = try ScatterPlot(
      points: points, groups: points.map { _ in 0 }, groupNames: ["only"])
    let root = try checkedDocument(plot.svg())
    let inRange = abs(points[0].x) < 1e300 && abs(points[0].y) < 1e300
    if inRange {
      #expect(markers(root).count == points.count)
    }
    for axis in ["x", "y"] {
      let labels = tickLabels(root, axis)
      #expect(labels.count >= 2, "\(axis): \(labels)")
      #expect(Set(labels).count == labels.count, "\(axis) labels repeat: \(labels)")
      #expect(labels.allSatisfy { TextMetrics.width($0, fontSize: 11) < 90 }, "\(labels)")
    }
  }

  @Test("fixed ranges: points outside are not drawn but counted")
  func fixedRanges() throws {
    let plot = try ScatterPlot(
      points: [SIMD2(0, 0), SIMD2(5, 5), SIMD2(50, 5)], groups: [0, 0, 0], groupNames: ["a"],
      xRange: -1...10, yRange: -1...10)
    let root = try checkedDocument(plot.svg())
    #expect(markers(root).count == 2)
    #expect(root.one(class: "note")?.text == "1 point outside the axis ranges not shown")
    let ticks = tickLabels(root, "x").compactMap(tickValue)
    #expect(ticks.first! >= -1 && ticks.last! <= 10)
  }

  @Test("beyond the palette, groups change marker shape")
  func manyGroups() throws {
    let count = 25
    let plot = try ScatterPlot(
      points: (0..<count).map { SIMD2(Double($0), Double($0 % 7)) }, groups: Array(0..<count),
      groupNames: (0..<count).map { "class \($0)" })
    let root = try checkedDocument(plot.svg())
    let shapes = markers(root).map(\.name)
    #expect(shapes.prefix(10).allSatisfy { $0 == "circle" })
    #expect(shapes[10..<20].allSatisfy { $0 == "rect" })
    #expect(shapes[20..<25].allSatisfy { $0 == "path" })
  }

  @Test("a legend too long for the figure ends with '+ N more'")
  func legendOverflow() throws {
    let count = 60
    let plot = try ScatterPlot(
      points: (0..<count).map { SIMD2(Double($0), 0) }, groups: Array(0..<count),
      groupNames: (0..<count).map { "class \($0)" }, height: 300)
    let root = try checkedDocument(plot.svg())
    let shown = root.all(class: "legend-entry").count
    let more = try #require(root.one(class: "legend-more")?.text)
    #expect(more == "+ \(count - shown) more")
    #expect(Double(shown + 1) * Legend.rowHeight <= 300)
  }

  @Test("the same input gives byte-identical output")
  func deterministic() throws {
    let first = try Samples.scatter(perClass: 30).svg()
    let second = try Samples.scatter(perClass: 30).svg()
    #expect(first == second)
    #expect(try Samples.scatter(perClass: 30).svg() == first)
  }

  @Test("unusable input throws a PlotError that says what to do")
  func errors() throws {
    let points = [SIMD2(0.0, 0), SIMD2(1.0, 1)]
    expectPlotError(.emptyData(figure: "ScatterPlot", what: "point")) {
      try ScatterPlot(points: [], groups: [], groupNames: ["a"])
    }
    expectPlotError(
      .countMismatch(figure: "ScatterPlot", what: "group", per: "point", expected: 2, actual: 1)
    ) {
      try ScatterPlot(points: points, groups: [0], groupNames: ["a"])
    }
    expectPlotError(.groupOutOfRange(figure: "ScatterPlot", point: 1, group: 3, groupCount: 2)) {
      try ScatterPlot(points: points, groups: [0, 3], groupNames: ["a", "b"])
    }
    expectPlotError(.groupOutOfRange(figure: "ScatterPlot", point: 0, group: -1, groupCount: 2)) {
      try ScatterPlot(points: points, groups: [-1, 0], groupNames: ["a", "b"])
    }
    expectPlotError(
      .countMismatch(
        figure: "ScatterPlot", what: "centroid", per: "group name", expected: 2, actual: 1)
    ) {
      try ScatterPlot(
        points: points, groups: [0, 1], groupNames: ["a", "b"], centroids: [SIMD2(0, 0)])
    }
    expectPlotError(
      .countMismatch(
        figure: "ScatterPlot", what: "highlight flag", per: "point", expected: 2, actual: 3)
    ) {
      try ScatterPlot(
        points: points, groups: [0, 1], groupNames: ["a", "b"], highlighted: [true, false, true])
    }
    #expect(throws: PlotError.self) {
      try ScatterPlot(points: points, groups: [0, 0], groupNames: ["a"], xRange: 2...2)
    }
    #expect(throws: PlotError.self) {
      try ScatterPlot(
        points: points, groups: [0, 0], groupNames: ["a"], yRange: 0...Double.infinity)
    }
    #expect(throws: PlotError.self) {
      try ScatterPlot(points: points, groups: [0, 0], groupNames: ["a"], width: 50)
    }
    #expect(throws: PlotError.self) {
      try ScatterPlot(points: points, groups: [0, 0], groupNames: ["a"], pointRadius: .nan)
    }
  }
}
