/* The strategy library: strategy.entry/order/exit/close/cancel, strategy.risk.*, the position
 * and performance variables and the closedtrades/opentrades accessors, all over the broker
 * (broker.c) that `pine backtest` and `pine run` attach to the VM. Directions, sizing types,
 * commission types and OCA types are string constants ("long", "percent_of_equity"...). */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "data/bars.h"
#include "broker/broker.h"
#include "builtins/builtins.h"
#include "builtins/io.h"

/* ====== helpers ====== */

static Broker *broker(PCall *c) {
    Broker *b = vm_userdata(c->vm);
    if (!b) vm_error(c, "strategy functions and variables need a strategy() script");
    return b;
}

static const char *str_arg(PCall *c, int k) {
    PStr *s = c->args[k].p;
    return s ? s->data : NULL;
}

/* The errors about argument values, raised when the script runs and, for constant arguments,
 * by the compiler through the checks before the tables. */
#define BAD_DIRECTION "the direction must be strategy.long or strategy.short, not \"%s\""
#define BAD_OCA "oca_type must be one of strategy.oca.none, .cancel or .reduce, not \"%s\""
#define BAD_RISK_TYPE "the type must be strategy.percent_of_equity or strategy.cash"
#define NO_MARKERS_PATH "strategy.export_markers: the path must not be empty"

/* 1 long, -1 short, 0 anything else */
static int direction_of(const char *d) {
    return d && !strcmp(d, "long") ? 1 : d && !strcmp(d, "short") ? -1 : 0;
}

static int dir_arg(PCall *c, int k) {
    const char *d = str_arg(c, k);
    int dir = direction_of(d);
    if (!dir) vm_error(c, BAD_DIRECTION, d ? d : "na");
    return dir;
}

/* An OcaType, or -1 for an unknown one. */
static int oca_of(const char *t) {
    if (!t || !strcmp(t, "none")) return OCA_NONE;
    if (!strcmp(t, "cancel")) return OCA_CANCEL;
    if (!strcmp(t, "reduce")) return OCA_REDUCE;
    return -1;
}

static int oca_arg(PCall *c, int k) {
    const char *t = str_arg(c, k);
    int oca = oca_of(t);
    if (oca < 0) vm_error(c, BAD_OCA, t);
    return oca;
}

static int when_arg(PCall *c, int k) {
    return c->args[k].i != 0 && c->args[k].i != PINE_NA_INT;
}

static void place(PCall *c, const OrderSpec *o) {
    const char *err = broker_order(broker(c), c->vm, o);
    if (err) vm_error(c, "%s", err);
}

/* ====== orders ====== */

/* strategy.entry and strategy.order share their parameters. */
static void entry_like(PCall *c, OrderKind kind) {
    if (!when_arg(c, 10)) return;
    OrderSpec o = {.kind = kind,
                   .id = str_arg(c, 0),
                   .dir = dir_arg(c, 1),
                   .qty = c->args[2].f,
                   .qty_percent = NAN,
                   .limit = c->args[3].f,
                   .stop = c->args[4].f,
                   .profit = NAN,
                   .loss = NAN,
                   .trail_price = NAN,
                   .trail_points = NAN,
                   .trail_offset = NAN,
                   .oca_name = str_arg(c, 5),
                   .oca_type = oca_arg(c, 6),
                   .comment = str_arg(c, 7)};
    place(c, &o);
}

static void s_entry(PCall *c) {
    entry_like(c, ORD_ENTRY);
}
static void s_order(PCall *c) {
    entry_like(c, ORD_ORDER);
}

static void s_exit(PCall *c) {
    if (!when_arg(c, 21)) return;
    OrderSpec o = {.kind = ORD_EXIT,
                   .id = str_arg(c, 0),
                   .from_entry = str_arg(c, 1),
                   .qty = c->args[2].f,
                   .qty_percent = c->args[3].f,
                   .profit = c->args[4].f,
                   .limit = c->args[5].f,
                   .loss = c->args[6].f,
                   .stop = c->args[7].f,
                   .trail_price = c->args[8].f,
                   .trail_points = c->args[9].f,
                   .trail_offset = c->args[10].f,
                   .oca_name = str_arg(c, 11),
                   .oca_type = OCA_NONE,
                   .comment = str_arg(c, 12),
                   .comment_profit = str_arg(c, 13),
                   .comment_loss = str_arg(c, 14),
                   .comment_trailing = str_arg(c, 15)};
    place(c, &o);
}

