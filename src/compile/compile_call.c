/* Calls: user functions (each body compiled once, run in the call site's frame), built-ins
 * matched against their signatures, the special forms (na, nz, casts) and plots. Inputs are in
 * compile_input.c, the script declaration in compile_decl.c. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

#include "compile/compile_int.h"

/* ====== code fragments: arguments compiled in written order, emitted in parameter order ====== */

typedef struct Frag {
    uint32_t *code;
    int32_t *lines;
    size_t n;
} Frag;

static Frag frag_cut(Compiler *C, size_t start) {
    Program *p = C->p;
    Frag f;
    f.n = p->ncode - start;
    f.code = malloc(f.n * sizeof *f.code + 1);
    f.lines = malloc(f.n * sizeof *f.lines + 1);
    if (f.n) {
        memcpy(f.code, p->code + start, f.n * sizeof *f.code);
        memcpy(f.lines, p->lines + start, f.n * sizeof *f.lines);
    }
    p->ncode = start;
    return f;
}

static void frag_put(Compiler *C, Frag *f) {
    for (size_t i = 0; i < f->n; i++) {
        cc_word(C, f->code[i]);
        C->p->lines[C->p->ncode - 1] = f->lines[i];
    }
    free(f->code);
    free(f->lines);
    f->code = NULL;
    f->lines = NULL;
}

typedef struct CArg {
    Node *node;
    const char *name;
    Loc loc;
    EType e;
    Frag f;
    int used;
} CArg;

/* Compiles every argument of [n] (after [self], the receiver of a method-style call). */
static int compile_args(Compiler *C, Node *n, Node *self, CArg *out, int max) {
    int k = 0;
    if (self) {
        size_t start = C->p->ncode;
        out[k].node = self;
        out[k].name = NULL;
        out[k].loc = self->loc;
        out[k].e = cc_expr(C, self);
        C->sp -= out[k].e.n;
        out[k].f = frag_cut(C, start);
        k++;
    }
    for (int i = 0; i < n->nargs && k < max; i++) {
        size_t start = C->p->ncode;
        out[k].node = n->args[i].value;
        out[k].name = n->args[i].name;
        out[k].loc = n->args[i].loc;
        out[k].used = 0;
        out[k].e = cc_expr(C, n->args[i].value);
        C->sp -= out[k].e.n;
        out[k].f = frag_cut(C, start);
        k++;
    }
    return k;
}

static void free_args(CArg *a, int n) {
    for (int i = 0; i < n; i++) {
        free(a[i].f.code);
        free(a[i].f.lines);
        a[i].f.code = NULL;
        a[i].f.lines = NULL;
    }
}

static void put_arg(Compiler *C, CArg *a) {
    frag_put(C, &a->f);
    cc_stack(C, a->e.n);
}

/* ====== user functions ====== */

static int fn_instance(Compiler *C, Sym *f, const Type *ptypes, const Qual *pquals);

static EType user_call(Compiler *C, Sym *f, Node *n, CArg *args, int nargs) {
    Node *fn = f->fn;
    if (f->bad) return et_val(T_NA, Q_SERIES);
    for (int i = 0; i < C->ninline; i++)
        if (C->inline_stack[i] == fn) {
            cc_error(C, n->loc, "recursion is not allowed: function `%s` calls itself", fn->name);
            return et_val(T_NA, Q_SERIES);
        }
    if (C->ninline == PINE_MAX_CALL_DEPTH) {
        cc_error(C, n->loc, "functions nested too deeply (%d levels)", PINE_MAX_CALL_DEPTH);
        return et_val(T_NA, Q_SERIES);
    }
    /* bind arguments to parameters */
    int bind[64];
    for (int i = 0; i < fn->nparams && i < 64; i++)
        bind[i] = -1;
    int pos = 0, ok = 1;
    for (int i = 0; i < nargs; i++) {
        int p = -1;
        if (args[i].name) {
            for (int j = 0; j < fn->nparams; j++)
                if (!strcmp(fn->params[j].name, args[i].name)) p = j;
            if (p < 0) {
                cc_error(C, args[i].loc, "function `%s` has no parameter `%s`", fn->name,
                         args[i].name);
                ok = 0;
                continue;
            }
        } else {
            p = pos++;
            if (p >= fn->nparams) {
                cc_error(C, args[i].loc, "too many arguments: `%s` takes %d", fn->name,
                         fn->nparams);
                ok = 0;
                continue;
            }
        }
        if (bind[p] >= 0) {
            cc_error(C, args[i].loc, "parameter `%s` is given twice", fn->params[p].name);
            ok = 0;
        }
        bind[p] = i;
    }
    for (int j = 0; j < fn->nparams; j++)
        if (bind[j] < 0 && !fn->params[j].defval) {
            cc_error(C, n->loc, "missing argument `%s` in call to `%s`", fn->params[j].name,
                     fn->name);
            ok = 0;
        }
    if (!ok) return et_val(T_NA, Q_SERIES);

    /* push the arguments in parameter order */
    Type ptypes[64];
    Qual pquals[64];
    for (int j = 0; j < fn->nparams; j++) {
        EType e;
        Loc loc;
        if (bind[j] >= 0) {
            put_arg(C, &args[bind[j]]);
            e = args[bind[j]].e;
            loc = args[bind[j]].loc;
        } else {
            e = cc_expr(C, fn->params[j].defval);
            loc = fn->params[j].defval->loc;
        }
        Type t = e.t;
        if (fn->params[j].type) {
            Type declared = T_FLOAT;
            TypeRef *tr = fn->params[j].type;
            cc_typeref(C, tr, &declared);
            cc_coerce(C, e, declared, loc, "argument");
            if (tr->qual != Q_NONE && e.q > tr->qual)
                cc_error(C, loc, "argument `%s` of `%s` must be %s, got %s", fn->params[j].name,
                         fn->name, qual_name(tr->qual), qual_name(e.q));
            t = declared;
        } else if (e.n != 1) {
            cc_error(C, loc, "argument `%s` must be a single value", fn->params[j].name);
            cc_pop_all(C, e);
            cc_op(C, OPC_NA);
            t = T_FLOAT;
        }
        if (t == T_NA) t = T_FLOAT;
        ptypes[j] = t;
        pquals[j] = e.q;
    }

    int np = fn->nparams;
    int k = fn_instance(C, f, ptypes, pquals);
    FnInst *in = &C->insts[k];
    Program *p = C->p;
    /* the callee's frame becomes part of the caller's */
    p->fcalls = realloc(p->fcalls, sizeof *p->fcalls * (size_t)(p->nfcalls + 1));
    FuncCall *fc = &p->fcalls[p->nfcalls];
    FrameSpec *owner = &p->frames[C->frame], *callee = &p->frames[in->frame];
    fc->owner = C->frame;
    fc->callee = in->frame;
    fc->ring = owner->nrings;
    fc->site = owner->nsites;
    fc->once = owner->nonces;
    fc->var = owner->nvars;
    owner->nrings += callee->nrings;
    owner->nsites += callee->nsites;
    owner->nonces += callee->nonces;
    owner->nvars += callee->nvars;
    cc_op1(C, OPC_CALLF, p->nfcalls++);
    int below = C->sp - np;
    if (below + in->max_sp > C->max_sp) C->max_sp = below + in->max_sp;
    C->sp = below + in->r.n;
    EType r = in->r;
    r.is_const = 0;
    return r;
}

