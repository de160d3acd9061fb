/// Resizes 8-bit images with a triangle (bilinear) filter, computing as Pillow's
/// `Image.resize(size, Image.BILINEAR)` does (`ImagingResample` in Pillow's `Resample.c`).
///
/// Each output pixel is a weighted mean of the input pixels under a triangle of half-width
/// `max(1, scale)` input pixels centred on it, so downscaling averages every input pixel
/// (antialiasing) rather than sampling a few. The image is filtered horizontally, then
/// vertically, each pass in integers: weights normalised to sum 1 and stored as fixed-point
/// numbers with 22 fractional bits, sums rounded and clamped to 0...255 after each pass.
///
/// ```swift
/// var resampler = ImageResampler()
/// resampler.resize(source, width: 450, height: 340, channels: 1, into: target, width: 400, height: 250)
/// ```
struct ImageResampler {
  /// Fractional bits of the fixed-point weights: 32 − 8 (a pixel) − 2 (headroom for sums).
  static let precisionBits = 22

  /// The filter of one axis: output `i` reads `count[i]` inputs from `start[i]`, with weights
  /// `weights[i * taps ..< i * taps + count[i]]`.
  struct Axis {
    var start: [Int] = []
    var count: [Int] = []
    var weights: [Int32] = []
    var taps = 0
    /// The same filter as windows of exactly `taps` inputs from `windowStart[i]`: each window
    /// moved left to fit in the input where it would pass its end, its weights moved right by
    /// as much and the rest zero, so that loops over it have one trip count and give the same
    /// sums. Empty when `taps` exceeds the input's length.
    var windowStart: [Int] = []
    var windowWeights: [Int32] = []

    /// The weights for resizing `inSize` pixels to `outSize` (Pillow's `precompute_coeffs`
    /// with the bilinear filter, then `normalize_coeffs_8bpc`).
    ///
    /// - Complexity: O(`outSize` × taps).
    init(inSize: Int, outSize: Int) {
      let scale = Double(inSize) / Double(outSize)
      let filterScale = max(scale, 1)
      let support = filterScale  // the triangle's half-width, 1 input pixel when enlarging
      taps = Int(support.rounded(.up)) * 2 + 1
      start = [Int](repeating: 0, count: outSize)
      count = [Int](repeating: 0, count: outSize)
      weights = [Int32](repeating: 0, count: outSize * taps)
      var k = [Double](repeating: 0, count: taps)
      let one = Double(1 << ImageResampler.precisionBits)
      for i in 0..<outSize {
        let centre = (Double(i) + 0.5) * scale
        // Int(_:) truncates toward zero, as C's (int) cast does.
        let first = max(0, Int(centre - support + 0.5))
        let n = min(inSize, Int(centre + support + 0.5)) - first
        var total = 0.0
        for x in 0..<n {
          let distance = abs((Double(x + first) - centre + 0.5) / filterScale)
          k[x] = distance < 1 ? 1 - distance : 0
          total += k[x]
        }
        for x in 0..<n {
          let w = total != 0 ? k[x] / total : k[x]
          weights[i * taps + x] = Int32(w < 0 ? -0.5 + w * one : 0.5 + w * one)
        }
        start[i] = first
        count[i] = n
      }
      guard taps <= inSize else { return }
      windowStart = [Int](repeating: 0, count: outSize)
      windowWeights = [Int32](repeating: 0, count: outSize * taps)
      for i in 0..<outSize {
        let from = min(start[i], inSize - taps)
        windowStart[i] = from
        for x in 0..<count[i] { windowWeights[i * taps + start[i] - from + x] = weights[i * taps + x] }
      }
    }
  }

  /// The horizontally filtered rows between the passes.
  private var intermediate: [UInt8] = []
  /// One output row's sums in the vertical pass.
  private var sums: [Int32] = []

  /// A sum of fixed-point products as a pixel: rounded (the sums start at one half) and clamped.
  @inline(__always)
  private static func clamped(_ sum: Int32) -> UInt8 {
    let value = sum >> Int32(precisionBits)
    return value < 0 ? 0 : value > 255 ? 255 : UInt8(truncatingIfNeeded: value)
  }

