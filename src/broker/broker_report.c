/* The broker's outputs: TradingView's "List of trades" export, trade markers (as CSV and as a
 * Pine indicator that draws them on TradingView), the bar-by-bar equity and the Strategy
 * Tester's Performance Summary as a table or JSON. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "broker/broker_int.h"
#include "data/numfmt.h"
#include "data/tz.h"

/* ====== formatting ====== */

/* Minus zero prints as 0. */
static const char *num(char *buf, double v) {
    if (v == 0) v = 0;
    fmt_double(buf, v);
    return buf;
}

/* Offset in minutes east of UTC at time [t] of bar [i], in the chart's zone (or the data's own
 * offset when no zone was given). */
static int offset_min(const Bars *b, const ReportOptions *o, size_t i, int64_t t) {
    if (o->timezone) {
        TzZone *z = tz_get(o->timezone);
        if (z) return tz_offset(z, t) / 60;
    }
    return b->utc_offset_min ? b->utc_offset_min[i] : 0;
}

/* "2022-01-03T19:00:00-0500": the List of trades' form. [buf] holds 48 bytes. */
static void fmt_trade_time(char *buf, const Bars *b, const ReportOptions *o, int64_t bar) {
    int64_t t = b->time[bar];
    char iso[40];
    size_t n = (size_t)fmt_time_iso(iso, t, offset_min(b, o, (size_t)bar, t));
    /* fmt_time_iso writes ±HH:MM (or Z); the export has ±HHMM */
    if (n && iso[n - 1] == 'Z') {
        memcpy(buf, iso, n - 1);
        memcpy(buf + n - 1, "+0000", 6);
    } else if (n > 3 && iso[n - 3] == ':') {
        memcpy(buf, iso, n - 3);
        memcpy(buf + n - 3, iso + n - 2, 3);
    } else {
        memcpy(buf, iso, n + 1);
    }
}

/* A bar's time the way the input wrote times: UNIX seconds/ms, or ISO 8601 with the offset. */
static void fmt_input_time(char *buf, const Bars *b, const ReportOptions *o, int64_t bar) {
    int64_t t = b->time[bar];
    switch (b->time_form) {
    case TIME_UNIX_S: snprintf(buf, 48, "%lld", (long long)(t / 1000)); break;
    case TIME_UNIX_MS: snprintf(buf, 48, "%lld", (long long)t); break;
    default: fmt_time_iso(buf, t, offset_min(b, o, (size_t)bar, t)); break;
    }
}

