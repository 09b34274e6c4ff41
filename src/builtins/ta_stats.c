/* Window statistics: ta.stdev variance dev correlation median mode percentrank
 * percentile_linear_interpolation percentile_nearest_rank highest lowest highestbars lowestbars
 * range, and the running ones: max min cum change. */
#include "builtins/ta_util.h"

#include <stdio.h>
#include <stdlib.h>

/* ==================================================================
 * variance stdev dev correlation
 * ================================================================== */

/* With p = sum(source), q = sum(source^2) over the window and m = p / length:
 * biased max(0, q/length - m*m), unbiased max(0, q/(length-1) - p*m/(length-1)). */
static double variance_step(PCall *c, const char *fn) {
    TaVar *st = c->state;
    int64_t n = ta_length(c, 1, fn, "length");
    double x = ta_argf(c, 0);
    int biased = ta_argi(c, 2) != 0;
    double p = ta_sum_step(c, &st->p, x, n), q = ta_sum_step(c, &st->q, x * x, n);
    if (isnan(p) || isnan(q) || (!biased && n == 1)) return TA_NAN;
    double m = p / (double)n, v;
    if (biased)
        v = q / (double)n - m * m;
    else
        v = q / (double)(n - 1) - p * m / (double)(n - 1);
    return v > 0.0 ? v : 0.0;
}

void ta_variance(PCall *c) {
    c->out[0].f = variance_step(c, "ta.variance");
}
void ta_stdev(PCall *c) {
    c->out[0].f = sqrt(variance_step(c, "ta.stdev"));
}

void ta_var_free(void *state) {
    TaVar *st = state;
    ta_sum_free(&st->p);
    ta_sum_free(&st->q);
}

/* Mean absolute deviation from the sma, summed newest first. */
void ta_dev(PCall *c) {
    int64_t n = ta_length(c, 1, "ta.dev", "length");
    double mean, d = ta_mean_dev(c, c->state, ta_argf(c, 0), n, &mean);
    c->out[0].f = isnan(d) ? TA_NAN : n == 1 ? 0.0 : d;
}

/* Pearson correlation from five rolling sums; a covariance within Pine's tolerance of zero
 * is 0, a constant source na. */
void ta_correlation(PCall *c) {
    TaCorr *st = c->state;
    int64_t n = ta_length(c, 2, "ta.correlation", "length");
    double a = ta_argf(c, 0), b = ta_argf(c, 1), nn = (double)n;
    double sx = ta_sum_step(c, &st->s[0], a, n), sy = ta_sum_step(c, &st->s[1], b, n);
    double sxy = ta_sum_step(c, &st->s[2], a * b, n);
    double sx2 = ta_sum_step(c, &st->s[3], a * a, n), sy2 = ta_sum_step(c, &st->s[4], b * b, n);
    c->out[0].f = TA_NAN;
    if (isnan(sx) || isnan(sy) || isnan(sxy) || isnan(sx2) || isnan(sy2)) return;
    double mx = sx / nn, my = sy / nn, cov = sxy / nn - mx * my;
    if (fabs(cov) <= TA_EPS) {
        c->out[0].f = 0.0;
        return;
    }
    double vx = sx2 / nn - mx * mx, vy = sy2 / nn - my * my;
    double vp = (vx > 0.0 ? vx : 0.0) * (vy > 0.0 ? vy : 0.0);
    if (vp != 0.0) c->out[0].f = cov / sqrt(vp);
}

void ta_corr_free(void *state) {
    TaCorr *st = state;
    for (int i = 0; i < 5; i++)
        ta_sum_free(&st->s[i]);
}

/* ==================================================================
 * median mode percentiles percentrank (sorted copies of the window)
 * ================================================================== */

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Copies the non-na values of the last [n] pushes into the work buffer, sorted; returns
 * how many there are. */
static int64_t window_sorted(PCall *c, TaPct *st, int64_t n) {
    if (st->cap < n) {
        free(st->work);
        st->work = malloc((size_t)n * sizeof(double));
        if (!st->work) vm_error(c, "out of memory");
        st->cap = n;
    }
    int64_t m = 0;
    for (int64_t k = 0; k < n; k++) {
        double v = ta_buf_at(&st->hist, k);
        if (!isnan(v)) st->work[m++] = v;
    }
    qsort(st->work, (size_t)m, sizeof(double), cmp_double);
    return m;
}

/* The middle of the last [length] non-na values (the mean of the two middles for an even
 * count; the lower one for int sources). */
