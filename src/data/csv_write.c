/* Writing bars: the chart-data export laid out like TradingView's "Export chart data" (time,
 * OHLC, one column per plot, Volume), TradingView's "Import Data" layout and the bot's layout.
 * Rows are formatted into one buffer and written in large blocks. */
#include "data/bars.h"
#include "data/numfmt.h"
#include "data/tz.h"

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

// Appends a field, quoted (with "" for ") when it holds a comma, quote or newline.
static void put_text(Out *o, const char *t, int comma) {
    if (!t) t = "";
    size_t n = strlen(t);
    char *p = out_reserve(o, 2 * n + 3);
    if (!p) return;
    char *start = p;
    if (comma) *p++ = ',';
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

static void put_title(Out *o, const char *t) {
    put_text(o, t, 1);
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

/* How a row's time is written. */
typedef enum TimeStyle {
    TS_INPUT, /* the input's own form */
    TS_UNIX,  /* UNIX seconds, or ms when some time has a fraction of a second */
    TS_LOCAL, /* YYYY-MM-DD HH:MM:SS[.mmm] in a zone */
    TS_BOT,   /* YYYY-MM-DD HH:MM:SS[.mmm]+HH:MM */
} TimeStyle;

typedef struct Layout {
    TimeStyle ts;
    TzZone *zone;      /* TS_LOCAL, TS_BOT: NULL = the input's offsets (UTC when none) */
    int unix_ms;       /* TS_UNIX: write ms */
    int na_empty;      /* na as an empty field instead of NaN */
    int volume_last;   /* Volume after the plot columns (chart export) */
    const char *extra; /* a last column's value on every row (the bot's symbol), or NULL */
} Layout;

static char *put_num(char *p, double v, int na_empty) {
    if (isnan(v) && na_empty) return p;
    return p + fmt_double(p, v);
}

static char *put_time(char *p, const Bars *b, size_t i, const Layout *l) {
    int64_t t = b->time[i];
    int off = b->utc_offset_min ? b->utc_offset_min[i] : 0;
    switch (l->ts) {
    case TS_INPUT:
        switch (b->time_form) {
        case TIME_UNIX_S: return put_i64(p, t >= 0 ? t / 1000 : -((-t + 999) / 1000));
        case TIME_UNIX_MS: return put_i64(p, t);
        case TIME_ISO: return p + fmt_time_iso(p, t, off);
        }
        break;
    case TS_UNIX: return put_i64(p, l->unix_ms ? t : t / 1000);
    case TS_LOCAL:
    case TS_BOT: {
        if (l->zone) off = tz_offset(l->zone, t) / 60;
        int n = fmt_time_iso(p, t, off);
        p[10] = ' ';
        return p + (l->ts == TS_LOCAL ? n - 6 : n);
    }
    }
    return p;
}

/* A writer of one layout: the header is written at open, rows as they come. */
struct ChartOut {
    Out o;
    Layout l;
    int ncols;
    size_t row_max; /* bytes one row may take */
};

static ChartOut *rows_open(FILE *out, const Layout *l, const char *head, int ncols,
                           const char *const *titles) {
    ChartOut *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    w->l = *l;
    w->ncols = ncols;
    Out *o = &w->o;
    o->f = out;
    size_t extra = l->extra ? strlen(l->extra) * 2 + 3 : 0;
    w->row_max = 48 + (size_t)(ncols + 5) * 33 + extra;
    o->cap = w->row_max * 64 > (1u << 16) ? w->row_max * 64 : (1u << 16);
    o->buf = malloc(o->cap);
    if (!o->buf) {
        free(w);
        return NULL;
    }
    size_t hn = strlen(head);
    memcpy(o->buf, head, hn);
    o->len = hn;
    for (int k = 0; k < ncols; k++)
        put_title(o, titles[k]);
    if (l->volume_last) put_title(o, "Volume");
    if (l->extra) put_title(o, "symbol");
    char *p = out_reserve(o, 1);
    if (p) *p = '\n', o->len++;
    return w;
}

// One row per bar of [from, to); bar i is element i - b->base of the columns and of cols[k].
static int rows_put(ChartOut *w, const Bars *b, int64_t from, int64_t to,
                    const double *const *cols) {
    Out *o = &w->o;
    const Layout *l = &w->l;
    for (size_t i = (size_t)(from - b->base), e = (size_t)(to - b->base); i < e && !o->failed;
         i++) {
        char *p = out_reserve(o, w->row_max);
        if (!p) break;
        char *start = p;
        p = put_time(p, b, i, l);
        const double ohlc[4] = {b->open[i], b->high[i], b->low[i], b->close[i]};
        for (int k = 0; k < 4; k++) {
            *p++ = ',';
            p = put_num(p, ohlc[k], l->na_empty);
        }
        double vol = b->has_volume ? b->volume[i] : NAN;
        if (!l->volume_last) {
            *p++ = ',';
            p = put_num(p, vol, l->na_empty);
        }
        for (int k = 0; k < w->ncols; k++) {
            *p++ = ',';
            p = put_num(p, cols[k][i], l->na_empty);
        }
        if (l->volume_last) {
            *p++ = ',';
            p = put_num(p, vol, l->na_empty);
        }
        o->len += (size_t)(p - start);
        if (l->extra) put_text(o, l->extra, 1);
        p = out_reserve(o, 1);
        if (p) *p = '\n', o->len++;
    }
    return o->failed ? -1 : 0;
}

static int rows_close(ChartOut *w) {
    if (!w) return -1;
    Out *o = &w->o;
    out_flush(o);
    if (fflush(o->f) != 0 || ferror(o->f)) o->failed = 1;
    int rc = o->failed ? -1 : 0;
    free(o->buf);
    free(w);
    return rc;
}

// Writes the header line [head] then one row per bar from b->first.
static int write_rows(FILE *out, const Bars *b, const Layout *l, const char *head, int ncols,
                      const char *const *titles, const double *const *cols) {
    ChartOut *w = rows_open(out, l, head, ncols, titles);
    if (!w) return -1;
    rows_put(w, b, b->base + (int64_t)b->first, b->base + (int64_t)b->n, cols);
    return rows_close(w);
}

ChartOut *bars_chart_open(FILE *out, int ncols, const char *const *titles) {
    Layout l = {.ts = TS_INPUT, .volume_last = 1};
    return rows_open(out, &l, "time,open,high,low,close", ncols, titles);
}

int bars_chart_rows(ChartOut *w, const Bars *b, int64_t from, int64_t to,
                    const double *const *cols) {
    return rows_put(w, b, from, to, cols);
}

int bars_chart_close(ChartOut *w) {
    return rows_close(w);
}

int bars_write_chart(FILE *out, const Bars *b, int ncols, const char *const *titles,
                     const double *const *cols) {
    Layout l = {.ts = TS_INPUT, .volume_last = 1};
    return write_rows(out, b, &l, "time,open,high,low,close", ncols, titles, cols);
}

int bars_write_tv_export(FILE *out, const Bars *b) {
    Layout l = {.ts = TS_UNIX, .volume_last = 1};
    for (size_t i = b->first; i < b->n && !l.unix_ms; i++)
        l.unix_ms = b->time[i] % 1000 != 0;
    return write_rows(out, b, &l, "time,open,high,low,close", 0, NULL, NULL);
}

int bars_write_tv_import(FILE *out, const Bars *b, const char *timezone, int ncols,
                         const char *const *titles, const double *const *cols) {
    Layout l = {.ts = TS_LOCAL, .na_empty = 1, .zone = tz_get(timezone)};
    if (!l.zone) return -1;
    return write_rows(out, b, &l, "time,open,high,low,close,volume", ncols, titles, cols);
}

int bars_write_bot(FILE *out, const Bars *b, const char *timezone, const char *symbol) {
    Layout l = {.ts = TS_BOT, .na_empty = 1, .extra = symbol ? symbol : ""};
    if (timezone && *timezone && !(l.zone = tz_get(timezone))) return -1;
    return write_rows(out, b, &l, "date,open,high,low,close,volume", 0, NULL, NULL);
}
