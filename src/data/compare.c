/* The comparison core of `pine test` (compare.h): reference tables, time and value matching,
 * the three report formats, and trade lists in TradingView's or a translation's layout. */
#include "data/compare.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data/numfmt.h"

/* {====== TABLES */

typedef struct TableLoader {
    CmpTable *t;
    char **row; /* cells of the row being read */
    int nf, cap;
    long line, row_line;
    int last_term;
    int stop;
    size_t rows_cap;
} TableLoader;

static char *trimmed_dup(const char *s, size_t len) {
    while (len && (*s == ' ' || *s == '\t'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
        len--;
    char *d = malloc(len + 1);
    if (!d) abort();
    memcpy(d, s, len);
    d[len] = 0;
    return d;
}

static void tl_field(void *data, size_t len, void *ctx) {
    TableLoader *tl = ctx;
    if (tl->stop) return;
    const char *s = data ? data : "";
    if (tl->nf == 0) tl->row_line = tl->line;
    for (size_t k = 0; k < len; k++)
        tl->line += s[k] == '\n';
    if (tl->nf == tl->cap) {
        tl->cap = tl->cap ? tl->cap * 2 : 16;
        tl->row = realloc(tl->row, (size_t)tl->cap * sizeof *tl->row);
        if (!tl->row) abort();
    }
    tl->row[tl->nf++] = trimmed_dup(s, len);
}

static void tl_row(int term, void *ctx) {
    TableLoader *tl = ctx;
    CmpTable *t = tl->t;
    if (tl->stop) return;
    if (tl->nf == 0 || (tl->nf == 1 && !tl->row[0][0])) {
        for (int i = 0; i < tl->nf; i++)
            free(tl->row[i]);
        tl->nf = 0;
        if (!(term == '\n' && tl->last_term == '\r')) tl->line++;
        tl->last_term = term;
        return;
    }
    if (!t->names) {
        t->names = tl->row;
        t->ncols = tl->nf;
        tl->row = NULL;
        tl->cap = 0;
    } else {
        if (tl->nf > t->ncols) {
            fprintf(stderr, "%s:%ld: %d fields, the header has %d\n", t->path, tl->row_line, tl->nf,
                    t->ncols);
            tl->stop = 1;
            for (int i = 0; i < tl->nf; i++)
                free(tl->row[i]);
            tl->nf = 0;
            return;
        }
        if (t->nrows == tl->rows_cap) {
            tl->rows_cap = tl->rows_cap ? tl->rows_cap * 2 : 1024;
            t->cells = realloc(t->cells, tl->rows_cap * (size_t)t->ncols * sizeof *t->cells);
            t->lines = realloc(t->lines, tl->rows_cap * sizeof *t->lines);
            if (!t->cells || !t->lines) abort();
        }
        char **dst = t->cells + t->nrows * (size_t)t->ncols;
        for (int i = 0; i < t->ncols; i++)
            dst[i] = i < tl->nf ? tl->row[i] : trimmed_dup("", 0);
        t->lines[t->nrows++] = tl->row_line;
    }
    tl->nf = 0;
    if (term == '\r' || term == '\n') tl->line++;
    tl->last_term = term;
}

int cmp_table_load(const char *path, CmpTable *t) {
    memset(t, 0, sizeof *t);
    t->path = path;
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return -1;
    }
    size_t cap = 1 << 16, len = 0, got;
    char *buf = malloc(cap);
    if (!buf) abort();
    while ((got = fread(buf + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
            if (!buf) abort();
        }
    }
    int rerr = ferror(f);
    if (f != stdin) fclose(f);
    if (rerr) {
        fprintf(stderr, "%s: read error\n", path);
        free(buf);
        return -1;
    }
    struct csv_parser p;
    if (csv_init(&p, CSV_APPEND_NULL | CSV_REPALL_NL) != 0) abort();
    size_t skip = bars_csv_dialect(&p, buf, len, NULL);
    TableLoader tl = {.t = t, .line = 1};
    int rc = 0;
    if (csv_parse(&p, buf + skip, len - skip, tl_field, tl_row, &tl) != len - skip) {
        fprintf(stderr, "%s:%ld: %s\n", path, tl.line, csv_strerror(csv_error(&p)));
        rc = -1;
    } else {
        csv_fini(&p, tl_field, tl_row, &tl);
    }
    csv_free(&p);
    free(buf);
    for (int i = 0; i < tl.nf; i++)
        free(tl.row[i]);
    free(tl.row);
    if (tl.stop) rc = -1;
    if (rc == 0 && !t->names) {
        fprintf(stderr, "%s: empty file\n", path);
        rc = -1;
    }
    if (rc != 0) cmp_table_free(t);
    return rc;
}

void cmp_table_free(CmpTable *t) {
    for (int i = 0; t->names && i < t->ncols; i++)
        free(t->names[i]);
    for (size_t i = 0; t->cells && i < t->nrows * (size_t)t->ncols; i++)
        free(t->cells[i]);
    free(t->names);
    free(t->cells);
    free(t->lines);
    memset(t, 0, sizeof *t);
}

static int tolower_ascii(int c) {
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static int title_char(int c) {
    return c != ' ' && c != '\t' && c != '_';
}

int cmp_same_title(const char *a, const char *b) {
    for (;;) {
        while (*a && !title_char((unsigned char)*a))
            a++;
        while (*b && !title_char((unsigned char)*b))
            b++;
        if (!*a || !*b) return !*a && !*b;
        int ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca < 0x80) ca = tolower_ascii(ca);
        if (cb < 0x80) cb = tolower_ascii(cb);
        if (ca != cb) return 0;
        a++, b++;
    }
}

int cmp_table_column(const CmpTable *t, const char *name) {
    for (int i = 0; i < t->ncols; i++)
        if (!strcmp(t->names[i], name)) return i;
    for (int i = 0; i < t->ncols; i++)
        if (cmp_same_title(t->names[i], name)) return i;
    return -1;
}

/* }====== */

/* {====== TIMES AND NUMBERS */

int cmp_parse_time(const char *s, CmpTime *out) {
    size_t len = strlen(s);
    size_t i = s[0] == '-';
    int digits = len > i;
    for (size_t k = i; k < len; k++)
        if (s[k] < '0' || s[k] > '9') digits = 0;
    if (digits && len - i <= 18) {
        int64_t v = 0;
        for (size_t k = i; k < len; k++)
            v = v * 10 + (s[k] - '0');
        if (v < 100000000000LL)
            v *= 1000;
        else if (v >= 100000000000000LL)
            v /= 1000;
        out->t = i ? -v : v;
        out->naive = out->offset_min = 0;
        return 0;
    }
    /* pandas may write a fractional UNIX time ("1672531200.0") */
    double x;
    if (len && parse_double(s, len, &x) == 0 && isfinite(x) && fabs(x) < 1e15 && x == floor(x)) {
        int64_t v = (int64_t)x;
        out->t = llabs(v) < 100000000000LL ? v * 1000 : v;
        out->naive = out->offset_min = 0;
        return 0;
    }
    int64_t t;
    int off, has;
    if (parse_time_iso(s, len, &t, &off, &has) != 0) return -1;
    out->t = t;
    out->naive = !has;
    out->offset_min = off;
    return 0;
}

int cmp_same_time(const CmpTime *a, const CmpTime *b) {
    if (a->naive == b->naive) return a->t == b->t;
    const CmpTime *n = a->naive ? a : b, *z = a->naive ? b : a;
    return n->t == z->t + (int64_t)z->offset_min * 60000;
}

static int is_clock(const char *s) {
    return strchr(s, ':') && !strchr(s, '-') && !strchr(s, 'T');
}

int cmp_time_columns(const CmpTable *t, int *tcol, int *ccol) {
    static const char *const NAMES[] = {"time",      "datetime", "date/time",
                                        "timestamp", "date",     "index"};
    *tcol = *ccol = -1;
    for (size_t k = 0; k < sizeof NAMES / sizeof NAMES[0] && *tcol < 0; k++)
        for (int i = 0; i < t->ncols; i++)
            if (!strcasecmp(t->names[i], NAMES[k])) {
                *tcol = i;
                break;
            }
    if (*tcol < 0 && t->ncols && !t->names[0][0]) *tcol = 0;
    if (*tcol < 0) return -1;
    /* backtrader: Date,Time with the clock in its own column */
    if (!strcasecmp(t->names[*tcol], "date")) {
        for (int i = 0; i < t->ncols; i++)
            if (!strcasecmp(t->names[i], "time") && t->nrows && is_clock(cmp_cell(t, 0, i)))
                *ccol = i;
    } else if (!strcasecmp(t->names[*tcol], "time") && t->nrows &&
               is_clock(cmp_cell(t, 0, *tcol))) {
        for (int i = 0; i < t->ncols; i++)
            if (!strcasecmp(t->names[i], "date")) {
                *ccol = *tcol;
                *tcol = i;
            }
    }
    return 0;
}

int cmp_row_time(const CmpTable *t, size_t row, int tcol, int ccol, CmpTime *out) {
    const char *s = cmp_cell(t, row, tcol);
    if (ccol < 0) return cmp_parse_time(s, out);
    char both[160];
    snprintf(both, sizeof both, "%sT%s", s, cmp_cell(t, row, ccol));
    return cmp_parse_time(both, out);
}

int cmp_parse_value(const char *s, double *out) {
    static const char *const NA[] = {"", "nan", "na", "none", "null", "n/a"};
    for (size_t k = 0; k < sizeof NA / sizeof NA[0]; k++)
        if (!strcasecmp(s, NA[k])) {
            *out = NAN;
            return 0;
        }
    if (!strcasecmp(s, "true")) return *out = 1, 0;
    if (!strcasecmp(s, "false")) return *out = 0, 0;
    return parse_double(s, strlen(s), out);
}

int cmp_values_match(double expected, double got, const CmpTol *tol) {
    if (isnan(expected) || isnan(got)) return isnan(expected) && isnan(got);
    if (expected == got) return 1;
    double d = fabs(got - expected), m = fmax(fabs(got), fabs(expected));
    return d <= tol->abs_tol || d <= tol->rel_tol * m;
}

int cmp_bar_offset(const Bars *b, TzZone *zone, size_t i) {
    if (b->utc_offset_min) return b->utc_offset_min[i];
    if (zone) return tz_offset(zone, b->time[i]) / 60;
    return 0;
}

void cmp_bar_time(char *buf, const Bars *b, TzZone *zone, size_t i) {
    int n = fmt_time_iso(buf, b->time[i], cmp_bar_offset(b, zone, i));
    if (!b->utc_offset_min && !zone && n >= 6 && !strcmp(buf + n - 6, "+00:00"))
        strcpy(buf + n - 6, "Z");
}

/* }====== */

/* {====== PLOT COLUMNS */

void cmp_column_init(CmpColumn *c, const char *title, const char *ref_name) {
    memset(c, 0, sizeof *c);
    c->title = title;
    c->ref_name = ref_name;
    c->first_bar = c->worst_bar = -1;
}

void cmp_column_add(CmpColumn *c, long bar, double expected, double got, const CmpTol *tol) {
    c->compared++;
    if (cmp_values_match(expected, got, tol)) return;
    c->differing++;
    if (c->first_bar < 0) {
        c->first_bar = bar;
        c->first_expected = expected;
        c->first_got = got;
    }
    if (isnan(expected) || isnan(got)) return;
    if (c->worst_bar < 0 || fabs(got - expected) > fabs(c->worst_got - c->worst_expected)) {
        c->worst_bar = bar;
        c->worst_expected = expected;
        c->worst_got = got;
    }
}

int cmp_report_differing(const CmpReport *r) {
    int n = 0;
    for (int i = 0; i < r->ncols; i++)
        n += r->cols[i].ref_name && r->cols[i].differing > 0;
    return n + (r->trades_report && r->trades_differing);
}

static void num(char *buf, double v) {
    fmt_double(buf, v);
}

static void diff_text(char *buf, double expected, double got) {
    if (isnan(expected) || isnan(got))
        strcpy(buf, "na vs a number");
    else
        fmt_double(buf, got - expected);
}

static void bar_time(const CmpReport *r, char *buf, long bar) {
    if (r->bar_time)
        r->bar_time(buf, bar, r->ud);
    else
        snprintf(buf, 64, "bar %ld", bar);
}

void cmp_report_text(const CmpReport *r, FILE *out) {
    int width = 0, paired = 0;
    for (int i = 0; i < r->ncols; i++) {
        int w = (int)strlen(r->cols[i].title);
        if (w > width) width = w;
    }
    for (int i = 0; i < r->ncols; i++) {
        const CmpColumn *c = &r->cols[i];
        if (!c->ref_name) {
            fprintf(out, "%-*s  not compared: no reference column (use --map \"%s=COLUMN\")\n",
                    width, c->title, c->title);
            continue;
        }
        paired++;
        if (!c->differing) {
            fprintf(out, "%-*s  OK (%zu bars)\n", width, c->title, c->compared);
            continue;
        }
        char t[64], e[32], g[32], d[40];
        bar_time(r, t, c->first_bar);
        num(e, c->first_expected);
        num(g, c->first_got);
        diff_text(d, c->first_expected, c->first_got);
        fprintf(out, "%-*s  DIFFERS on %zu of %zu bars\n", width, c->title, c->differing,
                c->compared);
        fprintf(out, "%*s  first: bar %ld, %s: expected %s, got %s, difference %s\n", width, "",
                c->first_bar, t, e, g, d);
        if (c->worst_bar >= 0) {
            bar_time(r, t, c->worst_bar);
            num(e, c->worst_expected);
            num(g, c->worst_got);
            diff_text(d, c->worst_expected, c->worst_got);
            fprintf(out, "%*s  largest: bar %ld, %s: expected %s, got %s, difference %s\n", width,
                    "", c->worst_bar, t, e, g, d);
        }
    }
    for (int i = 0; i < r->nunpaired_refs; i++)
        fprintf(out, "reference column \"%s\" not compared: no plot has that title\n",
                r->unpaired_refs[i]);
    if (r->trades_report) fputs(r->trades_report, out);
    if (!r->ncols) return;
    int bad = cmp_report_differing(r) - (r->trades_report && r->trades_differing);
    fprintf(out, "%s: %d of %d columns match, %d differ (%zu reference rows on %zu bars)\n",
            bad ? "FAILED" : "PASSED", paired - bad, paired, bad, r->matched_rows, r->nbars);
}

static void json_str(FILE *out, const char *s) {
    fputc('"', out);
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

static void json_num(FILE *out, double v) {
    char b[32];
    if (!isfinite(v)) {
        fputs("null", out);
        return;
    }
    fmt_double(b, v);
    fputs(b, out);
}

static void json_point(const CmpReport *r, FILE *out, long bar, double e, double g) {
    char t[64];
    bar_time(r, t, bar);
    fprintf(out, "{\"bar\": %ld, \"time\": ", bar);
    json_str(out, t);
    fputs(", \"expected\": ", out);
    json_num(out, e);
    fputs(", \"got\": ", out);
    json_num(out, g);
    fputs(", \"difference\": ", out);
    json_num(out, g - e);
    fputc('}', out);
}

void cmp_report_json(const CmpReport *r, FILE *out) {
    fputs("{\"script\": ", out);
    json_str(out, r->script);
    fputs(", \"data\": ", out);
    json_str(out, r->data);
    fputs(", \"expect\": ", out);
    json_str(out, r->expect);
    fputs(", \"abs_tol\": ", out);
    json_num(out, r->tol.abs_tol);
    fputs(", \"rel_tol\": ", out);
    json_num(out, r->tol.rel_tol);
    fprintf(out,
            ", \"bars\": %zu, \"reference_rows\": %zu, \"matched_rows\": %zu,\n \"columns\": [",
            r->nbars, r->ref_rows, r->matched_rows);
    for (int i = 0; i < r->ncols; i++) {
        const CmpColumn *c = &r->cols[i];
        fputs(i ? ",\n  {\"title\": " : "\n  {\"title\": ", out);
        json_str(out, c->title);
        fputs(", \"reference\": ", out);
        if (c->ref_name)
            json_str(out, c->ref_name);
        else
            fputs("null", out);
        fprintf(out, ", \"status\": \"%s\", \"compared\": %zu, \"differing\": %zu, \"first\": ",
                !c->ref_name   ? "unpaired"
                : c->differing ? "differs"
                               : "ok",
                c->compared, c->differing);
        if (c->first_bar >= 0)
            json_point(r, out, c->first_bar, c->first_expected, c->first_got);
        else
            fputs("null", out);
        fputs(", \"largest\": ", out);
        if (c->worst_bar >= 0)
            json_point(r, out, c->worst_bar, c->worst_expected, c->worst_got);
        else
            fputs("null", out);
        fputc('}', out);
    }
    fputs("],\n \"unpaired_reference_columns\": [", out);
    for (int i = 0; i < r->nunpaired_refs; i++) {
        if (i) fputs(", ", out);
        json_str(out, r->unpaired_refs[i]);
    }
    fputs("],\n \"trades\": ", out);
    if (r->trades_report) {
        fprintf(out, "{\"status\": \"%s\", \"report\": ", r->trades_differing ? "differs" : "ok");
        json_str(out, r->trades_report);
        fputc('}', out);
    } else {
        fputs("null", out);
    }
    fprintf(out, ",\n \"result\": \"%s\"}\n", cmp_report_differing(r) ? "differs" : "ok");
}

static void xml_str(FILE *out, const char *s) {
    for (; s && *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        default:
            if ((unsigned char)*s >= 0x20 || *s == '\n' || *s == '\t') fputc(*s, out);
        }
    }
}

void cmp_report_junit(const CmpReport *r, FILE *out) {
    int paired = 0;
    for (int i = 0; i < r->ncols; i++)
        paired += r->cols[i].ref_name != NULL;
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n<testsuite name=\"pine test ",
          out);
    xml_str(out, r->script);
    fprintf(out, "\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\">\n",
            r->ncols + (r->trades_report != NULL), cmp_report_differing(r), r->ncols - paired);
    for (int i = 0; i < r->ncols; i++) {
        const CmpColumn *c = &r->cols[i];
        fputs("  <testcase classname=\"", out);
        xml_str(out, r->script);
        fputs("\" name=\"", out);
        xml_str(out, c->title);
        fputs("\"", out);
        if (!c->ref_name) {
            fputs("><skipped message=\"no reference column\"/></testcase>\n", out);
        } else if (!c->differing) {
            fputs("/>\n", out);
        } else {
            char t[64], e[32], g[32], msg[256];
            bar_time(r, t, c->first_bar);
            num(e, c->first_expected);
            num(g, c->first_got);
            snprintf(msg, sizeof msg,
                     "%zu of %zu bars differ; first at bar %ld, %s: expected %s, got %s",
                     c->differing, c->compared, c->first_bar, t, e, g);
            fputs("><failure message=\"", out);
            xml_str(out, msg);
            fputs("\">", out);
            xml_str(out, msg);
            if (c->worst_bar >= 0) {
                bar_time(r, t, c->worst_bar);
                num(e, c->worst_expected);
                num(g, c->worst_got);
                snprintf(msg, sizeof msg,
                         "\nlargest difference at bar %ld, %s: expected %s, got %s", c->worst_bar,
                         t, e, g);
                xml_str(out, msg);
            }
            fputs("</failure></testcase>\n", out);
        }
    }
    if (r->trades_report) {
        fputs("  <testcase classname=\"", out);
        xml_str(out, r->script);
        fputs("\" name=\"trades\"", out);
        if (r->trades_differing) {
            fputs("><failure message=\"the trades differ\">", out);
            xml_str(out, r->trades_report);
            fputs("</failure></testcase>\n", out);
        } else {
            fputs("/>\n", out);
        }
    }
    fputs("</testsuite>\n</testsuites>\n", out);
}

/* }====== */

/* {====== TRADES */

/* The first column named like one of [names] (cmp_same_title), or -1. */
static int column_of(const CmpTable *t, const char *const *names) {
    for (; *names; names++)
        for (int i = 0; i < t->ncols; i++)
            if (cmp_same_title(t->names[i], *names)) return i;
    return -1;
}

/* The first column whose name starts with [prefix] (case ignored) and does not contain
 * [not], or -1: TradingView names money columns after the currency ("Price USD"). */
static int column_prefixed(const CmpTable *t, const char *prefix, const char * not ) {
    size_t n = strlen(prefix);
    for (int i = 0; i < t->ncols; i++)
        if (!strncasecmp(t->names[i], prefix, n) && !(not &&strstr(t->names[i], not ))) return i;
    return -1;
}

static void copy_text(char *dst, size_t cap, const char *s) {
    snprintf(dst, cap, "%s", s);
}

static int trade_number(const char *s, long *out) {
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end) return -1;
    *out = v;
    return 0;
}