static int same_instance(const FnInst *in, Node *fn, const Type *ptypes, const Qual *pquals) {
    if (in->fn != fn) return 0;
    for (int j = 0; j < in->nparams; j++)
        if (in->ptypes[j] != ptypes[j] || in->pquals[j] != pquals[j]) return 0;
    return 1;
}

/* The body of [f] compiled for parameters of types [ptypes] and qualifiers [pquals]: found
 * among those compiled before, or compiled now into a code buffer of its own. Returns its
 * index in C->insts. */
static int fn_instance(Compiler *C, Sym *f, const Type *ptypes, const Qual *pquals) {
    Node *fn = f->fn;
    int np = fn->nparams;
    for (int i = 0; i < C->ninsts; i++)
        if (same_instance(&C->insts[i], fn, ptypes, pquals)) return i;
    C->insts = realloc(C->insts, sizeof *C->insts * (size_t)(C->ninsts + 1));
    int k = C->ninsts++;
    FnInst *in = &C->insts[k];
    memset(in, 0, sizeof *in);
    in->fn = fn;
    in->nparams = np;
    in->ptypes = arena_alloc(C->arena, sizeof(Type) * (size_t)(np + 1));
    in->pquals = arena_alloc(C->arena, sizeof(Qual) * (size_t)(np + 1));
    memcpy(in->ptypes, ptypes, sizeof(Type) * (size_t)np);
    memcpy(in->pquals, pquals, sizeof(Qual) * (size_t)np);
    in->frame = cc_frame(C, fn->name);

    CodeBuf code = {0};
    cc_code_swap(C, &code);
    Loc saved_loc = C->loc;
    int saved_sp = C->sp, saved_max = C->max_sp, saved_frame = C->frame;
    C->sp = C->max_sp = np; /* the arguments are on the stack */
    C->frame = in->frame;
    C->loc = fn->loc;
    /* the body sees the parameters and the globals declared before the function */
    Sym *saved_syms = C->syms;
    int saved_depth = C->depth;
    int saved_bnd_pos = C->bnd_pos, saved_bnd_seq = C->bnd_seq;
    LoopCtx *saved_loop = C->loop;
    C->loop = NULL;
    C->bnd_pos = C->pos;
    C->bnd_seq = f->seq;
    C->inline_stack[C->ninline++] = fn;
    C->depth = 1;
    int saved_scope;
    size_t enter = hscope_begin(C, &saved_scope);
    Sym *ps[64];
    for (int j = 0; j < np; j++) {
        ps[j] = sym_declare(C, fn->params[j].name, ptypes[j], pquals[j], fn->params[j].loc);
        sym_storage(C, ps[j], 0);
    }
    for (int j = np - 1; j >= 0; j--)
        sym_store(C, ps[j]);
    EType r = cc_block(C, fn->body, 1);
    hscope_end(C, enter, saved_scope);
    cc_op(C, OPC_RET);
    C->ninline--;
    while (C->syms != saved_syms)
        sym_pop(C);
    C->bnd_pos = saved_bnd_pos;
    C->bnd_seq = saved_bnd_seq;
    C->depth = saved_depth;
    C->loop = saved_loop;
    in = &C->insts[k]; /* compiling the body may have added instances */
    in->max_sp = C->max_sp;
    C->sp = saved_sp;
    C->max_sp = saved_max;
    C->frame = saved_frame;
    C->loc = saved_loc;
    cc_code_swap(C, &code);
    in->body = code;
    r.is_const = 0;
    if (r.n == 1 && r.t == T_NA) r.t = T_FLOAT;
    in->r = r;
    return k;
}

