// Structural checks that run before stb_image sees a file. stb_image 2.27 trusts some
// fields of PNG and JPEG files that a corrupt or crafted file can set freely; the checks
// below refuse exactly those files, with a DataError, and let every other file through
// to stb_image unchanged.

extension ImageDecoder {
  /// Refuses a PNG whose chunks declare more bytes than the file holds. stb_image 2.27 grows its
  /// IDAT buffer to the declared length before reading it, so a 75-byte file could make it
  /// allocate gigabytes (fuzz finding F7).
  static func checkPNGChunks(_ raw: UnsafeRawBufferPointer, path: String) throws {
    let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    guard raw.count >= 8, raw.prefix(8).elementsEqual(signature) else { return }
    var offset = 8
    while offset + 8 <= raw.count {
      var length = 0
      for k in 0..<4 { length = length << 8 | Int(raw[offset + k]) }
      let remaining = raw.count - offset - 12  // length, type and CRC around the data
      guard length <= remaining else {
        throw DataError.invalidFormat(
          path: path,
          detail: "a PNG chunk declares \(length) bytes but only \(max(0, remaining)) remain "
            + "(truncated or corrupt file)")
      }
      let isEnd = raw[(offset + 4)..<(offset + 8)].elementsEqual([0x49, 0x45, 0x4E, 0x44])
      offset += 12 + length
      if isEnd { return }
    }
  }

  /// Refuses a JPEG whose Huffman tables stb_image 2.27 would use unchecked (fuzz finding F8).
  ///
  /// stb_image builds a table from a DHT segment's 16 code counts without checking that they
  /// sum to at most 256, the size of its symbol arrays, and it decodes a scan with whatever
  /// table slot the scan names, built or not (its decoder state is not cleared). Either way its
  /// Huffman decoder reaches an `assert` that aborts the process (Debian builds libstb with
  /// assertions on), or reads memory it never wrote. So the marker segments are walked as
  /// stb_image walks them, and the file is refused when a table declares more than 256 codes or
  /// a scan needs a table that no earlier DHT segment defined:
  /// - a sequential scan decodes DC and AC coefficients, so it needs both of its tables;
  /// - a progressive scan with spectral start Ss = 0 codes DC coefficients, and needs its DC
  ///   table only in the first pass (Ah = 0; refinement passes read raw bits);
  /// - a progressive scan with Ss > 0 codes AC coefficients and needs its AC table.
  ///
  /// Where stb_image itself would stop with an error (an unknown marker, a bad segment), the
  /// walk stops and leaves the verdict to stb_image.
  static func checkJPEGSegments(_ raw: UnsafeRawBufferPointer, path: String) throws {
    let count = raw.count
    // stb_image reads 0 past the end of the data.
    func byte(_ offset: Int) -> Int { offset < count ? Int(raw[offset]) : 0 }
    func refuse(_ detail: String) -> DataError {
      .invalidFormat(path: path, detail: "\(detail) (corrupt file; re-encode the image)")
    }

    // Start of image: 0xFF, any further 0xFF fill bytes, 0xD8.
    guard byte(0) == 0xFF else { return }
    var offset = 1
    while offset < count, raw[offset] == 0xFF { offset += 1 }
    guard byte(offset) == 0xD8 else { return }
    offset += 1

    var definedTables = (dc: [false, false, false, false], ac: [false, false, false, false])
    var progressive = false
    var inFrame = false  // after the start-of-frame segment
    while offset < count {
      // A marker is 0xFF, fill bytes 0xFF, then its code. Before the frame header stb_image
      // skips other bytes as padding; after it, it stops with "expected marker".
      guard raw[offset] == 0xFF else {
        if inFrame { return }
        offset += 1
        continue
      }
      while offset < count, raw[offset] == 0xFF { offset += 1 }
      guard offset < count else { return }
      let marker = raw[offset]
      offset += 1
      let length = byte(offset) << 8 | byte(offset + 1)  // includes its own two bytes
      switch marker {
      case 0xC0, 0xC1, 0xC2:  // start of frame: baseline, extended, progressive
        guard !inFrame, length >= 2 else { return }
        inFrame = true
        progressive = marker == 0xC2
        offset += length
      case 0xC4:  // define Huffman tables: one or more, each class/slot, 16 counts, symbols
        guard length >= 2 else { return }
        var table = offset + 2
        var left = length - 2
        while left > 0 {
          let tableClass = byte(table) >> 4
          let slot = byte(table) & 15
          guard tableClass <= 1, slot <= 3 else { return }
          let codes = (1...16).reduce(0) { $0 + byte(table + $1) }
          guard codes <= 256 else {
            throw refuse(
              "a JPEG Huffman table (\(tableClass == 0 ? "DC" : "AC") \(slot)) declares "
                + "\(codes) codes; at most 256 are possible")
          }
          if tableClass == 0 { definedTables.dc[slot] = true } else { definedTables.ac[slot] = true }
          table += 17 + codes
          left -= 17 + codes
        }
        guard left == 0 else { return }
        offset += length
      case 0xDA:  // start of scan: components with their table slots, Ss, Se, Ah/Al
        guard inFrame else { return }
        let components = byte(offset + 2)
        guard (1...4).contains(components), length == 6 + 2 * components else { return }
        let spectralStart = byte(offset + 3 + 2 * components)
        let approximationHigh = byte(offset + 5 + 2 * components) >> 4
        let needsDC = !progressive || (spectralStart == 0 && approximationHigh == 0)
        let needsAC = !progressive || spectralStart != 0
        for component in 0..<components {
          let slots = byte(offset + 4 + 2 * component)
          let (dc, ac) = (slots >> 4, slots & 15)
          guard dc <= 3, ac <= 3 else { return }
          for (needed, defined, name, slot) in [
            (needsDC, definedTables.dc[dc], "DC", dc), (needsAC, definedTables.ac[ac], "AC", ac),
          ] where needed && !defined {
            throw refuse(
              "a JPEG scan uses Huffman table \(name) \(slot), which no earlier DHT segment "
                + "defines")
          }
        }
        offset = skipEntropyCodedData(raw, from: offset + length)
      case 0xDB, 0xDD, 0xE0...0xEF, 0xFE:  // quantization, restart interval, APPn, comment
        guard length >= 2 else { return }
        offset += length
      case 0xDC:  // number of lines: 4 bytes
        offset += 4
      default:  // end of image, or a marker stb_image refuses
        return
      }
    }
  }

  /// The offset of the marker that ends the entropy-coded data starting at `start`: the first
  /// 0xFF (after fill bytes 0xFF) followed by a byte other than 0 (a stuffed 0xFF) or a
  /// restart marker 0xD0...0xD7, which stb_image reads through. The result points at that
  /// 0xFF, or at the end of the data.
  private static func skipEntropyCodedData(_ raw: UnsafeRawBufferPointer, from start: Int) -> Int {
    var offset = start
    while offset < raw.count {
      guard raw[offset] == 0xFF else {
        offset += 1
        continue
      }
      var next = offset + 1
      while next < raw.count, raw[next] == 0xFF { next += 1 }
      guard next < raw.count else { return raw.count }
      let code = raw[next]
      if code != 0 && !(0xD0...0xD7).contains(code) { return next - 1 }
      offset = next + 1
    }
    return raw.count
  }
}
