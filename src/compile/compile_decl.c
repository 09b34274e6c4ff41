/* The script's declaration statement, indicator() or strategy(): every argument is a constant
 * of a known type (TradingView's `const int`, `const string`...), checked here, with its range,
 * so that `pine check` refuses what `pine run` and `pine backtest` would. The values go to
 * Program.decl_args for the broker and the outputs. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile/compile_int.h"

/* ====== the parameters ====== */

enum DeclRule {
    R_NONE,
    R_POSITIVE, /* > 0 */
    R_NONNEG,   /* >= 0 */
    R_RANGE,    /* lo ..= hi */
    R_WORDS,    /* one of words[] */
};

typedef struct DeclParam {
    const char *name;
    uint8_t type; /* T_STRING, T_BOOL, T_INT, or T_FLOAT (an int fits) */
    uint8_t rule;
    double lo, hi;
    const char *const *words; /* R_WORDS: the values allowed, NULL-terminated */
    const char *words_text;   /* R_WORDS: how the message names them */
} DeclParam;

static const char *const FORMATS[] = {"inherit", "price", "volume", "percent", "mintick", 0};
static const char *const SCALES[] = {"right", "left", "none", 0};
static const char *const QTY_TYPES[] = {"fixed", "cash", "percent_of_equity", 0};
static const char *const COMMISSIONS[] = {"percent", "cash_per_contract", "cash_per_order", 0};
static const char *const CLOSE_RULES[] = {"FIFO", "ANY", 0};

/* The types and ranges are the Reference Manual's (v6, indicator() and strategy()). */
static const DeclParam decl_params[] = {
    {"title", T_STRING},
    {"shorttitle", T_STRING},
    {"overlay", T_BOOL},
    {"format", T_STRING, R_WORDS, 0, 0, FORMATS, "one of format.*"},
    {"precision", T_INT, R_RANGE, 0, 16},
    {"scale", T_STRING, R_WORDS, 0, 0, SCALES, "scale.right, scale.left or scale.none"},
    {"max_bars_back", T_INT, R_RANGE, 1, 5000},
    {"timeframe", T_STRING},
    {"timeframe_gaps", T_BOOL},
    {"explicit_plot_zorder", T_BOOL},
    {"max_lines_count", T_INT, R_RANGE, 1, 500},
    {"max_labels_count", T_INT, R_RANGE, 1, 500},
    {"max_boxes_count", T_INT, R_RANGE, 1, 500},
    {"calc_bars_count", T_INT, R_NONNEG},
    {"max_polylines_count", T_INT, R_RANGE, 1, 100},
    {"dynamic_requests", T_BOOL},
    {"behind_chart", T_BOOL},
    {"pyramiding", T_INT, R_NONNEG},
    {"calc_on_order_fills", T_BOOL},
    {"calc_on_every_tick", T_BOOL},
    {"backtest_fill_limits_assumption", T_INT, R_NONNEG},
    {"default_qty_type", T_STRING, R_WORDS, 0, 0, QTY_TYPES,
     "strategy.fixed, strategy.cash or strategy.percent_of_equity"},
    {"default_qty_value", T_FLOAT, R_POSITIVE},
    {"initial_capital", T_FLOAT, R_POSITIVE},
    {"currency", T_STRING},
    {"slippage", T_INT, R_NONNEG},
    {"commission_type", T_STRING, R_WORDS, 0, 0, COMMISSIONS,
     "strategy.commission.percent, strategy.commission.cash_per_contract or "
     "strategy.commission.cash_per_order"},
    {"commission_value", T_FLOAT, R_NONNEG},
    {"process_orders_on_close", T_BOOL},
    {"close_entries_rule", T_STRING, R_WORDS, 0, 0, CLOSE_RULES, "\"FIFO\" or \"ANY\""},
    {"margin_long", T_FLOAT, R_NONNEG},
    {"margin_short", T_FLOAT, R_NONNEG},
    {"risk_free_rate", T_FLOAT},
    {"use_bar_magnifier", T_BOOL},
    {"fill_orders_on_standard_ohlc", T_BOOL},
    {0, 0},
};

