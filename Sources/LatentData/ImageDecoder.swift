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
    guard !data.isEmpty, data.count <= Int(Int32.max) else {
      throw DataError.invalidFormat(
        path: path, detail: data.isEmpty ? "the file is empty" : "the file is too large")
    }
    return try data.withUnsafeBytes { raw in
      let bytes = raw.bindMemory(to: UInt8.self).baseAddress!
      let length = Int32(raw.count)
      var width: Int32 = 0
      var height: Int32 = 0
      var components: Int32 = 0
      guard stbi_info_from_memory(bytes, length, &width, &height, &components) == 1 else {
        throw DataError.invalidFormat(
          path: path, detail: "not an image stb_image can read (\(failureReason()))")
      }
      guard width > 0, height > 0, Int(width) * Int(height) <= maximumPixels else {
        throw DataError.invalidFormat(
          path: path,
          detail: "image of \(width)x\(height) pixels exceeds the limit of \(maximumPixels)")
      }
      let (declaredWidth, declaredHeight) = (width, height)
      guard
        let pixels = stbi_load_from_memory(
          bytes, length, &width, &height, &components, Int32(channels))
      else {
        throw DataError.invalidFormat(
          path: path, detail: "cannot decode the image (\(failureReason()))")
      }
      defer { stbi_image_free(pixels) }
      // The buffer's size follows from the decoded dimensions; they must be the ones checked above.
      guard width == declaredWidth, height == declaredHeight else {
        throw DataError.invalidFormat(
          path: path,
          detail:
            "the image declares \(declaredWidth)x\(declaredHeight) pixels but decodes to \(width)x\(height)"
        )
      }
      let count = Int(width) * Int(height) * channels
      return (Int(width), Int(height), Array(UnsafeBufferPointer(start: pixels, count: count)))
    }
  }

  private static func failureReason() -> String {
    stbi_failure_reason().map { String(cString: $0) } ?? "unknown reason"
  }
}
