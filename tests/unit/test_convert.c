/* Unit tests for the data interchange: each layout in tests/data/formats loads with the values
 * written in it, every file converts to every written layout and on to every other and back
 * with every value unchanged, each writer's exact text, and (through the pine binary beside
 * this program's folder) io.export_chart, io.series and the path confinement. Expected times
 * were computed by hand from 2023-01-01T00:00Z = 1672531200 and checked with Python's
 * datetime/zoneinfo. Run from the repository root. */
#include "data/bars.h"

#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"

static char dir[64];
static char pine[512];
static char root[512];


// Loads [p] with stderr silenced; returns bars_load's result.
static int load(const char *p, const char *tz, const char *symbol, int adjusted, Bars *b) {
    fflush(stderr);
    int saved = dup(2), fd = open("/dev/null", O_WRONLY);
    dup2(fd, 2);
    close(fd);
    BarsLoadOptions opt = {tz, symbol, 0, 0, adjusted};
    int rc = bars_load(p, &opt, b);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    return rc;
}

static char *slurp(const char *p) {
    static char buf[1 << 16];
    FILE *f = fopen(p, "rb");
    if (!f) return strcpy(buf, "(missing)");
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    return buf;
}

static void spit(const char *p, const char *text) {
    FILE *f = fopen(p, "wb");
    if (!f) {
        perror(p);
        exit(2);
    }
    fputs(text, f);
    fclose(f);
}

static int same(double a, double b) {
    return a == b || (isnan(a) && isnan(b));
}

// Compares every time and value; writes the first difference to [why].
static int same_bars(const Bars *a, const Bars *b, char *why, size_t cap) {
    if (a->n != b->n) return snprintf(why, cap, "%zu bars, then %zu", a->n, b->n), 0;
    for (size_t i = 0; i < a->n; i++) {
        const double x[5] = {a->open[i], a->high[i], a->low[i], a->close[i], a->volume[i]};
        const double y[5] = {b->open[i], b->high[i], b->low[i], b->close[i], b->volume[i]};
        int ok = a->time[i] == b->time[i];
        for (int k = 0; k < 5; k++)
            ok &= same(x[k], y[k]);
        if (!ok) {
            snprintf(why, cap,
                     "bar %zu: %lld %.17g %.17g %.17g %.17g %.17g vs %lld %.17g %.17g "
                     "%.17g %.17g %.17g",
                     i, (long long)a->time[i], x[0], x[1], x[2], x[3], x[4], (long long)b->time[i],
                     y[0], y[1], y[2], y[3], y[4]);
            return 0;
        }
    }
    return 1;
}

/* {====== each layout read */

