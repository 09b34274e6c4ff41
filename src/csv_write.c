/* The chart-data export, laid out like TradingView's "Export chart data": time, OHLC, one
 * column per plot, Volume. Rows are formatted into one buffer and written in large blocks. */
#include "bars.h"
#include "numfmt.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct Out {
    FILE *f;
    char *buf;
    size_t len, cap;
    int failed;
} Out;

static void out_flush(Out *o) {
    if (o->len && fwrite(o->buf, 1, o->len, o->f) != o->len) o->failed = 1;
    o->len = 0;
}

// Makes room for [n] more bytes, flushing when the buffer cannot take them.
static char *out_reserve(Out *o, size_t n) {
    if (o->len + n > o->cap) out_flush(o);
    if (n > o->cap) {
        char *nb = realloc(o->buf, n);
        if (!nb) {
            o->failed = 1;
            return NULL;
        }
        o->buf = nb;
        o->cap = n;
    }
    return o->buf + o->len;
}

// Appends a header title, quoted (with "" for ") when it holds a comma, quote or newline.
static void put_title(Out *o, const char *t) {
    if (!t) t = "";
    size_t n = strlen(t);
    char *p = out_reserve(o, 2 * n + 3);
    if (!p) return;
    char *start = p;
    *p++ = ',';
    if (strpbrk(t, ",\"\n\r")) {
        *p++ = '"';
        for (const char *c = t; *c; c++) {
            if (*c == '"') *p++ = '"';
            *p++ = *c;
        }
        *p++ = '"';
    } else {
        memcpy(p, t, n);
        p += n;
    }
    o->len += (size_t)(p - start);
}

static char *put_i64(char *p, int64_t v) {
    char tmp[24];
    int n = 0;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do
        tmp[n++] = (char)('0' + u % 10);
    while ((u /= 10) != 0);
    if (v < 0) *p++ = '-';
    while (n)
        *p++ = tmp[--n];
    return p;
}

int bars_write_chart(FILE *out, const Bars *b, int ncols, const char *const *titles,
                     const double *const *cols) {
    Out o = {out, NULL, 0, 0, 0};
    size_t row_max = 48 + (size_t)(ncols + 5) * 33;
    o.cap = row_max * 64 > (1u << 16) ? row_max * 64 : (1u << 16);
    o.buf = malloc(o.cap);
    if (!o.buf) return -1;

    static const char HEAD[] = "time,open,high,low,close";
    memcpy(o.buf, HEAD, sizeof HEAD - 1);
    o.len = sizeof HEAD - 1;
    for (int k = 0; k < ncols; k++)
        put_title(&o, titles[k]);
    put_title(&o, "Volume");
    char *p = out_reserve(&o, 1);
    if (p) *p = '\n', o.len++;

    for (size_t i = 0; i < b->n && !o.failed; i++) {
        p = out_reserve(&o, row_max);
        if (!p) break;
        char *start = p;
        int64_t t = b->time[i];
        switch (b->time_form) {
        case TIME_UNIX_S: p = put_i64(p, t >= 0 ? t / 1000 : -((-t + 999) / 1000)); break;
        case TIME_UNIX_MS: p = put_i64(p, t); break;
        case TIME_ISO: p += fmt_time_iso(p, t, b->utc_offset_min ? b->utc_offset_min[i] : 0); break;
        }
        const double ohlc[4] = {b->open[i], b->high[i], b->low[i], b->close[i]};
        for (int k = 0; k < 4; k++) {
            *p++ = ',';
            p += fmt_double(p, ohlc[k]);
        }
        for (int k = 0; k < ncols; k++) {
            *p++ = ',';
            p += fmt_double(p, cols[k][i]);
        }
        *p++ = ',';
        p += fmt_double(p, b->has_volume ? b->volume[i] : NAN);
        *p++ = '\n';
        o.len += (size_t)(p - start);
    }
    out_flush(&o);
    free(o.buf);
    if (fflush(out) != 0 || ferror(out)) o.failed = 1;
    return o.failed ? -1 : 0;
}