static void csv_field(FILE *f, const char *s) {
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* ====== the list of trades ====== */

/* All trades in list order: closed ones in the order they closed, then the open ones. */
static const Trade *nth(const Broker *B, int k) {
    return k < B->nclosed ? &B->closed[k] : &B->open[k - B->nclosed];
}

static double last_close(const Broker *B) {
    return B->bars && B->ncurve ? B->bars->close[B->ncurve - 1] : NAN;
}

int broker_write_trades(const Broker *B, const Bars *bars, const ReportOptions *o, FILE *f) {
    const char *cur = B->currency;
    fprintf(f,
            "Trade #,Type,Date/Time,Signal,Price %s,Position size (qty),Position size (value),"
            "Net P&L %s,Net P&L %%,Run-up %s,Run-up %%,Drawdown %s,Drawdown %%,"
            "Cumulative P&L %s,Cumulative P&L %%\n",
            cur, cur, cur, cur, cur);
    double cum = 0;
    int total = B->nclosed + B->nopen;
    int64_t last = B->ncurve ? (int64_t)B->ncurve - 1 : 0;
    for (int k = 0; k < total; k++) {
        const Trade *t = nth(B, k);
        int open = k >= B->nclosed;
        double profit = broker_trade_value(B, t, TF_PROFIT);
        double runup = broker_trade_value(B, t, TF_MAX_RUNUP);
        double dd = broker_trade_value(B, t, TF_MAX_DRAWDOWN);
        double basis = t->entry_price * t->qty * B->pointvalue;
        cum += profit;
        const char *side = t->dir > 0 ? "long" : "short";
        char tm[48], a[32], b2[32], c[32], d[32], e[32], g[32], h[32], i[32], j[32], l[32];
        char price[32];
        /* the rest of the row is the same on both lines */
        char rest[512];
        snprintf(rest, sizeof rest, "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s", num(a, t->qty), num(b2, basis),
                 num(c, profit), num(d, profit / basis * 100), num(e, runup),
                 num(g, runup / basis * 100), num(h, -dd), num(i, -dd / basis * 100), num(j, cum),
                 num(l, cum / B->initial_capital * 100));
        fmt_trade_time(tm, bars, o, t->entry_bar);
        fprintf(f, "%d,Entry %s,%s,", k + 1, side, tm);
        csv_field(f, t->entry_comment ? t->entry_comment : t->entry_id ? t->entry_id : "");
        fprintf(f, ",%s,%s\n", num(price, t->entry_price), rest);
        fmt_trade_time(tm, bars, o, open ? last : t->exit_bar);
        fprintf(f, "%d,Exit %s,%s,", k + 1, side, tm);
        csv_field(f, open              ? "Open"
                     : t->exit_comment ? t->exit_comment
                     : t->exit_id      ? t->exit_id
                                       : "");
        fprintf(f, ",%s,%s\n", num(price, open ? last_close(B) : t->exit_price), rest);
    }
    return ferror(f) ? -1 : 0;
}

/* ====== markers ====== */

typedef struct Marker {
    int64_t bar;
    double price;
    int entry, dir, number;
    char tooltip[160];
} Marker;

/* The two markers of trade [k]. */
static void markers_of(const Broker *B, int k, Marker m[2]) {
    const Trade *t = nth(B, k);
    int open = k >= B->nclosed;
    char p[32], s[32];
    m[0] = (Marker){t->entry_bar, t->entry_price, 1, t->dir, k + 1, ""};
    snprintf(m[0].tooltip, sizeof m[0].tooltip, "Trade #%d, Price: %s, Size: %s", k + 1,
             num(p, t->entry_price), num(s, t->qty));
    double profit = broker_trade_value(B, t, TF_PROFIT);
    double roi = broker_trade_value(B, t, TF_PROFIT_PCT);
    m[1] = (Marker){open ? (int64_t)B->ncurve - 1 : t->exit_bar,
                    open ? last_close(B) : t->exit_price,
                    0,
                    t->dir,
                    k + 1,
                    ""};
    snprintf(m[1].tooltip, sizeof m[1].tooltip, "Trade #%d, P&L: %s$%.2f, ROI: %.2f%%", k + 1,
             profit < 0 ? "-" : "", fabs(profit), roi == 0 ? 0 : roi);
}

int broker_write_markers(const Broker *B, const Bars *bars, const ReportOptions *o, FILE *f) {
    fputs("time,price,action,label,tooltip\n", f);
    const char *title = o->title ? o->title : "Strategy";
    for (int k = 0; k < B->nclosed + B->nopen; k++) {
        Marker m[2];
        markers_of(B, k, m);
        for (int e = 0; e < 2; e++) {
            char tm[48], p[32], label[300];
            fmt_input_time(tm, bars, o, m[e].bar);
            int buy = (m[e].dir > 0) == m[e].entry;
            snprintf(label, sizeof label, "%s: %s %s", title, m[e].dir > 0 ? "LONG" : "SHORT",
                     m[e].entry ? "Entry" : "Exit");
            fprintf(f, "%s,%s,%s,", tm, num(p, m[e].price), buy ? "buy" : "sell");
            csv_field(f, label);
            fputc(',', f);
            csv_field(f, m[e].tooltip);
            fputc('\n', f);
        }
    }
    return ferror(f) ? -1 : 0;
}

/* A Pine string literal of [s]. */
static void pine_str(FILE *f, const char *s) {
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') fputc('\\', f);
        if (*s == '\n')
            fputs("\\n", f);
        else
            fputc(*s, f);
    }
    fputc('"', f);
}

