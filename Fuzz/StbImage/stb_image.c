// A private copy of stb_image, compiled from Debian's header into the FuzzImage target
// so that libFuzzer sees its branches and AddressSanitizer its memory accesses (the
// shared libstb.so is neither). Its symbols take precedence over libstb.so's in the
// executable that links it; no other target does.
#define STB_IMAGE_IMPLEMENTATION
#include <stb/stb_image.h>