  /// Resizes `source` (`width × height` pixels of `channels` interleaved bytes, row-major)
  /// into `target` (`targetWidth × targetHeight` pixels). A side that keeps its length is not
  /// filtered, so an image of the target size is copied unchanged.
  ///
  /// - Complexity: O(source pixels × taps + target pixels × taps) per channel.
  mutating func resize(
    _ source: UnsafePointer<UInt8>, width: Int, height: Int, channels: Int,
    into target: UnsafeMutablePointer<UInt8>, width targetWidth: Int, height targetHeight: Int
  ) {
    let vertical = Axis(inSize: height, outSize: targetHeight)
    // Rows the vertical pass reads; only they are filtered horizontally.
    let firstRow = vertical.start[0]
    let endRow = vertical.start[targetHeight - 1] + vertical.count[targetHeight - 1]
    let needsHorizontal = width != targetWidth
    let needsVertical = height != targetHeight
    if !needsHorizontal && !needsVertical {
      target.update(from: source, count: width * height * channels)
      return
    }
    let rowLength = targetWidth * channels
    guard needsHorizontal else {
      verticalPass(vertical, rows: source, firstRow: 0, rowLength: rowLength, into: target, height: targetHeight)
      return
    }
    let horizontal = Axis(inSize: width, outSize: targetWidth)
    let rowCount = endRow - firstRow
    if intermediate.count < rowCount * rowLength { intermediate = [UInt8](repeating: 0, count: rowCount * rowLength) }
    var buffer = intermediate
    intermediate = []  // uniquely referenced while it is written
    buffer.withUnsafeMutableBufferPointer { buffer in
      let out = needsVertical ? buffer.baseAddress! : target
      Self.horizontalPass(
        horizontal, rows: source + firstRow * width * channels, count: rowCount, width: width,
        channels: channels, into: out, rowLength: rowLength)
      if needsVertical {
        verticalPass(
          vertical, rows: UnsafePointer(buffer.baseAddress!), firstRow: firstRow, rowLength: rowLength,
          into: target, height: targetHeight)
      }
    }
    intermediate = buffer
  }