void cc_link_functions(Compiler *C) {
    Program *p = C->p;
    for (int i = 0; i < C->ninsts; i++) {
        FnInst *in = &C->insts[i];
        FrameSpec *f = &p->frames[in->frame];
        f->entry = p->ncode;
        for (size_t w = 0; w < in->body.n; w++) {
            cc_word(C, in->body.code[w]);
            p->lines[p->ncode - 1] = in->body.lines[w];
        }
        f->end = p->ncode;
        free(in->body.code);
        free(in->body.lines);
    }
    free(C->insts);
    C->insts = NULL;
    C->ninsts = 0;
}

/* ====== built-ins ====== */

typedef struct Bound {
    int bind[SIG_MAX_PARAMS]; /* argument index per parameter, -1 = default */
    int extra[32];            /* variadic arguments after the last parameter */
    int nextra;
    Type tvar;
    char why[512];
    Loc where;
} Bound;

static int qual_fits(Qual have, uint8_t want) {
    return want == Q_NONE || have <= want;
}

/* Whether an argument of type [e] fits parameter type [p]; binds T in [b]. */
static int type_fits(Compiler *C, EType e, SigType p, Bound *b) {
    if (e.n != 1) return 0;
    Type t = e.t;
    if (t == T_NA) return 1;
    if (p.generic == 1) {
        if (t == T_VOID) return 0;
        if (b->tvar == T_NA)
            b->tvar = t;
        else if (b->tvar != t) {
            if (type_isnum(b->tvar) && type_isnum(t))
                b->tvar = T_FLOAT;
            else
                return 0;
        }
        return 1;
    }
    if (p.generic == 2) {
        if (type_kind(C->types, t) != TK_ARRAY) return 0;
        if (b->tvar == T_NA)
            b->tvar = type_elem(C->types, t);
        else if (b->tvar != type_elem(C->types, t))
            return 0;
        return 1;
    }
    return p.type == t || (p.type == T_FLOAT && t == T_INT);
}

static const char *sigtype_text(Compiler *C, SigType t, char *buf, size_t n) {
    const char *q = qual_name((Qual)t.qual);
    if (t.generic == 1)
        snprintf(buf, n, "%s%sT", q, *q ? " " : "");
    else if (t.generic == 2)
        snprintf(buf, n, "%s%sarray<T>", q, *q ? " " : "");
    else
        snprintf(buf, n, "%s%s%s", q, *q ? " " : "", type_name(C->types, t.type));
    return buf;
}

/* Whether a fixed (non-variadic) parameter of [s] is typed T. */
static int fixed_generic(const Sig *s) {
    int nfixed = s->variadic ? s->nparams - 1 : s->nparams;
    for (int j = 0; j < nfixed; j++)
        if (s->params[j].t.generic) return 1;
    return 0;
}

static int try_overload(Compiler *C, const Sig *s, CArg *args, int nargs, Bound *b) {
    memset(b, 0, sizeof *b);
    b->tvar = T_NA;
    for (int i = 0; i < SIG_MAX_PARAMS; i++)
        b->bind[i] = -1;
    int pos = 0;
    int nfixed = s->variadic ? s->nparams - 1 : s->nparams;
    for (int i = 0; i < nargs; i++) {
        int p = -1;
        if (args[i].name) {
            for (int j = 0; j < nfixed; j++)
                if (!strcmp(s->params[j].name, args[i].name)) p = j;
            if (p < 0) {
                snprintf(b->why, sizeof b->why, "`%s` has no parameter `%s`", s->name,
                         args[i].name);
                b->where = args[i].loc;
                return 0;
            }
        } else {
            p = pos++;
            if (p >= nfixed) {
                if (s->variadic && b->nextra < 32) {
                    b->extra[b->nextra++] = i;
                    continue;
                }
                snprintf(b->why, sizeof b->why, "too many arguments: `%s` takes %d", s->name,
                         nfixed);
                b->where = args[i].loc;
                return 0;
            }
        }
        if (b->bind[p] >= 0) {
            snprintf(b->why, sizeof b->why, "argument `%s` is given twice", s->params[p].name);
            b->where = args[i].loc;
            return 0;
        }
        b->bind[p] = i;
    }
    for (int j = 0; j < nfixed; j++) {
        const SigParam *sp = &s->params[j];
        if (b->bind[j] < 0) {
            if (!sp->has_def) {
                snprintf(b->why, sizeof b->why, "missing argument `%s` in call to `%s`", sp->name,
                         s->name);
                return 0;
            }
            continue;
        }
        CArg *a = &args[b->bind[j]];
        char want[64];
        if (!type_fits(C, a->e, sp->t, b)) {
            snprintf(b->why, sizeof b->why,
                     "cannot call `%s` with argument `%s`: %s was used but %s is expected", s->name,
                     sp->name,
                     a->e.n == 1 ? type_name(C->types, a->e.t)
                     : a->e.n    ? "a tuple"
                                 : "void",
                     sigtype_text(C, sp->t, want, sizeof want));
            b->where = a->loc;
            return 0;
        }
        if (!qual_fits(a->e.q, sp->t.qual)) {
            snprintf(b->why, sizeof b->why,
                     "cannot call `%s` with argument `%s`: an argument of %s %s type was used "
                     "but a %s is expected",
                     s->name, sp->name, qual_name(a->e.q), type_name(C->types, a->e.t),
                     sigtype_text(C, sp->t, want, sizeof want));
            b->where = a->loc;
            return 0;
        }
    }
    if (s->variadic) {
        const SigParam *sp = &s->params[s->nparams - 1];
        int nvar = b->nextra;
        if (nvar == 0 && nfixed == 0) {
            snprintf(b->why, sizeof b->why, "`%s` needs at least one argument", s->name);
            return 0;
        }
        for (int k = 0; k < nvar; k++) {
            CArg *a = &args[b->extra[k]];
            char want[64];
            /* a variadic `T ...` takes values of any type each (str.format) unless a fixed
             * parameter already bound T (math.max, array.from) */
            int free_t = sp->t.generic == 1 && !fixed_generic(s);
            Bound own = *b;
            own.tvar = T_NA;
            Bound *bb = free_t ? &own : b;
            if (!type_fits(C, a->e, sp->t, bb) || !qual_fits(a->e.q, sp->t.qual)) {
                snprintf(b->why, sizeof b->why, "cannot call `%s` with %s where %s is expected",
                         s->name, a->e.n == 1 ? type_name(C->types, a->e.t) : "a tuple",
                         sigtype_text(C, sp->t, want, sizeof want));
                b->where = a->loc;
                return 0;
            }
        }
    }
    for (int r = 0; r < s->nret; r++)
        if (s->ret[r].generic == 2 && b->tvar != T_NA && type_array(C->types, b->tvar) == T_VOID) {
            snprintf(b->why, sizeof b->why, "`%s`: `array` cannot hold values of type %s", s->name,
                     type_name(C->types, b->tvar));
            return 0;
        }
    return 1;
}

