/* The core library: bar and chart variables (barstate, syminfo, timeframe), fixnan, plot and
 * the other output calls, runtime.error and log.*. Bar fields such as close are compiled to
 * opcodes; their entries here give the checker their types. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/bars.h"
#include "builtins/builtins.h"
#include "data/numfmt.h"
#include "vm/opcodes.h"

/* ====== bar variables ====== */

static void v_last_bar_index(PCall *c) {
    c->out[0].i = vm_last_bar_index(c->vm);
}

/* ====== barstate ====== */

static void bs_isfirst(PCall *c) {
    c->out[0].i = vm_bar_index(c->vm) == 0;
}
static void bs_islast(PCall *c) {
    c->out[0].i = vm_bar_index(c->vm) == vm_last_bar_index(c->vm);
}
static void bs_true(PCall *c) {
    c->out[0].i = 1;
}
static void bs_false(PCall *c) {
    c->out[0].i = 0;
}
/* On historical data every bar is confirmed and the last one is the last confirmed one. */
static void bs_islastconfirmedhistory(PCall *c) {
    bs_islast(c);
}

/* ====== syminfo ====== */

static void si_ticker(PCall *c) {
    const char *s = vm_symbol(c->vm);
    const char *colon = strchr(s, ':');
    c->out[0].p = vm_str_new(c->vm, colon ? colon + 1 : s, strlen(colon ? colon + 1 : s));
}
static void si_tickerid(PCall *c) {
    const char *s = vm_symbol(c->vm);
    c->out[0].p = vm_str_new(c->vm, s, strlen(s));
}
static void si_prefix(PCall *c) {
    const char *s = vm_symbol(c->vm);
    const char *colon = strchr(s, ':');
    c->out[0].p = vm_str_new(c->vm, s, colon ? (size_t)(colon - s) : 0);
}
static void si_mintick(PCall *c) {
    c->out[0].f = vm_mintick(c->vm);
}
static void si_pointvalue(PCall *c) {
    c->out[0].f = 1;
}
static void si_timezone(PCall *c) {
    const char *tz = vm_timezone(c->vm);
    c->out[0].p = vm_str_new(c->vm, tz, strlen(tz));
}
static void si_currency(PCall *c) {
    c->out[0].p = vm_str_new(c->vm, "USD", 3);
}
static void si_type(PCall *c) {
    c->out[0].p = vm_str_new(c->vm, "", 0);
}

/* ====== timeframe ====== */

/* TradingView's length of a month in timeframe arithmetic: 365/12 days, rounded up
 * (Reference Manual, timeframe.in_seconds: "1M" is 2628003 seconds). */
#define MONTH_SECONDS 2628003LL

/* Writes TradingView's text for a bar length of [sec] seconds: "15S", "60", "1D", "1W", "1M".
 * Pine v5 writes a multiplier of 1 as nothing for days, weeks and months ("D"); v6 always
 * writes it ("1D") (v6 migration guide, timeframe.period). */
static void tf_text(int64_t sec, int version, char *buf, size_t n) {
    long long k;
    char unit = 0;
    if (sec <= 0) sec = 60;
    if (sec >= 28LL * 86400)
        k = (sec + MONTH_SECONDS / 2) / MONTH_SECONDS, unit = 'M';
    else if (sec % (7 * 86400) == 0)
        k = sec / (7 * 86400), unit = 'W';
    else if (sec % 86400 == 0)
        k = sec / 86400, unit = 'D';
    else if (sec % 60 == 0)
        k = sec / 60;
    else
        k = sec, unit = 'S';
    if (!unit)
        snprintf(buf, n, "%lld", k);
    else if (k == 1 && version < 6 && unit != 'S')
        snprintf(buf, n, "%c", unit);
    else
        snprintf(buf, n, "%lld%c", k, unit);
}

static void tf_period(PCall *c) {
    char buf[32];
    tf_text(vm_timeframe_seconds(c->vm), vm_version(c->vm), buf, sizeof buf);
    c->out[0].p = vm_str_new(c->vm, buf, strlen(buf));
}

