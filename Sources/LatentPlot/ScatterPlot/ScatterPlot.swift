/// A scatter plot of 2-D points coloured by group (class), with optional class centroids and
/// highlighted points: the picture of an embedding.
///
/// Each point belongs to a group, an index into `groupNames`; groups take the palette's
/// colours in order (and a new marker shape each time the palette repeats). Centroids, one
/// per group, are drawn as bold crosses labelled with the group's name. Highlighted points
/// get a dark ring: colour the points by the centroid they were assigned to and highlight
/// those whose true class differs, and the ringed points are the classification errors.
///
/// Points with NaN or infinite coordinates are skipped and counted in a note under the plot,
/// as are points outside fixed axis ranges.
///
/// ```swift
/// let plot = try ScatterPlot(
///   points: embedding,              // [SIMD2<Double>], e.g. the first two LDA components
///   groups: assignedClass,          // [Int], index into classNames
///   groupNames: classNames,
///   centroids: centroids,           // one per class, or []
///   highlighted: zip(assignedClass, trueClass).map { $0 != $1 },
///   title: "LDA, Fashion-MNIST test images",
///   xLabel: "LD1", yLabel: "LD2", legendTitle: "assigned class")
/// try plot.write(to: URL(fileURLWithPath: "lda.svg"))
/// ```
public struct ScatterPlot: Figure {
  /// The points, in drawing order (later points on top).
  public internal(set) var points: [SIMD2<Double>]
  /// The group of each point: an index into ``groupNames``.
  public internal(set) var groups: [Int]
  /// The name of each group, shown in the legend and next to its centroid.
  public internal(set) var groupNames: [String]
  /// One centroid per group, or empty for none.
  public internal(set) var centroids: [SIMD2<Double>]
  /// Which points get a ring, or empty for none.
  public internal(set) var highlighted: [Bool]
  /// The title above the plot; empty for none.
  public internal(set) var title: String
  /// The label under the x axis; empty for none.
  public internal(set) var xLabel: String
  /// The label left of the y axis; empty for none.
  public internal(set) var yLabel: String
  /// The heading of the legend; empty for none.
  public internal(set) var legendTitle: String
  /// The legend's text for the ring around highlighted points.
  public internal(set) var highlightLabel: String
  /// A fixed x range, or `nil` to fit the data (rounded out to ticks).
  public internal(set) var xRange: ClosedRange<Double>?
  /// A fixed y range, or `nil` to fit the data (rounded out to ticks).
  public internal(set) var yRange: ClosedRange<Double>?
  /// The colours of the groups.
  public internal(set) var palette: Palette
  /// The radius of a point in pixels.
  public internal(set) var pointRadius: Double
  /// The width of the figure in CSS pixels.
  public internal(set) var width: Double
  /// The height of the figure in CSS pixels.
  public internal(set) var height: Double

  /// Data extents that replace this plot's own when it shares axes in a ``FigureGrid``.
  var sharedExtent: (x: ClosedRange<Double>?, y: ClosedRange<Double>?)?

  /// Creates a scatter plot, checking that the inputs fit together.
  ///
  /// ```swift
  /// let plot = try ScatterPlot(
  ///   points: [SIMD2(0, 0), SIMD2(1, 2), SIMD2(2, 1)], groups: [0, 1, 1],
  ///   groupNames: ["T-shirt/top", "Trouser"])
  /// ```
  ///
  /// - Parameters:
  ///   - points: the points; at least one (NaN and infinite ones are skipped when drawn).
  ///   - groups: one group per point, each in `0..<groupNames.count`.
  ///   - groupNames: the group (class) names, in group order.
  ///   - centroids: one per group name, or empty for none.
  ///   - highlighted: one flag per point, or empty for none.
  ///   - title: the title above the plot; empty for none.
  ///   - xLabel: the label under the x axis; empty for none.
  ///   - yLabel: the label left of the y axis; empty for none.
  ///   - legendTitle: the heading of the legend; empty for none.
  ///   - highlightLabel: the legend's text for the ring around highlighted points.
  ///   - xRange: a fixed x range, or `nil` to fit the data (rounded out to ticks).
  ///   - yRange: a fixed y range, or `nil` to fit the data (rounded out to ticks).
  ///   - palette: the colours of the groups, in group order; they repeat, with a new marker
  ///     shape, when there are more groups than colours.
  ///   - pointRadius: the radius in pixels; `nil` picks one from the number of points
  ///     (3.5 up to 300 points, 2.5 up to 3,000, 1.8 beyond).
  ///   - width: at least 200 pixels.
  ///   - height: at least 150 pixels.
  /// - Throws: ``PlotError`` when there are no points, the arrays differ in length, a group is
  ///   not an index into `groupNames`, a range is empty or not finite, or a size or radius is
  ///   invalid.
  /// - Complexity: O(*n*) in the number of points.
  public init(
    points: [SIMD2<Double>], groups: [Int], groupNames: [String],
    centroids: [SIMD2<Double>] = [], highlighted: [Bool] = [], title: String = "",
    xLabel: String = "", yLabel: String = "", legendTitle: String = "",
    highlightLabel: String = "misassigned", xRange: ClosedRange<Double>? = nil,
    yRange: ClosedRange<Double>? = nil, palette: Palette = .tableau10,
    pointRadius: Double? = nil, width: Double = 720, height: Double = 540
  ) throws(PlotError) {
    let figure = "ScatterPlot"
    guard !points.isEmpty else { throw PlotError.emptyData(figure: figure, what: "point") }
    guard groups.count == points.count else {
      throw PlotError.countMismatch(
        figure: figure, what: "group", per: "point", expected: points.count, actual: groups.count)
    }
    if let index = groups.firstIndex(where: { !groupNames.indices.contains($0) }) {
      throw PlotError.groupOutOfRange(
        figure: figure, point: index, group: groups[index], groupCount: groupNames.count)
    }
    guard centroids.isEmpty || centroids.count == groupNames.count else {
      throw PlotError.countMismatch(
        figure: figure, what: "centroid", per: "group name", expected: groupNames.count,
        actual: centroids.count)
    }
    guard highlighted.isEmpty || highlighted.count == points.count else {
      throw PlotError.countMismatch(
        figure: figure, what: "highlight flag", per: "point", expected: points.count,
        actual: highlighted.count)
    }
    try Validate.range(xRange, name: "xRange", scale: .linear, figure: figure)
    try Validate.range(yRange, name: "yRange", scale: .linear, figure: figure)
    try Validate.size(width: width, height: height, figure: figure)
    if let pointRadius, !(pointRadius.isFinite && pointRadius > 0 && pointRadius <= 50) {
      throw PlotError.invalidOption(
        figure: figure, name: "pointRadius", detail: "must be in 0...50 pixels (got \(pointRadius))"
      )
    }
    self.points = points
    self.groups = groups
    self.groupNames = groupNames
    self.centroids = centroids
    self.highlighted = highlighted
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.legendTitle = legendTitle
    self.highlightLabel = highlightLabel
    self.xRange = xRange
    self.yRange = yRange
    self.palette = palette
    self.pointRadius = pointRadius ?? (points.count <= 300 ? 3.5 : points.count <= 3000 ? 2.5 : 1.8)
    self.width = width
    self.height = height
  }

  /// The figure as a standalone SVG 1.1 document.
  ///
  /// ```swift
  /// let text = try ScatterPlot(points: points, groups: groups, groupNames: names).svg()
  /// ```
  ///
  /// - Complexity: O(*n*) in the number of points.
  public func svg() -> String {
    standaloneSVG()
  }
}
