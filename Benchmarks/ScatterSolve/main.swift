// scatter-bench: how Latent's LDA and PCA perform at 100,000 dimensions, against the explicit
// d × d approach and scikit-learn on the same machine and the same data.
import ArgumentParser
import Foundation
import LatentLinearAlgebra

OpenBLASRuntime.restartWithBestKernelIfNeeded(programName: "scatter-bench")
ScatterBench.main()