int broker_write_markers_pine(const Broker *B, const Bars *bars, const ReportOptions *o, FILE *f) {
    const char *title = o->title ? o->title : "Strategy";
    char head[300];
    snprintf(head, sizeof head, "%s: trades", title);
    fputs("//@version=5\n"
          "// The trades of a local backtest (pine backtest --markers-pine), drawn on the chart:\n"
          "// paste into TradingView's Pine editor and add to a chart of the same symbol.\n"
          "indicator(",
          f);
    pine_str(f, head);
    fputs(", overlay = true, max_labels_count = 500)\n"
          "var times = array.new_int()\n"
          "var prices = array.new_float()\n"
          "var kinds = array.new_int() // +1 long entry, +2 long exit, -1 short entry, -2 short "
          "exit\n"
          "var tips = array.new_string()\n"
          "add(t, p, k, tip) =>\n"
          "    array.push(times, t)\n"
          "    array.push(prices, p)\n"
          "    array.push(kinds, k)\n"
          "    array.push(tips, tip)\n"
          "if barstate.isfirst\n",
          f);
    int n = 0;
    for (int k = 0; k < B->nclosed + B->nopen; k++) {
        Marker m[2];
        markers_of(B, k, m);
        for (int e = 0; e < 2; e++) {
            char p[32];
            fprintf(f, "    add(%lld, %s, %d, ", (long long)bars->time[m[e].bar],
                    num(p, m[e].price), m[e].dir * (m[e].entry ? 1 : 2));
            pine_str(f, m[e].tooltip);
            fputs(")\n", f);
            n++;
        }
    }
    if (!n) fputs("    na\n", f);
    fputs(
        "if barstate.islast and array.size(times) > 0\n"
        "    for i = 0 to array.size(times) - 1\n"
        "        k = array.get(kinds, i)\n"
        "        entry = math.abs(k) == 1\n"
        "        buy = (k > 0) == entry\n"
        "        txt = (k > 0 ? \"LONG\" : \"SHORT\") + (entry ? \" Entry\" : \" Exit\")\n"
        "        label.new(array.get(times, i), array.get(prices, i), txt, xloc = xloc.bar_time,\n"
        "             color = buy ? color.new(color.teal, 0) : color.new(color.red, 0),\n"
        "             style = buy ? label.style_label_up : label.style_label_down,\n"
        "             textcolor = color.white, size = size.small, tooltip = array.get(tips, i))\n",
        f);
    return ferror(f) ? -1 : 0;
}

/* ====== equity ====== */

int broker_write_equity(const Broker *B, const Bars *bars, const ReportOptions *o, FILE *f) {
    fputs("time,equity,drawdown,position_size,position_avg_price\n", f);
    for (size_t i = bars->first; i < B->ncurve; i++) {
        const EquityPoint *p = &B->curve[i];
        char tm[48], a[32], b2[32], c[32], d[32];
        fmt_input_time(tm, bars, o, (int64_t)i);
        fprintf(f, "%s,%s,%s,%s,%s\n", tm, num(a, p->equity), num(b2, p->drawdown),
                num(c, p->position), num(d, p->avg_price));
    }
    return ferror(f) ? -1 : 0;
}

/* ====== the performance summary ====== */

typedef struct Side {
    double net, gross_profit, gross_loss, commission, open_pl, max_contracts;
    int trades, open_trades, wins, losses, evens;
    double largest_win, largest_loss, bars_all, bars_win, bars_loss;
    double pct_sum, win_pct_sum, loss_pct_sum;
} Side;

