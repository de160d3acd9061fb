import Dispatch
import Foundation

/// Work items `0 ..< count` produced on worker threads and consumed on the calling thread in
/// index order, so that whatever the consumer does (assigning rows, recording skipped files,
/// reporting progress) happens exactly as in a sequential loop, whatever the threads' timing.
///
/// Workers take the lowest index not yet taken, but never run more than `window` items ahead
/// of the consumer, which bounds the results held at once. The consumer can mark items that it
/// will not need (``skip(_:)``); a worker that takes one produces nothing for it.
///
/// ```swift
/// try OrderedPipeline.run(count: files.count, produce: { decode(files[$0]) }) { index, result in
///   use(result)   // index 0, 1, 2, … on the calling thread
/// }
/// ```
final class OrderedPipeline<Result>: @unchecked Sendable {
  // All fields are guarded by `condition`.
  private let condition = NSCondition()
  private var results: [Int: Result?] = [:]
  private var nextToTake = 0
  private var consumed = 0
  private var unneeded: [Bool]
  private var stopped = false
  private let count: Int
  private let window: Int

  private init(count: Int, window: Int) {
    self.count = count
    self.window = window
    self.unneeded = [Bool](repeating: false, count: count)
  }

  /// Runs `produce` for every index on `workers` threads and `consume` for every index, in
  /// order, on the calling thread: with the result, or `nil` for an index marked by ``skip(_:)``
  /// before a worker took it. If `consume` throws, the workers stop after their current item
  /// and the error is rethrown once they have.
  ///
  /// - Parameter workers: threads producing; by default one per active processor.
  /// - Complexity: `count` calls of `produce` (fewer when items are skipped) and of `consume`.
  static func run(
    count: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
    produce: @escaping @Sendable (Int) -> Result,
    consume: (_ pipeline: OrderedPipeline, _ index: Int, _ result: Result?) throws -> Void
  ) rethrows {
    let workers = max(1, min(workers, count))
    let pipeline = OrderedPipeline(count: count, window: 4 * workers)
    let group = DispatchGroup()
    for _ in 0..<workers {
      DispatchQueue.global().async(group: group) { pipeline.work(produce) }
    }
    defer {
      pipeline.stop()
      group.wait()
    }
    for index in 0..<count {
      try consume(pipeline, index, pipeline.take(index))
    }
  }

  /// Marks `indices` as not needed: a worker that has not taken one yet will not produce it.
  func skip(_ indices: Range<Int>) {
    condition.lock()
    for index in indices.clamped(to: 0..<count) { unneeded[index] = true }
    condition.unlock()
  }

  private func stop() {
    condition.lock()
    stopped = true
    condition.broadcast()
    condition.unlock()
  }

  private func work(_ produce: (Int) -> Result) {
    condition.lock()
    while true {
      while !stopped && nextToTake < count && nextToTake >= consumed + window { condition.wait() }
      if stopped || nextToTake >= count { break }
      let index = nextToTake
      nextToTake += 1
      if unneeded[index] {
        results[index] = .some(nil)
      } else {
        condition.unlock()
        let result = produce(index)
        condition.lock()
        results[index] = .some(result)
      }
      condition.broadcast()
    }
    condition.unlock()
  }

  /// Waits for item `index` (the next in order) and removes it.
  private func take(_ index: Int) -> Result? {
    condition.lock()
    defer { condition.unlock() }
    while results[index] == nil { condition.wait() }
    let result = results.removeValue(forKey: index)!
    consumed = index + 1
    condition.broadcast()
    return result
  }
}
