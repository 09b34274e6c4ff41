/* `pine test`: runs a script and compares its plots with a reference CSV (a TradingView chart
 * export or a translation's output), and a strategy's trades with a reference trade list.
 * Exit codes: 0 everything matches, 1 something differs, 2 an error, 3 a compile error. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/bars.h"
#include "broker/broker.h"
#include "cli/cli.h"
#include "data/compare.h"
#include "data/numfmt.h"
#include "data/tz.h"
#include "vm/vm.h"

static const char *usage_test =
    "usage: pine test SCRIPT.pine --data BARS.csv --expect REF.csv [options]\n"
    "       pine test SCRIPT.pine --data BARS.csv --expect-trades TRADES.csv [options]\n"
    "       pine test --trades GOT.csv --expect-trades TRADES.csv\n"
    "\n"
    "Runs SCRIPT on BARS and compares each plot with the reference column of the same title\n"
    "(case, spaces and underscores ignored), row by row at the same time. REF is a TradingView\n"
    "chart-data export or a CSV a translation wrote (a time column in any form the bar loader\n"
    "reads; empty cells, NaN and na are na). Prints OK per column, or the first differing bar,\n"
    "the largest difference and how many bars differ.\n"
    "\n"
    "options:\n"
    "  --expect FILE          the reference plots\n"
    "  --map \"TITLE=COLUMN\"   pair plot TITLE with reference COLUMN (repeatable)\n"
    "  --abs-tol X            absolute tolerance (default 1e-9)\n"
    "  --rel-tol X            relative tolerance (default 1e-9); a value matches when it is\n"
    "                         within either; na matches only na\n"
    "  --format F             text (default), json or junit\n"
    "  --expect-trades FILE   compare the strategy's trades with a TradingView List of trades\n"
    "                         or a translation's one-row-per-trade list\n"
    "  --trades FILE          the trades to check (instead of running the script's strategy)\n"
    "  --input NAME=VALUE, --symbol S, --mintick X, --timezone TZ, --max-loop-ms N\n"
    "\n"
    "Exit codes: 0 all match, 1 something differs or the script stopped with a runtime error,\n"
    "2 usage, file or data error, 3 compile error.\n";

typedef struct TestArgs {
    const char *expect, *expect_trades, *trades, *format;
    CmpTol tol;
    const char **map_titles, **map_columns;
    int nmaps;
} TestArgs;

/* Takes out the options only `pine test` knows; the rest go to cli_parse. Returns 0 or 2. */
static int take_test_args(int *argc, char **argv, TestArgs *a) {
    memset(a, 0, sizeof *a);
    a->tol.abs_tol = CMP_DEFAULT_ABS_TOL;
    a->tol.rel_tol = CMP_DEFAULT_REL_TOL;
    a->format = "text";
    a->map_titles = calloc((size_t)*argc + 1, sizeof(char *));
    a->map_columns = calloc((size_t)*argc + 1, sizeof(char *));
    int n = 0;
    for (int i = 0; i < *argc; i++) {
        const char *o = argv[i], *v = i + 1 < *argc ? argv[i + 1] : NULL;
        const char **field = !strcmp(o, "--expect")          ? &a->expect
                             : !strcmp(o, "--expect-trades") ? &a->expect_trades
                             : !strcmp(o, "--trades")        ? &a->trades
                             : !strcmp(o, "--format")        ? &a->format
                                                             : NULL;
        int tol = !strcmp(o, "--abs-tol") || !strcmp(o, "--rel-tol");
        int map = !strcmp(o, "--map");
        if (!field && !tol && !map) {
            argv[n++] = argv[i];
            continue;
        }
        if (!v) return cli_usage_error(usage_test, "option %s needs a value", o);
        i++;
        if (field) {
            *field = v;
        } else if (tol) {
            char *end;
            double x = strtod(v, &end);
            if (*end || !(x >= 0) || !isfinite(x))
                return cli_usage_error(usage_test, "a tolerance must be a number >= 0, got \"%s\"",
                                       v);
            if (o[2] == 'a')
                a->tol.abs_tol = x;
            else
                a->tol.rel_tol = x;
        } else {
            const char *eq = strrchr(v, '=');
            if (!eq || eq == v || !eq[1])
                return cli_usage_error(usage_test, "--map needs \"PLOT TITLE=COLUMN\", got \"%s\"",
                                       v);
            a->map_titles[a->nmaps] = strndup(v, (size_t)(eq - v));
            a->map_columns[a->nmaps++] = eq + 1;
        }
    }
    *argc = n;
    if (strcmp(a->format, "text") && strcmp(a->format, "json") && strcmp(a->format, "junit"))
        return cli_usage_error(usage_test, "--format is text, json or junit, not \"%s\"",
                               a->format);
    return 0;
}

