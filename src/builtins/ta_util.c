/* Shared machinery of the ta.* library: history rings, TradingView's rolling compensated sum,
 * the seeded ema/rma machines, windowed extremes, the weighted moving average and the true
 * range. Every piece lives inside a call site's state block and keeps its own history. */
#include "builtins/ta_util.h"

#include <stdio.h>
#include <stdlib.h>

int64_t ta_int_at_least(PCall *c, int i, const char *fn, const char *param, int64_t min) {
    int64_t n = c->args[i].i;
    if (n != PINE_NA_INT && n >= min) return n;
    char value[32], rule[32], msg[256];
    if (n == PINE_NA_INT)
        snprintf(value, sizeof value, "na");
    else
        snprintf(value, sizeof value, "%lld", (long long)n);
    if (min == 0)
        snprintf(rule, sizeof rule, ">= 0");
    else
        snprintf(rule, sizeof rule, "> %lld", (long long)min - 1);
    builtin_range_message(msg, sizeof msg, fn, param, value, rule);
    vm_error(c, "%s", msg);
}

int64_t ta_length(PCall *c, int i, const char *fn, const char *param) {
    return ta_int_at_least(c, i, fn, param, 1);
}

/* ==================================================================
 * History ring
 * ================================================================== */

void ta_buf_grow(PCall *c, TaBuf *b, int64_t need) {
    if (need < 1) need = 1;
    if (need > ((int64_t)1 << 30)) vm_error(c, "history window too long (%lld)", (long long)need);
    int64_t cap = 4;
    while (cap < need)
        cap <<= 1;
    int64_t old = b->v ? (int64_t)b->mask + 1 : 0;
    if (cap <= old) return;
    double *v = malloc((size_t)cap * sizeof *v);
    if (!v) vm_error(c, "out of memory");
    int64_t kept = b->n < old ? b->n : old;
    for (int64_t i = 0; i < cap; i++)
        v[i] = TA_NAN; /* history never kept reads as na */
    for (int64_t i = b->n - kept; i < b->n; i++)
        v[i & (cap - 1)] = b->v[i & (old - 1)];
    free(b->v);
    b->v = v;
    b->mask = (uint32_t)(cap - 1);
}

void ta_buf_free(TaBuf *b) {
    free(b->v);
    b->v = NULL;
    b->mask = 0;
}

/* ==================================================================
 * Mean absolute deviation (ta.dev, ta.cci)
 * ================================================================== */

double ta_mean_dev(PCall *c, TaCci *st, double x, int64_t n, double *mean) {
    *mean = ta_sum_step(c, &st->sum, x, n) / (double)n;
    ta_buf_push(c, &st->hist, x, n);
    if (isnan(*mean) || st->hist.n < n) return TA_NAN;
    double d = 0.0;
    for (int64_t k = 0; k < n; k++)
        d += fabs(ta_buf_at(&st->hist, k) - *mean);
    return d / (double)n;
}

/* ==================================================================
 * Rolling sum
 * ================================================================== */

/* Re-sums the window plainly, newest first, and clears the compensation. TradingView's
 * machine does this when the compensation would be lost (only the newest entry becomes the raw
 * value then); when the length moves, every entry of the window becomes its raw value
 * ([all]). */
static void sum_rebase(TaSum *st, int64_t w, int all) {
    double s = 0.0;
    for (int64_t k = 0; k < w; k++) {
        double v = ta_buf_at(&st->raw, k);
        if (isnan(v)) v = 0.0; /* older than the history kept before the length grew */
        s = k == 0 ? v : s + v;
        if (all || k == 0) st->ent.v[(st->ent.n - 1 - k) & st->ent.mask] = v;
    }
    st->s = s;
    st->comp = 0.0;
}

double ta_sum_step(PCall *c, TaSum *st, double x, int64_t length) {
    int moved = st->len != 0 && st->len != length;
    st->len = length;
    int64_t n = st->raw.n;
    if (isnan(x)) {
        if (moved && n > 0) {
            ta_buf_reserve(c, &st->raw, length);
            ta_buf_reserve(c, &st->ent, length);
            int64_t have = n < (int64_t)st->raw.mask + 1 ? n : (int64_t)st->raw.mask + 1;
            sum_rebase(st, length < have ? length : have, 1);
        }
        return n >= length ? st->s : TA_NAN;
    }
    int64_t w = n + 1 < length ? n + 1 : length; /* the window after this value */
    int warm = n + 1 <= length;
    double d0 = 0.0;
    if (!warm && !moved) d0 = ta_buf_at(&st->ent, length - 1);
    ta_buf_push(c, &st->raw, x, length);
    ta_buf_push(c, &st->ent, x, length);

    double cmp = st->comp, s = st->s;
    int fires = moved;
    if (!fires && cmp != 0.0 && x != 0.0) {
        double b = fabs(cmp), r = x + b;
        if (r != 0.0 && isfinite(r)) fires = b - (r - x) > 0.0;
    }
    if (fires) {
        if (moved) {
            int64_t have =
                st->raw.n < (int64_t)st->raw.mask + 1 ? st->raw.n : (int64_t)st->raw.mask + 1;
            if (w > have) w = have;
        }
        sum_rebase(st, w, moved);
    } else if (warm) {
        double y = x - cmp, t = s + y;
        st->comp = (t - s) - y;
        st->s = t;
        st->ent.v[(st->ent.n - 1) & st->ent.mask] = y;
    } else {
        double y1 = -d0 - cmp, t = s + y1, e1 = (t - s) - y1, y2 = x - e1, u = t + y2;
        st->comp = (u - t) - y2;
        st->s = u;
        st->ent.v[(st->ent.n - 1) & st->ent.mask] = y2;
    }
    return st->raw.n >= length ? st->s : TA_NAN;
}

