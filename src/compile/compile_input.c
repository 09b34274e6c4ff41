/* Inputs: input() and input.*() calls, their values from defaults or --input overrides
 * (checked against type, bounds and options), recorded for `pine inputs`. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "compile/compile_int.h"

/* ====== inputs ====== */

/* The kind of value each input form makes; its parameters are its signature's (the special
 * forms' table, builtins/special.c). */
static const struct {
    const char *name;
    InputKind kind;
} input_forms[] = {{"input.int", IN_INT},
                   {"input.float", IN_FLOAT},
                   {"input.bool", IN_BOOL},
                   {"input.string", IN_STRING},
                   {"input.color", IN_COLOR},
                   {"input.source", IN_SOURCE},
                   {"input.timeframe", IN_TIMEFRAME},
                   {"input.time", IN_TIME},
                   {"input.price", IN_PRICE},
                   {"input.session", IN_SESSION},
                   {"input.symbol", IN_SYMBOL},
                   {"input.text_area", IN_TEXT_AREA},
                   {"input", IN_FLOAT},
                   {0, 0}};

/* The bar field a source input names: one of the float fields (close, hl2...), in any case;
 * -1 when none. */
static int find_source(const char *s) {
    for (int f = 0; f < BAR__COUNT; f++)
        if (bar_fields[f].type == T_FLOAT && !strcasecmp(s, bar_fields[f].name)) return f;
    return -1;
}

static const char *kind_name(InputKind k) {
    static const char *n[] = {"int",    "float",     "bool", "string",  "color",
                              "source", "timeframe", "time", "session", "symbol",
                              "price",  "text_area", "enum"};
    return n[k];
}

static int parse_color_text(const char *s, double *out) {
    if (*s != '#') return 0;
    size_t n = strlen(s + 1);
    if (n != 6 && n != 8) return 0;
    for (size_t i = 1; i <= n; i++)
        if (!isxdigit((unsigned char)s[i])) return 0;
    unsigned long v = strtoul(s + 1, NULL, 16);
    if (n == 6) v = v << 8 | 0xFF;
    *out = (double)v;
    return 1;
}

/* Applies a command-line override [text] to [in]; returns 0 with [why] set when it is bad. */
static int apply_override(InputSpec *in, const char *text, char *why, size_t n) {
    char *end;
    switch (in->kind) {
    case IN_INT:
    case IN_TIME: {
        long long v = strtoll(text, &end, 10);
        if (!*text || *end) {
            snprintf(why, n, "expects an int, got \"%s\"", text);
            return 0;
        }
        in->value.f = (double)v;
        break;
    }
    case IN_FLOAT:
    case IN_PRICE: {
        double v = strtod(text, &end);
        if (!*text || *end || isnan(v)) {
            snprintf(why, n, "expects a number, got \"%s\"", text);
            return 0;
        }
        in->value.f = v;
        break;
    }
    case IN_BOOL:
        if (!strcasecmp(text, "true"))
            in->value.f = 1;
        else if (!strcasecmp(text, "false"))
            in->value.f = 0;
        else {
            snprintf(why, n, "expects true or false, got \"%s\"", text);
            return 0;
        }
        break;
    case IN_COLOR:
        if (!parse_color_text(text, &in->value.f)) {
            snprintf(why, n, "expects a color like #FF0000 or #FF000080, got \"%s\"", text);
            return 0;
        }
        break;
    case IN_SOURCE: {
        int k = find_source(text);
        if (k < 0) {
            size_t at = (size_t)snprintf(why, n, "expects one of ");
            for (int f = 0; f < BAR__COUNT && at < n; f++)
                if (bar_fields[f].type == T_FLOAT)
                    at += (size_t)snprintf(why + at, n - at, "%s, ", bar_fields[f].name);
            if (at < n) snprintf(why + at, n - at, "got \"%s\"", text);
            return 0;
        }
        free((char *)in->svalue);
        in->svalue = strdup(bar_fields[k].name);
        break;
    }
    default:
        free((char *)in->svalue);
        in->svalue = strdup(text);
        break;
    }
    if (!isnan(in->minval) && in->value.f < in->minval) {
        snprintf(why, n, "%s is below the minimum %g", text, in->minval);
        return 0;
    }
    if (!isnan(in->maxval) && in->value.f > in->maxval) {
        snprintf(why, n, "%s is above the maximum %g", text, in->maxval);
        return 0;
    }
    if (in->noptions) {
        int found = 0;
        for (int i = 0; i < in->noptions; i++) {
            char buf[64];
            if (in->svalue && (in->kind == IN_STRING || in->kind == IN_TIMEFRAME ||
                               in->kind == IN_SESSION || in->kind == IN_SYMBOL))
                found |= !strcmp(in->options[i], in->svalue);
            else {
                snprintf(buf, sizeof buf, "%.17g", in->value.f);
                found |= strtod(in->options[i], NULL) == in->value.f;
            }
        }
        if (!found) {
            size_t k = (size_t)snprintf(why, n, "\"%s\" is not one of the input's options (", text);
            for (int i = 0; i < in->noptions && k < n; i++)
                k += (size_t)snprintf(why + k, n - k, "%s%s", i ? ", " : "", in->options[i]);
            if (k < n) snprintf(why + k, n - k, ")");
            return 0;
        }
    }
    return 1;
}

