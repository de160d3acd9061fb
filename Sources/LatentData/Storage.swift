import LatentLinearAlgebra

/// Storage for `count` elements that the caller writes in full before reading any: not
/// filled first, so each page is written once, by the caller.
///
/// Not advised to use transparent huge pages: on virtual machines, first touching fresh 2 MiB
/// pages (which the host must provide) can cost more than the page faults saved.
///
/// - Complexity: O(1); the pages are provided as they are first written.
func uninitializedStorage<Scalar: LinearAlgebraScalar>(count: Int) -> ContiguousArray<Scalar> {
  ContiguousArray(unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
}
