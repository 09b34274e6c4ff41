/* The strategy engine: TradingView's broker emulator. It runs beside the VM through VmHooks
 * (orders placed at a bar's close are filled from the next bar's open along the intrabar path),
 * keeps the position, the trade list and the equity curve, and writes the Strategy Tester's
 * outputs (broker_report.c). The fill rules and their sources are in docs/strategy.md. */
#ifndef PINE_BROKER_H
#define PINE_BROKER_H

#include <stdint.h>
#include <stdio.h>

#include "data/bars.h"
#include "builtins/builtins.h"
#include "vm/program.h"
#include "vm/vm.h"

typedef struct Broker Broker;

/* What the symbol is: the parts of syminfo the broker needs. Zero/NULL fields take defaults. */
typedef struct BrokerSymbol {
    double pointvalue;    /* 0: 1 */
    double qty_step;      /* sizes from cash/percent_of_equity are rounded down to it; 0: none */
    const char *currency; /* NULL: "USD" */
} BrokerSymbol;

/* A broker configured from the strategy() arguments of [p] (checked by the compiler) and the
 * symbol's properties [sym] (may be NULL). */
Broker *broker_new(const Program *p, const BrokerSymbol *sym);
void broker_free(Broker *b);
/* The hooks that attach [b] to a VM (VmOptions.hooks); they must outlive the VM's run. */
VmHooks broker_hooks(Broker *b);

/* ---- orders, called by the strategy.* built-ins (builtins/strategy.c) ---- */

typedef enum OrderKind { ORD_ENTRY, ORD_ORDER, ORD_EXIT, ORD_CLOSE, ORD_CLOSE_ALL } OrderKind;
enum { OCA_NONE, OCA_CANCEL, OCA_REDUCE };

/* One call of strategy.entry/order/exit/close/close_all, with na numbers as NaN and absent
 * strings as NULL. The broker copies what it keeps. */
typedef struct OrderSpec {
    OrderKind kind;
    const char *id;
    int dir; /* entry/order: +1 long (buy), -1 short (sell) */
    double qty, qty_percent;
    double limit, stop;
    double profit, loss, trail_price, trail_points, trail_offset; /* exit; ticks or price */
    const char *from_entry;
    const char *oca_name;
    int oca_type;
    const char *comment, *comment_profit, *comment_loss, *comment_trailing;
    int immediately; /* close/close_all */
} OrderSpec;

/* Places (or modifies: same id and kind) an order. Returns NULL, or a message for a runtime
 * error. */
const char *broker_order(Broker *b, Vm *vm, const OrderSpec *o);
void broker_cancel(Broker *b, const char *id);
void broker_cancel_all(Broker *b);

typedef enum RiskRule {
    RISK_ALLOW_ENTRY_IN,
    RISK_MAX_POSITION_SIZE,
    RISK_MAX_DRAWDOWN,
    RISK_MAX_INTRADAY_LOSS,
    RISK_MAX_CONS_LOSS_DAYS,
    RISK_MAX_INTRADAY_FILLED_ORDERS
} RiskRule;
/* [dir] for allow_entry_in (0 all, +1 long, -1 short); [percent] when [value] is a percent of
 * equity (max_drawdown, max_intraday_loss). */
void broker_risk(Broker *b, RiskRule rule, double value, int percent, int dir);

/* ---- state, read by the strategy.* variables ---- */

