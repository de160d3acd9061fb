import LatentLinearAlgebra

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
func uninitializedStorage<Scalar: LinearAlgebraScalar>(count: Int, hugePages: Bool = false) -> ContiguousArray<Scalar> {
  ContiguousArray(unsafeUninitializedCapacity: count) { buffer, initialized in
    if hugePages { adviseHugePages(UnsafeMutableRawBufferPointer(buffer)) }
    initialized = count
  }
}

/// Asks Linux to back a large, not yet touched buffer with transparent huge pages (2 MiB),
/// which saves most of the page faults of first touching it (hundreds of thousands for
/// 0.8 GB). Advisory: nothing changes where it is not supported.
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
