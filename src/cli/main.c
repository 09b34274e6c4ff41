/* The command line: pine run | check | disasm (and --help, --version). Exit codes: 0 success,
 * 1 runtime error or differences, 2 usage/file/data error, 3 compile error. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "data/bars.h"
#include "broker/broker.h"
#include "cli/cli.h"
#include "compile/compile.h"
#include "pine.h"
#include "data/tz.h"
#include "vm/vm.h"

static const char *usage_main =
    "usage: pine <command> [options]\n"
    "\n"
    "commands:\n"
    "  run SCRIPT.pine --data BARS.csv [--out PLOTS.csv]   run an indicator, write its plots\n"
    "  backtest SCRIPT.pine --data BARS.csv [--trades T.csv] [--markers M.csv] [--report R.json]\n"
    "                                                      run a strategy, print its summary\n"
    "  test SCRIPT.pine --data BARS.csv --expect REF.csv   compare plots (or --expect-trades)\n"
    "                                                      with a reference, bar by bar\n"
    "  repl [--data BARS.csv]                              check indicators interactively\n"
    "  convert IN.csv --to tradingview|bot|tradingview-export -o OUT.csv\n"
    "                                                      convert bar files\n"
    "  inputs SCRIPT.pine                                  list a script's inputs\n"
    "  builtins [NAME|PREFIX] [--markdown]                 list built-in functions\n"
    "  check SCRIPT.pine                                   report compile errors only\n"
    "  disasm SCRIPT.pine                                  show the compiled bytecode\n"
    "\n"
    "common options:\n"
    "  --input NAME=VALUE   override an input (by title or variable name; repeatable)\n"
    "  --symbol S           symbol for syminfo.ticker (default: the data's symbol column)\n"
    "  --mintick X          price tick (default: from the data's decimals)\n"
    "  --timezone TZ        chart time zone, an IANA name (default: UTC)\n"
    "  --max-loop-ms N      stop a loop running longer than N ms on one bar (default 500)\n"
    "  --max-memory MB      stop a script holding more strings and arrays (default 1024)\n"
    "  --trace              print each instruction on stderr as it runs: bar, pc, stack depth,\n"
    "                       the instruction as `pine disasm` shows it\n"
    "\n"
    "`pine <command> --help` describes one command. Exit codes: 0 success, 1 runtime error,\n"
    "2 usage, file or data error, 3 compile error.\n";

static const char *usage_run =
    "usage: pine run SCRIPT.pine --data BARS.csv [--out PLOTS.csv] [options]\n"
    "\n"
    "Runs SCRIPT once per bar of BARS.csv (\"-\" reads standard input) and writes its plots in\n"
    "TradingView's \"Export chart data\" layout: time,open,high,low,close,<plot titles>,Volume.\n"
    "Without --out the plots go to standard output.\n"
    "\n"
    "Bars are read, run and written 65,536 at a time, keeping only the history the script reads,\n"
    "so memory does not grow with the data. Strategies, --sort, --from, --to, --warmup and\n"
    "scripts that need every bar first (last_bar_index, io.series, io.export_chart, and\n"
    "syminfo.mintick without --mintick) load every bar before the first one runs. An error found\n"
    "after the first chunk leaves the rows before it written.\n"
    "\n"
    "options:\n"
    "  --data FILE          the bars (required)\n"
    "  --out FILE           where to write the plots (default: standard output)\n"
    "  --input NAME=VALUE   override an input by title or variable name (repeatable)\n"
    "  --symbol S, --mintick X, --timezone TZ, --max-loop-ms N   see `pine --help`\n"
    "  --from T, --to T     run only the bars from T to T (dates, date-times or UNIX times)\n"
    "  --warmup N           also run N bars before --from, without writing their plots\n"
    "  --sort               sort the rows by time instead of refusing rows out of order\n"
    "  --lenient            skip bad rows (counted on stderr) instead of stopping\n"
    "  --adjusted           scale open/high/low/close by Adj Close (Yahoo files)\n"
    "  --output-dir DIR     where io.* built-ins may write (default: the current folder)\n";

static const char *usage_check =
    "usage: pine check SCRIPT.pine [--input NAME=VALUE]... [--ast]\n"
    "\n"
    "Compiles SCRIPT and reports every error as file:line:col: error: message, with the source\n"
    "line and a caret. Exits 0 when it compiles, 3 when it does not. --ast prints the syntax\n"
    "tree.\n";

static const char *usage_disasm =
    "usage: pine disasm SCRIPT.pine [--input NAME=VALUE]...\n"
    "\n"
    "Compiles SCRIPT and prints its bytecode, constants, history rings and plots.\n";

/* ====== options ====== */

