/* Diagnostics in the clang layout, with the offending source line and a caret underline. */
#include "front/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void diag_init(Diag *d, const char *file, const char *src, size_t len) {
    memset(d, 0, sizeof *d);
    d->file = file;
    d->src = src;
    d->src_len = len;
}

/* Prints source line [line] and an underline from [col] to [end_col] (columns count bytes of
 * the line, tabs kept so the caret lines up). */
static void quote_line(Diag *d, FILE *out, Loc loc) {
    if (!d->src || loc.line <= 0) return;
    const char *p = d->src, *end = d->src + d->src_len;
    for (int l = 1; l < loc.line && p < end; p++)
        if (*p == '\n') l++;
    if (p >= end && loc.line > 1) return;
    const char *e = p;
    while (e < end && *e != '\n' && *e != '\r')
        e++;
    int col = loc.col > 0 ? loc.col : 1;
    int last = (loc.end_line == loc.line && loc.end_col >= col) ? loc.end_col : col;
    /* very long lines are quoted from a little before the column; control bytes (NUL, ...)
     * are shown as '?' so the quote stays printable */
    int skip = col > 120 ? col - 60 : 0;
    int width = (int)(e - p) - skip;
    if (width > 200) width = 200;
    if (last > skip + width) last = skip + width;
    for (int i = 0; i < width; i++) {
        unsigned char ch = (unsigned char)p[skip + i];
        fputc(ch < 0x20 && ch != '\t' ? '?' : ch, out);
    }
    fputc('\n', out);
    for (int i = skip + 1; i < col; i++)
        fputc(p + i - 1 < e && p[i - 1] == '\t' ? '\t' : ' ', out);
    fputc('^', out);
    for (int i = col + 1; i <= last; i++)
        fputc('~', out);
    fputc('\n', out);
}

static void report(Diag *d, const char *kind, Loc loc, const char *fmt, va_list ap) {
    if (d->quiet) return;
    int limit = d->max_errors ? d->max_errors : 50;
    if (d->errors > limit) return;
    FILE *out = d->sink ? (FILE *)d->sink : stderr;
    if (loc.line > 0)
        fprintf(out, "%s:%d:%d: %s: ", d->file, loc.line, loc.col, kind);
    else
        fprintf(out, "%s: %s: ", d->file, kind);
    vfprintf(out, fmt, ap);
    fputc('\n', out);
    quote_line(d, out, loc);
    if (d->errors == limit && kind[0] == 'e')
        fprintf(out, "%s: too many errors, stopping\n", d->file);
}

void diag_error(Diag *d, Loc loc, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    report(d, "error", loc, fmt, ap);
    va_end(ap);
    d->errors++;
}

void diag_warning(Diag *d, Loc loc, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    report(d, "warning", loc, fmt, ap);
    va_end(ap);
    d->warnings++;
}

void diag_note(Diag *d, Loc loc, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    report(d, "note", loc, fmt, ap);
    va_end(ap);
}