static int trade_dir(const char *s) {
    static const char *const LONG[] = {"long", "buy", "1", "+1", "entry long", "exit long"};
    static const char *const SHORT[] = {"short", "sell", "-1", "entry short", "exit short"};
    for (size_t k = 0; k < sizeof LONG / sizeof LONG[0]; k++)
        if (!strcasecmp(s, LONG[k])) return 1;
    for (size_t k = 0; k < sizeof SHORT / sizeof SHORT[0]; k++)
        if (!strcasecmp(s, SHORT[k])) return -1;
    return 0;
}

/* Says that cell [s] at [col] of [row] is not [what] (naming the file, line and column);
 * returns -1. */
static int cell_error(const CmpTable *t, size_t row, int col, const char *s, const char *what) {
    fprintf(stderr, "%s:%ld: %s: \"%s\" is not %s\n", t->path, t->lines[row], t->names[col], s,
            what);
    return -1;
}

/* Reads a number cell at [col] of [row] into *v and its text into [text]; -1 when it is not
 * a number. */
static int trade_value(const CmpTable *t, size_t row, int col, double *v, char *text, size_t cap) {
    *v = NAN;
    if (col < 0) return 0;
    const char *s = cmp_cell(t, row, col);
    copy_text(text, cap, s);
    return cmp_parse_value(s, v) == 0 ? 0 : cell_error(t, row, col, s, "a number");
}

