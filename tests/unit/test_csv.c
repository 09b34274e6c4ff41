/* Unit tests for csv_read.c and csv_write.c: each case writes a small file to a temporary
 * directory, loads it, and checks the bars or the exact error message on stderr. Expected
 * UNIX times were computed with an independent date library (Python's datetime/zoneinfo). */
#include "data/bars.h"

#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check.h"

static char dir[64];
static char err[4096]; /* what the last load printed on stderr */
static char path[256];
static int opt_sort, opt_lenient, opt_adjusted; /* BarsLoadOptions flags for load_text */


static const char *write_file(const char *name, const char *text, size_t len) {
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        exit(2);
    }
    fwrite(text, 1, len, f);
    fclose(f);
    return path;
}

// Loads [text] (written as [name]) with stderr captured into err; returns bars_load's result.
static int load_text(const char *name, const char *text, const char *tz, const char *symbol,
                     Bars *b) {
    const char *p = write_file(name, text, strlen(text));
    char errpath[128];
    snprintf(errpath, sizeof errpath, "%s/stderr.txt", dir);
    fflush(stderr);
    int saved = dup(2);
    int fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(fd, 2);
    close(fd);
    BarsLoadOptions opt = {tz, symbol, opt_sort, opt_lenient, opt_adjusted};
    int rc = bars_load(p, &opt, b);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    FILE *f = fopen(errpath, "rb");
    size_t n = fread(err, 1, sizeof err - 1, f);
    fclose(f);
    err[n] = 0;
    if (n && err[n - 1] == '\n') err[n - 1] = 0;
    return rc;
}

// Expects [text] to fail with exactly "<path>:<msg>" (msg starts after the file name).
static void expect_error(const char *name, const char *text, const char *tz, const char *symbol,
                         const char *msg) {
    Bars b;
    char file[64], want[1024];
    snprintf(file, sizeof file, "%s.csv", name);
    int rc = load_text(file, text, tz, symbol, &b);
    snprintf(want, sizeof want, "%s/%s%s", dir, file, msg);
    char tname[96];
    snprintf(tname, sizeof tname, "error %s", name);
    check(rc == -1 && strcmp(err, want) == 0, tname, "rc %d\n  got:  %s\n  want: %s", rc, err,
          want);
}

/* {====== formats */

static void test_tradingview(void) {
    Bars b;
    int rc = load_text("tv.csv",
                       "time,open,high,low,close,\"ta.ema(close, 20)\",Plot,Volume\n"
                       "1672639200,1.06994,1.06994,1.06912,1.06918,NaN,1,100\n"
                       "1672642800,1.06918,1.06925,1.06664,1.06789,NaN,2,824\n"
                       "1672646400,1.06789,1.0683799999999999,1.0676,1.068,1.5,3,NaN\n",
                       NULL, NULL, &b);
    check(rc == 0 && b.n == 3, "tradingview export loads", "rc %d n %zu: %s", rc, b.n, err);
    if (rc) return;
    check(b.time_form == TIME_UNIX_S && b.time[0] == 1672639200000 && b.time[2] == 1672646400000,
          "tradingview unix seconds", "form %d t0 %lld", b.time_form, (long long)b.time[0]);
    check(b.open[0] == 1.06994 && b.high[1] == 1.06925 && b.low[1] == 1.06664 &&
              b.close[2] == 1.068,
          "tradingview prices", "%g %g %g %g", b.open[0], b.high[1], b.low[1], b.close[2]);
    check(b.has_volume && b.volume[1] == 824 && isnan(b.volume[2]), "tradingview volume, NaN",
          "%d %g %g", b.has_volume, b.volume[1], b.volume[2]);
    check(b.price_decimals == 5, "price_decimals ignores float noise", "%d", b.price_decimals);
    check(b.utc_offset_min == NULL && b.symbol[0] == 0, "no offsets, no symbol", "%p",
          (void *)b.utc_offset_min);
    bars_free(&b);

    rc = load_text("tv_mid.csv",
                   "time,open,high,low,close,Volume,ta.highest(10)\n"
                   "1672639200,1.5,2,1,1.5,100,NaN\n",
                   NULL, NULL, &b);
    check(rc == 0 && b.n == 1 && b.volume[0] == 100 && b.price_decimals == 1,
          "Volume column before plot columns", "rc %d %s", rc, err);
    bars_free(&b);
}

