/* pdf_font.c — the font subset in a libharu document (see pdf_font.h). */
#include "pdf/pdf_font.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_streams.h>

static int hpdf_failed(HPDF_Doc pdf, kp_err *e, const char *what)
{
    return kp_fail(e, "PDF: %s: libharu error 0x%04X (detail %u)", what,
                   (unsigned)HPDF_GetError(pdf), (unsigned)HPDF_GetErrorDetail(pdf));
}

/* The subset as a file libharu can open by name. */
static int font_file(const kp_buf *font, int *fd_out, char *path, size_t path_size, kp_err *e)
{
    int fd = memfd_create("kaoping-font", MFD_CLOEXEC);
    if (fd < 0)
        return kp_fail_errno(e, "PDF: cannot make an in-memory file for the font");
    const char *p = font->data;
    size_t left = font->len;
    while (left > 0) {
        ssize_t n = write(fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            kp_fail_errno(e, "PDF: cannot write the font subset");
            close(fd);
            return -1;
        }
        p += n;
        left -= (size_t)n;
    }
    snprintf(path, path_size, "/proc/self/fd/%d", fd);
    if (access(path, R_OK) < 0) {
        kp_fail_errno(e, "PDF: cannot reach the font subset at %s (is /proc mounted?)", path);
        close(fd);
        return -1;
    }
    *fd_out = fd;
    return 0;
}

static int shown(const kp_codeset *chars, uint32_t cp)
{
    return kp_codeset_has(chars, cp) || cp == 'x' || cp == 'H';
}

/* The first and last code shown in block `block` (codes block*256 …
 * block*256+255, U+FFFF left out); 0 when none is. */
static int block_range(const kp_codeset *chars, uint32_t block, uint32_t *lo, uint32_t *hi)
{
    int found = 0;
    for (uint32_t cp = block << 8; cp < (block + 1) << 8 && cp < 0xFFFF; cp++)
        if (shown(chars, cp)) {
            if (!found)
                *lo = cp;
            *hi = cp;
            found = 1;
        }
    return found;
}

/* Swap libharu's character map for one that answers the same for every
 * code, in a segment per block of 256 codes rather than per run: libharu
 * scans the segments linearly, 65,536 times per document. */
static int swap_cmap(kp_pdf_font *pf, HPDF_FontDef def, const kp_codeset *chars)
{
    HPDF_TTFontDefAttr a = pf->def;
    if (a->cmap.format != 4 || a->cmap.seg_count_x2 == 0)
        return 0; /* not the kind of map HarfBuzz writes: leave it */
    size_t nseg = 1, total = 0; /* the closing 0xFFFF segment */
    uint32_t lo, hi;
    for (uint32_t block = 0; block < 256; block++)
        if (block_range(chars, block, &lo, &hi)) {
            nseg++;
            total += hi - lo + 1;
        }
    if (2 * (total + nseg) > 0xFFFF) /* offsets would not fit 16 bits */
        return 0;
    /* One allocation: end, start, delta, range offsets, then the glyphs
     * (with a spare entry: libharu 2.3.0 reads one past the count). */
    HPDF_UINT16 *v = calloc(4 * nseg + total + 1, sizeof *v);
    if (!v)
        return -1;
    HPDF_UINT16 *end = v, *start = v + nseg, *range = v + 3 * nseg, *glyphs = v + 4 * nseg;
    HPDF_INT16 *delta = (HPDF_INT16 *)(v + 2 * nseg);
    size_t i = 0, off = 0;
    for (uint32_t block = 0; block < 256; block++) {
        if (!block_range(chars, block, &lo, &hi))
            continue;
        for (uint32_t cp = lo; cp <= hi; cp++)
            if (shown(chars, cp))
                glyphs[off + cp - lo] = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp);
        start[i] = (HPDF_UINT16)lo;
        end[i] = (HPDF_UINT16)hi;
        delta[i] = 0;
        /* libharu: index = range/2 + (code - start) - (segments - i) */
        range[i] = (HPDF_UINT16)(2 * (off + nseg - i));
        off += hi - lo + 1;
        i++;
    }
    start[i] = end[i] = 0xFFFF;
    delta[i] = 1;
    range[i] = 0;
    pf->saved = a->cmap;
    pf->arrays = v;
    a->cmap.seg_count_x2 = (HPDF_UINT16)(2 * nseg);
    a->cmap.end_count = end;
    a->cmap.start_count = start;
    a->cmap.id_delta = delta;
    a->cmap.id_range_offset = range;
    a->cmap.glyph_id_array = glyphs;
    a->cmap.glyph_id_array_count = total;
    return 0;
}

