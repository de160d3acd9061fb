#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

// The C library's elementary functions, for the few places where LDA needs them
// (log priors, softmax, the logistic function). The standard library has no
// generic `log` or `exp`; `Float` results go through `Double`.

@inline(__always)
func naturalLog(_ x: Double) -> Double { log(x) }

@inline(__always)
func naturalExp(_ x: Double) -> Double { exp(x) }

/// Asks Linux to back a large, not yet touched buffer with transparent huge pages (2 MiB),
/// which saves most of the page faults of first touching the `n × d` working copy
/// (hundreds of thousands for 0.4 GB). Advisory: nothing changes where it is not supported.
func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
  #if os(Linux)
    let hugePage = 2 << 20
    guard let base = buffer.baseAddress, buffer.count >= 4 * hugePage else { return }
    let start = (Int(bitPattern: base) + hugePage - 1) & ~(hugePage - 1)
    let end = (Int(bitPattern: base) + buffer.count) & ~(hugePage - 1)
    guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
    _ = madvise(pointer, end - start, MADV_HUGEPAGE)
  #endif
}
