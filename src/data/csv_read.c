/* Loading OHLCV bars from CSV: TradingView chart exports, Yahoo, backtrader and the bot's
 * multi-symbol format, split by a fast path or libcsv, a chunk of bars at a time (BarsReader)
 * or whole (bars_load). Every row is validated and every problem is reported as
 * `file:line: column: problem` (or, with --lenient, counted and summed up once). Naive
 * date-times are placed in the requested time zone (tz.h). Also the --from/--to selection of
 * the loaded bars. */
#include "data/bars.h"
#include "data/numfmt.h"
#include "data/tz.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* {====== LOADER STATE */

enum { R_NONE, R_TIME, R_DATE, R_OPEN, R_HIGH, R_LOW, R_CLOSE, R_VOLUME, R_SYMBOL, R_ADJ, R_COUNT };

static const char *const ROLE_NAME[R_COUNT] = {
    "", "time", "date", "open", "high", "low", "close", "volume", "symbol", "adj close",
};

/* What is wrong with a row; --lenient counts rows skipped for each. */
enum { K_FIELDS, K_NUMBER, K_TIME, K_RANGE, K_ORDER, K_DUP, K_UTF8, K_COUNT };

static const char *const KIND_NAME[K_COUNT] = {
    "wrong number of fields", "not a number",   "bad time",      "price outside the bar's range",
    "time out of order",      "duplicate time", "invalid UTF-8",
};

#define KIND_LINES 10 /* lines listed per kind in the --lenient summary */

#define FIELD_MAX 64
#define MAX_SYMBOLS 32

typedef struct Loader {
    const char *path;
    const BarsLoadOptions *opt;
    Bars *b;         /* the window rows are appended to (the caller's, for one call) */
    size_t nbars;    /* bars appended since the start, including those that left the window */
    size_t pause_at; /* stop splitting lines when nbars reaches this */
    int64_t prev_t;  /* the time of the latest bar appended */
    int offsets;     /* keep each row's UTC offset (the first bar's time is ISO 8601) */
    int stop;        /* an error was reported */
    long line;       /* physical line the parser is on */
    long row_line;   /* line the current row started on */
    int last_term;   /* the previous row terminator seen */
    int nf;          /* fields so far in the current row */
    unsigned char delim;

    int have_header;
    char *hdr; /* header fields, NUL-separated */
    size_t hdr_len, hdr_cap;
    int hdr_n;
    int ncols;
    unsigned char *role; /* per header column */
    int combine;         /* date + time columns: -1 undecided, 0 no, 1 yes */
    int has_symbol_col;

    /* the current row */
    double val[R_COUNT];
    int decimals;
    int bad_role; /* first field that failed to parse, or 0 */
    char bad_text[FIELD_MAX];
    char tbuf[FIELD_MAX], dbuf[FIELD_MAX], sbuf[FIELD_MAX];
    size_t tlen, dlen, slen;

    long prev_line;
    char symbols[MAX_SYMBOLS][FIELD_MAX];
    int nsymbols, more_symbols;

    TzZone *zone; /* for naive date-times; NULL = UTC */

    long *lines; /* --sort: the line of each kept row */
    long skipped[K_COUNT];
    long skipped_at[K_COUNT][KIND_LINES];
} Loader;

static void load_error(Loader *ld, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void load_error(Loader *ld, long line, const char *fmt, ...) {
    if (ld->stop) return;
    ld->stop = 1;
    va_list ap;
    va_start(ap, fmt);
    if (line > 0)
        fprintf(stderr, "%s:%ld: ", ld->path, line);
    else
        fprintf(stderr, "%s: ", ld->path);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* A problem with the row starting on [line]: fatal, or with --lenient the row is skipped and
 * counted. */
static void row_error(Loader *ld, int kind, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void row_error(Loader *ld, int kind, long line, const char *fmt, ...) {
    if (ld->stop) return;
    if (ld->opt && ld->opt->lenient) {
        if (ld->skipped[kind] < KIND_LINES) ld->skipped_at[kind][ld->skipped[kind]] = line;
        ld->skipped[kind]++;
        return;
    }
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    load_error(ld, line, "%s", msg);
}

static int bars_grow(Bars *b, int offsets) {
    size_t cap = b->cap ? b->cap * 2 : 4096;
#define GROW(f)                                                                                    \
    do {                                                                                           \
        void *np = realloc(b->f, cap * sizeof *b->f);                                              \
        if (!np) return -1;                                                                        \
        b->f = np;                                                                                 \
    } while (0)
    GROW(time);
    GROW(open);
    GROW(high);
    GROW(low);
    GROW(close);
    GROW(volume);
    if (offsets) GROW(utc_offset_min);
#undef GROW
    b->cap = cap;
    return 0;
}

static int lines_grow(Loader *ld) {
    long *nl = realloc(ld->lines, ld->b->cap * sizeof *nl);
    if (!nl) return -1;
    ld->lines = nl;
    return 0;
}

static void trim(const char **s, size_t *len) {
    while (*len && (**s == ' ' || **s == '\t'))
        (*s)++, (*len)--;
    while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
        (*len)--;
}

static void copy_field(char *dst, size_t *dlen, const char *s, size_t len) {
    if (len >= FIELD_MAX) len = FIELD_MAX - 1;
    memcpy(dst, s, len);
    dst[len] = 0;
    *dlen = len;
}

/* }====== */

/* {====== HEADER */

static int utf8_valid(const unsigned char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        int k;
        uint32_t cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xc2 && c <= 0xdf) {
            k = 1, cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            k = 2, cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            k = 3, cp = c & 0x07;
        } else {
            return 0;
        }
        for (int j = 1; j <= k; j++) {
            if (i + j >= n || (s[i + j] & 0xc0) != 0x80) return 0;
            cp = cp << 6 | (s[i + j] & 0x3f);
        }
        if ((k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) || cp > 0x10ffff ||
            (cp >= 0xd800 && cp <= 0xdfff))
            return 0;
        i += (size_t)k + 1;
    }
    return 1;
}

static void header_add(Loader *ld, const char *s, size_t len) {
    trim(&s, &len);
    if (ld->hdr_len + len + 1 > ld->hdr_cap) {
        size_t cap = (ld->hdr_cap + len + 1) * 2;
        char *nh = realloc(ld->hdr, cap);
        if (!nh) {
            load_error(ld, ld->row_line, "out of memory");
            return;
        }
        ld->hdr = nh;
        ld->hdr_cap = cap;
    }
    memcpy(ld->hdr + ld->hdr_len, s, len);
    ld->hdr[ld->hdr_len + len] = 0;
    ld->hdr_len += len + 1;
    ld->hdr_n++;
}

static int role_of_name(const char *name) {
    static const struct {
        const char *name;
        int role;
    } NAMES[] = {
        {"time", R_TIME},          {"datetime", R_TIME},
        {"date/time", R_TIME},     {"timestamp", R_TIME},
        {"date", R_DATE},          {"open", R_OPEN},
        {"high", R_HIGH},          {"low", R_LOW},
        {"close", R_CLOSE},        {"volume", R_VOLUME},
        {"vol", R_VOLUME},         {"symbol", R_SYMBOL},
        {"ticker", R_SYMBOL},      {"adj close", R_ADJ},
        {"adj_close", R_ADJ},      {"adjclose", R_ADJ},
        {"adjusted close", R_ADJ},
    };
    for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0]; i++)
        if (strcasecmp(name, NAMES[i].name) == 0) return NAMES[i].role;
    return R_NONE;
}

