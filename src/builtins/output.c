/* The plot-like output calls besides plot(): plotshape, plotchar, plotarrow, plotcandle and
 * plotbar, each an exported column (or four), and the constants that style them (shape.*,
 * location.*, size.*). What each one exports is recorded in docs/builtins.md. */
#include <math.h>

#include "builtins/builtins.h"

/* ====== values written to the export ====== */

/* A bool series exports 1 or 0, as TradingView's data window shows it; na stays na. */
static void out_bool(PCall *c) {
    int64_t v = c->args[0].i;
    vm_plot_set(c, v == PINE_NA_INT ? NAN : v ? 1.0 : 0.0);
}

/* A numeric series exports its value, whatever the shape drawn for it. */
static void out_float(PCall *c) {
    vm_plot_set(c, c->args[0].f);
}

/* plotcandle and plotbar: four columns, open high low close. */
static void out_ohlc(PCall *c) {
    for (int k = 0; k < 4; k++)
        vm_plot_set_col(c, k, c->args[k].f);
}

/* ====== registration ====== */

#define OUT_FLAGS (BF_PLOT | BF_SIDE | BF_TOPLEVEL)

#define SHAPE_REST                                                                                 \
    "const string title = \"\", input string style = shape.xcross, "                               \
    "input string location = location.abovebar, series color color = color.blue, "                 \
    "series int offset = 0, const string text = \"\", series color textcolor = color.black, "      \
    "const bool editable = true, const string size = size.auto, input int show_last = na, "        \
    "input int display = display.all, input string format = na, input int precision = na, "        \
    "const bool force_overlay = false) -> void"

#define CHAR_REST                                                                                  \
    "const string title = \"\", input string char = \"★\", "                                     \
    "input string location = location.abovebar, series color color = color.blue, "                 \
    "series int offset = 0, const string text = \"\", series color textcolor = color.black, "      \
    "const bool editable = true, const string size = size.auto, input int show_last = na, "        \
    "input int display = display.all, input string format = na, input int precision = na, "        \
    "const bool force_overlay = false) -> void"

#define OHLC_PARAMS                                                                                \
    "series float open, series float high, series float low, series float close, "                 \
    "const string title = \"\", series color color = na, "

const BuiltinDef output_builtins[] = {
    {"plotshape(series float series, " SHAPE_REST, out_float, 0, OUT_FLAGS, 0},
    {"plotshape(series bool series, " SHAPE_REST, out_bool, 0, OUT_FLAGS, 0},
    {"plotchar(series float series, " CHAR_REST, out_float, 0, OUT_FLAGS, 0},
    {"plotchar(series bool series, " CHAR_REST, out_bool, 0, OUT_FLAGS, 0},
    {"plotarrow(series float series, const string title = \"\", "
     "series color colorup = color.green, series color colordown = color.red, "
     "series int offset = 0, input int minheight = 5, input int maxheight = 100, "
     "const bool editable = true, input int show_last = na, input int display = display.all, "
     "input string format = na, input int precision = na, const bool force_overlay = false) "
     "-> void",
     out_float, 0, OUT_FLAGS, 0},
    {"plotcandle(" OHLC_PARAMS "series color wickcolor = na, const bool editable = true, "
     "input int show_last = na, series color bordercolor = na, input int display = display.all, "
     "input string format = na, input int precision = na, const bool force_overlay = false) "
     "-> void",
     out_ohlc, 0, OUT_FLAGS, 0, 4},
    {"plotbar(" OHLC_PARAMS "const bool editable = true, input int show_last = na, "
     "input int display = display.all, input string format = na, input int precision = na, "
     "const bool force_overlay = false) -> void",
     out_ohlc, 0, OUT_FLAGS, 0, 4},
    {0, 0, 0, 0, 0},
};

#define CS(n, v)                                                                                   \
    { n, "const string", {.p = 0}, v }

/* The strings are TradingView's own values of these constants (str.tostring(shape.xcross) is
 * "xcross", location.abovebar is "AboveBar"). */
const ConstDef output_consts[] = {
    CS("shape.xcross", "xcross"),
    CS("shape.cross", "cross"),
    CS("shape.triangleup", "triangleup"),
    CS("shape.triangledown", "triangledown"),
    CS("shape.flag", "flag"),
    CS("shape.circle", "circle"),
    CS("shape.arrowup", "arrowup"),
    CS("shape.arrowdown", "arrowdown"),
    CS("shape.labelup", "labelup"),
    CS("shape.labeldown", "labeldown"),
    CS("shape.square", "square"),
    CS("shape.diamond", "diamond"),
    CS("location.abovebar", "AboveBar"),
    CS("location.belowbar", "BelowBar"),
    CS("location.top", "Top"),
    CS("location.bottom", "Bottom"),
    CS("location.absolute", "Absolute"),
    CS("size.auto", "auto"),
    CS("size.tiny", "tiny"),
    CS("size.small", "small"),
    CS("size.normal", "normal"),
    CS("size.large", "large"),
    CS("size.huge", "huge"),
    {0, 0, {0}, 0},
};
