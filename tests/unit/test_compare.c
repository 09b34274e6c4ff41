/* Unit tests for compare.c: title pairing, tolerances and na, time forms, the reference table
 * reader, column statistics and trade lists. Expected values are worked out by hand (UNIX times
 * with `date -u -d ... +%s`). */
#include "data/compare.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check.h"



static char tmpdir[64];

static const char *write_file(const char *name, const char *text) {
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    fputs(text, f);
    fclose(f);
    return path;
}

static void test_titles(void) {
    check(cmp_same_title("Fast SMA", "fast_sma"), "title_case_and_underscore", "no match");
    check(cmp_same_title("ta.sma(close, 3)", "ta.sma(close,3)"), "title_spaces", "no match");
    check(!cmp_same_title("RSI", "RSI 2"), "title_different", "matched");
    check(!cmp_same_title("RSI", ""), "title_empty", "matched");
}

static void test_values(void) {
    CmpTol t = {1e-9, 1e-9};
    check(cmp_values_match(NAN, NAN, &t), "na_matches_na", "no");
    check(!cmp_values_match(NAN, 0, &t) && !cmp_values_match(0, NAN, &t), "na_vs_number",
          "matched");
    check(cmp_values_match(1, 1 + 5e-10, &t), "abs_tol", "1 vs 1+5e-10");
    /* 1e6 vs 1e6 + 1e-4: difference 1e-4 <= 1e-9 * 1e6 = 1e-3 */
    check(cmp_values_match(1e6, 1e6 + 1e-4, &t), "rel_tol", "1e6 vs 1e6+1e-4");
    check(!cmp_values_match(1e6, 1e6 + 0.01, &t), "rel_tol_exceeded", "matched");
    CmpTol zero = {0, 0};
    check(!cmp_values_match(0.1 + 0.2, 0.3, &zero), "zero_tol_exact", "0.1+0.2 matched 0.3");
    double v;
    check(cmp_parse_value("", &v) == 0 && isnan(v), "empty_is_na", "got %g", v);
    check(cmp_parse_value("NaN", &v) == 0 && isnan(v), "NaN_is_na", "got %g", v);
    check(cmp_parse_value("true", &v) == 0 && v == 1, "true_is_1", "got %g", v);
    check(cmp_parse_value("-1.5e3", &v) == 0 && v == -1500, "number", "got %g", v);
    check(cmp_parse_value("abc", &v) != 0, "not_a_number", "accepted");
}

static void test_times(void) {
    CmpTime t = {0};
    /* 2023-01-01T00:00:00Z = 1672531200 */
    check(cmp_parse_time("1672531200", &t) == 0 && t.t == 1672531200000LL && !t.naive,
          "unix_seconds", "t=%lld", (long long)t.t);
    check(cmp_parse_time("1672531200000", &t) == 0 && t.t == 1672531200000LL, "unix_ms", "t=%lld",
          (long long)t.t);
    check(cmp_parse_time("1672531200.0", &t) == 0 && t.t == 1672531200000LL, "unix_float", "t=%lld",
          (long long)t.t);
    check(cmp_parse_time("2023-01-01T00:00:00Z", &t) == 0 && t.t == 1672531200000LL && !t.naive,
          "iso_z", "t=%lld", (long long)t.t);
    /* 2022-01-03T19:00:00-05:00 = 2022-01-04T00:00:00Z = 1641254400 */
    check(cmp_parse_time("2022-01-03T19:00:00-0500", &t) == 0 && t.t == 1641254400000LL &&
              t.offset_min == -300,
          "iso_offset_no_colon", "t=%lld off=%d", (long long)t.t, t.offset_min);
    check(cmp_parse_time("2023-01-01 00:00:00", &t) == 0 && t.naive && t.t == 1672531200000LL,
          "naive", "t=%lld naive=%d", (long long)t.t, t.naive);
    check(cmp_parse_time("yesterday", &t) != 0, "not_a_time", "accepted");
    CmpTime a = {0}, b = {0};
    cmp_parse_time("2022-01-03 19:00:00", &a);
    cmp_parse_time("2022-01-03T19:00:00-05:00", &b);
    check(cmp_same_time(&a, &b) && cmp_same_time(&b, &a), "naive_is_wall_clock", "differ");
    cmp_parse_time("2022-01-04T00:00:00Z", &a);
    check(cmp_same_time(&a, &b), "same_instant", "differ");
}

static void test_table(void) {
    const char *p = write_file("t.csv", "\xEF\xBB\xBFtime;\"a;b\";c\r\n1672531200;1,5;\r\n"
                                        "\r\n1672534800;2;x\r\n");
    CmpTable t;
    int rc = cmp_table_load(p, &t);
    check(rc == 0 && t.ncols == 3 && t.nrows == 2, "table_shape", "rc=%d cols=%d rows=%zu", rc,
          t.ncols, t.nrows);
    if (rc) return;
    check(!strcmp(t.names[1], "a;b"), "table_quoted_header", "got %s", t.names[1]);
    check(!strcmp(cmp_cell(&t, 0, 1), "1,5") && !strcmp(cmp_cell(&t, 0, 2), ""), "table_cells",
          "got %s|%s", cmp_cell(&t, 0, 1), cmp_cell(&t, 0, 2));
    check(t.lines[1] == 4, "table_line_numbers", "got %ld", t.lines[1]);
    int tc, cc;
    check(cmp_time_columns(&t, &tc, &cc) == 0 && tc == 0 && cc == -1, "table_time_column",
          "tc=%d cc=%d", tc, cc);
    check(cmp_table_column(&t, "A;B") == 1 && cmp_table_column(&t, "zz") == -1,
          "table_column_by_title", "wrong");
    cmp_table_free(&t);

    /* backtrader's Date and Time columns */
    p = write_file("bt.csv", "Date,Time,Open,High,Low,Close\n2023-01-01,01:00:00,1,1,1,1\n");
    rc = cmp_table_load(p, &t);
    CmpTime when = {0};
    check(rc == 0 && cmp_time_columns(&t, &tc, &cc) == 0 && tc == 0 && cc == 1 &&
              cmp_row_time(&t, 0, tc, cc, &when) == 0 && when.t == 1672534800000LL && when.naive,
          "date_and_time_columns", "tc=%d cc=%d", tc, cc);
    cmp_table_free(&t);

    p = write_file("bad.csv", "a,b\n1,2,3\n");
    check(cmp_table_load(p, &t) != 0, "table_extra_field", "accepted");
}

