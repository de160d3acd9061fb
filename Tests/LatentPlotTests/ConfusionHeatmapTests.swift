import Foundation
import Testing

@testable import LatentPlot

@Suite("ConfusionHeatmap")
struct ConfusionHeatmapTests {
  @Test("c² cells, class names on both axes, a value in every cell, a colour bar")
  func structure() throws {
    let counts = Samples.confusionCounts()
    let root = try checkedDocument(try Samples.heatmap().svg())
    #expect(root.one(class: "cells")?.all("rect").count == 100)
    #expect(root.one(class: "row-labels")?.texts == Samples.fashionClasses)
    #expect(root.one(class: "column-labels")?.texts == Samples.fashionClasses)
    #expect(root.one(class: "cell-values")?.texts == counts.joined().map(String.init))
    #expect(root.one(class: "x-label")?.text == "predicted class")
    #expect(root.one(class: "y-label")?.text == "true class")
    let bar = try #require(root.one(class: "color-bar"))
    #expect(bar.all("rect").first?.attributes["fill"]?.hasPrefix("url(#") == true)
    let barTicks = bar.texts.dropLast()  // the last text is the bar's title
    #expect(bar.texts.last == "count")
    #expect(barTicks.allSatisfy { Int($0) != nil }, "\(barTicks)")
    #expect(root.all("linearGradient").count == 1)
  }

  @Test("dark text on light cells, light text on dark cells")
  func readableText() throws {
    let heatmap = try ConfusionHeatmap(counts: [[100, 0], [50, 100]], classNames: ["a", "b"])
    let root = try checkedDocument(heatmap.svg())
    let fills = try #require(root.one(class: "cell-values")).all("text").map {
      $0.attributes["fill"]
    }
    #expect(fills == ["#ffffff", "#1a1a1a", "#1a1a1a", "#ffffff"])
    let cells = try #require(root.one(class: "cells")).all("rect").map { $0.attributes["fill"] }
    #expect(cells[1] == "#f7fbff" && cells[0] == "#08306b")
  }

  @Test("long class names turn 45°, short ones stay level")
  func rotatedLabels() throws {
    let short = try ConfusionHeatmap(counts: [[1, 2], [3, 4]], classNames: ["a", "b"])
    let shortRoot = try checkedDocument(short.svg())
    #expect(
      shortRoot.one(class: "column-labels")?.all("text").allSatisfy {
        $0.attributes["transform"] == nil
      } == true)
    let long = try ConfusionHeatmap(
      counts: Array(repeating: Array(repeating: 1, count: 10), count: 10),
      classNames: (0..<10).map { "a rather long class name \($0)" })
    let longRoot = try checkedDocument(long.svg())
    #expect(
      longRoot.one(class: "column-labels")?.all("text").allSatisfy {
        $0.attributes["transform"]?.hasPrefix("rotate(-45") == true
      } == true)
  }

  @Test("normalised values with fixed decimals and a fixed scale")
  func normalisedValues() throws {
    let heatmap = try ConfusionHeatmap(
      values: [[0.9, 0.1], [0.25, 0.75]], classNames: ["x", "y"], decimals: 1, valueRange: 0...1,
      colorScale: .viridis)
    let root = try checkedDocument(heatmap.svg())
    #expect(
      root.one(class: "cell-values")?.texts == ["0.9", "0.1", "0.3", "0.8"]
        || root.one(class: "cell-values")?.texts == ["0.9", "0.1", "0.2", "0.8"])
    let barTicks = try #require(root.one(class: "color-bar")).texts.compactMap(tickValue)
    #expect(barTicks.first == 0 && barTicks.last == 1)
  }

  @Test("escaped class names, NaN cells in grey with a note")
  func escapingAndNaN() throws {
    let names = ["<b>&", "T-shirt/top", "\"x\""]
    let heatmap = try ConfusionHeatmap(
      values: [[1, .nan, 0], [0, 1, 0], [0, .infinity, 1]], classNames: names)
    let root = try checkedDocument(heatmap.svg())
    #expect(root.one(class: "row-labels")?.texts == names)
    #expect(
      root.one(class: "cells")?.all("rect").filter { $0.attributes["fill"] == "#e6e6e6" }.count == 2
    )
    #expect(root.one(class: "cell-values")?.all("text").count == 7)
    #expect(root.one(class: "note")?.text == "2 cells with NaN or infinite values shown in grey")
  }

  @Test("many classes: cells too small for text leave it out")
  func manyClasses() throws {
    let count = 60
    let counts = (0..<count).map { row in (0..<count).map { $0 == row ? 1000 : 1 } }
    let root = try checkedDocument(
      try ConfusionHeatmap(counts: counts, classNames: (0..<count).map { "c\($0)" }).svg())
    #expect(root.one(class: "cells")?.all("rect").count == count * count)
    #expect(root.all(class: "cell-values").isEmpty)
  }

  @Test("unusable input throws a PlotError that says what to do")
  func errors() {
    expectPlotError(.emptyData(figure: "ConfusionHeatmap", what: "class")) {
      try ConfusionHeatmap(counts: [], classNames: [])
    }
    expectPlotError(.nonSquareMatrix(figure: "ConfusionHeatmap", rows: 2, row: 1, columns: 3)) {
      try ConfusionHeatmap(counts: [[1, 2], [3, 4, 5]], classNames: ["a", "b"])
    }
    expectPlotError(.nonSquareMatrix(figure: "ConfusionHeatmap", rows: 1, row: 0, columns: 2)) {
      try ConfusionHeatmap(values: [[0.5, 0.5]], classNames: ["a"])
    }
    expectPlotError(
      .countMismatch(
        figure: "ConfusionHeatmap", what: "class name", per: "matrix row", expected: 2, actual: 3)
    ) {
      try ConfusionHeatmap(counts: [[1, 2], [3, 4]], classNames: ["a", "b", "c"])
    }
    expectPlotError(
      .invalidOption(
        figure: "ConfusionHeatmap", name: "decimals", detail: "must be in 0...6 (got 9)")
    ) {
      try ConfusionHeatmap(values: [[1]], classNames: ["a"], decimals: 9)
    }
  }
}
