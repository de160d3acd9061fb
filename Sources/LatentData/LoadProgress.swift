import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Progress of a long load on standard error: a bar redrawn in place when stderr is a
/// terminal, a plain line every few seconds otherwise, nothing for a load that ends within
/// its first second.
///
/// ```swift
/// let progress = LoadProgress("loading images", total: files.count)
/// for done in 1...files.count { …; progress.update(done) }
/// progress.finish()
/// ```
///
/// Used from one thread only.
final class LoadProgress {
  private let title: String
  private let total: Int
  private let start = Date()
  private let interactive = isatty(STDERR_FILENO) == 1
  /// Seconds before anything is shown.
  private let delay = 1.0
  private var lastShown: Date?
  private var done = 0

  init(_ title: String, total: Int) {
    self.title = title
    self.total = total
  }

  /// Records that `done` of the items are finished, redrawing when it is time to.
  func update(_ done: Int) {
    self.done = done
    let now = Date()
    guard total > 0, now.timeIntervalSince(start) >= delay else { return }
    if let last = lastShown, now.timeIntervalSince(last) < (interactive ? 0.1 : 5) { return }
    lastShown = now
    show(now, final: false)
  }

  /// Ends the display: the bar's last state on its own line, or a closing plain line; nothing
  /// when nothing was shown.
  func finish() {
    guard lastShown != nil else { return }
    show(Date(), final: true)
    lastShown = nil
  }

  private func show(_ now: Date, final: Bool) {
    let seconds = String(format: "%.1f s", now.timeIntervalSince(start))
    let line: String
    if interactive {
      let width = 30
      let filled = width * done / total
      let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
      line = "\r\u{1B}[2K\(title) \(bar) \(done)/\(total) \(seconds)\(final ? "\n" : "")"
    } else {
      line = "\(title): \(done)/\(total) (\(100 * done / total)%) after \(seconds)\n"
    }
    FileHandle.standardError.write(Data(line.utf8))
  }
}
