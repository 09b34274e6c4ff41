/* The io library, an extension of ours (TradingView has no file access): io.series and
 * io.series_string read one column of another CSV as a series aligned to the chart's bars by
 * time; io.export_chart writes the bars and the plots in TradingView's "Import Data" layout
 * when the run ends. Every path is confined to the script's folder and --output-dir. */
#include <csv.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "data/bars.h"
#include "builtins/builtins.h"
#include "builtins/io.h"
#include "data/numfmt.h"
#include "vm/program.h"
#include "data/tz.h"
#include "vm/vm.h"

/* {====== PATHS */

// True when [path] is [root] or lies below it (both canonical).
static int inside(const char *root, const char *path) {
    size_t n = strlen(root);
    if (n == 1 && root[0] == '/') return 1;
    return strncmp(root, path, n) == 0 && (path[n] == '/' || path[n] == 0);
}

/* The errors a constant argument shows before the script runs (see the checks at the end). */
#define EMPTY_PATH "%s: the path is empty"
#define NA_SERIES_ARG "%s: the path and the column must not be na"
#define NA_EXPORT_PATH "io.export_chart: the path must not be na"

/* Resolves [path] as realpath(3) would: relative paths against the script's folder when
 * reading, against --output-dir when writing; a file to be written need not exist, its folder
 * must. The result must lie inside the script's folder or --output-dir, after following `..`
 * and symbolic links. Writes the canonical path to [out] (PATH_MAX bytes) and returns NULL, or
 * returns the error message in [err]. */
const char *io_confine(Vm *vm, const char *fn, const char *path, int for_write, char *out,
                       char *err, size_t errcap) {
    char script_root[PATH_MAX], out_root[PATH_MAX], joined[PATH_MAX + 2];
    const char *sdir = vm_script_dir(vm), *odir = vm_output_dir(vm);
    if (!*path) {
        snprintf(err, errcap, EMPTY_PATH, fn);
        return err;
    }
    if (!realpath(sdir, script_root)) {
        snprintf(err, errcap, "%s: the script's folder \"%s\": %s", fn, sdir, strerror(errno));
        return err;
    }
    if (!realpath(odir, out_root)) {
        snprintf(err, errcap, "%s: --output-dir \"%s\": %s", fn, odir, strerror(errno));
        return err;
    }
    const char *base = for_write ? odir : sdir;
    int n = path[0] == '/' ? snprintf(joined, sizeof joined, "%s", path)
                           : snprintf(joined, sizeof joined, "%s/%s", base, path);
    if (n < 0 || (size_t)n >= PATH_MAX) {
        snprintf(err, errcap, "%s: the path \"%s\" is too long", fn, path);
        return err;
    }
    struct stat st;
    int missing = 0;
    if (lstat(joined, &st) == 0) {
        if (!realpath(joined, out)) {
            snprintf(err, errcap, "%s: cannot %s \"%s\": %s", fn, for_write ? "write" : "read",
                     path, strerror(errno));
            return err;
        }
    } else {
        /* not there (yet): place it by its folder, which must exist */
        missing = errno;
        char *slash = strrchr(joined, '/');
        const char *name = slash + 1;
        *slash = 0;
        char parent[PATH_MAX];
        int bad_name = !*name || !strcmp(name, ".") || !strcmp(name, "..");
        if (bad_name || !realpath(*joined ? joined : "/", parent)) {
            snprintf(err, errcap, "%s: cannot %s \"%s\": %s", fn, for_write ? "write" : "read",
                     path, bad_name ? "not a file name" : strerror(errno));
            return err;
        }
        n = snprintf(out, PATH_MAX, "%s/%s", strcmp(parent, "/") ? parent : "", name);
        if (n < 0 || n >= PATH_MAX) {
            snprintf(err, errcap, "%s: the path \"%s\" is too long", fn, path);
            return err;
        }
    }
    if (!inside(script_root, out) && !inside(out_root, out)) {
        snprintf(err, errcap,
                 "%s: \"%s\" is outside the script's folder (%s) and --output-dir (%s); io.* "
                 "reads and writes only inside those",
                 fn, path, sdir, odir);
        return err;
    }
    if (missing && !for_write) {
        snprintf(err, errcap, "%s: cannot read \"%s\": %s", fn, path, strerror(missing));
        return err;
    }
    return NULL;
}