static void free_test_args(TestArgs *a) {
    for (int i = 0; i < a->nmaps; i++)
        free((char *)a->map_titles[i]);
    free(a->map_titles);
    free(a->map_columns);
}

/* {====== PLOTS */

typedef struct RunCtx {
    const Bars *bars;
    TzZone *zone; /* --timezone, or NULL */
} RunCtx;

static void render_bar_time(char *buf, long bar, void *ud) {
    const RunCtx *c = ud;
    if (bar < 0 || (size_t)bar >= c->bars->n) {
        snprintf(buf, 64, "bar %ld", bar);
        return;
    }
    cmp_bar_time(buf, c->bars, c->zone, (size_t)bar);
}

typedef struct WallBar {
    int64_t wall;
    long bar;
} WallBar;

static int by_wall(const void *a, const void *b) {
    int64_t x = ((const WallBar *)a)->wall, y = ((const WallBar *)b)->wall;
    return (x > y) - (x < y);
}

/* The bar at instant [t] in the sorted [times], or -1. */
static long find_time(const int64_t *times, size_t n, int64_t t) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (times[mid] < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && times[lo] == t ? (long)lo : -1;
}

static long find_wall(const WallBar *w, size_t n, int64_t t) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (w[mid].wall < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && w[lo].wall == t ? w[lo].bar : -1;
}

/* Maps every reference row to a bar (-1 when none). Returns 0, or 2 after a message. */
static int match_rows(const CmpTable *ref, const RunCtx *c, long *row_bar, size_t *matched) {
    int tcol, ccol;
    if (cmp_time_columns(ref, &tcol, &ccol) != 0) {
        fprintf(stderr,
                "%s: no time column (looked for time, datetime, date/time, timestamp, "
                "date, index, or an unnamed first column)\n",
                ref->path);
        return 2;
    }
    const Bars *b = c->bars;
    WallBar *wall = malloc((b->n + 1) * sizeof *wall);
    if (!wall) abort();
    for (size_t i = 0; i < b->n; i++) {
        wall[i].wall = b->time[i] + (int64_t)cmp_bar_offset(b, c->zone, i) * 60000;
        wall[i].bar = (long)i;
    }
    qsort(wall, b->n, sizeof *wall, by_wall);
    *matched = 0;
    for (size_t r = 0; r < ref->nrows; r++) {
        CmpTime t;
        if (cmp_row_time(ref, r, tcol, ccol, &t) != 0) {
            fprintf(stderr, "%s:%ld: %s: \"%s\" is not a time\n", ref->path, ref->lines[r],
                    ref->names[tcol], cmp_cell(ref, r, tcol));
            free(wall);
            return 2;
        }
        row_bar[r] = t.naive ? find_wall(wall, b->n, t.t) : find_time(b->time, b->n, t.t);
        *matched += row_bar[r] >= 0;
    }
    free(wall);
    return 0;
}

static int is_bar_column(const char *name) {
    static const char *const NAMES[] = {"time", "datetime", "date/time", "timestamp",
                                        "date", "index",    "open",      "high",
                                        "low",  "close",    "volume",    ""};
    for (size_t k = 0; k < sizeof NAMES / sizeof NAMES[0]; k++)
        if (cmp_same_title(name, NAMES[k])) return 1;
    return 0;
}