static void test_delimiters(void) {
    Bars b;
    int rc = load_text("semi.csv",
                       "time;open;high;low;close;volume\n"
                       "2022-01-03;1.5;2.25;1;2;10\n"
                       "2022-01-04;2;3;1.5;2.5;\n",
                       NULL, NULL, &b);
    check(rc == 0 && b.n == 2 && b.high[0] == 2.25 && isnan(b.volume[1]) &&
              b.time[1] == 1641254400000,
          "semicolon delimiter, empty volume", "rc %d %s", rc, err);
    bars_free(&b);

    rc = load_text("semi_comma.csv", "Date;Open;High;Low;Close\n2022-01-03;1,5;2,25;1;2\n", NULL,
                   NULL, &b);
    check(rc == 0 && b.n == 1 && b.open[0] == 1.5 && b.high[0] == 2.25 && b.price_decimals == 2,
          "semicolon delimiter with decimal commas", "rc %d %s", rc, err);
    bars_free(&b);

    rc = load_text("tab.csv",
                   "time\topen\thigh\tlow\tclose\n"
                   "1641168000000\t1\t2\t0.5\t1.5\n"
                   "1641254400000\t1.5\t2\t1\t1\n",
                   NULL, NULL, &b);
    check(rc == 0 && b.n == 2 && b.time_form == TIME_UNIX_MS && b.time[1] == 1641254400000 &&
              b.low[0] == 0.5 && !b.has_volume && isnan(b.volume[0]),
          "tab delimiter, ms times, no volume", "rc %d %s", rc, err);
    bars_free(&b);

    rc = load_text("bom.csv",
                   "\xEF\xBB\xBFtime,open,high,low,close\r\n"
                   "1672639200,1,2,0.5,1.5\r\n"
                   "1672642800,1,2,0.5,1.5\r\n\r\n\r\n",
                   NULL, NULL, &b);
    check(rc == 0 && b.n == 2, "BOM, CRLF and trailing blank lines", "rc %d %s", rc, err);
    bars_free(&b);

    expect_error("crlf_line",
                 "time,open,high,low,close\r\n"
                 "1672639200,1,2,0.5,1.5\r\n"
                 "\r\n"
                 "1672642800,1,2,0.5,x\r\n",
                 NULL, NULL, ":4: close: \"x\" is not a number");

    rc = load_text("quoted.csv",
                   "\"Time\",\" Open \",\"HIGH\",\"low\",\"Close\",\"Vol\"\n"
                   "\"1672639200\",\"1\",\"2\",\"0.5\",\"1.5\",\"7\"\n",
                   NULL, NULL, &b);
    check(rc == 0 && b.n == 1 && b.volume[0] == 7 && b.open[0] == 1, "quoted header and fields",
          "rc %d %s", rc, err);
    bars_free(&b);

    rc = load_text("us.csv",
                   "time,open,high,low,close\n"
                   "1672639200000000,1,2,0.5,1.5\n",
                   NULL, NULL, &b);
    check(rc == 0 && b.time[0] == 1672639200000 && b.time_form == TIME_UNIX_MS, "microsecond times",
          "rc %d %s", rc, err);
    bars_free(&b);

    rc = load_text("headerless.csv", "1672639200,1,2,0.5,1.5,10\n1672642800,1,2,0.5,1.5,11\n", NULL,
                   NULL, &b);
    check(rc == 0 && b.n == 2 && b.has_volume && b.volume[1] == 11 && b.close[0] == 1.5,
          "headerless time,open,high,low,close,volume", "rc %d %s", rc, err);
    bars_free(&b);
}

