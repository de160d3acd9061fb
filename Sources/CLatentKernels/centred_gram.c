// One pass of K = Xc · Xcᵀ on a few vectors (see include/centred_gram.h).
//
// The columns are taken in blocks of BLOCK (128 KB for 512 rows of doubles; blocks of 16
// and 64 columns were slower at 512 and 1,024 rows on the 2-core Zen 3 test machine). Each
// block is read from memory once: the first product T = Bᵀ·V walks it in chunks of 8
// columns down all the rows, with the next block prefetched on the way, and the second
// product Y += B·T walks it again, two rows at a time, while it is still in the L2 cache: a
// tile of 2 rows × 4 vectors of accumulators, whose lanes are summed once per block (one
// accumulator per row and vector, summed across lanes after every row, took about 1.5 times
// as long for the whole pass). Centring is exact: every value has its column mean
// subtracted before it is used.

#include "centred_gram.h"
#include "dispatch.h"


#ifdef LATENT_X86
#include <immintrin.h>
#endif

enum { BLOCK = 32 };

static long min_long(long a, long b) { return a < b ? a : b; }

long latent_centred_gram_scratch(long rows, long r) { (void)rows; return r * BLOCK; }


// The columns FROM ..< w of T for the block at column j0 (tl[c * BLOCK + j]) by scalar loops;
// then, when t is given, the whole block's T copied out to t.
#define SCALAR_COLUMNS_OF_T(T, FROM)                                                               \
  for (long j = (FROM); j < w; j++)                                                                  \
    for (long c = 0; c < r; c++) tl[c * BLOCK + j] = 0;                                              \
  if ((FROM) < w)                                                                                    \
    for (long i = 0; i < rows; i++) {                                                                \
      const T *p = x + i * ldx + j0;                                                                 \
      for (long j = (FROM); j < w; j++) {                                                            \
        double centred = (double)p[j] - mean[j0 + j];                                                \
        for (long c = 0; c < r; c++) tl[c * BLOCK + j] += centred * v[i * r + c];                    \
      }                                                                                              \
    }                                                                                                \
  if (t)                                                                                             \
    for (long j = 0; j < w; j++)                                                                     \
      for (long c = 0; c < r; c++) t[(j0 + j) * r + c] = tl[c * BLOCK + j];

// MARK: Portable version

#define PORTABLE_APPLY(NAME, T)                                                                    \
  static void NAME(const T *x, long ldx, long rows, long cols, const double *mean, const double *v,  \
                   long r, double *y, double *t, double *sum_of_squares, double *scratch) {          \
    double *tl = scratch; /* r × BLOCK: tl[c * BLOCK + j] */                                         \
    double squares = 0;                                                                              \
    for (long j0 = 0; j0 < cols; j0 += BLOCK) {                                                      \
      long w = min_long(BLOCK, cols - j0);                                                           \
      SCALAR_COLUMNS_OF_T(T, 0)                                                                      \
      for (long i = 0; i < rows; i++) {                                                              \
        const T *p = x + i * ldx + j0;                                                               \
        for (long j = 0; j < w; j++) {                                                               \
          double centred = (double)p[j] - mean[j0 + j];                                              \
          squares += centred * centred;                                                              \
          for (long c = 0; c < r; c++) y[i * r + c] += centred * tl[c * BLOCK + j];                  \
        }                                                                                            \
      }                                                                                              \
    }                                                                                                \
    if (sum_of_squares) *sum_of_squares += squares;                                                  \
  }

PORTABLE_APPLY(apply_d_portable, double)
PORTABLE_APPLY(apply_s_portable, float)

#ifdef LATENT_X86

// MARK: AVX2 + FMA version

// Eight values from p, as doubles, in two registers.
__attribute__((target("avx2,fma"))) static inline void load8_d(const double *p, __m256d *a, __m256d *b) {
  *a = _mm256_loadu_pd(p);
  *b = _mm256_loadu_pd(p + 4);
}

__attribute__((target("avx2,fma"))) static inline void load8_s(const float *p, __m256d *a, __m256d *b) {
  __m256 f = _mm256_loadu_ps(p);
  *a = _mm256_cvtps_pd(_mm256_castps256_ps128(f));
  *b = _mm256_cvtps_pd(_mm256_extractf128_ps(f, 1));
}

__attribute__((target("avx2,fma"))) static inline double sum4(__m256d v) {
  __m128d low = _mm256_castpd256_pd128(v), high = _mm256_extractf128_pd(v, 1);
  __m128d pair = _mm_add_pd(low, high);
  return _mm_cvtsd_f64(_mm_add_sd(pair, _mm_unpackhi_pd(pair, pair)));
}

