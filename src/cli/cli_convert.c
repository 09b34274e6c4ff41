/* `pine convert`: reads bars in any layout the loader knows and writes them in TradingView's
 * import layout, its chart-export layout or the bot's layout, losing nothing. Also the
 * --from/--to/--warmup selection shared with `pine run`. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/bars.h"
#include "cli/cli.h"

static const char *usage_convert =
    "usage: pine convert IN.csv --to tradingview|bot|tradingview-export [-o OUT.csv] [options]\n"
    "\n"
    "Reads bars in any layout `pine run` reads and writes them as:\n"
    "  tradingview          TradingView's \"Import Data\": time,open,high,low,close,volume with\n"
    "                       the time as YYYY-MM-DD HH:MM:SS in --timezone (default UTC)\n"
    "  bot                  date,open,high,low,close,volume,symbol (date with its UTC offset)\n"
    "  tradingview-export   TradingView's \"Export chart data\": time in UNIX seconds, ...,Volume\n"
    "Numbers are written in the shortest form that reads back to the same value; na is an empty\n"
    "field (NaN in the chart-export layout). Without -o the result goes to standard output.\n"
    "\n"
    "options:\n"
    "  -o, --out FILE   where to write\n"
    "  --symbol S       pick S from a multi-symbol file; the bot layout's symbol column\n"
    "                   (default: the input's symbol, else the input file's name)\n"
    "  --timezone TZ    zone of naive times read, and of the times written as `tradingview`\n"
    "                   (and `bot`, when given)\n"
    "  --sort, --lenient, --adjusted   as for `pine run`\n";

int cli_select_bars(const CliOptions *o, Bars *b) {
    int64_t from = INT64_MIN, to = INT64_MAX;
    if (o->from_text && bars_parse_bound(o->from_text, o->timezone, 0, &from) != 0) {
        fprintf(stderr, "pine: --from: \"%s\" is not a date, date-time or UNIX time\n",
                o->from_text);
        bars_free(b);
        return 2;
    }
    if (o->to_text && bars_parse_bound(o->to_text, o->timezone, 1, &to) != 0) {
        fprintf(stderr, "pine: --to: \"%s\" is not a date, date-time or UNIX time\n", o->to_text);
        bars_free(b);
        return 2;
    }
    if (!o->from_text && !o->to_text && !o->warmup_text) return 0;
    if (bars_select(b, from, to, (size_t)o->warmup, NULL) != 0) {
        fprintf(stderr, "pine: %s: no bars between --from %s and --to %s\n", o->data,
                o->from_text ? o->from_text : "(start)", o->to_text ? o->to_text : "(end)");
        bars_free(b);
        return 2;
    }
    return 0;
}

// The input file's name without folder and extension: the default symbol of the bot layout.
static void file_stem(const char *path, char *out, size_t cap) {
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    if (n >= cap) n = cap - 1;
    memcpy(out, base, n);
    out[n] = 0;
}

int cmd_convert(int argc, char **argv) {
    CliOptions o;
    int rc;
    if (cli_start(argc, argv, usage_convert, &o, &rc)) return rc;
    const char *in = o.script ? o.script : o.data, *fmt = o.to_text;
    if (!in)
        rc = cli_usage_error(usage_convert, "%s", "missing IN.csv");
    else if (!fmt)
        rc = cli_usage_error(usage_convert, "%s", "missing --to FORMAT");
    else if (strcmp(fmt, "tradingview") && strcmp(fmt, "bot") && strcmp(fmt, "tradingview-export"))
        rc = cli_usage_error(
            usage_convert, "--to must be tradingview, bot or tradingview-export, not \"%s\"", fmt);
    else if (o.from_text || o.warmup_text)
        rc = cli_usage_error(usage_convert, "%s", "convert takes no --from or --warmup");
    else
        rc = cli_check_output(in, o.out, "-o");
    if (rc) {
        cli_free(&o);
        return rc;
    }
    Bars b;
    BarsLoadOptions lopt = {o.timezone, o.symbol, o.sort, o.lenient, o.adjusted};
    if (bars_load(in, &lopt, &b) != 0) {
        cli_free(&o);
        return 2;
    }
    FILE *f = o.out && strcmp(o.out, "-") ? fopen(o.out, "w") : stdout;
    if (!f) {
        fprintf(stderr, "pine: cannot write %s: %s\n", o.out, strerror(errno));
        bars_free(&b);
        cli_free(&o);
        return 2;
    }
    int w;
    if (!strcmp(fmt, "tradingview")) {
        w = bars_write_tv_import(f, &b, o.timezone, 0, NULL, NULL);
    } else if (!strcmp(fmt, "bot")) {
        char stem[64];
        file_stem(in, stem, sizeof stem);
        const char *sym = o.symbol ? o.symbol : b.symbol[0] ? b.symbol : stem;
        w = bars_write_bot(f, &b, o.timezone, sym);
    } else {
        w = bars_write_tv_export(f, &b);
    }
    if (f != stdout) w |= fclose(f);
    if (w) {
        fprintf(stderr, "pine: cannot write %s\n", o.out ? o.out : "standard output");
        rc = 2;
    }
    bars_free(&b);
    cli_free(&o);
    return rc;
}