/* An order of [kind] with no price levels (a market close). */
static OrderSpec market_close(int kind, double qty, double qty_percent) {
    OrderSpec o = {.kind = kind,
                   .qty = qty,
                   .qty_percent = qty_percent,
                   .limit = NAN,
                   .stop = NAN,
                   .profit = NAN,
                   .loss = NAN,
                   .trail_price = NAN,
                   .trail_points = NAN,
                   .trail_offset = NAN};
    return o;
}

static void s_close(PCall *c) {
    if (!when_arg(c, 7)) return;
    OrderSpec o = market_close(ORD_CLOSE, c->args[2].f, c->args[3].f);
    o.id = str_arg(c, 0);
    o.comment = str_arg(c, 1);
    o.immediately = c->args[5].i == 1;
    place(c, &o);
}

static void s_close_all(PCall *c) {
    if (!when_arg(c, 4)) return;
    OrderSpec o = market_close(ORD_CLOSE_ALL, NAN, NAN);
    o.comment = str_arg(c, 0);
    o.immediately = c->args[2].i == 1;
    place(c, &o);
}

static void s_cancel(PCall *c) {
    if (!when_arg(c, 1)) return;
    const char *id = str_arg(c, 0);
    if (id) broker_cancel(broker(c), id);
}

static void s_cancel_all(PCall *c) {
    if (!when_arg(c, 0)) return;
    broker_cancel_all(broker(c));
}

/* ====== risk ====== */

static void r_allow_entry_in(PCall *c) {
    broker_risk(broker(c), RISK_ALLOW_ENTRY_IN, 0, 0, direction_of(str_arg(c, 0)));
}

static void r_max_position_size(PCall *c) {
    double v = c->args[0].f;
    if (!(v > 0)) {
        char value[32], msg[256];
        snprintf(value, sizeof value, "%g", v);
        builtin_range_message(msg, sizeof msg, "strategy.risk.max_position_size", "contracts",
                              value, "> 0");
        vm_error(c, "%s", msg);
    }
    broker_risk(broker(c), RISK_MAX_POSITION_SIZE, v, 0, 0);
}

/* 1 percent_of_equity, 0 cash, -1 anything else */
static int percent_of(const char *t) {
    return t && !strcmp(t, "percent_of_equity") ? 1 : t && !strcmp(t, "cash") ? 0 : -1;
}

static int percent_type(PCall *c, int k) {
    int pct = percent_of(str_arg(c, k));
    if (pct < 0) vm_error(c, BAD_RISK_TYPE);
    return pct;
}

static void r_max_drawdown(PCall *c) {
    broker_risk(broker(c), RISK_MAX_DRAWDOWN, c->args[0].f, percent_type(c, 1), 0);
}

static void r_max_intraday_loss(PCall *c) {
    broker_risk(broker(c), RISK_MAX_INTRADAY_LOSS, c->args[0].f, percent_type(c, 1), 0);
}

/* ====== variables ====== */

#define STAT(fn, st)                                                                               \
    static void fn(PCall *c) {                                                                     \
        c->out[0].f = broker_stat(broker(c), st);                                                  \
    }
#define STATI(fn, st)                                                                              \
    static void fn(PCall *c) {                                                                     \
        c->out[0].i = (int64_t)broker_stat(broker(c), st);                                         \
    }

