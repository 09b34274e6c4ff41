/* Expressions: literals, names, history references, operators and the conditional forms. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile/compile_int.h"

/* The bar field [name] reads and its type (*[type] when not NULL), or -1. */
static int bar_field(const char *name, Type *type) {
    for (int f = 0; f < BAR__COUNT; f++)
        if (!strcmp(bar_fields[f].name, name)) {
            if (type) *type = bar_fields[f].type;
            return f;
        }
    return -1;
}

const char *cc_dotted(Compiler *C, Node *n) {
    if (n->kind == N_IDENT) return n->name;
    if (n->kind != N_MEMBER || !n->left) return NULL;
    const char *l = cc_dotted(C, n->left);
    if (!l) return NULL;
    return arena_printf(C->arena, "%s.%s", l, n->name);
}

void cc_pop_all(Compiler *C, EType e) {
    for (int i = 0; i < e.n; i++)
        cc_op(C, OPC_POP);
}

/* ====== constant evaluation (titles, input defaults, const variables) ====== */

int cc_const_eval(Compiler *C, Node *n, EType *out) {
    EType e = {0};
    e.n = 1;
    e.q = Q_CONST;
    e.is_const = 1;
    switch (n->kind) {
    case N_INT:
        e.t = T_INT;
        e.cval.f = (double)n->ival;
        break;
    case N_FLOAT:
        e.t = T_FLOAT;
        e.cval.f = n->fval;
        break;
    case N_BOOL:
        e.t = T_BOOL;
        e.cval.f = (double)n->ival;
        break;
    case N_COLOR:
        e.t = T_COLOR;
        e.cval.f = (double)(uint32_t)n->ival;
        break;
    case N_NA:
        e.t = T_NA;
        e.cval.f = NAN;
        break;
    case N_STRING:
        e.t = T_STRING;
        e.cstr = n->str;
        break;
    case N_IDENT:
    case N_MEMBER: {
        const char *name = cc_dotted(C, n);
        if (!name) return 0;
        if (n->kind == N_IDENT) {
            Sym *s = sym_lookup(C, name);
            if (s) {
                if (!s->has_const) return 0;
                e.t = s->t;
                e.cval = s->cval;
                e.cstr = s->cstr;
                break;
            }
        }
        const ConstDef *cd = sig_const(name);
        if (!cd) return 0;
        e.t = sig_const_type(cd);
        if (e.t == T_STRING) {
            e.cstr = cd->svalue;
        } else {
            e.cval = cd->value;
            if (e.t != T_FLOAT) e.cval.f = (double)cd->value.i;
        }
        break;
    }
    case N_UNARY: {
        EType a;
        if (!cc_const_eval(C, n->left, &a) || !type_isnum(a.t)) return 0;
        e = a;
        if (n->op == OP_NEG)
            e.cval.f = -a.cval.f;
        else if (n->op != OP_POS)
            return 0;
        break;
    }
    case N_BINARY: {
        EType a, b;
        if (!cc_const_eval(C, n->left, &a) || !cc_const_eval(C, n->right, &b)) return 0;
        if (a.t == T_STRING && b.t == T_STRING && n->op == OP_ADD) {
            e.t = T_STRING;
            e.cstr = arena_printf(C->arena, "%s%s", a.cstr ? a.cstr : "", b.cstr ? b.cstr : "");
            break;
        }
        if (!type_isnum(a.t) || !type_isnum(b.t)) return 0;
        int isint = a.t == T_INT && b.t == T_INT;
        double x = a.cval.f, y = b.cval.f, r;
        switch (n->op) {
        case OP_ADD: r = x + y; break;
        case OP_SUB: r = x - y; break;
        case OP_MUL: r = x * y; break;
        case OP_DIV:
            r = y == 0 ? NAN : x / y;
            if (isint && C->version < 6) r = trunc(r);
            break;
        default: return 0;
        }
        e.t = isint ? T_INT : T_FLOAT;
        e.cval.f = r;
        break;
    }
    default: return 0;
    }
    *out = e;
    return 1;
}

/* ====== names ====== */