static void test_layouts(void) {
    Bars b;
    int rc = load("tests/data/formats/tv_export.csv", NULL, NULL, 0, &b);
    check(rc == 0 && b.n == 4 && b.time_form == TIME_UNIX_S && b.time[3] == 1672650000000 &&
              b.high[2] == 1.0683799999999999 && b.close[3] == 1.0690000000000002 &&
              isnan(b.volume[2]) && b.volume[3] == 0.5,
          "TradingView export: Volume before the plot columns, NaN volume", "rc %d", rc);
    bars_free(&b);

    /* 2023-01-02 09:30 New York (EST, UTC-5) = 14:30Z = 1672617600 + 52200 */
    rc = load("tests/data/formats/tv_import.csv", "America/New_York", NULL, 0, &b);
    check(rc == 0 && b.n == 3 && b.time[0] == 1672669800000 && b.utc_offset_min[0] == -300 &&
              b.close[1] == 126.36 && isnan(b.volume[2]) && b.volume[0] == 112117500,
          "TradingView import layout in --timezone", "rc %d t0 %lld", rc,
          rc ? 0LL : (long long)b.time[0]);
    bars_free(&b);

    rc = load("tests/data/formats/bot.csv", NULL, NULL, 0, &b);
    check(rc == 0 && b.n == 2 && b.time[1] == 1672790400000 && b.volume[1] == 2400.5 &&
              strcmp(b.symbol, "BTCUSD") == 0,
          "bot layout, one symbol", "rc %d", rc);
    bars_free(&b);

    rc = load("tests/data/formats/bot_multi.csv", NULL, "TSLA", 0, &b);
    check(rc == 0 && b.n == 2 && b.close[1] == 7.5 && b.volume[0] == 30, "bot layout, --symbol",
          "rc %d", rc);
    bars_free(&b);

    rc = load("tests/data/formats/yahoo.csv", NULL, NULL, 1, &b);
    /* 179.61 * 173.64 / 174.92 etc. are not exact; the first two rows are */
    check(rc == 0 && b.n == 3 && b.open[0] == 5 && b.high[0] == 6 && b.low[1] == 1.5 &&
              b.close[2] == 173.64 && fabs(b.open[2] - 178.29568031099933) < 1e-9,
          "Yahoo with --adjusted", "rc %d %.17g", rc, rc ? 0 : b.open[2]);
    bars_free(&b);

    rc = load("tests/data/formats/yahoo_quirks.csv", NULL, NULL, 0, &b);
    check(rc == 0 && b.n == 3 && isnan(b.open[1]) && isnan(b.volume[1]) && b.close[2] == 10 &&
              b.time[0] == 1672358400000,
          "Yahoo quirks: ';', quotes, CRLF, null rows", "rc %d", rc);
    bars_free(&b);

    /* 2006-01-02T23:59:59Z */
    rc = load("tests/data/formats/backtrader.csv", NULL, NULL, 0, &b);
    check(rc == 0 && b.n == 3 && b.time[0] == 1136246399000 && b.time[2] == 1136419199000 &&
              b.close[2] == 3652.46,
          "backtrader Date + Time", "rc %d", rc);
    bars_free(&b);

    rc = load("tests/data/formats/bom_crlf.csv", NULL, NULL, 0, &b);
    check(rc == 0 && b.n == 2 && b.time[0] == 1672531200000 && b.volume[1] == 200,
          "BOM + CRLF + trailing blank lines", "rc %d", rc);
    bars_free(&b);

    rc = load("tests/data/formats/semicolon.csv", NULL, NULL, 0, &b);
    check(rc == 0 && b.n == 2 && b.open[0] == 1.5 && b.high[0] == 2.25 && b.low[1] == 1.5 &&
              isnan(b.volume[1]),
          "semicolons with decimal commas", "rc %d", rc);
    bars_free(&b);

    rc = load("tests/data/formats/iso_dst.csv", NULL, NULL, 0, &b);
    check(rc == 0 && b.n == 4 && b.time[0] == 1667707200000 && b.time[1] == 1667710800000 &&
              b.time[2] == 1667714400000 && b.time[3] == 1667718000000 &&
              b.utc_offset_min[1] == -240 && b.utc_offset_min[2] == -300,
          "ISO offsets across the November DST change", "rc %d", rc);
    bars_free(&b);
}

/* }====== */

/* {====== round trips */

enum { TO_TV, TO_BOT, TO_EXPORT, TO_COUNT };
static const char *const TO_NAME[TO_COUNT] = {"tradingview", "bot", "tradingview-export"};

static int write_as(int to, const char *p, const Bars *b, const char *tz) {
    FILE *f = fopen(p, "w");
    if (!f) return -1;
    int rc = to == TO_TV    ? bars_write_tv_import(f, b, tz, 0, NULL, NULL)
             : to == TO_BOT ? bars_write_bot(f, b, NULL, "SYM")
                            : bars_write_tv_export(f, b);
    return fclose(f) | rc;
}