/* The same for a date-time cell. */
static int trade_time(const CmpTable *t, size_t row, int col, CmpTime *tm, char *text, size_t cap) {
    const char *s = cmp_cell(t, row, col);
    copy_text(text, cap, s);
    return cmp_parse_time(s, tm) == 0 ? 0 : cell_error(t, row, col, s, "a date-time");
}

static CmpTrade *trade_push(CmpTrades *out, size_t *cap) {
    if (out->n == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        out->v = realloc(out->v, *cap * sizeof *out->v);
        if (!out->v) abort();
    }
    CmpTrade *tr = &out->v[out->n++];
    memset(tr, 0, sizeof *tr);
    tr->entry_price = tr->exit_price = tr->qty = tr->pnl = NAN;
    return tr;
}

static int by_number(const void *a, const void *b) {
    long x = ((const CmpTrade *)a)->number, y = ((const CmpTrade *)b)->number;
    return (x > y) - (x < y);
}

/* TradingView's layout: an entry row and an exit row per trade, in either order, newest
 * trades first or last. */
static int load_tradingview(const CmpTable *t, CmpTrades *out) {
    static const char *const NUM[] = {"Trade #", NULL}, *const TYPE[] = {"Type", NULL},
                             *const WHEN[] = {"Date/Time", "Date and time", "Date", NULL},
                             *const SIG[] = {"Signal", NULL},
                             *const QTY[] = {"Position size (qty)", "Contracts", "Quantity",
                                             "Size (qty)", NULL};
    int cnum = column_of(t, NUM), ctype = column_of(t, TYPE), cwhen = column_of(t, WHEN);
    int csig = column_of(t, SIG), cprice = column_prefixed(t, "Price", NULL);
    int cqty = column_of(t, QTY), cpnl = column_prefixed(t, "Net P&L", "%");
    if (cpnl < 0) cpnl = column_prefixed(t, "Profit", "%");
    if (cwhen < 0 || cprice < 0) {
        fprintf(stderr, "%s: a List of trades needs \"Date/Time\" and \"Price\" columns\n",
                t->path);
        return -1;
    }
    size_t cap = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        long no;
        if (trade_number(cmp_cell(t, r, cnum), &no) != 0) {
            fprintf(stderr, "%s:%ld: Trade #: \"%s\" is not a number\n", t->path, t->lines[r],
                    cmp_cell(t, r, cnum));
            return -1;
        }
        const char *type = cmp_cell(t, r, ctype);
        int entry = !strncasecmp(type, "entry", 5), exit = !strncasecmp(type, "exit", 4);
        if (!entry && !exit) {
            fprintf(stderr, "%s:%ld: Type: \"%s\" is neither an entry nor an exit\n", t->path,
                    t->lines[r], type);
            return -1;
        }
        CmpTrade *tr = NULL;
        for (size_t k = out->n; k > 0 && !tr; k--)
            if (out->v[k - 1].number == no) tr = &out->v[k - 1];
        if (!tr) {
            tr = trade_push(out, &cap);
            tr->number = no;
            tr->line = t->lines[r];
        }
        if (!tr->dir) tr->dir = trade_dir(type);
        const char *sig = csig >= 0 ? cmp_cell(t, r, csig) : "";
        double price;
        char ptext[32];
        if (trade_value(t, r, cprice, &price, ptext, sizeof ptext) != 0) return -1;
        if (entry) {
            if (trade_time(t, r, cwhen, &tr->entry_time, tr->entry_time_text,
                           sizeof tr->entry_time_text) != 0)
                return -1;
            tr->entry_price = price;
            copy_text(tr->entry_price_text, sizeof tr->entry_price_text, ptext);
            copy_text(tr->entry_signal, sizeof tr->entry_signal, sig);
        } else {
            /* an open trade's exit row says "Open" and carries the last bar's close */
            tr->has_exit = strcasecmp(sig, "Open") != 0;
            if (trade_time(t, r, cwhen, &tr->exit_time, tr->exit_time_text,
                           sizeof tr->exit_time_text) != 0)
                return -1;
            tr->exit_price = price;
            copy_text(tr->exit_price_text, sizeof tr->exit_price_text, ptext);
            copy_text(tr->exit_signal, sizeof tr->exit_signal, sig);
        }
        if (isnan(tr->qty) && trade_value(t, r, cqty, &tr->qty, tr->qty_text, sizeof tr->qty_text))
            return -1;
        if (isnan(tr->pnl) && trade_value(t, r, cpnl, &tr->pnl, tr->pnl_text, sizeof tr->pnl_text))
            return -1;
    }
    qsort(out->v, out->n, sizeof *out->v, by_number);
    out->has_signals = csig >= 0;
    return 0;
}