static double median_step(PCall *c, int as_int) {
    TaPct *st = c->state;
    int64_t n = ta_length(c, 1, "ta.median", "length");
    double x =
        as_int ? (ta_argi(c, 0) == PINE_NA_INT ? TA_NAN : (double)ta_argi(c, 0)) : ta_argf(c, 0);
    if (isnan(x)) return TA_NAN;
    if (n == 1) return x;
    ta_buf_push(c, &st->hist, x, n);
    if (st->hist.n < n) return TA_NAN;
    int64_t m = window_sorted(c, st, n);
    if (m % 2 || as_int) return st->work[(m - 1) / 2];
    return (st->work[m / 2 - 1] + st->work[m / 2]) / 2;
}

void ta_median(PCall *c) {
    c->out[0].f = median_step(c, 0);
}
void ta_median_int(PCall *c) {
    double v = median_step(c, 1);
    c->out[0].i = isnan(v) ? PINE_NA_INT : (int64_t)v;
}

/* The most frequent value of the last [length] bars, the smallest of equally frequent ones. */
static double mode_step(PCall *c, int as_int) {
    TaPct *st = c->state;
    int64_t n = ta_length(c, 1, "ta.mode", "length");
    double x =
        as_int ? (ta_argi(c, 0) == PINE_NA_INT ? TA_NAN : (double)ta_argi(c, 0)) : ta_argf(c, 0);
    ta_buf_push(c, &st->hist, x, n);
    if (isnan(x) || st->hist.n < n) return TA_NAN;
    int64_t m = window_sorted(c, st, n);
    if (m == 0) return TA_NAN;
    double best = st->work[0], cur = st->work[0];
    int64_t bestf = 1, f = 1;
    for (int64_t i = 1; i < m; i++) {
        if (st->work[i] == cur) {
            if (++f > bestf) {
                bestf = f;
                best = cur;
            }
        } else {
            cur = st->work[i];
            f = 1;
        }
    }
    return best;
}

void ta_mode(PCall *c) {
    c->out[0].f = mode_step(c, 0);
}
void ta_mode_int(PCall *c) {
    double v = mode_step(c, 1);
    c->out[0].i = isnan(v) ? PINE_NA_INT : (int64_t)v;
}

/* Percent of the previous [length] values at or below the current one (tolerantly). */
void ta_percentrank(PCall *c) {
    TaPct *st = c->state;
    int64_t n = ta_length(c, 1, "ta.percentrank", "length");
    double x = ta_argf(c, 0);
    ta_buf_push(c, &st->hist, x, n + 1);
    c->out[0].f = TA_NAN;
    if (isnan(x) || st->hist.n < n + 1) return;
    int64_t cnt = 0;
    for (int64_t k = 0; k <= n; k++) {
        double v = ta_buf_at(&st->hist, k);
        if (!isnan(v) && (v <= x || v - x <= TA_EPS)) cnt++;
    }
    c->out[0].f = (double)(cnt - 1) * 100 / (double)n;
}

static void check_percentage(PCall *c, const char *fn, double pct) {
    if (pct >= 0 && pct <= 100) return;
    char value[32], msg[256];
    snprintf(value, sizeof value, "%g", pct);
    builtin_range_message(msg, sizeof msg, fn, "percentage", value, "between 0 and 100");
    vm_error(c, "%s", msg);
}

/* Linear interpolation at rank length * percentage / 100 + 0.5 (1-based) of the sorted window;
 * na values sort last. */
void ta_percentile_linear(PCall *c) {
    TaPct *st = c->state;
    int64_t n = ta_length(c, 1, "ta.percentile_linear_interpolation", "length");
    double x = ta_argf(c, 0), pct = ta_argf(c, 2);
    ta_buf_push(c, &st->hist, x, n);
    c->out[0].f = TA_NAN;
    if (isnan(x) || st->hist.n < n || isnan(pct)) return;
    check_percentage(c, "ta.percentile_linear_interpolation", pct);
    int64_t m = window_sorted(c, st, n);
    double *w = st->work, pos = (double)n * pct / 100.0 + 0.5, near = round(pos);
    if (fabs(pos - near) < 1e-9) pos = near;
    if (pos <= 1) {
        if (m > 0) c->out[0].f = w[0];
        return;
    }
    if (pos >= (double)n) {
        if (m == n) c->out[0].f = w[m - 1];
        return;
    }
    int64_t lower = (int64_t)floor(pos);
    double frac = pos - (double)lower;
    if (frac == 0) {
        if (lower <= m) c->out[0].f = w[lower - 1];
        return;
    }
    if (m < n) return;
    c->out[0].f = w[lower - 1] * (1 - frac) + w[lower] * frac;
}

