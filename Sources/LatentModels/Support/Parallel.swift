import Foundation
import LatentLinearAlgebra

/// Element loops split over the cores: for passes over the data that BLAS does not do
/// (building scaled blocks, class sums and moments), which would otherwise run on one core
/// while the others wait.
enum Parallel {
  /// Below this many elements a loop runs on the calling thread: starting workers costs more.
  static let minimumElements = 1 << 18

  /// How many parts a loop over `elements` values, splittable into at most `limit` parts, runs in.
  static func parts(elements: Int, limit: Int) -> Int {
    guard elements >= minimumElements else { return 1 }
    return Swift.max(1, Swift.min(OpenBLASRuntime.threadCount, ProcessInfo.processInfo.activeProcessorCount, 8, limit))
  }

  /// Runs `body` on the parts `0 ..< count` of `0 ..< total` (consecutive ranges of nearly
  /// equal length), on separate threads when there are several. `body` must write only what
  /// belongs to its range.
  static func forEachRange(of total: Int, parts count: Int, _ body: @Sendable (Range<Int>) -> Void) {
    if count <= 1 {
      body(0..<total)
      return
    }
    DispatchQueue.concurrentPerform(iterations: count) { part in
      body((total * part / count)..<(total * (part + 1) / count))
    }
  }

  /// The column sums of each class's rows, `classCount × d` row-major, in `Double` whatever
  /// the input precision: row `i` is added to class `classOf[i]` (every row to class 0 when
  /// `classOf` is `nil`), rows in input order (as numpy's `np.add.at` does), each worker
  /// owning a range of columns. Not a threaded `?gemv`: OpenBLAS's woken threads keep
  /// spinning afterwards and slow the passes that follow.
  /// - Complexity: O(n · d), one read of the input.
  static func classColumnSums<Scalar: LinearAlgebraScalar>(
    _ x: Matrix<Scalar>, classOf: [Int]?, classCount: Int
  ) -> [Double] {
    let (n, d) = (x.rowCount, x.columnCount)
    var sums = [Double](repeating: 0, count: classCount * d)
    x.elements.withUnsafeBufferPointer { xs in
      sums.withUnsafeMutableBufferPointer { s in
        let shared = UncheckedSendable(value: (xs.baseAddress!, s.baseAddress!))
        forEachRange(of: d, parts: parts(elements: n * d, limit: d / 256)) { columns in
          let (xs, s) = shared.value
          for i in 0..<n {
            let target = s + (classOf?[i] ?? 0) * d + columns.lowerBound
            add(xs + i * d + columns.lowerBound, into: target, count: columns.count)
          }
        }
      }
    }
    return sums
  }
}

extension Parallel {
  /// `Σ |xᵢⱼ|` in `Double`, each worker summing a range of rows. NaN or infinite exactly when
  /// an element is (or, for finite data, when the sum overflows). Not a threaded `?asum`, for
  /// the reason given at ``classColumnSums(_:classOf:classCount:)``.
  /// - Complexity: O(n · d), one read of the input.
  static func sumOfMagnitudes<Scalar: LinearAlgebraScalar>(_ x: Matrix<Scalar>) -> Double {
    let (n, d) = (x.rowCount, x.columnCount)
    let count = parts(elements: n * d, limit: n)
    var partial = [Double](repeating: 0, count: count)
    x.elements.withUnsafeBufferPointer { xs in
      partial.withUnsafeMutableBufferPointer { p in
        let shared = UncheckedSendable(value: (xs.baseAddress!, p.baseAddress!))
        // One part per range, so that each worker writes only its own partial sum.
        forEachRange(of: count, parts: count) { parts in
          let (xs, p) = shared.value
          for part in parts {
            let rows = (n * part / count)..<(n * (part + 1) / count)
            p[part] = magnitudeSum(xs + rows.lowerBound * d, count: rows.count * d)
          }
        }
      }
    }
    return partial.reduce(0, +)
  }
}

/// `Σ |source[j]|` for `j < count` in `Double`, with the `Float`/`Double` cases dispatched to
/// concrete types (see `add(_:into:count:)`): a generic loop that is not specialised runs
/// through witness tables, about 50 times slower.
private func magnitudeSum<Source: LinearAlgebraScalar>(_ source: UnsafePointer<Source>, count: Int) -> Double {
  if Source.self == Double.self {
    return fourWaySum(UnsafeRawPointer(source).assumingMemoryBound(to: Double.self), count: count)
  }
  if Source.self == Float.self {
    return fourWaySum(UnsafeRawPointer(source).assumingMemoryBound(to: Float.self), count: count)
  }
  return fourWaySum(source, count: count)
}

/// `Σ |from[j]|` in four independent sums (one chain of additions would wait on each one's
/// latency). Always inlined, so that each call above is compiled for its concrete type.
@inline(__always)
private func fourWaySum<T: BinaryFloatingPoint>(_ from: UnsafePointer<T>, count: Int) -> Double {
  var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
  var j = 0
  while j + 4 <= count {
    s0 += Double(Swift.abs(from[j]))
    s1 += Double(Swift.abs(from[j + 1]))
    s2 += Double(Swift.abs(from[j + 2]))
    s3 += Double(Swift.abs(from[j + 3]))
    j += 4
  }
  while j < count {
    s0 += Double(Swift.abs(from[j]))
    j += 1
  }
  return (s0 + s1) + (s2 + s3)
}

/// `target[j] += Double(source[j])` for `j < count`, with the `Float`/`Double` cases written
/// out so that they run at full speed where generic code is not specialised.
private func add<Source: LinearAlgebraScalar>(_ source: UnsafePointer<Source>, into target: UnsafeMutablePointer<Double>, count: Int) {
  if Source.self == Double.self {
    let from = UnsafeRawPointer(source).assumingMemoryBound(to: Double.self)
    for j in 0..<count { target[j] += from[j] }
  } else if Source.self == Float.self {
    let from = UnsafeRawPointer(source).assumingMemoryBound(to: Float.self)
    for j in 0..<count { target[j] += Double(from[j]) }
  } else {
    for j in 0..<count { target[j] += Double(source[j]) }
  }
}
