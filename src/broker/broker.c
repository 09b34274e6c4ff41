/* The broker emulator: pending orders, fills along each bar's assumed intrabar path, the
 * position as a list of open trades, closed trades, and the per-bar equity record. Every rule
 * here is written down with its source in docs/strategy.md. */
#include "broker/broker.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "broker/broker_int.h"
#include "data/tz.h"

/* ====== small helpers ====== */

static char *dupz(const char *s) {
    return s ? strdup(s) : NULL;
}
static int streq(const char *a, const char *b) {
    return a && b && !strcmp(a, b);
}

/* A price as a whole number of ticks. Prices on the tick grid come back exact; a level off the
 * grid goes to the nearest tick, so comparisons are between integers and a level can never
 * drift past the price it came from (1.09689 stays 109689 ticks). */
static double to_ticks(const Broker *B, double price) {
    return round(price / B->grid.mintick);
}

void broker_tick_grid(TickGrid *g, double mintick) {
    g->mintick = mintick;
    g->decimals = 0;
    for (double m = mintick; g->decimals < 12 && fabs(m - round(m)) > 1e-9; m *= 10)
        g->decimals++;
    g->scale = 1;
    for (int i = 0; i < g->decimals; i++)
        g->scale *= 10;
    g->m = nearbyint(mintick * g->scale);
    if (!(g->m >= 1 && g->m <= 0x1p50 && g->m / g->scale == mintick)) g->m = 0;
}

/* The text path prints ticks × mintick rounded to the decimals and reads it back. When
 * n = ticks × m is an integer of at most 2^50, that text is n itself with the point moved:
 * ticks × mintick is within |n| × 3·2^-53 < 3/8 of a last decimal from n / scale (mintick is
 * the nearest double to m / scale, and the product is rounded once). Then strtod returns the
 * double nearest to n / scale, and so does n / scale in IEEE arithmetic, both operands being
 * exact. tests/unit/test_ticks.c compares the two bit for bit. */
double broker_from_ticks(const TickGrid *g, double ticks) {
    double n = ticks * g->m;
    if (g->m != 0 && fabs(n) <= 0x1p50 && n == (double)(int64_t)n) return n / g->scale;
    char buf[64];
    snprintf(buf, sizeof buf, "%.*f", g->decimals, ticks * g->mintick);
    return strtod(buf, NULL);
}

static double from_ticks(const Broker *B, double ticks) {
    return broker_from_ticks(&B->grid, ticks);
}

static double pos_size(const Broker *B) {
    double s = 0;
    for (int i = 0; i < B->nopen; i++)
        s += B->open[i].dir * B->open[i].qty;
    return s;
}

static void trade_free(Trade *t) {
    free(t->entry_id);
    free(t->entry_comment);
    free(t->exit_id);
    free(t->exit_comment);
    for (int i = 0; i < t->nused; i++)
        free(t->used_exits[i]);
    free(t->used_exits);
}

static void order_free(Order *o) {
    free(o->id);
    free(o->from_entry);
    free(o->oca_name);
    free(o->comment);
    free(o->comment_profit);
    free(o->comment_loss);
    free(o->comment_trailing);
}

static void remove_order(Broker *B, int k) {
    order_free(&B->orders[k]);
    memmove(&B->orders[k], &B->orders[k + 1], sizeof *B->orders * (size_t)(B->norders - k - 1));
    B->norders--;
}

/* ====== configuration ====== */

static const DeclArg *decl(const Program *p, const char *name) {
    for (int i = 0; i < p->ndecl_args; i++)
        if (!strcmp(p->decl_args[i].name, name)) return &p->decl_args[i];
    return NULL;
}

static double decl_num(const Program *p, const char *name, double def) {
    const DeclArg *a = decl(p, name);
    if (!a || a->type == T_STRING || a->type == T_NA) return def;
    return a->value.f;
}

static const char *decl_str(const Program *p, const char *name, const char *def) {
    const DeclArg *a = decl(p, name);
    return a && a->type == T_STRING && a->svalue ? a->svalue : def;
}

/* Reads the strategy() arguments; the compiler has checked their types and ranges
 * (compile_decl.c), so every value here is one TradingView accepts. */
static void configure(Broker *B, const Program *p) {
    B->initial_capital = decl_num(p, "initial_capital", 1000000);
    const char *qt = decl_str(p, "default_qty_type", "fixed");
    B->qty_type = !strcmp(qt, "cash")                ? QTY_CASH
                  : !strcmp(qt, "percent_of_equity") ? QTY_PERCENT
                                                     : QTY_FIXED;
    B->qty_value = decl_num(p, "default_qty_value", 1);
    double pyr = decl_num(p, "pyramiding", 0);
    B->pyramiding = pyr < 1 ? 1 : (int)pyr;
    const char *ct = decl_str(p, "commission_type", "percent");
    B->comm_type = !strcmp(ct, "cash_per_contract") ? COMM_PER_CONTRACT
                   : !strcmp(ct, "cash_per_order")  ? COMM_PER_ORDER
                                                    : COMM_PERCENT;
    B->comm_value = decl_num(p, "commission_value", 0);
    B->slippage = decl_num(p, "slippage", 0);
    B->on_close = decl_num(p, "process_orders_on_close", 0) != 0;
    B->fifo = strcmp(decl_str(p, "close_entries_rule", "FIFO"), "ANY") != 0;
    B->margin_long = decl_num(p, "margin_long", 100);
    B->margin_short = decl_num(p, "margin_short", 100);
    B->risk_free_rate = decl_num(p, "risk_free_rate", 2);
    const char *unsupported[] = {"calc_on_every_tick", "calc_on_order_fills", "use_bar_magnifier",
                                 0};
    for (int i = 0; unsupported[i]; i++)
        if (decl_num(p, unsupported[i], 0) != 0)
            fprintf(stderr,
                    "pine: notice: strategy(%s = true) has no effect on historical bars here; "
                    "orders fill as on TradingView without it\n",
                    unsupported[i]);
}