/* The type [t] stands for with T bound to [tvar] (float when unbound); T_VOID for an array
 * of what arrays cannot hold. */
static Type resolve_sigtype(Compiler *C, SigType t, Type tvar) {
    if (tvar == T_NA) tvar = T_FLOAT;
    if (t.generic == 1) return tvar;
    if (t.generic == 2) return type_array(C->types, tvar);
    return t.type;
}

static int is_intlike(Type t) {
    return t == T_INT || t == T_BOOL || t == T_COLOR;
}

static int new_site(Compiler *C, const Sig *s, Loc loc) {
    Program *p = C->p;
    p->sites = realloc(p->sites, sizeof *p->sites * (size_t)(p->nsites + 1));
    CallSite *cs = &p->sites[p->nsites];
    memset(cs, 0, sizeof *cs);
    cs->def = s->def;
    cs->nout = s->nret;
    cs->line = loc.line;
    cs->col = loc.col;
    cs->aux = -1;
    cs->frame = C->frame;
    cs->local = p->frames[C->frame].nsites++;
    return p->nsites++;
}

static void emit_call(Compiler *C, int site) {
    CallSite *cs = &C->p->sites[site];
    cc_op1(C, OPC_CALL, cs->local);
    cc_stack(C, cs->nout - cs->nargs);
}

static EType result_type(Compiler *C, const Sig *s, Type tvar, Qual argq) {
    EType e = {0};
    e.n = s->nret;
    for (int i = 0; i < s->nret && i < 8; i++)
        e.tup[i] = resolve_sigtype(C, s->ret[i], tvar);
    if (s->nret >= 1)
        e.t = e.tup[0];
    else
        e.t = T_VOID;
    if (s->def->flags & BF_PURE)
        e.q = argq;
    else
        e.q = s->ret[0].qual ? (Qual)s->ret[0].qual : Q_SERIES;
    return e;
}

/* The title TradingView gives an untitled output of [fn]: "Plot", "Shapes", "Chars"... */
static const char *untitled_base(const char *fn) {
    static const struct {
        const char *fn, *title;
    } names[] = {{"plotshape", "Shapes"},   {"plotchar", "Chars"}, {"plotarrow", "Arrows"},
                 {"plotcandle", "Candles"}, {"plotbar", "Bars"},   {0, 0}};
    for (int i = 0; names[i].fn; i++)
        if (!strcmp(fn, names[i].fn)) return names[i].title;
    return "Plot";
}

/* Whether [title] is a default one made from [base]: "Plot", "Plot 2"... (for a multi-column
 * call its first column: "Candles open", "Candles 2 open"). */
static int is_default_title(const char *title, const char *base, int multi) {
    size_t n = strlen(base), len = strlen(title);
    if (strncmp(title, base, n)) return 0;
    if (multi) {
        if (len < n + 5 || strcmp(title + len - 5, " open")) return 0;
        len -= 5;
    }
    const char *q = title + n, *end = title + len;
    if (q == end) return 1;
    if (*q++ != ' ' || q == end) return 0;
    for (; q < end; q++)
        if (*q < '0' || *q > '9') return 0;
    return 1;
}

/* Registers the output columns of a plot-like call (def->ncols of them, 1 when 0); returns the
 * index of the first. Untitled calls are numbered like TradingView's export ("Plot", then
 * "Plot 2", ...); the columns of a multi-column call (plotcandle, plotbar) are TITLE open,
 * TITLE high, TITLE low, TITLE close. */
