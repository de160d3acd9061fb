// Latent's view of Debian's libstb (stb_image, stb_image_write).
// No STB_*_IMPLEMENTATION define: the code is in libstb.so. No stable Swift API;
// only LatentData imports it.
#ifndef LATENT_CSTB_SHIM_H
#define LATENT_CSTB_SHIM_H
#include <stb_image.h>
#include <stb_image_write.h>
#endif