static void test_other_layouts(void) {
    Bars b;
    int rc = load_text("bt.csv",
                       "Date,Time,Open,High,Low,Close,Volume,OpenInterest\n"
                       "2006-01-02,23:59:59,3578.73,3605.95,3578.73,3604.33,0,0\n"
                       "2006-01-03,23:59:59,3604.08,3638.42,3601.84,3614.34,0,0\n",
                       NULL, NULL, &b);
    check(rc == 0 && b.n == 2 && b.time[0] == 1136246399000 && b.time_form == TIME_ISO &&
              b.utc_offset_min[0] == 0,
          "backtrader Date + Time columns", "rc %d t %lld %s", rc, rc ? 0LL : (long long)b.time[0],
          err);
    bars_free(&b);

    expect_error("bt_order",
                 "Date,Time,Open,High,Low,Close\n"
                 "2006-01-02,10:00:00,1,1,1,1\n"
                 "2006-01-02,09:00:00,1,1,1,1\n",
                 NULL, NULL,
                 ":3: time: 2006-01-02 09:00:00 is not after the previous bar (line 2)");

    rc = load_text("yahoo.csv",
                   "Date,Open,High,Low,Close,Adj Close,Volume\n"
                   "2022-01-03,177.83,182.88,177.71,182.01,180.68,104487900\n"
                   "2022-01-04,182.63,182.94,179.12,179.70,178.39,99310400\n",
                   NULL, NULL, &b);
    check(rc == 0 && b.n == 2 && b.time[0] == 1641168000000 && b.close[1] == 179.7 &&
              b.volume[0] == 104487900 && b.price_decimals == 2,
          "yahoo layout (Adj Close ignored)", "rc %d %s", rc, err);
    bars_free(&b);

    static const char BOT[] = "date,open,high,low,close,volume,symbol\n"
                              "2022-01-03,1,2,0.5,1.5,10,AAPL\n"
                              "2022-01-03,5,6,4,5,20,MSFT\n"
                              "2022-01-04,1,2,0.5,1.5,11,AAPL\n"
                              "2022-01-04,5,6,4,5.5,21,MSFT\n";
    expect_error("bot_multi", BOT, NULL, NULL,
                 ": symbol: the file holds several symbols (AAPL, MSFT); pick one");
    rc = load_text("bot.csv", BOT, NULL, "MSFT", &b);
    check(rc == 0 && b.n == 2 && b.close[1] == 5.5 && strcmp(b.symbol, "MSFT") == 0,
          "bot format, symbol picked", "rc %d n %zu %s", rc, b.n, err);
    bars_free(&b);
    expect_error("bot_absent", BOT, NULL, "TSLA",
                 ": symbol: no rows for \"TSLA\" (found: AAPL, MSFT)");
    rc = load_text("bot1.csv",
                   "date,open,high,low,close,volume,symbol\n2022-01-03,1,2,0.5,1.5,10,BTCUSD\n",
                   NULL, NULL, &b);
    check(rc == 0 && b.n == 1 && strcmp(b.symbol, "BTCUSD") == 0, "bot format, one symbol",
          "rc %d %s", rc, err);
    bars_free(&b);
}

/* }====== */

/* {====== times and zones */

static void test_zones(void) {
    Bars b;
    int rc = load_text("iso_dst.csv",
                       "time,open,high,low,close\n"
                       "2022-03-13T00:00:00-05:00,1,1,1,1\n"
                       "2022-03-13T01:00:00-05:00,1,1,1,1\n"
                       "2022-03-13T03:00:00-04:00,1,1,1,1\n"
                       "2022-03-13T08:00:00Z,1,1,1,1\n",
                       NULL, NULL, &b);
    check(rc == 0 && b.n == 4 && b.time_form == TIME_ISO && b.time[1] == 1647151200000 &&
              b.time[2] == 1647154800000 && b.utc_offset_min[1] == -300 &&
              b.utc_offset_min[2] == -240 && b.utc_offset_min[3] == 0,
          "ISO offsets across a DST change", "rc %d %s", rc, err);
    bars_free(&b);

    rc = load_text("naive_ny.csv",
                   "datetime,open,high,low,close\n"
                   "2022-03-13 01:00:00,1,1,1,1\n"
                   "2022-03-13 03:00:00,1,1,1,1\n"
                   "2022-11-06 00:00:00,1,1,1,1\n"
                   "2022-11-06 01:00:00,1,1,1,1\n"
                   "2022-11-06 01:00:00,1,1,1,1\n"
                   "2022-11-06 02:00:00,1,1,1,1\n"
                   "2040-07-01 12:00:00,1,1,1,1\n"
                   "2040-12-01 12:00:00,1,1,1,1\n",
                   "America/New_York", NULL, &b);
    static const int64_t WANT[] = {1647151200, 1647154800, 1667707200, 1667710800,
                                   1667714400, 1667718000, 2224771200, 2237994000};
    static const int WANT_OFF[] = {-300, -240, -240, -240, -300, -300, -240, -300};
    int ok = rc == 0 && b.n == 8;
    for (size_t i = 0; ok && i < 8; i++)
        ok = b.time[i] == WANT[i] * 1000 && b.utc_offset_min[i] == WANT_OFF[i];
    check(ok, "naive times in America/New_York across DST (and past 2037)", "rc %d %s", rc, err);
    bars_free(&b);

    rc = load_text("naive_1960.csv",
                   "date,open,high,low,close\n"
                   "1960-07-01T12:00:00,1,1,1,1\n"
                   "1960-12-01T12:00:00,1,1,1,1\n",
                   "America/New_York", NULL, &b);
    check(rc == 0 && b.n == 2 && b.time[0] == -299836800000 && b.time[1] == -286614000000,
          "naive times before 1970 in a zone", "rc %d %s", rc, err);
    bars_free(&b);

    rc = load_text("naive_fixed.csv", "time,open,high,low,close\n2022-01-03 10:00,1,1,1,1\n",
                   "UTC+3", NULL, &b);
    check(rc == 0 && b.time[0] == 1641168000000 + 7 * 3600000LL && b.utc_offset_min[0] == 180,
          "naive time with fixed zone UTC+3", "rc %d %s", rc, err);
    bars_free(&b);

    rc = load_text("naive_utc.csv", "time,open,high,low,close\n2022-01-03,1,1,1,1\n", NULL, NULL,
                   &b);
    check(rc == 0 && b.time[0] == 1641168000000 && b.utc_offset_min[0] == 0,
          "naive date without a zone is UTC", "rc %d %s", rc, err);
    bars_free(&b);

    expect_error("bad_zone", "time,open,high,low,close\n2022-01-03,1,1,1,1\n", "Mars/Olympus", NULL,
                 ": unknown time zone \"Mars/Olympus\"");
}