static void side_of(const Broker *B, int dir, Side *s) {
    memset(s, 0, sizeof *s);
    for (int k = 0; k < B->nclosed; k++) {
        const Trade *t = &B->closed[k];
        if (dir && t->dir != dir) continue;
        double pct = t->profit / (t->entry_price * t->qty * B->pointvalue) * 100;
        double bars = (double)(t->exit_bar - t->entry_bar);
        s->trades++;
        s->net += t->profit;
        s->commission += t->commission;
        s->bars_all += bars;
        s->pct_sum += pct;
        if (t->profit > 0) {
            s->wins++;
            s->gross_profit += t->profit;
            s->bars_win += bars;
            s->win_pct_sum += pct;
            if (t->profit > s->largest_win) s->largest_win = t->profit;
        } else if (t->profit < 0) {
            s->losses++;
            s->gross_loss -= t->profit;
            s->bars_loss += bars;
            s->loss_pct_sum += pct;
            if (-t->profit > s->largest_loss) s->largest_loss = -t->profit;
        } else {
            s->evens++;
        }
    }
    for (int k = 0; k < B->nopen; k++) {
        const Trade *t = &B->open[k];
        if (dir && t->dir != dir) continue;
        s->open_trades++;
        s->open_pl += broker_trade_value(B, t, TF_PROFIT) + t->commission;
        s->commission += t->commission;
    }
    s->max_contracts = dir > 0   ? B->max_contracts_long
                       : dir < 0 ? B->max_contracts_short
                                 : B->max_contracts;
}

/* Monthly returns of the equity curve (daily when it spans less than three months), for the
 * Sharpe and Sortino ratios; the risk-free rate is per year. */
static void ratios(const Broker *B, const Bars *bars, double *sharpe, double *sortino) {
    *sharpe = *sortino = NAN;
    size_t first = bars->first;
    if (B->ncurve < first + 2) return;
    int64_t span = bars->time[B->ncurve - 1] - bars->time[first];
    int monthly = span >= (int64_t)90 * 86400000;
    double *ret = malloc(sizeof *ret * (B->ncurve + 1));
    int n = 0;
    double start = B->initial_capital;
    int64_t key_prev = INT64_MIN, key = 0, day_prev = INT64_MIN;
    TzZone *zone = B->zone ? B->zone : tz_get("UTC");
    for (size_t i = first; i < B->ncurve; i++) {
        /* the period (day or month) changes only with the local day */
        int64_t local = bars->time[i] + (int64_t)tz_offset(zone, bars->time[i]) * 1000;
        int64_t day = local / 86400000 - (local % 86400000 < 0);
        if (day != day_prev) {
            day_prev = day;
            int64_t y;
            int m, d;
            tz_civil_from_days(day, &y, &m, &d);
            key = monthly ? y * 12 + m : day;
        }
        if (key_prev != INT64_MIN && key != key_prev) {
            double end = B->curve[i - 1].equity;
            ret[n++] = (end - start) / start;
            start = end;
        }
        key_prev = key;
    }
    ret[n++] = (B->curve[B->ncurve - 1].equity - start) / start;
    double rfr = B->risk_free_rate / 100 / (monthly ? 12 : 365);
    double mean = 0;
    for (int i = 0; i < n; i++)
        mean += ret[i];
    mean /= n;
    double var = 0, down = 0;
    for (int i = 0; i < n; i++) {
        var += (ret[i] - mean) * (ret[i] - mean);
        double d = fmin(0, ret[i] - rfr);
        down += d * d;
    }
    double sd = sqrt(var / n), dd = sqrt(down / n);
    if (n > 1 && sd > 0) *sharpe = (mean - rfr) / sd;
    if (n > 1 && dd > 0) *sortino = (mean - rfr) / dd;
    free(ret);
}

typedef struct Row {
    const char *key, *label;
    double v[3]; /* all, long, short; NaN prints as empty / null */
    int count;   /* an integer */
} Row;

