/*
 * image.h — PNG images: their size for the layout, their pixels for the PDF.
 *
 * Files are read through cairo, which reports a broken PNG as an error;
 * libharu 2.3.0's own PNG reader aborts the whole process on one.  The
 * pixels are handed to the PDF as plain RGB, flattened onto white (the page
 * colour), so every PNG cairo reads — grey, palette, 16-bit, interlaced,
 * with alpha — embeds the same way.
 */
#ifndef KP_RENDER_IMAGE_H
#define KP_RENDER_IMAGE_H

#include "util/err.h"

/* Largest image accepted, in pixels: a typo cannot ask for gigabytes. */
#define KP_IMAGE_MAX_PIXELS ((long)40 << 20)

/* Width and height in pixels of the PNG file at `path`, after checking that
 * all of it can be read; fails with the file named otherwise. */
int kp_png_size(const char *path, int *width, int *height, kp_err *e);

/* The pixels of the PNG at `path` as 8-bit RGB rows (malloc'ed, width × 3
 * bytes a row), transparent parts shown over white. */
int kp_png_rgb(const char *path, unsigned char **rgb, int *width, int *height, kp_err *e);

#endif
