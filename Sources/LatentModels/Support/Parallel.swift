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
}
