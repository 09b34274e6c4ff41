/* The drawing namespaces (label, line, box, table, linefill, polyline): accepted with their
 * real parameter lists so scripts that draw still run, and ignored with one notice. Nothing is
 * drawn or exported; constructors and getters return na of their type. */
#include <math.h>

#include "builtins/builtins.h"

/* ====== what ignored calls return ====== */

static void ret_void(PCall *c) {
    (void)c;
}
/* Drawing ids and floats are not converted at the boundary: na is NaN. */
static void ret_na_float(PCall *c) {
    c->out[0].f = NAN;
}
static void ret_na_int(PCall *c) {
    c->out[0].i = PINE_NA_INT;
}
static void ret_na_string(PCall *c) {
    c->out[0].p = NULL;
}

/* label.all and friends: no drawing is ever kept, so the list is empty. */
static void ret_empty_ids(PCall *c) {
    c->out[0].p = vm_array_new(c->vm, c->rtype, 0);
}

/* ====== arrays of drawing ids (array.new<label>() and array.new_label()) ====== */

static void new_ids(PCall *c) {
    int64_t n = c->args[0].i == PINE_NA_INT ? 0 : c->args[0].i;
    if (n < 0) vm_error(c, "array size must not be negative (%lld)", (long long)n);
    if (n > 100000) vm_error(c, "array size %lld exceeds the limit of 100000", (long long)n);
    PArray *a = vm_array_new(c->vm, c->rtype, (int32_t)n);
    for (int64_t i = 0; i < n; i++)
        a->items[i] = c->args[1];
    c->out[0].p = a;
}

/* ====== registration ====== */

#define IGN (BF_IGNORED | BF_SIDE)
#define SET(sig)                                                                                   \
    { sig " -> void", ret_void, 0, IGN, 0 }
#define GET_F(sig)                                                                                 \
    { sig " -> series float", ret_na_float, 0, IGN, 0 }
#define GET_I(sig)                                                                                 \
    { sig " -> series int", ret_na_int, 0, IGN, 0 }
#define GET_S(sig)                                                                                 \
    { sig " -> series string", ret_na_string, 0, IGN, 0 }
#define NEW(sig, type)                                                                             \
    { sig " -> series " type, ret_na_float, 0, IGN, 0 }

#define LABEL_REST                                                                                 \
    "series string text = \"\", series string xloc = xloc.bar_index, "                             \
    "series string yloc = yloc.price, series color color = color.blue, "                           \
    "series string style = label.style_label_down, series color textcolor = color.white, "         \
    "series string size = size.normal, series string textalign = text.align_center, "              \
    "series string tooltip = na, series string text_font_family = font.family_default, "           \
    "const bool force_overlay = false, const int text_formatting = text.format_none)"

#define BOX_TEXT_REST                                                                              \
    "series string text = \"\", series string text_size = size.auto, "                             \
    "series color text_color = color.black, series string text_halign = text.align_center, "       \
    "series string text_valign = text.align_center, series string text_wrap = text.wrap_none, "    \
    "series string text_font_family = font.family_default, const bool force_overlay = false, "     \
    "const int text_formatting = text.format_none)"