static int add_plot(Compiler *C, const Sig *s, CArg *args, Bound *b, Loc loc) {
    Program *p = C->p;
    const char *title = NULL;
    int offset = 0, has_color = 0;
    uint32_t color = 0;
    for (int j = 0; j < s->nparams; j++) {
        if (b->bind[j] < 0) continue;
        EType v;
        Node *an = args[b->bind[j]].node;
        if (!strcmp(s->params[j].name, "color") && cc_const_eval(C, an, &v) && v.t == T_COLOR &&
            !isnan(v.cval.f)) {
            has_color = 1;
            color = (uint32_t)v.cval.f;
        }
        if (!strcmp(s->params[j].name, "title")) {
            if (cc_const_eval(C, an, &v) && v.t == T_STRING)
                title = v.cstr;
            else if (!(cc_const_eval(C, an, &v) && v.t == T_NA))
                cc_error(C, an->loc, "a plot title must be a constant string");
        } else if (!strcmp(s->params[j].name, "offset")) {
            if (cc_const_eval(C, an, &v) && v.t == T_INT && fabs(v.cval.f) <= 100000)
                offset = (int)v.cval.f;
            else
                cc_error(C, an->loc,
                         "plot offset must be a constant int between -100000 and "
                         "100000");
        }
    }
    int ncols = s->def->ncols > 1 ? s->def->ncols : 1;
    char buf[64];
    if (!title || !*title) {
        const char *base = untitled_base(s->name);
        int untitled = 0;
        for (int i = 0; i < p->nplots; i++)
            if (is_default_title(p->plots[i].title, base, ncols > 1)) untitled++;
        if (untitled == 0)
            snprintf(buf, sizeof buf, "%s", base);
        else
            snprintf(buf, sizeof buf, "%s %d", base, untitled + 1);
        title = buf;
    }
    static const char *ohlc[] = {"open", "high", "low", "close"};
    int first = p->nplots;
    p->plots = realloc(p->plots, sizeof *p->plots * (size_t)(p->nplots + ncols));
    for (int k = 0; k < ncols; k++) {
        PlotSpec *ps = &p->plots[p->nplots];
        memset(ps, 0, sizeof *ps);
        if (ncols == 1)
            ps->title = strdup(title);
        else {
            size_t n = strlen(title) + 16;
            char *t = malloc(n);
            snprintf(t, n, "%s %s", title, k < 4 ? ohlc[k] : "");
            ps->title = t;
        }
        ps->offset = offset;
        ps->has_color = has_color;
        ps->color = color;
        p->nplots++;
    }
    (void)loc;
    return first;
}

static EType call_plot(Compiler *C, const Sig *s, Node *n, CArg *args, Bound *b);

/* Refuses the constant arguments of [s] that lie outside their parameter's range, with the
 * message the built-in raises at run time for a value known only then. */
static void check_ranges(Compiler *C, const Sig *s, const CArg *args, const Bound *b) {
    int nfixed = s->variadic ? s->nparams - 1 : s->nparams;
    for (int j = 0; j < nfixed; j++) {
        const SigParam *sp = &s->params[j];
        if (sp->range == SIG_ANY || b->bind[j] < 0) continue;
        const EType *e = &args[b->bind[j]].e;
        EType folded;
        /* the emitter folds some constants (14) but not all (-1, 2 * 3) */
        if (!e->is_const && e->q == Q_CONST && cc_const_eval(C, args[b->bind[j]].node, &folded))
            e = &folded;
        if (!e->is_const || e->n != 1 || !type_isnum(e->t) || isnan(e->cval.f)) continue;
        if (sig_in_range(sp, e->cval.f)) continue;
        char value[32], rule[48], msg[256];
        if (e->t == T_INT)
            snprintf(value, sizeof value, "%lld", (long long)e->cval.f);
        else
            snprintf(value, sizeof value, "%g", e->cval.f);
        builtin_range_message(msg, sizeof msg, s->name, sp->name, value,
                              sig_range_text(sp, rule, sizeof rule));
        cc_error(C, args[b->bind[j]].node->loc, "%s", msg);
    }
}

/* Runs the built-in's own check (BuiltinDef.check) on its string arguments known now. */
static void check_strings(Compiler *C, const Sig *s, const CArg *args, const Bound *b) {
    int nfixed = s->variadic ? s->nparams - 1 : s->nparams;
    for (int j = 0; j < nfixed; j++) {
        if (s->params[j].t.generic || s->params[j].t.type != T_STRING || b->bind[j] < 0) continue;
        const CArg *a = &args[b->bind[j]];
        EType e = a->e;
        if (!e.is_const && e.q == Q_CONST && !cc_const_eval(C, a->node, &e)) continue;
        if (!e.is_const || e.n != 1 || (e.t != T_STRING && e.t != T_NA)) continue;
        char msg[512];
        const char *err = s->def->check(j, e.t == T_NA ? NULL : e.cstr, msg, sizeof msg);
        if (err) cc_error(C, a->node->loc, "%s", err);
    }
}