STAT(v_position_size, ST_POSITION_SIZE)
STAT(v_position_avg_price, ST_POSITION_AVG_PRICE)
STAT(v_equity, ST_EQUITY)
STAT(v_netprofit, ST_NETPROFIT)
STAT(v_netprofit_pct, ST_NETPROFIT_PCT)
STAT(v_openprofit, ST_OPENPROFIT)
STAT(v_openprofit_pct, ST_OPENPROFIT_PCT)
STAT(v_grossprofit, ST_GROSSPROFIT)
STAT(v_grossprofit_pct, ST_GROSSPROFIT_PCT)
STAT(v_grossloss, ST_GROSSLOSS)
STAT(v_grossloss_pct, ST_GROSSLOSS_PCT)
STAT(v_initial_capital, ST_INITIAL_CAPITAL)
STATI(v_closedtrades, ST_CLOSEDTRADES)
STATI(v_opentrades, ST_OPENTRADES)
STATI(v_wintrades, ST_WINTRADES)
STATI(v_losstrades, ST_LOSSTRADES)
STATI(v_eventrades, ST_EVENTRADES)
STAT(v_max_drawdown, ST_MAX_DRAWDOWN)
STAT(v_max_drawdown_pct, ST_MAX_DRAWDOWN_PCT)
STAT(v_max_runup, ST_MAX_RUNUP)
STAT(v_max_runup_pct, ST_MAX_RUNUP_PCT)
STAT(v_max_contracts_all, ST_MAX_CONTRACTS_ALL)
STAT(v_max_contracts_long, ST_MAX_CONTRACTS_LONG)
STAT(v_max_contracts_short, ST_MAX_CONTRACTS_SHORT)
STAT(v_avg_trade, ST_AVG_TRADE)
STAT(v_avg_trade_pct, ST_AVG_TRADE_PCT)
STAT(v_avg_win, ST_AVG_WIN)
STAT(v_avg_win_pct, ST_AVG_WIN_PCT)
STAT(v_avg_loss, ST_AVG_LOSS)
STAT(v_avg_loss_pct, ST_AVG_LOSS_PCT)

static void v_position_entry_name(PCall *c) {
    const char *s = broker_position_entry_name(broker(c));
    c->out[0].p = vm_str_new(c->vm, s, strlen(s));
}

static void v_account_currency(PCall *c) {
    const char *s = broker_currency(broker(c));
    c->out[0].p = vm_str_new(c->vm, s, strlen(s));
}

static void f_default_entry_qty(PCall *c) {
    c->out[0].f = broker_default_qty(broker(c), c->args[0].f);
}

static void f_convert(PCall *c) {
    (void)broker(c);
    c->out[0].f = c->args[0].f;
}

/* ====== trade accessors ====== */

static const Trade *trade_arg(PCall *c, int open) {
    int64_t i = c->args[0].i;
    if (i == PINE_NA_INT) return NULL;
    return broker_trade(broker(c), open, (int)i);
}

#define TFLOAT(fn, open, field)                                                                    \
    static void fn(PCall *c) {                                                                     \
        c->out[0].f = broker_trade_value(broker(c), trade_arg(c, open), field);                    \
    }
#define TINT(fn, open, field)                                                                      \
    static void fn(PCall *c) {                                                                     \
        double v = broker_trade_value(broker(c), trade_arg(c, open), field);                       \
        c->out[0].i = isnan(v) ? PINE_NA_INT : (int64_t)v;                                         \
    }
#define TSTR(fn, open, member)                                                                     \
    static void fn(PCall *c) {                                                                     \
        const Trade *t = trade_arg(c, open);                                                       \
        const char *s = t ? t->member : NULL;                                                      \
        c->out[0].p = s ? vm_str_new(c->vm, s, strlen(s)) : NULL;                                  \
    }