static EType ident(Compiler *C, Node *n, const char *name) {
    if (n->kind == N_IDENT) {
        Sym *s = sym_lookup(C, name);
        if (s) {
            if (s->is_func) {
                cc_error(C, n->loc, "`%s` is a function; call it with ()", name);
                return et_val(T_NA, Q_CONST);
            }
            sym_load(C, s);
            EType e = {0};
            e.t = s->t;
            e.q = s->q;
            e.n = s->t == T_VOID ? 0 : 1;
            if (s->has_const) {
                e.is_const = 1;
                e.cval = s->cval;
                e.cstr = s->cstr;
            }
            return e;
        }
    }
    Type bt;
    int f = bar_field(name, &bt);
    if (f >= 0) {
        cc_op1(C, f <= BAR_VOLUME ? OPC_BARC : OPC_BAR, f);
        return et_val(bt, Q_SERIES);
    }
    const Sig *v = sig_variable(name);
    if (v) return cc_builtin_var(C, v, n);
    const ConstDef *cd = sig_const(name);
    if (cd) {
        EType e;
        cc_const_eval(C, n, &e);
        if (e.t == T_STRING)
            cc_push_str(C, e.cstr, strlen(e.cstr));
        else
            cc_push_num(C, e.cval.f);
        return e;
    }
    if (sig_function(name) || (n->kind == N_IDENT && sym_lookup(C, name)))
        cc_error(C, n->loc, "`%s` is a function; call it with ()", name);
    else if (sig_is_namespace(name))
        cc_error(C, n->loc, "`%s` is a namespace, not a value", name);
    else
        cc_error(C, n->loc, "undeclared identifier `%s`", name);
    cc_op(C, OPC_NA);
    return et_val(T_NA, Q_SERIES);
}

/* ====== history ====== */

static void note_depth(Compiler *C, int ring, int k) {
    RingSpec *r = &C->p->rings[ring];
    if (k < 0)
        r->depth = -1;
    else if (r->depth >= 0 && k > r->depth)
        r->depth = k;
}

static EType history(Compiler *C, Node *n) {
    EType off;
    int kconst = -1;
    if (cc_const_eval(C, n->right, &off)) {
        if (off.t != T_INT) {
            cc_error(C, n->right->loc, "a history offset must be an int, not %s",
                     type_name(C->types, off.t));
            return et_val(T_NA, Q_SERIES);
        }
        if (isnan(off.cval.f)) {
            cc_error(C, n->right->loc, "a history offset cannot be na");
            return et_val(T_NA, Q_SERIES);
        }
        if (off.cval.f < 0) {
            cc_error(C, n->right->loc, "a history offset cannot be negative (%.0f)", off.cval.f);
            return et_val(T_NA, Q_SERIES);
        }
        /* no series keeps more than 5000 bars of history (max_bars_back's maximum) */
        if (off.cval.f > 5000) {
            cc_error(C, n->right->loc,
                     "the history offset %.0f is beyond the historical buffer's limit (5000)",
                     off.cval.f);
            return et_val(T_NA, Q_SERIES);
        }
        kconst = (int)off.cval.f;
    }
    Node *b = n->left;
    EType e;
    int ring = -1, field = -1;
    Type bt = 0;
    Sym *s = b->kind == N_IDENT ? sym_lookup(C, b->name) : NULL;
    if (s && s->ring >= 0) {
        ring = s->ring;
        e = et_val(0, Q_SERIES);
        e.t = s->t;
    } else if (!s && b->kind == N_IDENT && (field = bar_field(b->name, &bt)) >= 0) {
        e = et_val(bt, Q_SERIES);
    } else {
        e = cc_expr(C, b);
        if (e.n != 1) {
            cc_error(C, b->loc, "history reference [] needs a single value");
            cc_pop_all(C, e);
            cc_op(C, OPC_NA);
            return et_val(T_NA, Q_SERIES);
        }
        if (e.t == T_NA) e.t = T_FLOAT;
        ring = cc_ring(C, e.t, 0, NULL);
        cc_op1(C, OPC_STOREH, cc_ring_local(C, ring));
    }
    /* the buffer of the series read: max_bars_back(x, n), the script's max_bars_back, or 5000 */
    const char *series = field >= 0 || (s && s->ring >= 0) ? b->name : NULL;
    int own;
    int limit = cc_hist_limit(C, series, &own);
    if (field >= 0 && own) C->p->bar_limit[field] = own;
    if (kconst > limit) {
        /* TradingView raises this when the expression runs, on whichever bar */
        char msg[160];
        snprintf(msg, sizeof msg, PINE_MSG_HISTORY_LIMIT, (double)kconst, limit);
        cc_op1(C, OPC_FAIL, cc_const(C, (PValue){.p = cc_pinned_str(msg, strlen(msg))}, 1));
    } else if (kconst >= 0) {
        if (field >= 0) {
            if (C->p->bar_history >= 0 && kconst > C->p->bar_history) C->p->bar_history = kconst;
            cc_op2(C, OPC_BARHK, field, kconst);
        } else {
            note_depth(C, ring, kconst);
            cc_op2(C, OPC_HISTK, cc_ring_local(C, ring), kconst);
        }
    } else {
        EType o = cc_expr(C, n->right);
        if (o.n != 1 || o.t != T_INT)
            cc_error(C, n->right->loc, "a history offset must be an int, not %s",
                     o.n == 1 ? type_name(C->types, o.t) : "a tuple");
        if (field >= 0) {
            C->p->bar_history = -1;
            cc_op1(C, OPC_BARH, field);
        } else {
            note_depth(C, ring, -1);
            cc_op1(C, OPC_HIST, cc_ring_local(C, ring));
        }
    }
    if (e.t == T_BOOL && C->version >= 6) cc_op(C, OPC_TRUTH);
    e.q = Q_SERIES;
    e.is_const = 0;
    return e;
}

