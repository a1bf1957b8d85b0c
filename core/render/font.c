/*
 * font.c — the one CJK TrueType face, opened through FreeType (see font.h).
 *
 * Widths are what the PDF will show: libharu computes a glyph's width as
 * trunc(advance * 1000 / units_per_em) and so do we, per glyph, before
 * scaling to the point size.  Advances of the Basic Multilingual Plane are
 * cached because layout asks for the same few hundred characters thousands
 * of times per report.
 */
#include "render/font.h"

#include <stdlib.h>
#include <string.h>

#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H
#include FT_ADVANCES_H

#include <unistr.h>

#include "kp_config.h"

#define BMP_SIZE 0x10000

struct kp_font {
    FT_Library lib;
    FT_Face face;
    char *path;
    int index;
    /* Advance in 1/1000 em per BMP code point; -1 = not measured yet. */
    int16_t *bmp_advance;
};

static int sfnt_has_table(FT_Face face, FT_ULong tag)
{
    FT_ULong len = 0;
    return FT_Load_Sfnt_Table(face, tag, 0, NULL, &len) == 0 && len > 0;
}

int kp_font_open(kp_font **out, const char *path, int index, kp_err *e)
{
    *out = NULL;
    if (!path || !*path) {
        const char *env = getenv("KAOPING_FONT");
        path = env && *env ? env : KP_DEFAULT_FONT;
    }
    if (index < 0)
        return kp_fail(e, "%s: face index %d is negative", path, index);

    kp_font *f = calloc(1, sizeof *f);
    if (!f)
        return kp_fail(e, "%s: out of memory opening the font", path);
    f->index = index;
    f->path = strdup(path);
    f->bmp_advance = malloc(BMP_SIZE * sizeof *f->bmp_advance);
    if (!f->path || !f->bmp_advance) {
        kp_font_close(f);
        return kp_fail(e, "%s: out of memory opening the font", path);
    }
    memset(f->bmp_advance, 0xff, BMP_SIZE * sizeof *f->bmp_advance);

    FT_Error fe = FT_Init_FreeType(&f->lib);
    if (fe) {
        f->lib = NULL;
        kp_font_close(f);
        return kp_fail(e, "%s: cannot start FreeType (error %d)", path, fe);
    }
    fe = FT_New_Face(f->lib, path, index, &f->face);
    if (fe) {
        f->face = NULL;
        kp_font_close(f);
        if (fe == FT_Err_Cannot_Open_Resource)
            return kp_fail(e, "%s: cannot open the font file (set KAOPING_FONT or install "
                              "fonts-wqy-microhei)", path);
        if (fe == FT_Err_Invalid_Argument)
            return kp_fail(e, "%s: the font has no face number %d", path, index);
        return kp_fail(e, "%s: not a font FreeType can read (error %d)", path, fe);
    }
    FT_Face face = f->face;
    /* libharu embeds only TrueType outlines (a 'glyf' table): an OpenType-CFF
     * font such as Noto CJK would fail much later, when the PDF is written. */
    if (!FT_IS_SFNT(face) || !sfnt_has_table(face, TTAG_glyf)) {
        kp_font_close(f);
        return kp_fail(e, "%s: not a TrueType-outline font (OpenType-CFF and Type 1 fonts "
                          "cannot be embedded); use e.g. fonts-wqy-microhei", path);
    }
    if (face->units_per_EM == 0) {
        kp_font_close(f);
        return kp_fail(e, "%s: the font declares 0 units per em", path);
    }
    if (FT_Select_Charmap(face, FT_ENCODING_UNICODE)) {
        kp_font_close(f);
        return kp_fail(e, "%s: the font has no Unicode character map", path);
    }
    /* Reports mix hanzi with Latin letters and digits; a CJK-only font (Droid
     * Sans Fallback) would draw every figure as a missing-glyph box. */
    static const char needed[] = "Hx0";
    for (const char *c = needed; *c; c++)
        if (!FT_Get_Char_Index(face, (FT_ULong)(unsigned char)*c)) {
            kp_font_close(f);
            return kp_fail(e, "%s: the font has no Latin letters or digits ('%c' is "
                              "missing); use e.g. fonts-wqy-microhei", path, *c);
        }
    if (!FT_Get_Char_Index(face, 0x4E2D)) { /* 中 */
        kp_font_close(f);
        return kp_fail(e, "%s: the font has no Chinese characters (U+4E2D 中 is "
                          "missing); use e.g. fonts-wqy-microhei", path);
    }
    *out = f;
    return 0;
}

void kp_font_close(kp_font *f)
{
    if (!f)
        return;
    if (f->face)
        FT_Done_Face(f->face);
    if (f->lib)
        FT_Done_FreeType(f->lib);
    free(f->bmp_advance);
    free(f->path);
    free(f);
}

FT_Face kp_font_face(const kp_font *f)
{
    return f->face;
}

const char *kp_font_path(const kp_font *f)
{
    return f->path;
}

int kp_font_index(const kp_font *f)
{
    return f->index;
}

static int measure_advance(kp_font *f, uint32_t cp)
{
    FT_UInt gid = FT_Get_Char_Index(f->face, cp);
    if (!gid)
        return 0;
    FT_Fixed adv = 0;
    if (FT_Get_Advance(f->face, gid, FT_LOAD_NO_SCALE, &adv))
        return 0;
    long w = (long)adv * 1000 / f->face->units_per_EM;
    return w < 0 ? 0 : w > 32767 ? 32767 : (int)w;
}

int kp_font_advance(kp_font *f, uint32_t cp)
{
    if (cp >= BMP_SIZE)
        return measure_advance(f, cp);
    if (f->bmp_advance[cp] < 0)
        f->bmp_advance[cp] = (int16_t)measure_advance(f, cp);
    return f->bmp_advance[cp];
}

int kp_font_has_glyph(kp_font *f, uint32_t cp)
{
    return FT_Get_Char_Index(f->face, cp) != 0;
}

double kp_font_text_width(kp_font *f, const char *utf8, size_t len, double size)
{
    const uint8_t *s = (const uint8_t *)utf8, *end = s + len;
    long units = 0;
    while (s < end) {
        ucs4_t cp;
        int n = u8_mbtouc(&cp, s, (size_t)(end - s));
        units += kp_font_advance(f, cp);
        s += n > 0 ? n : 1;
    }
    return (double)units * size / 1000.0;
}

double kp_font_ascent(const kp_font *f, double size)
{
    return (double)f->face->ascender * size / f->face->units_per_EM;
}

double kp_font_descent(const kp_font *f, double size)
{
    double d = (double)f->face->descender * size / f->face->units_per_EM;
    return d < 0 ? -d : d;
}
