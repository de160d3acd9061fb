// The `Latent` product: import this one module to get everything.
@_exported import LatentLinearAlgebra
