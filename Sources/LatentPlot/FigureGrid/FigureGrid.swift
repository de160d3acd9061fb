/// Several figures side by side (or in rows) in one SVG, each with its own title, optionally
/// with shared axis ranges so that they can be compared point for point.
///
/// With `sharesAxes`, scatter plots get the same x and y ranges (covering all of their
/// data), and so do line charts with the same axis scales; other panels are unaffected.
///
/// ```swift
/// let grid = try FigureGrid(
///   [
///     ScatterPlot(points: fittedOn16, groups: labels, groupNames: names, title: "LDA fitted on 16 per class"),
///     ScatterPlot(points: fittedOn128, groups: labels, groupNames: names, title: "LDA fitted on 128 per class"),
///   ],
///   title: "The same test images, two LDA projections", sharesAxes: true)
/// try grid.write(to: URL(fileURLWithPath: "lda-16-vs-128.svg"))
/// ```
public struct FigureGrid: Figure {
  /// The panels, row by row.
  public internal(set) var panels: [any Figure]
  /// The title above all panels; empty for none.
  public internal(set) var title: String
  /// The number of panels per row.
  public internal(set) var columns: Int
  /// Whether panels of the same kind share axis ranges.
  public internal(set) var sharesAxes: Bool

  /// The space between panels in pixels.
  static let gap = 8.0

  /// Creates a grid of figures.
  ///
  /// ```swift
  /// let grid = try FigureGrid([before, after], columns: 2)
  /// ```
  ///
  /// - Parameters:
  ///   - panels: the figures, row by row; at least one.
  ///   - title: a title above all panels (each panel keeps its own).
  ///   - columns: panels per row, at least 1; `nil` puts them all in one row.
  ///   - sharesAxes: give scatter plots, and line charts with the same scales, common ranges.
  /// - Throws: ``PlotError`` when there are no panels or `columns` is less than 1.
  /// - Complexity: O(*n*) in the total number of data points when `sharesAxes` is true,
  ///   O(*p*) in the number of panels otherwise.
  public init(
    _ panels: [any Figure], title: String = "", columns: Int? = nil, sharesAxes: Bool = false
  ) throws(PlotError) {
    guard !panels.isEmpty else {
      throw PlotError.emptyData(figure: "FigureGrid", what: "panel")
    }
    let columns = columns ?? panels.count
    guard columns >= 1 else {
      throw PlotError.invalidOption(
        figure: "FigureGrid", name: "columns", detail: "must be at least 1 (got \(columns))")
    }
    self.panels = sharesAxes ? Self.sharingAxes(panels) : panels
    self.title = title
    self.columns = columns
    self.sharesAxes = sharesAxes
  }

  /// The width of the widest panel of each column.
  private var columnWidths: [Double] {
    (0..<min(columns, panels.count)).map { column in
      stride(from: column, to: panels.count, by: columns).map { panels[$0].width }.max() ?? 0
    }
  }

  /// The height of the tallest panel of each row.
  private var rowHeights: [Double] {
    stride(from: 0, to: panels.count, by: columns).map { start in
      panels[start..<min(start + columns, panels.count)].map(\.height).max() ?? 0
    }
  }

  private var titleHeight: Double { title.isEmpty ? 0 : 40 }

  /// The width of the whole grid in CSS pixels.
  ///
  /// - Complexity: O(*p*) in the number of panels.
  public var width: Double {
    columnWidths.reduce(0, +) + Self.gap * Double(columnWidths.count - 1)
  }

  /// The height of the whole grid in CSS pixels.
  ///
  /// - Complexity: O(*p*) in the number of panels.
  public var height: Double {
    titleHeight + rowHeights.reduce(0, +) + Self.gap * Double(rowHeights.count - 1)
  }

  /// The grid as a standalone SVG 1.1 document.
  ///
  /// ```swift
  /// let text = try FigureGrid([left, right]).svg()
  /// ```
  ///
  /// - Complexity: O(*n*) in the size of the panels.
  public func svg() -> String {
    standaloneSVG()
  }

  /// `panels` with the extents of each kind of panel replaced by their union.
  private static func sharingAxes(_ panels: [any Figure]) -> [any Figure] {
    var panels = panels
    var scatterExtent: (x: ClosedRange<Double>?, y: ClosedRange<Double>?) = (nil, nil)
    var lineExtents: [[AxisScale]: (x: ClosedRange<Double>?, y: ClosedRange<Double>?)] = [:]
    for panel in panels {
      if let plot = panel as? ScatterPlot {
        let extent = plot.dataExtent
        scatterExtent.x = union(scatterExtent.x, plot.xRange ?? extent.x)
        scatterExtent.y = union(scatterExtent.y, plot.yRange ?? extent.y)
      } else if let chart = panel as? LineChart {
        let extent = chart.dataExtent
        let key = [chart.xScale, chart.yScale]
        let shared = lineExtents[key] ?? (nil, nil)
        lineExtents[key] = (
          union(shared.x, chart.xRange ?? extent.x), union(shared.y, chart.yRange ?? extent.y)
        )
      }
    }
    for index in panels.indices {
      if var plot = panels[index] as? ScatterPlot {
        plot.sharedExtent = scatterExtent
        panels[index] = plot
      } else if var chart = panels[index] as? LineChart {
        chart.sharedExtent = lineExtents[[chart.xScale, chart.yScale]]
        panels[index] = chart
      }
    }
    return panels
  }
}

extension FigureGrid: FigureDrawing {
  var documentTitle: String { title }

  func draw(into svg: inout SVGBuilder, idPrefix: String) {
    svg.background(width: width, height: height)
    drawTitle(title, width: width, into: &svg)
    let columnWidths = self.columnWidths
    let rowHeights = self.rowHeights
    for (index, panel) in panels.enumerated() {
      let row = index / columns
      let column = index % columns
      // Each panel is centred in its cell.
      let x =
        columnWidths[..<column].reduce(0, +) + Self.gap * Double(column)
        + (columnWidths[column] - panel.width) / 2
      let y =
        titleHeight + rowHeights[..<row].reduce(0, +) + Self.gap * Double(row)
        + (rowHeights[row] - panel.height) / 2
      if let drawing = panel as? any FigureDrawing {
        svg.open(
          "svg",
          [
            ("class", "panel"), ("x", svgNumber(x)), ("y", svgNumber(y)),
            ("width", svgNumber(panel.width)), ("height", svgNumber(panel.height)),
            ("viewBox", "0 0 \(svgNumber(panel.width)) \(svgNumber(panel.height))"),
          ])
        drawing.draw(into: &svg, idPrefix: idPrefix + "panel\(index)-")
        svg.close("svg")
      } else {
        // A figure from elsewhere: embed its root element as it is, moved into place.
        let document = panel.svg()
        let root = document.range(of: "<svg").map { document[$0.lowerBound...] } ?? ""
        svg.open(
          "g", [("class", "panel"), ("transform", "translate(\(svgNumber(x)) \(svgNumber(y)))")])
        svg.appendRaw(String(root))
        if !root.hasSuffix("\n") { svg.appendRaw("\n") }
        svg.close("g")
      }
    }
  }
}
