/* `pine backtest`: runs a strategy with the broker emulator attached, prints the Performance
 * Summary and writes the trade list, markers, a Pine marker indicator, the equity curve and
 * the summary as JSON on request. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/bars.h"
#include "broker/broker.h"
#include "cli/cli.h"
#include "vm/vm.h"

static const char *usage_backtest =
    "usage: pine backtest SCRIPT.pine --data BARS.csv [options]\n"
    "\n"
    "Runs a strategy() script over BARS.csv with TradingView's broker emulator and prints the\n"
    "Strategy Tester's Performance Summary (All / Long / Short).\n"
    "\n"
    "outputs:\n"
    "  --trades FILE        the \"List of trades\" in TradingView's export layout\n"
    "  --markers FILE       trade markers: time,price,action,label,tooltip\n"
    "  --markers-pine FILE  a Pine v5 indicator that draws the trades on TradingView\n"
    "  --report FILE        the Performance Summary as JSON\n"
    "  --equity FILE        bar by bar: time,equity,drawdown,position_size,position_avg_price\n"
    "  --quiet              do not print the summary\n"
    "\n"
    "symbol:\n"
    "  --symbol S, --mintick X, --timezone TZ   see `pine --help`\n"
    "  --pointvalue X       currency value of a 1.0 price move per contract (default 1)\n"
    "  --currency C         account currency shown in the outputs (default: strategy(currency)\n"
    "                       or USD)\n"
    "  --qty-step X         round sizes from cash and percent_of_equity down to X (default: none)\n"
    "  --syminfo FILE       the same keys in a file: `key = value` lines (symbol, mintick,\n"
    "                       pointvalue, currency, timezone, qty_step); # starts a comment;\n"
    "                       options on the command line win\n"
    "\n"
    "Other options as for `pine run` (--input, --from, --to, --warmup, --output-dir, ...).\n";

typedef struct BacktestOptions {
    const char *trades, *markers, *markers_pine, *report, *equity, *syminfo;
    const char *pointvalue, *currency, *qty_step;
    int quiet;
} BacktestOptions;

/* Takes the backtest's own options out of argv (the rest goes to cli_parse); returns the new
 * argc, or -1 after a message. */
static int take_options(int argc, char **argv, BacktestOptions *b) {
    int n = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = !strcmp(a, "--trades")         ? &b->trades
                            : !strcmp(a, "--markers")      ? &b->markers
                            : !strcmp(a, "--markers-pine") ? &b->markers_pine
                            : !strcmp(a, "--report")       ? &b->report
                            : !strcmp(a, "--equity")       ? &b->equity
                            : !strcmp(a, "--syminfo")      ? &b->syminfo
                            : !strcmp(a, "--pointvalue")   ? &b->pointvalue
                            : !strcmp(a, "--currency")     ? &b->currency
                            : !strcmp(a, "--qty-step")     ? &b->qty_step
                                                           : NULL;
        if (!strcmp(a, "--quiet")) {
            b->quiet = 1;
        } else if (slot) {
            if (i + 1 >= argc) {
                cli_usage_error(usage_backtest, "option %s needs a value", a);
                return -1;
            }
            *slot = argv[++i];
        } else {
            argv[n++] = argv[i];
        }
    }
    return n;
}

static int positive(const char *opt, const char *text, double *out) {
    char *end;
    *out = strtod(text, &end);
    if (*end || end == text || !(*out > 0)) {
        fprintf(stderr, "pine: %s needs a positive number, got \"%s\"\n", opt, text);
        return -1;
    }
    return 0;
}

/* Reads a --syminfo file into [keys]/[vals] (owned by the returned buffer). */
typedef struct SymFile {
    char *text;
    const char *symbol, *mintick, *pointvalue, *currency, *timezone, *qty_step;
} SymFile;

static char *trim(char *s) {
    while (*s == ' ' || *s == '\t')
        s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        *--e = 0;
    return s;
}

static int read_syminfo(const char *path, SymFile *sf) {
    size_t len;
    sf->text = cli_read_file(path, &len);
    if (!sf->text) return -1;
    int line = 0;
    for (char *p = sf->text; p && *p;) {
        char *nl = strchr(p, '\n');
        if (nl) *nl = 0;
        line++;
        char *hash = strchr(p, '#');
        if (hash) *hash = 0;
        char *s = trim(p);
        if (*s) {
            char *sep = strpbrk(s, "=:");
            if (!sep) {
                fprintf(stderr, "%s:%d: expected `key = value`\n", path, line);
                return -1;
            }
            *sep = 0;
            char *k = trim(s), *v = trim(sep + 1);
            const char **slot = !strcmp(k, "symbol")       ? &sf->symbol
                                : !strcmp(k, "mintick")    ? &sf->mintick
                                : !strcmp(k, "pointvalue") ? &sf->pointvalue
                                : !strcmp(k, "currency")   ? &sf->currency
                                : !strcmp(k, "timezone")   ? &sf->timezone
                                : !strcmp(k, "qty_step")   ? &sf->qty_step
                                                           : NULL;
            if (!slot) {
                fprintf(stderr,
                        "%s:%d: unknown key \"%s\" (symbol, mintick, pointvalue, currency, "
                        "timezone, qty_step)\n",
                        path, line, k);
                return -1;
            }
            *slot = v;
        }
        p = nl ? nl + 1 : NULL;
    }
    return 0;
}