/* Positional order of each declaration's parameters. */
static const char *const ind_params[] = {"title",
                                         "shorttitle",
                                         "overlay",
                                         "format",
                                         "precision",
                                         "scale",
                                         "max_bars_back",
                                         "timeframe",
                                         "timeframe_gaps",
                                         "explicit_plot_zorder",
                                         "max_lines_count",
                                         "max_labels_count",
                                         "max_boxes_count",
                                         "calc_bars_count",
                                         "max_polylines_count",
                                         "dynamic_requests",
                                         "behind_chart",
                                         0};
static const char *const strat_params[] = {"title",
                                           "shorttitle",
                                           "overlay",
                                           "format",
                                           "precision",
                                           "scale",
                                           "pyramiding",
                                           "calc_on_order_fills",
                                           "calc_on_every_tick",
                                           "max_bars_back",
                                           "backtest_fill_limits_assumption",
                                           "default_qty_type",
                                           "default_qty_value",
                                           "initial_capital",
                                           "currency",
                                           "slippage",
                                           "commission_type",
                                           "commission_value",
                                           "process_orders_on_close",
                                           "close_entries_rule",
                                           "margin_long",
                                           "margin_short",
                                           "explicit_plot_zorder",
                                           "max_lines_count",
                                           "max_labels_count",
                                           "max_boxes_count",
                                           "calc_bars_count",
                                           "risk_free_rate",
                                           "use_bar_magnifier",
                                           "fill_orders_on_standard_ohlc",
                                           "max_polylines_count",
                                           "dynamic_requests",
                                           "behind_chart",
                                           0};

static const DeclParam *decl_param(const char *name) {
    for (const DeclParam *d = decl_params; d->name; d++)
        if (!strcmp(d->name, name)) return d;
    return NULL;
}

/* ====== checking one argument ====== */

/* The value of argument [an] when it is a constant; otherwise reports the qualified type it
 * has against the `const` one [d] needs and returns 0. */
static int decl_value(Compiler *C, const char *fn, const DeclParam *d, Node *an, EType *v) {
    if (cc_const_eval(C, an, v)) return 1;
    /* compiled only for its type: the code is dropped again */
    size_t start = C->p->ncode;
    int sp = C->sp, errors = C->d->errors;
    EType e = cc_expr(C, an);
    C->p->ncode = start;
    C->sp = sp;
    if (C->d->errors > errors) return 0;
    if (e.n != 1)
        cc_error(C, an->loc,
                 "cannot call `%s` with argument `%s`: %s was used but const %s is expected", fn,
                 d->name, e.n ? "a tuple" : "void", type_name(C->types, d->type));
    else
        cc_error(C, an->loc,
                 "cannot call `%s` with argument `%s`: an argument of %s %s type was used but a "
                 "const %s is expected",
                 fn, d->name, qual_name(e.q), type_name(C->types, e.t),
                 type_name(C->types, d->type));
    return 0;
}

/* Checks constant [v] of parameter [d] against its type and range; returns 1 when it holds. */
static int decl_check(Compiler *C, const char *fn, const DeclParam *d, const EType *v, Loc at) {
    Type b = v->t;
    if (b == T_NA) return 1; /* na: the default */
    /* v5 casts numbers to bool implicitly; v6 does not */
    int fits = b == d->type || (d->type == T_FLOAT && b == T_INT) ||
               (d->type == T_BOOL && type_isnum(v->t) && C->version < 6);
    if (!fits) {
        cc_error(C, at, "cannot call `%s` with argument `%s`: %s was used but const %s is expected",
                 fn, d->name, type_name(C->types, v->t), type_name(C->types, d->type));
        return 0;
    }
    double x = v->cval.f;
    switch (d->rule) {
    case R_POSITIVE:
        if (x > 0) return 1;
        cc_error(C, at, "%s must be greater than 0", d->name);
        return 0;
    case R_NONNEG:
        if (x >= 0) return 1;
        cc_error(C, at, "%s must not be negative", d->name);
        return 0;
    case R_RANGE:
        if (x >= d->lo && x <= d->hi) return 1;
        cc_error(C, at, "%s must be between %g and %g", d->name, d->lo, d->hi);
        return 0;
    case R_WORDS:
        for (int i = 0; d->words[i]; i++)
            if (v->cstr && !strcmp(v->cstr, d->words[i])) return 1;
        cc_error(C, at, "%s must be %s, not \"%s\"", d->name, d->words_text,
                 v->cstr ? v->cstr : "");
        return 0;
    }
    return 1;
}

