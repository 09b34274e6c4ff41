/* Moving averages: ta.sma ema rma wma vwma swma hma alma linreg. Each call site smooths only
 * the values it was given, on the bars it ran. */
#include "builtins/ta_util.h"

#include <stdlib.h>

/* ==================================================================
 * sma ema rma
 * ================================================================== */

void ta_sma(PCall *c) {
    int64_t n = ta_length(c, 1, "ta.sma", "length");
    double s = ta_sum_step(c, c->state, ta_argf(c, 0), n);
    c->out[0].f = s / (double)n;
}

void ta_ema(PCall *c) {
    int64_t n = ta_length(c, 1, "ta.ema", "length");
    c->out[0].f = ta_ema_step(c, c->state, ta_argf(c, 0), n);
}

void ta_rma(PCall *c) {
    int64_t n = ta_length(c, 1, "ta.rma", "length");
    c->out[0].f = ta_rma_step(c, c->state, ta_argf(c, 0), n);
}

void ta_sum_state_free(void *state) {
    ta_sum_free(state);
}
void ta_smooth_state_free(void *state) {
    ta_smooth_free(state);
}
void ta_buf_state_free(void *state) {
    ta_buf_free(state);
}

/* ==================================================================
 * wma hma vwma swma
 * ================================================================== */

void ta_wma(PCall *c) {
    int64_t n = ta_length(c, 1, "ta.wma", "length");
    c->out[0].f = ta_wma_step(c, c->state, ta_argf(c, 0), n);
}

void ta_wma_state_free(void *state) {
    ta_wma_free(state);
}

/* wma(2 * wma(src, length / 2) - wma(src, length), floor(sqrt(length))); the outer average
 * only sees bars where both inner ones are defined. */
void ta_hma(PCall *c) {
    TaHma *st = c->state;
    /* length / 2 and floor(sqrt(length)) are both at least 1 */
    int64_t n = ta_int_at_least(c, 1, "ta.hma", "length", 2);
    double x = ta_argf(c, 0);
    c->out[0].f = TA_NAN;
    if (isnan(x)) return;
    int64_t half = n / 2, root = (int64_t)floor(sqrt((double)n));
    double a = ta_wma_step(c, &st->half, x, half);
    double b = ta_wma_step(c, &st->full, x, n);
    if (isnan(a) || isnan(b)) return;
    c->out[0].f = ta_wma_step(c, &st->outer, 2.0 * a - b, root);
}

void ta_hma_free(void *state) {
    TaHma *st = state;
    ta_wma_free(&st->half);
    ta_wma_free(&st->full);
    ta_wma_free(&st->outer);
}

/* sma(source * volume, length) / sma(volume, length) */
void ta_vwma(PCall *c) {
    TaVwma *st = c->state;
    int64_t n = ta_length(c, 1, "ta.vwma", "length");
    double x = ta_argf(c, 0), v = ta_volume(c);
    double a = ta_sum_step(c, &st->pv, x * v, n) / (double)n;
    double b = ta_sum_step(c, &st->v, v, n) / (double)n;
    c->out[0].f = a / b;
}

void ta_vwma_free(void *state) {
    TaVwma *st = state;
    ta_sum_free(&st->pv);
    ta_sum_free(&st->v);
}

/* Fixed length 4, weights 1/6 2/6 2/6 1/6, summed oldest first as in the reference. */
void ta_swma(PCall *c) {
    TaBuf *h = c->state;
    ta_buf_push(c, h, ta_argf(c, 0), 4);
    if (h->n < 4) {
        c->out[0].f = TA_NAN;
        return;
    }
    c->out[0].f = ta_buf_at(h, 3) * 1 / 6 + ta_buf_at(h, 2) * 2 / 6 + ta_buf_at(h, 1) * 2 / 6 +
                  ta_buf_at(h, 0) * 1 / 6;
}

/* ==================================================================
 * alma
 * ================================================================== */

/* Gaussian weights centred on offset * (length - 1), width length / sigma; i = 0 is the
 * oldest value of the window. */
void ta_alma(PCall *c) {
    TaAlma *st = c->state;
    int64_t n = ta_length(c, 1, "ta.alma", "length");
    double offset = ta_argf(c, 2), sigma = ta_argf(c, 3);
    int64_t fl = ta_argi(c, 4);
    ta_buf_push(c, &st->hist, ta_argf(c, 0), n);
    if (st->n != n || st->offset != offset || st->sigma != sigma || st->floor != fl) {
        double *w = realloc(st->w, (size_t)n * sizeof *w);
        if (!w) vm_error(c, "out of memory");
        st->w = w;
        double m = offset * (double)(n - 1);
        if (fl == 1) m = floor(m);
        double s = (double)n / sigma, norm = 0.0;
        for (int64_t i = 0; i < n; i++) {
            w[i] = exp(-1 * pow((double)i - m, 2) / (2 * pow(s, 2)));
            norm += w[i];
        }
        st->norm = norm;
        st->n = n;
        st->offset = offset;
        st->sigma = sigma;
        st->floor = fl;
    }
    if (st->hist.n < n) {
        c->out[0].f = TA_NAN;
        return;
    }
    double sum = 0.0;
    for (int64_t i = 0; i < n; i++)
        sum += ta_buf_at(&st->hist, n - i - 1) * st->w[i];
    c->out[0].f = sum / st->norm;
}

void ta_alma_free(void *state) {
    TaAlma *st = state;
    ta_buf_free(&st->hist);
    free(st->w);
}

/* ==================================================================
 * linreg
 * ================================================================== */

/* Least squares over the last [length] non-na values, x = 1..length from the oldest, the
 * line evaluated at length - 1 - offset; an na bar repeats the last result. The sums are
 * recomputed each bar in TradingView's order (a rolling update drifts). */
void ta_linreg(PCall *c) {
    TaLinreg *st = c->state;
    int64_t n = ta_length(c, 1, "ta.linreg", "length");
    double x = ta_argf(c, 0);
    int64_t off = ta_argi(c, 2);
    if (n == 1) {
        c->out[0].f = x;
        return;
    }
    if (isnan(x) || off == PINE_NA_INT) {
        c->out[0].f = st->hist.n >= n ? st->last : TA_NAN;
        return;
    }
    ta_buf_push(c, &st->hist, x, n);
    if (st->hist.n < n) {
        c->out[0].f = TA_NAN;
        return;
    }
    double sx = 0.0, sx2 = 0.0;
    for (int64_t i = 1; i <= n; i++) {
        double p = (double)i;
        sx = sx + p;
        sx2 = sx2 + p * p;
    }
    double denom = (double)n * sx2 - sx * sx;
    double sy = 0.0, sxy = 0.0, per = 0.0;
    for (int64_t k = n - 1; k >= 0; k--) {
        double y = ta_buf_at(&st->hist, k);
        per = per + 1.0;
        sy = sy + y;
        sxy = sxy + y * per;
    }
    double slope = ((double)n * sxy - sx * sy) / denom;
    double average = sy / (double)n;
    double intercept = average - slope * sx / (double)n + slope;
    st->last = intercept + slope * (double)(n - 1 - off);
    c->out[0].f = st->last;
}
