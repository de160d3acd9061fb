/// A line chart with markers, one series per line, on log-log axes by default: the picture
/// of how running time scales with the dimension or the number of samples.
///
/// Logarithmic axes have ticks at powers of ten ("10³", or "1k" and "10 ms" with
/// ``TickLabelStyle/metric(unit:)``). Points a log axis cannot show (zero or negative) and
/// points with NaN or infinite coordinates are skipped, breaking the line there, and counted
/// in a note under the chart.
///
/// ```swift
/// let chart = try LineChart(
///   series: [
///     LineChart.Series(name: "Latent (OpenBLAS)", x: dims, y: latentSeconds),
///     LineChart.Series(name: "scikit-learn", x: dims, y: sklearnSeconds),
///   ],
///   title: "PCA fit time, n = 1,000", xLabel: "dimension d", yLabel: "time",
///   xTickLabels: .metric(), yTickLabels: .metric(unit: "s"))
/// try chart.write(to: URL(fileURLWithPath: "pca-time-vs-d.svg"))
/// ```
public struct LineChart: Figure {
  /// One line: named points, joined in the order given.
  ///
  /// ```swift
  /// let series = LineChart.Series(name: "Latent", points: [SIMD2(1_000, 0.01), SIMD2(10_000, 0.09)])
  /// ```
  public struct Series: Hashable, Sendable {
    /// The name shown in the legend.
    public var name: String
    /// The points, joined in this order.
    public var points: [SIMD2<Double>]

    /// Creates a series from points.
    ///
    /// ```swift
    /// let series = LineChart.Series(name: "Latent", points: [SIMD2(100, 0.002), SIMD2(1_000, 0.02)])
    /// ```
    public init(name: String, points: [SIMD2<Double>]) {
      self.name = name
      self.points = points
    }

    /// Creates a series from separate x and y values.
    ///
    /// ```swift
    /// let series = try LineChart.Series(name: "Latent", x: [100, 1_000], y: [0.002, 0.02])
    /// ```
    ///
    /// - Throws: ``PlotError/countMismatch(figure:what:per:expected:actual:)`` when `x` and
    ///   `y` differ in length.
    /// - Complexity: O(*n*).
    public init(name: String, x: [Double], y: [Double]) throws(PlotError) {
      guard x.count == y.count else {
        throw PlotError.countMismatch(
          figure: "LineChart.Series \"\(name)\"", what: "y value", per: "x value",
          expected: x.count, actual: y.count)
      }
      self.init(name: name, points: zip(x, y).map { SIMD2($0, $1) })
    }
  }

  /// The lines, in legend order.
  public internal(set) var series: [Series]
  /// The title above the chart; empty for none.
  public internal(set) var title: String
  /// The label under the x axis; empty for none.
  public internal(set) var xLabel: String
  /// The label left of the y axis; empty for none.
  public internal(set) var yLabel: String
  /// The heading of the legend; empty for none.
  public internal(set) var legendTitle: String
  /// The scale of the x axis.
  public internal(set) var xScale: AxisScale
  /// The scale of the y axis.
  public internal(set) var yScale: AxisScale
  /// How x tick values are written.
  public internal(set) var xTickLabels: TickLabelStyle
  /// How y tick values are written.
  public internal(set) var yTickLabels: TickLabelStyle
  /// A fixed x range, or `nil` to fit the data (rounded out to ticks or decades).
  public internal(set) var xRange: ClosedRange<Double>?
  /// A fixed y range, or `nil` to fit the data (rounded out to ticks or decades).
  public internal(set) var yRange: ClosedRange<Double>?
  /// The colours of the series.
  public internal(set) var palette: Palette
  /// The width of the figure in CSS pixels.
  public internal(set) var width: Double
  /// The height of the figure in CSS pixels.
  public internal(set) var height: Double

  /// Data extents that replace this chart's own when it shares axes in a ``FigureGrid``.
  var sharedExtent: (x: ClosedRange<Double>?, y: ClosedRange<Double>?)?

  /// Creates a line chart, log-log unless you say otherwise.
  ///
  /// ```swift
  /// let chart = try LineChart(
  ///   series: [LineChart.Series(name: "Latent", x: [100, 1_000, 10_000], y: [0.002, 0.02, 0.3])],
  ///   xLabel: "n", yLabel: "seconds", xScale: .logarithmic, yScale: .linear)
  /// ```
  ///
  /// - Parameters:
  ///   - series: the lines; at least one point among them.
  ///   - title: the title above the chart; empty for none.
  ///   - xLabel: the label under the x axis; empty for none.
  ///   - yLabel: the label left of the y axis; empty for none.
  ///   - legendTitle: the heading of the legend; empty for none.
  ///   - xScale: the scale of the x axis; logarithmic by default.
  ///   - yScale: the scale of the y axis; logarithmic by default.
  ///   - xTickLabels: how x tick values are written.
  ///   - yTickLabels: how y tick values are written.
  ///   - xRange: a fixed x range (positive on a log axis), or `nil`.
  ///   - yRange: a fixed y range (positive on a log axis), or `nil`.
  ///   - palette: the colours of the series, in order.
  ///   - width: at least 200 pixels.
  ///   - height: at least 150 pixels.
  /// - Throws: ``PlotError`` when there is no point at all, or a range or size is invalid.
  /// - Complexity: O(*n*) in the total number of points.
  public init(
    series: [Series], title: String = "", xLabel: String = "", yLabel: String = "",
    legendTitle: String = "", xScale: AxisScale = .logarithmic,
    yScale: AxisScale = .logarithmic, xTickLabels: TickLabelStyle = .automatic,
    yTickLabels: TickLabelStyle = .automatic, xRange: ClosedRange<Double>? = nil,
    yRange: ClosedRange<Double>? = nil, palette: Palette = .tableau10, width: Double = 720,
    height: Double = 480
  ) throws(PlotError) {
    let figure = "LineChart"
    guard series.contains(where: { !$0.points.isEmpty }) else {
      throw PlotError.emptyData(figure: figure, what: "series with at least one point")
    }
    try Validate.range(xRange, name: "xRange", scale: xScale, figure: figure)
    try Validate.range(yRange, name: "yRange", scale: yScale, figure: figure)
    try Validate.size(width: width, height: height, figure: figure)
    self.series = series
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.legendTitle = legendTitle
    self.xScale = xScale
    self.yScale = yScale
    self.xTickLabels = xTickLabels
    self.yTickLabels = yTickLabels
    self.xRange = xRange
    self.yRange = yRange
    self.palette = palette
    self.width = width
    self.height = height
  }

  /// The figure as a standalone SVG 1.1 document.
  ///
  /// ```swift
  /// let text = try LineChart(series: series).svg()
  /// ```
  ///
  /// - Complexity: O(*n*) in the total number of points.
  public func svg() -> String {
    standaloneSVG()
  }
}