/* One row per trade, as a translation writes it (docs/translations.md lists the names). */
static int load_per_trade(const CmpTable *t, CmpTrades *out) {
    static const char *const
        k_num[] = {"Trade #", "ref", "trade", "id", "trade id", NULL},
        *const k_dir[] = {"direction", "side", "dir", "type", NULL},
        *const k_etime[] = {"entry time", "entry date",    "entry datetime",  "dtopen",
                            "open time",  "open datetime", "entry date/time", NULL},
        *const k_xtime[] = {"exit time",  "exit date",      "exit datetime",  "dtclose",
                            "close time", "close datetime", "exit date/time", NULL},
        *const k_eprice[] = {"entry price", "priceopen", "price open", "open price", NULL},
        *const k_xprice[] = {"exit price", "priceclose", "price close", "close price", NULL},
        *const k_qty[] = {"size", "qty", "quantity", "contracts", "Position size (qty)", NULL},
        *const k_pnl[] = {"pnlcomm", "net pnl", "net profit", "pnl", "profit", NULL},
        *const k_esig[] = {"entry signal", "entry comment", "entry id", NULL},
        *const k_xsig[] = {"exit signal", "exit comment", "exit id", NULL};
    int cnum = column_of(t, k_num), cdir = column_of(t, k_dir), cet = column_of(t, k_etime);
    int cxt = column_of(t, k_xtime), cep = column_of(t, k_eprice), cxp = column_of(t, k_xprice);
    int cqty = column_of(t, k_qty), cpnl = column_of(t, k_pnl);
    int ces = column_of(t, k_esig), cxs = column_of(t, k_xsig);
    if (cet < 0 || cep < 0) {
        fprintf(stderr,
                "%s: not a trade list: expected TradingView's \"Trade #,Type,Date/Time,Signal,"
                "Price ...\" or one row per trade with entry_time and entry_price columns\n",
                t->path);
        return -1;
    }
    size_t cap = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        CmpTrade *tr = trade_push(out, &cap);
        tr->line = t->lines[r];
        tr->number = (long)r + 1;
        if (cnum >= 0) trade_number(cmp_cell(t, r, cnum), &tr->number);
        if (trade_time(t, r, cet, &tr->entry_time, tr->entry_time_text,
                       sizeof tr->entry_time_text) != 0 ||
            trade_value(t, r, cep, &tr->entry_price, tr->entry_price_text,
                        sizeof tr->entry_price_text) != 0 ||
            trade_value(t, r, cqty, &tr->qty, tr->qty_text, sizeof tr->qty_text) != 0 ||
            trade_value(t, r, cpnl, &tr->pnl, tr->pnl_text, sizeof tr->pnl_text) != 0)
            return -1;
        tr->has_exit = cxt >= 0 && cmp_cell(t, r, cxt)[0];
        if (tr->has_exit && (trade_time(t, r, cxt, &tr->exit_time, tr->exit_time_text,
                                        sizeof tr->exit_time_text) != 0 ||
                             trade_value(t, r, cxp, &tr->exit_price, tr->exit_price_text,
                                         sizeof tr->exit_price_text) != 0))
            return -1;
        if (cdir >= 0) tr->dir = trade_dir(cmp_cell(t, r, cdir));
        if (!tr->dir && !isnan(tr->qty) && tr->qty != 0) tr->dir = tr->qty > 0 ? 1 : -1;
        if (!isnan(tr->qty)) {
            tr->qty = fabs(tr->qty);
            if (tr->qty_text[0] == '-')
                memmove(tr->qty_text, tr->qty_text + 1, strlen(tr->qty_text));
        }
        if (ces >= 0) copy_text(tr->entry_signal, sizeof tr->entry_signal, cmp_cell(t, r, ces));
        if (cxs >= 0) copy_text(tr->exit_signal, sizeof tr->exit_signal, cmp_cell(t, r, cxs));
    }
    out->has_signals = ces >= 0 && cxs >= 0;
    return 0;
}

