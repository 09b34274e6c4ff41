/* Ranges and bands: ta.tr atr bb bbw kc kcw dmi supertrend sar. The bar's high, low and close
 * come from the bars; anything "previous" is the previous bar this call site ran on. */
#include "builtins/ta_util.h"

/* ==================================================================
 * tr atr
 * ================================================================== */

/* `ta.tr` used as a variable is ta.tr(false): na on the first bar. */
void ta_tr_var(PCall *c) {
    c->out[0].f = ta_tr_step(c, c->state, 0);
}

void ta_tr(PCall *c) {
    int64_t h = ta_argi(c, 0);
    c->out[0].f = ta_tr_step(c, c->state, h == 1);
}

/* rma(tr(true), length) */
void ta_atr(PCall *c) {
    TaAtr *st = c->state;
    int64_t n = ta_length(c, 0, "ta.atr", "length");
    c->out[0].f = ta_rma_step(c, &st->rma, ta_tr_step(c, &st->tr, 1), n);
}

void ta_atr_free(void *state) {
    ta_smooth_free(&((TaAtr *)state)->rma);
}

/* ==================================================================
 * Bands: bb bbw kc kcw
 * ================================================================== */

/* A band's step: sets the basis and the distance of either band from it, or returns 0 while
 * the basis is na. */
typedef int BandStep(PCall *c, const char *fn, double *basis, double *dev);

/* [basis, basis + dev, basis - dev] */
static void bands(PCall *c, BandStep *step, const char *fn) {
    double b, d;
    if (!step(c, fn, &b, &d))
        ta_out3(c, TA_NAN, TA_NAN, TA_NAN);
    else
        ta_out3(c, b, b + d, b - d);
}

/* (upper - lower) / basis */
static double band_width(PCall *c, BandStep *step, const char *fn) {
    double b, d;
    return step(c, fn, &b, &d) ? ((b + d) - (b - d)) / b : TA_NAN;
}

/* [sma, sma + mult * stdev, sma - mult * stdev], stdev biased; the sma is the same rolling
 * sum the variance uses, so one machine serves both. */
static int bb_step(PCall *c, const char *fn, double *basis, double *dev) {
    TaVar *st = c->state;
    int64_t n = ta_length(c, 1, fn, "length");
    double x = ta_argf(c, 0), mult = ta_argf(c, 2);
    double p = ta_sum_step(c, &st->p, x, n), q = ta_sum_step(c, &st->q, x * x, n);
    if (isnan(p) || isnan(q)) return 0;
    double m = p / (double)n, var = q / (double)n - m * m;
    *basis = m;
    *dev = mult * sqrt(var > 0.0 ? var : 0.0);
    return 1;
}

void ta_bb(PCall *c) {
    bands(c, bb_step, "ta.bb");
}

/* (upper - lower) / basis * 100 */
void ta_bbw(PCall *c) {
    c->out[0].f = band_width(c, bb_step, "ta.bbw") * 100;
}

/* [ema, ema + mult * ema(range), ema - mult * ema(range)], range = tr (na on the first bar) or
 * high - low; the basis is reported even while the range average is still na. */
static int kc_step(PCall *c, const char *fn, double *basis, double *span) {
    TaKc *st = c->state;
    int64_t n = ta_length(c, 1, fn, "length");
    double mult = ta_argf(c, 2);
    int use_tr = ta_argi(c, 3) == 1;
    double r = use_tr ? ta_tr_step(c, &st->tr, 0) : ta_high(c) - ta_low(c);
    double b = ta_ema_step(c, &st->basis, ta_argf(c, 0), n);
    double rm = ta_ema_step(c, &st->range, r, n);
    *basis = b;
    *span = rm * mult;
    return !isnan(b);
}

void ta_kc(PCall *c) {
    bands(c, kc_step, "ta.kc");
}

/* (upper - lower) / basis */
void ta_kcw(PCall *c) {
    c->out[0].f = band_width(c, kc_step, "ta.kcw");
}

void ta_kc_free(void *state) {
    TaKc *st = state;
    ta_smooth_free(&st->basis);
    ta_smooth_free(&st->range);
}

/* ==================================================================
 * dmi
 * ================================================================== */

/* [+DI, -DI, ADX]: Wilder's directional movement, rma-smoothed over diLength, the ADX an rma
 * of |+DI - -DI| / (+DI + -DI) over adxSmoothing. The movement choice compares with Pine's
 * tolerance; the true range is ta.tr (na on the first bar). */