static void tf_multiplier(PCall *c) {
    int64_t s = vm_timeframe_seconds(c->vm);
    c->out[0].i = s >= 28 * 86400        ? (s + MONTH_SECONDS / 2) / MONTH_SECONDS
                  : s % (7 * 86400) == 0 ? s / (7 * 86400)
                  : s % 86400 == 0       ? s / 86400
                  : s % 60 == 0          ? s / 60
                                         : s;
}

static void tf_isintraday(PCall *c) {
    c->out[0].i = vm_timeframe_seconds(c->vm) < 86400;
}
static void tf_isdaily(PCall *c) {
    int64_t s = vm_timeframe_seconds(c->vm);
    c->out[0].i = s >= 86400 && s < 7 * 86400;
}
static void tf_isweekly(PCall *c) {
    int64_t s = vm_timeframe_seconds(c->vm);
    c->out[0].i = s >= 7 * 86400 && s < 28 * 86400;
}
static void tf_ismonthly(PCall *c) {
    c->out[0].i = vm_timeframe_seconds(c->vm) >= 28 * 86400;
}
static void tf_isminutes(PCall *c) {
    int64_t s = vm_timeframe_seconds(c->vm);
    c->out[0].i = s < 86400 && s % 60 == 0;
}
static void tf_isseconds(PCall *c) {
    c->out[0].i = vm_timeframe_seconds(c->vm) % 60 != 0;
}
static void tf_isdwm(PCall *c) {
    c->out[0].i = vm_timeframe_seconds(c->vm) >= 86400;
}

#define BAD_TIMEFRAME "invalid timeframe \"%s\""

/* Parses a TradingView timeframe string ("", "5", "60", "1D", "W", "3M", "30S") to seconds
 * ([chart] for ""); returns 0 when it is not one. */
static int tf_parse(const char *s, int64_t chart, int64_t *secs) {
    if (!*s) {
        *secs = chart;
        return 1;
    }
    char *end;
    long long n = strtoll(s, &end, 10);
    if (end == s) n = 1;
    int64_t unit;
    switch (!end[0] ? 0 : end[1] ? '?' : end[0]) {
    case 0: unit = 60; break; /* a number of minutes */
    case 'S': unit = 1; break;
    case 'D': unit = 86400; break;
    case 'W': unit = 7 * 86400; break;
    case 'M': unit = MONTH_SECONDS; break;
    default: return 0;
    }
    *secs = n * unit;
    return 1;
}

static void tf_in_seconds(PCall *c) {
    PStr *s = c->args[0].p;
    const char *tf = s ? s->data : "";
    int64_t secs;
    if (!tf_parse(tf, vm_timeframe_seconds(c->vm), &secs)) vm_error(c, BAD_TIMEFRAME, tf);
    c->out[0].i = secs;
}

static const char *check_in_seconds(int param, const char *s, char *msg, size_t n) {
    int64_t secs;
    if (!s || tf_parse(s, 60, &secs)) return NULL;
    snprintf(msg, n, BAD_TIMEFRAME, s);
    return msg;
}

/* ====== functions ====== */

typedef struct FixnanState {
    PValue last;
    int has;
} FixnanState;

static void f_fixnan(PCall *c) {
    FixnanState *st = c->state;
    PValue v = c->args[0];
    if (!isnan(v.f)) {
        st->last = v;
        st->has = 1;
    }
    c->out[0].f = st->has ? st->last.f : NAN;
}

static void f_noop_void(PCall *c) {
    (void)c;
}
static void f_noop_id(PCall *c) {
    c->out[0].f = NAN;
}

static void f_runtime_error(PCall *c) {
    PStr *s = c->args[0].p;
    vm_error(c, "%s", s ? s->data : "runtime.error() called");
}

static void log_msg(PCall *c, const char *level) {
    PStr *s = c->args[0].p;
    const Bars *b = vm_bars(c->vm);
    int64_t i = vm_bar_index(c->vm) - b->base;
    char when[48];
    fmt_time_iso(when, b->time[i], b->utc_offset_min ? b->utc_offset_min[i] : 0);
    fprintf(stderr, "[%s] %s: %s\n", when, level, s ? s->data : "na");
}