// y[0 ..< g] += the lane sums of a0, a1, a2, a3 (g ≤ 4 of them).
__attribute__((target("avx2,fma"))) static inline void add_lane_sums(double *y, long g, __m256d a0, __m256d a1,
                                                                     __m256d a2, __m256d a3) {
  __m256d h01 = _mm256_hadd_pd(a0, a1), h23 = _mm256_hadd_pd(a2, a3);
  __m256d sums = _mm256_add_pd(_mm256_permute2f128_pd(h01, h23, 0x20), _mm256_permute2f128_pd(h01, h23, 0x31));
  if (g == 4) {
    _mm256_storeu_pd(y, _mm256_add_pd(_mm256_loadu_pd(y), sums));
  } else {
    double lanes[4];
    _mm256_storeu_pd(lanes, sums);
    for (long c = 0; c < g; c++) y[c] += lanes[c];
  }
}

// Four values from p, as doubles.
__attribute__((target("avx2,fma"))) static inline __m256d load4_d(const double *p) { return _mm256_loadu_pd(p); }
__attribute__((target("avx2,fma"))) static inline __m256d load4_s(const float *p) { return _mm256_cvtps_pd(_mm_loadu_ps(p)); }

#define AVX_APPLY(NAME, T, LOAD8, LOAD4)                                                                  \
  __attribute__((target("avx2,fma"))) static void NAME(                                              \
    const T *x, long ldx, long rows, long cols, const double *mean, const double *v, long r,          \
    double *y, double *t, double *sum_of_squares, double *scratch) {                                 \
    double *tl = scratch; /* r × BLOCK: tl[c * BLOCK + j] */                                         \
    long width = BLOCK;                                                                              \
    __m256d squares = _mm256_setzero_pd();                                                           \
    double tail_squares = 0;                                                                         \
    for (long j0 = 0; j0 < cols; j0 += width) {                                                      \
      long w = min_long(width, cols - j0);                                                           \
      long wv = w & ~7L; /* columns in whole chunks of 8 */                                          \
      const T *xb = x + j0;                                                                          \
      const double *mu = mean + j0;                                                                  \
      int prefetch = j0 + width < cols;                                                              \
      /* T = Bᵀ·V for whole chunks: 8 columns × 4 vectors in registers, down all rows. */            \
      for (long q = 0; q < wv; q += 8) {                                                             \
        __m256d m0 = _mm256_loadu_pd(mu + q), m1 = _mm256_loadu_pd(mu + q + 4);                      \
        for (long c0 = 0; c0 < r; c0 += 4) {                                                         \
          long g = min_long(4, r - c0);                                                              \
          long o1 = g > 1 ? 1 : 0, o2 = g > 2 ? 2 : 0, o3 = g > 3 ? 3 : 0;                           \
          __m256d a0 = _mm256_setzero_pd(), b0 = a0, a1 = a0, b1 = a0, a2 = a0, b2 = a0, a3 = a0,    \
                  b3 = a0;                                                                           \
          const T *p = xb + q;                                                                       \
          const double *vv = v + c0;                                                                 \
          int fetch = prefetch && c0 == 0;                                                           \
          for (long i = 0; i < rows; i++, p += ldx, vv += r) {                                       \
            if (fetch) _mm_prefetch((const char *)(p + width), _MM_HINT_T0);                          \
            __m256d x0, x1;                                                                          \
            LOAD8(p, &x0, &x1);                                                                      \
            x0 = _mm256_sub_pd(x0, m0);                                                              \
            x1 = _mm256_sub_pd(x1, m1);                                                              \
            __m256d s = _mm256_broadcast_sd(vv);                                                     \
            a0 = _mm256_fmadd_pd(x0, s, a0);                                                         \
            b0 = _mm256_fmadd_pd(x1, s, b0);                                                         \
            s = _mm256_broadcast_sd(vv + o1);                                                        \
            a1 = _mm256_fmadd_pd(x0, s, a1);                                                         \
            b1 = _mm256_fmadd_pd(x1, s, b1);                                                         \
            s = _mm256_broadcast_sd(vv + o2);                                                        \
            a2 = _mm256_fmadd_pd(x0, s, a2);                                                         \
            b2 = _mm256_fmadd_pd(x1, s, b2);                                                         \
            s = _mm256_broadcast_sd(vv + o3);                                                        \
            a3 = _mm256_fmadd_pd(x0, s, a3);                                                         \
            b3 = _mm256_fmadd_pd(x1, s, b3);                                                         \
          }                                                                                          \
          __m256d out[8] = {a0, b0, a1, b1, a2, b2, a3, b3};                                         \
          for (long c = 0; c < g; c++) {                                                             \
            _mm256_storeu_pd(tl + (c0 + c) * BLOCK + q, out[2 * c]);                                  \
            _mm256_storeu_pd(tl + (c0 + c) * BLOCK + q + 4, out[2 * c + 1]);                          \
          }                                                                                          \
        }                                                                                            \
      }                                                                                              \
      /* The last columns of the range (fewer than 8), one at a time; T copied out. */              \
      SCALAR_COLUMNS_OF_T(T, wv)                                                                     \
      /* Y += B·T from the cache, two rows at a time: a 2 rows × 4 vectors tile of        */         \
      /* accumulators (lanes: the 4 columns of a chunk), reduced across lanes at the end.  */        \
      long nk = wv / 4;                                                                              \
      for (long i = 0; i < rows; i += 2) {                                                           \
        int two = i + 1 < rows;                                                                      \
        const T *p0 = xb + i * ldx;                                                                  \
        const T *p1 = two ? p0 + ldx : p0;                                                           \
        for (long c0 = 0; c0 < r; c0 += 4) {                                                         \
          long g = min_long(4, r - c0);                                                              \
          const double *t0 = tl + c0 * BLOCK, *t1 = tl + (c0 + (g > 1 ? 1 : 0)) * BLOCK;             \
          const double *t2 = tl + (c0 + (g > 2 ? 2 : 0)) * BLOCK, *t3 = tl + (c0 + (g > 3 ? 3 : 0)) * BLOCK;\
          __m256d a0 = _mm256_setzero_pd(), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;\
          int count_squares = sum_of_squares && c0 == 0;                                             \
          for (long k = 0; k < nk; k++) {                                                            \
            __m256d m = _mm256_loadu_pd(mu + 4 * k);                                                 \
            __m256d x0 = _mm256_sub_pd(LOAD4(p0 + 4 * k), m);                                        \
            __m256d x1 = _mm256_sub_pd(LOAD4(p1 + 4 * k), m);                                        \
            if (count_squares) {                                                                     \
              squares = _mm256_fmadd_pd(x0, x0, squares);                                            \
              if (two) squares = _mm256_fmadd_pd(x1, x1, squares);                                   \
            }                                                                                        \
            __m256d tv = _mm256_loadu_pd(t0 + 4 * k);                                                \
            a0 = _mm256_fmadd_pd(x0, tv, a0);                                                        \
            b0 = _mm256_fmadd_pd(x1, tv, b0);                                                        \
            tv = _mm256_loadu_pd(t1 + 4 * k);                                                        \
            a1 = _mm256_fmadd_pd(x0, tv, a1);                                                        \
            b1 = _mm256_fmadd_pd(x1, tv, b1);                                                        \
            tv = _mm256_loadu_pd(t2 + 4 * k);                                                        \
            a2 = _mm256_fmadd_pd(x0, tv, a2);                                                        \
            b2 = _mm256_fmadd_pd(x1, tv, b2);                                                        \
            tv = _mm256_loadu_pd(t3 + 4 * k);                                                        \
            a3 = _mm256_fmadd_pd(x0, tv, a3);                                                        \
            b3 = _mm256_fmadd_pd(x1, tv, b3);                                                        \
          }                                                                                          \
          add_lane_sums(y + i * r + c0, g, a0, a1, a2, a3);                                          \
          if (two) add_lane_sums(y + (i + 1) * r + c0, g, b0, b1, b2, b3);                           \
        }                                                                                            \
        for (long j = wv; j < w; j++) {                                                              \
          double centred = (double)p0[j] - mu[j];                                                    \
          tail_squares += centred * centred;                                                         \
          for (long c = 0; c < r; c++) y[i * r + c] += centred * tl[c * BLOCK + j];                  \
          if (two) {                                                                                 \
            centred = (double)p1[j] - mu[j];                                                         \
            tail_squares += centred * centred;                                                       \
            for (long c = 0; c < r; c++) y[(i + 1) * r + c] += centred * tl[c * BLOCK + j];          \
          }                                                                                          \
        }                                                                                            \
      }                                                                                              \
    }                                                                                                \
    if (sum_of_squares) *sum_of_squares += sum4(squares) + tail_squares;                             \
  }

AVX_APPLY(apply_d_avx2, double, load8_d, load4_d)
AVX_APPLY(apply_s_avx2, float, load8_s, load4_s)

#endif

// The public entry points: the AVX2 + FMA version where it runs, the portable one otherwise.
#ifdef LATENT_X86
#define CHOOSE(AVX, PORTABLE) (latent_use_avx2() ? AVX : PORTABLE)
#else
#define CHOOSE(AVX, PORTABLE) PORTABLE
#endif

#define ENTRY(NAME, T, SUFFIX)                                                                     \
  void NAME(const T *x, long ldx, long rows, long cols, const double *mean, const double *v, long r, \
            double *y, double *t, double *sum_of_squares, double *scratch) {                         \
    CHOOSE(apply_##SUFFIX##_avx2, apply_##SUFFIX##_portable)(x, ldx, rows, cols, mean, v, r, y, t,    \
                                                           sum_of_squares, scratch);                  \
  }

ENTRY(latent_centred_gram_apply_d, double, d)
ENTRY(latent_centred_gram_apply_s, float, s)
