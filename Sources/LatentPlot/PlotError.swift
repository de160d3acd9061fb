/// An error thrown when a figure cannot be made from the data or settings it was given, or
/// cannot be written.
///
/// Each message says what was wrong and what to do.
///
/// ```swift
/// do {
///   let plot = try ScatterPlot(points: points, groups: groups, groupNames: names)
///   try plot.write(to: URL(fileURLWithPath: "lda.svg"))
/// } catch {
///   print(error)   // e.g. "ScatterPlot: expected one group per point (100), got 99. …"
/// }
/// ```
public enum PlotError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Two inputs that must match one to one have different lengths (for example points and
  /// groups).
  case countMismatch(figure: String, what: String, per: String, expected: Int, actual: Int)
  /// The figure needs at least one item (a point, a series point, a class) and got none.
  case emptyData(figure: String, what: String)
  /// A point's group index is not an index into the group names.
  case groupOutOfRange(figure: String, point: Int, group: Int, groupCount: Int)
  /// A matrix that must be square (c × c, one row and column per class) is not.
  case nonSquareMatrix(figure: String, rows: Int, row: Int, columns: Int)
  /// A setting is outside its valid range.
  case invalidOption(figure: String, name: String, detail: String)
  /// The SVG could not be written to `path`.
  case writeFailed(path: String, reason: String)

  /// The message, saying what was wrong and what to do.
  public var description: String {
    switch self {
    case .countMismatch(let figure, let what, let per, let expected, let actual):
      return
        "\(figure): expected one \(what) per \(per) (\(expected)), got \(actual). Pass arrays of the same length."
    case .emptyData(let figure, let what):
      return "\(figure): nothing to draw. Pass at least one \(what)."
    case .groupOutOfRange(let figure, let point, let group, let groupCount):
      return
        "\(figure): point \(point) has group \(group), but there \(groupCount == 1 ? "is 1 group name" : "are \(groupCount) group names") (groups 0..<\(groupCount)). Use group indices into the names, or pass more names."
    case .nonSquareMatrix(let figure, let rows, let row, let columns):
      return
        "\(figure): row \(row) has \(columns) entries but the matrix has \(rows) rows. Pass a square matrix with one row and one column per class (rows = true class, columns = predicted class)."
    case .invalidOption(let figure, let name, let detail):
      return "\(figure): \(name) \(detail). Change `\(name)`, or leave it out to get the default."
    case .writeFailed(let path, let reason):
      return
        "Could not write the figure to \(path): \(reason). Choose a path in an existing, writable directory."
    }
  }
}
