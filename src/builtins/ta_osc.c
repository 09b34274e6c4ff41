/* Oscillators: ta.rsi macd stoch cci cmo mfi mom roc tsi wpr cog rci. */
#include "builtins/ta_util.h"

#include <stdlib.h>

/* ==================================================================
 * rsi macd tsi
 * ================================================================== */

/* Wilder's rsi: rma of the gains over rma of the losses, the first bar na (no change yet).
 * No losses gives 100 (also when nothing moved), no gains 0. */
void ta_rsi(PCall *c) {
    TaRsi *st = c->state;
    int64_t n = ta_length(c, 1, "ta.rsi", "length");
    double x = ta_argf(c, 0);
    c->out[0].f = TA_NAN;
    if (isnan(x)) return;
    if (!st->has_prev) {
        st->prev = x;
        st->has_prev = 1;
        return;
    }
    double up = ta_rma_step(c, &st->up, fmax(x - st->prev, 0.0), n);
    double down = ta_rma_step(c, &st->down, fmax(st->prev - x, 0.0), n);
    st->prev = x;
    if (isnan(up) || isnan(down)) return;
    if (down == 0.0)
        c->out[0].f = 100.0;
    else if (up == 0.0)
        c->out[0].f = 0.0;
    else
        c->out[0].f = 100.0 - 100.0 / (1.0 + up / down);
}

void ta_rsi_free(void *state) {
    TaRsi *st = state;
    ta_smooth_free(&st->up);
    ta_smooth_free(&st->down);
}

/* [fast ema - slow ema, its ema over siglen, their difference] */
void ta_macd(PCall *c) {
    TaMacd *st = c->state;
    int64_t f = ta_length(c, 1, "ta.macd", "fastlen");
    int64_t s = ta_length(c, 2, "ta.macd", "slowlen");
    int64_t g = ta_length(c, 3, "ta.macd", "siglen");
    double x = ta_argf(c, 0);
    double fast = ta_ema_step(c, &st->fast, x, f), slow = ta_ema_step(c, &st->slow, x, s);
    if (isnan(fast) || isnan(slow)) {
        ta_out3(c, TA_NAN, TA_NAN, TA_NAN);
        return;
    }
    double m = fast - slow, sig = ta_ema_step(c, &st->signal, m, g);
    ta_out3(c, m, sig, m - sig);
}

void ta_macd_free(void *state) {
    TaMacd *st = state;
    ta_smooth_free(&st->fast);
    ta_smooth_free(&st->slow);
    ta_smooth_free(&st->signal);
}

/* ema(ema(change), long), short) / the same of |change| */
void ta_tsi(PCall *c) {
    TaTsi *st = c->state;
    int64_t s = ta_length(c, 1, "ta.tsi", "short_length");
    int64_t l = ta_length(c, 2, "ta.tsi", "long_length");
    double x = ta_argf(c, 0);
    c->out[0].f = TA_NAN;
    if (isnan(x)) return;
    double prev = st->prev;
    int had = st->has_prev;
    st->prev = x;
    st->has_prev = 1;
    if (!had) return;
    double m = x - prev;
    double a = ta_ema_step(c, &st->m1, m, l), b = ta_ema_step(c, &st->a1, fabs(m), l);
    if (isnan(a) || isnan(b)) return;
    double num = ta_ema_step(c, &st->m2, a, s), den = ta_ema_step(c, &st->a2, b, s);
    if (isnan(den)) return;
    c->out[0].f = num / den;
}

void ta_tsi_free(void *state) {
    TaTsi *st = state;
    ta_smooth_free(&st->m1);
    ta_smooth_free(&st->a1);
    ta_smooth_free(&st->m2);
    ta_smooth_free(&st->a2);
}

/* ==================================================================
 * stoch wpr
 * ================================================================== */

