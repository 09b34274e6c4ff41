/* The broker's internals, shared by broker.c (the engine) and broker_report.c (its outputs). */
#ifndef PINE_BROKER_INT_H
#define PINE_BROKER_INT_H

#include "broker/broker.h"
#include "data/tz.h"

enum { QTY_FIXED, QTY_CASH, QTY_PERCENT };
enum { COMM_PERCENT, COMM_PER_CONTRACT, COMM_PER_ORDER };
enum { LEG_NONE, LEG_PROFIT, LEG_LOSS, LEG_TRAIL };

/* The price grid of a symbol: mintick, its decimals, and for the exact conversion of ticks to
 * prices, scale = 10^decimals and m = mintick × scale when mintick is the double nearest to
 * m / scale (else m = 0 and prices go through text). */
typedef struct TickGrid {
    double mintick, scale, m;
    int decimals;
} TickGrid;

/* Sets up [g] for [mintick] (> 0). */
void broker_tick_grid(TickGrid *g, double mintick);

/* The double nearest to [ticks] × mintick as written with mintick's decimals, so a fill at a
 * level reads back like a price from the data (1.09689, not 1.0968900000000001). */
double broker_from_ticks(const TickGrid *g, double ticks);

/* A pending order. Levels are in ticks (NaN when absent); an exit's levels are worked out from
 * its trades' entry price each time it is looked at. */
typedef struct Order {
    OrderKind kind;
    char *id, *from_entry, *oca_name, *comment, *comment_profit, *comment_loss, *comment_trailing;
    int dir; /* +1 buy, -1 sell */
    double qty, qty_percent;
    double limit, stop, profit, loss, trail_price, trail_points, trail_offset; /* as given */
    double limit_t, stop_t, trail_act;
    int oca_type;
    long seq;
    int64_t placed_bar;
    int market;
    int stop_hit; /* stop-limit: the stop was reached; now a limit order */
    int trail_on; /* the trailing stop is active */
    double trail_best, trail_stop;
    int armed; /* an exit that has had trades to close */
    int leg;   /* which leg of an exit filled (LEG_*) */
    int dead;
} Order;

/* The bar-by-bar record broker_report.c reads. */
typedef struct EquityPoint {
    double equity, drawdown, position, avg_price;
} EquityPoint;

struct Broker {
    /* configuration */
    double initial_capital, qty_value, comm_value, slippage, margin_long, margin_short;
    double pointvalue, qty_step, risk_free_rate;
    int qty_type, comm_type, pyramiding, on_close, fifo;
    char *currency;
    /* the run */
    const Bars *bars;
    TickGrid grid;
    TzZone *zone;
    int64_t bar;
    Order *orders;
    int norders, caporders;
    long next_order_seq, next_trade_seq;
    Trade *open, *closed;
    int nopen, capopen, nclosed, capclosed;
    double netprofit, grossprofit, grossloss;
    int wins, losses, evens;
    double max_contracts, max_contracts_long, max_contracts_short;
    double peak_equity, trough_equity, max_drawdown, max_drawdown_pct, max_runup, max_runup_pct;
    double last_equity;
    EquityPoint *curve;
    size_t ncurve;
    /* risk */
    int allow_dir, halted, day_halted, max_dd_pct, max_intraday_loss_pct;
    double max_pos, max_dd, max_intraday_loss;
    int64_t day;
    double day_start_equity, day_realized;
    int filled_today;
};

#endif