/* }====== */

/* {====== errors */

static void test_errors(void) {
    expect_error("missing", "time,open,high,low\n1672639200,1,2,0.5\n", NULL, NULL,
                 ":1: missing column \"close\" (found: time, open, high, low)");
    expect_error("missing_time", "Open,High,Low,Close,ta.sma(close, 2)\n1,2,0.5,1.5,1\n", NULL,
                 NULL,
                 ":1: missing column \"time\" (found: Open, High, Low, Close, ta.sma(close, 2))");
    expect_error("nonnum",
                 "time,open,high,low,close\n"
                 "1672639200,1,2,0.5,1.5\n"
                 "1672642800,1,abc,0.5,1.5\n",
                 NULL, NULL, ":3: high: \"abc\" is not a number");
    expect_error("infprice", "time,open,high,low,close\n1672639200,Infinity,2,1,1.5\n", NULL, NULL,
                 ":2: open: \"Infinity\" is not a number");
    expect_error("badvolume", "time,open,high,low,close,volume\n1672639200,1,2,1,1.5,many\n", NULL,
                 NULL, ":2: volume: \"many\" is not a number");
    expect_error("highlow", "time,open,high,low,close\n1672639200,1.25,1.2,1.3,1.25\n", NULL, NULL,
                 ":2: high: 1.2 is below low 1.3");
    expect_error("openhigh", "time,open,high,low,close\n1672639200,1.5,1.4,1.1,1.2\n", NULL, NULL,
                 ":2: open: 1.5 is above high 1.4");
    expect_error("closelow", "time,open,high,low,close\n1672639200,1.2,1.4,1.1,1\n", NULL, NULL,
                 ":2: close: 1 is below low 1.1");
    expect_error("order",
                 "time,open,high,low,close\n"
                 "2022-01-03T09:00:00Z,1,1,1,1\n"
                 "2022-01-03T11:00:00Z,1,1,1,1\n"
                 "2022-01-03T10:00:00Z,1,1,1,1\n",
                 NULL, NULL,
                 ":4: time: 2022-01-03T10:00:00Z is not after the previous bar (line 3)");
    expect_error("dup",
                 "time,open,high,low,close\n"
                 "1672639200,1,1,1,1\n"
                 "\n"
                 "1672639200,1,1,1,1\n",
                 NULL, NULL, ":4: time: 1672639200 duplicates line 2");
    expect_error("dup_offsets",
                 "time,open,high,low,close\n"
                 "2022-01-03T10:00:00Z,1,1,1,1\n"
                 "2022-01-03T05:00:00-05:00,1,1,1,1\n",
                 NULL, NULL, ":3: time: 2022-01-03T05:00:00-05:00 duplicates line 2");
    expect_error("badtime", "time,open,high,low,close\n2022-02-30,1,1,1,1\n", NULL, NULL,
                 ":2: time: \"2022-02-30\" is not a date-time");
    expect_error("notime", "time,open,high,low,close\n,1,1,1,1\n", NULL, NULL,
                 ":2: time: missing value");
    expect_error("empty", "", NULL, NULL, ": empty file");
    expect_error("blank", "\n\n  \n", NULL, NULL, ": empty file");
    expect_error("header_only", "time,open,high,low,close\n\n", NULL, NULL,
                 ": no bars after the header");
    expect_error("few_fields",
                 "time,open,high,low,close,Volume\n"
                 "1672639200,1,1,1,1,5\n"
                 "1672642800,1,1,1\n",
                 NULL, NULL, ":3: expected 6 fields, found 4");
    expect_error("many_fields", "time,open,high,low,close\n1672639200,1,1,1,1,5\n", NULL, NULL,
                 ":2: expected 5 fields, found 6");
    expect_error("utf8", "time,open,high,low,close,\xff\xfe\n1672639200,1,1,1,1,5\n", NULL, NULL,
                 ":1: invalid UTF-8 in the header");
    expect_error("multiline_quote",
                 "time,open,high,low,close,note\n"
                 "1672639200,1,1,1,1,\"two\nlines\"\n"
                 "1672642800,1,1,1,oops,x\n",
                 NULL, NULL, ":4: close: \"oops\" is not a number");

    Bars b;
    BarsLoadOptions opt = {NULL, NULL};
    fflush(stderr);
    int saved = dup(2), fd = open("/dev/null", O_WRONLY);
    dup2(fd, 2);
    close(fd);
    int rc = bars_load("/nonexistent/bars.csv", &opt, &b);
    dup2(saved, 2);
    close(saved);
    check(rc == -1 && b.n == 0, "missing file fails", "rc %d", rc);
}

