/// An error loading data from outside: a missing or unreadable file, a file that
/// is not in the expected format, or a request the data cannot satisfy.
///
/// Messages name the file and say what to do; they fit on one line.
public enum DataError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The path does not exist.
  case notFound(path: String)
  /// The file exists but could not be read.
  case unreadable(path: String, reason: String)
  /// The file's content does not follow its format.
  case invalidFormat(path: String, detail: String)
  /// The file declares more data than the loader accepts (it might be corrupt or hostile).
  case tooLarge(path: String, bytes: Int, limit: Int)
  /// A class folder holds no loadable image.
  case emptyClass(path: String)
  /// A class name or index that the data set does not have.
  case unknownClass(String, available: [String])
  /// More images requested from a class than it has.
  case notEnoughImages(className: String, requested: Int, available: Int)
  /// A setting is out of range.
  case invalidRequest(String)

  /// A one-line message naming the file or class and saying what to do.
  public var description: String {
    switch self {
    case .notFound(let path):
      return "\(path): no such file or directory."
    case .unreadable(let path, let reason):
      return "\(path): cannot read it (\(reason))."
    case .invalidFormat(let path, let detail):
      return "\(path): \(detail)"
    case .tooLarge(let path, let bytes, let limit):
      return "\(path): declares \(bytes) bytes of data, more than the limit of \(limit); the file may be corrupt. Raise the limit only if the file is trusted."
    case .emptyClass(let path):
      return "\(path): the class folder holds no loadable image. Add images or remove the folder."
    case .unknownClass(let name, let available):
      return "unknown class '\(name)'. Available: \(available.joined(separator: ", "))."
    case .notEnoughImages(let className, let requested, let available):
      return "class '\(className)' has \(available) image\(available == 1 ? "" : "s") but \(requested) were requested. Ask for fewer per class."
    case .invalidRequest(let detail):
      return detail
    }
  }
}

/// Multiplies sizes from an untrusted header, failing on overflow.
func checkedProduct(_ values: [Int]) -> Int? {
  var product = 1
  for value in values {
    guard value >= 0 else { return nil }
    let (result, overflow) = product.multipliedReportingOverflow(by: value)
    if overflow { return nil }
    product = result
  }
  return product
}

/// The bytes an array of `shape` declares in an untrusted header, or `nil` when a
/// dimension is negative or a size overflows.
///
/// A zero dimension makes the total 0 however large the others are, but code that
/// takes a row's length (the product of all dimensions but the first) would still
/// overflow; so the product of the non-zero dimensions must fit as well.
func checkedByteCount(shape: [Int], elementSize: Int) -> Int? {
  guard checkedProduct(shape.filter { $0 != 0 } + [elementSize]) != nil else { return nil }
  return checkedProduct(shape + [elementSize])
}