const BuiltinDef drawing_builtins[] = {
    /* label */
    NEW("label.new(series int x, series float y, " LABEL_REST, "label"),
    NEW("label.copy(series label id)", "label"),
    SET("label.delete(series label id)"),
    SET("label.set_x(series label id, series int x)"),
    SET("label.set_y(series label id, series float y)"),
    SET("label.set_xy(series label id, series int x, series float y)"),
    SET("label.set_text(series label id, series string text)"),
    SET("label.set_xloc(series label id, series int x, series string xloc)"),
    SET("label.set_yloc(series label id, series string yloc)"),
    SET("label.set_color(series label id, series color color)"),
    SET("label.set_style(series label id, series string style)"),
    SET("label.set_textcolor(series label id, series color textcolor)"),
    SET("label.set_size(series label id, series string size)"),
    SET("label.set_textalign(series label id, series string textalign)"),
    SET("label.set_tooltip(series label id, series string tooltip)"),
    SET("label.set_text_font_family(series label id, series string text_font_family)"),
    SET("label.set_text_formatting(series label id, const int text_formatting)"),
    GET_I("label.get_x(series label id)"),
    GET_F("label.get_y(series label id)"),
    GET_S("label.get_text(series label id)"),
    {"label.all -> array<label>", ret_empty_ids, 0, BF_VAR, 0},
    /* line */
    NEW("line.new(series int x1, series float y1, series int x2, series float y2, "
        "series string xloc = xloc.bar_index, series string extend = extend.none, "
        "series color color = color.blue, series string style = line.style_solid, "
        "series int width = 1, const bool force_overlay = false)",
        "line"),
    NEW("line.copy(series line id)", "line"),
    SET("line.delete(series line id)"),
    SET("line.set_x1(series line id, series int x)"),
    SET("line.set_y1(series line id, series float y)"),
    SET("line.set_x2(series line id, series int x)"),
    SET("line.set_y2(series line id, series float y)"),
    SET("line.set_xy1(series line id, series int x, series float y)"),
    SET("line.set_xy2(series line id, series int x, series float y)"),
    SET("line.set_xloc(series line id, series int x1, series int x2, series string xloc)"),
    SET("line.set_extend(series line id, series string extend)"),
    SET("line.set_color(series line id, series color color)"),
    SET("line.set_style(series line id, series string style)"),
    SET("line.set_width(series line id, series int width)"),
    GET_I("line.get_x1(series line id)"),
    GET_I("line.get_x2(series line id)"),
    GET_F("line.get_y1(series line id)"),
    GET_F("line.get_y2(series line id)"),
    GET_F("line.get_price(series line id, series int x)"),
    {"line.all -> array<line>", ret_empty_ids, 0, BF_VAR, 0},
    /* box */
    NEW("box.new(series int left, series float top, series int right, series float bottom, "
        "series color border_color = color.blue, series int border_width = 1, "
        "series string border_style = line.style_solid, series string extend = extend.none, "
        "series string xloc = xloc.bar_index, series color bgcolor = color.blue, " BOX_TEXT_REST,
        "box"),
    NEW("box.copy(series box id)", "box"),
    SET("box.delete(series box id)"),
    SET("box.set_left(series box id, series int left)"),
    SET("box.set_right(series box id, series int right)"),
    SET("box.set_top(series box id, series float top)"),
    SET("box.set_bottom(series box id, series float bottom)"),
    SET("box.set_lefttop(series box id, series int left, series float top)"),
    SET("box.set_rightbottom(series box id, series int right, series float bottom)"),
    SET("box.set_xloc(series box id, series int left, series int right, series string xloc)"),
    SET("box.set_border_color(series box id, series color color)"),
    SET("box.set_border_width(series box id, series int width)"),
    SET("box.set_border_style(series box id, series string style)"),
    SET("box.set_extend(series box id, series string extend)"),
    SET("box.set_bgcolor(series box id, series color color)"),
    SET("box.set_text(series box id, series string text)"),
    SET("box.set_text_size(series box id, series string text_size)"),
    SET("box.set_text_color(series box id, series color text_color)"),
    SET("box.set_text_halign(series box id, series string text_halign)"),
    SET("box.set_text_valign(series box id, series string text_valign)"),
    SET("box.set_text_wrap(series box id, series string text_wrap)"),
    SET("box.set_text_font_family(series box id, series string text_font_family)"),
    SET("box.set_text_formatting(series box id, const int text_formatting)"),
    GET_I("box.get_left(series box id)"),
    GET_I("box.get_right(series box id)"),
    GET_F("box.get_top(series box id)"),
    GET_F("box.get_bottom(series box id)"),
    {"box.all -> array<box>", ret_empty_ids, 0, BF_VAR, 0},
    /* table */
    NEW("table.new(series string position, series int columns, series int rows, "
        "series color bgcolor = na, series color frame_color = na, series int frame_width = 0, "
        "series color border_color = na, series int border_width = 0, "
        "const bool force_overlay = false)",
        "table"),
    SET("table.cell(series table table_id, series int column, series int row, "
        "series string text = \"\", series float width = 0, series float height = 0, "
        "series color text_color = color.black, series string text_halign = text.align_center, "
        "series string text_valign = text.align_center, series string text_size = size.normal, "
        "series color bgcolor = na, series string tooltip = na, "
        "series string text_font_family = font.family_default, "
        "const int text_formatting = text.format_none)"),
    SET("table.cell_set_text(series table table_id, series int column, series int row, "
        "series string text)"),
    SET("table.cell_set_bgcolor(series table table_id, series int column, series int row, "
        "series color bgcolor)"),
    SET("table.cell_set_text_color(series table table_id, series int column, series int row, "
        "series color text_color)"),
    SET("table.cell_set_text_size(series table table_id, series int column, series int row, "
        "series string text_size)"),
    SET("table.cell_set_text_halign(series table table_id, series int column, series int row, "
        "series string text_halign)"),
    SET("table.cell_set_text_valign(series table table_id, series int column, series int row, "
        "series string text_valign)"),
    SET("table.cell_set_tooltip(series table table_id, series int column, series int row, "
        "series string tooltip)"),
    SET("table.cell_set_width(series table table_id, series int column, series int row, "
        "series float width)"),
    SET("table.cell_set_height(series table table_id, series int column, series int row, "
        "series float height)"),
    SET("table.cell_set_text_font_family(series table table_id, series int column, "
        "series int row, series string text_font_family)"),
    SET("table.cell_set_text_formatting(series table table_id, series int column, "
        "series int row, const int text_formatting)"),
    SET("table.clear(series table table_id, series int start_column, series int start_row, "
        "series int end_column = na, series int end_row = na)"),
    SET("table.merge_cells(series table table_id, series int start_column, "
        "series int start_row, series int end_column, series int end_row)"),
    SET("table.set_position(series table table_id, series string position)"),
    SET("table.set_bgcolor(series table table_id, series color bgcolor)"),
    SET("table.set_frame_color(series table table_id, series color frame_color)"),
    SET("table.set_frame_width(series table table_id, series int frame_width)"),
    SET("table.set_border_color(series table table_id, series color border_color)"),
    SET("table.set_border_width(series table table_id, series int border_width)"),
    SET("table.delete(series table table_id)"),
    {"table.all -> array<table>", ret_empty_ids, 0, BF_VAR, 0},
    /* linefill */
    NEW("linefill.new(series line line1, series line line2, series color color)", "linefill"),
    SET("linefill.set_color(series linefill id, series color color)"),
    SET("linefill.delete(series linefill id)"),
    NEW("linefill.get_line1(series linefill id)", "line"),
    NEW("linefill.get_line2(series linefill id)", "line"),
    {"linefill.all -> array<linefill>", ret_empty_ids, 0, BF_VAR, 0},
    /* polyline (polyline.new needs chart.point, which is not supported) */
    SET("polyline.delete(series polyline id)"),
    {"polyline.all -> array<polyline>", ret_empty_ids, 0, BF_VAR, 0},
    /* arrays of ids */
    {"array.new_label(series int size = 0, series label initial_value = na) -> array<label>",
     new_ids, 0, 0, 0},
    {"array.new_line(series int size = 0, series line initial_value = na) -> array<line>", new_ids,
     0, 0, 0},
    {"array.new_box(series int size = 0, series box initial_value = na) -> array<box>", new_ids, 0,
     0, 0},
    {"array.new_table(series int size = 0, series table initial_value = na) -> array<table>",
     new_ids, 0, 0, 0},
    {"array.new_linefill(series int size = 0, series linefill initial_value = na) "
     "-> array<linefill>",
     new_ids, 0, 0, 0},
    {0, 0, 0, 0, 0},
};