/* Pairs the plots with reference columns and compares them into r->cols. Returns 0 or 2. */
static int compare_plots(const TestArgs *a, const Program *p, const Vm *vm, const CmpTable *ref,
                         const long *row_bar, CmpReport *r) {
    int *paired_col = calloc((size_t)p->nplots + 1, sizeof *paired_col);
    char *ref_used = calloc((size_t)ref->ncols + 1, 1);
    r->cols = calloc((size_t)p->nplots + 1, sizeof *r->cols);
    r->unpaired_refs = calloc((size_t)ref->ncols + 1, sizeof *r->unpaired_refs);
    int rc = 0;
    for (int k = 0; k < p->nplots; k++)
        paired_col[k] = -1;
    for (int m = 0; m < a->nmaps && !rc; m++) {
        int k = 0;
        while (k < p->nplots && strcmp(p->plots[k].title, a->map_titles[m]))
            k++;
        if (k == p->nplots) {
            for (k = 0; k < p->nplots && !cmp_same_title(p->plots[k].title, a->map_titles[m]);)
                k++;
        }
        int col = cmp_table_column(ref, a->map_columns[m]);
        if (k == p->nplots) {
            fprintf(stderr, "pine test: --map: the script has no plot titled \"%s\"\n",
                    a->map_titles[m]);
            rc = 2;
        } else if (col < 0) {
            fprintf(stderr, "pine test: --map: %s has no column \"%s\"\n", ref->path,
                    a->map_columns[m]);
            rc = 2;
        } else {
            paired_col[k] = col;
            ref_used[col] = 1;
        }
    }
    for (int k = 0; k < p->nplots && !rc; k++) {
        if (paired_col[k] >= 0) continue;
        int col = cmp_table_column(ref, p->plots[k].title);
        if (col >= 0 && !ref_used[col]) {
            paired_col[k] = col;
            ref_used[col] = 1;
        }
    }
    int npaired = 0;
    for (int k = 0; k < p->nplots && !rc; k++) {
        CmpColumn *c = &r->cols[r->ncols++];
        int col = paired_col[k];
        cmp_column_init(c, p->plots[k].title, col >= 0 ? ref->names[col] : NULL);
        if (col < 0) continue;
        npaired++;
        const double *got = vm_plot_column(vm, k);
        for (size_t row = 0; row < ref->nrows && !rc; row++) {
            if (row_bar[row] < 0) continue;
            double e;
            const char *cell = cmp_cell(ref, row, col);
            if (cmp_parse_value(cell, &e) != 0) {
                fprintf(stderr, "%s:%ld: %s: \"%s\" is not a number\n", ref->path, ref->lines[row],
                        ref->names[col], cell);
                rc = 2;
                break;
            }
            cmp_column_add(c, row_bar[row], e, got[row_bar[row]], &a->tol);
        }
    }
    for (int i = 0; i < ref->ncols && !rc; i++)
        if (!ref_used[i] && !is_bar_column(ref->names[i]))
            r->unpaired_refs[r->nunpaired_refs++] = ref->names[i];
    if (!rc && npaired == 0) {
        fprintf(stderr, "pine test: no plot of %s has a column in %s (plots:", p->file, ref->path);
        for (int k = 0; k < p->nplots; k++)
            fprintf(stderr, "%s \"%s\"", k ? "," : "", p->plots[k].title);
        fputs("); pair them with --map \"TITLE=COLUMN\"\n", stderr);
        rc = 2;
    }
    free(paired_col);
    free(ref_used);
    return rc;
}

/* }====== */

/* {====== TRADES */

/* Runs `pine backtest` in-process to write the script's trades to a temporary file, with the
 * command's own output silenced. Returns the file's path (the caller unlinks and frees it) or
 * NULL after a message, with the backtest's exit code in [rc]. */