/* ====== operators ====== */

static EType unary(Compiler *C, Node *n) {
    EType a = cc_expr(C, n->left);
    if (a.n != 1) {
        cc_error(C, n->loc, "operator needs a single value");
        return et_val(T_NA, a.q);
    }
    if (n->op == OP_NOT) {
        if (a.t != T_BOOL && a.t != T_NA && !(type_isnum(a.t) && C->version < 6))
            cc_error(C, n->loc, "`not` needs a bool operand, got %s", type_name(C->types, a.t));
        cc_op(C, OPC_NOT);
        return et_val(T_BOOL, a.q);
    }
    if (!type_isnum(a.t) && a.t != T_NA) {
        cc_error(C, n->loc, "unary `%s` needs a number, got %s", ast_op_text(n->op),
                 type_name(C->types, a.t));
        return et_val(T_FLOAT, a.q);
    }
    if (n->op == OP_NEG) cc_op(C, OPC_NEG);
    return et_val(a.t == T_NA ? T_FLOAT : a.t, a.q);
}

static EType logic(Compiler *C, Node *n) {
    Loc loc = n->loc;
    EType a = cc_expr(C, n->left);
    cc_condition(C, a, n->left->loc);
    if (C->version >= 6) {
        /* v6 evaluates `and`/`or` lazily */
        if (a.t != T_BOOL) cc_op(C, OPC_TRUTH);
        size_t j = cc_jump(C, n->op == OP_AND ? OPC_JUMPFK : OPC_JUMPTK);
        int sp = C->sp;
        EType b = cc_expr(C, n->right);
        cc_condition(C, b, n->right->loc);
        if (b.t != T_BOOL) cc_op(C, OPC_TRUTH);
        C->sp = sp; /* the kept operand or the right side: one value either way */
        cc_patch(C, j);
        return et_val(T_BOOL, qmax(a.q, b.q));
    }
    EType b = cc_expr(C, n->right);
    cc_condition(C, b, n->right->loc);
    (void)loc;
    cc_op(C, n->op == OP_AND ? OPC_AND : OPC_OR);
    return et_val(T_BOOL, qmax(a.q, b.q));
}

/* The two operands of a string operator are on the stack; an na side ([ta] or [tb] T_NA) was
 * pushed as a number: make it a string na. */
static void string_operands(Compiler *C, Type ta, Type tb) {
    if (ta != T_NA && tb != T_NA) return;
    cc_op(C, OPC_SWAP);
    if (ta == T_NA) cc_op(C, OPC_POP), cc_op(C, OPC_NULLP);
    cc_op(C, OPC_SWAP);
    if (tb == T_NA) cc_op(C, OPC_POP), cc_op(C, OPC_NULLP);
}

