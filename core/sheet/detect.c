/*
 * detect.c — which reader a file needs, from its first bytes and never from
 * its name: offices rename .xls files to .xlsx and save CSV as .xls, and
 * what the bytes say is the only thing that is certain.
 */
#include "sheet/sheet.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sheet/xls.h"
#include "sheet/xlsx.h"

static const unsigned char zip_magic[4] = {'P', 'K', 3, 4};
static const unsigned char zip_empty[4] = {'P', 'K', 5, 6};
static const unsigned char ole2_magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

int kp_sheet_detect(const char *path, kp_sheet_kind *kind, kp_err *e)
{
    *kind = KP_SHEET_CSV;
    /* O_NONBLOCK: opening a FIFO nobody writes to must not hang kaoping. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return kp_fail_errno(e, "%s", path);
    struct stat st;
    if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* A pipe cannot be looked into without losing what was read, and a
         * workbook cannot be read from one anyway (zip needs seeking). */
        close(fd);
        return 0;
    }
    unsigned char head[8];
    ssize_t got = read(fd, head, sizeof head);
    int saved = got < 0;
    close(fd);
    if (saved)
        return kp_fail_errno(e, "%s", path);
    if (got >= 4 && (!memcmp(head, zip_magic, 4) || !memcmp(head, zip_empty, 4)))
        *kind = KP_SHEET_XLSX;
    else if (got == 8 && !memcmp(head, ole2_magic, 8))
        *kind = KP_SHEET_XLS;
    return 0;
}

int kp_sheet_check_size(const char *path, uint64_t most, kp_err *e)
{
    struct stat st;
    if (stat(path, &st))
        return kp_fail_errno(e, "%s", path);
    if ((uint64_t)st.st_size > most)
        return kp_fail(e, "%s: 文件有 %lld 字节，超过上限 %llu：请分成几个文件", path,
                       (long long)st.st_size, (unsigned long long)most);
    return 0;
}

int kp_sheet_list(const char *path, kp_sheet_names *out, kp_err *e)
{
    kp_sheet_kind kind;
    memset(out, 0, sizeof *out);
    if (kp_sheet_detect(path, &kind, e))
        return -1;
    switch (kind) {
    case KP_SHEET_XLSX: return kp_xlsx_sheets(path, out, e);
    case KP_SHEET_XLS: return kp_xls_sheets(path, out, e);
    default: return kp_fail(e, "%s: 不是 Excel 工作簿", path);
    }
}

void kp_sheet_names_free(kp_sheet_names *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->names[i]);
    free(l->names);
    l->names = NULL;
    l->n = 0;
}
