/* The color.* library and the named colors. A color is 0xRRGGBBAA; transparency t (0..100)
 * maps to alpha trunc((1 - t/100) * 255), the rounding TradingView was measured to use. */
#include <math.h>

#include "builtins/builtins.h"

static int64_t alpha_of(double transp) {
    if (isnan(transp)) transp = 100;
    if (transp < 0) transp = 0;
    if (transp > 100) transp = 100;
    return (int64_t)((1 - transp / 100.0) * 255);
}

/* A channel argument: fractions truncated, clipped to 0..255, na as 0. */
static int64_t channel(double v) {
    if (isnan(v) || v <= 0) return 0;
    if (v >= 255) return 255;
    return (int64_t)v;
}

static void color_new(PCall *c) {
    int64_t col = c->args[0].i;
    if (col == PINE_NA_INT || isnan(c->args[1].f)) {
        c->out[0].i = PINE_NA_INT;
        return;
    }
    c->out[0].i = (col & 0xFFFFFF00) | alpha_of(c->args[1].f);
}

static void color_rgb(PCall *c) {
    c->out[0].i = channel(c->args[0].f) << 24 | channel(c->args[1].f) << 16 |
                  channel(c->args[2].f) << 8 | alpha_of(c->args[3].f);
}

static void color_r(PCall *c) {
    int64_t v = c->args[0].i;
    c->out[0].f = v == PINE_NA_INT ? 0 : (double)(v >> 24 & 0xFF);
}

static void color_g(PCall *c) {
    int64_t v = c->args[0].i;
    c->out[0].f = v == PINE_NA_INT ? 0 : (double)(v >> 16 & 0xFF);
}

static void color_b(PCall *c) {
    int64_t v = c->args[0].i;
    c->out[0].f = v == PINE_NA_INT ? 0 : (double)(v >> 8 & 0xFF);
}

/* Transparency read back from the alpha byte, rounded to a whole number. */
static void color_t(PCall *c) {
    int64_t v = c->args[0].i;
    c->out[0].f = v == PINE_NA_INT ? 100 : nearbyint(100 - (double)(v & 0xFF) / 255.0 * 100);
}

/* Mixes the two colors with premultiplied alpha after clamping [value] into the range;
 * anything with nothing to mix (na, an empty range, two invisible ends) gives #00000000. */
static void color_from_gradient(PCall *c) {
    double v = c->args[0].f, lo = c->args[1].f, hi = c->args[2].f;
    int64_t bc = c->args[3].i == PINE_NA_INT ? 0 : c->args[3].i;
    int64_t tc = c->args[4].i == PINE_NA_INT ? 0 : c->args[4].i;
    c->out[0].i = 0;
    if (isnan(v) || isnan(lo) || isnan(hi) || hi - lo == 0) return;
    double pos = (fmax(fmin(v, hi), lo) - lo) / (hi - lo);
    double rest = 1 - pos;
    double ba = (double)(bc & 0xFF), ta = (double)(tc & 0xFF);
    double alpha = ba * rest + ta * pos;
    if (alpha == 0) return;
    double scale = alpha / 255, bw = ba / 255, tw = ta / 255;
    int64_t out = 0;
    for (int shift = 24; shift >= 8; shift -= 8) {
        double mixed =
            bw * (double)(bc >> shift & 0xFF) * rest + tw * (double)(tc >> shift & 0xFF) * pos;
        out |= (int64_t)(mixed / scale) << shift;
    }
    c->out[0].i = out | (int64_t)alpha;
}

const BuiltinDef color_builtins[] = {
    {"color.new(series color color, series float transp) -> series color", color_new, 0, BF_PURE,
     NULL},
    {"color.rgb(series float red, series float green, series float blue, series float transp = "
     "0) -> series color",
     color_rgb, 0, BF_PURE, NULL},
    {"color.r(series color color) -> series float", color_r, 0, BF_PURE, NULL},
    {"color.g(series color color) -> series float", color_g, 0, BF_PURE, NULL},
    {"color.b(series color color) -> series float", color_b, 0, BF_PURE, NULL},
    {"color.t(series color color) -> series float", color_t, 0, BF_PURE, NULL},
    {"color.from_gradient(series float value, series float bottom_value, series float "
     "top_value, series color bottom_color, series color top_color) -> series color",
     color_from_gradient, 0, BF_PURE, NULL},
    {0, 0, 0, 0, 0},
};

#define COLOR(name, rgb)                                                                           \
    { "color." name, "const color", {.i = (int64_t)(rgb) << 8 | 0xFF}, NULL }

const ConstDef color_consts[] = {
    COLOR("aqua", 0x00BCD4),    COLOR("black", 0x363A45),  COLOR("blue", 0x2962FF),
    COLOR("fuchsia", 0xE040FB), COLOR("gray", 0x787B86),   COLOR("green", 0x4CAF50),
    COLOR("lime", 0x00E676),    COLOR("maroon", 0x880E4F), COLOR("navy", 0x311B92),
    COLOR("olive", 0x808000),   COLOR("orange", 0xFF9800), COLOR("purple", 0x9C27B0),
    COLOR("red", 0xF23645),     COLOR("silver", 0xB2B5BE), COLOR("teal", 0x089981),
    COLOR("white", 0xFFFFFF),   COLOR("yellow", 0xFDD835), {0, 0, {0}, 0},
};
