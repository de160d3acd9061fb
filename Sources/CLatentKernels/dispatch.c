// The choice between the AVX2 + FMA and the portable versions of the kernels.

#include "dispatch.h"
#include "centred_gram.h"

// Per thread, so that a test forcing the portable versions does not change what other
// threads (other tests running in parallel) compute.
static _Thread_local int portable_forced;

void latent_kernels_force_portable(int force) { portable_forced = force != 0; }

int latent_use_avx2(void) {
  if (portable_forced) return 0;
#ifdef LATENT_X86
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
  return 0;
#endif
}
