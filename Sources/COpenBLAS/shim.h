// Latent's view of the system BLAS and LAPACK: OpenBLAS's CBLAS (with its
// openblas_* runtime functions) and LAPACKE. This module has no stable Swift
// API; only LatentLinearAlgebra imports it.
#ifndef LATENT_COPENBLAS_SHIM_H
#define LATENT_COPENBLAS_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#endif
