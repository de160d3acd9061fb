import COpenBLAS

// The one place where Swift values become CBLAS and LAPACKE arguments.

/// LAPACKE's `LAPACK_COL_MAJOR`. Latent calls LAPACKE's column-major entry
/// points only: the row-major ones transpose their input into a temporary copy,
/// which at n × 100,000 would double the memory. A row-major `Matrix` is handed
/// to LAPACK as the column-major storage of its transpose, and each
/// decomposition is written so that this costs nothing (see Decompositions/).
let lapackColumnMajor: Int32 = 102

@inline(__always)
func cblasTranspose(_ transpose: Bool) -> CBLAS_TRANSPOSE {
  transpose ? CblasTrans : CblasNoTrans
}

@inline(__always)
func cblasUplo(lower: Bool) -> CBLAS_UPLO {
  lower ? CblasLower : CblasUpper
}

@inline(__always)
func lapackChar(_ ascii: Unicode.Scalar) -> CChar {
  CChar(UInt8(ascii: ascii))
}

@inline(__always)
func lapackJob(_ vectors: Bool) -> CChar {
  lapackChar(vectors ? "V" : "N")
}

@inline(__always)
func lapackUplo(_ upper: Bool) -> CChar {
  lapackChar(upper ? "U" : "L")
}
