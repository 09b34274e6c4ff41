/* Signals and events: ta.crossover crossunder cross rising falling barssince valuewhen
 * pivothigh pivotlow. */
#include "builtins/ta_util.h"

#include <stdlib.h>

/* ==================================================================
 * crossover crossunder cross
 * ================================================================== */

/* The relation of the two sources on the last bar where both were defined; on the first
 * such bar there is nothing to cross from, so the answer is false. */
static int cross_over(TaCross *st, double a, double b) {
    int r = a > b && st->le;
    if (!isnan(a) && !isnan(b)) st->le = a <= b;
    return r;
}

static int cross_under(TaCross *st, double a, double b) {
    int r = a < b && st->ge;
    if (!isnan(a) && !isnan(b)) st->ge = a >= b;
    return r;
}

void ta_crossover(PCall *c) {
    c->out[0].i = cross_over(c->state, ta_argf(c, 0), ta_argf(c, 1));
}
void ta_crossunder(PCall *c) {
    c->out[0].i = cross_under(c->state, ta_argf(c, 0), ta_argf(c, 1));
}

/* Both relations advance every bar (no short circuit). */
void ta_cross(PCall *c) {
    TaCross *st = c->state;
    double a = ta_argf(c, 0), b = ta_argf(c, 1);
    int o = cross_over(st, a, b), u = cross_under(st, a, b);
    c->out[0].i = o || u;
}

/* ==================================================================
 * rising falling
 * ================================================================== */

/* True when the source rose (by more than Pine's tolerance) on each of the last [length]
 * steps. */
static int trend_step(PCall *c, int up) {
    TaTrend *st = c->state;
    int64_t n = ta_length(c, 1, up ? "ta.rising" : "ta.falling", "length");
    double x = ta_argf(c, 0);
    if (!st->seen || isnan(st->last)) {
        st->last = x;
        st->seen = 1;
        return 0;
    }
    double d = up ? x - st->last : st->last - x;
    st->count = d > TA_EPS ? st->count + 1 : 0;
    st->last = x;
    return st->count >= n;
}

void ta_rising(PCall *c) {
    c->out[0].i = trend_step(c, 1);
}
void ta_falling(PCall *c) {
    c->out[0].i = trend_step(c, 0);
}

/* ==================================================================
 * barssince valuewhen
 * ================================================================== */

/* Bars since the condition was last true; na before it ever was. */
void ta_barssince(PCall *c) {
    TaBarssince *st = c->state;
    int64_t cond = ta_argi(c, 0);
    if (cond == 1) {
        st->count = 0;
        st->seen = 1;
    } else if (st->seen) {
        st->count++;
    }
    c->out[0].i = st->seen ? st->count : PINE_NA_INT;
}

/* The source on the [occurrence]-th most recent bar where the condition was true (0 = the
 * latest); the cell is copied as is, so one body serves float, int, bool and color. */
static void valuewhen(PCall *c, int is_float) {
    TaValuewhen *st = c->state;
    int64_t cond = ta_argi(c, 0), occ = ta_int_at_least(c, 2, "ta.valuewhen", "occurrence", 0);
    PValue na;
    if (is_float)
        na.f = TA_NAN;
    else
        na.i = PINE_NA_INT;
    /* room for occurrence + 1 values, but never more than the events there can be so far */
    int64_t need = occ + 1 < st->n + 1 ? occ + 1 : st->n + 1;
    if (need > st->cap) {
        int64_t cap = st->cap ? st->cap : 4;
        while (cap < need)
            cap *= 2;
        PValue *v = malloc((size_t)cap * sizeof *v);
        if (!v) vm_error(c, "out of memory");
        int64_t kept = st->n < st->cap ? st->n : st->cap;
        for (int64_t i = st->n - kept; i < st->n; i++)
            v[i % cap] = st->v[i % st->cap];
        free(st->v);
        st->v = v;
        st->cap = cap;
    }
    if (cond == 1) st->v[st->n++ % st->cap] = c->args[1];
    int64_t kept = st->n < st->cap ? st->n : st->cap;
    c->out[0] = occ < kept ? st->v[(st->n - 1 - occ) % st->cap] : na;
}

void ta_valuewhen(PCall *c) {
    valuewhen(c, 0);
}
void ta_valuewhen_float(PCall *c) {
    valuewhen(c, 1);
}

void ta_valuewhen_free(void *state) {
    free(((TaValuewhen *)state)->v);
}

/* ==================================================================
 * pivothigh pivotlow
 * ================================================================== */

/* The value [rightbars] bars back when it is the extreme of the leftbars + rightbars + 1
 * window: strictly beyond every newer value, at least equal to every older one. */
static void pivot(PCall *c, double x, int li, int high) {
    TaBuf *h = c->state;
    const char *fn = high ? "ta.pivothigh" : "ta.pivotlow";
    int64_t left = ta_length(c, li, fn, "leftbars"), right = ta_length(c, li + 1, fn, "rightbars");
    int64_t n = left + right + 1;
    ta_buf_push(c, h, x, n);
    c->out[0].f = TA_NAN;
    if (isnan(x) || h->n < n) return;
    double p = ta_buf_at(h, right);
    if (isnan(p)) return;
    for (int64_t k = 0; k < n; k++) {
        if (k == right) continue;
        double v = ta_buf_at(h, k);
        if (isnan(v)) continue;
        if (k < right ? (high ? v >= p : v <= p) : (high ? v > p : v < p)) return;
    }
    c->out[0].f = p;
}

void ta_pivothigh(PCall *c) {
    pivot(c, ta_argf(c, 0), 1, 1);
}
void ta_pivothigh1(PCall *c) {
    pivot(c, ta_high(c), 0, 1);
}
void ta_pivotlow(PCall *c) {
    pivot(c, ta_argf(c, 0), 1, 0);
}
void ta_pivotlow1(PCall *c) {
    pivot(c, ta_low(c), 0, 0);
}