void ta_sum_free(TaSum *st) {
    ta_buf_free(&st->raw);
    ta_buf_free(&st->ent);
}

/* ==================================================================
 * Seeded smoothing
 * ================================================================== */

/* Both skip na values whole (na out, no step) and start from the sma of the first [length]
 * non-na values; after that the seed's sum is no longer fed. Then the ema moves by
 * 2 / (length + 1) of the distance to [x], Wilder's rma ([wilder]) by 1 / length. */
static double smooth_step(PCall *c, TaSmooth *st, double x, int64_t length, int wilder) {
    if (length == 1) return x;
    if (isnan(x)) return TA_NAN;
    if (!st->seeded) {
        double s = ta_sum_step(c, &st->seed, x, length);
        if (isnan(s)) return TA_NAN;
        st->last = s / (double)length;
        st->seeded = 1;
        ta_sum_free(&st->seed);
        return st->last;
    }
    if (wilder) {
        st->last = (st->last * (double)(length - 1) + x) / (double)length;
    } else {
        double alpha = 2.0 / (double)(length + 1);
        st->last = st->last + alpha * (x - st->last);
    }
    return st->last;
}

double ta_ema_step(PCall *c, TaSmooth *st, double x, int64_t length) {
    return smooth_step(c, st, x, length, 0);
}

double ta_rma_step(PCall *c, TaSmooth *st, double x, int64_t length) {
    return smooth_step(c, st, x, length, 1);
}

void ta_smooth_free(TaSmooth *st) {
    ta_sum_free(&st->seed);
}

/* ==================================================================
 * Highest / lowest
 * ================================================================== */

int ta_extreme_step(PCall *c, TaExtreme *st, double x, int64_t length, int want_max, double *value,
                    int64_t *offset) {
    ta_buf_push(c, &st->hist, x, length);
    if (st->hist.n < length) return 0;
    double best = TA_NAN;
    int64_t at = 0;
    /* Newest to oldest; a tie moves to the older bar. */
    for (int64_t k = 0; k < length; k++) {
        double v = ta_buf_at(&st->hist, k);
        if (isnan(v)) continue;
        if (isnan(best) || (want_max ? v >= best : v <= best)) {
            best = v;
            at = k;
        }
    }
    if (isnan(best)) return 0;
    *value = best;
    *offset = at;
    return 1;
}

/* ==================================================================
 * Weighted moving average
 * ================================================================== */

double ta_wma_step(PCall *c, TaWma *st, double x, int64_t length) {
    int na = isnan(x);
    if (!na) {
        st->count++;
        st->last = x;
    }
    ta_buf_push(c, &st->ff, st->count ? st->last : TA_NAN, length);
    if (na || st->count < length) return TA_NAN;
    double norm = 0.0, sum = 0.0, w = 0.0;
    for (int64_t i = 1; i <= length; i++)
        norm += (double)i;
    for (int64_t k = length - 1; k >= 0; k--) {
        w += 1.0;
        sum += ta_buf_at(&st->ff, k) * w;
    }
    return sum / norm;
}

void ta_wma_free(TaWma *st) {
    ta_buf_free(&st->ff);
}

/* ==================================================================
 * True range
 * ================================================================== */

/* The previous close is the close of the previous bar this call ran on. */
double ta_tr_step(PCall *c, TaTr *st, int handle_na) {
    double h = ta_high(c), l = ta_low(c), r;
    if (!st->seen || isnan(st->prev_close)) {
        r = handle_na ? h - l : TA_NAN;
    } else {
        double pc = st->prev_close;
        r = fmax(fmax(h - l, fabs(h - pc)), fabs(l - pc));
        if (isnan(h - l) || isnan(pc)) r = TA_NAN;
    }
    st->prev_close = ta_close(c);
    st->seen = 1;
    return r;
}