static EType binary(Compiler *C, Node *n) {
    if (n->op == OP_AND || n->op == OP_OR) return logic(C, n);
    EType a = cc_expr(C, n->left);
    EType b = cc_expr(C, n->right);
    Qual q = qmax(a.q, b.q);
    if (a.n != 1 || b.n != 1) {
        cc_error(C, n->loc, "operator `%s` needs single values", ast_op_text(n->op));
        return et_val(T_NA, q);
    }
    Type ta = a.t, tb = b.t;
    if (ta == T_NA) ta = tb == T_NA ? T_FLOAT : tb;
    if (tb == T_NA) tb = ta;
    switch (n->op) {
    case OP_ADD:
        if (ta == T_STRING && tb == T_STRING) {
            string_operands(C, a.t, b.t);
            cc_op(C, OPC_SCAT);
            return et_val(T_STRING, q);
        }
        /* fall through */
    case OP_SUB:
    case OP_MUL:
    case OP_DIV:
    case OP_MOD:
        if (!type_isnum(ta) || !type_isnum(tb)) {
            cc_error(C, n->loc, "operator `%s` cannot be applied to %s and %s", ast_op_text(n->op),
                     type_name(C->types, a.t), type_name(C->types, b.t));
            cc_op(C, OPC_POP);
            return et_val(T_FLOAT, q);
        }
        {
            int isint = ta == T_INT && tb == T_INT;
            Opcode op = n->op == OP_ADD   ? OPC_ADD
                        : n->op == OP_SUB ? OPC_SUB
                        : n->op == OP_MUL ? OPC_MUL
                        : n->op == OP_MOD ? OPC_MOD
                                          : OPC_DIV;
            /* int / int is int-typed; v5 truncates when both sides are constants, otherwise
             * the quotient keeps its fraction (TradingView computes in doubles) and is
             * truncated where an int is consumed: a built-in's int argument, an offset, an
             * index (docs/language.md) */
            if (n->op == OP_DIV && isint && C->version < 6 && a.q == Q_CONST && b.q == Q_CONST)
                op = OPC_IDIV;
            cc_op(C, op);
            return et_val(isint ? T_INT : T_FLOAT, q);
        }
    case OP_LT:
    case OP_LE:
    case OP_GT:
    case OP_GE:
    case OP_EQ:
    case OP_NE: {
        int eq = n->op == OP_EQ || n->op == OP_NE;
        if (ta == T_STRING && tb == T_STRING) {
            string_operands(C, a.t, b.t);
            cc_op1(C, OPC_SCMP, n->op);
            return et_val(T_BOOL, q);
        }
        int ok = (type_isnum(ta) && type_isnum(tb)) ||
                 (eq && ta == tb && (ta == T_BOOL || ta == T_COLOR));
        if (eq && type_kind(C->types, ta) == TK_ARRAY && ta == tb) {
            cc_op(C, OPC_PEQ);
            if (n->op == OP_NE) cc_op(C, OPC_NOT);
            return et_val(T_BOOL, q);
        }
        if (!ok) {
            cc_error(C, n->loc, "cannot compare %s with %s", type_name(C->types, a.t),
                     type_name(C->types, b.t));
            cc_op(C, OPC_POP);
            return et_val(T_BOOL, q);
        }
        static const Opcode cmp[] = {[OP_LT] = OPC_LT, [OP_LE] = OPC_LE, [OP_GT] = OPC_GT,
                                     [OP_GE] = OPC_GE, [OP_EQ] = OPC_EQ, [OP_NE] = OPC_NE};
        cc_op(C, cmp[n->op]);
        return et_val(T_BOOL, q);
    }
    default:
        cc_error(C, n->loc, "unexpected operator");
        cc_op(C, OPC_POP);
        return et_val(T_NA, q);
    }
}

