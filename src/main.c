/* The command line: pine run | check | disasm (and --help, --version). Exit codes: 0 success,
 * 1 runtime error or differences, 2 usage/file/data error, 3 compile error. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bars.h"
#include "broker.h"
#include "cli.h"
#include "compile.h"
#include "pine.h"
#include "vm.h"

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

int cli_usage_error(const char *usage, const char *fmt, const char *arg) {
    fputs("pine: ", stderr);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    if (usage) fprintf(stderr, "%s", usage);
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
#define TAKE(field)                                                                            \
    do {                                                                                       \
        if (!val) return cli_usage_error(usage, "option %s needs a value", a);                 \
        o->field = val;                                                                        \
        i++;                                                                                   \
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

char *cli_dirname(const char *path) {
    const char *slash = strrchr(path, '/');
    if (!slash) return strdup(".");
    if (slash == path) return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

void cli_free(CliOptions *o) {
    for (int i = 0; i < o->ninputs; i++) free((char *)o->input_names[i]);
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

static int cmd_run(int argc, char **argv) {
    CliOptions o;
    int rc = cli_parse(argc, argv, usage_run, &o);
    if (rc || o.help) {
        if (o.help) fputs(usage_run, stdout);
        cli_free(&o);
        return rc;
    }
    if (!o.script) rc = cli_usage_error(usage_run, "%s", "missing SCRIPT.pine");
    else if (!o.data) rc = cli_usage_error(usage_run, "%s", "missing --data BARS.csv");
    if (rc) {
        cli_free(&o);
        return rc;
    }
    Program *p = cli_compile(&o, &rc);
    if (!p) {
        cli_free(&o);
        return rc;
    }
    Bars bars;
    BarsLoadOptions lopt = {o.timezone, o.symbol, o.sort, o.lenient, o.adjusted};
    if (bars_load(o.data, &lopt, &bars) != 0 || cli_select_bars(&o, &bars) != 0) {
        program_free(p);
        cli_free(&o);
        return 2;
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
    /* a strategy runs with the broker attached, so strategy.* variables are live */
    Broker *br = p->is_strategy ? broker_new(p, NULL) : NULL;
    VmHooks hooks = br ? broker_hooks(br) : (VmHooks){0};
    if (br) vopt.hooks = &hooks;
    Vm *vm = p->is_strategy && !br ? NULL : vm_new(p, &bars, &vopt);
    rc = vm ? vm_run(vm) : 3;
    if (rc == 0) {
        FILE *f = o.out && strcmp(o.out, "-") ? fopen(o.out, "w") : stdout;
        if (!f) {
            fprintf(stderr, "pine: cannot write %s: %s\n", o.out, strerror(errno));
            rc = 2;
        } else {
            const char **titles = calloc((size_t)p->nplots + 1, sizeof *titles);
            const double **cols = calloc((size_t)p->nplots + 1, sizeof *cols);
            for (int k = 0; k < p->nplots; k++) {
                titles[k] = p->plots[k].title;
                cols[k] = vm_plot_column(vm, k);
            }
            int w = bars_write_chart(f, &bars, p->nplots, titles, cols);
            if (f != stdout) w |= fclose(f);
            else w |= fflush(f);
            if (w) {
                fprintf(stderr, "pine: cannot write %s\n", o.out ? o.out : "standard output");
                rc = 2;
            }
            free(titles);
            free(cols);
        }
    }
    vm_free(vm);
    broker_free(br);
    free(dir);
    bars_free(&bars);
    program_free(p);
    cli_free(&o);
    return rc;
}

static int cmd_check(int argc, char **argv, int disasm) {
    CliOptions o;
    const char *usage = disasm ? usage_disasm : usage_check;
    int rc = cli_parse(argc, argv, usage, &o);
    if (rc || o.help) {
        if (o.help) fputs(usage, stdout);
        cli_free(&o);
        return rc;
    }
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

static int cmd_check_only(int argc, char **argv) { return cmd_check(argc, argv, 0); }
static int cmd_disasm(int argc, char **argv) { return cmd_check(argc, argv, 1); }

static const struct {
    const char *name;
    int (*fn)(int argc, char **argv);
} commands[] = {
    {"run", cmd_run},          {"backtest", cmd_backtest}, {"test", cmd_test},
    {"repl", cmd_repl},        {"convert", cmd_convert},   {"inputs", cmd_inputs},
    {"builtins", cmd_builtins}, {"check", cmd_check_only}, {"disasm", cmd_disasm},
    {0, 0}};

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
