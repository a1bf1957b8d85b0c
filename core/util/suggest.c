/* suggest.c — edit distance for "did you mean" (see suggest.h). */
#include "util/suggest.h"

#include <string.h>

static int same(char x, char y, enum kp_edit_case how)
{
    if (how == KP_EDIT_FOLD_ASCII) {
        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (char)(y - 'A' + 'a');
    }
    return x == y;
}

static size_t min3(size_t a, size_t b, size_t c)
{
    size_t m = a < b ? a : b;
    return m < c ? m : c;
}

size_t kp_edit_distance(const char *a, const char *b, enum kp_edit_case how)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > KP_EDIT_MAX || lb > KP_EDIT_MAX)
        return KP_EDIT_FAR;
    /* One row of the table and the cell diagonally above: the classic
     * dynamic programme in O(lb) memory. */
    size_t row[KP_EDIT_MAX + 1];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            row[j] = min3(diag + !same(a[i - 1], b[j - 1], how), up + 1, row[j - 1] + 1);
            diag = up;
        }
    }
    return row[lb];
}