/* Compiles `cond ? a : b`. */
static EType ternary(Compiler *C, Node *n) {
    EType c = cc_expr(C, n->left);
    cc_condition(C, c, n->left->loc);
    size_t jf = cc_jump(C, OPC_JUMPF);
    int sp = C->sp;
    EType a = cc_expr(C, n->right);
    size_t a_end = C->p->ncode;
    size_t jend = cc_jump(C, OPC_JUMP);
    C->sp = sp;
    cc_patch(C, jf);
    EType b = cc_expr(C, n->third);
    cc_patch(C, jend);
    if (a.n != 1 || b.n != 1) {
        cc_error(C, n->loc, "both branches of `?:` must give a single value");
        return et_val(T_NA, Q_SERIES);
    }
    Type t = type_unify(a.t, b.t);
    if (t == T_VOID) {
        cc_error(C, n->loc, "the branches of `?:` have different types: %s and %s",
                 type_name(C->types, a.t), type_name(C->types, b.t));
        t = a.t;
    }
    if (type_isptr(C->types, t)) {
        /* an na branch was pushed as a number: turn it into a null pointer */
        if (a.t == T_NA && C->p->code[a_end - 1] == OPC_NA) C->p->code[a_end - 1] = OPC_NULLP;
        if (b.t == T_NA && C->p->code[C->p->ncode - 1] == OPC_NA)
            C->p->code[C->p->ncode - 1] = OPC_NULLP;
    }
    EType e = et_val(0, qmax(c.q, qmax(a.q, b.q)));
    e.t = t;
    return e;
}

static EType tuple(Compiler *C, Node *n) {
    EType e = {0};
    e.q = Q_CONST;
    if (n->list.n > 8) cc_error(C, n->loc, "a tuple has at most 8 elements");
    for (int i = 0; i < n->list.n; i++) {
        EType x = cc_expr(C, n->list.items[i]);
        if (x.n != 1) {
            cc_error(C, n->list.items[i]->loc, "a tuple element must be a single value");
            cc_pop_all(C, x);
            cc_op(C, OPC_NA);
            x = et_val(T_NA, Q_SERIES);
        }
        if (i < 8) e.tup[i] = x.t;
        e.q = qmax(e.q, x.q);
    }
    e.n = n->list.n;
    if (e.n == 1) e.t = e.tup[0];
    return e;
}

/* How deeply expressions may nest in the compiler's recursion (the parser allows deeper trees;
 * real scripts stay far below either). */
#define MAX_EXPR_DEPTH 1000

EType cc_expr(Compiler *C, Node *n) {
    if (C->expr_depth >= MAX_EXPR_DEPTH) {
        if (!C->depth_reported)
            cc_error(C, n->loc, "expression is nested too deeply (more than %d levels)",
                     MAX_EXPR_DEPTH);
        C->depth_reported = 1;
        cc_op(C, OPC_NA);
        return et_val(T_NA, Q_SERIES);
    }
    C->expr_depth++;
    Loc saved = C->loc;
    C->loc = n->loc;
    EType e;
    switch (n->kind) {
    case N_INT:
    case N_FLOAT:
    case N_BOOL:
    case N_COLOR:
        cc_const_eval(C, n, &e);
        cc_push_num(C, e.cval.f);
        break;
    case N_STRING:
        cc_const_eval(C, n, &e);
        cc_push_str(C, n->str, (size_t)n->slen);
        break;
    case N_NA:
        cc_op(C, OPC_NA);
        e = et_val(T_NA, Q_CONST);
        e.is_const = 1;
        e.cval.f = NAN;
        break;
    case N_IDENT: e = ident(C, n, n->name); break;
    case N_MEMBER: {
        const char *name = cc_dotted(C, n);
        if (name && !(n->left->kind == N_IDENT && sym_lookup(C, n->left->name))) {
            e = ident(C, n, name);
        } else {
            cc_error(C, n->loc, "field access `.%s` is not supported yet (user-defined types)",
                     n->name);
            cc_op(C, OPC_NA);
            e = et_val(T_NA, Q_SERIES);
        }
        break;
    }
    case N_CALL: e = cc_call(C, n); break;
    case N_INDEX: e = history(C, n); break;
    case N_UNARY: e = unary(C, n); break;
    case N_BINARY: e = binary(C, n); break;
    case N_TERNARY: e = ternary(C, n); break;
    case N_TUPLE: e = tuple(C, n); break;
    case N_IF:
    case N_SWITCH:
    case N_FOR:
    case N_FOR_IN:
    case N_WHILE: e = cc_stmt(C, n, 1); break;
    default:
        cc_error(C, n->loc, "expected an expression");
        cc_op(C, OPC_NA);
        e = et_val(T_NA, Q_SERIES);
    }
    C->loc = saved;
    C->expr_depth--;
    return e;
}
