import Foundation

/// A figure that renders to a standalone SVG 1.1 document.
///
/// ``ScatterPlot``, ``LineChart``, ``ConfusionHeatmap`` and ``FigureGrid`` are figures. Their
/// output is deterministic: the same input gives a byte-identical SVG.
///
/// ```swift
/// let plot = try ScatterPlot(points: points, groups: labels, groupNames: classNames)
/// try plot.write(to: URL(fileURLWithPath: "embedding.svg"))
/// ```
public protocol Figure: Sendable {
  /// The width of the figure in CSS pixels.
  var width: Double { get }
  /// The height of the figure in CSS pixels.
  var height: Double { get }
  /// The figure as a standalone SVG 1.1 document (UTF-8 text with an XML declaration).
  ///
  /// ```swift
  /// let text = plot.svg()   // "<?xml version=\"1.0\" …"
  /// ```
  func svg() -> String
}

extension Figure {
  /// Writes ``svg()`` to a file, replacing it atomically if it exists.
  ///
  /// ```swift
  /// try heatmap.write(to: URL(fileURLWithPath: "/tmp/confusion.svg"))
  /// ```
  ///
  /// - Throws: ``PlotError/writeFailed(path:reason:)`` when the directory does not exist or
  ///   the file cannot be written.
  /// - Complexity: O(*n*) in the size of the document.
  public func write(to url: URL) throws(PlotError) {
    do {
      try Data(svg().utf8).write(to: url, options: .atomic)
    } catch {
      throw PlotError.writeFailed(path: url.path, reason: writeFailureReason(url, error))
    }
  }
}

/// Why writing to `url` failed, in words: the usual causes are checked by name, since the
/// underlying error's description is often generic.
private func writeFailureReason(_ url: URL, _ error: any Error) -> String {
  let files = FileManager.default
  let directory = url.deletingLastPathComponent().path
  var isDirectory: ObjCBool = false
  if files.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
    return "it is a directory"
  }
  if !files.fileExists(atPath: directory, isDirectory: &isDirectory) {
    return "the directory \(directory) does not exist"
  }
  if !isDirectory.boolValue {
    return "\(directory) is not a directory"
  }
  if !files.isWritableFile(atPath: directory) {
    return "the directory \(directory) is not writable"
  }
  return "\(error.localizedDescription)"
}

/// What every figure of this module can do beyond ``Figure``: draw itself into a larger
/// document (a ``FigureGrid``) with ids that do not clash.
protocol FigureDrawing: Figure {
  /// The text of the document's `<title>` element.
  var documentTitle: String { get }
  /// Writes everything inside the root element. Element ids start with `idPrefix`.
  func draw(into svg: inout SVGBuilder, idPrefix: String)
}

extension FigureDrawing {
  /// The standalone document, for ``Figure/svg()``.
  func standaloneSVG() -> String {
    SVGBuilder.document(width: width, height: height, title: documentTitle) { svg in
      draw(into: &svg, idPrefix: "")
    }
  }
}

/// Checks shared by the figures' initializers.
enum Validate {
  /// Width and height are finite and large enough for axes, labels and a legend.
  static func size(width: Double, height: Double, figure: String) throws(PlotError) {
    guard width.isFinite, width >= 200 else {
      throw PlotError.invalidOption(
        figure: figure, name: "width", detail: "must be at least 200 pixels (got \(width))")
    }
    guard height.isFinite, height >= 150 else {
      throw PlotError.invalidOption(
        figure: figure, name: "height", detail: "must be at least 150 pixels (got \(height))")
    }
  }

  /// A fixed axis range has finite ends, lower < upper, and positive ends on a log axis.
  static func range(
    _ range: ClosedRange<Double>?, name: String, scale: AxisScale, figure: String
  ) throws(PlotError) {
    guard let range else { return }
    guard range.lowerBound.isFinite, range.upperBound.isFinite,
      range.lowerBound < range.upperBound
    else {
      throw PlotError.invalidOption(
        figure: figure, name: name,
        detail:
          "must have finite ends with lower < upper (got \(range))"
      )
    }
    if scale == .logarithmic, range.lowerBound <= 0 {
      throw PlotError.invalidOption(
        figure: figure, name: name,
        detail: "must be positive on a logarithmic axis (got \(range))")
    }
  }
}

/// The smallest range holding every finite value of `values`, or `nil` when there is none.
///
/// - Complexity: O(*n*).
func finiteExtent<S: Sequence>(_ values: S) -> ClosedRange<Double>? where S.Element == Double {
  var low = Double.infinity
  var high = -Double.infinity
  for value in values where value.isFinite {
    low = min(low, value)
    high = max(high, value)
  }
  return low <= high ? low...high : nil
}

/// The smallest range holding both, either of which may be missing.
func union(_ a: ClosedRange<Double>?, _ b: ClosedRange<Double>?) -> ClosedRange<Double>? {
  guard let a else { return b }
  guard let b else { return a }
  return min(a.lowerBound, b.lowerBound)...max(a.upperBound, b.upperBound)
}

/// "1 point" or "3 points".
func counted(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
  "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
}