static char *backtest_trades(const CliOptions *o, int *rc_out) {
    *rc_out = 2;
    char *path = strdup("/tmp/pine-test-trades-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0) {
        fprintf(stderr, "pine test: cannot create a temporary file: %s\n", strerror(errno));
        free(path);
        return NULL;
    }
    close(fd);
    char **argv = calloc((size_t)o->ninputs * 2 + 16, sizeof *argv);
    int n = 0;
    argv[n++] = (char *)o->script;
    argv[n++] = "--data";
    argv[n++] = (char *)o->data;
    argv[n++] = "--trades";
    argv[n++] = path;
    if (o->symbol) argv[n++] = "--symbol", argv[n++] = (char *)o->symbol;
    if (o->timezone) argv[n++] = "--timezone", argv[n++] = (char *)o->timezone;
    if (o->mintick_text) argv[n++] = "--mintick", argv[n++] = (char *)o->mintick_text;
    if (o->max_loop_text) argv[n++] = "--max-loop-ms", argv[n++] = (char *)o->max_loop_text;
    char **inputs = calloc((size_t)o->ninputs + 1, sizeof *inputs);
    for (int i = 0; i < o->ninputs; i++) {
        size_t len = strlen(o->input_names[i]) + strlen(o->input_values[i]) + 2;
        inputs[i] = malloc(len);
        snprintf(inputs[i], len, "%s=%s", o->input_names[i], o->input_values[i]);
        argv[n++] = "--input";
        argv[n++] = inputs[i];
    }
    fflush(stdout);
    int saved = dup(1), null = open("/dev/null", O_WRONLY);
    if (null >= 0) dup2(null, 1);
    int rc = cmd_backtest(n, argv);
    fflush(stdout);
    if (saved >= 0) dup2(saved, 1), close(saved);
    if (null >= 0) close(null);
    for (int i = 0; i < o->ninputs; i++)
        free(inputs[i]);
    free(inputs);
    free(argv);
    FILE *f = fopen(path, "r");
    int empty = !f || fgetc(f) == EOF;
    if (f) fclose(f);
    if (rc != 0 || empty) {
        fprintf(stderr, "pine test: the backtest of %s failed\n", o->script);
        *rc_out = rc ? rc : 2;
        unlink(path);
        free(path);
        return NULL;
    }
    return path;
}

/* Compares the trade lists; fills r->trades_report (the caller frees it). Returns 0 or 2. */
static int compare_trades(const char *got_path, const char *ref_path, const CmpTol *tol,
                          CmpReport *r) {
    CmpTrades ref, got;
    if (cmp_trades_load(ref_path, &ref) != 0) return 2;
    if (cmp_trades_load(got_path, &got) != 0) {
        cmp_trades_free(&ref);
        return 2;
    }
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m) abort();
    r->trades_differing = cmp_trades_compare(&ref, &got, tol, m);
    fclose(m);
    r->trades_report = text;
    cmp_trades_free(&ref);
    cmp_trades_free(&got);
    return 0;
}

/* }====== */

static void emit(const TestArgs *a, const CmpReport *r) {
    if (!strcmp(a->format, "json"))
        cmp_report_json(r, stdout);
    else if (!strcmp(a->format, "junit"))
        cmp_report_junit(r, stdout);
    else
        cmp_report_text(r, stdout);
    fflush(stdout);
}

