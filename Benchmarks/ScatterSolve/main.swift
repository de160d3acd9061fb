// scatter-bench: how Latent's LDA and PCA perform at 100,000 dimensions, against the explicit
// d × d approach and scikit-learn on the same machine and the same data.
import ArgumentParser
import Foundation
import LatentLinearAlgebra

OpenBLASRuntime.restartWithBestKernelIfNeeded(programName: "scatter-bench")
// Large blocks straight from mmap and back to the system when freed (glibc otherwise raises its
// mmap threshold after the first free and keeps such blocks resident), so that each task's peak
// resident memory is its own and not what an earlier task left behind.
// mallopt is glibc's (malloc.h, which Swift's Glibc module does not export): look it up.
if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
  typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
  let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD
  _ = unsafeBitCast(symbol, to: Mallopt.self)(mmapThreshold, 128 * 1024)
}
ScatterBench.main()