static void f_log_info(PCall *c) {
    log_msg(c, "info");
}
static void f_log_warning(PCall *c) {
    log_msg(c, "warning");
}
static void f_log_error(PCall *c) {
    log_msg(c, "error");
}

#define PLOT_REST                                                                                  \
    "input int linewidth = 1, input int style = plot.style_line, input bool trackprice = false, "  \
    "input float histbase = 0, simple int offset = 0, input bool join = false, "                   \
    "const bool editable = true, const int show_last = na, input int display = display.all, "      \
    "input string format = na, input int precision = na, const bool force_overlay = false"

/* The bar fields' rows give the checker and `pine builtins` their types; each one compiles to a
 * BAR instruction, so no function runs for it. */
#define TYPE_NAME_T_FLOAT "float"
#define TYPE_NAME_T_INT "int"
#define BAR_FIELD_DEF(NAME, name, type) {#name " -> series " TYPE_NAME_##type, NULL, 0, BF_VAR, 0},

const BuiltinDef core_builtins[] = {
    BAR_FIELD_LIST(BAR_FIELD_DEF) /* open, high, ... */
    {"last_bar_index -> series int", v_last_bar_index, 0, BF_VAR, 0},
    {"barstate.isfirst -> series bool", bs_isfirst, 0, BF_VAR, 0},
    {"barstate.islast -> series bool", bs_islast, 0, BF_VAR, 0},
    {"barstate.isconfirmed -> series bool", bs_true, 0, BF_VAR, 0},
    {"barstate.ishistory -> series bool", bs_true, 0, BF_VAR, 0},
    {"barstate.isrealtime -> series bool", bs_false, 0, BF_VAR, 0},
    {"barstate.isnew -> series bool", bs_true, 0, BF_VAR, 0},
    {"barstate.islastconfirmedhistory -> series bool", bs_islastconfirmedhistory, 0, BF_VAR, 0},
    {"syminfo.ticker -> simple string", si_ticker, 0, BF_VAR, 0},
    {"syminfo.tickerid -> simple string", si_tickerid, 0, BF_VAR, 0},
    {"syminfo.prefix -> simple string", si_prefix, 0, BF_VAR, 0},
    {"syminfo.root -> simple string", si_ticker, 0, BF_VAR, 0},
    {"syminfo.description -> simple string", si_ticker, 0, BF_VAR, 0},
    {"syminfo.mintick -> simple float", si_mintick, 0, BF_VAR, 0},
    {"syminfo.pointvalue -> simple float", si_pointvalue, 0, BF_VAR, 0},
    {"syminfo.timezone -> simple string", si_timezone, 0, BF_VAR, 0},
    {"syminfo.currency -> simple string", si_currency, 0, BF_VAR, 0},
    {"syminfo.type -> simple string", si_type, 0, BF_VAR, 0},
    {"timeframe.period -> simple string", tf_period, 0, BF_VAR, 0},
    {"timeframe.multiplier -> simple int", tf_multiplier, 0, BF_VAR, 0},
    {"timeframe.isintraday -> simple bool", tf_isintraday, 0, BF_VAR, 0},
    {"timeframe.isdaily -> simple bool", tf_isdaily, 0, BF_VAR, 0},
    {"timeframe.isweekly -> simple bool", tf_isweekly, 0, BF_VAR, 0},
    {"timeframe.ismonthly -> simple bool", tf_ismonthly, 0, BF_VAR, 0},
    {"timeframe.isminutes -> simple bool", tf_isminutes, 0, BF_VAR, 0},
    {"timeframe.isseconds -> simple bool", tf_isseconds, 0, BF_VAR, 0},
    {"timeframe.isdwm -> simple bool", tf_isdwm, 0, BF_VAR, 0},
    {"timeframe.isticks -> simple bool", bs_false, 0, BF_VAR, 0},
    {"timeframe.in_seconds(simple string timeframe = \"\") -> simple int", tf_in_seconds, 0, 0, 0,
     .check = check_in_seconds},
    {"fixnan(series T source) -> series T", f_fixnan, sizeof(FixnanState), 0, 0},
    /* no body: the compiler turns every plot() into a PLOT instruction (compile_call.c) */
    {"plot(series float series, const string title = \"\", series color color = na, " PLOT_REST
     ") -> plot",
     NULL, 0, BF_PLOT | BF_SIDE | BF_TOPLEVEL, 0},
    {"hline(input float price, const string title = \"\", input color color = #787B86, "
     "input int linestyle = hline.style_dashed, input int linewidth = 1, "
     "const bool editable = true, input int display = display.all) -> hline",
     f_noop_id, 0, BF_SIDE | BF_TOPLEVEL, 0},
    {"bgcolor(series color color, simple int offset = 0, const bool editable = true, "
     "simple int show_last = na, const string title = \"\", input int display = display.all, "
     "const bool overlay = false, const bool force_overlay = false) -> void",
     f_noop_void, 0, BF_SIDE | BF_TOPLEVEL, 0},
    {"barcolor(series color color, simple int offset = 0, const bool editable = true, "
     "simple int show_last = na, const string title = \"\", input int display = display.all) "
     "-> void",
     f_noop_void, 0, BF_SIDE | BF_TOPLEVEL, 0},
    {"fill(plot plot1, plot plot2, series color color = na, const string title = \"\", "
     "const bool editable = true, input int show_last = na, const bool fillgaps = false, "
     "input int display = display.all) -> void",
     f_noop_void, 0, BF_SIDE | BF_TOPLEVEL, 0},
    {"fill(hline hline1, hline hline2, series color color = na, const string title = \"\", "
     "const bool editable = true, input int show_last = na, const bool fillgaps = false, "
     "input int display = display.all) -> void",
     f_noop_void, 0, BF_SIDE | BF_TOPLEVEL, 0},
    {"alertcondition(series bool condition, const string title = \"\", "
     "const string message = \"\") -> void",
     f_noop_void, 0, BF_SIDE | BF_IGNORED, 0},
    {"alert(series string message, input string freq = alert.freq_once_per_bar) -> void",
     f_noop_void, 0, BF_SIDE | BF_IGNORED, 0},
    {"runtime.error(series string message) -> void", f_runtime_error, 0, BF_SIDE, 0},
    {"log.info(series string message) -> void", f_log_info, 0, BF_SIDE, 0},
    {"log.warning(series string message) -> void", f_log_warning, 0, BF_SIDE, 0},
    {"log.error(series string message) -> void", f_log_error, 0, BF_SIDE, 0},
    {"max_bars_back(series float var, const int num) -> void", f_noop_void, 0, BF_SIDE, 0},
    {0, 0, 0, 0, 0},
};