static EType call_builtin(Compiler *C, const Sig *first, Node *n, CArg *args, int nargs) {
    Bound b, best;
    const Sig *s;
    int have_best = 0;
    for (s = first; s; s = s->next) {
        if (try_overload(C, s, args, nargs, &b)) break;
        if (!have_best) best = b, have_best = 1;
    }
    if (!s) {
        cc_error(C, best.where.line ? best.where : n->loc, "%s", best.why);
        if (first->next) {
            int k = 0;
            for (const Sig *o = first; o; o = o->next)
                k++;
            diag_note(C->d, n->loc, "`%s` has %d forms; see `pine builtins %s`", first->name, k,
                      first->name);
        }
        EType r = result_type(C, first, T_FLOAT, Q_SERIES);
        for (int i = 0; i < (r.n ? r.n : 0); i++)
            cc_op(C, OPC_NA);
        return r;
    }
    if (!strcmp(s->name, "plot")) return call_plot(C, s, n, args, &b);
    if (!strncmp(s->name, "strategy.", 9) && C->have_decl && !C->p->is_strategy)
        cc_error(C, n->loc, "`%s` needs a strategy() script; this one is an indicator()", s->name);
    if (!strcmp(s->name, "strategy.exit")) {
        /* at least one exit level must be given (its value may be na on some bars) */
        static const char *const LEVELS[] = {"profit",      "limit",        "loss", "stop",
                                             "trail_price", "trail_points", 0};
        int any = 0;
        for (int j = 0; j < s->nparams; j++)
            for (int k = 0; LEVELS[k]; k++)
                any |= b.bind[j] >= 0 && !strcmp(s->params[j].name, LEVELS[k]);
        if (!any)
            cc_error(C, n->loc,
                     "strategy.exit() needs at least one of profit, limit, loss, stop, "
                     "trail_price or trail_points");
    }
    if ((s->def->flags & BF_TOPLEVEL) && (C->depth > 0 || C->ninline > 0))
        cc_error(C, n->loc, "cannot use `%s` in local scope", s->name);
    if (s->def->flags & BF_MISSING) cc_error(C, n->loc, "`%s` is not supported yet", s->name);
    check_ranges(C, s, args, &b);
    if (s->def->check) check_strings(C, s, args, &b);
    int site = new_site(C, s, n->loc);
    CallSite *cs = &C->p->sites[site];
    cs->tvar = b.tvar == T_NA ? T_FLOAT : b.tvar;
    Qual argq = Q_CONST;
    int k = 0;
    int nfixed = s->variadic ? s->nparams - 1 : s->nparams;
    for (int j = 0; j < nfixed; j++, k++) {
        const SigParam *sp = &s->params[j];
        Type pt = resolve_sigtype(C, sp->t, b.tvar);
        if (b.bind[j] >= 0) {
            CArg *a = &args[b.bind[j]];
            put_arg(C, a);
            cc_coerce(C, a->e, pt, a->loc, "argument");
            argq = qmax(argq, a->e.q);
            /* a small int constant goes in already converted (ta.sma(close, 14)) */
            if (!sp->t.generic && pt == T_INT && k < 64 && C->p->ncode >= 2 && a->f.n == 2 &&
                C->p->code[C->p->ncode - 2] == OPC_NUM && a->e.t == T_INT && a->e.is_const) {
                C->p->code[C->p->ncode - 2] = OPC_INUM;
                if (k < 8) C->p->sites[site].argtype[k] = pt;
                continue;
            }
        } else if (sp->sdef) {
            cc_push_str(C, sp->sdef, strlen(sp->sdef));
        } else if (sp->def_na) {
            cc_push_na(C, pt);
        } else {
            cc_push_num(C, sp->def.f);
        }
        if (!sp->t.generic && is_intlike(pt) && k < 64)
            cs = &C->p->sites[site], cs->conv_in |= 1ull << k;
        if (k < 8) C->p->sites[site].argtype[k] = pt;
    }
    if (s->variadic) {
        const SigParam *sp = &s->params[s->nparams - 1];
        Type pt = resolve_sigtype(C, sp->t, b.tvar);
        int free_t = sp->t.generic == 1 && !fixed_generic(s);
        for (int e = 0; e < b.nextra; e++, k++) {
            CArg *a = &args[b.extra[e]];
            if (free_t) pt = a->e.t == T_NA ? T_FLOAT : a->e.t;
            put_arg(C, a);
            cc_coerce(C, a->e, pt, a->loc, "argument");
            argq = qmax(argq, a->e.q);
            if (!sp->t.generic && is_intlike(pt) && k < 64) C->p->sites[site].conv_in |= 1ull << k;
            if (k < 8) C->p->sites[site].argtype[k] = pt;
        }
    }
    cs = &C->p->sites[site];
    cs->nargs = k;
    for (int r = 0; r < s->nret; r++)
        if (!s->ret[r].generic && is_intlike(s->ret[r].type)) cs->conv_out |= 1u << r;
    if (s->def->flags & BF_PLOT) cs->aux = add_plot(C, s, args, &b, n->loc);
    if ((s->def->flags & BF_IGNORED) && !C->ignored_notice) {
        C->ignored_notice = 1;
        diag_note(C->d, n->loc,
                  "`%s` and other drawing/alert calls are accepted and ignored (not exported)",
                  s->name);
    }
    EType r = result_type(C, s, b.tvar, argq);
    C->p->sites[site].rtype = r.t;
    emit_call(C, site);
    return r;
}

/* plot() only sets its column: the styling arguments are checked but not evaluated each bar,
 * so the call is one PLOT instruction after its series. */
static EType call_plot(Compiler *C, const Sig *s, Node *n, CArg *args, Bound *b) {
    if (C->depth > 0 || C->ninline > 0)
        cc_error(C, n->loc, "cannot use `%s` in local scope", s->name);
    CArg *a = &args[b->bind[0]];
    put_arg(C, a);
    cc_coerce(C, a->e, T_FLOAT, a->loc, "argument");
    cc_op1(C, OPC_PLOT, add_plot(C, s, args, b, n->loc));
    return result_type(C, s, b->tvar, Q_SERIES);
}

