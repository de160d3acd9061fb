import Foundation

/// The contents of a regular file, mapped into memory rather than read.
///
/// Anything other than a regular file (a directory, a FIFO, `/dev/zero`) is refused
/// up front, with a reason that says so (Foundation refuses them as "permission denied").
///
/// - Throws: ``DataError/notFound(path:)`` or ``DataError/unreadable(path:reason:)``.
func mappedFile(_ path: String) throws -> Data {
  let attributes: [FileAttributeKey: Any]
  do {
    attributes = try FileManager.default.attributesOfItem(atPath: path)
  } catch {
    guard FileManager.default.fileExists(atPath: path) else { throw DataError.notFound(path: path) }
    throw DataError.unreadable(path: path, reason: error.localizedDescription)
  }
  guard attributes[.type] as? FileAttributeType == .typeRegular else {
    throw DataError.unreadable(path: path, reason: "not a regular file")
  }
  do {
    return try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
  } catch {
    throw DataError.unreadable(path: path, reason: error.localizedDescription)
  }
}