/* ====== the declaration ====== */

void cc_declaration(Compiler *C, Node *call) {
    const char *name = call->left->name;
    if (!strcmp(name, "library")) {
        C->have_decl = 1;
        cc_error(C, call->loc, "libraries are not supported yet");
        return;
    }
    if (!strcmp(name, "study")) {
        cc_error(C, call->loc, "`study()` is Pine v4; use `indicator()`");
        return;
    }
    if (C->have_decl) {
        cc_error(C, call->loc, "the script already has a declaration statement");
        return;
    }
    C->have_decl = 1;
    Program *p = C->p;
    p->is_strategy = !strcmp(name, "strategy");
    const char *const *params = p->is_strategy ? strat_params : ind_params;
    int pos = 0, has_title = 0;
    for (int i = 0; i < call->nargs; i++) {
        const char *pn = call->args[i].name;
        if (!pn) {
            int k = 0;
            while (params[k] && k < pos)
                k++;
            if (!params[k]) {
                cc_error(C, call->args[i].loc, "too many arguments to `%s()`", name);
                continue;
            }
            pn = params[pos++];
        } else {
            int found = 0;
            for (int k = 0; params[k]; k++)
                found |= !strcmp(params[k], pn);
            if (!found) {
                cc_error(C, call->args[i].loc, "`%s()` has no parameter `%s`", name, pn);
                continue;
            }
        }
        int dup = 0;
        for (int k = 0; k < p->ndecl_args; k++)
            dup |= !strcmp(p->decl_args[k].name, pn);
        if (dup) {
            cc_error(C, call->args[i].loc, "argument `%s` is given twice", pn);
            continue;
        }
        has_title |= !strcmp(pn, "title");
        const DeclParam *d = decl_param(pn);
        EType v;
        Node *an = call->args[i].value;
        if (!decl_value(C, name, d, an, &v) || !decl_check(C, name, d, &v, an->loc)) continue;
        p->decl_args = realloc(p->decl_args, sizeof *p->decl_args * (size_t)(p->ndecl_args + 1));
        DeclArg *da = &p->decl_args[p->ndecl_args++];
        da->name = strdup(pn);
        da->type = v.t;
        da->value = v.cval;
        da->svalue = v.t == T_STRING && v.cstr ? strdup(v.cstr) : NULL;
        da->line = an->loc.line;
        da->col = an->loc.col;
        if (v.t == T_NA) continue;
        if (!strcmp(pn, "timeframe") && v.cstr && *v.cstr)
            diag_warning(C->d, an->loc,
                         "`timeframe = \"%s\"` is not supported yet: the script runs on the "
                         "data's own bars, so its values differ from TradingView's",
                         v.cstr);
        if (!strcmp(pn, "title"))
            p->title = strdup(v.cstr);
        else if (!strcmp(pn, "shorttitle"))
            p->shorttitle = strdup(v.cstr);
        else if (!strcmp(pn, "overlay"))
            p->overlay = v.cval.f != 0 && !isnan(v.cval.f);
        else if (!strcmp(pn, "precision"))
            p->precision = (int)v.cval.f;
        else if (!strcmp(pn, "max_bars_back"))
            p->max_bars_back = (int)v.cval.f;
    }
    if (!has_title) cc_error(C, call->loc, "`%s()` needs a title", name);
}