/* Empty, NaN and Yahoo's null fields are na in every column; range checks skip na. */
static void test_na_fields(void) {
    Bars b;
    int rc = load_text("na.csv",
                       "time,open,high,low,close,volume\n"
                       "1672639200,1,2,,1.5,\n"
                       "1672642800,NaN,NaN,NaN,NaN,NaN\n"
                       "1672646400,null,2,1,null,null\n",
                       NULL, NULL, &b);
    check(rc == 0 && b.n == 3 && isnan(b.low[0]) && b.high[0] == 2 && isnan(b.volume[0]) &&
              isnan(b.open[1]) && isnan(b.close[1]) && isnan(b.open[2]) && b.low[2] == 1 &&
              isnan(b.volume[2]),
          "empty, NaN and null fields are na", "rc %d %s", rc, err);
    bars_free(&b);
}

static void test_sort(void) {
    Bars b;
    static const char UNSORTED[] = "time,open,high,low,close\n"
                                   "1672642800,2,2,2,2\n"
                                   "1672639200,1,1,1,1\n"
                                   "1672649999,4,4,4,4\n"
                                   "1672646400,3,3,3,3\n";
    expect_error("unsorted", UNSORTED, NULL, NULL,
                 ":3: time: 1672639200 is not after the previous bar (line 2)");
    opt_sort = 1;
    int rc = load_text("sorted.csv", UNSORTED, NULL, NULL, &b);
    check(rc == 0 && b.n == 4 && b.time[0] == 1672639200000 && b.close[0] == 1 && b.close[1] == 2 &&
              b.close[2] == 3 && b.time[3] == 1672649999000 && b.close[3] == 4,
          "--sort orders rows by time", "rc %d %s", rc, err);
    bars_free(&b);
    expect_error("sort_dup",
                 "time,open,high,low,close\n"
                 "2022-01-03T10:00:00Z,1,1,1,1\n"
                 "2022-01-03T09:00:00Z,1,1,1,1\n"
                 "2022-01-03T05:00:00-05:00,1,1,1,1\n",
                 NULL, NULL, ":4: time: 2022-01-03T05:00:00-05:00 duplicates line 2");
    opt_lenient = 1;
    rc = load_text("sort_lenient.csv",
                   "time,open,high,low,close\n"
                   "1672642800,2,2,2,2\n"
                   "1672639200,1,1,1,1\n"
                   "1672642800,5,5,5,5\n",
                   NULL, NULL, &b);
    check(rc == 0 && b.n == 2 && b.close[0] == 1 && b.close[1] == 2 &&
              strstr(err, "sort_lenient.csv: skipped 1 bad row (duplicate time: line 4)"),
          "--sort --lenient keeps the first of duplicates", "rc %d n %zu %s", rc, b.n, err);
    bars_free(&b);
    opt_sort = opt_lenient = 0;
}