static void test_column(void) {
    CmpTol tol = {1e-9, 1e-9};
    CmpColumn c;
    cmp_column_init(&c, "x", "x");
    double e[] = {NAN, 1, 2, 3, 4};
    double g[] = {NAN, 1, 2.5, 3, 1};
    for (int i = 0; i < 5; i++)
        cmp_column_add(&c, i, e[i], g[i], &tol);
    /* bar 2 differs by 0.5, bar 4 by -3: first is 2, largest is 4 */
    check(c.compared == 5 && c.differing == 2, "column_counts", "compared %zu differing %zu",
          c.compared, c.differing);
    check(c.first_bar == 2 && c.first_expected == 2 && c.first_got == 2.5, "column_first",
          "bar %ld", c.first_bar);
    check(c.worst_bar == 4 && c.worst_got == 1, "column_largest", "bar %ld", c.worst_bar);
    cmp_column_init(&c, "y", "y");
    cmp_column_add(&c, 0, NAN, 5, &tol);
    check(c.differing == 1 && c.first_bar == 0 && c.worst_bar == -1, "column_na_difference",
          "differing %zu worst %ld", c.differing, c.worst_bar);
}

static void test_trades(void) {
    const char *tv = write_file(
        "tv.csv",
        "Trade #,Type,Date/Time,Signal,Price USD,Position size (qty),Net P&L USD,Net P&L %\n"
        "2,Exit short,2022-01-14T14:00:00-0500,Open,1.14097,1,-0.01,-0.48\n"
        "2,Entry short,2022-01-09T18:00:00-0500,RsiSE,1.13554,1,-0.01,-0.48\n"
        "1,Exit long,2022-01-09T18:00:00-0500,RsiSE,1.13554,1,0.01,0.47\n"
        "1,Entry long,2022-01-03T19:00:00-0500,RsiLE,1.13018,1,0.01,0.47\n");
    CmpTrades r;
    int rc = cmp_trades_load(tv, &r);
    check(rc == 0 && r.n == 2, "tv_trades_count", "rc=%d n=%zu", rc, r.n);
    if (rc) return;
    check(r.v[0].number == 1 && r.v[0].dir == 1 && r.v[0].has_exit &&
              r.v[0].exit_price == 1.13554 && !strcmp(r.v[0].entry_signal, "RsiLE") &&
              !strcmp(r.v[0].exit_signal, "RsiSE"),
          "tv_trade_1", "number %ld dir %d", r.v[0].number, r.v[0].dir);
    check(r.v[1].dir == -1 && !r.v[1].has_exit && r.v[1].pnl == -0.01, "tv_open_trade",
          "dir %d has_exit %d", r.v[1].dir, r.v[1].has_exit);

    /* pnl 0.00536 is within the 0.005 displayed rounding of 0.01; the open trade stays open */
    const char *bt = write_file(
        "bt_trades.csv", "ref,dtopen,priceopen,dtclose,priceclose,size,pnlcomm\n"
                         "1,2022-01-03 19:00:00,1.13018,2022-01-09 18:00:00,1.13554,1,0.00536\n"
                         "2,2022-01-09 18:00:00,1.13554,,,-1,-0.00543\n");
    CmpTrades g;
    rc = cmp_trades_load(bt, &g);
    check(rc == 0 && g.n == 2 && g.v[1].dir == -1 && g.v[1].qty == 1 && !g.v[1].has_exit,
          "bt_trades", "rc=%d n=%zu", rc, g.n);
    if (rc) {
        cmp_trades_free(&r);
        return;
    }
    FILE *null = fopen("/dev/null", "w");
    CmpTol tol = {1e-9, 1e-9};
    check(cmp_trades_compare(&r, &g, &tol, null) == 0, "trades_match", "differ");
    g.v[0].entry_price = 1.1302; /* 2e-5 off, beyond 0.000005 (half of the 5th decimal) */
    check(cmp_trades_compare(&r, &g, &tol, null) == 1, "trades_entry_price_differs", "no");
    g.v[0].entry_price = 1.13018;
    g.v[0].pnl = 0.016; /* 0.006 from 0.01: beyond the displayed rounding */
    check(cmp_trades_compare(&r, &g, &tol, null) == 1, "trades_pnl_differs", "no");
    g.v[0].pnl = 0.00536;
    g.n = 1;
    check(cmp_trades_compare(&r, &g, &tol, null) == 1, "trades_count_differs", "no");
    fclose(null);
    cmp_trades_free(&r);
    cmp_trades_free(&g);
}

int main(void) {
    snprintf(tmpdir, sizeof tmpdir, "/tmp/pine-cmp-XXXXXX");
    if (!mkdtemp(tmpdir)) return 2;
    test_titles();
    test_values();
    test_times();
    test_table();
    test_column();
    test_trades();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) failures++;
    return failures ? 1 : 0;
}
