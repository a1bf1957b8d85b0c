/* image.c — reading PNG files through cairo (see image.h). */
#include "render/image.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The size the file claims, from its signature and IHDR chunk, checked
 * before cairo is asked to allocate anything. */
static int png_header(const char *path, int *width, int *height, kp_err *e)
{
    static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    unsigned char h[24];
    FILE *f = fopen(path, "rb");
    if (!f)
        return kp_fail_errno(e, "%s: cannot open the image", path);
    size_t n = fread(h, 1, sizeof h, f);
    int read_error = ferror(f);
    fclose(f);
    if (read_error)
        return kp_fail(e, "%s: cannot read the image", path);
    if (n < sizeof h || memcmp(h, signature, 8) || memcmp(h + 12, "IHDR", 4))
        return kp_fail(e, "%s: not a PNG image", path);
    uint32_t w = be32(h + 16), hh = be32(h + 20);
    if (w == 0 || hh == 0 || w > 65535 || hh > 65535 || (long)w * (long)hh > KP_IMAGE_MAX_PIXELS)
        return kp_fail(e, "%s: a PNG image of %u × %u pixels is too large to place", path,
                       (unsigned)w, (unsigned)hh);
    *width = (int)w;
    *height = (int)hh;
    return 0;
}

static int decode(const char *path, cairo_surface_t **out, int *width, int *height, kp_err *e)
{
    if (png_header(path, width, height, e) < 0)
        return -1;
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    cairo_status_t st = cairo_surface_status(s);
    if (st != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return kp_fail(e, "%s: the PNG image is damaged or cannot be read (cairo: %s)", path,
                       cairo_status_to_string(st));
    }
    if (cairo_image_surface_get_width(s) != *width || cairo_image_surface_get_height(s) != *height) {
        cairo_surface_destroy(s);
        return kp_fail(e, "%s: the PNG image is not the size its header says", path);
    }
    *out = s;
    return 0;
}

int kp_png_size(const char *path, int *width, int *height, kp_err *e)
{
    cairo_surface_t *s;
    if (decode(path, &s, width, height, e) < 0)
        return -1;
    cairo_surface_destroy(s);
    return 0;
}

int kp_png_rgb(const char *path, unsigned char **rgb, int *width, int *height, kp_err *e)
{
    cairo_surface_t *s;
    if (decode(path, &s, width, height, e) < 0)
        return -1;
    cairo_surface_flush(s);
    int w = *width, h = *height, stride = cairo_image_surface_get_stride(s);
    int alpha = cairo_image_surface_get_format(s) == CAIRO_FORMAT_ARGB32;
    const unsigned char *px = cairo_image_surface_get_data(s);
    unsigned char *out = malloc((size_t)w * (size_t)h * 3);
    if (!out || !px) {
        free(out);
        cairo_surface_destroy(s);
        return kp_fail(e, "%s: out of memory for the image", path);
    }
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(px + (size_t)y * (size_t)stride);
        unsigned char *o = out + (size_t)y * (size_t)w * 3;
        for (int x = 0; x < w; x++) {
            uint32_t p = row[x];
            /* cairo keeps premultiplied ARGB: over white, c + (255 - a). */
            unsigned a = alpha ? p >> 24 : 255;
            unsigned r = (p >> 16 & 0xFF) + 255 - a, g = (p >> 8 & 0xFF) + 255 - a,
                     b = (p & 0xFF) + 255 - a;
            o[3 * x] = (unsigned char)(r > 255 ? 255 : r);
            o[3 * x + 1] = (unsigned char)(g > 255 ? 255 : g);
            o[3 * x + 2] = (unsigned char)(b > 255 ? 255 : b);
        }
    }
    cairo_surface_destroy(s);
    *rgb = out;
    return 0;
}