static void test_lenient(void) {
    Bars b;
    opt_lenient = 1;
    int rc = load_text("lenient.csv",
                       "time,open,high,low,close\n"
                       "1672639200,1,2,0.5,1.5\n"
                       "1672642800,1,x,0.5,1.5\n"
                       "1672646400,1,2,0.5\n"
                       "1672650000,1,2,3,1.5\n"
                       "yesterday,1,2,0.5,1.5\n"
                       "1672639200,1,2,0.5,1.5\n"
                       "1672635600,1,2,0.5,1.5\n"
                       "1672653600,1,2,0.5,1.75\n"
                       "1672657200,1,2,0.5,y\n",
                       NULL, NULL, &b);
    check(rc == 0 && b.n == 2 && b.close[1] == 1.75 && b.time[1] == 1672653600000,
          "--lenient keeps the good rows", "rc %d n %zu %s", rc, b.n, err);
    char want[512];
    snprintf(want, sizeof want,
             "%s/lenient.csv: skipped 7 bad rows (wrong number of fields: line 4; not a number: "
             "lines 3, 10; bad time: line 6; price outside the bar's range: line 5; time out of "
             "order: line 8; duplicate time: line 7)",
             dir);
    check(strcmp(err, want) == 0, "--lenient summary on stderr", "\n  got:  %s\n  want: %s", err,
          want);
    bars_free(&b);

    size_t cap = 40 * 20 + 64, len = 0;
    char text[40 * 20 + 64];
    len += (size_t)snprintf(text, cap, "time,open,high,low,close\n1672639200,1,1,1,1\n");
    for (int i = 0; i < 12; i++)
        len += (size_t)snprintf(text + len, cap - len, "%d,1,1,1,z\n", 1672639201 + i);
    rc = load_text("lenient_many.csv", text, NULL, NULL, &b);
    snprintf(want, sizeof want,
             "%s/lenient_many.csv: skipped 12 bad rows (not a number: lines 3, 4, 5, 6, 7, 8, 9, "
             "10, 11, 12 and 2 more)",
             dir);
    check(rc == 0 && b.n == 1 && strcmp(err, want) == 0, "--lenient lists ten lines per kind",
          "rc %d\n  got:  %s\n  want: %s", rc, err, want);
    bars_free(&b);

    rc = load_text("lenient_none.csv", "time,open,high,low,close\n1672639200,a,1,1,1\n", NULL, NULL,
                   &b);
    snprintf(want, sizeof want,
             "%s/lenient_none.csv: skipped 1 bad row (not a number: line 2)\n"
             "%s/lenient_none.csv: no bars after the header",
             dir, dir);
    check(rc == -1 && strcmp(err, want) == 0, "--lenient with every row bad fails",
          "rc %d\n  got:  %s\n  want: %s", rc, err, want);
    opt_lenient = 0;
}

static void test_adjusted(void) {
    /* factor adj/close: 5/10 = 0.5 on the first row, 3/4 = 0.75 on the second */
    static const char Y[] = "Date,Open,High,Low,Close,Adj Close,Volume\n"
                            "2022-01-03,10,12,8,10,5,100\n"
                            "2022-01-04,4,8,2,4,3,200\n";
    Bars b;
    opt_adjusted = 1;
    int rc = load_text("adj.csv", Y, NULL, NULL, &b);
    check(rc == 0 && b.n == 2 && b.open[0] == 5 && b.high[0] == 6 && b.low[0] == 4 &&
              b.close[0] == 5 && b.open[1] == 3 && b.high[1] == 6 && b.low[1] == 1.5 &&
              b.close[1] == 3 && b.volume[1] == 200,
          "--adjusted scales OHLC by Adj Close / Close", "rc %d %s", rc, err);
    bars_free(&b);
    expect_error("adj_missing", "Date,Open,High,Low,Close\n2022-01-03,10,12,8,10\n", NULL, NULL,
                 ":1: missing column \"adj close\" for --adjusted (found: Date, Open, High, Low, "
                 "Close)");
    opt_adjusted = 0;
    rc = load_text("adj_null.csv",
                   "Date,Open,High,Low,Close,Adj Close,Volume\n2022-01-03,10,12,8,10,oops,1\n",
                   NULL, NULL, &b);
    check(rc == 0 && b.close[0] == 10, "Adj Close is ignored without --adjusted", "rc %d %s", rc,
          err);
    bars_free(&b);
}

