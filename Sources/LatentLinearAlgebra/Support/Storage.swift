#if canImport(Glibc)
  import Glibc
#endif

/// Storage for `count` elements that the caller writes in full before reading any: not
/// filled first, so each page is written once, by the caller.
///
/// - Parameter hugePages: ask Linux for transparent huge pages (``adviseHugePages(_:)``), as
///   numpy does for large arrays, so that a `.npy` read pays what `numpy.load` pays. Image
///   loads leave it off: on a virtual machine, huge pages the host has not provided yet cost
///   more to touch first than the page faults they save, and whether they are ready depends
///   on what ran before; 4 KiB pages cost the same every time.
/// - Complexity: O(1); the pages are provided as they are first written.
package func uninitializedStorage<Scalar: LinearAlgebraScalar>(count: Int, hugePages: Bool = false) -> ContiguousArray<Scalar> {
  ContiguousArray(unsafeUninitializedCapacity: count) { buffer, initialized in
    if hugePages { adviseHugePages(UnsafeMutableRawBufferPointer(buffer)) }
    initialized = count
  }
}

/// Asks Linux to back a large, not yet touched buffer with transparent huge pages (2 MiB),
/// which saves most of the page faults of first touching it (hundreds of thousands for
/// 0.8 GB). Advisory: nothing changes where it is not supported.
package func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
  #if os(Linux)
    let hugePage = 2 << 20
    guard let base = buffer.baseAddress, buffer.count >= 4 * hugePage else { return }
    let start = (Int(bitPattern: base) + hugePage - 1) & ~(hugePage - 1)
    let end = (Int(bitPattern: base) + buffer.count) & ~(hugePage - 1)
    guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
    _ = madvise(pointer, end - start, MADV_HUGEPAGE)
  #endif
}

/// Provides the pages of a buffer that is written from start to end a block at a time
/// ahead of the writes, with one `madvise(MADV_POPULATE_WRITE)` per block instead of one page
/// fault per 4 KiB page. Advisory: on kernels without it (before Linux 5.14) the writes fault
/// the pages in as usual.
package struct PagePrefetcher {
  private let base: UnsafeMutableRawPointer?
  private let count: Int
  private var provided = 0
  /// Bytes provided per call.
  private let block = 8 << 20

  package init(_ buffer: UnsafeMutableRawBufferPointer) {
    base = buffer.baseAddress
    count = buffer.count
  }

  /// Makes sure the bytes up to `end` (and a block beyond) have their pages.
  package mutating func provide(upTo end: Int) {
    #if os(Linux)
      guard let base, end > provided, provided < count else { return }
      let page = 4096
      let start = (Int(bitPattern: base) + provided) & ~(page - 1)
      let stop = min(Int(bitPattern: base) + count, Int(bitPattern: base) + end + block)
      provided = stop - Int(bitPattern: base)
      guard let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
      _ = madvise(pointer, stop - start, 23)  // MADV_POPULATE_WRITE
    #endif
  }
}
