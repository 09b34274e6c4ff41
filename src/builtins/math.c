/* The math.* library: constants, elementary functions (pure), rounding as TradingView rounds,
 * and the two stateful ones: math.sum (a rolling sum) and math.random (a seedable generator). */
#include "builtins/ta_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define F(k_) (c->args[k_].f)
#define I(k_) (c->args[k_].i)
#define NA_I(v) ((v) == PINE_NA_INT)

/* ==================================================================
 * Elementary functions (na in, na out: NaN propagates through libm)
 * ================================================================== */

static void m_abs_i(PCall *c) {
    c->out[0].i = NA_I(I(0)) ? PINE_NA_INT : llabs(I(0));
}
static void m_abs(PCall *c) {
    c->out[0].f = fabs(F(0));
}
static void m_sign(PCall *c) {
    double x = F(0);
    c->out[0].f = isnan(x) ? x : x > 0 ? 1.0 : x < 0 ? -1.0 : 0.0;
}
static void m_pow(PCall *c) {
    c->out[0].f = pow(F(0), F(1));
}

/* m_sqrt ... m_atan: math.NAME(x) is libm's NAME(x). */
#define LIBM_UNARY(X) X(sqrt) X(exp) X(log) X(log10) X(sin) X(cos) X(tan) X(asin) X(acos) X(atan)
#define DEFINE_UNARY(name)                                                                         \
    static void m_##name(PCall *c) {                                                               \
        c->out[0].f = name(F(0));                                                                  \
    }
LIBM_UNARY(DEFINE_UNARY)
#undef DEFINE_UNARY
#undef LIBM_UNARY

static void m_todegrees(PCall *c) {
    c->out[0].f = F(0) * (180.0 / M_PI);
}
static void m_toradians(PCall *c) {
    c->out[0].f = F(0) * (M_PI / 180.0);
}

/* A float result that is not a number (1/0, log(-1)) is na; as an int it is PINE_NA_INT. */
static int64_t to_int(double x) {
    if (!isfinite(x) || fabs(x) >= 9.2e18) return PINE_NA_INT;
    return (int64_t)x;
}

static void m_floor(PCall *c) {
    c->out[0].i = to_int(floor(F(0)));
}
static void m_ceil(PCall *c) {
    c->out[0].i = to_int(ceil(F(0)));
}
static void m_int_id(PCall *c) {
    c->out[0].i = I(0);
}

/* ==================================================================
 * Variadic: max min avg
 * ================================================================== */

/* The largest ([want_max]) or smallest argument; na when any is. */
static int64_t extreme_i(PCall *c, int want_max) {
    int64_t r = I(0);
    for (int k = 0; k < c->nargs; k++) {
        if (NA_I(I(k))) return PINE_NA_INT;
        if (want_max ? I(k) > r : I(k) < r) r = I(k);
    }
    return r;
}

static double extreme_f(PCall *c, int want_max) {
    double r = F(0);
    for (int k = 0; k < c->nargs; k++) {
        if (isnan(F(k))) return TA_NAN;
        if (want_max ? F(k) > r : F(k) < r) r = F(k);
    }
    return r;
}

static void m_max_i(PCall *c) {
    c->out[0].i = extreme_i(c, 1);
}
static void m_min_i(PCall *c) {
    c->out[0].i = extreme_i(c, 0);
}
static void m_max(PCall *c) {
    c->out[0].f = extreme_f(c, 1);
}
static void m_min(PCall *c) {
    c->out[0].f = extreme_f(c, 0);
}

static void m_avg(PCall *c) {
    double s = 0.0;
    for (int k = 0; k < c->nargs; k++)
        s += F(k);
    c->out[0].f = s / c->nargs;
}

/* ==================================================================
 * Rounding
 * ================================================================== */

/* Rounds [x] to [prec] decimals, ties away from zero, on its shortest decimal form (so that
 * 2.675 rounds to 2.68, as TradingView does, not to 2.67 as its binary value would). */
static double round_decimal(double x, int64_t prec) {
    if (!isfinite(x) || x == 0.0) return x;
    if (prec > 330) return x;
    if (prec < -330) return 0.0 * x;
    char buf[64];
    int p;
    for (p = 1; p <= 17; p++) {
        snprintf(buf, sizeof buf, "%.*e", p - 1, x);
        if (strtod(buf, NULL) == x) break;
    }
    char digits[24];
    int nd = 0, neg = buf[0] == '-';
    const char *s = buf + neg;
    for (; *s && *s != 'e'; s++)
        if (*s >= '0' && *s <= '9') digits[nd++] = *s;
    int e = atoi(s + 1); /* x = 0.d1d2... * 10^(e+1) */
    int64_t keep = (int64_t)e + 1 + prec;
    if (keep >= nd) return x;
    if (keep < 0) return neg ? -0.0 : 0.0;
    int up = digits[keep] >= '5';
    char kept[24], out[48];
    if (keep == 0 && !up) return neg ? -0.0 : 0.0;
    int carry = up;
    for (int64_t i = keep - 1; i >= 0; i--) {
        int d = digits[i] - '0' + carry;
        carry = d == 10;
        kept[i] = (char)('0' + d % 10);
    }
    if (keep == 0) carry = 1; /* 0.5 -> 1 in the last kept place */
    snprintf(out, sizeof out, "%s%s%.*se%lld", neg ? "-" : "", carry ? "1" : "", (int)keep, kept,
             (long long)-prec);
    return strtod(out, NULL);
}

