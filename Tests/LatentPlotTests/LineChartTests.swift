import Foundation
import Testing

@testable import LatentPlot

@Suite("LineChart")
struct LineChartTests {
  @Test("one polyline and one marker per point for each series, a legend row per series")
  func structure() throws {
    let chart = try Samples.scaling()
    let root = try checkedDocument(chart.svg())
    let series = root.all(class: "series")
    #expect(series.count == 3)
    for (index, node) in series.enumerated() {
      #expect(node.all("polyline").count == 1)
      let markers = try #require(node.one(class: "markers"))
      #expect(markers.children.count == chart.series[index].points.count)
      #expect(markers.attributes["fill"] == Palette.tableau10.color(at: index).hex)
    }
    #expect(
      root.all(class: "legend-entry").map { $0.texts.first ?? "" } == chart.series.map(\.name))
  }

  @Test("log axes put labelled ticks at decades, in the style asked for")
  func decadeTicks() throws {
    let root = try checkedDocument(try Samples.scaling().svg())
    #expect(tickLabels(root, "x") == ["100", "1k", "10k", "100k"])
    #expect(tickLabels(root, "y") == ["1 ms", "10 ms", "100 ms", "1 s", "10 s", "100 s"])
    let automatic = try LineChart(
      series: [.init(name: "a", points: [SIMD2(1e-9, 3e-3), SIMD2(1e-3, 2e9)])])
    let labels = tickLabels(try checkedDocument(automatic.svg()), "y")
    #expect(labels.first == "10⁻²" && labels.last == "10⁹", "\(labels)")
  }

  @Test("many decades: every other decade labelled, all ticks still at decades")
  func manyDecades() throws {
    let chart = try LineChart(
      series: [.init(name: "wide", points: [SIMD2(1e-12, 1), SIMD2(1e12, 10)])], width: 300)
    let root = try checkedDocument(chart.svg())
    let labels = tickLabels(root, "x")
    #expect(labels.count >= 2 && labels.count <= 8, "\(labels)")
    #expect(labels.allSatisfy { $0.hasPrefix("10") }, "\(labels)")
  }

  @Test("non-positive values are skipped on log axes, breaking the line, and counted")
  func nonPositiveSkipped() throws {
    let chart = try LineChart(
      series: [
        .init(name: "a", x: [1, 10, 100, 1000, 10_000], y: [1, 2, 0, 8, 16]),
        .init(name: "b", x: [1, -10, 100], y: [.nan, 3, 5]),
      ])
    let root = try checkedDocument(chart.svg())
    let series = root.all(class: "series")
    #expect(series[0].all("polyline").count == 2)
    #expect(series[0].one(class: "markers")?.children.count == 4)
    #expect(series[1].all("polyline").isEmpty)
    #expect(series[1].one(class: "markers")?.children.count == 1)
    #expect(
      root.one(class: "note")?.text
        == "2 points with values ≤ 0 not shown on the log axis; 1 point with NaN or infinite values not shown"
    )
  }

  @Test("linear axes are an option, and keep zero and negative values")
  func linearAxes() throws {
    let chart = try LineChart(
      series: [.init(name: "a", x: [-2, 0, 2, 4], y: [0, 1, 0, -1])], xScale: .linear,
      yScale: .linear)
    let root = try checkedDocument(chart.svg())
    #expect(root.all(class: "note").isEmpty)
    #expect(root.one(class: "markers")?.children.count == 4)
    let ticks = tickLabels(root, "x").compactMap(tickValue)
    #expect(ticks.first! <= -2 && ticks.last! >= 4)
  }

  @Test("a single point gets a decade either side")
  func singlePoint() throws {
    let chart = try LineChart(series: [.init(name: "one", points: [SIMD2(100, 0.5)])])
    let root = try checkedDocument(chart.svg())
    #expect(tickLabels(root, "x") == ["10", "100", "1000"])
    #expect(root.one(class: "markers")?.children.count == 1)
    #expect(root.all("polyline").isEmpty)
  }

  @Test("unusable input throws a PlotError that says what to do")
  func errors() {
    expectPlotError(.emptyData(figure: "LineChart", what: "series with at least one point")) {
      try LineChart(series: [])
    }
    expectPlotError(.emptyData(figure: "LineChart", what: "series with at least one point")) {
      try LineChart(series: [.init(name: "empty", points: [])])
    }
    expectPlotError(
      .countMismatch(
        figure: "LineChart.Series \"a\"", what: "y value", per: "x value", expected: 2, actual: 1)
    ) {
      try LineChart.Series(name: "a", x: [1, 2], y: [1])
    }
    expectPlotError(
      .invalidOption(
        figure: "LineChart", name: "xRange",
        detail: "must be positive on a logarithmic axis (got 0.0...10.0)")
    ) {
      try LineChart(series: [.init(name: "a", points: [SIMD2(1, 1)])], xRange: 0...10)
    }
  }
}
