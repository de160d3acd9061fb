import Foundation
import Testing

@testable import LatentPlot

@Suite("FigureGrid and writing files")
struct FigureGridTests {
  @Test("panels side by side, each with its title, sharing axes when asked")
  func sideBySide() throws {
    let grid = try Samples.sideBySide()
    let root = try checkedDocument(grid.svg())
    let panels = root.all(class: "panel")
    #expect(panels.count == 2)
    #expect(grid.width == 720 * 2 + FigureGrid.gap && grid.height == 540 + 40)
    #expect(panels.map { $0.number("x") } == [0, 720 + FigureGrid.gap])
    #expect(
      panels.map { $0.one(class: "title")?.text } == [
        "LDA fitted on 16 images per class", "LDA fitted on 128 images per class",
      ])
    #expect(root.children.first { $0.classes.contains("title") }?.text == grid.title)
    // Shared axes: both panels show the same ticks although their data differ.
    #expect(tickLabels(panels[0], "x") == tickLabels(panels[1], "x"))
    #expect(tickLabels(panels[0], "y") == tickLabels(panels[1], "y"))
    let unshared = try FigureGrid(
      grid.panels.map { ($0 as! ScatterPlot) }.map { plot in
        var plot = plot
        plot.sharedExtent = nil
        return plot
      })
    let unsharedPanels = try checkedDocument(unshared.svg()).all(class: "panel")
    #expect(tickLabels(unsharedPanels[0], "y") != tickLabels(unsharedPanels[1], "y"))
  }

  @Test("ids stay unique when panels of the same kind are combined")
  func uniqueIDs() throws {
    let grid = try FigureGrid(
      [
        Samples.heatmap(), Samples.normalizedHeatmap(), Samples.scaling(),
        Samples.scatter(perClass: 3),
      ],
      columns: 2)
    let root = try checkedDocument(grid.svg())
    let ids = root.descendantsAndSelf.compactMap { $0.attributes["id"] }
    #expect(ids.count == 4)
    #expect(Set(ids).count == ids.count)
    for node in root.descendantsAndSelf {
      for value in node.attributes.values where value.hasPrefix("url(#") {
        #expect(ids.contains(String(value.dropFirst(5).dropLast())))
      }
    }
    #expect(grid.width == 720 * 2 + FigureGrid.gap)
    #expect(grid.height == 620 + 540 + FigureGrid.gap)
  }

  /// A figure from outside the module.
  struct Badge: Figure {
    var width: Double { 200 }
    var height: Double { 150 }
    func svg() -> String {
      "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"150\"><circle cx=\"5\" cy=\"5\" r=\"5\"/></svg>"
    }
  }

  @Test("a figure from elsewhere is embedded as it is")
  func foreignFigure() throws {
    let grid = try FigureGrid([Badge(), Samples.scaling()])
    let root = try checkedDocument(grid.svg())
    #expect(root.all(class: "panel").first?.all("circle").count == 1)
  }

  @Test("unusable grids throw")
  func errors() {
    expectPlotError(.emptyData(figure: "FigureGrid", what: "panel")) { try FigureGrid([]) }
    expectPlotError(
      .invalidOption(figure: "FigureGrid", name: "columns", detail: "must be at least 1 (got 0)")
    ) {
      try FigureGrid([Badge()], columns: 0)
    }
  }

  @Test("write(to:) writes the SVG, and says why when it cannot")
  func writing() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "latent-plot-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let plot = try Samples.scatter(perClass: 2)
    let file = directory.appendingPathComponent("scatter.svg")
    try plot.write(to: file)
    #expect(try String(contentsOf: file, encoding: .utf8) == plot.svg())

    let missing = directory.appendingPathComponent("no/such/dir/x.svg")
    expectPlotError(
      .writeFailed(
        path: missing.path,
        reason: "the directory \(missing.deletingLastPathComponent().path) does not exist")
    ) {
      try plot.write(to: missing)
    }
    expectPlotError(.writeFailed(path: directory.path, reason: "it is a directory")) {
      try plot.write(to: directory)
    }
  }
}
