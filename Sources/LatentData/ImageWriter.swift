import CStb

/// Writes 8-bit images with stb_image_write: for contact sheets, and for tests
/// that need real image files.
///
/// ```swift
/// try ImageWriter.write(pixels, width: 400, height: 250, channels: 1, to: "cat/0001.png")
/// ```
public enum ImageWriter {
  /// An encoder.
  public enum Format: Sendable {
    /// Lossless PNG.
    case png
    /// JPEG at a quality of 1...100.
    case jpeg(quality: Int)
    /// Uncompressed BMP.
    case bmp
  }

  /// Writes `pixels` (row-major, channels interleaved, `width × height × channels` bytes).
  ///
  /// - Parameters:
  ///   - pixels: the bytes, `width × height × channels` of them.
  ///   - width: the width in pixels.
  ///   - height: the height in pixels.
  ///   - channels: 1 (gray), 2 (gray + alpha), 3 (RGB) or 4 (RGBA).
  ///   - path: the file to write.
  ///   - format: inferred from the file extension when `nil` (.png, .jpg/.jpeg, .bmp).
  /// - Throws: ``DataError/invalidRequest(_:)`` for a size mismatch or an unknown
  ///   extension, ``DataError/unreadable(path:reason:)`` when the file cannot be written.
  /// - Complexity: O(width × height × channels).
  public static func write(
    _ pixels: [UInt8], width: Int, height: Int, channels: Int, to path: String, format: Format? = nil
  ) throws {
    guard width > 0, height > 0, (1...4).contains(channels), pixels.count == width * height * channels else {
      throw DataError.invalidRequest(
        "ImageWriter: \(pixels.count) bytes do not make a \(width)x\(height) image with \(channels) channel(s).")
    }
    let lowered = path.lowercased()
    let chosen: Format
    if let format {
      chosen = format
    } else if lowered.hasSuffix(".png") {
      chosen = .png
    } else if lowered.hasSuffix(".jpg") || lowered.hasSuffix(".jpeg") {
      chosen = .jpeg(quality: 90)
    } else if lowered.hasSuffix(".bmp") {
      chosen = .bmp
    } else {
      throw DataError.invalidRequest("ImageWriter: cannot tell the format of \(path); use .png, .jpg or .bmp.")
    }
    let (w, h, c) = (Int32(width), Int32(height), Int32(channels))
    let result = pixels.withUnsafeBytes { raw -> Int32 in
      switch chosen {
      case .png: return stbi_write_png(path, w, h, c, raw.baseAddress, w * c)
      case .jpeg(let quality): return stbi_write_jpg(path, w, h, c, raw.baseAddress, Int32(max(1, min(100, quality))))
      case .bmp: return stbi_write_bmp(path, w, h, c, raw.baseAddress)
      }
    }
    guard result != 0 else { throw DataError.unreadable(path: path, reason: "the image could not be written") }
  }
}
