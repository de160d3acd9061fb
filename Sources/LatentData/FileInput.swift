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

#if canImport(Glibc)
  import Glibc
#endif

/// An open file descriptor, closed when the last reference goes.
final class OpenFile: Sendable {
  let descriptor: Int32
  /// The file's size in bytes when it was opened.
  let size: Int

  /// Opens a regular file for reading, refusing anything else with the reasons ``mappedFile(_:)`` gives.
  ///
  /// - Throws: ``DataError/notFound(path:)`` or ``DataError/unreadable(path:reason:)``.
  init(_ path: String) throws {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      let code = errno
      if code == ENOENT || code == ENOTDIR { throw DataError.notFound(path: path) }
      throw DataError.unreadable(path: path, reason: String(cString: strerror(code)))
    }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      let reason = String(cString: strerror(errno))
      close(descriptor)
      throw DataError.unreadable(path: path, reason: reason)
    }
    guard status.st_mode & S_IFMT == S_IFREG else {
      close(descriptor)
      throw DataError.unreadable(path: path, reason: "not a regular file")
    }
    self.descriptor = descriptor
    self.size = Int(status.st_size)
  }

  deinit { close(descriptor) }

  /// Reads `count` bytes from `offset` into `buffer` with as few `pread` calls as the kernel
  /// allows, retrying after signals.
  ///
  /// - Throws: ``DataError/unreadable(path:reason:)`` on a read error, or when the file ends
  ///   first (it shrank after it was opened).
  /// - Complexity: O(`count`).
  func read(into buffer: UnsafeMutableRawPointer?, count: Int, offset: Int, path: String) throws {
    guard count > 0, let buffer else { return }
    var done = 0
    while done < count {
      // Linux transfers at most 0x7ffff000 bytes per call.
      let n = pread(descriptor, buffer + done, min(count - done, 1 << 30), off_t(offset + done))
      if n < 0 {
        if errno == EINTR { continue }
        throw DataError.unreadable(path: path, reason: String(cString: strerror(errno)))
      }
      if n == 0 {
        throw DataError.unreadable(
          path: path, reason: "the file ended after \(offset + done) bytes; it was \(size) bytes when opened (did it change?)")
      }
      done += n
    }
  }
}

/// Reads a whole regular file of at most 2 GiB into `buffer` (reused across calls: it only grows).
///
/// - Returns: the file's length; `buffer[0 ..< length]` holds it.
/// - Throws: ``DataError/notFound(path:)`` or ``DataError/unreadable(path:reason:)``;
///   ``DataError/invalidFormat(path:detail:)`` for a larger file.
/// - Complexity: O(file size).
func readWholeFile(_ path: String, into buffer: inout [UInt8]) throws -> Int {
  let file = try OpenFile(path)
  // Image decoders take at most 2 GiB (their lengths are 32-bit); refused before allocating.
  guard file.size <= Int(Int32.max) else {
    throw DataError.invalidFormat(path: path, detail: "the file is too large")
  }
  if buffer.count < file.size { buffer = [UInt8](repeating: 0, count: file.size) }
  try buffer.withUnsafeMutableBytes { raw in
    try file.read(into: raw.baseAddress, count: file.size, offset: 0, path: path)
  }
  return file.size
}