FILE *io_open(const char *real, int for_write) {
    int fd = for_write ? open(real, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644)
                       : open(real, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return NULL;
    FILE *f = fdopen(fd, for_write ? "w" : "rb");
    if (!f) close(fd);
    return f;
}

/* }====== */

/* {====== READING A COLUMN */

/* One CSV read whole: the header's names, then for every row the time and the wanted
 * column's text, as offsets into one text buffer. */
typedef struct Table {
    const char *file; /* as the script wrote it, for messages */
    char *text;
    size_t len, cap;
    int nf; /* fields so far in this row */
    long line, row_line;
    int header_done;
    char **names;
    int nnames;
    int tcol, vcol;      /* the time and value columns */
    const char *want;    /* the value column's name */
    size_t row_t, row_v; /* offsets of this row's time and value (SIZE_MAX: absent) */
    struct Row {
        int64_t t;
        size_t ts; /* offset of the time's text */
        size_t v;  /* offset of the value's text, SIZE_MAX when the row has none */
        long line;
    } * rows;
    size_t nrows, rcap;
    TzZone *zone;
    char *err;
    size_t errcap;
    int failed;
} Table;

static void table_fail(Table *t, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void table_fail(Table *t, long line, const char *fmt, ...) {
    if (t->failed) return;
    t->failed = 1;
    int n = line > 0 ? snprintf(t->err, t->errcap, "%s:%ld: ", t->file, line)
                     : snprintf(t->err, t->errcap, "%s: ", t->file);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(t->err + n, t->errcap - (size_t)n, fmt, ap);
    va_end(ap);
}

// Keeps [s] in the text buffer; returns its offset (SIZE_MAX when out of memory).
static size_t keep_text(Table *t, const char *s, size_t len) {
    if (t->len + len + 1 > t->cap) {
        size_t cap = (t->cap + len + 1) * 2;
        char *nt = realloc(t->text, cap);
        if (!nt) return SIZE_MAX;
        t->text = nt;
        t->cap = cap;
    }
    size_t at = t->len;
    memcpy(t->text + at, s, len);
    t->text[at + len] = 0;
    t->len += len + 1;
    return at;
}

static void trim(const char **s, size_t *len) {
    while (*len && (**s == ' ' || **s == '\t'))
        (*s)++, (*len)--;
    while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
        (*len)--;
}

static void on_field(void *data, size_t len, void *ctx) {
    Table *t = ctx;
    if (t->failed) return;
    const char *s = data ? data : "";
    if (t->nf == 0) t->row_line = t->line;
    for (size_t k = 0; k < len; k++)
        t->line += s[k] == '\n';
    int col = t->nf++;
    trim(&s, &len);
    if (!t->header_done) {
        char **nn = realloc(t->names, sizeof *nn * (size_t)(t->nnames + 1));
        if (!nn || !(nn[t->nnames] = strndup(s, len))) {
            if (nn) t->names = nn;
            table_fail(t, t->row_line, "out of memory");
            return;
        }
        t->names = nn;
        t->nnames++;
        return;
    }
    if (col != t->tcol && col != t->vcol) return;
    size_t at = keep_text(t, s, len);
    if (at == SIZE_MAX) table_fail(t, t->row_line, "out of memory");
    if (col == t->tcol) t->row_t = at;
    if (col == t->vcol) t->row_v = at;
}

static int time_rank(const char *name) {
    static const char *const NAMES[] = {"time", "datetime", "timestamp", "date/time", "date"};
    for (int r = 0; r < 5; r++)
        if (!strcasecmp(name, NAMES[r])) return r;
    return 99;
}

static void header_done(Table *t) {
    t->header_done = 1;
    int best = 99;
    t->tcol = t->vcol = -1;
    for (int c = 0; c < t->nnames; c++) {
        int r = time_rank(t->names[c]);
        if (r < best) best = r, t->tcol = c;
        if (t->vcol < 0 && !strcmp(t->names[c], t->want)) t->vcol = c;
    }
    for (int c = 0; c < t->nnames && t->vcol < 0; c++)
        if (!strcasecmp(t->names[c], t->want)) t->vcol = c;
    if (t->tcol >= 0 && t->vcol >= 0 && t->tcol != t->vcol) return;
    size_t need = 16;
    for (int c = 0; c < t->nnames; c++)
        need += strlen(t->names[c]) + 2;
    char *found = malloc(need);
    if (!found) {
        table_fail(t, 1, "out of memory");
        return;
    }
    size_t o = 0;
    for (int c = 0; c < t->nnames; c++)
        o += (size_t)snprintf(found + o, need - o, "%s%s", c ? ", " : "", t->names[c]);
    if (t->tcol < 0)
        table_fail(t, 1, "no time column (time, datetime, timestamp or date; found: %s)", found);
    else
        table_fail(t, 1, "no column \"%s\" (found: %s)", t->want, found);
    free(found);
}

static void on_row(int term, void *ctx) {
    Table *t = ctx;
    (void)term;
    if (t->failed) return;
    if (t->nf == 0) {
        t->line++;
        return;
    }
    t->line++;
    int nf = t->nf;
    t->nf = 0;
    if (!t->header_done) {
        header_done(t);
        return;
    }
    if (t->row_t == SIZE_MAX) {
        table_fail(t, t->row_line, "expected %d fields, found %d", t->nnames, nf);
        return;
    }
    const char *ts = t->text + t->row_t;
    int64_t ms;
    int off;
    TimeForm form;
    if (bars_parse_time(ts, strlen(ts), t->zone, &ms, &off, &form) != 0) {
        table_fail(t, t->row_line, "time: \"%s\" is not a date-time", ts);
        return;
    }
    if (t->nrows == t->rcap) {
        size_t cap = t->rcap ? t->rcap * 2 : 256;
        struct Row *nr = realloc(t->rows, cap * sizeof *nr);
        if (!nr) {
            table_fail(t, t->row_line, "out of memory");
            return;
        }
        t->rows = nr;
        t->rcap = cap;
    }
    t->rows[t->nrows++] = (struct Row){ms, t->row_t, t->row_v, t->row_line};
    t->row_t = t->row_v = SIZE_MAX;
}

static int by_time(const void *a, const void *b) {
    const struct Row *x = a, *y = b;
    if (x->t != y->t) return x->t < y->t ? -1 : 1;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* Reads column [want] of the CSV at [real] into [t]: rows sorted by time, duplicates refused.
 * Returns 0, or -1 with the message in t->err. */
static int table_read(Table *t, const char *real) {
    FILE *f = io_open(real, 0);
    if (!f) {
        table_fail(t, 0, "%s", strerror(errno));
        return -1;
    }
    struct csv_parser p;
    if (csv_init(&p, CSV_APPEND_NULL | CSV_REPALL_NL) != 0) {
        fclose(f);
        table_fail(t, 0, "out of memory");
        return -1;
    }
    char buf[1 << 16];
    size_t got;
    int first = 1;
    while (!t->failed && (got = fread(buf, 1, sizeof buf, f)) > 0) {
        const char *s = buf;
        if (first) {
            first = 0;
            size_t skip = bars_csv_dialect(&p, s, got, NULL);
            s += skip, got -= skip;
        }
        if (csv_parse(&p, s, got, on_field, on_row, t) != got)
            table_fail(t, t->line, "%s", csv_strerror(csv_error(&p)));
    }
    if (ferror(f)) table_fail(t, 0, "%s", strerror(errno));
    if (!t->failed) csv_fini(&p, on_field, on_row, t);
    csv_free(&p);
    fclose(f);
    if (t->failed) return -1;
    if (!t->header_done)
        table_fail(t, 0, "empty file");
    else if (!t->nrows)
        table_fail(t, 0, "no rows after the header");
    if (t->failed) return -1;
    qsort(t->rows, t->nrows, sizeof *t->rows, by_time);
    for (size_t i = 1; i < t->nrows; i++)
        if (t->rows[i].t == t->rows[i - 1].t) {
            table_fail(t, t->rows[i].line, "time: %s duplicates line %ld", t->text + t->rows[i].ts,
                       t->rows[i - 1].line);
            return -1;
        }
    return 0;
}

static void table_free(Table *t) {
    for (int c = 0; c < t->nnames; c++)
        free(t->names[c]);
    free(t->names);
    free(t->rows);
    free(t->text);
}

/* }====== */

/* {====== io.series, io.series_string */

typedef struct SeriesState {
    int loaded;
    size_t n;    /* bars */
    double *num; /* io.series: the value at each bar */
    size_t *str; /* io.series_string: offset of each bar's text in blob, SIZE_MAX = na */
    char *blob;
} SeriesState;

static void series_free(void *p) {
    SeriesState *st = p;
    free(st->num);
    free(st->str);
    free(st->blob);
}

/* Loads the column once and aligns it to the chart: bar i gets the row whose time is exactly
 * bar i's time, na when there is none. */
static void series_load(PCall *c, const char *fn, int as_text) {
    SeriesState *st = c->state;
    const PStr *path = c->args[0].p, *col = c->args[1].p;
    if (!path || !col) vm_error(c, NA_SERIES_ARG, fn);
    char real[PATH_MAX], err[PATH_MAX + 512];
    if (io_confine(c->vm, fn, path->data, 0, real, err, sizeof err)) vm_error(c, "%s", err);
    Table t = {.file = path->data,
               .want = col->data,
               .row_t = SIZE_MAX,
               .row_v = SIZE_MAX,
               .line = 1,
               .err = err,
               .errcap = sizeof err};
    t.zone = tz_get(vm_timezone(c->vm));
    const Bars *b = vm_bars(c->vm);
    st->n = b ? b->n : 0;
    int bad = table_read(&t, real) != 0;
    if (!bad) {
        if (as_text)
            st->str = malloc((st->n + 1) * sizeof *st->str);
        else
            st->num = malloc((st->n + 1) * sizeof *st->num);
        if (!(as_text ? (void *)st->str : (void *)st->num)) {
            snprintf(err, sizeof err, "%s: out of memory", fn);
            bad = 1;
        }
    }
    size_t r = 0;
    for (size_t i = 0; !bad && i < st->n; i++) {
        int64_t bt = b->time[i];
        while (r < t.nrows && t.rows[r].t < bt)
            r++;
        const char *v = r < t.nrows && t.rows[r].t == bt && t.rows[r].v != SIZE_MAX
                            ? t.text + t.rows[r].v
                            : NULL;
        if (as_text) {
            st->str[i] = v && *v ? t.rows[r].v : SIZE_MAX;
            continue;
        }
        double x = NAN;
        size_t len = v ? strlen(v) : 0;
        if (len && strcasecmp(v, "na") && parse_double(v, len, &x) != 0) {
            snprintf(err, sizeof err,
                     "%s:%ld: %s: \"%.64s\" is not a number (io.series_string "
                     "reads text)",
                     path->data, t.rows[r].line, col->data, v);
            bad = 1;
        }
        st->num[i] = x;
    }
    if (!bad && as_text) {
        st->blob = t.text;
        t.text = NULL;
    }
    table_free(&t);
    st->loaded = 1;
    if (bad) vm_error(c, "%s", err);
}

static void f_series(PCall *c) {
    SeriesState *st = c->state;
    if (!st->loaded) series_load(c, "io.series", 0);
    size_t i = (size_t)vm_bar_index(c->vm);
    c->out[0].f = st->num && i < st->n ? st->num[i] : NAN;
}

static void f_series_string(PCall *c) {
    SeriesState *st = c->state;
    if (!st->loaded) series_load(c, "io.series_string", 1);
    size_t i = (size_t)vm_bar_index(c->vm);
    size_t at = st->str && i < st->n ? st->str[i] : SIZE_MAX;
    c->out[0].p = at != SIZE_MAX ? vm_str_new(c->vm, st->blob + at, strlen(st->blob + at)) : NULL;
}

/* }====== */

/* {====== io.export_chart */

typedef struct ExportState {
    int registered;
    int line, col;
    char path[PATH_MAX]; /* canonical, checked at the first call */
    char shown[256];     /* as the script wrote it */
} ExportState;

static void export_write(Vm *vm, void *ud) {
    ExportState *st = ud;
    PCall c = {.vm = vm, .line = st->line, .col = st->col};
    const Program *p = vm_program(vm);
    const char **titles = calloc((size_t)p->nplots + 1, sizeof *titles);
    const double **cols = calloc((size_t)p->nplots + 1, sizeof *cols);
    int n = 0;
    for (int k = 0; titles && cols && k < p->nplots; k++) {
        if (p->plots[k].hidden) continue;
        titles[n] = p->plots[k].title;
        cols[n++] = vm_plot_column(vm, k);
    }
    FILE *f = titles && cols ? io_open(st->path, 1) : NULL;
    int e = f ? 0 : errno;
    int w = !f || bars_write_tv_import(f, vm_bars(vm), vm_timezone(vm), n, titles, cols) != 0;
    if (f) w |= fclose(f) != 0;
    free(titles);
    free(cols);
    if (w)
        vm_error(&c, "io.export_chart: cannot write \"%s\": %s", st->shown,
                 e ? strerror(e) : "write error");
}

static void f_export_chart(PCall *c) {
    ExportState *st = c->state;
    if (st->registered) return;
    const PStr *path = c->args[0].p;
    if (!path) vm_error(c, NA_EXPORT_PATH);
    char err[PATH_MAX + 512];
    if (io_confine(c->vm, "io.export_chart", path->data, 1, st->path, err, sizeof err))
        vm_error(c, "%s", err);
    snprintf(st->shown, sizeof st->shown, "%s", path->data);
    st->line = c->line;
    st->col = c->col;
    st->registered = 1;
    vm_on_finish(c->vm, export_write, st);
}

/* }====== */

/* ====== compile-time checks ====== */

static const char *check_series_args(const char *fn, int param, const char *s, char *msg,
                                     size_t n) {
    if (!s)
        snprintf(msg, n, NA_SERIES_ARG, fn);
    else if (param == 0 && !*s)
        snprintf(msg, n, EMPTY_PATH, fn);
    else
        return NULL;
    return msg;
}
static const char *check_series(int param, const char *s, char *msg, size_t n) {
    return check_series_args("io.series", param, s, msg, n);
}
static const char *check_series_string(int param, const char *s, char *msg, size_t n) {
    return check_series_args("io.series_string", param, s, msg, n);
}
static const char *check_export_chart(int param, const char *s, char *msg, size_t n) {
    if (!s)
        snprintf(msg, n, NA_EXPORT_PATH);
    else if (!*s)
        snprintf(msg, n, EMPTY_PATH, "io.export_chart");
    else
        return NULL;
    return msg;
}

const BuiltinDef io_builtins[] = {
    {"io.series(simple string path, simple string column) -> series float", f_series,
     sizeof(SeriesState), BF_SIDE, series_free, .check = check_series},
    {"io.series_string(simple string path, simple string column) -> series string", f_series_string,
     sizeof(SeriesState), BF_SIDE, series_free, .check = check_series_string},
    {"io.export_chart(simple string path) -> void", f_export_chart, sizeof(ExportState),
     BF_SIDE | BF_TOPLEVEL, 0, .check = check_export_chart},
    {0, 0, 0, 0, 0},
};