static int write_output(const char *path, const char *what,
                        int (*fn)(const Broker *, const Bars *, const ReportOptions *, FILE *),
                        const Broker *br, const Bars *bars, const ReportOptions *ro) {
    if (!path) return 0;
    FILE *f = strcmp(path, "-") ? fopen(path, "w") : stdout;
    if (!f) {
        fprintf(stderr, "pine: cannot write %s %s: %s\n", what, path, strerror(errno));
        return 2;
    }
    int w = fn(br, bars, ro, f);
    w |= f == stdout ? fflush(f) : fclose(f);
    if (w) {
        fprintf(stderr, "pine: cannot write %s %s\n", what, path);
        return 2;
    }
    return 0;
}

static int write_report_json(const Broker *b, const Bars *bars, const ReportOptions *o, FILE *f) {
    return broker_write_summary(b, bars, o, 1, f);
}

int cmd_backtest(int argc, char **argv) {
    BacktestOptions bo = {0};
    char **args = malloc(sizeof *args * (size_t)(argc + 1));
    memcpy(args, argv, sizeof *args * (size_t)argc);
    int n = take_options(argc, args, &bo);
    CliOptions o;
    int rc = 2;
    if (n < 0 || cli_start(n, args, usage_backtest, &o, &rc)) {
        free(args);
        return rc;
    }
    if (!o.script)
        rc = cli_usage_error(usage_backtest, "%s", "missing SCRIPT.pine");
    else if (!o.data)
        rc = cli_usage_error(usage_backtest, "%s", "missing --data BARS.csv");
    const char *outs[] = {bo.trades, bo.markers, bo.markers_pine, bo.report, bo.equity};
    const char *names[] = {"--trades", "--markers", "--markers-pine", "--report", "--equity"};
    for (int k = 0; !rc && k < 5; k++)
        rc = cli_check_output(o.data, outs[k], names[k]);
    SymFile sf = {0};
    if (!rc && bo.syminfo && read_syminfo(bo.syminfo, &sf) != 0) rc = 2;
    BrokerSymbol sym = {0};
    if (!rc) {
        const char *pv = bo.pointvalue ? bo.pointvalue : sf.pointvalue;
        const char *qs = bo.qty_step ? bo.qty_step : sf.qty_step;
        const char *mt = o.mintick_text ? NULL : sf.mintick;
        if (pv && positive("pointvalue", pv, &sym.pointvalue)) rc = 2;
        if (qs && positive("qty_step", qs, &sym.qty_step)) rc = 2;
        if (mt && positive("mintick", mt, &o.mintick)) rc = 2;
        sym.currency = bo.currency ? bo.currency : sf.currency;
        if (!o.symbol) o.symbol = sf.symbol;
        if (!o.timezone) o.timezone = sf.timezone;
    }
    Program *p = rc ? NULL : cli_compile(&o, &rc);
    if (p && !p->is_strategy) {
        fprintf(stderr, "pine: %s is an indicator; `pine backtest` needs a strategy() script\n",
                o.script);
        rc = 2;
    }
    Broker *br = p && !rc ? broker_new(p, &sym) : NULL;
    Bars bars;
    int have_bars = 0;
    if (br) {
        BarsLoadOptions lopt = {o.timezone, o.symbol, o.sort, o.lenient, o.adjusted};
        if (bars_load(o.data, &lopt, &bars) != 0)
            rc = 2;
        else {
            have_bars = 1;
            if (cli_select_bars(&o, &bars) != 0) rc = 2;
        }
    }
    if (br && !rc) {
        char *dir = cli_dirname(o.script);
        VmHooks hooks = broker_hooks(br);
        VmOptions vopt = {.mintick = o.mintick,
                          .symbol = o.symbol,
                          .timezone = o.timezone,
                          .max_loop_ms = o.max_loop_ms,
                          .trace = o.trace,
                          .hooks = &hooks,
                          .script_dir = dir,
                          .output_dir = o.output_dir};
        Vm *vm = vm_new(p, &bars, &vopt);
        rc = vm_run(vm);
        if (rc == 0) {
            ReportOptions ro = {o.timezone, p->title};
            rc = write_output(bo.trades, "trades", broker_write_trades, br, &bars, &ro);
            if (!rc) rc = write_output(bo.markers, "markers", broker_write_markers, br, &bars, &ro);
            if (!rc)
                rc = write_output(bo.markers_pine, "markers script", broker_write_markers_pine, br,
                                  &bars, &ro);
            if (!rc) rc = write_output(bo.equity, "equity", broker_write_equity, br, &bars, &ro);
            if (!rc) rc = write_output(bo.report, "report", write_report_json, br, &bars, &ro);
            if (!rc && !bo.quiet) {
                broker_write_summary(br, &bars, &ro, 0, stdout);
                fflush(stdout);
            }
        }
        vm_free(vm);
        free(dir);
    }
    if (have_bars) bars_free(&bars);
    broker_free(br);
    program_free(p);
    free(sf.text);
    cli_free(&o);
    free(args);
    return rc;
}
