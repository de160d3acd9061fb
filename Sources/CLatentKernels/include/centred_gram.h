// One pass of the operator K = Xc · Xcᵀ (Xc = X − 1·μᵀ, the centred data) on a few vectors,
// for LatentModels' Lanczos PCA.
//
// No stable API: LatentModels' internals. Every pointer and size is checked by the Swift
// caller. The AVX2 + FMA version is chosen at run time (x86-64), a portable one otherwise.

#ifndef LATENT_CENTRED_GRAM_H
#define LATENT_CENTRED_GRAM_H

#ifdef __cplusplus
extern "C" {
#endif

/// Doubles of scratch memory that latent_centred_gram_apply_* needs for `rows` rows and `r` vectors.
long latent_centred_gram_scratch(long rows, long r);

/// For the columns j < cols of x (rows × cols, leading dimension ldx) with means mean[j]:
///   t[j * r + c] = sum_i (x[i * ldx + j] − mean[j]) · v[i * r + c]     (Xcᵀ·V, written when t is not NULL)
///   y[i * r + c] += sum_j (x[i * ldx + j] − mean[j]) · t[j * r + c]    (Xc·Xcᵀ·V, accumulated)
///   *sum_of_squares += sum_ij (x[i * ldx + j] − mean[j])²              (when not NULL)
/// The data are read once, in blocks of 32 columns that stay in cache between the two products;
/// all arithmetic is in double. scratch holds latent_centred_gram_scratch(rows, r) doubles.
void latent_centred_gram_apply_d(const double *x, long ldx, long rows, long cols, const double *mean,
                                 const double *v, long r, double *y, double *t, double *sum_of_squares,
                                 double *scratch);
void latent_centred_gram_apply_s(const float *x, long ldx, long rows, long cols, const double *mean,
                                 const double *v, long r, double *y, double *t, double *sum_of_squares,
                                 double *scratch);

/// Makes every routine of this target called from the calling thread run its portable version
/// (nonzero) or choose by the processor again (zero). For tests of the portable code on
/// machines with AVX2; other threads are not affected.
void latent_kernels_force_portable(int force);

#ifdef __cplusplus
}
#endif

#endif