Broker *broker_new(const Program *p, const BrokerSymbol *sym) {
    Broker *B = calloc(1, sizeof *B);
    configure(B, p);
    B->pointvalue = sym && sym->pointvalue > 0 ? sym->pointvalue : 1;
    B->qty_step = sym && sym->qty_step > 0 ? sym->qty_step : 0;
    B->currency = strdup(sym && sym->currency ? sym->currency : decl_str(p, "currency", "USD"));
    if (!strcmp(B->currency, "NONE")) {
        free(B->currency);
        B->currency = strdup("USD");
    }
    B->allow_dir = 0;
    B->max_pos = NAN;
    B->max_dd = NAN;
    B->max_intraday_loss = NAN;
    B->peak_equity = B->initial_capital;
    B->trough_equity = B->initial_capital;
    B->day = INT64_MIN;
    return B;
}

void broker_free(Broker *B) {
    if (!B) return;
    for (int i = 0; i < B->norders; i++)
        order_free(&B->orders[i]);
    for (int i = 0; i < B->nopen; i++)
        trade_free(&B->open[i]);
    for (int i = 0; i < B->nclosed; i++)
        trade_free(&B->closed[i]);
    free(B->orders);
    free(B->open);
    free(B->closed);
    free(B->curve);
    free(B->currency);
    free(B);
}

/* ====== commission and sizing ====== */

/* Commission of one order of [qty] contracts at [price]. */
static double commission(const Broker *B, double price, double qty) {
    switch (B->comm_type) {
    case COMM_PERCENT: return B->comm_value / 100 * price * qty * B->pointvalue;
    case COMM_PER_CONTRACT: return B->comm_value * qty;
    default: return qty > 0 ? B->comm_value : 0;
    }
}

static double round_qty(const Broker *B, double q) {
    if (B->qty_step > 0) q = floor(q / B->qty_step + 1e-9) * B->qty_step;
    return q > 0 ? q : 0;
}

double broker_default_qty(const Broker *B, double price) {
    double pv = price * B->pointvalue;
    switch (B->qty_type) {
    case QTY_FIXED: return B->qty_value;
    case QTY_CASH: return round_qty(B, B->qty_value / pv);
    default: {
        double money = broker_stat(B, ST_EQUITY) * B->qty_value / 100;
        double q;
        if (B->comm_type == COMM_PERCENT)
            q = money / (pv * (1 + B->comm_value / 100));
        else if (B->comm_type == COMM_PER_CONTRACT)
            q = money / (pv + B->comm_value);
        else
            q = (money - B->comm_value) / pv;
        return round_qty(B, q);
    }
    }
}

/* ====== trades ====== */

static Trade *push_trade(Trade **list, int *n, int *cap) {
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        *list = realloc(*list, sizeof **list * (size_t)*cap);
    }
    Trade *t = &(*list)[(*n)++];
    memset(t, 0, sizeof *t);
    return t;
}

static double trade_profit_at(const Broker *B, const Trade *t, double price) {
    return t->dir * (price - t->entry_price) * t->qty * B->pointvalue;
}

static void open_trade(Broker *B, const Order *o, int dir, double qty, double price, double comm) {
    Trade *t = push_trade(&B->open, &B->nopen, &B->capopen);
    t->entry_id = dupz(o->id);
    t->entry_comment = dupz(o->comment);
    t->dir = dir;
    t->qty = qty;
    t->entry_price = price;
    t->entry_bar = B->bar;
    t->entry_time = B->bars->time[B->bar];
    t->commission = comm;
    t->hi = t->lo = price;
    t->seq = B->next_trade_seq++;
    t->profit = NAN;
}

/* Moves [q] contracts of open trade [k] to the closed list at [price]. [comm] is the exit
 * commission of that part. */
static void close_part(Broker *B, int k, double q, double price, double comm, const char *exit_id,
                       const char *exit_comment) {
    Trade *t = &B->open[k];
    int whole = q >= t->qty - 1e-12;
    Trade *c = push_trade(&B->closed, &B->nclosed, &B->capclosed);
    t = &B->open[k]; /* the push may not move open[], but keep the pattern obvious */
    *c = *t;
    double share = whole ? 1 : q / t->qty;
    c->qty = whole ? t->qty : q;
    c->commission = t->commission * share + comm;
    c->entry_id = dupz(t->entry_id);
    c->entry_comment = dupz(t->entry_comment);
    c->used_exits = NULL;
    c->nused = 0;
    c->exit_id = dupz(exit_id);
    c->exit_comment = dupz(exit_comment);
    c->exit_price = price;
    c->exit_bar = B->bar;
    c->exit_time = B->bars->time[B->bar];
    c->profit = trade_profit_at(B, c, price) - c->commission;
    c->runup = c->dir > 0 ? (c->hi - c->entry_price) * c->qty * B->pointvalue
                          : (c->entry_price - c->lo) * c->qty * B->pointvalue;
    c->drawdown = c->dir > 0 ? (c->entry_price - c->lo) * c->qty * B->pointvalue
                             : (c->hi - c->entry_price) * c->qty * B->pointvalue;
    if (c->runup < 0) c->runup = 0;
    if (c->drawdown < 0) c->drawdown = 0;
    B->netprofit += c->profit;
    if (c->profit > 0)
        B->grossprofit += c->profit, B->wins++;
    else if (c->profit < 0)
        B->grossloss -= c->profit, B->losses++;
    else
        B->evens++;
    B->day_realized += c->profit;
    if (whole) {
        trade_free(t);
        memmove(t, t + 1, sizeof *t * (size_t)(B->nopen - k - 1));
        B->nopen--;
    } else {
        t->commission *= 1 - share;
        t->qty -= q;
    }
}

/* Trades an order for [entry] (NULL: all) closes, in the order they close: FIFO takes the
 * oldest open trades first whatever their id (close_entries_rule = "FIFO"). Fills [idx] and
 * returns how many; [matching] gets the size of the trades that match [entry]. */
