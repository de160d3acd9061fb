import CZlib

/// An in-memory gzip decoder over zlib's `inflate`, which lets a reader take the
/// decompressed bytes a piece at a time: first a header, then (once the header's
/// size has been validated) exactly the data it declares.
///
/// Every zlib call of LatentData goes through this type. It reads a single gzip
/// member; zlib checks the member's CRC-32 and length when the stream ends.
/// The corresponding zlib routines are `inflateInit2`, `inflate` and `inflateEnd`.
final class GzipStream {
  /// The largest factor by which deflate can expand data (zlib's FAQ: 1032:1).
  /// A header declaring more than this many times the compressed size is a lie.
  static let maximumExpansion = 1032

  /// The gzip magic number, `1F 8B`.
  static func isGzip(_ bytes: UnsafeRawBufferPointer) -> Bool {
    bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
  }

  /// The uncompressed size modulo 2³², from the last four bytes of the member (ISIZE).
  let trailerSize: UInt32
  /// Whether zlib has reached the end of the member (and verified its checksum).
  private(set) var ended = false

  private let input: UnsafeRawBufferPointer
  private var consumed = 0
  private let stream: UnsafeMutablePointer<z_stream>
  private let path: String

  /// Starts decoding `input`, which must stay valid for the life of the stream.
  ///
  /// - Throws: ``DataError/invalidFormat(path:detail:)`` when `input` is too short to be gzip.
  init(_ input: UnsafeRawBufferPointer, path: String) throws {
    // 10 bytes of header, at least 2 of deflate data, and 8 of trailer.
    guard input.count >= 20 else {
      throw DataError.invalidFormat(
        path: path, detail: "too short to be a gzip file (\(input.count) bytes).")
    }
    // zlib keeps a pointer back to the stream, so it needs an address that never moves.
    let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    stream.initialize(to: z_stream())
    // `inflateInit2` is a C macro; windowBits 15 + 16 accepts a gzip wrapper only.
    let status = inflateInit2_(stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else {
      // Thrown before any stored property is set, so `deinit` does not run.
      stream.deinitialize(count: 1)
      stream.deallocate()
      throw DataError.unreadable(path: path, reason: "zlib could not start (error \(status))")
    }
    var size: UInt32 = 0
    for k in (input.count - 4..<input.count).reversed() { size = size << 8 | UInt32(input[k]) }
    self.trailerSize = size
    self.input = input
    self.path = path
    self.stream = stream
  }

  deinit {
    inflateEnd(stream)
    stream.deinitialize(count: 1)
    stream.deallocate()
  }

  /// Decompresses into `buffer` until it is full or the member ends.
  ///
  /// - Returns: the number of bytes written.
  /// - Throws: ``DataError/invalidFormat(path:detail:)`` for corrupt or truncated data.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    var filled = 0
    // zlib counts in UInt32, so large buffers and inputs go through in slices.
    let slice = 1 << 30
    while filled < buffer.count && !ended {
      if stream.pointee.avail_in == 0 && consumed < input.count {
        let count = min(slice, input.count - consumed)
        // zlib's `next_in` is not const but inflate never writes through it.
        stream.pointee.next_in = UnsafeMutableRawPointer(
          mutating: input.baseAddress!.advanced(by: consumed)
        )
        .assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = UInt32(count)
        consumed += count
      }
      let room = min(slice, buffer.count - filled)
      stream.pointee.next_out = buffer.baseAddress!.advanced(by: filled).assumingMemoryBound(
        to: Bytef.self)
      stream.pointee.avail_out = UInt32(room)
      let status = inflate(stream, Z_NO_FLUSH)
      filled += room - Int(stream.pointee.avail_out)
      switch status {
      case Z_OK:
        continue
      case Z_STREAM_END:
        ended = true
      case Z_BUF_ERROR where stream.pointee.avail_in == 0 && consumed == input.count:
        throw DataError.invalidFormat(
          path: path, detail: "the gzip data ends too soon (truncated file?).")
      default:
        let message = stream.pointee.msg.map { String(cString: $0) } ?? "error \(status)"
        throw DataError.invalidFormat(path: path, detail: "gzip data is corrupt (\(message)).")
      }
    }
    return filled
  }

  /// Fills `buffer` completely.
  ///
  /// - Throws: ``DataError/invalidFormat(path:detail:)`` when the member ends first or is corrupt.
  func readExactly(into buffer: UnsafeMutableRawBufferPointer, _ what: String) throws {
    let filled = try read(into: buffer)
    guard filled == buffer.count else {
      throw DataError.invalidFormat(
        path: path, detail: "the data ended after \(filled) of \(buffer.count) bytes of \(what).")
    }
  }

  /// Requires the member to end here, with a correct checksum and nothing after it.
  ///
  /// - Throws: ``DataError/invalidFormat(path:detail:)`` naming what is wrong.
  func expectEnd() throws {
    var extra: UInt8 = 0
    let more = try withUnsafeMutableBytes(of: &extra) { try read(into: $0) }
    guard more == 0 else {
      throw DataError.invalidFormat(
        path: path, detail: "the data continues past the size its header declares.")
    }
    guard stream.pointee.avail_in == 0 && consumed == input.count else {
      throw DataError.invalidFormat(
        path: path, detail: "there are bytes after the end of the gzip data.")
    }
  }
}