EType cc_input(Compiler *C, Node *n, const Sig *sig) {
    const char *name = sig->name;
    InputKind kind = IN_FLOAT;
    for (int i = 0; input_forms[i].name; i++)
        if (!strcmp(input_forms[i].name, name)) kind = input_forms[i].kind;
    enum { OPTS = SIG_MAX_PARAMS };
    Node *vals[OPTS + 1] = {0};
    int nparams = sig->nparams;
    int pos = 0;
    for (int i = 0; i < n->nargs; i++) {
        int p = -1;
        if (n->args[i].name) {
            for (int j = 0; j < nparams; j++)
                if (!strcmp(sig->params[j].name, n->args[i].name)) p = j;
            if (p < 0) {
                cc_error(C, n->args[i].loc, "`%s` has no parameter `%s`", name, n->args[i].name);
                continue;
            }
        } else {
            p = pos++;
            /* input.int(defval, title, options) is the form with a list of options */
            if (p == 2 && n->args[i].value->kind == N_TUPLE && (kind == IN_INT || kind == IN_FLOAT))
                p = -2;
            if (p >= nparams) {
                cc_error(C, n->args[i].loc, "too many arguments to `%s`", name);
                continue;
            }
        }
        if (p == -2 || !strcmp(sig->params[p].name, "options")) {
            vals[OPTS] = n->args[i].value;
            continue;
        }
        vals[p] = n->args[i].value;
    }
    if (!vals[0]) {
        cc_error(C, n->loc, "`%s` needs a default value (defval)", name);
        cc_op(C, OPC_NA);
        return et_val(T_NA, Q_INPUT);
    }
    Program *p = C->p;
    p->inputs = realloc(p->inputs, sizeof *p->inputs * (size_t)(p->ninputs + 1));
    InputSpec *in = &p->inputs[p->ninputs];
    memset(in, 0, sizeof *in);
    in->kind = kind;
    in->minval = in->maxval = in->step = NAN;
    in->line = n->loc.line;
    if (C->decl_name) in->var = strdup(C->decl_name);
    for (int j = 1; j < nparams; j++) {
        if (!vals[j]) continue;
        EType v;
        const char *pn = sig->params[j].name;
        int isconst = cc_const_eval(C, vals[j], &v);
        if (!strcmp(pn, "title")) {
            if (isconst && v.t == T_STRING)
                in->title = strdup(v.cstr);
            else
                cc_error(C, vals[j]->loc, "an input title must be a constant string");
        } else if (!strcmp(pn, "minval") || !strcmp(pn, "maxval") || !strcmp(pn, "step")) {
            if (!isconst || !type_isnum(v.t))
                cc_error(C, vals[j]->loc, "`%s` must be a constant number", pn);
            else if (pn[0] == 'm' && pn[1] == 'i')
                in->minval = v.cval.f;
            else if (pn[0] == 'm')
                in->maxval = v.cval.f;
            else
                in->step = v.cval.f;
        }
    }
    /* the default value */
    Node *dv = vals[0];
    EType d;
    int dconst = cc_const_eval(C, dv, &d);
    int source = -1;
    if (kind == IN_SOURCE || (!strcmp(name, "input") && !dconst)) {
        in->kind = IN_SOURCE;
        if (dv->kind == N_IDENT && (source = find_source(dv->name)) >= 0) {
            in->sdefval = strdup(bar_fields[source].name);
            in->svalue = strdup(bar_fields[source].name);
        }
    } else if (!dconst) {
        cc_error(C, dv->loc, "the default value of an input must be a constant");
        cc_op(C, OPC_NA);
        p->ninputs++;
        return et_val(T_NA, Q_INPUT);
    } else {
        if (!strcmp(name, "input")) {
            in->kind = d.t == T_INT      ? IN_INT
                       : d.t == T_BOOL   ? IN_BOOL
                       : d.t == T_STRING ? IN_STRING
                       : d.t == T_COLOR  ? IN_COLOR
                                         : IN_FLOAT;
        }
        Type want = in->kind == IN_INT || in->kind == IN_TIME      ? T_INT
                    : in->kind == IN_FLOAT || in->kind == IN_PRICE ? T_FLOAT
                    : in->kind == IN_BOOL                          ? T_BOOL
                    : in->kind == IN_COLOR                         ? T_COLOR
                                                                   : T_STRING;
        int fits = d.t == want || (want == T_FLOAT && d.t == T_INT);
        if (!fits)
            cc_error(C, dv->loc, "`%s` needs a %s default value, got %s", name,
                     type_name(C->types, want), type_name(C->types, d.t));
        if (want == T_STRING) {
            in->sdefval = strdup(d.cstr ? d.cstr : "");
            in->svalue = strdup(in->sdefval);
        } else {
            in->defval = d.cval;
            in->value = d.cval;
        }
    }
    if (vals[OPTS]) {
        Node *o = vals[OPTS];
        if (o->kind != N_TUPLE)
            cc_error(C, o->loc, "input options must be a list like [1, 2, 3]");
        else {
            in->options = calloc((size_t)o->list.n + 1, sizeof(char *));
            for (int i = 0; i < o->list.n; i++) {
                EType v;
                if (!cc_const_eval(C, o->list.items[i], &v)) {
                    cc_error(C, o->list.items[i]->loc, "input options must be constants");
                    continue;
                }
                char buf[64];
                if (v.t == T_STRING)
                    in->options[in->noptions++] = strdup(v.cstr);
                else {
                    snprintf(buf, sizeof buf, "%.17g", v.cval.f);
                    in->options[in->noptions++] = strdup(buf);
                }
            }
        }
    }
    /* command-line overrides, by title or by variable name */
    const CompileOptions *opt = C->opt;
    for (int i = 0; opt && i < opt->ninputs; i++) {
        const char *k = opt->input_names[i];
        int match = (in->title && !strcmp(in->title, k)) || (in->var && !strcmp(in->var, k));
        if (!match)
            match =
                (in->title && !strcasecmp(in->title, k)) || (in->var && !strcasecmp(in->var, k));
        if (!match) continue;
        if (C->input_line[i] && C->input_line[i] != in->line) {
            C->d->usage_errors++;
            cc_error(C, (Loc){0, 0, 0, 0},
                     "--input %s: two inputs answer to that name (lines %d and %d); name one by "
                     "its variable",
                     k, C->input_line[i], in->line);
            continue;
        }
        C->input_used[i] = 1;
        C->input_line[i] = in->line;
        char why[256];
        if (!apply_override(in, opt->input_values[i], why, sizeof why)) {
            C->d->usage_errors++;
            cc_error(C, (Loc){0, 0, 0, 0}, "--input %s=%s: %s `%s` (line %d) %s", k,
                     opt->input_values[i], kind_name(in->kind),
                     in->title ? in->title
                     : in->var ? in->var
                               : "input",
                     in->line, why);
        }
    }
    p->ninputs++;
    /* the value */
    if (in->kind == IN_SOURCE) {
        if (in->svalue) {
            cc_op1(C, OPC_BAR, find_source(in->svalue));
            return et_val(T_FLOAT, Q_SERIES);
        }
        EType e = cc_expr(C, dv);
        return e;
    }
    EType e;
    if (in->svalue &&
        (in->kind == IN_STRING || in->kind == IN_TIMEFRAME || in->kind == IN_SESSION ||
         in->kind == IN_SYMBOL || in->kind == IN_TEXT_AREA)) {
        cc_push_str(C, in->svalue, strlen(in->svalue));
        e = et_val(T_STRING, Q_INPUT);
        e.cstr = in->svalue;
        e.is_const = 1; /* known before the first bar: usable where constants are needed */
    } else {
        cc_push_num(C, in->value.f);
        Type t = in->kind == IN_INT || in->kind == IN_TIME ? T_INT
                 : in->kind == IN_BOOL                     ? T_BOOL
                 : in->kind == IN_COLOR                    ? T_COLOR
                                                           : T_FLOAT;
        e = et_val(t, Q_INPUT);
        e.cval = in->value;
        e.is_const = 1;
    }
    return e;
}

void cc_check_inputs(Compiler *C) {
    const CompileOptions *opt = C->opt;
    for (int i = 0; opt && i < opt->ninputs; i++) {
        if (C->input_used[i]) continue;
        char list[2048] = "";
        size_t len = 0;
        for (int k = 0; k < C->p->ninputs && len < sizeof list - 200; k++) {
            InputSpec *in = &C->p->inputs[k];
            len += (size_t)snprintf(list + len, sizeof list - len, "%s%s%s%s%s (%s)", k ? ", " : "",
                                    in->title ? "\"" : "",
                                    in->title ? in->title
                                    : in->var ? in->var
                                              : "?",
                                    in->title ? "\"" : "", in->title && in->var ? "" : "",
                                    kind_name(in->kind));
            if (in->title && in->var) {
                len += (size_t)snprintf(list + len, sizeof list - len, " = %s", in->var);
            }
        }
        C->d->usage_errors++;
        cc_error(C, (Loc){0, 0, 0, 0},
                 "--input %s: the script has no input with that title or "
                 "variable name; its inputs: %s",
                 opt->input_names[i], C->p->ninputs ? list : "none");
    }
}
