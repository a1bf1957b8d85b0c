/* subset.c — cutting the report font down with HarfBuzz (see subset.h). */
#include "pdf/subset.h"

#include <stdlib.h>
#include <string.h>

#include <hb-subset.h>
#include <hb.h>

/* libharu reads glyph ids as signed 16-bit numbers. */
#define MAX_GLYPHS 32767

struct kp_subsetter {
    hb_face_t *face;
    char *path;
};

int kp_subsetter_open(kp_subsetter **out, const kp_font *f, kp_err *e)
{
    *out = NULL;
    const char *path = kp_font_path(f);
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    if (!blob)
        return kp_fail(e, "%s: cannot read the font file for subsetting", path);
    hb_face_t *face = hb_face_create(blob, (unsigned)kp_font_index(f));
    hb_blob_destroy(blob);
    if (!face || hb_face_get_glyph_count(face) == 0) {
        hb_face_destroy(face);
        return kp_fail(e, "%s: HarfBuzz cannot read face %d of the font", path,
                       kp_font_index(f));
    }
    kp_subsetter *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path))) {
        free(s);
        hb_face_destroy(face);
        return kp_fail(e, "out of memory opening the font subsetter");
    }
    s->face = face;
    *out = s;
    return 0;
}

void kp_subsetter_close(kp_subsetter *s)
{
    if (!s)
        return;
    hb_face_destroy(s->face);
    free(s->path);
    free(s);
}

int kp_subset_make(kp_subsetter *s, const kp_codeset *chars, kp_buf *out, kp_err *e)
{
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return kp_fail(e, "out of memory subsetting the font");
    hb_set_t *unicodes = hb_subset_input_unicode_set(in);
    for (uint32_t cp = kp_codeset_next(chars, 0); cp != KP_CODESET_END;
         cp = kp_codeset_next(chars, cp + 1))
        hb_set_add(unicodes, cp);
    hb_set_add(unicodes, 'x');
    hb_set_add(unicodes, 'H');
    /* Shaping tables and vertical metrics are of no use to a PDF viewer. */
    hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    static const char *dropped[] = {"GSUB", "GPOS", "GDEF", "vhea", "vmtx", "DSIG"};
    for (size_t i = 0; i < sizeof dropped / sizeof *dropped; i++)
        hb_set_add(drop, hb_tag_from_string(dropped[i], 4));
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NOTDEF_OUTLINE);
    if (!hb_set_allocation_successful(unicodes) || !hb_set_allocation_successful(drop)) {
        hb_subset_input_destroy(in);
        return kp_fail(e, "out of memory subsetting the font");
    }
    hb_face_t *sub = hb_subset_or_fail(s->face, in);
    hb_subset_input_destroy(in);
    if (!sub)
        return kp_fail(e, "%s: HarfBuzz could not subset the font to %zu characters", s->path,
                       chars->count);
    unsigned glyphs = hb_face_get_glyph_count(sub);
    hb_blob_t *blob = hb_face_reference_blob(sub);
    unsigned len = 0;
    const char *data = hb_blob_get_data(blob, &len);
    int rc = 0;
    if (glyphs > MAX_GLYPHS)
        rc = kp_fail(e, "the document uses %u glyphs; a PDF font from libharu holds at most %d",
                     glyphs, MAX_GLYPHS);
    else if (!data || len == 0)
        rc = kp_fail(e, "%s: HarfBuzz made an empty font subset", s->path);
    else if (kp_buf_append(out, data, len) < 0)
        rc = kp_fail(e, "out of memory keeping the font subset (%u bytes)", len);
    hb_blob_destroy(blob);
    hb_face_destroy(sub);
    return rc;
}