static void m_round(PCall *c) {
    c->out[0].i = to_int(round(F(0)));
}
static void m_round_p(PCall *c) {
    int64_t p = I(1);
    c->out[0].f = NA_I(p) ? TA_NAN : round_decimal(F(0), p);
}

/* Nearest multiple of the symbol's tick, ties up. Counted in ticks and divided by the price
 * scale (1 / mintick) so that 109689 ticks of 0.00001 give 1.09689, not 1.0968900000000001. */
static void m_round_to_mintick(PCall *c) {
    double x = F(0), t = vm_mintick(c->vm);
    if (isnan(x) || !(t > 0)) {
        c->out[0].f = x;
        return;
    }
    double ticks = floor(x / t + 0.5), scale = round(1.0 / t);
    c->out[0].f = fabs(scale * t - 1.0) < 1e-9 ? ticks / scale : ticks * t;
}

/* ==================================================================
 * Stateful: sum random
 * ================================================================== */

/* The same rolling sum as ta.sma's (TradingView's compensated machine). */
static void m_sum(PCall *c) {
    int64_t n = ta_length(c, 1, "math.sum", "length");
    c->out[0].f = ta_sum_step(c, c->state, F(0), n);
}

/* Java's java.util.Random (48-bit LCG, a = 0x5DEECE66D, c = 11; a double from 26 + 27 bits),
 * which is what TradingView's generator was measured to be. With an na seed the generator is
 * seeded from the call's position, so runs repeat. */
typedef struct MRandom {
    uint64_t state;
    int ready;
} MRandom;

static uint64_t rnd_bits(MRandom *r, int bits) {
    r->state = (r->state * 0x5DEECE66DULL + 0xBULL) & ((1ULL << 48) - 1);
    return r->state >> (48 - bits);
}

static void m_random(PCall *c) {
    MRandom *r = c->state;
    if (!r->ready) {
        int64_t seed = NA_I(I(2)) ? (int64_t)c->line * 1000003 + c->col : I(2);
        r->state = ((uint64_t)seed ^ 0x5DEECE66DULL) & ((1ULL << 48) - 1);
        r->ready = 1;
    }
    uint64_t hi = rnd_bits(r, 26), lo = rnd_bits(r, 27);
    double u = (double)((hi << 27) + lo) / (double)(1ULL << 53);
    c->out[0].f = F(0) + u * (F(1) - F(0));
}

/* ==================================================================
 * Tables
 * ================================================================== */

#define PURE(sig, fn)                                                                              \
    { sig, fn, 0, BF_PURE, NULL }

const BuiltinDef math_builtins[] = {
    PURE("math.abs(series int number) -> series int", m_abs_i),
    PURE("math.abs(series float number) -> series float", m_abs),
    PURE("math.sign(series float number) -> series float", m_sign),
    PURE("math.max(series int number0, series int number1, series int ...) -> series int", m_max_i),
    PURE("math.max(series float number0, series float number1, series float ...) -> series float",
         m_max),
    PURE("math.min(series int number0, series int number1, series int ...) -> series int", m_min_i),
    PURE("math.min(series float number0, series float number1, series float ...) -> series float",
         m_min),
    PURE("math.avg(series float number0, series float number1, series float ...) -> series float",
         m_avg),
    PURE("math.pow(series float base, series float exponent) -> series float", m_pow),
    PURE("math.sqrt(series float number) -> series float", m_sqrt),
    PURE("math.exp(series float number) -> series float", m_exp),
    PURE("math.log(series float number) -> series float", m_log),
    PURE("math.log10(series float number) -> series float", m_log10),
    PURE("math.round(series int number) -> series int", m_int_id),
    PURE("math.round(series float number) -> series int", m_round),
    PURE("math.round(series float number, series int precision) -> series float", m_round_p),
    PURE("math.floor(series int number) -> series int", m_int_id),
    PURE("math.floor(series float number) -> series int", m_floor),
    PURE("math.ceil(series int number) -> series int", m_int_id),
    PURE("math.ceil(series float number) -> series int", m_ceil),
    PURE("math.sin(series float angle) -> series float", m_sin),
    PURE("math.cos(series float angle) -> series float", m_cos),
    PURE("math.tan(series float angle) -> series float", m_tan),
    PURE("math.asin(series float angle) -> series float", m_asin),
    PURE("math.acos(series float angle) -> series float", m_acos),
    PURE("math.atan(series float angle) -> series float", m_atan),
    PURE("math.todegrees(series float radians) -> series float", m_todegrees),
    PURE("math.toradians(series float degrees) -> series float", m_toradians),
    /* syminfo.mintick is simple: a simple result for a simple number, as TradingView's two forms */
    {"math.round_to_mintick(simple float number) -> simple float", m_round_to_mintick, 0, 0, NULL},
    {"math.round_to_mintick(series float number) -> series float", m_round_to_mintick, 0, 0, NULL},
    {"math.sum(series float source, series int length > 0) -> series float", m_sum, sizeof(TaSum),
     0, ta_sum_state_free},
    {"math.random(series float min = 0, series float max = 1, series int seed = na) -> "
     "series float",
     m_random, sizeof(MRandom), BF_SIDE, NULL},
    {0},
};

const ConstDef math_consts[] = {
    {"math.pi", "const float", {.f = 3.14159265358979323846}, NULL},
    {"math.e", "const float", {.f = 2.71828182845904523536}, NULL},
    {"math.phi", "const float", {.f = 1.61803398874989484820}, NULL},
    {"math.rphi", "const float", {.f = 0.61803398874989484820}, NULL},
    {0},
};