static int closing_order(const Broker *B, const char *entry, const char *used_by, int *idx,
                         double *matching) {
    int n = 0;
    *matching = 0;
    for (int i = 0; i < B->nopen; i++) {
        const Trade *t = &B->open[i];
        if (entry && *entry && !streq(t->entry_id, entry)) continue;
        int used = 0;
        for (int u = 0; used_by && u < t->nused; u++)
            used |= streq(t->used_exits[u], used_by);
        if (used) continue;
        *matching += t->qty;
        if (!B->fifo) idx[n++] = i;
    }
    if (B->fifo && *matching > 0)
        for (int i = 0; i < B->nopen; i++)
            idx[n++] = i;
    return n;
}

/* Closes [q] contracts from the trades in [idx] (indices into open[] in closing order) at
 * [price]; returns the contracts closed. [comm_total] is shared by quantity. */
static double close_qty(Broker *B, int *idx, int n, double q, double price, double comm_total,
                        double order_qty, const char *exit_id, const char *exit_comment,
                        const char *mark_used) {
    double done = 0;
    /* indices shift as whole trades leave open[]; walk by sequence numbers instead */
    long *seqs = malloc(sizeof *seqs * (size_t)(n + 1));
    for (int i = 0; i < n; i++)
        seqs[i] = B->open[idx[i]].seq;
    for (int i = 0; i < n && q - done > 1e-12; i++) {
        int k = -1;
        for (int j = 0; j < B->nopen; j++)
            if (B->open[j].seq == seqs[i]) k = j;
        if (k < 0) continue;
        double part = fmin(B->open[k].qty, q - done);
        int whole = part >= B->open[k].qty - 1e-12;
        close_part(B, k, part, price, order_qty > 0 ? comm_total * part / order_qty : 0, exit_id,
                   exit_comment);
        if (!whole && mark_used) {
            Trade *t = &B->open[k];
            t->used_exits = realloc(t->used_exits, sizeof *t->used_exits * (size_t)(t->nused + 1));
            t->used_exits[t->nused++] = strdup(mark_used);
        }
        done += part;
    }
    free(seqs);
    return done;
}

/* ====== filling orders ====== */

static void track_contracts(Broker *B) {
    double s = pos_size(B);
    if (fabs(s) > B->max_contracts) B->max_contracts = fabs(s);
    if (s > B->max_contracts_long) B->max_contracts_long = s;
    if (-s > B->max_contracts_short) B->max_contracts_short = -s;
}

/* The OCA group of a filled order [o] (qty [filled]) cancels or reduces the other orders. */
static void apply_oca(Broker *B, const Order *o, double filled) {
    if (!o->oca_name || !*o->oca_name || o->oca_type == OCA_NONE) return;
    for (int k = B->norders - 1; k >= 0; k--) {
        Order *x = &B->orders[k];
        if (x == o || !streq(x->oca_name, o->oca_name) || x->oca_type != o->oca_type) continue;
        if (o->oca_type == OCA_CANCEL)
            x->dead = 1;
        else if (!isnan(x->qty)) {
            x->qty -= filled;
            if (x->qty <= 1e-12) x->dead = 1;
        }
    }
}

/* Fills order [o] at [price]; returns 1 when something traded. */
static int fill(Broker *B, Order *o, double price) {
    int idx_stack[64];
    int *idx = B->nopen + 1 <= 64 ? idx_stack : malloc(sizeof *idx * (size_t)(B->nopen + 1));
    double traded = 0;
    double pos = pos_size(B);
    switch (o->kind) {
    case ORD_ENTRY: {
        int dir = o->dir;
        double q = o->qty;
        int allowed = B->allow_dir == 0 || B->allow_dir == dir;
        if (B->halted || (B->day_halted && allowed)) allowed = 0;
        if (pos * dir < 0) {
            /* a reversal is one order: close everything, then open the rest */
            double close_q = fabs(pos);
            double open_q = allowed ? q : 0;
            if (allowed && !isnan(B->max_pos) && open_q > B->max_pos) open_q = B->max_pos;
            double comm = commission(B, price, close_q + open_q);
            double m;
            int n = closing_order(B, NULL, NULL, idx, &m);
            close_qty(B, idx, n, close_q, price, comm, close_q + open_q, o->id, o->comment, NULL);
            traded = close_q;
            if (open_q > 0) {
                open_trade(B, o, dir, open_q, price, comm * open_q / (close_q + open_q));
                traded += open_q;
            }
        } else if (allowed) {
            if (pos * dir > 0 && B->nopen >= B->pyramiding) break;
            if (!isnan(B->max_pos) && fabs(pos) + q > B->max_pos) q = B->max_pos - fabs(pos);
            if (q <= 0) break;
            open_trade(B, o, dir, q, price, commission(B, price, q));
            traded = q;
        }
        break;
    }
    case ORD_ORDER: {
        double q = o->qty;
        double m;
        double comm = commission(B, price, q);
        if (pos * o->dir < 0) {
            int n = closing_order(B, NULL, NULL, idx, &m);
            double c =
                close_qty(B, idx, n, fmin(q, fabs(pos)), price, comm, q, o->id, o->comment, NULL);
            traded = c;
            q -= c;
        }
        if (q > 1e-12 && (B->allow_dir == 0 || B->allow_dir == o->dir) && !B->halted) {
            open_trade(B, o, o->dir, q, price, comm * q / o->qty);
            traded += q;
        }
        break;
    }
    case ORD_EXIT:
    case ORD_CLOSE:
    case ORD_CLOSE_ALL: {
        double m;
        const char *entry = o->kind == ORD_CLOSE  ? o->id
                            : o->kind == ORD_EXIT ? o->from_entry
                                                  : NULL;
        int n = closing_order(B, entry, o->kind == ORD_EXIT ? o->id : NULL, idx, &m);
        double q = m;
        if (!isnan(o->qty))
            q = fmin(o->qty, m);
        else if (!isnan(o->qty_percent))
            q = round_qty(B, m * o->qty_percent / 100);
        if (q <= 0) break;
        const char *comment = o->leg == LEG_PROFIT && o->comment_profit    ? o->comment_profit
                              : o->leg == LEG_LOSS && o->comment_loss      ? o->comment_loss
                              : o->leg == LEG_TRAIL && o->comment_trailing ? o->comment_trailing
                                                                           : o->comment;
        char closing[300];
        const char *exit_id = o->id;
        if (o->kind == ORD_CLOSE) {
            /* TradingView names these fills "Close entry(s) order ID" */
            snprintf(closing, sizeof closing, "Close entry(s) order %s", o->id);
            exit_id = closing;
        } else if (o->kind == ORD_CLOSE_ALL) {
            exit_id = "Close position order";
        }
        traded = close_qty(B, idx, n, q, price, commission(B, price, q), q, exit_id, comment,
                           o->kind == ORD_EXIT ? o->id : NULL);
        break;
    }
    }
    if (idx != idx_stack) free(idx);
    if (traded > 0) {
        B->filled_today++;
        track_contracts(B);
        apply_oca(B, o, traded);
    }
    return traded > 0;
}

