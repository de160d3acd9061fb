// Memory-bound products of a wide matrix with a few vectors, for LatentModels.
//
// No stable API: these are LatentModels' internals, called through ThinProducts.
// Every pointer and size is checked by the Swift caller. Each routine picks an AVX2 + FMA
// version at run time when the processor has those instructions (x86-64), and a portable
// version otherwise.

#ifndef LATENT_THIN_PRODUCTS_H
#define LATENT_THIN_PRODUCTS_H

#ifdef __cplusplus
extern "C" {
#endif

/// out[i * b + t] = sum_j (a[i * lda + j] − mean[j]) * y[t * ldy + j] for i < rows, t < b, j < d
/// (out overwritten); mean may be NULL (no centring).
void latent_thin_forward_d(const double *a, long lda, long rows, long d, const double *mean, const double *y, long ldy,
                           long b, double *out);
void latent_thin_forward_s(const float *a, long lda, long rows, long d, const float *mean, const float *y, long ldy,
                           long b, float *out);

/// out[t * ldo + j] = sum_i c[i * b + t] * a[i * lda + j] for t < b, j < d, i < rows (out overwritten).
void latent_thin_backward_d(const double *c, long b, const double *a, long lda, long rows, long d, double *out, long ldo);
void latent_thin_backward_s(const float *c, long b, const float *a, long lda, long rows, long d, float *out, long ldo);

/// Whether the AVX2 + FMA versions run on this processor.
int latent_thin_uses_avx2(void);

#ifdef __cplusplus
}
#endif

#endif
