import Foundation

#if canImport(Glibc)
  @preconcurrency import Glibc
#endif

/// Messages and progress on standard error; progress only when it is a terminal.
enum Terminal {
  static let isInteractive = isatty(STDERR_FILENO) == 1

  static func note(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }

  /// A one-line display of the current step, redrawn in place; silent when stderr is not a
  /// terminal. (Image folders show their own progress: ``ImageFolder/showsProgress``.)
  final class Progress: @unchecked Sendable {
    private let title: String
    private var active = false

    init(_ title: String) { self.title = title }

    /// Shows a step that has no measurable progress ("fitting lda3 on 512 × 784 …").
    func step(_ text: String) {
      guard Terminal.isInteractive else { return }
      active = true
      FileHandle.standardError.write(Data("\r\u{1B}[2K\(title) \(text)".utf8))
    }

    func finish() {
      guard active else { return }
      FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
      active = false
    }
  }
}