/* 100 * (source - lowest(low)) / (highest(high) - lowest(low)), not clamped */
void ta_stoch(PCall *c) {
    TaStoch *st = c->state;
    int64_t n = ta_length(c, 3, "ta.stoch", "length");
    double x = ta_argf(c, 0), h = ta_argf(c, 1), l = ta_argf(c, 2), hv, lv;
    int64_t ho, lo;
    c->out[0].f = TA_NAN;
    if (isnan(x) || isnan(h) || isnan(l)) return;
    int okh = ta_extreme_step(c, &st->hi, h, n, 1, &hv, &ho);
    int okl = ta_extreme_step(c, &st->lo, l, n, 0, &lv, &lo);
    if (okh && okl) c->out[0].f = 100 * (x - lv) / (hv - lv);
}

void ta_stoch_free(void *state) {
    TaStoch *st = state;
    ta_buf_free(&st->hi.hist);
    ta_buf_free(&st->lo.hist);
}

/* Williams %R: 100 * (close - highest(high)) / (highest(high) - lowest(low)) */
void ta_wpr(PCall *c) {
    TaStoch *st = c->state;
    int64_t n = ta_length(c, 0, "ta.wpr", "length");
    double hv, lv;
    int64_t ho, lo;
    int okh = ta_extreme_step(c, &st->hi, ta_high(c), n, 1, &hv, &ho);
    int okl = ta_extreme_step(c, &st->lo, ta_low(c), n, 0, &lv, &lo);
    c->out[0].f = okh && okl ? 100 * (ta_close(c) - hv) / (hv - lv) : TA_NAN;
}

/* ==================================================================
 * cci cmo mfi
 * ================================================================== */

/* (source - sma) / (0.015 * mean absolute deviation) */
void ta_cci(PCall *c) {
    int64_t n = ta_length(c, 1, "ta.cci", "length");
    double x = ta_argf(c, 0), mean;
    double d = ta_mean_dev(c, c->state, x, n, &mean);
    c->out[0].f = isnan(d) ? TA_NAN : (x - mean) / (0.015 * d);
}

void ta_cci_free(void *state) {
    TaCci *st = state;
    ta_sum_free(&st->sum);
    ta_buf_free(&st->hist);
}

/* Chande: 100 * (gains - losses) / (gains + losses) over the window; a change within the
 * comparison tolerance counts as a gain, a flat window is na. */
void ta_cmo(PCall *c) {
    TaCmo *st = c->state;
    int64_t n = ta_length(c, 1, "ta.cmo", "length");
    double x = ta_argf(c, 0), m = x - st->prev;
    int had = st->has_prev;
    st->prev = x;
    st->has_prev = 1;
    c->out[0].f = TA_NAN;
    if (!had || isnan(m)) return;
    int up = m >= -TA_EPS;
    double s1 = ta_sum_step(c, &st->up, up ? m : 0.0, n);
    double s2 = ta_sum_step(c, &st->down, up ? 0.0 : -m, n);
    double total = s1 + s2;
    if (isnan(total) || total == 0.0) return;
    c->out[0].f = 100 * (s1 - s2) / total;
}

void ta_cmo_free(void *state) {
    TaCmo *st = state;
    ta_sum_free(&st->up);
    ta_sum_free(&st->down);
}

/* Money flow index: rolling sums of volume * source on rising and falling bars. */
void ta_mfi(PCall *c) {
    TaCmo *st = c->state;
    int64_t n = ta_length(c, 1, "ta.mfi", "length");
    double x = ta_argf(c, 0), v = ta_volume(c);
    c->out[0].f = TA_NAN;
    if (isnan(x)) return;
    double chg = st->has_prev ? x - st->prev : TA_NAN;
    st->prev = x;
    st->has_prev = 1;
    int chg_na = isnan(chg);
    double upper = ta_sum_step(c, &st->up, v * (!chg_na && chg <= TA_EPS ? 0.0 : x), n);
    double lower = ta_sum_step(c, &st->down, v * (!chg_na && chg >= -TA_EPS ? 0.0 : x), n);
    if (isnan(upper) || isnan(lower)) return;
    if (fabs(upper) <= TA_EPS) upper = 0.0;
    if (fabs(lower) <= TA_EPS) lower = 0.0;
    c->out[0].f = lower == 0.0 ? 100.0 : 100.0 - (100.0 / (1.0 + upper / lower));
}

/* ==================================================================
 * mom roc
 * ================================================================== */

