import Foundation

/// Checks an estimate of the memory a computation will allocate against what the machine has,
/// before allocating: a d × d path at d = 100,000 needs 80 GB per matrix, and being killed by the
/// kernel is worse than a clear error.
enum MemoryGuard {
  /// The memory available for new allocations: `MemAvailable` from /proc/meminfo, or the
  /// physical memory where that is unreadable; `Int.max` when neither is known.
  static func availableBytes() -> Int {
    if let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) {
      for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
        let parts = line.split(separator: " ", omittingEmptySubsequences: true)
        if parts.count >= 2, let kilobytes = Int(parts[1]) { return kilobytes * 1024 }
      }
    }
    let physical = ProcessInfo.processInfo.physicalMemory
    return physical > 0 ? Int(clamping: physical) : Int.max
  }

  /// Throws ``ModelError/insufficientMemory(operation:bytesNeeded:bytesAvailable:alternative:)``
  /// when `bytes` exceeds the available memory.
  static func check(bytes: Int, operation: String, alternative: String) throws {
    let available = availableBytes()
    guard bytes <= available else {
      throw ModelError.insufficientMemory(
        operation: operation, bytesNeeded: bytes, bytesAvailable: available, alternative: alternative)
    }
  }

  /// The product of sizes, saturating at `Int.max` instead of overflowing.
  static func bytes(_ factors: Int...) -> Int {
    var product = 1
    for factor in factors {
      let (result, overflow) = product.multipliedReportingOverflow(by: factor)
      if overflow { return Int.max }
      product = result
    }
    return product
  }

  /// "80 GB", "512 MB".
  static func format(_ bytes: Int) -> String {
    let value = Double(bytes)
    if value >= 1e9 { return String(format: "%.1f GB", value / 1e9) }
    return String(format: "%.0f MB", value / 1e6)
  }
}