/* Appends a row with no figures yet (all three empty). */
static Row *add_row(Row *rows, int *nr, const char *key, const char *label) {
    Row *r = &rows[(*nr)++];
    r->key = key;
    r->label = label;
    r->count = 0;
    r->v[0] = r->v[1] = r->v[2] = NAN;
    return r;
}

int broker_write_summary(const Broker *B, const Bars *bars, const ReportOptions *o, int json,
                         FILE *f) {
    Side s[3];
    side_of(B, 0, &s[0]);
    side_of(B, 1, &s[1]);
    side_of(B, -1, &s[2]);
    double ic = B->initial_capital;
    double sharpe, sortino;
    ratios(B, bars, &sharpe, &sortino);
    double bh = NAN;
    if (B->ncurve > bars->first)
        bh = ic * (bars->close[B->ncurve - 1] / bars->open[bars->first] - 1);
    Row rows[40];
    int nr = 0;
/* A figure per side, [expr] computed from the side's totals x; an All-only figure; a count. */
#define ROW3(k, l, expr)                                                                           \
    do {                                                                                           \
        Row *r = add_row(rows, &nr, k, l);                                                         \
        for (int q = 0; q < 3; q++) {                                                              \
            const Side *x = &s[q];                                                                 \
            (void)x;                                                                               \
            r->v[q] = (expr);                                                                      \
        }                                                                                          \
    } while (0)
#define ROW1(k, l, val) (add_row(rows, &nr, k, l)->v[0] = (val))
#define COUNT3(k, l, expr)                                                                         \
    do {                                                                                           \
        ROW3(k, l, expr);                                                                          \
        rows[nr - 1].count = 1;                                                                    \
    } while (0)
    ROW3("net_profit", "Net Profit", x->net);
    ROW3("net_profit_percent", "Net Profit %", x->net / ic * 100);
    ROW3("gross_profit", "Gross Profit", x->gross_profit);
    ROW3("gross_profit_percent", "Gross Profit %", x->gross_profit / ic * 100);
    ROW3("gross_loss", "Gross Loss", x->gross_loss);
    ROW3("gross_loss_percent", "Gross Loss %", x->gross_loss / ic * 100);
    ROW1("max_drawdown", "Max Drawdown", B->max_drawdown);
    ROW1("max_drawdown_percent", "Max Drawdown %", B->max_drawdown_pct);
    ROW1("max_runup", "Max Run-up", B->max_runup);
    ROW1("max_runup_percent", "Max Run-up %", B->max_runup_pct);
    ROW1("buy_hold_return", "Buy & Hold Return", bh);
    ROW1("buy_hold_return_percent", "Buy & Hold Return %", bh / ic * 100);
    ROW1("sharpe_ratio", "Sharpe Ratio", sharpe);
    ROW1("sortino_ratio", "Sortino Ratio", sortino);
    ROW3("profit_factor", "Profit Factor",
         x->gross_loss > 0 ? x->gross_profit / x->gross_loss : NAN);
    ROW3("max_contracts_held", "Max Contracts Held", x->max_contracts);
    ROW3("open_pl", "Open P&L", x->open_pl);
    ROW3("commission_paid", "Commission Paid", x->commission);
    COUNT3("total_closed_trades", "Total Closed Trades", x->trades);
    COUNT3("total_open_trades", "Total Open Trades", x->open_trades);
    COUNT3("winning_trades", "Number Winning Trades", x->wins);
    COUNT3("losing_trades", "Number Losing Trades", x->losses);
    COUNT3("even_trades", "Number Even Trades", x->evens);
    ROW3("percent_profitable", "Percent Profitable", x->trades ? 100.0 * x->wins / x->trades : NAN);
    ROW3("avg_trade", "Avg Trade", x->trades ? x->net / x->trades : NAN);
    ROW3("avg_trade_percent", "Avg Trade %", x->trades ? x->pct_sum / x->trades : NAN);
    ROW3("avg_winning_trade", "Avg Winning Trade", x->wins ? x->gross_profit / x->wins : NAN);
    ROW3("avg_winning_trade_percent", "Avg Winning Trade %",
         x->wins ? x->win_pct_sum / x->wins : NAN);
    ROW3("avg_losing_trade", "Avg Losing Trade", x->losses ? x->gross_loss / x->losses : NAN);
    ROW3("avg_losing_trade_percent", "Avg Losing Trade %",
         x->losses ? -x->loss_pct_sum / x->losses : NAN);
    ROW3("ratio_avg_win_avg_loss", "Ratio Avg Win / Avg Loss",
         x->wins && x->losses && x->gross_loss > 0
             ? (x->gross_profit / x->wins) / (x->gross_loss / x->losses)
             : NAN);
    ROW3("largest_winning_trade", "Largest Winning Trade", x->wins ? x->largest_win : NAN);
    ROW3("largest_losing_trade", "Largest Losing Trade", x->losses ? x->largest_loss : NAN);
    ROW3("avg_bars_in_trades", "Avg # Bars in Trades", x->trades ? x->bars_all / x->trades : NAN);
    ROW3("avg_bars_in_winning_trades", "Avg # Bars in Winning Trades",
         x->wins ? x->bars_win / x->wins : NAN);
    ROW3("avg_bars_in_losing_trades", "Avg # Bars in Losing Trades",
         x->losses ? x->bars_loss / x->losses : NAN);
#undef ROW3
#undef ROW1
#undef COUNT3
    const char *title = o->title ? o->title : "Strategy";
    if (json) {
        fputs("{\n  \"strategy\": ", f);
        fputc('"', f);
        for (const char *c = title; *c; c++) {
            if (*c == '"' || *c == '\\') fputc('\\', f);
            fputc(*c, f);
        }
        fprintf(f, "\",\n  \"currency\": \"%s\",\n  \"initial_capital\": ", B->currency);
        char b1[32];
        fputs(num(b1, ic), f);
        static const char *sides[] = {"all", "long", "short"};
        for (int q = 0; q < 3; q++) {
            fprintf(f, ",\n  \"%s\": {", sides[q]);
            int first = 1;
            for (int r = 0; r < nr; r++) {
                if (q && isnan(rows[r].v[q]) && isnan(rows[r].v[1]) && isnan(rows[r].v[2]) &&
                    !isnan(rows[r].v[0]))
                    continue; /* an All-only figure */
                fprintf(f, "%s\n    \"%s\": ", first ? "" : ",", rows[r].key);
                first = 0;
                double v = rows[r].v[q];
                if (isnan(v) || isinf(v))
                    fputs("null", f);
                else
                    fputs(num(b1, v), f);
            }
            fputs("\n  }", f);
        }
        fputs("\n}\n", f);
        return ferror(f) ? -1 : 0;
    }
    fprintf(f, "%s: Performance Summary (%s)\n\n", title, B->currency);
    int w0 = 0;
    for (int r = 0; r < nr; r++)
        if ((int)strlen(rows[r].label) > w0) w0 = (int)strlen(rows[r].label);
    fprintf(f, "%-*s  %16s  %16s  %16s\n", w0, "", "All", "Long", "Short");
    for (int r = 0; r < nr; r++) {
        fprintf(f, "%-*s", w0, rows[r].label);
        for (int q = 0; q < 3; q++) {
            double v = rows[r].v[q];
            char cell[48];
            if (isnan(v))
                cell[0] = 0;
            else if (isinf(v))
                snprintf(cell, sizeof cell, "%s", v > 0 ? "inf" : "-inf");
            else if (rows[r].count)
                snprintf(cell, sizeof cell, "%.0f", v);
            else if (fabs(v) >= 1e-2 || v == 0)
                snprintf(cell, sizeof cell, "%.2f", v);
            else
                snprintf(cell, sizeof cell, "%.3g", v);
            fprintf(f, "  %16s", cell);
        }
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}