/* The value at rank ceil(percentage * length / 100) of the sorted window. */
void ta_percentile_nearest(PCall *c) {
    TaPct *st = c->state;
    int64_t n = ta_length(c, 1, "ta.percentile_nearest_rank", "length");
    double x = ta_argf(c, 0), pct = ta_argf(c, 2);
    ta_buf_push(c, &st->hist, x, n);
    c->out[0].f = TA_NAN;
    if (isnan(x) || st->hist.n < n) return;
    if (isnan(pct)) pct = 0;
    check_percentage(c, "ta.percentile_nearest_rank", pct);
    int64_t m = window_sorted(c, st, n);
    if (pct == 0) {
        if (m > 0) c->out[0].f = st->work[0];
        return;
    }
    int64_t rank = (int64_t)ceil(pct * (double)n / 100);
    if (rank < 1) rank = 1;
    if (rank > n) rank = n;
    if (rank <= m) c->out[0].f = st->work[rank - 1];
}

void ta_pct_free(void *state) {
    TaPct *st = state;
    ta_buf_free(&st->hist);
    free(st->work);
}

/* ==================================================================
 * highest lowest highestbars lowestbars range
 * ================================================================== */

static void extreme(PCall *c, const char *fn, double x, int li, int want_max, int bars) {
    double v;
    int64_t off;
    int64_t n = ta_length(c, li, fn, "length");
    int ok = ta_extreme_step(c, c->state, x, n, want_max, &v, &off);
    if (bars)
        c->out[0].i = ok ? -off : PINE_NA_INT;
    else
        c->out[0].f = ok ? v : TA_NAN;
}

void ta_highest(PCall *c) {
    extreme(c, "ta.highest", ta_argf(c, 0), 1, 1, 0);
}
void ta_highest1(PCall *c) {
    extreme(c, "ta.highest", ta_high(c), 0, 1, 0);
}
void ta_lowest(PCall *c) {
    extreme(c, "ta.lowest", ta_argf(c, 0), 1, 0, 0);
}
void ta_lowest1(PCall *c) {
    extreme(c, "ta.lowest", ta_low(c), 0, 0, 0);
}
void ta_highestbars(PCall *c) {
    extreme(c, "ta.highestbars", ta_argf(c, 0), 1, 1, 1);
}
void ta_highestbars1(PCall *c) {
    extreme(c, "ta.highestbars", ta_high(c), 0, 1, 1);
}
void ta_lowestbars(PCall *c) {
    extreme(c, "ta.lowestbars", ta_argf(c, 0), 1, 0, 1);
}
void ta_lowestbars1(PCall *c) {
    extreme(c, "ta.lowestbars", ta_low(c), 0, 0, 1);
}

/* highest - lowest over the same window */
void ta_range(PCall *c) {
    TaStoch *st = c->state;
    int64_t n = ta_length(c, 1, "ta.range", "length");
    double x = ta_argf(c, 0), hv, lv;
    int64_t o;
    c->out[0].f = TA_NAN;
    if (isnan(x)) return;
    int a = ta_extreme_step(c, &st->hi, x, n, 1, &hv, &o);
    int b = ta_extreme_step(c, &st->lo, x, n, 0, &lv, &o);
    if (a && b) c->out[0].f = hv - lv;
}

/* ==================================================================
 * max min cum change
 * ================================================================== */

/* The all-time highest value this call has seen (na values skipped). */
void ta_max(PCall *c) {
    TaRun *st = c->state;
    double x = ta_argf(c, 0);
    if (!st->seen || isnan(st->v) || x > st->v) st->v = x;
    st->seen = 1;
    c->out[0].f = st->v;
}

void ta_min(PCall *c) {
    TaRun *st = c->state;
    double x = ta_argf(c, 0);
    if (!st->seen || isnan(st->v) || x < st->v) st->v = x;
    st->seen = 1;
    c->out[0].f = st->v;
}

/* Running total; an na value adds nothing and reports na. */
void ta_cum(PCall *c) {
    TaRun *st = c->state;
    c->out[0].f = ta_total_add(&st->v, ta_argf(c, 0));
}

/* source - source[length] over this call's own history. */
void ta_change_float(PCall *c) {
    int64_t n = ta_length(c, 1, "ta.change", "length");
    double x = ta_argf(c, 0);
    c->out[0].f = x - ta_lag(c, c->state, x, n);
}

void ta_change_int(PCall *c) {
    int64_t n = ta_length(c, 1, "ta.change", "length");
    int64_t x = ta_argi(c, 0);
    double p = ta_lag(c, c->state, x == PINE_NA_INT ? TA_NAN : (double)x, n);
    c->out[0].i = x == PINE_NA_INT || isnan(p) ? PINE_NA_INT : x - (int64_t)p;
}

/* For bools: whether the value differs from the one [length] bars ago (false at first). */
void ta_change_bool(PCall *c) {
    int64_t n = ta_length(c, 1, "ta.change", "length");
    int64_t x = ta_argi(c, 0);
    double p = ta_lag(c, c->state, x == PINE_NA_INT ? TA_NAN : (double)x, n);
    c->out[0].i = x == PINE_NA_INT || isnan(p) ? 0 : (double)x != p;
}