TFLOAT(ct_entry_price, 0, TF_ENTRY_PRICE)
TFLOAT(ct_exit_price, 0, TF_EXIT_PRICE)
TINT(ct_entry_time, 0, TF_ENTRY_TIME)
TINT(ct_exit_time, 0, TF_EXIT_TIME)
TINT(ct_entry_bar, 0, TF_ENTRY_BAR)
TINT(ct_exit_bar, 0, TF_EXIT_BAR)
TFLOAT(ct_size, 0, TF_SIZE)
TFLOAT(ct_profit, 0, TF_PROFIT)
TFLOAT(ct_profit_pct, 0, TF_PROFIT_PCT)
TFLOAT(ct_commission, 0, TF_COMMISSION)
TFLOAT(ct_max_runup, 0, TF_MAX_RUNUP)
TFLOAT(ct_max_runup_pct, 0, TF_MAX_RUNUP_PCT)
TFLOAT(ct_max_drawdown, 0, TF_MAX_DRAWDOWN)
TFLOAT(ct_max_drawdown_pct, 0, TF_MAX_DRAWDOWN_PCT)
TSTR(ct_entry_id, 0, entry_id)
TSTR(ct_exit_id, 0, exit_id)
TSTR(ct_entry_comment, 0, entry_comment)
TSTR(ct_exit_comment, 0, exit_comment)
TFLOAT(ot_entry_price, 1, TF_ENTRY_PRICE)
TINT(ot_entry_time, 1, TF_ENTRY_TIME)
TINT(ot_entry_bar, 1, TF_ENTRY_BAR)
TFLOAT(ot_size, 1, TF_SIZE)
TFLOAT(ot_profit, 1, TF_PROFIT)
TFLOAT(ot_profit_pct, 1, TF_PROFIT_PCT)
TFLOAT(ot_commission, 1, TF_COMMISSION)
TFLOAT(ot_max_runup, 1, TF_MAX_RUNUP)
TFLOAT(ot_max_runup_pct, 1, TF_MAX_RUNUP_PCT)
TFLOAT(ot_max_drawdown, 1, TF_MAX_DRAWDOWN)
TFLOAT(ot_max_drawdown_pct, 1, TF_MAX_DRAWDOWN_PCT)
TSTR(ot_entry_id, 1, entry_id)
TSTR(ot_entry_comment, 1, entry_comment)

static void ct_first_index(PCall *c) {
    (void)broker(c);
    c->out[0].i = 0;
}

/* ====== strategy.export_markers ====== */

/* The markers file of `pine backtest --markers`, written after the last bar. */
typedef struct MarkersState {
    int registered, line, col;
    char path[PATH_MAX], shown[256];
} MarkersState;

static void markers_write(Vm *vm, void *ud) {
    MarkersState *st = ud;
    PCall c = {.vm = vm, .line = st->line, .col = st->col};
    Broker *b = vm_userdata(vm);
    ReportOptions ro = {vm_timezone(vm), vm_program(vm)->title};
    FILE *f = io_open(st->path, 1);
    int e = f ? 0 : errno;
    int w = !f || broker_write_markers(b, vm_bars(vm), &ro, f) != 0;
    if (f) w |= fclose(f) != 0;
    if (w)
        vm_error(&c, "strategy.export_markers: cannot write \"%s\": %s", st->shown,
                 e ? strerror(e) : "write error");
}

static void f_export_markers(PCall *c) {
    MarkersState *st = c->state;
    (void)broker(c);
    if (st->registered) return;
    const char *path = str_arg(c, 0);
    if (!path || !*path) vm_error(c, NO_MARKERS_PATH);
    /* confined like io.*: inside the script's folder or --output-dir, links followed */
    char err[PATH_MAX + 256];
    if (io_confine(c->vm, "strategy.export_markers", path, 1, st->path, err, sizeof err))
        vm_error(c, "%s", err);
    snprintf(st->shown, sizeof st->shown, "%s", path);
    st->line = c->line;
    st->col = c->col;
    st->registered = 1;
    vm_on_finish(c->vm, markers_write, st);
}

/* ====== compile-time checks ====== */

/* strategy.entry and strategy.order: direction (1) and oca_type (6) */
static const char *check_entry(int param, const char *s, char *msg, size_t n) {
    if (param == 1 && !direction_of(s))
        snprintf(msg, n, BAD_DIRECTION, s ? s : "na");
    else if (param == 6 && oca_of(s) < 0)
        snprintf(msg, n, BAD_OCA, s);
    else
        return NULL;
    return msg;
}

static const char *check_risk_type(int param, const char *s, char *msg, size_t n) {
    if (param != 1 || percent_of(s) >= 0) return NULL;
    snprintf(msg, n, BAD_RISK_TYPE);
    return msg;
}