/* ====== pending orders ====== */

/* Exit levels of [o] for the trades it applies to now. Returns 0 when it applies to none. */
static int exit_levels(Broker *B, Order *o) {
    double m = 0, cost = 0;
    int dir = 0;
    for (int i = 0; i < B->nopen; i++) {
        const Trade *t = &B->open[i];
        if (o->from_entry && *o->from_entry && !streq(t->entry_id, o->from_entry)) continue;
        int used = 0;
        for (int u = 0; u < t->nused; u++)
            used |= streq(t->used_exits[u], o->id);
        if (used) continue;
        m += t->qty;
        cost += t->qty * t->entry_price;
        dir = t->dir;
    }
    if (m <= 0) return 0;
    double entry = to_ticks(B, cost / m);
    o->dir = -dir;
    o->limit_t = !isnan(o->limit)    ? to_ticks(B, o->limit)
                 : !isnan(o->profit) ? entry + dir * round(o->profit)
                                     : NAN;
    o->stop_t = !isnan(o->stop)   ? to_ticks(B, o->stop)
                : !isnan(o->loss) ? entry - dir * round(o->loss)
                                  : NAN;
    if (!o->trail_on)
        o->trail_act = !isnan(o->trail_price)    ? to_ticks(B, o->trail_price)
                       : !isnan(o->trail_points) ? entry + dir * round(o->trail_points)
                                                 : NAN;
    o->armed = 1;
    return 1;
}

/* Whether an order takes part in this instant of the bar; exits refresh their levels. */
static int active(Broker *B, Order *o) {
    if (o->dead) return 0;
    if (o->kind == ORD_EXIT) return exit_levels(B, o);
    if (o->kind == ORD_CLOSE || o->kind == ORD_CLOSE_ALL) {
        double m = 0;
        for (int i = 0; i < B->nopen; i++)
            if (o->kind == ORD_CLOSE_ALL || streq(B->open[i].entry_id, o->id)) m += B->open[i].qty;
        return m > 0;
    }
    return 1;
}

/* The stop level of [o] in ticks right now (its trailing stop once that is on), or NaN. */
static double stop_level(const Order *o) {
    double s = o->stop_t;
    if (o->trail_on) {
        /* the tighter of the two stops wins */
        if (isnan(s))
            s = o->trail_stop;
        else
            s = o->dir < 0 ? fmax(s, o->trail_stop) : fmin(s, o->trail_stop);
    }
    return s;
}

/* The slippage of stop and market fills, against the trader. */
static double slip(const Broker *B, int dir) {
    return dir * B->slippage;
}

/* Price (ticks) at which [o] fills when price stands at [p] (ticks) with nothing crossed: the
 * order is already marketable there (gap, or just armed). NaN when it is not. */
static double fill_at_rest(const Broker *B, Order *o, double p) {
    if (o->market) return p + slip(B, o->dir);
    if (o->kind == ORD_EXIT && !o->trail_on && !isnan(o->trail_act) && !isnan(o->trail_offset) &&
        (o->dir < 0 ? p >= o->trail_act : p <= o->trail_act)) {
        o->trail_on = 1;
        o->trail_best = p;
        o->trail_stop = p + o->dir * round(o->trail_offset);
    }
    double lim = o->limit_t, st = stop_level(o);
    if (o->kind != ORD_EXIT && !isnan(lim) && !isnan(st) && !o->stop_hit) {
        /* stop-limit: the stop must trigger first */
        if (o->dir > 0 ? p >= st : p <= st)
            o->stop_hit = 1;
        else
            return NAN;
    }
    if (!isnan(st) && (o->kind == ORD_EXIT || isnan(lim)) && (o->dir > 0 ? p >= st : p <= st)) {
        o->leg = o->trail_on && st == o->trail_stop ? LEG_TRAIL : LEG_LOSS;
        return p + slip(B, o->dir);
    }
    if (!isnan(lim) && (o->dir > 0 ? p <= lim : p >= lim)) {
        o->leg = LEG_PROFIT;
        return p;
    }
    return NAN;
}

/* Moving from [a] to [b] (ticks), the first level of [o] reached: sets [*at] (where on the way)
 * and returns the fill price, or NaN when none is reached. Trailing stops follow the price. */
static double first_touch(const Broker *B, Order *o, double a, double b, double *at) {
    *at = NAN;
    if (o->market || a == b) return NAN;
    int up = b > a;
    double best = NAN, where = NAN;
    double lim = o->limit_t, st = stop_level(o);
    int stoplimit = o->kind != ORD_EXIT && !isnan(lim) && !isnan(st);
    /* a stop triggers when the price moves through it against the position; a limit when it
     * moves to it in the order's favour */
    if (!isnan(st) && (!stoplimit || !o->stop_hit)) {
        int hit = o->dir > 0 ? (up && st > a && st <= b) : (!up && st < a && st >= b);
        if (hit) {
            where = st;
            o->leg = o->trail_on && st == o->trail_stop ? LEG_TRAIL : LEG_LOSS;
            if (!stoplimit) best = st + slip(B, o->dir);
            /* a stop-limit becomes a limit order at the stop; it fills there when the limit
             * is marketable, else it waits (best stays NaN and the walk marks it) */
            else if (o->dir > 0 ? st <= lim : st >= lim)
                best = st;
        }
    }
    if (!isnan(lim) && (!stoplimit || o->stop_hit)) {
        int hit = o->dir > 0 ? (!up && lim < a && lim >= b) : (up && lim > a && lim <= b);
        if (hit && (isnan(where) || fabs(lim - a) < fabs(where - a))) {
            best = lim;
            where = lim;
            o->leg = LEG_PROFIT;
        }
    }
    if (o->kind == ORD_EXIT && !o->trail_on && !isnan(o->trail_act) && !isnan(o->trail_offset)) {
        int pos_dir = -o->dir; /* the position's direction */
        int hit = pos_dir > 0 ? (up && o->trail_act > a && o->trail_act <= b)
                              : (!up && o->trail_act < a && o->trail_act >= b);
        if (hit && (isnan(where) || fabs(o->trail_act - a) < fabs(where - a))) {
            best = NAN;
            where = o->trail_act;
        }
    }
    *at = where;
    return best;
}

