// The photo recipe of Tests/Reference/README.md ("The photo recipe"): Fashion-MNIST images
// upscaled by fixed-point bilinear interpolation, with a per-image gain and background level
// from fmix32. Integer arithmetic only until the final division by 255, so these pixels are
// the generator's (reference_photo.py) bit for bit.
import LatentLinearAlgebra

/// Builds the photo recipe's pixels from Fashion-MNIST's 28 × 28 training images.
public enum PhotoRecipe {
  /// The side of a source image.
  public static let sourceSide = 28

  /// The IDX rows of the first `perClass` images after `skip` of each class, class by class,
  /// in file order.
  public static func sourceRows(labels: [Int], classes: [Int], perClass: Int, skip: Int) -> [Int] {
    classes.flatMap { c in Array(labels.indices.lazy.filter { labels[$0] == c }.dropFirst(skip).prefix(perClass)) }
  }

  /// Fixed-point bilinear coordinates along an axis of `size` outputs: for output `i`,
  /// `num = i·27`, `i0 = num / (size − 1)`, `i1 = min(i0 + 1, 27)`, weight numerator
  /// `num mod (size − 1)`.
  struct Axis {
    var lower: [Int]
    var upper: [Int]
    var fraction: [Int]
    var denominator: Int

    init(size: Int) {
      denominator = size - 1
      let last = PhotoRecipe.sourceSide - 1
      lower = (0..<size).map { $0 * last / (size - 1) }
      upper = lower.map { Swift.min($0 + 1, last) }
      fraction = (0..<size).map { $0 * last % (size - 1) }
    }
  }

  /// The gain `192 + h₀ mod 129` and background level `h₁ mod 41` of the image at IDX row
  /// `row`, with `hₖ = fmix32(4·row + k + seed·0x9E3779B9)` (mod 2³²).
  public static func exposure(row: Int, seed: Int) -> (gain: Int, level: Int) {
    let base = UInt32(truncatingIfNeeded: 4 * row) &+ UInt32(truncatingIfNeeded: seed) &* 0x9E37_79B9
    return (192 + Int(fmix32(base) % 129), Int(fmix32(base &+ 1) % 41))
  }

  /// The `height × width` integer pixels (row-major) of one 28 × 28 image (`source`, 784 bytes)
  /// from IDX row `row`, written to `output`.
  static func upscale(
    _ source: UnsafeBufferPointer<UInt8>, row: Int, rows: Axis, columns: Axis, seed: Int,
    into output: UnsafeMutableBufferPointer<UInt8>
  ) {
    let (gain, level) = exposure(row: row, seed: seed)
    let (a, b) = (rows.denominator, columns.denominator)
    let side = sourceSide
    let width = columns.lower.count
    for r in 0..<rows.lower.count {
      let (y0, y1, fy) = (rows.lower[r] * side, rows.upper[r] * side, rows.fraction[r])
      for c in 0..<width {
        let (x0, x1, fx) = (columns.lower[c], columns.upper[c], columns.fraction[c])
        let top = (b - fx) * Int(source[y0 + x0]) + fx * Int(source[y0 + x1])
        let bottom = (b - fx) * Int(source[y1 + x0]) + fx * Int(source[y1 + x1])
        let s = (a - fy) * top + fy * bottom
        let v = (2 * s + a * b) / (2 * a * b)  // rounded half up (s ≥ 0)
        output[r * width + c] = UInt8(Swift.min(255, level + ((v * gain + 128) >> 8)))
      }
    }
  }

  /// The integer pixels of the images at these IDX rows: `rows.count × (height·width)`,
  /// row-major. `images` holds every training image, 784 bytes each, in file order.
  public static func pixels(images: [UInt8], rows: [Int], height: Int, width: Int, seed: Int) -> [UInt8] {
    let (vertical, horizontal) = (Axis(size: height), Axis(size: width))
    let d = height * width
    var out = [UInt8](repeating: 0, count: rows.count * d)
    images.withUnsafeBufferPointer { all in
      out.withUnsafeMutableBufferPointer { target in
        for (i, row) in rows.enumerated() {
          let source = UnsafeBufferPointer(rebasing: all[(row * 784)..<((row + 1) * 784)])
          let output = UnsafeMutableBufferPointer(rebasing: target[(i * d)..<((i + 1) * d)])
          upscale(source, row: row, rows: vertical, columns: horizontal, seed: seed, into: output)
        }
      }
    }
    return out
  }

  /// The data matrix: every pixel divided by 255 in `Double` (one correctly rounded
  /// division, as numpy's), then converted to `T`.
  public static func matrix<T: LinearAlgebraScalar>(
    images: [UInt8], rows: [Int], height: Int, width: Int, seed: Int, as _: T.Type = T.self
  ) -> Matrix<T> {
    let values = pixels(images: images, rows: rows, height: height, width: width, seed: seed)
    let scaled = ContiguousArray<T>(unsafeUninitializedCapacity: values.count) { buffer, count in
      for i in values.indices { buffer[i] = T(Double(values[i]) / 255) }
      count = values.count
    }
    // The count matches the shape by construction.
    return try! Matrix(rowCount: rows.count, columnCount: height * width, elements: scaled)
  }
}