int cmp_trades_load(const char *path, CmpTrades *out) {
    memset(out, 0, sizeof *out);
    CmpTable t;
    if (cmp_table_load(path, &t) != 0) return -1;
    static const char *const NUM[] = {"Trade #", NULL}, *const TYPE[] = {"Type", NULL};
    int tv = column_of(&t, NUM) >= 0 && column_of(&t, TYPE) >= 0 && t.nrows &&
             (!strncasecmp(cmp_cell(&t, 0, column_of(&t, TYPE)), "entry", 5) ||
              !strncasecmp(cmp_cell(&t, 0, column_of(&t, TYPE)), "exit", 4));
    int rc = tv ? load_tradingview(&t, out) : load_per_trade(&t, out);
    cmp_table_free(&t);
    if (rc != 0) cmp_trades_free(out);
    return rc;
}

void cmp_trades_free(CmpTrades *t) {
    free(t->v);
    memset(t, 0, sizeof *t);
}

/* Half a unit of the last decimal written in [text] ("0.01" -> 0.005), or 0 when the text
 * does not look rounded: a reference rounded for display matches any value it rounds from. */
static double display_half_unit(const char *text) {
    const char *dot = strchr(text, '.');
    if (strpbrk(text, "eE")) return 0;
    int dec = 0;
    if (dot)
        for (const char *p = dot + 1; *p >= '0' && *p <= '9'; p++)
            dec++;
    if (dec >= 12) return 0;
    return 0.5 * pow(10, -dec) * (1 + 1e-9);
}