/* ====== the intrabar walk ====== */

static void excursions(Broker *B, double p) {
    if (!B->nopen) return;
    double price = from_ticks(B, p);
    for (int i = 0; i < B->nopen; i++) {
        if (price > B->open[i].hi) B->open[i].hi = price;
        if (price < B->open[i].lo) B->open[i].lo = price;
    }
}

/* Trailing stops follow the best price reached so far, [p] in ticks. */
static void trail_follow(Broker *B, double p) {
    for (int k = 0; k < B->norders; k++) {
        Order *t = &B->orders[k];
        if (!t->trail_on) continue;
        if (t->dir < 0 ? p > t->trail_best : p < t->trail_best) {
            t->trail_best = p;
            t->trail_stop = p + t->dir * round(t->trail_offset);
        }
    }
}

static void sweep_dead(Broker *B) {
    for (int k = B->norders - 1; k >= 0; k--) {
        Order *o = &B->orders[k];
        if (o->dead) remove_order(B, k);
    }
}

/* The price in ticks of a fill: the bar's own price when it is one, else the level. */
static double fill_price(const Broker *B, double ticks, double exact, double exact_ticks) {
    return ticks == exact_ticks ? exact : from_ticks(B, ticks);
}

/* Fills what is marketable at price [p] (ticks; [exact] is the same price as a double from
 * the data when there is one). Market orders only when [markets]. */
static void settle_at(Broker *B, double p, double exact, int markets) {
    for (int pass = 0; pass < 64; pass++) {
        int any = 0;
        for (int k = 0; k < B->norders; k++) {
            Order *o = &B->orders[k];
            if (o->placed_bar >= B->bar) continue;
            if (o->market && !markets) continue;
            if (!active(B, o)) continue;
            double at = fill_at_rest(B, o, p);
            if (isnan(at)) continue;
            o->dead = 1;
            fill(B, o, fill_price(B, at, exact, p));
            any = 1;
        }
        sweep_dead(B);
        if (!any) break;
    }
}

/* Walks from [a] to [b] (ticks), filling orders in the order the price reaches them. */
static void walk(Broker *B, double a, double b, double b_exact) {
    for (int guard = 0; guard < 256; guard++) {
        int best = -1;
        double best_at = NAN, best_px = NAN;
        for (int k = 0; k < B->norders; k++) {
            Order *o = &B->orders[k];
            if (o->placed_bar >= B->bar || !active(B, o)) continue;
            double at = NAN;
            double px = first_touch(B, o, a, b, &at);
            if (isnan(at)) continue;
            if (best < 0 || fabs(at - a) < fabs(best_at - a)) best = k, best_at = at, best_px = px;
        }
        if (best < 0) break;
        excursions(B, best_at);
        Order *o = &B->orders[best];
        if (isnan(best_px)) {
            if (o->kind == ORD_EXIT && !o->trail_on && !isnan(o->trail_act) &&
                best_at == o->trail_act) {
                /* the trailing stop switches on here and follows the price from now on */
                o->trail_on = 1;
                o->trail_best = best_at;
                o->trail_stop = best_at + o->dir * round(o->trail_offset);
            } else if (!o->stop_hit) {
                o->stop_hit = 1; /* a stop-limit whose limit is not marketable yet */
            }
        } else {
            o->dead = 1;
            fill(B, o, fill_price(B, best_px, b_exact, b));
            sweep_dead(B);
            settle_at(B, best_at, from_ticks(B, best_at), 0);
        }
        a = best_at;
        trail_follow(B, a);
    }
    excursions(B, b);
    trail_follow(B, b);
}

/* Whether exit [o] is bound to the open position (trades of its from_entry are open) and every
 * one of those trades has already been through it. */
static int exit_moot(const Broker *B, const Order *o) {
    int matching = 0, unused = 0;
    for (int i = 0; i < B->nopen; i++) {
        const Trade *t = &B->open[i];
        if (o->from_entry && *o->from_entry && !streq(t->entry_id, o->from_entry)) continue;
        matching++;
        int used = 0;
        for (int u = 0; u < t->nused; u++)
            used |= streq(t->used_exits[u], o->id);
        unused += !used;
    }
    return matching > 0 && unused == 0;
}

/* Exits whose trades are all gone (closed by something else) go with them. */
static void drop_orphan_exits(Broker *B) {
    for (int k = B->norders - 1; k >= 0; k--) {
        Order *o = &B->orders[k];
        if (o->kind != ORD_EXIT || !o->armed) continue;
        if (!exit_levels(B, o)) remove_order(B, k);
    }
}

/* ====== risk ====== */

static void close_everything(Broker *B, double price, const char *comment) {
    if (!B->nopen) return;
    Order o = {.kind = ORD_CLOSE_ALL, .qty = NAN, .qty_percent = NAN};
    o.comment = (char *)comment;
    o.id = (char *)comment;
    fill(B, &o, price);
}

static void cancel_entries(Broker *B) {
    for (int k = B->norders - 1; k >= 0; k--)
        if (B->orders[k].kind == ORD_ENTRY || B->orders[k].kind == ORD_ORDER) remove_order(B, k);
}

/* The trading day of bar [i] in the chart's time zone (days since 1970-01-01). */
static int64_t day_of(const Broker *B, size_t i) {
    int64_t t = B->bars->time[i];
    int off = B->zone ? tz_offset(B->zone, t) : 0;
    int64_t local = t / 1000 + off;
    return local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
}