static int looks_like_time(const char *s) {
    size_t len = strlen(s);
    int64_t t;
    int off, has;
    if (parse_time_iso(s, len, &t, &off, &has) == 0) return 1;
    size_t i = s[0] == '-';
    if (i == len) return 0;
    for (; i < len; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

static void data_field(Loader *ld, int col, const char *s, size_t len);

/* Maps header names to roles and checks that the required columns are there. A first row
 * with no known names that starts with a time is data: the columns are then taken as
 * time, open, high, low, close[, volume], and 1 is returned. */
static int header_finish(Loader *ld) {
    ld->have_header = 1;
    ld->ncols = ld->hdr_n;
    ld->role = calloc((size_t)ld->ncols, 1);
    if (!ld->role) {
        load_error(ld, ld->row_line, "out of memory");
        return 0;
    }
    if (!utf8_valid((const unsigned char *)ld->hdr, ld->hdr_len)) {
        load_error(ld, ld->row_line, "invalid UTF-8 in the header");
        return 0;
    }
    int at[R_COUNT];
    for (int r = 0; r < R_COUNT; r++)
        at[r] = -1;
    int time_rank = 99, known = 0;
    const char *name = ld->hdr;
    for (int c = 0; c < ld->ncols; c++, name += strlen(name) + 1) {
        int r = role_of_name(name);
        if (r == R_NONE) continue;
        known++;
        if (r == R_TIME) {
            int rank = strcasecmp(name, "time") == 0 ? 0 : 1;
            if (rank < time_rank) {
                time_rank = rank;
                at[R_TIME] = c;
            }
        } else if (at[r] < 0) {
            at[r] = c;
        }
    }
    if (known == 0 && ld->ncols >= 5 && looks_like_time(ld->hdr)) {
        static const unsigned char POSITIONAL[6] = {R_TIME, R_OPEN,  R_HIGH,
                                                    R_LOW,  R_CLOSE, R_VOLUME};
        for (int c = 0; c < ld->ncols && c < 6; c++)
            ld->role[c] = POSITIONAL[c];
        ld->b->has_volume = ld->ncols >= 6;
        const char *f = ld->hdr;
        for (int c = 0; c < ld->ncols; c++, f += strlen(f) + 1)
            data_field(ld, c, f, strlen(f));
        return 1;
    }
    ld->combine = 0;
    if (at[R_TIME] < 0) {
        at[R_TIME] = at[R_DATE];
        at[R_DATE] = -1;
    } else if (at[R_DATE] >= 0 && time_rank == 0) {
        ld->combine = -1;
    }
    static const int REQUIRED[] = {R_TIME, R_OPEN, R_HIGH, R_LOW, R_CLOSE, R_ADJ};
    size_t nreq = sizeof REQUIRED / sizeof REQUIRED[0] - !(ld->opt && ld->opt->adjusted);
    for (size_t k = 0; k < nreq; k++) {
        if (at[REQUIRED[k]] >= 0) continue;
        size_t need = ld->hdr_len + 2 * (size_t)ld->ncols + 1;
        char *found = malloc(need);
        if (!found) {
            load_error(ld, ld->row_line, "out of memory");
            return 0;
        }
        size_t o = 0;
        const char *f = ld->hdr;
        for (int c = 0; c < ld->ncols; c++, f += strlen(f) + 1) {
            if (c) found[o++] = ',', found[o++] = ' ';
            size_t n = strlen(f);
            memcpy(found + o, f, n);
            o += n;
        }
        found[o] = 0;
        load_error(ld, ld->row_line, "missing column \"%s\"%s (found: %s)", ROLE_NAME[REQUIRED[k]],
                   REQUIRED[k] == R_ADJ ? " for --adjusted" : "", found);
        free(found);
        return 0;
    }
    if (!(ld->opt && ld->opt->adjusted)) at[R_ADJ] = -1;
    for (int r = R_TIME; r < R_COUNT; r++)
        if (at[r] >= 0) ld->role[at[r]] = (unsigned char)r;
    ld->b->has_volume = at[R_VOLUME] >= 0;
    ld->has_symbol_col = at[R_SYMBOL] >= 0;
    return 0;
}

/* }====== */

/* {====== ROWS */

/* Exports write prices as float sums, e.g. 1.0683799999999999 for 1.06838: for mintick only
 * the decimals of the value rounded to 15 significant digits count. */
static int noise_free_decimals(double v, int dec) {
    double a = fabs(v);
    for (int d = 0; d < dec && d < 22; d++) {
        double x = a * pow(10, d);
        if (fabs(x - nearbyint(x)) <= x * 1e-13) return d;
    }
    return dec;
}

static const double POW10_EXACT[23] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* The common price in one pass: [sign] digits [. digits], at most 15 digits in all. Sets *v as
 * parse_double would (digits and power of ten both exact, one correctly rounded division:
 * Clinger's fast path) and *dec to the count of decimals. Returns 0, or -1 for anything else
 * (exponents, decimal commas, long digit strings, words), which the general path takes. */
static int plain_number(const char *s, size_t len, double *v, int *dec) {
    const char *p = s, *e = s + len;
    int neg = 0;
    if (p < e && (*p == '+' || *p == '-')) neg = *p++ == '-';
    const char *start = p;
    uint64_t mant = 0; /* wraps on long inputs, which are refused below */
    unsigned d;
    while (p < e && (d = (unsigned)(*p - '0')) < 10) {
        mant = mant * 10 + d;
        p++;
    }
    const char *point = p;
    if (p < e && *p == '.') {
        for (p++; p < e && (d = (unsigned)(*p - '0')) < 10; p++)
            mant = mant * 10 + d;
    }
    int frac = p > point ? (int)(p - point - 1) : 0;
    int ndig = (int)(point - start) + frac;
    if (p != e || ndig == 0 || ndig > 15) return -1;
    double x = (double)mant / POW10_EXACT[frac];
    *v = neg ? -x : x;
    *dec = frac;
    return 0;
}

static void number_field(Loader *ld, int role, const char *s, size_t len) {
    trim(&s, &len);
    double v;
    int dec;
    if (plain_number(s, len, &v, &dec) == 0) {
        ld->val[role] = v;
        if (role != R_VOLUME && role != R_ADJ && dec > ld->decimals) ld->decimals = dec;
        return;
    }
    if (len == 0 || (len == 4 && strncasecmp(s, "null", 4) == 0)) {
        ld->val[role] = NAN;
        return;
    }
    int rc = parse_double(s, len, &v);
    if (rc != 0 && ld->delim != ',' && len < FIELD_MAX && memchr(s, ',', len)) {
        char tmp[FIELD_MAX];
        for (size_t k = 0; k < len; k++)
            tmp[k] = s[k] == ',' ? '.' : s[k];
        rc = parse_double(tmp, len, &v);
    }
    if (rc != 0 || isinf(v)) {
        if (!ld->bad_role) {
            ld->bad_role = role;
            size_t n;
            copy_field(ld->bad_text, &n, s, len);
        }
        return;
    }
    ld->val[role] = v;
    if (role == R_VOLUME || role == R_ADJ || isnan(v)) return;
    int sig = 0, after_dot = 0;
    size_t k = 0;
    dec = 0;
    for (; k < len && s[k] != 'e' && s[k] != 'E'; k++) {
        char c = s[k];
        if (c == '.' || (c == ',' && ld->delim != ','))
            after_dot = 1;
        else if (c >= '0' && c <= '9') {
            if (sig || c != '0') sig++;
            dec += after_dot;
        }
    }
    if (!after_dot && k == len) return;
    if (k < len) dec -= atoi(s + k + 1);
    if (sig > 15) dec = noise_free_decimals(v, dec);
    if (dec > ld->decimals) ld->decimals = dec;
}

static void data_field(Loader *ld, int col, const char *s, size_t len) {
    if (col >= ld->ncols) return;
    int role = ld->role[col];
    switch (role) {
    case R_NONE: return;
    case R_TIME:
        trim(&s, &len);
        copy_field(ld->tbuf, &ld->tlen, s, len);
        return;
    case R_DATE:
        trim(&s, &len);
        copy_field(ld->dbuf, &ld->dlen, s, len);
        return;
    case R_SYMBOL:
        trim(&s, &len);
        copy_field(ld->sbuf, &ld->slen, s, len);
        return;
    default: number_field(ld, role, s, len);
    }
}

// A field of the current row; [newlines] is how many it holds (quoted fields may hold some).
static void take_field(Loader *ld, const char *s, size_t len, long newlines) {
    if (ld->stop) return;
    if (ld->nf == 0) ld->row_line = ld->line;
    int col = ld->nf++;
    ld->line += newlines;
    if (!ld->have_header)
        header_add(ld, s, len);
    else
        data_field(ld, col, s, len);
}

static void on_field(void *data, size_t len, void *ctx) {
    const char *s = data ? data : "";
    long newlines = 0;
    for (const char *q = s; (q = memchr(q, '\n', len - (size_t)(q - s))); q++)
        newlines++;
    take_field(ctx, s, len, newlines);
}

static int is_clock(const char *s) {
    return strchr(s, ':') && !strchr(s, '-') && !strchr(s, 'T');
}

/* Places naive wall time [local] (ms) in the zone. A wall time repeated when clocks go back
 * is read as the earlier instant unless that would not come after the previous bar, so that
 * bars through the repeated hour stay in order. */
static int64_t local_to_utc(Loader *ld, int64_t local) {
    int64_t utc = tz_local_to_utc(ld->zone, local);
    if (ld->nbars && utc <= ld->prev_t) {
        int after = tz_offset(ld->zone, local + 86400000);
        int64_t later = local - (int64_t)after * 1000;
        if (later > utc && tz_offset(ld->zone, later) == after) utc = later;
    }
    return utc;
}

/* Reads a time field: UNIX s/ms/µs by magnitude, or ISO 8601. Sets *naive when the text has
 * no offset (then *t is local wall time, to be placed in a zone). Returns 0 or -1. */
static int time_field(const char *s, size_t len, int64_t *t, int *off_min, TimeForm *form,
                      int *naive) {
    size_t i = len && s[0] == '-', k = i;
    int64_t v = 0;
    while (k < len && k - i < 18 && (unsigned)(s[k] - '0') < 10)
        v = v * 10 + (s[k++] - '0');
    *naive = 0;
    if (k == len && k > i) {
        if (v < 100000000000LL) {
            v *= 1000;
            *form = TIME_UNIX_S;
        } else {
            if (v >= 100000000000000LL) v /= 1000;
            *form = TIME_UNIX_MS;
        }
        *t = i ? -v : v;
        *off_min = 0;
        return 0;
    }
    int has;
    if (len == 0 || parse_time_iso(s, len, t, off_min, &has) != 0) return -1;
    *form = TIME_ISO;
    *naive = !has;
    return 0;
}

int bars_parse_time(const char *s, size_t len, struct TzZone *zone, int64_t *ms, int *off_min,
                    TimeForm *form) {
    int naive;
    if (time_field(s, len, ms, off_min, form, &naive) != 0) return -1;
    if (naive && zone) {
        *ms = tz_local_to_utc(zone, *ms);
        *off_min = tz_offset(zone, *ms) / 60;
    }
    return 0;
}

// Reads the row's time into *t (UNIX ms); returns 0 or reports and returns -1.
static int row_time(Loader *ld, int64_t *t, int *off_min, TimeForm *form) {
    char both[2 * FIELD_MAX + 2];
    const char *s = ld->tbuf;
    size_t len = ld->tlen;
    if (ld->combine == -1) ld->combine = is_clock(ld->tbuf);
    if (ld->combine == 1) {
        len = (size_t)snprintf(both, sizeof both, "%sT%s", ld->dbuf, ld->tbuf);
        s = both;
    }
    if (len == 0) {
        row_error(ld, K_TIME, ld->row_line, "time: missing value");
        return -1;
    }
    int naive;
    if (time_field(s, len, t, off_min, form, &naive) != 0) {
        row_error(ld, K_TIME, ld->row_line, "time: \"%s\" is not a date-time", s);
        return -1;
    }
    if (naive && ld->zone) {
        *t = local_to_utc(ld, *t);
        *off_min = tz_offset(ld->zone, *t) / 60;
    } else if (ld->zone) {
        /* with --timezone, times are shown with the chart's offset whatever the file's was */
        *off_min = tz_offset(ld->zone, *t) / 60;
    }
    return 0;
}

static void note_symbol(Loader *ld) {
    for (int i = 0; i < ld->nsymbols; i++)
        if (strcmp(ld->symbols[i], ld->sbuf) == 0) return;
    if (ld->nsymbols == MAX_SYMBOLS) {
        ld->more_symbols++;
        return;
    }
    memcpy(ld->symbols[ld->nsymbols++], ld->sbuf, ld->slen + 1);
}

static void fmt_pair(char *a, double x, char *b, double y) {
    fmt_double(a, x);
    fmt_double(b, y);
}

static void row_finish(Loader *ld) {
    Bars *b = ld->b;
    long line = ld->row_line;
    if (ld->nf != ld->ncols) {
        row_error(ld, K_FIELDS, line, "expected %d fields, found %d", ld->ncols, ld->nf);
        return;
    }
    if (ld->has_symbol_col && !utf8_valid((const unsigned char *)ld->sbuf, ld->slen)) {
        row_error(ld, K_UTF8, line, "symbol: invalid UTF-8");
        return;
    }
    if (ld->bad_role && !utf8_valid((const unsigned char *)ld->bad_text, strlen(ld->bad_text))) {
        row_error(ld, K_UTF8, line, "%s: invalid UTF-8", ROLE_NAME[ld->bad_role]);
        return;
    }
    if (ld->has_symbol_col) {
        note_symbol(ld);
        const char *want = ld->opt ? ld->opt->symbol : NULL;
        if (!want) want = ld->nsymbols ? ld->symbols[0] : "";
        if (strcmp(ld->sbuf, want) != 0) return;
        if (!b->symbol[0]) memcpy(b->symbol, ld->sbuf, ld->slen + 1);
    }
    if (ld->bad_role) {
        row_error(ld, K_NUMBER, line, "%s: \"%s\" is not a number", ROLE_NAME[ld->bad_role],
                  ld->bad_text);
        return;
    }
    int64_t t;
    int off;
    TimeForm form;
    if (row_time(ld, &t, &off, &form) != 0) return;

    double o = ld->val[R_OPEN], h = ld->val[R_HIGH], l = ld->val[R_LOW], c = ld->val[R_CLOSE];
    char x[32], y[32];
    if (h < l) {
        fmt_pair(x, h, y, l);
        row_error(ld, K_RANGE, line, "high: %s is below low %s", x, y);
        return;
    }
    static const int OC[2] = {R_OPEN, R_CLOSE};
    for (int k = 0; k < 2; k++) {
        double v = ld->val[OC[k]];
        if (v > h) {
            fmt_pair(x, v, y, h);
            row_error(ld, K_RANGE, line, "%s: %s is above high %s", ROLE_NAME[OC[k]], x, y);
            return;
        }
        if (v < l) {
            fmt_pair(x, v, y, l);
            row_error(ld, K_RANGE, line, "%s: %s is below low %s", ROLE_NAME[OC[k]], x, y);
            return;
        }
    }
    if (ld->opt && ld->opt->adjusted) {
        double f = ld->val[R_ADJ] / c;
        o *= f, h *= f, l *= f;
        c = ld->val[R_ADJ];
    }
    int sorting = ld->opt && ld->opt->sort;
    if (ld->nbars > 0 && !sorting) {
        int64_t prev = ld->prev_t;
        const char *shown = ld->combine == 1 ? ld->dbuf : ld->tbuf;
        char both[2 * FIELD_MAX + 2];
        if (ld->combine == 1) {
            snprintf(both, sizeof both, "%s %s", ld->dbuf, ld->tbuf);
            shown = both;
        }
        if (t == prev) {
            row_error(ld, K_DUP, line, "time: %s duplicates line %ld", shown, ld->prev_line);
            return;
        }
        if (t < prev) {
            row_error(ld, K_ORDER, line, "time: %s is not after the previous bar (line %ld)", shown,
                      ld->prev_line);
            return;
        }
    }
    if (ld->nbars == 0) {
        b->time_form = form;
        ld->offsets = form == TIME_ISO;
        if (!ld->offsets) {
            free(b->utc_offset_min);
            b->utc_offset_min = NULL;
        }
    }
    if (b->n == b->cap && (bars_grow(b, ld->offsets) != 0 || (sorting && lines_grow(ld) != 0))) {
        load_error(ld, line, "out of memory");
        return;
    }
    if (sorting) ld->lines[b->n] = line;
    size_t i = b->n++;
    b->time[i] = t;
    b->open[i] = o;
    b->high[i] = h;
    b->low[i] = l;
    b->close[i] = c;
    b->volume[i] = b->has_volume ? ld->val[R_VOLUME] : NAN;
    if (ld->offsets) b->utc_offset_min[i] = (int16_t)off;
    if (ld->decimals > b->price_decimals) b->price_decimals = ld->decimals;
    ld->prev_line = line;
    ld->prev_t = t;
    ld->nbars++;
}

static void on_row(int term, void *ctx) {
    Loader *ld = ctx;
    if (ld->stop) return;
    if (ld->nf > 0) {
        if (ld->have_header || header_finish(ld)) row_finish(ld);
        ld->nf = 0;
        ld->bad_role = 0;
        ld->bad_text[0] = 0;
        ld->decimals = 0;
        ld->tlen = ld->dlen = ld->slen = 0;
        ld->tbuf[0] = ld->dbuf[0] = ld->sbuf[0] = 0;
        ld->val[R_VOLUME] = NAN;
        if (term == '\r' || term == '\n') ld->line++;
    } else if (!(term == '\n' && ld->last_term == '\r')) {
        ld->line++;
    }
    ld->last_term = term;
}

/* }====== */

/* {====== DRIVER */

static int space_only(unsigned char c) {
    return c == ' ';
}

/* Picks ',', ';' or tab: whichever occurs most outside quotes on the first non-blank line. */
static unsigned char detect_delim(const char *s, size_t len) {
    size_t i = 0;
    while (i < len && (s[i] == '\r' || s[i] == '\n' || s[i] == ' '))
        i++;
    int comma = 0, semi = 0, tab = 0, quoted = 0;
    for (; i < len && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
        char c = s[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted)
            comma += c == ',', semi += c == ';', tab += c == '\t';
    }
    if (semi > comma && semi >= tab) return ';';
    if (tab > comma && tab > semi) return '\t';
    return ',';
}

size_t bars_csv_dialect(struct csv_parser *p, const char *s, size_t len, unsigned char *delim) {
    size_t skip = len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    unsigned char d = detect_delim(s + skip, len - skip);
    csv_set_delim(p, d);
    if (d == '\t') csv_set_space_func(p, space_only);
    if (delim) *delim = d;
    return skip;
}

/* {====== FAST PATH
 * Files without a quote character (nearly all of them) are split here rather than by libcsv:
 * whole lines found with memchr, fields found a word at a time, and each handed to the same
 * take_field/on_row as libcsv's callbacks, with the same terminators, so rows, errors and line
 * numbers come out the same. From the first chunk with a quote or a lone carriage return on,
 * libcsv reads the rest of the file. */

#define SLACK 8 /* bytes after the data that field_end may read */

/* The first [c] in [p, end), or end. Reads whole words, up to 7 bytes past [end] (the buffer
 * has SLACK bytes more). */
static const char *field_end(const char *p, const char *end, unsigned char c) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t pat = ones * c;
    for (; p < end; p += 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        w ^= pat;
        uint64_t zero = (w - ones) & ~w & highs; /* lowest set bit: the first byte equal to c */
        if (zero) {
            p += __builtin_ctzll(zero) >> 3;
            return p < end ? p : end;
        }
    }
    return end;
#else
    while (p < end && (unsigned char)*p != c)
        p++;
    return p;
#endif
}

/* One line [s, end) without its terminator [term], as libcsv reports it: a line of spaces
 * only is a blank line (a terminator with no fields). */
static void fast_line(Loader *ld, const char *s, const char *end, int term) {
    const char *p = s;
    while (p < end && (*p == ' ' || (*p == '\t' && ld->delim != '\t')))
        p++;
    if (p < end) {
        for (;;) {
            const char *d = field_end(s, end, ld->delim);
            take_field(ld, s, (size_t)(d - s), 0);
            if (d == end) break;
            s = d + 1;
        }
    }
    on_row(term, ld);
}

/* Reads the whole lines of [buf, buf + len), stopping early when ld->pause_at bars are in, and
 * returns how many bytes they took; clears [*fast] instead when they need libcsv (a quote, or a
 * carriage return that ends no line). */
static size_t fast_lines(Loader *ld, const char *buf, size_t len, int *fast) {
    const char *e = buf + len;
    while (e > buf && e[-1] != '\n')
        e--;
    if (e == buf) return 0;
    if (memchr(buf, '"', (size_t)(e - buf))) {
        *fast = 0;
        return 0;
    }
    for (const char *r = buf; (r = memchr(r, '\r', (size_t)(e - r))); r++) {
        if (r[1] != '\n') {
            *fast = 0;
            return 0;
        }
    }
    const char *s = buf;
    while (s < e && !ld->stop && ld->nbars < ld->pause_at) {
        const char *nl = memchr(s, '\n', (size_t)(e - s));
        if (nl > s && nl[-1] == '\r') {
            fast_line(ld, s, nl - 1, '\r');
            on_row('\n', ld);
        } else {
            fast_line(ld, s, nl, '\n');
        }
        s = nl + 1;
    }
    return (size_t)(s - buf);
}

/* }====== */

// True when [s] holds the end of the first non-blank line.
static int has_first_line(const char *s, size_t len) {
    size_t i = 0;
    while (i < len && (s[i] == '\r' || s[i] == '\n' || s[i] == ' '))
        i++;
    return memchr(s + i, '\n', len - i) != NULL;
}

static const int64_t *sort_keys;

static int by_time(const void *a, const void *b) {
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    if (sort_keys[i] != sort_keys[j]) return sort_keys[i] < sort_keys[j] ? -1 : 1;
    return i < j ? -1 : i > j;
}

/* --sort: orders the rows by time (stably, so of two rows with one time the earlier line comes
 * first), then refuses or (--lenient) drops the later of each duplicate. Returns 0 or -1. */
static int sort_rows(Loader *ld) {
    Bars *b = ld->b;
    if (b->n < 2) return 0;
    size_t *idx = malloc(b->n * sizeof *idx);
    void *tmp = malloc(b->n * sizeof(int64_t));
    if (!idx || !tmp) {
        free(idx);
        free(tmp);
        load_error(ld, 0, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < b->n; i++)
        idx[i] = i;
    sort_keys = b->time;
    qsort(idx, b->n, sizeof *idx, by_time);
    sort_keys = NULL;
#define PERMUTE(arr, T)                                                                            \
    do {                                                                                           \
        T *t_ = tmp;                                                                               \
        for (size_t i = 0; i < b->n; i++)                                                          \
            t_[i] = (arr)[idx[i]];                                                                 \
        memcpy((arr), t_, b->n * sizeof(T));                                                       \
    } while (0)
    PERMUTE(b->time, int64_t);
    PERMUTE(b->open, double);
    PERMUTE(b->high, double);
    PERMUTE(b->low, double);
    PERMUTE(b->close, double);
    PERMUTE(b->volume, double);
    if (b->utc_offset_min) PERMUTE(b->utc_offset_min, int16_t);
    PERMUTE(ld->lines, long);
#undef PERMUTE
    free(idx);
    free(tmp);
    size_t o = 1;
    for (size_t i = 1; i < b->n; i++) {
        if (b->time[i] == b->time[o - 1]) {
            char when[40];
            bars_time_text(b, i, when);
            row_error(ld, K_DUP, ld->lines[i], "time: %s duplicates line %ld", when,
                      ld->lines[o - 1]);
            if (ld->stop) return -1;
            continue;
        }
        b->time[o] = b->time[i];
        b->open[o] = b->open[i];
        b->high[o] = b->high[i];
        b->low[o] = b->low[i];
        b->close[o] = b->close[i];
        b->volume[o] = b->volume[i];
        if (b->utc_offset_min) b->utc_offset_min[o] = b->utc_offset_min[i];
        ld->lines[o] = ld->lines[i];
        o++;
    }
    b->n = o;
    return 0;
}

// --lenient: one line saying how many rows were skipped, of which kinds, on which lines.
static void skip_summary(Loader *ld) {
    long total = 0;
    for (int k = 0; k < K_COUNT; k++)
        total += ld->skipped[k];
    if (!total) return;
    fprintf(stderr, "%s: skipped %ld bad row%s (", ld->path, total, total == 1 ? "" : "s");
    const char *sep = "";
    for (int k = 0; k < K_COUNT; k++) {
        long n = ld->skipped[k];
        if (!n) continue;
        fprintf(stderr, "%s%s: line%s ", sep, KIND_NAME[k], n == 1 ? "" : "s");
        for (long i = 0; i < n && i < KIND_LINES; i++)
            fprintf(stderr, "%s%ld", i ? ", " : "", ld->skipped_at[k][i]);
        if (n > KIND_LINES) fprintf(stderr, " and %ld more", n - KIND_LINES);
        sep = "; ";
    }
    fputs(")\n", stderr);
}

static void symbol_list(Loader *ld, char *out, size_t cap) {
    size_t o = 0;
    out[0] = 0;
    for (int i = 0; i < ld->nsymbols && o < cap; i++)
        o += (size_t)snprintf(out + o, cap - o, "%s%s", i ? ", " : "", ld->symbols[i]);
    if (ld->more_symbols && o < cap) snprintf(out + o, cap - o, " and %d more", ld->more_symbols);
}

/* The input side of a reader: a read buffer that the fast path or libcsv splits. */
struct BarsReader {
    Loader ld;
    int fd, is_stdin;
    char *buf;
    size_t len, cap; /* bytes read and not yet split; the buffer holds cap + SLACK */
    struct csv_parser p;
    int csv_ok;
    int first; /* the first line (BOM, delimiter) is still to come */
    int fast;  /* the fast path splits lines; 0 once libcsv has taken over */
    int eof;   /* read() returned 0 */
    int done;  /* the input ended and the whole-file checks were made */
};

#define CSV_PIECE 4096 /* bytes libcsv splits between checks of the bar quota */

BarsReader *bars_reader_open(const char *path, const BarsLoadOptions *opt) {
    BarsReader *r = calloc(1, sizeof *r);
    if (!r) {
        fprintf(stderr, "%s: out of memory\n", path);
        return NULL;
    }
    Loader *ld = &r->ld;
    ld->path = path;
    ld->opt = opt;
    ld->line = 1;
    ld->val[R_VOLUME] = NAN;
    r->fd = -1;
    r->first = r->fast = 1;
    if (opt && opt->timezone && *opt->timezone) {
        ld->zone = tz_get(opt->timezone);
        if (!ld->zone) {
            fprintf(stderr, "%s: unknown time zone \"%s\"\n", path, opt->timezone);
            free(r);
            return NULL;
        }
    }
    r->is_stdin = strcmp(path, "-") == 0;
    r->fd = r->is_stdin ? 0 : open(path, O_RDONLY);
    if (r->fd < 0) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        free(r);
        return NULL;
    }
    r->cap = 1 << 18;
    r->buf = malloc(r->cap + SLACK);
    if (!r->buf || csv_init(&r->p, CSV_APPEND_NULL | CSV_REPALL_NL) != 0) {
        fprintf(stderr, "%s: out of memory\n", path);
        bars_reader_close(r);
        return NULL;
    }
    r->csv_ok = 1;
    return r;
}

void bars_reader_close(BarsReader *r) {
    if (!r) return;
    if (r->csv_ok) csv_free(&r->p);
    free(r->buf);
    free(r->ld.hdr);
    free(r->ld.role);
    free(r->ld.lines);
    if (!r->is_stdin && r->fd >= 0) close(r->fd);
    free(r);
}

/* The checks that need the whole input, made once it has ended, and --sort (which needs every
 * bar in the window). Returns 0 or -1. */
static int reader_finish(BarsReader *r) {
    Loader *ld = &r->ld;
    const BarsLoadOptions *opt = ld->opt;
    const char *path = ld->path;
    csv_fini(&r->p, on_field, on_row, ld);
    if (ld->stop) return -1;
    if (opt && opt->sort && sort_rows(ld) != 0) return -1;
    skip_summary(ld);
    if (!ld->have_header) {
        fprintf(stderr, "%s: empty file\n", path);
        return -1;
    }
    if (ld->has_symbol_col) {
        char list[1024];
        symbol_list(ld, list, sizeof list);
        if (opt && opt->symbol && ld->nbars == 0 && ld->nsymbols) {
            fprintf(stderr, "%s: symbol: no rows for \"%s\" (found: %s)\n", path, opt->symbol,
                    list);
            return -1;
        }
        if (!(opt && opt->symbol) && ld->nsymbols > 1) {
            fprintf(stderr, "%s: symbol: the file holds several symbols (%s); pick one\n", path,
                    list);
            return -1;
        }
    }
    if (ld->nbars == 0) {
        fprintf(stderr, "%s: no bars after the header\n", path);
        return -1;
    }
    return 0;
}

/* Reads until the first line is complete (or the input ends), then skips a BOM and picks the
 * delimiter. Returns 0 or -1. */
static int read_more(BarsReader *r) {
    for (;;) {
        if (r->len == r->cap) {
            char *nb = realloc(r->buf, r->cap * 2 + SLACK);
            if (!nb) {
                fprintf(stderr, "%s: out of memory\n", r->ld.path);
                return -1;
            }
            r->buf = nb;
            r->cap *= 2;
        }
        ssize_t got = read(r->fd, r->buf + r->len, r->cap - r->len);
        if (got < 0) {
            if (errno == EINTR) continue;
            fprintf(stderr, "%s: %s\n", r->ld.path, strerror(errno));
            return -1;
        }
        r->len += (size_t)got;
        r->eof = got == 0;
        if (!r->first) return 0;
        if (got > 0 && !has_first_line(r->buf, r->len)) continue;
        r->first = 0;
        size_t skip = bars_csv_dialect(&r->p, r->buf, r->len, &r->ld.delim);
        memmove(r->buf, r->buf + skip, r->len - skip);
        r->len -= skip;
        return 0;
    }
}

static void consume(BarsReader *r, size_t used) {
    memmove(r->buf, r->buf + used, r->len - used);
    r->len -= used;
}

/* The fast path keeps a partial last line for the next read; libcsv takes the rest of the
 * input at its end, when one line fills the buffer, or from a quote on. */
int bars_reader_next(BarsReader *r, Bars *window, size_t max_new) {
    Loader *ld = &r->ld;
    if (r->done) return 0;
    ld->b = window;
    ld->pause_at = max_new > SIZE_MAX - ld->nbars ? SIZE_MAX : ld->nbars + max_new;
    for (;;) {
        if (ld->nbars >= ld->pause_at) return 1;
        if (r->fast && r->len && !r->first) {
            memset(r->buf + r->len, 0, SLACK);
            size_t used = fast_lines(ld, r->buf, r->len, &r->fast);
            if (ld->stop) return -1;
            consume(r, used);
            if (ld->nbars >= ld->pause_at) return 1;
            if (r->fast && (r->eof || (used == 0 && r->len == r->cap))) r->fast = 0;
        }
        if (!r->fast) {
            while (r->len && ld->nbars < ld->pause_at) {
                size_t n = r->len < CSV_PIECE ? r->len : CSV_PIECE;
                if (csv_parse(&r->p, r->buf, n, on_field, on_row, ld) != n) {
                    fprintf(stderr, "%s:%ld: %s\n", ld->path, ld->line,
                            csv_strerror(csv_error(&r->p)));
                    return -1;
                }
                if (ld->stop) return -1;
                consume(r, n);
            }
            if (r->len) return 1;
        }
        if (r->eof) {
            r->done = 1;
            return reader_finish(r) == 0 ? 0 : -1;
        }
        if (read_more(r) != 0) return -1;
    }
}

/* Moves elements [from, from + n) of every column to the front. */
static void bars_move_front(Bars *b, size_t from, size_t n) {
    memmove(b->time, b->time + from, n * sizeof *b->time);
    memmove(b->open, b->open + from, n * sizeof *b->open);
    memmove(b->high, b->high + from, n * sizeof *b->high);
    memmove(b->low, b->low + from, n * sizeof *b->low);
    memmove(b->close, b->close + from, n * sizeof *b->close);
    memmove(b->volume, b->volume + from, n * sizeof *b->volume);
    if (b->utc_offset_min)
        memmove(b->utc_offset_min, b->utc_offset_min + from, n * sizeof *b->utc_offset_min);
}

void bars_drop_front(Bars *b, size_t k) {
    if (k == 0) return;
    size_t n = b->n - k;
    bars_move_front(b, k, n);
    b->n = n;
    b->base += (int64_t)k;
}

int bars_load(const char *path, const BarsLoadOptions *opt, Bars *out) {
    memset(out, 0, sizeof *out);
    BarsReader *r = bars_reader_open(path, opt);
    if (!r) return -1;
    int rc = bars_reader_next(r, out, SIZE_MAX);
    bars_reader_close(r);
    if (rc != 0) bars_free(out);
    return rc == 0 ? 0 : -1;
}

void bars_free(Bars *b) {
    free(b->time);
    free(b->open);
    free(b->high);
    free(b->low);
    free(b->close);
    free(b->volume);
    free(b->utc_offset_min);
    memset(b, 0, sizeof *b);
}

/* }====== */

/* {====== SELECTION (--from, --to, --warmup) */

int bars_time_text(const Bars *b, size_t i, char *buf) {
    int64_t t = b->time[i];
    switch (b->time_form) {
    case TIME_UNIX_S:
        if (t % 1000 == 0) return sprintf(buf, "%lld", (long long)(t / 1000));
        return sprintf(buf, "%lld", (long long)t);
    case TIME_UNIX_MS: return sprintf(buf, "%lld", (long long)t);
    case TIME_ISO: break;
    }
    return fmt_time_iso(buf, t, b->utc_offset_min ? b->utc_offset_min[i] : 0);
}

int bars_parse_bound(const char *text, const char *timezone, int is_end, int64_t *ms) {
    TzZone *zone = NULL;
    if (timezone && *timezone && !(zone = tz_get(timezone))) return -1;
    size_t len = strlen(text);
    int64_t t;
    int off, naive;
    TimeForm form;
    if (time_field(text, len, &t, &off, &form, &naive) != 0) return -1;
    if (naive && is_end && len == 10) t += 86400000 - 1; /* a bare date: through its last ms */
    if (naive && zone) t = tz_local_to_utc(zone, t);
    *ms = t;
    return 0;
}

// The first index whose time is >= [t] (times increase).
static size_t lower_bound(const Bars *b, int64_t t) {
    size_t lo = 0, hi = b->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (b->time[mid] < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int bars_select(Bars *b, int64_t from_ms, int64_t to_ms, size_t warmup, size_t *first_out) {
    size_t lo = lower_bound(b, from_ms);
    size_t hi = to_ms == INT64_MAX ? b->n : lower_bound(b, to_ms + 1);
    if (lo >= hi) return -1;
    size_t start = lo > warmup ? lo - warmup : 0, n = hi - start;
    if (start) bars_move_front(b, start, n);
    b->n = n;
    b->first = lo - start;
    if (first_out) *first_out = b->first;
    return 0;
}

/* }====== */