EType cc_builtin_var(Compiler *C, const Sig *s, Node *at) {
    if (!strncmp(s->name, "strategy.", 9) && C->have_decl && !C->p->is_strategy)
        cc_error(C, at->loc, "`%s` needs a strategy() script; this one is an indicator()", s->name);
    int site = new_site(C, s, at->loc);
    for (int r = 0; r < s->nret; r++)
        if (!s->ret[r].generic && is_intlike(s->ret[r].type)) C->p->sites[site].conv_out |= 1u << r;
    EType e = result_type(C, s, T_NA, Q_SERIES);
    C->p->sites[site].rtype = e.t;
    emit_call(C, site);
    return e;
}

/* ====== special forms ====== */

static EType special_na(Compiler *C, Node *n, CArg *a, int nargs) {
    if (nargs != 1 || a[0].name) {
        cc_error(C, n->loc, "`na()` takes one argument");
        free_args(a, nargs);
        cc_op(C, OPC_NA);
        return et_val(T_BOOL, Q_SERIES);
    }
    put_arg(C, &a[0]);
    if (a[0].e.n != 1)
        cc_error(C, a[0].loc, "`na()` needs a single value");
    else if (C->version >= 6 && a[0].e.t == T_BOOL)
        cc_error(C, a[0].loc, "`na()` does not accept bool values in Pine v6 (bools are never na)");
    cc_op(C, type_isptr(C->types, a[0].e.t) ? OPC_ISNULL : OPC_ISNA);
    return et_val(T_BOOL, a[0].e.q);
}

static EType special_nz(Compiler *C, Node *n, CArg *a, int nargs) {
    if (nargs < 1 || nargs > 2) {
        cc_error(C, n->loc, "`nz()` takes one or two arguments");
        free_args(a, nargs);
        cc_op(C, OPC_NA);
        return et_val(T_FLOAT, Q_SERIES);
    }
    put_arg(C, &a[0]);
    EType x = a[0].e;
    if (x.n != 1) cc_error(C, a[0].loc, "`nz()` needs a single value");
    Type t = x.t;
    if (t == T_NA) t = T_FLOAT;
    if (C->version >= 6 && t == T_BOOL)
        cc_error(C, a[0].loc, "`nz()` does not accept bool values in Pine v6");
    Qual q = x.q;
    if (nargs == 2) {
        put_arg(C, &a[1]);
        Type u = type_unify(t, a[1].e.t);
        if (u == T_VOID) {
            cc_error(C, a[1].loc, "`nz()` replacement of type %s does not match %s",
                     type_name(C->types, a[1].e.t), type_name(C->types, t));
            u = t;
        }
        if (type_isptr(C->types, u) && a[1].e.t == T_NA) cc_op(C, OPC_POP), cc_op(C, OPC_NULLP);
        t = u;
        q = qmax(q, a[1].e.q);
    } else if (t == T_STRING) {
        cc_push_str(C, "", 0);
    } else if (type_isptr(C->types, t)) {
        cc_error(C, a[0].loc, "`nz()` needs a replacement value for %s", type_name(C->types, t));
        cc_op(C, OPC_NULLP);
    } else {
        cc_op1(C, OPC_NUM, 0);
    }
    cc_op(C, type_isptr(C->types, t) ? OPC_NZP : OPC_NZ);
    EType e = et_val(0, q);
    e.t = t;
    return e;
}

static EType special_cast(Compiler *C, Node *n, const char *name, CArg *a, int nargs) {
    if (nargs != 1) {
        cc_error(C, n->loc, "`%s()` takes one argument", name);
        free_args(a, nargs);
        cc_op(C, OPC_NA);
        return et_val(T_FLOAT, Q_SERIES);
    }
    put_arg(C, &a[0]);
    EType x = a[0].e;
    int ok =
        x.n == 1 && (type_isnum(x.t) || x.t == T_NA || (x.t == T_BOOL && !strcmp(name, "bool")));
    if (!strcmp(name, "color")) ok = x.n == 1 && (x.t == T_COLOR || x.t == T_NA);
    if (!strcmp(name, "string")) ok = x.n == 1 && (x.t == T_STRING || x.t == T_NA);
    if (!ok) cc_error(C, a[0].loc, "cannot convert %s to %s", type_name(C->types, x.t), name);
    EType e = x;
    e.is_const = 0;
    if (!strcmp(name, "int")) {
        cc_op(C, OPC_TRUNC);
        e.t = T_INT;
    } else if (!strcmp(name, "float")) {
        e.t = T_FLOAT;
    } else if (!strcmp(name, "bool")) {
        cc_op(C, OPC_TRUTH);
        e.t = T_BOOL;
    } else if (!strcmp(name, "color")) {
        e.t = T_COLOR;
    } else {
        if (x.t == T_NA) cc_op(C, OPC_POP), cc_op(C, OPC_NULLP);
        e.t = T_STRING;
    }
    return e;
}

/* The special form [s] (a row of builtins/special.c) by its hook. */
static EType special_form(Compiler *C, const Sig *s, Node *n, CArg *a, int nargs) {
    switch (s->def->hook) {
    case HOOK_NA: return special_na(C, n, a, nargs);
    case HOOK_NZ: return special_nz(C, n, a, nargs);
    case HOOK_CAST: return special_cast(C, n, s->name, a, nargs);
    default: break;
    }
    cc_error(C, n->loc, "`%s` cannot be called here", s->name);
    cc_op(C, OPC_NA);
    return et_val(T_NA, Q_SERIES);
}

/* ====== calls ====== */

