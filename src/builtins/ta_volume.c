/* Volume indicators: ta.vwap obv accdist pvt pvi nvi iii wad wvad. The variables (ta.obv, ...)
 * are call sites like any other: each keeps its own running state. */
#include "builtins/ta_util.h"

/* ==================================================================
 * vwap
 * ================================================================== */

/* The anchor of the bare forms: the first bar of a new calendar day in the bar's own UTC
 * offset (the session start, until the VM exposes sessions). */
static int new_day(PCall *c) {
    const Bars *b = ta_bars(c);
    if (ta_bar(c) == 0) return 1;
    int64_t i = ta_at(c);
    int64_t o0 = b->utc_offset_min ? b->utc_offset_min[i] : 0;
    int64_t o1 = b->utc_offset_min ? b->utc_offset_min[i - 1] : 0;
    int64_t d0 = (b->time[i] / 1000 + o0 * 60), d1 = (b->time[i - 1] / 1000 + o1 * 60);
    d0 = d0 >= 0 ? d0 / 86400 : (d0 - 86399) / 86400;
    d1 = d1 >= 0 ? d1 / 86400 : (d1 - 86399) / 86400;
    return d0 != d1;
}

/* Volume-weighted mean of [src] since the last anchor; with bands, the volume-weighted
 * standard deviation times [mult] on either side. Before the first anchor: na. */
static void vwap_step(PCall *c, double src, int anchor, int bands, double mult) {
    TaVwap *st = c->state;
    double v = ta_volume(c);
    if (isnan(src)) goto na;
    if (anchor) {
        st->sv = v;
        st->spv = src * v;
        st->sppv = 0.0;
        st->anchored = 1;
    } else if (st->anchored) {
        st->sv += v;
        st->spv += src * v;
    } else {
        goto na;
    }
    double w = st->spv / st->sv;
    if (isnan(w)) goto na;
    if (!bands) {
        c->out[0].f = w;
        return;
    }
    st->sppv += src * src * v;
    double var = st->sppv / st->sv - w * w, d = sqrt(var > 0.0 ? var : 0.0) * mult;
    ta_out3(c, w, w + d, w - d);
    return;
na:
    if (bands)
        ta_out3(c, TA_NAN, TA_NAN, TA_NAN);
    else
        c->out[0].f = TA_NAN;
}

void ta_vwap_var(PCall *c) {
    const Bars *b = ta_bars(c);
    int64_t i = ta_at(c);
    vwap_step(c, (b->high[i] + b->low[i] + b->close[i]) / 3, new_day(c), 0, 0);
}

void ta_vwap1(PCall *c) {
    vwap_step(c, ta_argf(c, 0), new_day(c), 0, 0);
}
void ta_vwap2(PCall *c) {
    vwap_step(c, ta_argf(c, 0), ta_argi(c, 1) == 1, 0, 0);
}
void ta_vwap3(PCall *c) {
    vwap_step(c, ta_argf(c, 0), ta_argi(c, 1) == 1, 1, ta_argf(c, 2));
}

/* ==================================================================
 * obv accdist pvt wad (running totals)
 * ================================================================== */

/* cum(sign(change(close)) * volume); na on the first bar, where there is no change. */
void ta_obv(PCall *c) {
    TaRunPrev *st = c->state;
    double cl = ta_close(c), chg = st->seen ? cl - st->prev : TA_NAN;
    st->prev = cl;
    st->seen = 1;
    c->out[0].f = TA_NAN;
    if (isnan(chg)) return;
    c->out[0].f = ta_total_add(&st->total, ta_volume(c) * (chg > 0 ? 1.0 : chg < 0 ? -1.0 : 0.0));
}

/* cum(((close - low) - (high - close)) / (high - low) * volume), skipping undefined terms */
void ta_accdist(PCall *c) {
    TaRunPrev *st = c->state;
    double h = ta_high(c), l = ta_low(c), cl = ta_close(c);
    double mfv = ((cl - l) - (h - cl)) / (h - l) * ta_volume(c);
    if (!isnan(mfv)) st->total += mfv;
    c->out[0].f = st->total;
}

/* cum(change(close) / close[1] * volume); na on the first bar. */
void ta_pvt(PCall *c) {
    TaRunPrev *st = c->state;
    double cl = ta_close(c), pc = st->seen ? st->prev : TA_NAN;
    st->prev = cl;
    st->seen = 1;
    c->out[0].f = ta_total_add(&st->total, (cl - pc) / pc * ta_volume(c));
}

/* Williams accumulation/distribution: cum of close - true low on up bars, close - true high
 * on down bars. */
void ta_wad(PCall *c) {
    TaRunPrev *st = c->state;
    double h = ta_high(c), l = ta_low(c), cl = ta_close(c), pc = st->seen ? st->prev : TA_NAN;
    double th = isnan(pc) || h >= pc ? h : pc, tl = isnan(pc) || l <= pc ? l : pc;
    double m = cl - pc, gain = m > 0.0 ? cl - tl : m < 0.0 ? cl - th : 0.0;
    st->prev = cl;
    st->seen = 1;
    c->out[0].f = ta_total_add(&st->total, gain);
}

/* ==================================================================
 * pvi nvi (volume indices starting at 1)
 * ================================================================== */

/* The index moves with the close's relative change on bars whose volume rose ([rising]) or
 * fell; the negative index also stands still while either close is 0. */
static void volume_index(PCall *c, int rising) {
    TaVi *st = c->state;
    if (!st->seen) st->index = 1.0;
    double cl = ta_close(c), v = ta_volume(c), r = st->index;
    int moves =
        rising ? v > st->prev_volume : cl != 0.0 && st->prev_close != 0.0 && v < st->prev_volume;
    if (moves) r = st->index + ((cl - st->prev_close) / st->prev_close) * st->index;
    if (!isfinite(r)) r = st->index;
    st->prev_close = cl;
    st->prev_volume = v;
    st->index = r;
    st->seen = 1;
    c->out[0].f = r;
}

void ta_pvi(PCall *c) {
    volume_index(c, 1);
}

void ta_nvi(PCall *c) {
    volume_index(c, 0);
}

/* ==================================================================
 * iii wvad (per bar)
 * ================================================================== */

/* Intraday intensity: (2 * close - high - low) / ((high - low) * volume) */
void ta_iii(PCall *c) {
    double h = ta_high(c), l = ta_low(c);
    c->out[0].f = (2 * ta_close(c) - h - l) / ((h - l) * ta_volume(c));
}

/* (close - open) / (high - low) * volume */
void ta_wvad(PCall *c) {
    c->out[0].f = (ta_close(c) - ta_open(c)) / (ta_high(c) - ta_low(c)) * ta_volume(c);
}
