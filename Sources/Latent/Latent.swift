// The `Latent` product: import this one module to get everything.
@_exported import LatentLinearAlgebra
@_exported import LatentMetrics
@_exported import LatentModels
