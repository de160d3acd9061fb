extension ConfusionMatrix: CustomStringConvertible {
  /// The counts as aligned text, with the labels along the top (predicted) and down
  /// the side (true); see ``text(normalizedBy:digits:)``.
  public var description: String { text() }

  /// The matrix as aligned text: one line per true label, one column per predicted
  /// label, each column as wide as its widest entry.
  ///
  /// ```swift
  /// let matrix = try ConfusionMatrix(truth: ["a", "a", "b"], predictions: ["a", "b", "b"])
  /// print(matrix.text(normalizedBy: .truth))
  /// // true \ predicted     a     b
  /// //                a  0.50  0.50
  /// //                b  0.00  1.00
  /// ```
  ///
  /// Labels are written with `String(describing:)`.
  ///
  /// - Parameters:
  ///   - normalization: Divide the counts as ``normalized(by:)`` does; nil (the
  ///     default) writes the counts.
  ///   - digits: Digits after the decimal point of normalised entries (default 2,
  ///     at least 0); ignored for counts.
  /// - Returns: The lines of the matrix, joined by newlines, without a final newline.
  /// - Complexity: O(k²) for k labels.
  public func text(normalizedBy normalization: ConfusionMatrixNormalization? = nil, digits: Int = 2)
    -> String
  {
    precondition(digits >= 0, "ConfusionMatrix.text: digits must be at least 0, got \(digits)")
    let corner = #"true \ predicted"#
    let names = labels.map { String(describing: $0) }
    let cells: [[String]]
    if let normalization {
      cells = normalized(by: normalization).map { $0.map { TextLayout.fixed($0, digits: digits) } }
    } else {
      cells = counts.map { $0.map(String.init) }
    }
    let nameWidth = names.reduce(TextLayout.width(corner)) { max($0, TextLayout.width($1)) }
    let columnWidths = names.indices.map { column in
      cells.reduce(TextLayout.width(names[column])) { max($0, TextLayout.width($1[column])) }
    }
    func line(_ heading: String, _ entries: [String]) -> String {
      zip(entries, columnWidths).reduce(TextLayout.rightAligned(heading, width: nameWidth)) {
        $0 + "  " + TextLayout.rightAligned($1.0, width: $1.1)
      }
    }
    let lines = [line(corner, names)] + zip(names, cells).map { line($0, $1) }
    return lines.joined(separator: "\n")
  }
}