static int trade_num_match(double ref, const char *ref_text, double got, const CmpTol *tol) {
    if (isnan(ref) || isnan(got)) return 1; /* a column one side lacks is not compared */
    if (cmp_values_match(ref, got, tol)) return 1;
    return fabs(got - ref) <= display_half_unit(ref_text);
}

static void trade_line(FILE *out, const char *label, const CmpTrade *t) {
    char q[32] = "", p[32] = "";
    if (!isnan(t->qty)) fmt_double(q, t->qty);
    if (!isnan(t->pnl)) fmt_double(p, t->pnl);
    fprintf(out, "  %-9s #%ld %s, entry %s at %s", label, t->number,
            t->dir > 0   ? "long"
            : t->dir < 0 ? "short"
                         : "?",
            t->entry_time_text, t->entry_price_text);
    if (t->entry_signal[0]) fprintf(out, " (%s)", t->entry_signal);
    if (t->has_exit) {
        fprintf(out, ", exit %s at %s", t->exit_time_text, t->exit_price_text);
        if (t->exit_signal[0]) fprintf(out, " (%s)", t->exit_signal);
    } else {
        fputs(", still open", out);
    }
    if (q[0]) fprintf(out, ", qty %s", q);
    if (p[0]) fprintf(out, ", P&L %s", p);
    fputc('\n', out);
}