static const char *check_export_markers(int param, const char *s, char *msg, size_t n) {
    if (s && *s) return NULL;
    snprintf(msg, n, NO_MARKERS_PATH);
    return msg;
}

/* ====== the tables ====== */

#define ENTRY_PARAMS                                                                               \
    "(series string id, series string direction, series float qty = na, "                          \
    "series float limit = na, series float stop = na, series string oca_name = na, "               \
    "series string oca_type = strategy.oca.none, series string comment = na, "                     \
    "series string alert_message = na, series bool disable_alert = false, "                        \
    "series bool when = true) -> void"

#define CT(name, ret, fn)                                                                          \
    { "strategy.closedtrades." name "(series int trade_num) -> " ret, fn, 0, 0, 0 }
#define OT(name, ret, fn)                                                                          \
    { "strategy.opentrades." name "(series int trade_num) -> " ret, fn, 0, 0, 0 }
#define ROW_VAR(name, ret, fn)                                                                     \
    { "strategy." name " -> " ret, fn, 0, BF_VAR, 0 }

const BuiltinDef strategy_builtins[] = {
    {"strategy.entry" ENTRY_PARAMS, s_entry, 0, BF_SIDE, 0, .check = check_entry},
    {"strategy.order" ENTRY_PARAMS, s_order, 0, BF_SIDE, 0, .check = check_entry},
    {"strategy.exit(series string id, series string from_entry = \"\", series float qty = na, "
     "series float qty_percent = na, series float profit = na, series float limit = na, "
     "series float loss = na, series float stop = na, series float trail_price = na, "
     "series float trail_points = na, series float trail_offset = na, "
     "series string oca_name = na, series string comment = na, "
     "series string comment_profit = na, series string comment_loss = na, "
     "series string comment_trailing = na, series string alert_message = na, "
     "series string alert_profit = na, series string alert_loss = na, "
     "series string alert_trailing = na, series bool disable_alert = false, "
     "series bool when = true) -> void",
     s_exit, 0, BF_SIDE, 0},
    {"strategy.close(series string id, series string comment = na, series float qty = na, "
     "series float qty_percent = na, series string alert_message = na, "
     "series bool immediately = false, series bool disable_alert = false, "
     "series bool when = true) -> void",
     s_close, 0, BF_SIDE, 0},
    {"strategy.close_all(series string comment = na, series string alert_message = na, "
     "series bool immediately = false, series bool disable_alert = false, "
     "series bool when = true) -> void",
     s_close_all, 0, BF_SIDE, 0},
    {"strategy.cancel(series string id, series bool when = true) -> void", s_cancel, 0, BF_SIDE, 0},
    {"strategy.cancel_all(series bool when = true) -> void", s_cancel_all, 0, BF_SIDE, 0},
    {"strategy.risk.allow_entry_in(simple string value) -> void", r_allow_entry_in, 0, BF_SIDE, 0},
    {"strategy.risk.max_position_size(simple float contracts > 0) -> void", r_max_position_size, 0,
     BF_SIDE, 0},
    {"strategy.risk.max_drawdown(simple float value, simple string type, "
     "simple string alert_message = na) -> void",
     r_max_drawdown, 0, BF_SIDE, 0, .check = check_risk_type},
    {"strategy.risk.max_intraday_loss(simple float value, simple string type, "
     "simple string alert_message = na) -> void",
     r_max_intraday_loss, 0, BF_SIDE, 0, .check = check_risk_type},
    {"strategy.risk.max_cons_loss_days(simple int count, simple string alert_message = na) "
     "-> void",
     NULL, 0, BF_SIDE | BF_MISSING, 0},
    {"strategy.risk.max_intraday_filled_orders(simple int count, "
     "simple string alert_message = na) -> void",
     NULL, 0, BF_SIDE | BF_MISSING, 0},
    {"strategy.export_markers(simple string path = \"markers.csv\") -> void", f_export_markers,
     sizeof(MarkersState), BF_SIDE | BF_TOPLEVEL, 0, .check = check_export_markers},
    {"strategy.default_entry_qty(series float fill_price) -> series float", f_default_entry_qty, 0,
     0, 0},
    {"strategy.convert_to_account(series float value) -> series float", f_convert, 0, 0, 0},
    {"strategy.convert_to_symbol(series float value) -> series float", f_convert, 0, 0, 0},
    ROW_VAR("position_size", "series float", v_position_size),
    ROW_VAR("position_avg_price", "series float", v_position_avg_price),
    ROW_VAR("position_entry_name", "series string", v_position_entry_name),
    ROW_VAR("equity", "series float", v_equity),
    ROW_VAR("netprofit", "series float", v_netprofit),
    ROW_VAR("netprofit_percent", "series float", v_netprofit_pct),
    ROW_VAR("openprofit", "series float", v_openprofit),
    ROW_VAR("openprofit_percent", "series float", v_openprofit_pct),
    ROW_VAR("grossprofit", "series float", v_grossprofit),
    ROW_VAR("grossprofit_percent", "series float", v_grossprofit_pct),
    ROW_VAR("grossloss", "series float", v_grossloss),
    ROW_VAR("grossloss_percent", "series float", v_grossloss_pct),
    ROW_VAR("initial_capital", "series float", v_initial_capital),
    ROW_VAR("closedtrades", "series int", v_closedtrades),
    ROW_VAR("opentrades", "series int", v_opentrades),
    ROW_VAR("wintrades", "series int", v_wintrades),
    ROW_VAR("losstrades", "series int", v_losstrades),
    ROW_VAR("eventrades", "series int", v_eventrades),
    ROW_VAR("max_drawdown", "series float", v_max_drawdown),
    ROW_VAR("max_drawdown_percent", "series float", v_max_drawdown_pct),
    ROW_VAR("max_runup", "series float", v_max_runup),
    ROW_VAR("max_runup_percent", "series float", v_max_runup_pct),
    ROW_VAR("max_contracts_held_all", "series float", v_max_contracts_all),
    ROW_VAR("max_contracts_held_long", "series float", v_max_contracts_long),
    ROW_VAR("max_contracts_held_short", "series float", v_max_contracts_short),
    ROW_VAR("avg_trade", "series float", v_avg_trade),
    ROW_VAR("avg_trade_percent", "series float", v_avg_trade_pct),
    ROW_VAR("avg_winning_trade", "series float", v_avg_win),
    ROW_VAR("avg_winning_trade_percent", "series float", v_avg_win_pct),
    ROW_VAR("avg_losing_trade", "series float", v_avg_loss),
    ROW_VAR("avg_losing_trade_percent", "series float", v_avg_loss_pct),
    ROW_VAR("account_currency", "simple string", v_account_currency),
    ROW_VAR("closedtrades.first_index", "series int", ct_first_index),
    CT("entry_price", "series float", ct_entry_price),
    CT("exit_price", "series float", ct_exit_price),
    CT("entry_time", "series int", ct_entry_time),
    CT("exit_time", "series int", ct_exit_time),
    CT("entry_bar_index", "series int", ct_entry_bar),
    CT("exit_bar_index", "series int", ct_exit_bar),
    CT("size", "series float", ct_size),
    CT("profit", "series float", ct_profit),
    CT("profit_percent", "series float", ct_profit_pct),
    CT("commission", "series float", ct_commission),
    CT("max_runup", "series float", ct_max_runup),
    CT("max_runup_percent", "series float", ct_max_runup_pct),
    CT("max_drawdown", "series float", ct_max_drawdown),
    CT("max_drawdown_percent", "series float", ct_max_drawdown_pct),
    CT("entry_id", "series string", ct_entry_id),
    CT("exit_id", "series string", ct_exit_id),
    CT("entry_comment", "series string", ct_entry_comment),
    CT("exit_comment", "series string", ct_exit_comment),
    OT("entry_price", "series float", ot_entry_price),
    OT("entry_time", "series int", ot_entry_time),
    OT("entry_bar_index", "series int", ot_entry_bar),
    OT("size", "series float", ot_size),
    OT("profit", "series float", ot_profit),
    OT("profit_percent", "series float", ot_profit_pct),
    OT("commission", "series float", ot_commission),
    OT("max_runup", "series float", ot_max_runup),
    OT("max_runup_percent", "series float", ot_max_runup_pct),
    OT("max_drawdown", "series float", ot_max_drawdown),
    OT("max_drawdown_percent", "series float", ot_max_drawdown_pct),
    OT("entry_id", "series string", ot_entry_id),
    OT("entry_comment", "series string", ot_entry_comment),
    {0, 0, 0, 0, 0},
};