static void risk_checks(Broker *B, double price) {
    double eq = broker_stat(B, ST_EQUITY);
    if (!isnan(B->max_intraday_loss) && !B->day_halted) {
        double limit = B->max_intraday_loss_pct ? B->day_start_equity * B->max_intraday_loss / 100
                                                : B->max_intraday_loss;
        if (B->day_start_equity - eq >= limit) {
            close_everything(B, price, "Close Position (Max intraday loss)");
            cancel_entries(B);
            B->day_halted = 1;
        }
    }
    if (!isnan(B->max_dd) && !B->halted) {
        double dd = B->peak_equity - eq;
        double limit = B->max_dd_pct ? B->peak_equity * B->max_dd / 100 : B->max_dd;
        if (dd >= limit) {
            close_everything(B, price, "Close Position (Max drawdown)");
            cancel_entries(B);
            B->halted = 1;
        }
    }
}

/* ====== the hooks ====== */

static void start_day(Broker *B) {
    int64_t d = day_of(B, (size_t)B->bar);
    if (d != B->day) {
        B->day = d;
        B->day_halted = 0;
        B->filled_today = 0;
        B->day_realized = 0;
        B->day_start_equity = B->bar > 0 ? B->last_equity : B->initial_capital;
    }
}

static void excursion_stats(Broker *B);

static void before_bar(Vm *vm, void *ud) {
    Broker *B = ud;
    if (!B->bars) {
        B->bars = vm_bars(vm);
        broker_tick_grid(&B->grid, vm_mintick(vm));
        B->zone = tz_get(vm_timezone(vm));
        B->curve = calloc(B->bars->n + 1, sizeof *B->curve);
    }
    B->bar = vm_bar_index(vm);
    if ((size_t)B->bar < B->bars->first) return;
    start_day(B);
    if (!B->nopen && !B->norders) return; /* flat with nothing pending: nothing can happen */
    const Bars *bs = B->bars;
    size_t i = (size_t)B->bar;
    double o = bs->open[i], h = bs->high[i], l = bs->low[i], c = bs->close[i];
    double ot = to_ticks(B, o), ht = to_ticks(B, h), lt = to_ticks(B, l), ct = to_ticks(B, c);
    excursions(B, ot);
    settle_at(B, ot, o, 1);
    /* market orders that could not fill at the open (e.g. pyramiding) are gone */
    for (int k = B->norders - 1; k >= 0; k--)
        if (B->orders[k].market && B->orders[k].placed_bar < B->bar) remove_order(B, k);
    int high_first = h - o < o - l;
    if (high_first) {
        walk(B, ot, ht, h);
        walk(B, ht, lt, l);
    } else {
        walk(B, ot, lt, l);
        walk(B, lt, ht, h);
    }
    walk(B, high_first ? lt : ht, ct, c);
    drop_orphan_exits(B);
    excursion_stats(B);
}

/* Measures equities [worst] and [best] against the peak and trough so far (raising the max
 * drawdown and run-up), then lets equity [eq] move the peak and the trough. */
static void excursion_update(Broker *B, double worst, double best, double eq) {
    if (B->peak_equity - worst > B->max_drawdown) {
        B->max_drawdown = B->peak_equity - worst;
        B->max_drawdown_pct = B->max_drawdown / B->peak_equity * 100;
    }
    if (best - B->trough_equity > B->max_runup) {
        B->max_runup = best - B->trough_equity;
        B->max_runup_pct = B->max_runup / B->trough_equity * 100;
    }
    if (eq > B->peak_equity) B->peak_equity = eq;
    if (eq < B->trough_equity) B->trough_equity = eq;
}

/* Max drawdown and max run-up see the bar's worst and best prices (TradingView's are intrabar).
 * Those prices come before the bar's close, so they are measured against the peak and trough
 * of the bars before; then the close may raise the peak or lower the trough. Runs after the
 * bar's fills and before the script, so strategy.max_drawdown includes the current bar. */
static void excursion_stats(Broker *B) {
    const Bars *bs = B->bars;
    size_t i = (size_t)B->bar;
    double worst = B->initial_capital + B->netprofit, best = worst;
    for (int k = 0; k < B->nopen; k++) {
        const Trade *t = &B->open[k];
        double lo = trade_profit_at(B, t, t->dir > 0 ? bs->low[i] : bs->high[i]);
        double hi = trade_profit_at(B, t, t->dir > 0 ? bs->high[i] : bs->low[i]);
        worst += lo;
        best += hi;
    }
    excursion_update(B, worst, best, broker_stat(B, ST_EQUITY));
}

/* The bar's final equity, after orders filled at its close. */
static void record_bar(Broker *B) {
    size_t i = (size_t)B->bar;
    double eq = broker_stat(B, ST_EQUITY);
    B->last_equity = eq;
    excursion_update(B, eq, eq, eq);
    EquityPoint *pt = &B->curve[i];
    pt->equity = eq;
    pt->drawdown = B->peak_equity - eq;
    pt->position = pos_size(B);
    pt->avg_price = broker_stat(B, ST_POSITION_AVG_PRICE);
    B->ncurve = i + 1;
}

static void after_bar(Vm *vm, void *ud) {
    Broker *B = ud;
    (void)vm;
    size_t i = (size_t)B->bar;
    if (i < B->bars->first) return;
    double c = B->bars->close[i];
    if (B->on_close) {
        /* process_orders_on_close: market orders of this bar fill at its close */
        for (int k = 0; k < B->norders; k++)
            if (B->orders[k].market && B->orders[k].placed_bar == B->bar)
                B->orders[k].placed_bar = B->bar - 1;
        double ct = to_ticks(B, c);
        for (int pass = 0; pass < 8; pass++) {
            int any = 0;
            for (int k = 0; k < B->norders; k++) {
                Order *o = &B->orders[k];
                if (!o->market || o->placed_bar >= B->bar || !active(B, o)) continue;
                o->dead = 1;
                fill(B, o, fill_price(B, ct + slip(B, o->dir), c, ct));
                any = 1;
            }
            sweep_dead(B);
            if (!any) break;
        }
        drop_orphan_exits(B);
    }
    risk_checks(B, c);
    record_bar(B);
}