/* Appends to [why] each field where [g] differs from [r]; returns whether any did. */
static int trade_diff(const CmpTrade *r, const CmpTrade *g, int signals, const CmpTol *tol,
                      char *why, size_t cap) {
    size_t o = 0;
    why[0] = 0;
#define WHY(...) o += (size_t)snprintf(why + o, o < cap ? cap - o : 0, __VA_ARGS__)
    if (r->dir && g->dir && r->dir != g->dir) WHY("%sdirection", o ? ", " : "");
    if (!cmp_same_time(&r->entry_time, &g->entry_time)) WHY("%sentry time", o ? ", " : "");
    if (!trade_num_match(r->entry_price, r->entry_price_text, g->entry_price, tol))
        WHY("%sentry price", o ? ", " : "");
    if (r->has_exit != g->has_exit) {
        WHY("%s%s", o ? ", " : "",
            r->has_exit ? "closed in the reference, still open"
                        : "still open in the reference, closed");
    } else if (r->has_exit) {
        if (!cmp_same_time(&r->exit_time, &g->exit_time)) WHY("%sexit time", o ? ", " : "");
        if (!trade_num_match(r->exit_price, r->exit_price_text, g->exit_price, tol))
            WHY("%sexit price", o ? ", " : "");
    }
    if (!trade_num_match(r->qty, r->qty_text, g->qty, tol)) WHY("%squantity", o ? ", " : "");
    if (r->has_exit && g->has_exit && !trade_num_match(r->pnl, r->pnl_text, g->pnl, tol))
        WHY("%sP&L", o ? ", " : "");
    if (signals && strcmp(r->entry_signal, g->entry_signal)) WHY("%sentry signal", o ? ", " : "");
    if (signals && r->has_exit && strcmp(r->exit_signal, g->exit_signal))
        WHY("%sexit signal", o ? ", " : "");
#undef WHY
    return o > 0;
}

