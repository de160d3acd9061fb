import CStb
import Foundation

/// Decodes image files in memory with stb_image, checking the declared size
/// before any pixel is allocated.
///
/// ```swift
/// let image = try ImageDecoder.decode(data: downloaded, channels: 1)
/// print(image.width, image.height, image.pixels.count)   // pixels: width × height × channels
/// ```
///
/// Reads whatever stb_image reads (JPEG, PNG, BMP, GIF — first frame —, TGA, PSD,
/// HDR, PIC, PNM); 16-bit and HDR images are reduced to 8 bits.
public enum ImageDecoder {
  /// The default ceiling on an image's declared size: 100 megapixels.
  public static let defaultMaximumPixels = 100_000_000

  /// Decodes an image into 8-bit pixels, row-major, channels interleaved.
  ///
  /// - Parameters:
  ///   - data: the bytes of an image file.
  ///   - channels: 1 (grayscale), 2 (gray and alpha), 3 (RGB) or 4 (RGBA); the image is converted.
  ///   - maximumPixels: images declaring more pixels (width × height) are refused before decoding.
  ///   - path: used in messages only.
  /// - Returns: the width, the height, and `width × height × channels` bytes.
  /// - Throws: ``DataError/invalidFormat(path:detail:)`` for data stb_image cannot read or an
  ///   image over the limit; ``DataError/invalidRequest(_:)`` for a channel count outside 1...4.
  /// - Complexity: O(`data.count` + pixels).
  public static func decode(
    data: Data, channels: Int, maximumPixels: Int = defaultMaximumPixels, path: String = "<memory>"
  ) throws -> (width: Int, height: Int, pixels: [UInt8]) {
    guard (1...4).contains(channels) else {
      throw DataError.invalidRequest(
        "ImageDecoder: \(channels) channels requested; use 1, 2, 3 or 4.")
    }
    return try data.withUnsafeBytes { raw in
      try decode(bytes: raw, channels: channels, maximumPixels: maximumPixels, path: path)
    }
  }

  /// ``decode(data:channels:maximumPixels:path:)`` on bytes in memory; `channels` is 1...4.
  static func decode(
    bytes raw: UnsafeRawBufferPointer, channels: Int, maximumPixels: Int, path: String
  ) throws -> (width: Int, height: Int, pixels: [UInt8]) {
    guard raw.count > 0, raw.count <= Int(Int32.max) else {
      throw DataError.invalidFormat(
        path: path, detail: raw.count == 0 ? "the file is empty" : "the file is too large")
    }
    try checkPNGChunks(raw, path: path)
    try checkJPEGSegments(raw, path: path)
    var width: Int32 = 0
    var height: Int32 = 0
    var components: Int32 = 0
    guard stbi_info_from_memory(start(raw), Int32(raw.count), &width, &height, &components) == 1
    else {
      throw DataError.invalidFormat(
        path: path, detail: "not an image stb_image can read (\(failureReason()))")
    }
    guard width > 0, height > 0, Int(width) * Int(height) <= maximumPixels else {
      throw DataError.invalidFormat(
        path: path,
        detail: "image of \(width)x\(height) pixels exceeds the limit of \(maximumPixels)")
    }
    let declared = (width: width, height: height, components: components)
    let pixels: [UInt8]
    if let headerLength = pnmHeaderLength(raw) {
      pixels = try decodePNM(
        raw, headerLength: headerLength, declared: declared, channels: channels, path)
    } else {
      pixels = try load(
        stbi_load_from_memory, raw, channels: Int32(channels), declared: declared, path)
    }
    return (Int(width), Int(height), pixels)
  }

  private typealias Loader<Sample> = (
    UnsafePointer<UInt8>?, Int32, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?,
    UnsafeMutablePointer<Int32>?, Int32
  ) -> UnsafeMutablePointer<Sample>?

  private static func start(_ raw: UnsafeRawBufferPointer) -> UnsafePointer<UInt8> {
    raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
  }

  /// Runs an stb_image loader (`stbi_load_from_memory`, `stbi_load_16_from_memory`) and
  /// copies its pixels, after checking that it decoded the size `stbi_info` declared.
  ///
  /// - Parameter requested: the channels to convert to, or 0 for the image's own.
  private static func load<Sample>(
    _ loader: Loader<Sample>, _ raw: UnsafeRawBufferPointer, channels requested: Int32,
    declared: (width: Int32, height: Int32, components: Int32), _ path: String
  ) throws -> [Sample] {
    var width: Int32 = 0
    var height: Int32 = 0
    var components: Int32 = 0
    guard let pixels = loader(start(raw), Int32(raw.count), &width, &height, &components, requested)
    else {
      throw DataError.invalidFormat(
        path: path, detail: "cannot decode the image (\(failureReason()))")
    }
    defer { stbi_image_free(pixels) }
    // The buffer's size follows from the decoded size, so it must be the one checked.
    guard width == declared.width, height == declared.height,
      requested != 0 || components == declared.components
    else {
      throw DataError.invalidFormat(
        path: path,
        detail:
          "the image declares \(declared.width)x\(declared.height) pixels but decodes to \(width)x\(height)"
      )
    }
    let channels = requested == 0 ? Int(components) : Int(requested)
    return Array(UnsafeBufferPointer(start: pixels, count: Int(width) * Int(height) * channels))
  }