#define CI(n, v)                                                                                   \
    { n, "const int", {.i = v}, 0 }
#define CS(n, v)                                                                                   \
    { n, "const string", {.p = 0}, v }

const ConstDef core_consts[] = {
    CI("plot.style_line", 0),
    CI("plot.style_stepline", 1),
    CI("plot.style_stepline_diamond", 2),
    CI("plot.style_histogram", 3),
    CI("plot.style_cross", 4),
    CI("plot.style_area", 5),
    CI("plot.style_columns", 6),
    CI("plot.style_circles", 7),
    CI("plot.style_linebr", 8),
    CI("plot.style_areabr", 9),
    CI("plot.style_steplinebr", 10),
    CI("display.none", 0),
    CI("display.pane", 1),
    CI("display.data_window", 2),
    CI("display.price_scale", 4),
    CI("display.status_line", 8),
    CI("display.pine_screener", 16),
    CI("display.all", 31),
    CI("hline.style_solid", 0),
    CI("hline.style_dotted", 1),
    CI("hline.style_dashed", 2),
    CS("alert.freq_all", "all"),
    CS("alert.freq_once_per_bar", "once_per_bar"),
    CS("alert.freq_once_per_bar_close", "once_per_bar_close"),
    CS("scale.right", "right"),
    CS("scale.left", "left"),
    CS("scale.none", "none"),
    {0, 0, {0}, 0},
};