#define CS(n, v)                                                                                   \
    { n, "const string", {.p = 0}, v }
#define CI(n, v)                                                                                   \
    { n, "const int", {.i = v}, 0 }

/* Values as TradingView prints them with str.tostring (e.g. extend.both is "b"). */
const ConstDef drawing_consts[] = {
    CS("xloc.bar_index", "bar_index"),
    CS("xloc.bar_time", "bar_time"),
    CS("yloc.price", "price"),
    CS("yloc.abovebar", "abovebar"),
    CS("yloc.belowbar", "belowbar"),
    CS("extend.none", "n"),
    CS("extend.left", "l"),
    CS("extend.right", "r"),
    CS("extend.both", "b"),
    CS("label.style_none", "none"),
    CS("label.style_xcross", "xcross"),
    CS("label.style_cross", "cross"),
    CS("label.style_triangleup", "triangleup"),
    CS("label.style_triangledown", "triangledown"),
    CS("label.style_flag", "flag"),
    CS("label.style_circle", "circle"),
    CS("label.style_arrowup", "arrowup"),
    CS("label.style_arrowdown", "arrowdown"),
    CS("label.style_label_up", "label_up"),
    CS("label.style_label_down", "label_down"),
    CS("label.style_label_left", "label_left"),
    CS("label.style_label_right", "label_right"),
    CS("label.style_label_lower_left", "label_lower_left"),
    CS("label.style_label_lower_right", "label_lower_right"),
    CS("label.style_label_upper_left", "label_upper_left"),
    CS("label.style_label_upper_right", "label_upper_right"),
    CS("label.style_label_center", "label_center"),
    CS("label.style_square", "square"),
    CS("label.style_diamond", "diamond"),
    CS("label.style_text_outline", "text_outline"),
    CS("line.style_solid", "solid"),
    CS("line.style_dotted", "dotted"),
    CS("line.style_dashed", "dashed"),
    CS("line.style_arrow_left", "arrow_left"),
    CS("line.style_arrow_right", "arrow_right"),
    CS("line.style_arrow_both", "arrow_both"),
    CS("text.align_left", "left"),
    CS("text.align_center", "center"),
    CS("text.align_right", "right"),
    CS("text.align_top", "top"),
    CS("text.align_bottom", "bottom"),
    CS("text.wrap_auto", "auto"),
    CS("text.wrap_none", "none"),
    CI("text.format_none", 0),
    CI("text.format_bold", 1),
    CI("text.format_italic", 2),
    CS("font.family_default", "default"),
    CS("font.family_monospace", "monospace"),
    CS("position.top_left", "top_left"),
    CS("position.top_center", "top_center"),
    CS("position.top_right", "top_right"),
    CS("position.middle_left", "middle_left"),
    CS("position.middle_center", "middle_center"),
    CS("position.middle_right", "middle_right"),
    CS("position.bottom_left", "bottom_left"),
    CS("position.bottom_center", "bottom_center"),
    CS("position.bottom_right", "bottom_right"),
    {0, 0, {0}, 0},
};