typedef enum BrokerStat {
    ST_POSITION_SIZE,
    ST_POSITION_AVG_PRICE,
    ST_EQUITY,
    ST_NETPROFIT,
    ST_OPENPROFIT,
    ST_GROSSPROFIT,
    ST_GROSSLOSS,
    ST_INITIAL_CAPITAL,
    ST_CLOSEDTRADES,
    ST_OPENTRADES,
    ST_WINTRADES,
    ST_LOSSTRADES,
    ST_EVENTRADES,
    ST_MAX_DRAWDOWN,
    ST_MAX_RUNUP,
    ST_MAX_CONTRACTS_ALL,
    ST_MAX_CONTRACTS_LONG,
    ST_MAX_CONTRACTS_SHORT,
    ST_AVG_TRADE,
    ST_AVG_WIN,
    ST_AVG_LOSS,
    ST_NETPROFIT_PCT,
    ST_OPENPROFIT_PCT,
    ST_GROSSPROFIT_PCT,
    ST_GROSSLOSS_PCT,
    ST_MAX_DRAWDOWN_PCT,
    ST_MAX_RUNUP_PCT,
    ST_AVG_TRADE_PCT,
    ST_AVG_WIN_PCT,
    ST_AVG_LOSS_PCT
} BrokerStat;
double broker_stat(const Broker *b, BrokerStat s);
const char *broker_position_entry_name(const Broker *b); /* "" when flat */
const char *broker_currency(const Broker *b);
/* The default quantity of an entry filled at [price] (strategy.default_entry_qty). */
double broker_default_qty(const Broker *b, double price);

/* One trade (closed, or still open). Times are UNIX ms of the fill bars. */
typedef struct Trade {
    char *entry_id, *entry_comment, *exit_id, *exit_comment;
    int dir;    /* +1 long, -1 short */
    double qty; /* contracts, > 0 */
    double entry_price, exit_price;
    int64_t entry_bar, exit_bar, entry_time, exit_time;
    double commission;      /* entry and exit */
    double profit;          /* net of commission; for an open trade, at the last close */
    double runup, drawdown; /* money, both >= 0 */
    double hi, lo;          /* extremes of price seen while open */
    long seq;               /* entry order, for FIFO */
    char **used_exits;      /* strategy.exit ids that already filled against this trade */
    int nused;
} Trade;

typedef enum TradeField {
    TF_ENTRY_PRICE,
    TF_EXIT_PRICE,
    TF_ENTRY_TIME,
    TF_EXIT_TIME,
    TF_ENTRY_BAR,
    TF_EXIT_BAR,
    TF_SIZE,
    TF_PROFIT,
    TF_PROFIT_PCT,
    TF_COMMISSION,
    TF_MAX_RUNUP,
    TF_MAX_RUNUP_PCT,
    TF_MAX_DRAWDOWN,
    TF_MAX_DRAWDOWN_PCT
} TradeField;
/* Trade [i] of the closed ([open] = 0) or open list, or NULL when out of range. */
const Trade *broker_trade(const Broker *b, int open, int i);
/* A number about a trade; NaN when [t] is NULL. Sizes are signed (negative for short). */
double broker_trade_value(const Broker *b, const Trade *t, TradeField f);

/* ---- results (broker_report.c) ---- */

/* Where rendered times are shown: an IANA zone, or NULL for the data's own offsets. */
typedef struct ReportOptions {
    const char *timezone;
    const char *title; /* the strategy's title */
} ReportOptions;

/* TradingView's "List of trades" export. Returns 0, or -1 on a write error. */
int broker_write_trades(const Broker *b, const Bars *bars, const ReportOptions *o, FILE *f);
/* Markers: time,price,action,label,tooltip, an entry and an exit row per trade. */
int broker_write_markers(const Broker *b, const Bars *bars, const ReportOptions *o, FILE *f);
/* A Pine v5 indicator drawing the trades as labels on TradingView. */
int broker_write_markers_pine(const Broker *b, const Bars *bars, const ReportOptions *o, FILE *f);
/* Bar by bar: time,equity,drawdown,position_size,position_avg_price. */
int broker_write_equity(const Broker *b, const Bars *bars, const ReportOptions *o, FILE *f);
/* The Performance Summary: an aligned table ([json] = 0) or JSON. */
int broker_write_summary(const Broker *b, const Bars *bars, const ReportOptions *o, int json,
                         FILE *f);

#endif
