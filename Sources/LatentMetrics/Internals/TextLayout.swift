import Foundation

/// Fixed-width text helpers shared by the report and the confusion matrix.
enum TextLayout {
  /// The width of `text` in Unicode scalars, the unit Python's `len` counts, so
  /// that columns line up exactly as in scikit-learn's report.
  static func width(_ text: String) -> Int { text.unicodeScalars.count }

  /// `text` padded on the left with spaces to `width` (never truncated), as
  /// Python's `format(text, ">width")`.
  static func rightAligned(_ text: String, width: Int) -> String {
    let padding = width - Self.width(text)
    return padding > 0 ? String(repeating: " ", count: padding) + text : text
  }

  /// `value` with `digits` digits after the decimal point, rounded correctly
  /// (half to even on the exact binary value, as C's `printf` and Python's
  /// `format`); "nan", "inf" and "-inf" for non-finite values, as Python writes them.
  static func fixed(_ value: Double, digits: Int) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    return String(format: "%.\(digits)f", value)
  }
}
