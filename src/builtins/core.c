/* The core library: bar and chart variables (barstate, syminfo), fixnan, plot and
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