  /// Filters `count` rows of `width` pixels into rows of `rowLength` bytes: for each output
  /// pixel, `Σ pixel[t] · k[t]` over its window. The common window lengths (an enlarged side
  /// has 3 taps, one reduced by up to 1.5× has 5, by up to 2.5× 7) get loops of their own with
  /// the sum written out, as a loop over so few taps costs more than the products.
  private static func horizontalPass(
    _ horizontal: Axis, rows: UnsafePointer<UInt8>, count: Int, width: Int, channels: Int,
    into out: UnsafeMutablePointer<UInt8>, rowLength: Int
  ) {
    let half = Int32(1 << (Self.precisionBits - 1))
    let outWidth = rowLength / channels
    let taps = horizontal.taps
    let fixed = !horizontal.windowStart.isEmpty
    let starts = fixed ? horizontal.windowStart : horizontal.start
    let weights = fixed ? horizontal.windowWeights : horizontal.weights
    starts.withUnsafeBufferPointer { starts in
      weights.withUnsafeBufferPointer { weights in
        horizontal.count.withUnsafeBufferPointer { counts in
          let (starts, weights, counts) = (starts.baseAddress!, weights.baseAddress!, counts.baseAddress!)
          /// Runs `sum(pixel, k)` for every output pixel and channel of every row.
          @inline(__always)
          func each(_ sum: (_ pixel: UnsafePointer<UInt8>, _ k: UnsafePointer<Int32>, _ x: Int) -> Int32) {
            for y in 0..<count {
              let input = rows + y &* width &* channels
              let outRow = out + y &* rowLength
              for x in 0..<outWidth {
                let k = weights + x &* taps
                let pixel = input + starts[x] &* channels
                for c in 0..<channels { outRow[x &* channels &+ c] = clamped(half &+ sum(pixel + c, k, x)) }
              }
            }
          }
          // Gray images of the common window lengths: one loop each, no channel loop, the
          // products in 64-bit integers (exact, like the 32-bit ones; the compiler does not
          // pack them into slow 32-bit vector multiplies).
          @inline(__always)
          func eachGray(_ sum: (_ pixel: UnsafePointer<UInt8>, _ k: UnsafePointer<Int32>) -> Int) {
            for y in 0..<count {
              let input = rows + y &* width
              let outRow = out + y &* rowLength
              for x in 0..<outWidth {
                outRow[x] = clamped(half &+ Int32(truncatingIfNeeded: sum(input + starts[x], weights + x &* taps)))
              }
            }
          }
          @inline(__always) func g(_ pixel: UnsafePointer<UInt8>, _ k: UnsafePointer<Int32>, _ t: Int) -> Int {
            Int(pixel[t]) &* Int(k[t])
          }
          switch (fixed && channels == 1, taps) {
          case (true, 3): return eachGray { q, k in g(q, k, 0) &+ g(q, k, 1) &+ g(q, k, 2) }
          case (true, 5): return eachGray { q, k in g(q, k, 0) &+ g(q, k, 1) &+ g(q, k, 2) &+ g(q, k, 3) &+ g(q, k, 4) }
          case (true, 7):
            return eachGray { q, k in
              g(q, k, 0) &+ g(q, k, 1) &+ g(q, k, 2) &+ g(q, k, 3) &+ g(q, k, 4) &+ g(q, k, 5) &+ g(q, k, 6)
            }
          default: break
          }
          if fixed && channels == 3 {
            // RGB: the three sums of a pixel together, sharing its weights.
            for y in 0..<count {
              let input = rows + y &* width &* 3
              let outRow = out + y &* rowLength
              for x in 0..<outWidth {
                let q = input + starts[x] &* 3
                let k = weights + x &* taps
                var (r, g, b) = (0, 0, 0)
                for t in 0..<taps {
                  let w = Int(k[t])
                  r &+= Int(q[3 &* t]) &* w
                  g &+= Int(q[3 &* t &+ 1]) &* w
                  b &+= Int(q[3 &* t &+ 2]) &* w
                }
                outRow[3 &* x] = clamped(half &+ Int32(truncatingIfNeeded: r))
                outRow[3 &* x &+ 1] = clamped(half &+ Int32(truncatingIfNeeded: g))
                outRow[3 &* x &+ 2] = clamped(half &+ Int32(truncatingIfNeeded: b))
              }
            }
            return
          }
          let s = channels
          @inline(__always) func p(_ pixel: UnsafePointer<UInt8>, _ t: Int) -> Int32 { Int32(pixel[t &* s]) }
          switch (fixed, taps) {
          case (true, 3):
            each { q, k, _ in p(q, 0) &* k[0] &+ p(q, 1) &* k[1] &+ p(q, 2) &* k[2] }
          case (true, 5):
            each { q, k, _ in
              p(q, 0) &* k[0] &+ p(q, 1) &* k[1] &+ p(q, 2) &* k[2] &+ p(q, 3) &* k[3] &+ p(q, 4) &* k[4]
            }
          case (true, 7):
            each { q, k, _ in
              (p(q, 0) &* k[0] &+ p(q, 1) &* k[1] &+ p(q, 2) &* k[2] &+ p(q, 3) &* k[3])
                &+ (p(q, 4) &* k[4] &+ p(q, 5) &* k[5] &+ p(q, 6) &* k[6])
            }
          default:
            each { q, k, x in
              var sum: Int32 = 0
              for t in 0..<(fixed ? taps : counts[x]) { sum &+= p(q, t) &* k[t] }
              return sum
            }
          }
        }
      }
    }
  }

  /// Filters the columns of `rows` (input rows `firstRow...`, `rowLength` bytes each) into
  /// `height` rows of `target`, a whole row of sums at a time.
  private mutating func verticalPass(
    _ vertical: Axis, rows: UnsafePointer<UInt8>, firstRow: Int, rowLength: Int,
    into target: UnsafeMutablePointer<UInt8>, height: Int
  ) {
    let half = Int32(1 << (Self.precisionBits - 1))
    if sums.count < rowLength { sums = [Int32](repeating: 0, count: rowLength) }
    sums.withUnsafeMutableBufferPointer { sums in
      vertical.weights.withUnsafeBufferPointer { weights in
        for y in 0..<height {
          let k = weights.baseAddress! + y * vertical.taps
          let from = vertical.start[y] - firstRow
          for i in 0..<rowLength { sums[i] = half }
          for t in 0..<vertical.count[y] {
            let input = rows + (from &+ t) &* rowLength
            let w = k[t]
            for i in 0..<rowLength { sums[i] &+= Int32(input[i]) &* w }
          }
          let outRow = target + y * rowLength
          for i in 0..<rowLength { outRow[i] = Self.clamped(sums[i]) }
        }
      }
    }
  }
}
