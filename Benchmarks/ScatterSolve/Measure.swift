import Foundation
import LatentLinearAlgebra

/// Peak resident memory of this process, from /proc/self/status.
enum Memory {
  /// VmHWM in bytes (the high-water mark of the resident set), or 0 where unavailable.
  static func peakResidentBytes() -> Int { statusField("VmHWM") }

  /// VmRSS in bytes (the current resident set).
  static func residentBytes() -> Int { statusField("VmRSS") }

  /// Resets the high-water mark to the current resident set (Linux: writing 5 to /proc/self/clear_refs),
  /// so that the next `peakResidentBytes()` is the peak of what runs in between.
  @discardableResult
  static func resetPeak() -> Bool {
    guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
    defer { try? handle.close() }
    return (try? handle.write(contentsOf: Data("5".utf8))) != nil
  }

  /// The machine's physical memory in bytes (MemTotal).
  static func physicalBytes() -> Int { field("/proc/meminfo", "MemTotal") }

  /// The memory available for new work in bytes (MemAvailable).
  static func availableBytes() -> Int { field("/proc/meminfo", "MemAvailable") }

  private static func statusField(_ name: String) -> Int { field("/proc/self/status", name) }

  private static func field(_ file: String, _ name: String) -> Int {
    guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
      let parts = line.split(separator: " ", omittingEmptySubsequences: true)
      if parts.count >= 2, let kilobytes = Int(parts[1]) { return kilobytes * 1024 }
    }
    return 0
  }
}

/// The median of a non-empty list.
func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  let middle = sorted.count / 2
  return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// One timed measurement: median seconds over `repeats` runs after a warm-up,
/// and the peak resident memory during the measured runs.
struct Timing {
  var seconds: Double
  var all: [Double]
  var peakResidentBytes: Int
  /// The peak minus the resident set just before the measured runs (which holds the input):
  /// the task's own working memory.
  var extraResidentBytes: Int
}

/// Runs `body` once to warm up, then `repeats` times; the peak RSS is reset before the
/// measured runs and read after them (the warm-up's own peak is excluded).
func measure(repeats: Int, _ body: () throws -> Void) rethrows -> Timing {
  try body()
  Memory.resetPeak()
  let before = Memory.residentBytes()
  var samples: [Double] = []
  for _ in 0..<max(1, repeats) {
    let start = monotonicSeconds()
    try body()
    samples.append(monotonicSeconds() - start)
  }
  let peak = Memory.peakResidentBytes()
  return Timing(seconds: median(samples), all: samples, peakResidentBytes: peak, extraResidentBytes: max(0, peak - before))
}

/// Formats bytes as "412 MB" or "2.1 GB".
func formatBytes(_ bytes: Int) -> String {
  let value = Double(bytes)
  if value >= 1e9 { return String(format: "%.2f GB", value / 1e9) }
  if value >= 1e6 { return String(format: "%.0f MB", value / 1e6) }
  return String(format: "%.0f kB", value / 1e3)
}

/// Formats seconds with three significant digits.
func formatSeconds(_ seconds: Double) -> String {
  if seconds >= 100 { return String(format: "%.0f s", seconds) }
  if seconds >= 10 { return String(format: "%.1f s", seconds) }
  if seconds >= 1 { return String(format: "%.2f s", seconds) }
  return String(format: "%.3f s", seconds)
}