VmHooks broker_hooks(Broker *B) {
    VmHooks h = {before_bar, after_bar, B};
    return h;
}

/* ====== placing orders ====== */

const char *broker_order(Broker *B, Vm *vm, const OrderSpec *s) {
    if (!B->bars) return "the strategy engine is not running";
    if (!s->id && s->kind != ORD_CLOSE_ALL) return "the order id is na";
    /* --warmup bars only prime the script: no order is placed before the first selected bar */
    if ((size_t)B->bar < B->bars->first) return NULL;
    if (!isnan(s->qty) && !(s->qty > 0)) return "the order quantity must be greater than 0";
    if ((s->kind == ORD_ENTRY || s->kind == ORD_ORDER) && (B->halted || B->day_halted)) return NULL;
    double close = B->bars->close[B->bar];
    if (s->kind == ORD_CLOSE || s->kind == ORD_CLOSE_ALL) {
        int any = 0;
        for (int i = 0; i < B->nopen; i++)
            any |= s->kind == ORD_CLOSE_ALL || streq(B->open[i].entry_id, s->id);
        if (!any) return NULL;
    }
    /* every level na (a stop computed from an indicator still warming up): nothing to place */
    if (s->kind == ORD_EXIT && isnan(s->profit) && isnan(s->limit) && isnan(s->loss) &&
        isnan(s->stop) && isnan(s->trail_price) && isnan(s->trail_points))
        return NULL;
    if (s->kind == ORD_EXIT && (!isnan(s->trail_price) || !isnan(s->trail_points)) &&
        isnan(s->trail_offset))
        return "strategy.exit(): a trailing stop needs trail_offset";
    /* the same id and kind modifies the pending order */
    Order *o = NULL;
    for (int k = 0; k < B->norders; k++) {
        Order *x = &B->orders[k];
        int same_kind = x->kind == s->kind || (x->kind == ORD_ENTRY && s->kind == ORD_ORDER) ||
                        (x->kind == ORD_ORDER && s->kind == ORD_ENTRY);
        if (same_kind && (s->kind == ORD_CLOSE_ALL || streq(x->id, s->id))) {
            o = x;
            order_free(o);
            break;
        }
    }
    if (!o) {
        if (B->norders == B->caporders) {
            B->caporders = B->caporders ? B->caporders * 2 : 16;
            B->orders = realloc(B->orders, sizeof *B->orders * (size_t)B->caporders);
        }
        o = &B->orders[B->norders++];
        memset(o, 0, sizeof *o);
        o->seq = B->next_order_seq++;
    } else {
        /* a re-issued exit keeps its trailing stop and its place */
        Order keep = *o;
        memset(o, 0, sizeof *o);
        o->seq = keep.seq;
        if (keep.kind == ORD_EXIT) {
            o->trail_on = keep.trail_on;
            o->trail_best = keep.trail_best;
            o->trail_stop = keep.trail_stop;
            o->armed = keep.armed;
        }
    }
    o->kind = s->kind;
    o->id = dupz(s->id ? s->id : "Close position order");
    o->from_entry = dupz(s->from_entry);
    o->oca_name = dupz(s->oca_name);
    o->oca_type = s->oca_type;
    o->comment = dupz(s->comment);
    o->comment_profit = dupz(s->comment_profit);
    o->comment_loss = dupz(s->comment_loss);
    o->comment_trailing = dupz(s->comment_trailing);
    o->dir = s->dir;
    o->qty = s->qty;
    o->qty_percent = s->qty_percent;
    o->limit = s->limit;
    o->stop = s->stop;
    o->profit = s->profit;
    o->loss = s->loss;
    o->trail_price = s->trail_price;
    o->trail_points = s->trail_points;
    o->trail_offset = s->trail_offset;
    o->limit_t = o->stop_t = o->trail_act = NAN;
    o->placed_bar = B->bar;
    if (s->kind == ORD_ENTRY || s->kind == ORD_ORDER) {
        if (isnan(o->qty)) o->qty = broker_default_qty(B, close);
        if (!(o->qty > 0)) {
            o->dead = 1;
            sweep_dead(B);
            return NULL;
        }
        if (!isnan(o->limit)) o->limit_t = to_ticks(B, o->limit);
        if (!isnan(o->stop)) o->stop_t = to_ticks(B, o->stop);
        o->market = isnan(o->limit_t) && isnan(o->stop_t);
    } else if (s->kind == ORD_CLOSE || s->kind == ORD_CLOSE_ALL) {
        o->market = 1;
        o->dir = pos_size(B) > 0 ? -1 : 1;
        if (s->immediately) {
            /* strategy.close(immediately = true) fills now, at this bar's close */
            o->dead = 1;
            double ct = to_ticks(B, close);
            fill(B, o, fill_price(B, ct + slip(B, o->dir), close, ct));
            sweep_dead(B);
            drop_orphan_exits(B);
        }
    } else if (s->kind == ORD_EXIT && exit_moot(B, o)) {
        /* re-issued for a position whose trades all used it already: nothing left to do,
         * and it must not wait for a later entry of the same id */
        o->dead = 1;
        sweep_dead(B);
    }
    (void)vm;
    return NULL;
}

void broker_cancel(Broker *B, const char *id) {
    for (int k = B->norders - 1; k >= 0; k--)
        if (streq(B->orders[k].id, id) && B->orders[k].kind != ORD_CLOSE &&
            B->orders[k].kind != ORD_CLOSE_ALL)
            remove_order(B, k);
}

void broker_cancel_all(Broker *B) {
    for (int k = B->norders - 1; k >= 0; k--)
        if (B->orders[k].kind != ORD_CLOSE && B->orders[k].kind != ORD_CLOSE_ALL)
            remove_order(B, k);
}

