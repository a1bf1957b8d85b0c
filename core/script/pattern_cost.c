/*
 * pattern_cost.c — how long a Lua pattern match may take, estimated before
 * it starts.
 *
 * Lua's matcher backtracks and, being C, cannot be interrupted by the time
 * limit: string.find(string.rep('a', 400), '.-.-.-b') runs for seconds.  The
 * estimate is an upper bound on the steps of the backtracking: every start
 * position, times the subject length for each repeated item ('*', '+', '-',
 * %b, back-references), times two for each optional item, times the number of
 * items, where a [set] counts as many items as it has characters.  It is
 * pessimistic by design; real patterns on names and codes stay
 * far below the limit.
 */
#include "script/sandbox_impl.h"

/* The end of the single-character class starting at p (a letter, '.', %x or
 * a [set]); a malformed class ends at `end` and Lua reports it itself. */
static const char *class_end(const char *p, const char *end)
{
    if (*p == '%')
        return p + 2 <= end ? p + 2 : end;
    if (*p != '[')
        return p + 1;
    p++;
    if (p < end && *p == '^')
        p++;
    /* The first character of a set is taken literally, so "[]]" is a set. */
    do {
        if (p >= end)
            return end;
        if (*p++ == '%' && p < end)
            p++;
    } while (p < end && *p != ']');
    return p < end ? p + 1 : end;
}

double kp_pattern_cost(const char *p, size_t plen, size_t subject_len, int anchored_ok)
{
    const char *end = p + plen;
    double n1 = (double)subject_len + 1.0;
    double per_start = 1.0;
    double items = 0.0;
    int anchored = 0;
    if (anchored_ok && p < end && *p == '^') {
        anchored = 1;
        p++;
    }
    while (p < end) {
        char c = *p;
        if (c == '(' || c == ')' || (c == '$' && p + 1 == end)) {
            p++;
            continue;
        }
        if (c == '%' && p + 1 < end) {
            char d = p[1];
            if (d == 'b') { /* %bxy: scans ahead for the balancing y */
                p = p + 4 <= end ? p + 4 : end;
                per_start *= n1;
                items++;
                continue;
            }
            if (d == 'f') { /* %f[set]: one look at the border */
                p += 2;
                const char *q = p < end ? class_end(p, end) : end;
                items += q > p ? (double)(q - p) : 1.0;
                p = q;
                continue;
            }
            if (d >= '0' && d <= '9') { /* a back-reference compares a capture */
                p += 2;
                per_start *= n1;
                items++;
                continue;
            }
        }
        /* A [set] is tried character by character against each subject
         * byte, so a long set costs its length on every comparison. */
        const char *q = class_end(p, end);
        items += *p == '[' ? (double)(q - p) : 1.0;
        p = q;
        if (p < end && (*p == '*' || *p == '+' || *p == '-')) {
            per_start *= n1;
            p++;
        } else if (p < end && *p == '?') {
            per_start *= 2.0;
            p++;
        }
    }
    double starts = anchored ? 1.0 : n1;
    return starts * per_start * (items > 0 ? items : 1.0);
}