static void test_select(void) {
    Bars b;
    /* ten hourly bars from 2023-01-01T00:00Z (1672531200), close = bar number */
    char text[1024];
    size_t len = (size_t)snprintf(text, sizeof text, "time,open,high,low,close\n");
    for (int i = 0; i < 10; i++)
        len += (size_t)snprintf(text + len, sizeof text - len, "%d,%d,%d,%d,%d\n",
                                1672531200 + 3600 * i, i, i, i, i);
    int rc = load_text("sel.csv", text, NULL, NULL, &b);
    int64_t from, to;
    int ok = rc == 0 && bars_parse_bound("2023-01-01T03:00:00Z", NULL, 0, &from) == 0 &&
             bars_parse_bound("1672552800", NULL, 1, &to) == 0;
    check(ok && from == 1672542000000 && to == 1672552800000, "bounds: ISO and UNIX seconds",
          "%lld %lld", (long long)from, (long long)to);
    size_t first = 99;
    ok = ok && bars_select(&b, from, to, 2, &first) == 0;
    check(ok && b.n == 6 && first == 2 && b.first == 2 && b.close[0] == 1 && b.close[2] == 3 &&
              b.close[5] == 6,
          "select 03:00..06:00 with 2 warm-up bars", "n %zu first %zu", b.n, first);
    bars_free(&b);

    rc = load_text("sel.csv", text, NULL, NULL, &b);
    ok = rc == 0 && bars_parse_bound("2023-01-01", NULL, 1, &to) == 0 &&
         bars_select(&b, INT64_MIN, to, 5, &first) == 0;
    check(ok && b.n == 10 && first == 0, "a bare --to date runs through the end of that day",
          "n %zu first %zu", b.n, first);
    ok = bars_parse_bound("2023-01-01 05:00", NULL, 0, &from) == 0 &&
         bars_select(&b, from, INT64_MAX, 100, &first) == 0;
    check(ok && b.n == 10 && first == 5, "warm-up longer than the history takes what there is",
          "n %zu first %zu", b.n, first);
    check(bars_select(&b, 1672574400000, INT64_MAX, 0, &first) == -1, "no bar in range", "%zu",
          b.n);
    bars_free(&b);

    ok = bars_parse_bound("2022-03-13", "America/New_York", 1, &to) == 0 &&
         bars_parse_bound("2022-03-13 03:00:00", "America/New_York", 0, &from) == 0;
    /* 2022-03-14T00:00-04:00 minus 1 ms; 03:00 EDT = 07:00Z (Python zoneinfo) */
    check(ok && to == 1647230400000 - 1 && from == 1647154800000,
          "bounds: naive times in the --timezone", "%lld %lld", (long long)to, (long long)from);
    check(bars_parse_bound("soon", NULL, 0, &to) == -1 &&
              bars_parse_bound("2022-01-01", "Mars/Base", 0, &to) == -1,
          "bounds: bad text and bad zone refused", "%s", "");
}

/* }====== */

/* {====== writing */

static void test_write(void) {
    static const char IN[] = "time,open,high,low,close,Volume\n"
                             "2022-01-02T17:00:00-05:00,1.13734,1.1376,1.13673,1.13744,2451\n"
                             "2022-01-02T18:00:00-05:00,1.13741,1.13787,1.13695,1.1373,5655\n";
    Bars b;
    int rc = load_text("w_iso.csv", IN, NULL, NULL, &b);
    check(rc == 0, "write: load ISO input", "%s", err);
    if (rc) return;
    double c0[2] = {NAN, 0.0008199999999998209}, c1[2] = {1e21, -1.5e-8};
    const double *cols[2] = {c0, c1};
    const char *titles[2] = {"ta.ema(close, 20)", "say \"hi\""};
    char out[1024];
    snprintf(out, sizeof out, "%s/w_out.csv", dir);
    FILE *f = fopen(out, "w");
    rc = bars_write_chart(f, &b, 2, titles, cols);
    fclose(f);
    f = fopen(out, "r");
    char got[2048];
    size_t n = fread(got, 1, sizeof got - 1, f);
    got[n] = 0;
    fclose(f);
    static const char WANT[] =
        "time,open,high,low,close,\"ta.ema(close, 20)\",\"say \"\"hi\"\"\",Volume\n"
        "2022-01-02T17:00:00-05:00,1.13734,1.1376,1.13673,1.13744,NaN,1e+21,2451\n"
        "2022-01-02T18:00:00-05:00,1.13741,1.13787,1.13695,1.1373,0.0008199999999998209,-1.5e-8,"
        "5655\n";
    check(rc == 0 && strcmp(got, WANT) == 0, "write: ISO times, quoted titles, plots", "rc %d\n%s",
          rc, got);
    bars_free(&b);

    static const char IN_S[] = "time,open,high,low,close\n"
                               "1672639200,1.06994,1.06994,1.06912,1.06918\n";
    rc = load_text("w_s.csv", IN_S, NULL, NULL, &b);
    f = fopen(out, "w");
    rc |= bars_write_chart(f, &b, 0, NULL, NULL);
    fclose(f);
    f = fopen(out, "r");
    n = fread(got, 1, sizeof got - 1, f);
    got[n] = 0;
    fclose(f);
    check(rc == 0 && strcmp(got, "time,open,high,low,close,Volume\n"
                                 "1672639200,1.06994,1.06994,1.06912,1.06918,NaN\n") == 0,
          "write: UNIX seconds, Volume NaN when absent", "rc %d\n%s", rc, got);
    bars_free(&b);

    rc = load_text("w_ms.csv", "time,open,high,low,close,volume\n1672639200123,1,2,0.5,1,0.5\n",
                   NULL, NULL, &b);
    f = fopen(out, "w");
    rc |= bars_write_chart(f, &b, 0, NULL, NULL);
    fclose(f);
    f = fopen(out, "r");
    n = fread(got, 1, sizeof got - 1, f);
    got[n] = 0;
    fclose(f);
    check(rc == 0 && strcmp(got, "time,open,high,low,close,Volume\n"
                                 "1672639200123,1,2,0.5,1,0.5\n") == 0,
          "write: UNIX milliseconds", "rc %d\n%s", rc, got);
    bars_free(&b);
}