/* A ToUnicode map sending each code shown to itself: libharu writes text as
 * the characters' own code points. */
static int write_to_unicode(HPDF_Font font, const kp_codeset *chars)
{
    HPDF_FontAttr attr = font->attr;
    if (!attr || !attr->cmap_stream || !attr->cmap_stream->stream)
        return -1;
    HPDF_Stream st = attr->cmap_stream->stream;
    HPDF_MemStream_FreeData(st);
    kp_buf b;
    kp_buf_init(&b, 0);
    kp_buf_puts(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    /* Runs of consecutive code points, cut where the high byte changes (a
     * bfrange may only vary in its last byte), at most 100 to a block. */
    uint32_t lo[100], hi[100];
    size_t n = 0;
    uint32_t cp = kp_codeset_next(chars, 0);
    while (cp != KP_CODESET_END && cp <= 0xFFFF) {
        uint32_t last = cp;
        while (last < 0xFFFF && (last & 0xFF) != 0xFF && kp_codeset_has(chars, last + 1))
            last++;
        lo[n] = cp;
        hi[n++] = last;
        cp = kp_codeset_next(chars, last + 1);
        if (n == 100 || cp == KP_CODESET_END || cp > 0xFFFF) {
            kp_buf_printf(&b, "%zu beginbfrange\n", n);
            for (size_t i = 0; i < n; i++)
                kp_buf_printf(&b, "<%04X> <%04X> <%04X>\n", (unsigned)lo[i], (unsigned)hi[i],
                              (unsigned)lo[i]);
            kp_buf_puts(&b, "endbfrange\n");
            n = 0;
        }
    }
    int rc = kp_buf_puts(&b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    if (rc == 0 && HPDF_Stream_WriteStr(st, b.data) != HPDF_OK)
        rc = -1;
    kp_buf_free(&b);
    return rc;
}

int kp_pdf_font_load(kp_pdf_font *pf, HPDF_Doc pdf, const kp_buf *subset, const kp_codeset *chars,
                     kp_err *e)
{
    memset(pf, 0, sizeof *pf);
    pf->fd = -1;
    char path[64];
    if (font_file(subset, &pf->fd, path, sizeof path, e) < 0)
        return -1;
    const char *name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
    if (!name)
        return hpdf_failed(pdf, e, "loading the font subset");
    HPDF_FontDef def = HPDF_GetFontDef(pdf, name);
    if (!def || !def->attr)
        return kp_fail(e, "PDF: libharu lost the font subset it loaded");
    pf->def = def->attr;
    if (!pf->def->glyph_tbl.flgs)
        return kp_fail(e, "PDF: the font subset has no glyph table");
    memset(pf->def->glyph_tbl.flgs, 1, pf->def->num_glyphs);
    if (swap_cmap(pf, def, chars) < 0)
        return kp_fail(e, "PDF: out of memory preparing the font");
    pf->font = HPDF_GetFont(pdf, name, "UTF-8");
    if (!pf->font)
        return hpdf_failed(pdf, e, "setting up the font");
    if (write_to_unicode(pf->font, chars) < 0)
        return hpdf_failed(pdf, e, "writing the font's character map");
    return 0;
}

void kp_pdf_font_release(kp_pdf_font *pf)
{
    if (pf->arrays) {
        pf->def->cmap = pf->saved;
        free(pf->arrays);
        pf->arrays = NULL;
    }
    if (pf->fd >= 0)
        close(pf->fd);
    pf->fd = -1;
}