static void test_round_trips(void) {
    static const struct {
        const char *file, *tz, *symbol;
        int adjusted;
    } IN[] = {
        {"tv_export.csv", NULL, NULL, 0},
        {"tv_import.csv", "America/New_York", NULL, 0},
        {"bot.csv", NULL, NULL, 0},
        {"bot_multi.csv", NULL, "MSFT", 0},
        {"yahoo.csv", NULL, NULL, 1},
        {"yahoo.csv", NULL, NULL, 0},
        {"yahoo_quirks.csv", "Asia/Kolkata", NULL, 0},
        {"backtrader.csv", NULL, NULL, 0},
        {"bom_crlf.csv", NULL, NULL, 0},
        {"semicolon.csv", NULL, NULL, 0},
        {"iso_dst.csv", "America/New_York", NULL, 0},
    };
    for (size_t f = 0; f < sizeof IN / sizeof IN[0]; f++) {
        char in[256], p1[128], p2[128], name[256], why[512] = "";
        snprintf(in, sizeof in, "tests/data/formats/%s", IN[f].file);
        Bars a;
        if (load(in, IN[f].tz, IN[f].symbol, IN[f].adjusted, &a) != 0) {
            check(0, in, "does not load");
            continue;
        }
        for (int t1 = 0; t1 < TO_COUNT; t1++) {
            for (int t2 = -1; t2 < TO_COUNT; t2++) {
                snprintf(p1, sizeof p1, "%s/rt1.csv", dir);
                snprintf(p2, sizeof p2, "%s/rt2.csv", dir);
                Bars b, c;
                int ok =
                    write_as(t1, p1, &a, IN[f].tz) == 0 && load(p1, IN[f].tz, NULL, 0, &b) == 0;
                if (ok && t2 >= 0) {
                    ok =
                        write_as(t2, p2, &b, IN[f].tz) == 0 && load(p2, IN[f].tz, NULL, 0, &c) == 0;
                    if (ok) {
                        ok = same_bars(&a, &c, why, sizeof why);
                        bars_free(&c);
                    }
                } else if (ok) {
                    ok = same_bars(&a, &b, why, sizeof why);
                }
                if (ok || b.n) bars_free(&b);
                snprintf(name, sizeof name, "round trip %s%s -> %s%s%s", IN[f].file,
                         IN[f].adjusted ? " (adjusted)" : "", TO_NAME[t1], t2 >= 0 ? " -> " : "",
                         t2 >= 0 ? TO_NAME[t2] : "");
                check(ok, name, "%s", why[0] ? why : "write or load failed");
            }
        }
        bars_free(&a);
    }
}

/* }====== */

/* {====== exact text of each writer */

static void test_writers(void) {
    char in[128], out[128];
    snprintf(in, sizeof in, "%s/w.csv", dir);
    snprintf(out, sizeof out, "%s/w_out.csv", dir);
    spit(in, "time,open,high,low,close,volume\n"
             "2022-11-06T01:00:00-04:00,0.1,0.30000000000000004,0.1,0.2,\n"
             "2022-11-06T01:00:00-05:00,1e-7,1e21,1e-7,123456789012.5,7\n");
    Bars b;
    if (load(in, NULL, NULL, 0, &b) != 0) {
        check(0, "writers: input loads", "%s", "");
        return;
    }
    FILE *f = fopen(out, "w");
    int rc = bars_write_tv_import(f, &b, "America/New_York", 0, NULL, NULL);
    fclose(f);
    check(rc == 0 && !strcmp(slurp(out), "time,open,high,low,close,volume\n"
                                         "2022-11-06 01:00:00,0.1,0.30000000000000004,0.1,0.2,\n"
                                         "2022-11-06 01:00:00,1e-7,1e+21,1e-7,123456789012.5,7\n"),
          "tradingview layout text (New York, both 01:00s)", "\n%s", slurp(out));
    f = fopen(out, "w");
    rc = bars_write_bot(f, &b, NULL, "EUR,USD");
    fclose(f);
    check(rc == 0 &&
              !strcmp(slurp(out),
                      "date,open,high,low,close,volume,symbol\n"
                      "2022-11-06 01:00:00-04:00,0.1,0.30000000000000004,0.1,0.2,,\"EUR,USD\"\n"
                      "2022-11-06 01:00:00-05:00,1e-7,1e+21,1e-7,123456789012.5,7,\"EUR,USD\"\n"),
          "bot layout text (offsets kept, quoted symbol)", "\n%s", slurp(out));
    f = fopen(out, "w");
    rc = bars_write_tv_export(f, &b);
    fclose(f);
    /* 01:00-04:00 = 05:00Z = 1667710800 */
    check(rc == 0 && !strcmp(slurp(out), "time,open,high,low,close,Volume\n"
                                         "1667710800,0.1,0.30000000000000004,0.1,0.2,NaN\n"
                                         "1667714400,1e-7,1e+21,1e-7,123456789012.5,7\n"),
          "chart-export layout text (UNIX seconds)", "\n%s", slurp(out));
    bars_free(&b);

    spit(in, "time,open,high,low,close\n1672531200123,1,1,1,1\n");
    load(in, NULL, NULL, 0, &b);
    f = fopen(out, "w");
    rc = bars_write_tv_export(f, &b) | bars_write_tv_import(f, &b, NULL, 0, NULL, NULL);
    fclose(f);
    check(rc == 0 && !strcmp(slurp(out), "time,open,high,low,close,Volume\n"
                                         "1672531200123,1,1,1,1,NaN\n"
                                         "time,open,high,low,close,volume\n"
                                         "2023-01-01 00:00:00.123,1,1,1,1,\n"),
          "milliseconds kept: UNIX ms, .mmm", "\n%s", slurp(out));
    bars_free(&b);
}