/* Orders two written times as instants (a naive one read in the other's offset). */
static int time_order(const CmpTime *a, const CmpTime *b) {
    int64_t x = a->t, y = b->t;
    if (a->naive && !b->naive) x -= (int64_t)b->offset_min * 60000;
    if (b->naive && !a->naive) y -= (int64_t)a->offset_min * 60000;
    return (x > y) - (x < y);
}

/* Trades are paired by entry time, in order, so one missing or extra trade is reported as
 * that, not as a shift that makes every later trade differ. */
int cmp_trades_compare(const CmpTrades *ref, const CmpTrades *got, const CmpTol *tol, FILE *out) {
    int signals = ref->has_signals && got->has_signals;
    size_t i = 0, j = 0, paired = 0;
    int bad = 0, missing = 0, extra = 0;
    char why[256];
    while (i < ref->n || j < got->n) {
        int c = i >= ref->n   ? 1
                : j >= got->n ? -1
                              : time_order(&ref->v[i].entry_time, &got->v[j].entry_time);
        int first = !bad && !missing && !extra;
        if (c == 0) {
            paired++;
            if (trade_diff(&ref->v[i], &got->v[j], signals, tol, why, sizeof why)) {
                if (first) {
                    fprintf(out, "trade %zu differs: %s\n", i + 1, why);
                    trade_line(out, "expected:", &ref->v[i]);
                    trade_line(out, "got:", &got->v[j]);
                }
                bad++;
            }
            i++, j++;
        } else if (c < 0) {
            if (first) {
                fprintf(out, "trade %zu of the reference is missing\n", i + 1);
                trade_line(out, "missing:", &ref->v[i]);
            }
            missing++, i++;
        } else {
            if (first) {
                fprintf(out, "an extra trade, not in the reference\n");
                trade_line(out, "extra:", &got->v[j]);
            }
            extra++, j++;
        }
    }
    int total = bad + missing + extra;
    if (total)
        fprintf(out, "trades: FAILED: %d of %zu paired trades differ, %d missing, %d extra\n", bad,
                paired, missing, extra);
    else
        fprintf(out, "trades: PASSED: %zu trades match\n", paired);
    return total;
}

/* }====== */
