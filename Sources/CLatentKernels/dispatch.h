// Which version of the kernels runs (internal to CLatentKernels).

#ifndef LATENT_DISPATCH_H
#define LATENT_DISPATCH_H

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define LATENT_X86 1
#endif

/// Whether the AVX2 + FMA versions run: the processor has both and no test forced the
/// portable versions (latent_kernels_force_portable).
int latent_use_avx2(void);

#endif