/* }====== */

/* {====== the io built-ins, through the binary */

// Runs `pine ARGS` from the repository root; stderr to [err]. Returns the exit code.
static int run_pine(const char *args, const char *err) {
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "'%s' %s >/dev/null 2>'%s'", pine, args, err);
    int rc = system(cmd);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void test_io(void) {
    char s[128], o[128], err[128], script[160], args[4096], outf[192], plots[160];
    snprintf(s, sizeof s, "%s/script", dir);
    snprintf(o, sizeof o, "%s/out", dir);
    snprintf(err, sizeof err, "%s/err.txt", dir);
    snprintf(plots, sizeof plots, "%s/plots.csv", dir);
    mkdir(s, 0700);
    mkdir(o, 0700);
    snprintf(script, sizeof script, "%s/export.pine", s);
    spit(script, "//@version=5\n"
                 "indicator(\"export\")\n"
                 "plot(ta.sma(close, 3), \"sma\")\n"
                 "plot(close * 2, \"c2\")\n"
                 "io.export_chart(\"chart.csv\")\n");
    /* basic.csv bars 0..4 run (2 warm-up), 2..4 written; sma(3) at bar 3 = 34/3 */
    snprintf(args, sizeof args,
             "run '%s' --data '%s/tests/data/basic.csv' --out '%s' --output-dir '%s' "
             "--from 2023-01-01T02:00:00Z --to 1672545600 --warmup 2",
             script, root, plots, o);
    int rc = run_pine(args, err);
    snprintf(outf, sizeof outf, "%s/chart.csv", o);
    check(rc == 0 &&
              !strcmp(slurp(outf), "time,open,high,low,close,volume,sma,c2\n"
                                   "2023-01-01 02:00:00,11,13,10,12,300,11,24\n"
                                   "2023-01-01 03:00:00,12,13,10,11,400,11.333333333333334,22\n"
                                   "2023-01-01 04:00:00,11,14,10,13,500,12,26\n"),
          "io.export_chart writes bars and plots after the warm-up", "rc %d %s\n%s", rc, slurp(err),
          slurp(outf));
    const char *got = slurp(plots);
    static const char HEAD[] = "time,open,high,low,close,sma,c2,Volume\n1672538400,";
    check(!strncmp(got, HEAD, strlen(HEAD)) && strstr(got, "\n1672545600,") &&
              !strstr(got, "1672534800") && !strstr(got, "1672549200"),
          "--from/--to/--warmup: the plots cover the range only", "\n%s", got);

    snprintf(args, sizeof args,
             "run '%s' --data '%s/tests/data/basic.csv' --out '%s' --output-dir '%s' "
             "--timezone America/New_York --to '2022-12-31 19:00'",
             script, root, plots, o);
    rc = run_pine(args, err);
    check(rc == 0 && !strcmp(slurp(outf), "time,open,high,low,close,volume,sma,c2\n"
                                          "2022-12-31 19:00:00,9,11,8,10,100,,20\n"),
          "io.export_chart in the chart's time zone; --to read in it", "rc %d %s\n%s", rc,
          slurp(err), slurp(outf));

    snprintf(args, sizeof args, "run '%s' --data '%s/tests/data/basic.csv' --from 2024-01-01",
             script, root);
    rc = run_pine(args, err);
    check(rc == 2 && strstr(slurp(err), "basic.csv: no bars between --from 2024-01-01 and --to "
                                        "(end)"),
          "--from after the data", "rc %d %s", rc, slurp(err));

    /* a symbolic link inside the script's folder that points outside it */
    char outside[160], link[160];
    snprintf(outside, sizeof outside, "%s/outside.csv", dir);
    snprintf(link, sizeof link, "%s/link.csv", s);
    spit(outside, "time,x\n1672531200,1\n");
    if (symlink(outside, link) != 0) perror("symlink");
    snprintf(script, sizeof script, "%s/link.pine", s);
    spit(script, "//@version=5\nindicator(\"l\")\nplot(io.series(\"link.csv\", \"x\"), \"x\")\n");
    snprintf(args, sizeof args, "run '%s' --data '%s/tests/data/basic.csv' --output-dir '%s'",
             script, root, o);
    rc = run_pine(args, err);
    char want[512];
    snprintf(want, sizeof want,
             "3:6: runtime error: io.series: \"link.csv\" is outside the script's folder (%s) and "
             "--output-dir (%s); io.* reads and writes only inside those",
             s, o);
    check(rc == 1 && strstr(slurp(err), want), "a symbolic link out of the folder is refused",
          "rc %d\n  got:  %s\n  want: %s", rc, slurp(err), want);

    /* the same file is readable through --output-dir, which is not the script's folder */
    snprintf(args, sizeof args, "run '%s' --data '%s/tests/data/basic.csv' --output-dir '%s'",
             script, root, dir);
    rc = run_pine(args, err);
    check(rc == 0, "a link into --output-dir is allowed", "rc %d %s", rc, slurp(err));

    snprintf(script, sizeof script, "%s/escape.pine", s);
    spit(script,
         "//@version=5\nindicator(\"e\")\nio.export_chart(\"../escape.csv\")\nplot(1, \"one\")\n");
    snprintf(args, sizeof args, "run '%s' --data '%s/tests/data/basic.csv' --output-dir '%s'",
             script, root, o);
    rc = run_pine(args, err);
    snprintf(want, sizeof want,
             "3:1: runtime error: io.export_chart: \"../escape.csv\" is outside the script's "
             "folder (%s) and --output-dir (%s); io.* reads and writes only inside those",
             s, o);
    struct stat st;
    check(rc == 1 && strstr(slurp(err), want) && stat(outside, &st) == 0,
          "io.export_chart refuses ../", "rc %d\n  got:  %s\n  want: %s", rc, slurp(err), want);
}

/* }====== */

int main(int argc, char **argv) {
    (void)argc;
    if (!getcwd(root, sizeof root)) return 2;
    /* the binary is ../pine from this program's folder (build/tests -> build/pine) */
    char self[PATH_MAX];
    if (!realpath(argv[0], self)) return 2;
    *strrchr(self, '/') = 0;
    *strrchr(self, '/') = 0;
    if (strlen(self) > sizeof pine - 8) return 2;
    memcpy(pine, self, strlen(self));
    strcpy(pine + strlen(self), "/pine");
    snprintf(dir, sizeof dir, "/tmp/pine_test_convert_XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 2;
    }
    test_layouts();
    test_round_trips();
    test_writers();
    if (access(pine, X_OK) == 0)
        test_io();
    else
        check(0, "io built-ins", "no binary at %s", pine);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    printf("%s\n", failures ? "some tests FAILED" : "all passed");
    return failures != 0;
}
