// No API of its own: the target only provides an instrumented stb_image (see stb_image.c).