/* Prints the problem and the command's one-line synopsis (the first line of [usage]), not the
 * whole help, which `--help` shows. */
int cli_usage_error(const char *usage, const char *fmt, const char *arg) {
    fputs("pine: ", stderr);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    if (usage) {
        const char *nl = strchr(usage, '\n');
        fprintf(stderr, "%.*s\n", nl ? (int)(nl - usage) : (int)strlen(usage), usage);
        const char *cmd = strstr(usage, "pine ");
        if (cmd) {
            const char *end = cmd + 5;
            while (*end && *end != ' ' && *end != '\n')
                end++;
            fprintf(stderr, "(`%.*s --help` for more)\n", (int)(end - cmd), cmd);
        }
    }
    return 2;
}

char *cli_read_file(const char *path, size_t *len) {
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) {
        fprintf(stderr, "pine: cannot read %s: %s\n", path, strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            if (cap >= (size_t)64 << 20) {
                fprintf(stderr, "pine: %s: the script is larger than 64 MB\n", path);
                free(buf);
                if (f != stdin) fclose(f);
                return NULL;
            }
            cap *= 2;
            buf = realloc(buf, cap + 1);
        }
    }
    if (ferror(f)) {
        fprintf(stderr, "pine: cannot read %s: %s\n", path, strerror(errno));
        free(buf);
        if (f != stdin) fclose(f);
        return NULL;
    }
    if (f != stdin) fclose(f);
    buf[n] = 0;
    *len = n;
    return buf;
}

/* Parses the options shared by the commands; returns 0, or 2 after a message. */
int cli_parse(int argc, char **argv, const char *usage, CliOptions *o) {
    memset(o, 0, sizeof *o);
    o->input_names = calloc((size_t)argc + 1, sizeof(char *));
    o->input_values = calloc((size_t)argc + 1, sizeof(char *));
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
#define TAKE(field)                                                                                \
    do {                                                                                           \
        if (!val) return cli_usage_error(usage, "option %s needs a value", a);                     \
        o->field = val;                                                                            \
        i++;                                                                                       \
    } while (0)
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            o->help = 1;
        } else if (!strcmp(a, "--data")) {
            TAKE(data);
        } else if (!strcmp(a, "--out") || !strcmp(a, "-o")) {
            TAKE(out);
        } else if (!strcmp(a, "--symbol")) {
            TAKE(symbol);
        } else if (!strcmp(a, "--timezone")) {
            TAKE(timezone);
            if (!tz_get(val))
                return cli_usage_error(NULL,
                                       "--timezone \"%s\" is not a time zone (an IANA name such "
                                       "as America/New_York, or UTC, UTC+5, GMT-3:30)",
                                       val);
        } else if (!strcmp(a, "--mintick")) {
            TAKE(mintick_text);
            char *end;
            o->mintick = strtod(val, &end);
            if (*end || !(o->mintick > 0))
                return cli_usage_error(usage, "--mintick needs a positive number, got \"%s\"", val);
        } else if (!strcmp(a, "--max-memory")) {
            TAKE(max_memory_text);
            char *end;
            long long mb = strtoll(val, &end, 10);
            if (*end || mb <= 0 || mb > (1LL << 40))
                return cli_usage_error(usage, "--max-memory needs a size in MB, got \"%s\"", val);
            o->max_memory = mb << 20;
        } else if (!strcmp(a, "--max-loop-ms")) {
            TAKE(max_loop_text);
            char *end;
            o->max_loop_ms = strtoll(val, &end, 10);
            if (*end || o->max_loop_ms <= 0)
                return cli_usage_error(usage, "--max-loop-ms needs a positive integer, got \"%s\"",
                                       val);
        } else if (!strcmp(a, "--input")) {
            if (!val) return cli_usage_error(usage, "option %s needs NAME=VALUE", a);
            const char *eq = strchr(val, '=');
            if (!eq || eq == val)
                return cli_usage_error(usage, "--input needs NAME=VALUE, got \"%s\"", val);
            o->input_names[o->ninputs] = strndup(val, (size_t)(eq - val));
            o->input_values[o->ninputs] = eq + 1;
            o->ninputs++;
            i++;
        } else if (!strcmp(a, "--from")) {
            TAKE(from_text);
        } else if (!strcmp(a, "--to")) {
            TAKE(to_text);
        } else if (!strcmp(a, "--output-dir")) {
            TAKE(output_dir);
        } else if (!strcmp(a, "--warmup")) {
            TAKE(warmup_text);
            char *end;
            o->warmup = strtol(val, &end, 10);
            if (*end || end == val || o->warmup < 0)
                return cli_usage_error(usage, "--warmup needs a number of bars, got \"%s\"", val);
        } else if (!strcmp(a, "--sort")) {
            o->sort = 1;
        } else if (!strcmp(a, "--lenient")) {
            o->lenient = 1;
        } else if (!strcmp(a, "--adjusted")) {
            o->adjusted = 1;
        } else if (!strcmp(a, "--ast")) {
            o->ast = 1;
        } else if (!strcmp(a, "--trace")) {
            o->trace = 1;
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error(usage, "unknown option %s", a);
        } else if (!o->script) {
            o->script = a;
        } else {
            return cli_usage_error(usage, "unexpected argument %s", a);
        }
