// zlib for reading gzip-compressed IDX files. No stable Swift API; only LatentData imports it.
#ifndef LATENT_CZLIB_SHIM_H
#define LATENT_CZLIB_SHIM_H
#include <zlib.h>
#endif
