extension ClassificationReport: CustomStringConvertible {
  /// The report as aligned text with two digits, exactly as scikit-learn's
  /// `classification_report` prints it; see ``text(digits:)``.
  public var description: String { text() }

  /// The report as aligned text, character for character as scikit-learn's
  /// `classification_report(digits:)`: a header, one line per class, a blank line,
  /// then the accuracy (or micro average), macro average and weighted average lines.
  ///
  /// ```swift
  /// print(report.text(digits: 3))
  /// ```
  ///
  /// Undefined scores (``ZeroDivision/nan``) print as "nan". The name column is as
  /// wide as the longest name (at least "weighted avg", and at least `digits`),
  /// counting Unicode scalars as Python does; each number column is 9 wide plus a
  /// space.
  ///
  /// - Parameter digits: Digits after the decimal point (default 2, at least 0).
  /// - Returns: The text, ending with a newline.
  /// - Complexity: O(k) for k classes.
  public func text(digits: Int = 2) -> String {
    precondition(digits >= 0, "ClassificationReport.text: digits must be at least 0, got \(digits)")
    let width = classes.reduce(max(TextLayout.width("weighted avg"), digits)) {
      max($0, TextLayout.width($1.name))
    }
    func column(_ text: String) -> String { " " + TextLayout.rightAligned(text, width: 9) }
    func line(_ name: String, _ columns: [String]) -> String {
      TextLayout.rightAligned(name, width: width) + " " + columns.map(column).joined() + "\n"
    }
    func line(_ row: Row) -> String {
      line(
        row.name,
        [row.precision, row.recall, row.f1Score].map { TextLayout.fixed($0, digits: digits) }
          + [String(row.support)])
    }
    var text = line("", ["precision", "recall", "f1-score", "support"]) + "\n"
    for row in classes { text += line(row) }
    text += "\n"
    if let accuracy {
      let support = String(classes.reduce(0) { $0 + $1.support })
      text += line("accuracy", ["", "", TextLayout.fixed(accuracy, digits: digits), support])
    }
    for row in [microAverage, macroAverage, weightedAverage].compactMap({ $0 }) {
      text += line(row)
    }
    return text
  }
}