#define CS(n, v)                                                                                   \
    { n, "const string", {.p = 0}, v }

const ConstDef strategy_consts[] = {
    CS("strategy.long", "long"),
    CS("strategy.short", "short"),
    CS("strategy.direction.all", "all"),
    CS("strategy.direction.long", "long"),
    CS("strategy.direction.short", "short"),
    CS("strategy.fixed", "fixed"),
    CS("strategy.cash", "cash"),
    CS("strategy.percent_of_equity", "percent_of_equity"),
    CS("strategy.commission.percent", "percent"),
    CS("strategy.commission.cash_per_contract", "cash_per_contract"),
    CS("strategy.commission.cash_per_order", "cash_per_order"),
    CS("strategy.oca.none", "none"),
    CS("strategy.oca.cancel", "cancel"),
    CS("strategy.oca.reduce", "reduce"),
    /* the Reference Manual's currency.* codes (strategy(currency = ...)) */
    CS("currency.AED", "AED"),
    CS("currency.ARS", "ARS"),
    CS("currency.AUD", "AUD"),
    CS("currency.BDT", "BDT"),
    CS("currency.BHD", "BHD"),
    CS("currency.BRL", "BRL"),
    CS("currency.BTC", "BTC"),
    CS("currency.CAD", "CAD"),
    CS("currency.CHF", "CHF"),
    CS("currency.CLP", "CLP"),
    CS("currency.CNY", "CNY"),
    CS("currency.COP", "COP"),
    CS("currency.CZK", "CZK"),
    CS("currency.DKK", "DKK"),
    CS("currency.EGP", "EGP"),
    CS("currency.ETH", "ETH"),
    CS("currency.EUR", "EUR"),
    CS("currency.GBP", "GBP"),
    CS("currency.HKD", "HKD"),
    CS("currency.HUF", "HUF"),
    CS("currency.IDR", "IDR"),
    CS("currency.ILS", "ILS"),
    CS("currency.INR", "INR"),
    CS("currency.ISK", "ISK"),
    CS("currency.JPY", "JPY"),
    CS("currency.KES", "KES"),
    CS("currency.KRW", "KRW"),
    CS("currency.KWD", "KWD"),
    CS("currency.LKR", "LKR"),
    CS("currency.MAD", "MAD"),
    CS("currency.MXN", "MXN"),
    CS("currency.MYR", "MYR"),
    CS("currency.NGN", "NGN"),
    CS("currency.NOK", "NOK"),
    CS("currency.NONE", "NONE"),
    CS("currency.NZD", "NZD"),
    CS("currency.PEN", "PEN"),
    CS("currency.PHP", "PHP"),
    CS("currency.PKR", "PKR"),
    CS("currency.PLN", "PLN"),
    CS("currency.QAR", "QAR"),
    CS("currency.RON", "RON"),
    CS("currency.RSD", "RSD"),
    CS("currency.RUB", "RUB"),
    CS("currency.SAR", "SAR"),
    CS("currency.SEK", "SEK"),
    CS("currency.SGD", "SGD"),
    CS("currency.THB", "THB"),
    CS("currency.TND", "TND"),
    CS("currency.TRY", "TRY"),
    CS("currency.TWD", "TWD"),
    CS("currency.USD", "USD"),
    CS("currency.USDT", "USDT"),
    CS("currency.VES", "VES"),
    CS("currency.VND", "VND"),
    CS("currency.ZAR", "ZAR"),
    {0, 0, {0}, 0},
};