/* source - source[length], over this call's own history */
void ta_mom(PCall *c) {
    int64_t n = ta_length(c, 1, "ta.mom", "length");
    double x = ta_argf(c, 0);
    c->out[0].f = x - ta_lag(c, c->state, x, n);
}

/* 100 * (source - source[length]) / source[length] */
void ta_roc(PCall *c) {
    int64_t n = ta_length(c, 1, "ta.roc", "length");
    double x = ta_argf(c, 0), p = ta_lag(c, c->state, x, n);
    c->out[0].f = 100 * (x - p) / p;
}

/* ==================================================================
 * cog rci
 * ================================================================== */

/* Centre of gravity, as the reference defines it: -sum(source[i] * (i + 1)) / sum(source). */
void ta_cog(PCall *c) {
    TaCci *st = c->state;
    int64_t n = ta_length(c, 1, "ta.cog", "length");
    double x = ta_argf(c, 0);
    double s = ta_sum_step(c, &st->sum, x, n);
    ta_buf_push(c, &st->hist, x, n);
    if (isnan(s) || st->hist.n < n) {
        c->out[0].f = TA_NAN;
        return;
    }
    double num = 0.0;
    for (int64_t i = 0; i < n; i++)
        num = num + ta_buf_at(&st->hist, i) * (double)(i + 1);
    c->out[0].f = -num / s;
}

static int rci_cmp_ctx_lt(const double *v, int a, int b) {
    return v[a] < v[b] || (v[a] == v[b] && a < b);
}

/* Rank correlation index: Spearman correlation of the window's values with their bar order,
 * in percent. Ties are values closer than 1e-10 to the smallest of their group and share the
 * group's average rank. */
void ta_rci(PCall *c) {
    TaRci *st = c->state;
    int64_t n = ta_length(c, 1, "ta.rci", "length");
    double x = ta_argf(c, 0);
    ta_buf_push(c, &st->hist, x, n);
    c->out[0].f = TA_NAN;
    if (isnan(x) || st->hist.n <= n) return;
    if (st->cap < n) {
        free(st->work);
        st->work = malloc((size_t)n * (2 * sizeof(double) + sizeof(int)));
        if (!st->work) vm_error(c, "out of memory");
        st->cap = n;
    }
    double *val = st->work, *rank = val + n;
    int *ord = (int *)(rank + n);
    for (int64_t i = 0; i < n; i++) {
        val[i] = ta_buf_at(&st->hist, i);
        if (isnan(val[i])) return;
        ord[i] = (int)i;
    }
    for (int64_t i = 1; i < n; i++) { /* insertion sort: windows are short */
        int t = ord[i];
        int64_t j = i;
        while (j > 0 && rci_cmp_ctx_lt(val, t, ord[j - 1])) {
            ord[j] = ord[j - 1];
            j--;
        }
        ord[j] = t;
    }
    int64_t pos = 0;
    for (int64_t i = 0; i < n;) {
        double anchor = val[ord[i]];
        int64_t j = i;
        while (j < n && val[ord[j]] - anchor < 1e-10)
            j++;
        double avg = (double)(n - 1) - (double)(pos + pos + (j - i) - 1) / 2.0;
        for (int64_t t = i; t < j; t++)
            rank[ord[t]] = avg;
        pos += j - i;
        i = j;
    }
    double sx = 0, sy = 0, sx2 = 0, sy2 = 0, nn = (double)n;
    for (int64_t i = 0; i < n; i++) {
        double y = rank[i], xi = (double)i;
        sx += xi;
        sy += y;
        sx2 += xi * xi;
        sy2 += y * y;
    }
    double mx = sx / nn, my = sy / nn;
    double vx = sx2 / nn - mx * mx, vy = sy2 / nn - my * my;
    if (vx <= 0 || vy <= 0) return;
    double cov = 0.0;
    for (int64_t i = 0; i < n; i++)
        cov += ((double)i - mx) * (rank[i] - my);
    cov /= nn;
    c->out[0].f = (100.0 * cov) / (sqrt(vx) * sqrt(vy));
}

void ta_rci_free(void *state) {
    TaRci *st = state;
    ta_buf_free(&st->hist);
    free(st->work);
}
