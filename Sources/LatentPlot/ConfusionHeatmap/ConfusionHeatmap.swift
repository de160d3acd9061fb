/// A confusion matrix as a heatmap: rows are true classes, columns predicted classes, each
/// cell coloured by its value on a sequential scale and labelled with it.
///
/// Cell text is dark on light cells and white on dark ones. Class names label both axes
/// (the column names turn 45° when they are wider than a cell); a colour bar on the right
/// gives the scale. Non-finite values are drawn as grey cells and counted in a note.
///
/// ```swift
/// let heatmap = try ConfusionHeatmap(
///   counts: confusion,            // [[Int]], c × c, rows = true class
///   classNames: classNames,
///   title: "Nearest centroid on LDA, test set")
/// try heatmap.write(to: URL(fileURLWithPath: "confusion.svg"))
/// ```
public struct ConfusionHeatmap: Figure {
  /// The cell values, `values[trueClass][predictedClass]`.
  public internal(set) var values: [[Double]]
  /// The class names, in row (and column) order.
  public internal(set) var classNames: [String]
  /// Whether the values are counts (written as integers) rather than fractions.
  public internal(set) var isCounts: Bool
  /// The decimals written in each cell for non-count values.
  public internal(set) var decimals: Int
  /// The values at the two ends of the colour scale, or `nil` for 0 (or the smallest
  /// value, if negative) up to the largest value. Values beyond the ends take the end colours.
  public internal(set) var valueRange: ClosedRange<Double>?
  /// The title above the matrix; empty for none.
  public internal(set) var title: String
  /// The title of the columns, under the matrix.
  public internal(set) var xLabel: String
  /// The title of the rows, left of the matrix.
  public internal(set) var yLabel: String
  /// The title of the colour bar; empty for none.
  public internal(set) var colorBarLabel: String
  /// The colour scale.
  public internal(set) var colorScale: ColorScale
  /// The width of the figure in CSS pixels.
  public internal(set) var width: Double
  /// The height of the figure in CSS pixels.
  public internal(set) var height: Double

  /// Creates a heatmap of counts.
  ///
  /// ```swift
  /// let heatmap = try ConfusionHeatmap(
  ///   counts: [[50, 2], [7, 41]], classNames: ["Sneaker", "Ankle boot"])
  /// ```
  ///
  /// - Parameters:
  ///   - counts: a c × c matrix, `counts[trueClass][predictedClass]`; c ≥ 1.
  ///   - classNames: c names.
  ///   - title: the title above the matrix; empty for none.
  ///   - xLabel: the title of the columns, under the matrix.
  ///   - yLabel: the title of the rows, left of the matrix.
  ///   - colorBarLabel: the title of the colour bar; empty for none.
  ///   - valueRange: the counts at the ends of the colour scale, or `nil` for 0 up to the
  ///     largest count. A small upper end (say 0...100 when the diagonal holds about 1,000)
  ///     makes the off-diagonal errors stand out; larger counts take the darkest colour.
  ///   - colorScale: the colour scale; ``ColorScale/blues`` by default.
  ///   - width: at least 200 pixels.
  ///   - height: at least 150 pixels.
  /// - Throws: ``PlotError`` when the matrix is empty or not square, the number of names
  ///   differs from its size, or a size is invalid.
  /// - Complexity: O(*c*²).
  public init(
    counts: [[Int]], classNames: [String], title: String = "",
    xLabel: String = "predicted class", yLabel: String = "true class",
    colorBarLabel: String = "count", valueRange: ClosedRange<Double>? = nil,
    colorScale: ColorScale = .blues, width: Double = 680, height: Double = 620
  ) throws(PlotError) {
    try self.init(
      values: counts.map { $0.map(Double.init) }, isCounts: true, classNames: classNames,
      decimals: 0, valueRange: valueRange, title: title, xLabel: xLabel, yLabel: yLabel,
      colorBarLabel: colorBarLabel, colorScale: colorScale, width: width, height: height)
  }

  /// Creates a heatmap of fractions or other real values (for example a confusion matrix
  /// normalised by row, whose diagonal is the per-class recall).
  ///
  /// ```swift
  /// let heatmap = try ConfusionHeatmap(
  ///   values: [[0.96, 0.04], [0.15, 0.85]], classNames: ["Sneaker", "Ankle boot"],
  ///   colorBarLabel: "fraction of true class", valueRange: 0...1)
  /// ```
  ///
  /// - Parameters:
  ///   - values: a c × c matrix, `values[trueClass][predictedClass]`; c ≥ 1.
  ///   - classNames: c names.
  ///   - title: the title above the matrix; empty for none.
  ///   - xLabel: the title of the columns, under the matrix.
  ///   - yLabel: the title of the rows, left of the matrix.
  ///   - colorBarLabel: the title of the colour bar; empty for none.
  ///   - decimals: decimals written in each cell, 0...6.
  ///   - valueRange: the values at the ends of the colour scale, or `nil` for automatic.
  ///   - colorScale: the colour scale; ``ColorScale/blues`` by default.
  ///   - width: at least 200 pixels.
  ///   - height: at least 150 pixels.
  /// - Throws: ``PlotError`` when the matrix is empty or not square, the number of names
  ///   differs from its size, or a setting is invalid.
  /// - Complexity: O(*c*²).
  public init(
    values: [[Double]], classNames: [String], title: String = "",
    xLabel: String = "predicted class", yLabel: String = "true class",
    colorBarLabel: String = "", decimals: Int = 2, valueRange: ClosedRange<Double>? = nil,
    colorScale: ColorScale = .blues, width: Double = 680, height: Double = 620
  ) throws(PlotError) {
    try self.init(
      values: values, isCounts: false, classNames: classNames, decimals: decimals,
      valueRange: valueRange, title: title, xLabel: xLabel, yLabel: yLabel,
      colorBarLabel: colorBarLabel, colorScale: colorScale, width: width, height: height)
  }

  private init(
    values: [[Double]], isCounts: Bool, classNames: [String], decimals: Int,
    valueRange: ClosedRange<Double>?, title: String, xLabel: String, yLabel: String,
    colorBarLabel: String, colorScale: ColorScale, width: Double, height: Double
  ) throws(PlotError) {
    let figure = "ConfusionHeatmap"
    guard !values.isEmpty else { throw PlotError.emptyData(figure: figure, what: "class") }
    if let row = values.firstIndex(where: { $0.count != values.count }) {
      throw PlotError.nonSquareMatrix(
        figure: figure, rows: values.count, row: row, columns: values[row].count)
    }
    guard classNames.count == values.count else {
      throw PlotError.countMismatch(
        figure: figure, what: "class name", per: "matrix row", expected: values.count,
        actual: classNames.count)
    }
    guard (0...6).contains(decimals) else {
      throw PlotError.invalidOption(
        figure: figure, name: "decimals", detail: "must be in 0...6 (got \(decimals))")
    }
    try Validate.range(valueRange, name: "valueRange", scale: .linear, figure: figure)
    try Validate.size(width: width, height: height, figure: figure)
    self.values = values
    self.isCounts = isCounts
    self.classNames = classNames
    self.decimals = decimals
    self.valueRange = valueRange
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.colorBarLabel = colorBarLabel
    self.colorScale = colorScale
    self.width = width
    self.height = height
  }

  /// The figure as a standalone SVG 1.1 document.
  ///
  /// ```swift
  /// let text = try ConfusionHeatmap(counts: counts, classNames: names).svg()
  /// ```
  ///
  /// - Complexity: O(*c*²).
  public func svg() -> String {
    standaloneSVG()
  }
}