void broker_risk(Broker *B, RiskRule rule, double value, int percent, int dir) {
    switch (rule) {
    case RISK_ALLOW_ENTRY_IN: B->allow_dir = dir; break;
    case RISK_MAX_POSITION_SIZE: B->max_pos = value; break;
    case RISK_MAX_DRAWDOWN:
        B->max_dd = value;
        B->max_dd_pct = percent;
        break;
    case RISK_MAX_INTRADAY_LOSS:
        B->max_intraday_loss = value;
        B->max_intraday_loss_pct = percent;
        break;
    default: break;
    }
}

/* ====== state ====== */

double broker_stat(const Broker *B, BrokerStat s) {
    double close = B->bars && B->bar >= 0 ? B->bars->close[B->bar] : NAN;
    double open_profit = 0;
    for (int i = 0; i < B->nopen; i++)
        open_profit += trade_profit_at(B, &B->open[i], close);
    int n = B->nclosed;
    double ic = B->initial_capital;
    switch (s) {
    case ST_POSITION_SIZE: return pos_size(B);
    case ST_POSITION_AVG_PRICE: {
        double q = 0, c = 0;
        for (int i = 0; i < B->nopen; i++)
            q += B->open[i].qty, c += B->open[i].qty * B->open[i].entry_price;
        return q > 0 ? c / q : NAN;
    }
    case ST_EQUITY: return ic + B->netprofit + open_profit;
    case ST_NETPROFIT: return B->netprofit;
    case ST_OPENPROFIT: return open_profit;
    case ST_GROSSPROFIT: return B->grossprofit;
    case ST_GROSSLOSS: return B->grossloss;
    case ST_INITIAL_CAPITAL: return ic;
    case ST_CLOSEDTRADES: return n;
    case ST_OPENTRADES: return B->nopen;
    case ST_WINTRADES: return B->wins;
    case ST_LOSSTRADES: return B->losses;
    case ST_EVENTRADES: return B->evens;
    case ST_MAX_DRAWDOWN: return B->max_drawdown;
    case ST_MAX_RUNUP: return B->max_runup;
    case ST_MAX_CONTRACTS_ALL: return B->max_contracts;
    case ST_MAX_CONTRACTS_LONG: return B->max_contracts_long;
    case ST_MAX_CONTRACTS_SHORT: return B->max_contracts_short;
    case ST_AVG_TRADE: return n ? B->netprofit / n : NAN;
    case ST_AVG_WIN: return B->wins ? B->grossprofit / B->wins : NAN;
    case ST_AVG_LOSS: return B->losses ? B->grossloss / B->losses : NAN;
    case ST_NETPROFIT_PCT: return B->netprofit / ic * 100;
    case ST_OPENPROFIT_PCT: return open_profit / (ic + B->netprofit) * 100;
    case ST_GROSSPROFIT_PCT: return B->grossprofit / ic * 100;
    case ST_GROSSLOSS_PCT: return B->grossloss / ic * 100;
    case ST_MAX_DRAWDOWN_PCT: return B->max_drawdown_pct;
    case ST_MAX_RUNUP_PCT: return B->max_runup_pct;
    case ST_AVG_TRADE_PCT:
    case ST_AVG_WIN_PCT:
    case ST_AVG_LOSS_PCT: {
        double sum = 0;
        int k = 0;
        for (int i = 0; i < n; i++) {
            const Trade *t = &B->closed[i];
            if ((s == ST_AVG_WIN_PCT && !(t->profit > 0)) ||
                (s == ST_AVG_LOSS_PCT && !(t->profit < 0)))
                continue;
            sum += t->profit / (t->entry_price * t->qty * B->pointvalue) * 100;
            k++;
        }
        return k ? (s == ST_AVG_LOSS_PCT ? -sum : sum) / k : NAN;
    }
    }
    return NAN;
}

const char *broker_position_entry_name(const Broker *B) {
    return B->nopen ? B->open[0].entry_id : "";
}

const char *broker_currency(const Broker *B) {
    return B->currency;
}

const Trade *broker_trade(const Broker *B, int open, int i) {
    if (i < 0) return NULL;
    if (open) return i < B->nopen ? &B->open[i] : NULL;
    return i < B->nclosed ? &B->closed[i] : NULL;
}

/* Run-up and drawdown of an open trade so far, and its profit at the last close. */
static void open_figures(const Broker *B, const Trade *t, double *profit, double *runup,
                         double *drawdown) {
    double close = B->bars && B->bar >= 0 ? B->bars->close[B->bar] : t->entry_price;
    *profit = trade_profit_at(B, t, close) - t->commission;
    *runup = fmax(0, (t->dir > 0 ? t->hi - t->entry_price : t->entry_price - t->lo) * t->qty *
                         B->pointvalue);
    *drawdown = fmax(0, (t->dir > 0 ? t->entry_price - t->lo : t->hi - t->entry_price) * t->qty *
                            B->pointvalue);
}

double broker_trade_value(const Broker *B, const Trade *t, TradeField f) {
    if (!t) return NAN;
    int is_open = t >= B->open && t < B->open + B->nopen;
    double profit = t->profit, runup = t->runup, dd = t->drawdown;
    if (is_open) open_figures(B, t, &profit, &runup, &dd);
    double basis = t->entry_price * t->qty * B->pointvalue;
    switch (f) {
    case TF_ENTRY_PRICE: return t->entry_price;
    case TF_EXIT_PRICE: return is_open ? NAN : t->exit_price;
    case TF_ENTRY_TIME: return (double)t->entry_time;
    case TF_EXIT_TIME: return is_open ? NAN : (double)t->exit_time;
    case TF_ENTRY_BAR: return (double)t->entry_bar;
    case TF_EXIT_BAR: return is_open ? NAN : (double)t->exit_bar;
    case TF_SIZE: return t->dir * t->qty;
    case TF_PROFIT: return profit;
    case TF_PROFIT_PCT: return profit / basis * 100;
    case TF_COMMISSION: return t->commission;
    case TF_MAX_RUNUP: return runup;
    case TF_MAX_RUNUP_PCT: return runup / basis * 100;
    case TF_MAX_DRAWDOWN: return dd;
    case TF_MAX_DRAWDOWN_PCT: return dd / basis * 100;
    }
    return NAN;
}