int cmd_test(int argc, char **argv) {
    TestArgs a;
    char **args = calloc((size_t)argc + 1, sizeof *args);
    memcpy(args, argv, (size_t)argc * sizeof *args);
    int nargs = argc;
    CliOptions o;
    memset(&o, 0, sizeof o);
    int rc = take_test_args(&nargs, args, &a);
    if (!rc) rc = cli_parse(nargs, args, usage_test, &o);
    if (rc || o.help) {
        if (o.help) fputs(usage_test, stdout);
        goto out;
    }
    CmpReport r;
    memset(&r, 0, sizeof r);
    r.tol = a.tol;

    if (!o.script) {
        if (!(a.trades && a.expect_trades && !a.expect)) {
            rc = cli_usage_error(usage_test, "%s", "missing SCRIPT.pine");
            goto out;
        }
        r.script = a.trades;
        r.expect = a.expect_trades;
        rc = compare_trades(a.trades, a.expect_trades, &a.tol, &r);
        if (!rc) {
            emit(&a, &r);
            rc = cmp_report_differing(&r) ? 1 : 0;
        }
        free((char *)r.trades_report);
        goto out;
    }
    if (!o.data) {
        rc = cli_usage_error(usage_test, "%s", "missing --data BARS.csv");
        goto out;
    }
    if (!a.expect && !a.expect_trades) {
        rc = cli_usage_error(usage_test, "%s",
                             "nothing to compare: give --expect and/or "
                             "--expect-trades");
        goto out;
    }
    Program *p = cli_compile(&o, &rc);
    if (!p) goto out;
    Bars bars;
    BarsLoadOptions lopt = {.timezone = o.timezone,
                            .symbol = o.symbol,
                            .sort = o.sort,
                            .lenient = o.lenient,
                            .adjusted = o.adjusted};
    if (bars_load(o.data, &lopt, &bars) != 0) {
        program_free(p);
        rc = 2;
        goto out;
    }
    if (cli_select_bars(&o, &bars) != 0) {
        bars_free(&bars);
        program_free(p);
        rc = 2;
        goto out;
    }
    RunCtx ctx = {&bars, o.timezone ? tz_get(o.timezone) : NULL};
    if (o.timezone && !ctx.zone) {
        fprintf(stderr, "pine: unknown time zone \"%s\"\n", o.timezone);
        rc = 2;
    }
    char *dir = cli_dirname(o.script);
    /* a strategy's plots need the broker beside the VM (strategy.* reads its state) */
    BrokerSymbol sym = {0};
    Broker *br = !rc && a.expect && p->is_strategy ? broker_new(p, &sym) : NULL;
    VmHooks hooks = br ? broker_hooks(br) : (VmHooks){0};
    VmOptions vopt = {.mintick = o.mintick,
                      .symbol = o.symbol,
                      .timezone = o.timezone,
                      .max_loop_ms = o.max_loop_ms,
                      .hooks = br ? &hooks : NULL,
                      .script_dir = dir};
    Vm *vm = rc || !a.expect ? NULL : vm_new(p, &bars, &vopt);
    if (vm && vm_run(vm) != 0) rc = 1; /* a runtime error: exit 1, as DESIGN.md says */
    r.script = o.script;
    r.data = o.data;
    r.expect = a.expect;
    r.nbars = bars.n;
    r.bar_time = render_bar_time;
    r.ud = &ctx;
    CmpTable ref;
    memset(&ref, 0, sizeof ref);
    long *row_bar = NULL;
    if (!rc && a.expect) {
        if (cmp_table_load(a.expect, &ref) != 0) {
            rc = 2;
        } else {
            r.ref_rows = ref.nrows;
            row_bar = calloc(ref.nrows + 1, sizeof *row_bar);
            rc = match_rows(&ref, &ctx, row_bar, &r.matched_rows);
            if (!rc && r.matched_rows == 0) {
                fprintf(stderr, "pine test: no row of %s has the time of a bar of %s\n", a.expect,
                        o.data);
                rc = 2;
            }
            if (!rc) rc = compare_plots(&a, p, vm, &ref, row_bar, &r);
        }
    }
    if (!rc && a.expect_trades) {
        if (!p->is_strategy && !a.trades) {
            fprintf(stderr, "pine test: --expect-trades needs a strategy; %s is an indicator\n",
                    o.script);
            rc = 2;
        } else {
            int brc = 2;
            char *got = a.trades ? strdup(a.trades) : backtest_trades(&o, &brc);
            if (!got)
                rc = brc;
            else
                rc = compare_trades(got, a.expect_trades, &a.tol, &r);
            if (got && !a.trades) unlink(got);
            free(got);
        }
    }
    if (!rc) {
        emit(&a, &r);
        rc = cmp_report_differing(&r) ? 1 : 0;
    }
    free((char *)r.trades_report);
    free(r.cols);
    free(r.unpaired_refs);
    free(row_bar);
    cmp_table_free(&ref);
    if (vm) vm_free(vm);
    broker_free(br);
    free(dir);
    bars_free(&bars);
    program_free(p);
out:
    cli_free(&o);
    free_test_args(&a);
    free(args);
    return rc;
}