EType cc_call(Compiler *C, Node *n) {
    Node *callee = n->left;
    Node *self = NULL;
    const char *name = NULL;
    if (callee->kind == N_MEMBER) {
        const char *dotted = cc_dotted(C, callee);
        int is_local = callee->left->kind == N_IDENT && sym_lookup(C, callee->left->name);
        Sym *stdfn = dotted ? sym_lookup(C, dotted) : NULL;
        if (dotted && !is_local && callee->left->kind == N_IDENT && !sig_function(dotted) &&
            !sig_is_namespace(callee->left->name) && !(stdfn && stdfn->is_stdlib)) {
            const char *root = callee->left->name;
            if (!strcmp(root, "matrix") || !strcmp(root, "map") || !strcmp(root, "request") ||
                !strcmp(root, "ticker") || !strcmp(root, "chart") || !strcmp(root, "session"))
                cc_error(C, callee->loc, "`%s` is not supported yet", dotted);
            else
                cc_error(C, callee->loc, "could not find function or function reference `%s`",
                         dotted);
            cc_op(C, OPC_NA);
            return et_val(T_NA, Q_SERIES);
        }
        Sym *lib = dotted ? sym_lookup(C, dotted) : NULL;
        if (dotted && !is_local &&
            (sig_function(dotted) || (lib && lib->is_stdlib) ||
             sig_is_namespace(cc_dotted(C, callee->left)))) {
            name = dotted;
        } else {
            /* method-style call on a value: a.push(x) is array.push(a, x) */
            self = callee->left;
        }
    } else if (callee->kind == N_IDENT) {
        name = callee->name;
    } else {
        cc_error(C, callee->loc, "this expression cannot be called");
        cc_op(C, OPC_NA);
        return et_val(T_NA, Q_SERIES);
    }
    if (n->ntargs > 1) {
        cc_error(C, n->loc, "`%s` with several type arguments (maps) is not supported yet",
                 name ? name : callee->name);
        cc_op(C, OPC_NA);
        return et_val(T_NA, Q_SERIES);
    }
    const Sig *form = name ? sig_function(name) : NULL;
    if (form && form->def->hook == HOOK_INPUT) return cc_input(C, n, form);
    if (name &&
        (!strcmp(name, "indicator") || !strcmp(name, "strategy") || !strcmp(name, "library"))) {
        cc_error(C, n->loc, "`%s()` must be a top-level statement", name);
        cc_op(C, OPC_NA);
        return et_val(T_NA, Q_SERIES);
    }
    CArg args[40];
    if (n->nargs > 32) {
        cc_error(C, n->loc, "too many arguments");
        cc_op(C, OPC_NA);
        return et_val(T_NA, Q_SERIES);
    }
    int nargs = compile_args(C, n, self, args, 40);
    if (self) {
        EType st = args[0].e;
        const char *ns = type_kind(C->types, st.t) == TK_ARRAY ? "array"
                         : st.t == T_STRING                    ? "str"
                         : st.t == T_COLOR                     ? "color"
                                                               : NULL;
        if (!ns || st.n != 1) {
            cc_error(C, callee->loc, "no method `%s` for a value of type %s", callee->name,
                     st.n == 1 ? type_name(C->types, st.t) : "tuple");
            free_args(args, nargs);
            cc_op(C, OPC_NA);
            return et_val(T_NA, Q_SERIES);
        }
        name = arena_printf(C->arena, "%s.%s", ns, callee->name);
    }
    EType r;
    Sym *f = callee->kind == N_IDENT ? sym_lookup(C, name) : NULL;
    if (!f && callee->kind == N_MEMBER && !self) {
        Sym *lib = sym_lookup(C, name);
        if (lib && lib->is_func && lib->is_stdlib) f = lib;
    }
    if (f && f->is_func) {
        r = user_call(C, f, n, args, nargs);
    } else if (f) {
        cc_error(C, callee->loc, "`%s` is a variable, not a function", name);
        cc_op(C, OPC_NA);
        r = et_val(T_NA, Q_SERIES);
    } else if ((form = sig_function(name)) && form->def->hook) {
        r = special_form(C, form, n, args, nargs);
    } else {
        const char *lookup = name;
        if (n->ntargs == 1 && !strcmp(name, "array.new")) {
            /* array.new<T> is T's typed constructor: array.new<float> is array.new_float */
            TypeRef *tr = n->targs[0];
            Type et = T_FLOAT;
            if (cc_typeref(C, tr, &et) && type_array(C->types, et) == T_VOID) {
                cc_error(C, tr->loc, "`array` cannot hold values of type %s",
                         type_name(C->types, et));
                et = T_FLOAT;
            }
            lookup = arena_printf(C->arena, "array.new_%s", type_name(C->types, et));
            if (!sig_function(lookup)) {
                cc_error(C, tr->loc, "array<%s> is not supported", type_name(C->types, et));
                lookup = "array.new_float";
            }
        } else if (n->ntargs == 1) {
            cc_error(C, n->loc, "`%s` does not take a type argument", name);
        }
        const Sig *s = sig_function(lookup);
        if (!s) {
            if (sig_variable(name))
                cc_error(C, callee->loc, "`%s` is a variable, not a function", name);
            else
                cc_error(C, callee->loc, "could not find function or function reference `%s`",
                         name);
            free_args(args, nargs);
            cc_op(C, OPC_NA);
            return et_val(T_NA, Q_SERIES);
        }
        r = call_builtin(C, s, n, args, nargs);
    }
    free_args(args, nargs);
    return r;
}