  /// Decodes binary PGM and PPM, working around stb_image 2.27 (Debian 12), which mishandles
  /// them three ways: it converts 16-bit samples with its 8-bit channel conversion and then
  /// reads past the converted buffer; it reads 16-bit samples in the machine's byte order
  /// rather than big-endian; and for short data it returns its uninitialised buffer as
  /// pixels. So the length is checked first, stb_image decodes in the file's own channels,
  /// and the samples are reduced to 8 bits and converted here.
  private static func decodePNM(
    _ raw: UnsafeRawBufferPointer, headerLength: Int,
    declared: (width: Int32, height: Int32, components: Int32),
    channels: Int, _ path: String
  ) throws -> [UInt8] {
    let wide = stbi_is_16_bit_from_memory(start(raw), Int32(raw.count)) == 1
    let sampleCount = Int(declared.width) * Int(declared.height) * Int(declared.components)
    let needed = sampleCount * (wide ? 2 : 1)
    guard raw.count - headerLength >= needed else {
      throw DataError.invalidFormat(
        path: path,
        detail:
          "the PNM data ends after \(raw.count - headerLength) of \(needed) bytes (truncated file?)"
      )
    }
    let samples: [UInt8]
    if wide {
      // Each sample's bytes as they are in the file, big-endian: keep the high byte.
      samples = try load(stbi_load_16_from_memory, raw, channels: 0, declared: declared, path)
        .map { UInt8(UInt16(bigEndian: $0) >> 8) }
    } else {
      samples = try load(stbi_load_from_memory, raw, channels: 0, declared: declared, path)
    }
    return samples.withUnsafeBufferPointer {
      convert($0, from: Int(declared.components), to: channels)
    }
  }

  /// Converts interleaved pixels between channel counts as stb_image does
  /// (`stbi__convert_format`): gray is `(77 r + 150 g + 29 b) >> 8`, added alpha is opaque.
  ///
  /// - Complexity: O(pixels).
  private static func convert(
    _ source: UnsafeBufferPointer<UInt8>, from inChannels: Int, to outChannels: Int
  ) -> [UInt8] {
    if inChannels == outChannels { return Array(source) }
    let pixelCount = source.count / inChannels
    var result = [UInt8](repeating: 255, count: pixelCount * outChannels)
    let colour = inChannels >= 3
    let hasAlpha = inChannels == 2 || inChannels == 4
    for pixel in 0..<pixelCount {
      let (i, o) = (pixel * inChannels, pixel * outChannels)
      let (r, g, b) =
        colour ? (source[i], source[i + 1], source[i + 2]) : (source[i], source[i], source[i])
      let alpha = hasAlpha ? source[i + inChannels - 1] : 255
      switch outChannels {
      case 1, 2:
        result[o] = colour ? luminance(r, g, b) : r
        if outChannels == 2 { result[o + 1] = alpha }
      default:
        (result[o], result[o + 1], result[o + 2]) = (r, g, b)
        if outChannels == 4 { result[o + 3] = alpha }
      }
    }
    return result
  }

  /// stb_image's gray value of a colour (`stbi__compute_y`).
  private static func luminance(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
    let weighted = 77 * Int(r) + 150 * Int(g) + 29 * Int(b)
    return UInt8(weighted >> 8)
  }

  /// The length of the header of a binary PGM or PPM file (`P5`, `P6`), read as
  /// stb_image 2.27's `stbi__pnm_info` reads it; `nil` for any other data.
  ///
  /// - Complexity: O(header length).
  private static func pnmHeaderLength(_ bytes: UnsafeRawBufferPointer) -> Int? {
    var position = 0
    var atEnd: Bool { position >= bytes.count }
    func next() -> UInt8 {
      guard !atEnd else { return 0 }
      position += 1
      return bytes[position - 1]
    }
    guard next() == UInt8(ascii: "P"), [UInt8(ascii: "5"), UInt8(ascii: "6")].contains(next())
    else { return nil }
    var c = next()
    func skipWhitespaceAndComments() {
      while true {
        while !atEnd && [9, 10, 11, 12, 13, 32].contains(c) { c = next() }
        if atEnd || c != UInt8(ascii: "#") { return }
        while !atEnd && c != UInt8(ascii: "\n") && c != UInt8(ascii: "\r") { c = next() }
      }
    }
    // Width, height and maximum value; stb_image stops after the character that ends each.
    for _ in 0..<3 {
      skipWhitespaceAndComments()
      while !atEnd && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) { c = next() }
    }
    return position
  }

  private static func failureReason() -> String {
    stbi_failure_reason().map { String(cString: $0) } ?? "unknown reason"
  }
}