#undef TAKE
    }
    return 0;
}

int cli_start(int argc, char **argv, const char *usage, CliOptions *o, int *rc) {
    *rc = cli_parse(argc, argv, usage, o);
    if (!*rc && !o->help) return 0;
    if (o->help) fputs(usage, stdout);
    cli_free(o);
    return 1;
}

int cli_check_output(const char *in, const char *out, const char *what) {
    struct stat a, b;
    if (!in || !out || !strcmp(in, "-") || !strcmp(out, "-")) return 0;
    if (stat(in, &a) != 0 || stat(out, &b) != 0) return 0;
    if (a.st_dev != b.st_dev || a.st_ino != b.st_ino) return 0;
    fprintf(stderr, "pine: %s %s is the data file %s: refusing to overwrite the bars\n", what, out,
            in);
    return 2;
}

char *cli_dirname(const char *path) {
    const char *slash = strrchr(path, '/');
    if (!slash) return strdup(".");
    if (slash == path) return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

void cli_free(CliOptions *o) {
    for (int i = 0; i < o->ninputs; i++)
        free((char *)o->input_names[i]);
    free(o->input_names);
    free(o->input_values);
}

/* Compiles o->script; returns NULL after printing errors (with *rc set to 2 or 3). */
Program *cli_compile(CliOptions *o, int *rc) {
    size_t len;
    char *src = cli_read_file(o->script, &len);
    if (!src) {
        *rc = 2;
        return NULL;
    }
    CompileOptions copt = {o->input_names, o->input_values, o->ninputs, o->ast};
    Diag d;
    diag_init(&d, o->script, src, len);
    Program *p = compile_script(o->script, src, len, &copt, &d);
    free(src);
    /* a script that only fails because of --input arguments is a usage error */
    if (!p) *rc = d.errors && d.errors == d.usage_errors ? 2 : 3;
    return p;
}

/* ====== commands ====== */

/* ====== run ====== */

/* Bars read and run per step of a stream. PINE_STREAM_CHUNK (for tests, undocumented) sets
 * another size to force many steps. */
static size_t stream_chunk(void) {
    const char *e = getenv("PINE_STREAM_CHUNK");
    long long n = e ? strtoll(e, NULL, 10) : 0;
    return n > 0 ? (size_t)n : (size_t)1 << 16;
}

/* Where the plots go: opened at the first row, so that a data or runtime error found before
 * any row is final leaves no file behind. */
typedef struct RunOut {
    const char *path; /* NULL or "-": standard output */
    FILE *f;
    ChartOut *w;
    const char **titles;
    const double **cols;
} RunOut;

static int out_rows(RunOut *ro, const Program *p, const Vm *vm, const Bars *b, int64_t from,
                    int64_t to) {
    if (!ro->w) {
        ro->f = ro->path && strcmp(ro->path, "-") ? fopen(ro->path, "w") : stdout;
        if (!ro->f) {
            fprintf(stderr, "pine: cannot write %s: %s\n", ro->path, strerror(errno));
            return 2;
        }
        for (int k = 0; k < p->nplots; k++)
            ro->titles[k] = p->plots[k].title;
        ro->w = bars_chart_open(ro->f, p->nplots, ro->titles);
        if (!ro->w) {
            fputs("pine: out of memory\n", stderr);
            return 2;
        }
    }
    for (int k = 0; k < p->nplots; k++)
        ro->cols[k] = vm_plot_column(vm, k);
    if (to > from && bars_chart_rows(ro->w, b, from, to, ro->cols) != 0) {
        fprintf(stderr, "pine: cannot write %s\n", ro->path ? ro->path : "standard output");
        return 2;
    }
    return 0;
}

static int out_close(RunOut *ro) {
    int w = ro->w ? bars_chart_close(ro->w) : 0;
    if (ro->f && ro->f != stdout)
        w |= fclose(ro->f);
    else if (ro->f)
        w |= fflush(ro->f);
    return w;
}

/* Runs [p] over the bars and writes the plots. Bars stream through a window: a chunk is read,
 * run and its final rows written, then the window keeps only what later bars read back
 * (vm_bars_kept) and the rows not yet final (vm_plot_lag). The last bar read waits for the
 * next one, so that time_close and barstate.islast see their successor or the end. Scripts
 * that need the whole data first (vm_needs_all_bars), --sort, --from, --to and --warmup load
 * every bar and run them in one step. Returns the exit code. */
static int run_plots(const CliOptions *o, const Program *p, VmOptions *vopt, RunOut *ro) {
    BarsLoadOptions lopt = {o->timezone, o->symbol, o->sort, o->lenient, o->adjusted};
    int whole =
        vm_needs_all_bars(p, vopt) || o->sort || o->from_text || o->to_text || o->warmup_text;
    size_t chunk = stream_chunk();
    Bars win;
    memset(&win, 0, sizeof win);
    BarsReader *rd = NULL;
    int more = 0;
    if (whole) {
        if (bars_load(o->data, &lopt, &win) != 0 || cli_select_bars(o, &win) != 0) return 2;
    } else {
        rd = bars_reader_open(o->data, &lopt);
        /* the first step holds the 5000 bars the timeframe is inferred from */
        more = rd ? bars_reader_next(rd, &win, chunk > 5000 ? chunk : 5000) : -1;
        if (more < 0) {
            bars_reader_close(rd);
            bars_free(&win);
            return 2;
        }
        vopt->window = 1;
    }
    /* a strategy runs with the broker attached, so strategy.* variables are live */
    Broker *br = p->is_strategy ? broker_new(p, NULL) : NULL;
    VmHooks hooks = br ? broker_hooks(br) : (VmHooks){0};
    if (br) vopt->hooks = &hooks;
    Vm *vm = vm_new(p, &win, vopt);
    int rc = 0;
    /* bars run per step; a whole load is run in one step and never slides */
    int64_t step = whole ? INT64_MAX / 2 : (int64_t)chunk;
    int64_t ran = 0, written = (int64_t)win.first;
    int64_t keep = vm_bars_kept(p), lag = vm_plot_lag(p);
    while (rc == 0) {
        int64_t end = win.base + (int64_t)win.n;
        if (!more) vm_set_bar_count(vm, end);
        int64_t to = more ? end - 1 : end;
        if (to - ran > step) to = ran + step;
        if ((rc = vm_run_range(vm, (size_t)ran, (size_t)to)) != 0) break;
        ran = to;
        int done = !more && ran == end;
        int64_t final = done ? end : ran - lag;
        if ((final > written || done) && (rc = out_rows(ro, p, vm, &win, written, final)) != 0)
            break;
        if (final > written) written = final;
        if (done) break;
        int64_t from = ran - keep < written ? ran - keep : written;
        if (!whole && from > win.base) bars_drop_front(&win, (size_t)(from - win.base));
        if (more && end - ran <= step) {
            more = bars_reader_next(rd, &win, chunk);
            if (more < 0) rc = 2;
        }
    }
    vm_free(vm);
    broker_free(br);
    bars_reader_close(rd);
    bars_free(&win);
    return rc;
}

static int cmd_run(int argc, char **argv) {
    CliOptions o;
    int rc;
    if (cli_start(argc, argv, usage_run, &o, &rc)) return rc;
    if (!o.script)
        rc = cli_usage_error(usage_run, "%s", "missing SCRIPT.pine");
    else if (!o.data)
        rc = cli_usage_error(usage_run, "%s", "missing --data BARS.csv");
    else
        rc = cli_check_output(o.data, o.out, "--out");
    if (rc) {
        cli_free(&o);
        return rc;
    }
    Program *p = cli_compile(&o, &rc);
    if (!p) {
        cli_free(&o);
        return rc;
    }
    char *dir = cli_dirname(o.script);
    VmOptions vopt = {.mintick = o.mintick,
                      .symbol = o.symbol,
                      .timezone = o.timezone,
                      .max_loop_ms = o.max_loop_ms,
                      .max_memory = o.max_memory,
                      .trace = o.trace,
                      .script_dir = dir,
                      .output_dir = o.output_dir};
    RunOut ro = {.path = o.out,
                 .titles = calloc((size_t)p->nplots + 1, sizeof(char *)),
                 .cols = calloc((size_t)p->nplots + 1, sizeof(double *))};
    rc = run_plots(&o, p, &vopt, &ro);
    if (out_close(&ro) && rc == 0) {
        fprintf(stderr, "pine: cannot write %s\n", o.out ? o.out : "standard output");
        rc = 2;
    }
    free(ro.titles);
    free(ro.cols);
    free(dir);
    program_free(p);
    cli_free(&o);
    return rc;
}

static int cmd_check(int argc, char **argv, int disasm) {
    CliOptions o;
    const char *usage = disasm ? usage_disasm : usage_check;
    int rc;
    if (cli_start(argc, argv, usage, &o, &rc)) return rc;
    if (!o.script) {
        cli_free(&o);
        return cli_usage_error(usage, "%s", "missing SCRIPT.pine");
    }
    Program *p = cli_compile(&o, &rc);
    if (p && disasm) program_disasm(p, stdout);
    program_free(p);
    cli_free(&o);
    return p ? 0 : rc;
}

static int cmd_check_only(int argc, char **argv) {
    return cmd_check(argc, argv, 0);
}
static int cmd_disasm(int argc, char **argv) {
    return cmd_check(argc, argv, 1);
}

static const struct {
    const char *name;
    int (*fn)(int argc, char **argv);
} commands[] = {{"run", cmd_run},           {"backtest", cmd_backtest},
                {"test", cmd_test},         {"repl", cmd_repl},
                {"convert", cmd_convert},   {"inputs", cmd_inputs},
                {"builtins", cmd_builtins}, {"check", cmd_check_only},
                {"disasm", cmd_disasm},     {0, 0}};

int main(int argc, char **argv) {
    if (argc < 2) {
        fputs(usage_main, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        /* `pine help COMMAND` is `pine COMMAND --help` */
        for (int i = 0; argc > 2 && commands[i].name; i++)
            if (!strcmp(argv[2], commands[i].name)) {
                char *help[] = {"--help", NULL};
                return commands[i].fn(1, help);
            }
        if (argc > 2) {
            fprintf(stderr, "pine: no command '%s'\n\n%s", argv[2], usage_main);
            return 2;
        }
        fputs(usage_main, stdout);
        return 0;
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
        printf("pine %s\n", PINE_VERSION);
        return 0;
    }
    for (int i = 0; commands[i].name; i++)
        if (!strcmp(cmd, commands[i].name)) return commands[i].fn(argc - 2, argv + 2);
    fprintf(stderr, "pine: unknown command '%s'\n\n%s", cmd, usage_main);
    return 2;
}