// A larger file survives reading across the loader's buffer boundaries.
static void test_large(void) {
    size_t rows = 50000, cap = rows * 64 + 64, len = 0;
    char *text = malloc(cap);
    len += (size_t)snprintf(text, cap, "time,open,high,low,close,Volume\r\n");
    for (size_t i = 0; i < rows; i++)
        len += (size_t)snprintf(text + len, cap - len, "%zu,1.%05zu,2,0.5,1.25,%zu\r\n",
                                1600000000 + i * 60, i, i);
    Bars b;
    const char *p = write_file("large.csv", text, len);
    BarsLoadOptions opt = {NULL, NULL};
    int rc = bars_load(p, &opt, &b);
    check(rc == 0 && b.n == rows && b.open[rows - 1] == 1.49999 &&
              b.time[rows - 1] == (int64_t)(1600000000 + (rows - 1) * 60) * 1000 &&
              b.volume[12345] == 12345 && b.price_decimals == 5,
          "50000-row file", "rc %d n %zu", rc, b.n);
    bars_free(&b);
    free(text);
}

/* }====== */

/* The unquoted fast path and its hand-over to libcsv: line numbers count CRLF, blank and
 * space-only lines the same on both sides of a quoted field, which libcsv reads from there on;
 * a lone carriage return ends a row. Lines worked out by hand. */
static void test_fast_path(void) {
    expect_error("crlf_blank",
                 "time,open,high,low,close\r\n\r\n1,1,2,0.5,1\r\n   \r\n2,1,2,0.5,1,9\r\n", NULL,
                 NULL, ":5: expected 5 fields, found 6");
    expect_error("quote_later",
                 "time,open,high,low,close\n1,1,2,0.5,1\n\n2,1,\"2\",0.5,1\n3,1,2,0.5\n", NULL, NULL,
                 ":5: expected 5 fields, found 4");
    expect_error("quoted_newline",
                 "time,open,high,low,close\n1,1,2,0.5,1\n2,1,\"2\n\",0.5,1\n3,1,2,0.5,x\n", NULL,
                 NULL, ":3: high: \"2\n\" is not a number");
    expect_error("lone_cr", "time,open,high,low,close\r1,1,2,0.5,1\r2,1,2,0.5,oops\r", NULL, NULL,
                 ":3: close: \"oops\" is not a number");
    Bars b;
    int rc = load_text("fast_prices.csv",
                       "time,open,high,low,close\n1,+1.5,2.25,-0.125,.5\n2,1.00001,2,0.5,1e0\n",
                       NULL, NULL, &b);
    check(rc == 0 && b.n == 2 && b.open[0] == 1.5 && b.low[0] == -0.125 && b.close[0] == 0.5 &&
              b.open[1] == 1.00001 && b.close[1] == 1 && b.price_decimals == 5,
          "fast_path_prices", "rc %d n %zu decimals %d", rc, b.n, b.price_decimals);
    if (rc == 0) bars_free(&b);
}

int main(void) {
    snprintf(dir, sizeof dir, "/tmp/pine_test_csv_XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 2;
    }
    test_tradingview();
    test_delimiters();
    test_other_layouts();
    test_zones();
    test_errors();
    test_na_fields();
    test_sort();
    test_lenient();
    test_adjusted();
    test_select();
    test_write();
    test_large();
    test_fast_path();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    printf("%s\n", failures ? "some tests FAILED" : "all passed");
    return failures != 0;
}