void ta_dmi(PCall *c) {
    TaDmi *st = c->state;
    int64_t n = ta_length(c, 0, "ta.dmi", "diLength");
    int64_t s = ta_length(c, 1, "ta.dmi", "adxSmoothing");
    double h = ta_high(c), l = ta_low(c);
    double up = st->seen ? h - st->prev_high : TA_NAN;
    double down = st->seen ? -(l - st->prev_low) : TA_NAN;
    st->prev_high = h;
    st->prev_low = l;
    st->seen = 1;
    int na = isnan(up) || isnan(down);
    double a = ta_rma_step(c, &st->tr_rma, ta_tr_step(c, &st->tr, 0), n);
    double pdm = na ? TA_NAN : (up - down > TA_EPS && up > TA_EPS ? up : 0.0);
    double mdm = na ? TA_NAN : (down - up > TA_EPS && down > TA_EPS ? down : 0.0);
    double p = ta_rma_step(c, &st->plus, pdm, n), m = ta_rma_step(c, &st->minus, mdm, n);
    if (isnan(a) || isnan(p) || isnan(m) || a == 0.0) {
        ta_out3(c, TA_NAN, TA_NAN, TA_NAN);
        return;
    }
    p = 100 * p / a;
    m = 100 * m / a;
    double sum = p + m;
    double adx = ta_rma_step(c, &st->adx, fabs(p - m) / (sum != 0.0 ? sum : 1.0), s) * 100;
    ta_out3(c, p, m, adx);
}

void ta_dmi_free(void *state) {
    TaDmi *st = state;
    ta_smooth_free(&st->tr_rma);
    ta_smooth_free(&st->plus);
    ta_smooth_free(&st->minus);
    ta_smooth_free(&st->adx);
}

/* ==================================================================
 * supertrend
 * ================================================================== */

/* The reference's pine_supertrend: bands hl2 -/+ factor * atr that only tighten while the
 * close stays inside them; direction 1 (down) / -1 (up). */
void ta_supertrend(PCall *c) {
    TaSupertrend *st = c->state;
    double factor = ta_argf(c, 0);
    int64_t n = ta_length(c, 1, "ta.supertrend", "atrPeriod");
    double src = (ta_high(c) + ta_low(c)) / 2, close = ta_close(c);
    double atr = ta_rma_step(c, &st->atr, ta_tr_step(c, &st->tr, 1), n);
    double upper = src + factor * atr, lower = src - factor * atr;
    double pl = st->seen && !isnan(st->lower) ? st->lower : 0.0;
    double pu = st->seen && !isnan(st->upper) ? st->upper : 0.0;
    double pc = st->seen ? st->close : TA_NAN;
    lower = lower > pl || pc < pl ? lower : pl;
    upper = upper < pu || pc > pu ? upper : pu;
    double dir;
    if (!st->seen || isnan(st->atr_prev))
        dir = 1;
    else if (st->trend == st->upper)
        dir = close > upper ? -1 : 1;
    else
        dir = close < lower ? 1 : -1;
    double trend = dir == -1 ? lower : upper;
    st->lower = lower;
    st->upper = upper;
    st->close = close;
    st->trend = trend;
    st->atr_prev = atr;
    st->seen = 1;
    c->out[0].f = trend;
    c->out[1].f = dir;
}

void ta_supertrend_free(void *state) {
    ta_smooth_free(&((TaSupertrend *)state)->atr);
}

/* ==================================================================
 * sar
 * ================================================================== */

/* Parabolic SAR as the reference's pine_sar: the trend is set on the second bar by the
 * close's direction; the SAR never enters the previous two bars' range. */
void ta_sar(PCall *c) {
    TaSar *st = c->state;
    double start = ta_argf(c, 0), inc = ta_argf(c, 1), max = ta_argf(c, 2);
    double h = ta_high(c), l = ta_low(c), cl = ta_close(c);
    int64_t bar = st->count++;
    int first = 0;
    if (bar == 0) st->result = st->maxmin = st->acc = TA_NAN;
    if (bar == 1) {
        if (cl > st->c1) {
            st->below = 1;
            st->maxmin = h;
            st->result = st->l1;
        } else {
            st->below = 0;
            st->maxmin = l;
            st->result = st->h1;
        }
        first = 1;
        st->acc = start;
    }
    double r = st->result + st->acc * (st->maxmin - st->result);
    if (st->below) {
        if (r > l) {
            first = 1;
            st->below = 0;
            r = fmax(h, st->maxmin);
            st->maxmin = l;
            st->acc = start;
        }
    } else if (r < h) {
        first = 1;
        st->below = 1;
        r = fmin(l, st->maxmin);
        st->maxmin = h;
        st->acc = start;
    }
    if (!first) {
        if (st->below) {
            if (h > st->maxmin) {
                st->maxmin = h;
                st->acc = fmin(st->acc + inc, max);
            }
        } else if (l < st->maxmin) {
            st->maxmin = l;
            st->acc = fmin(st->acc + inc, max);
        }
    }
    if (st->below) {
        r = fmin(r, st->l1);
        if (bar > 1) r = fmin(r, st->l2);
    } else {
        r = fmax(r, st->h1);
        if (bar > 1) r = fmax(r, st->h2);
    }
    if (bar == 0) r = TA_NAN;
    st->result = r;
    st->h2 = st->h1;
    st->l2 = st->l1;
    st->h1 = h;
    st->l1 = l;
    st->c1 = cl;
    c->out[0].f = r;
}
