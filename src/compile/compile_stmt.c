/* Statements: declarations, assignments, function definitions, blocks and control flow (which
 * in Pine are also expressions yielding their last value). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compile/compile_int.h"

/* ====== written types ====== */

int cc_typeref(Compiler *C, const TypeRef *tr, Type *out) {
    Type args[2];
    if (tr->nargs > 2) {
        cc_error(C, tr->loc, "`%s` takes at most two type arguments", tr->name);
        return 0;
    }
    for (int i = 0; i < tr->nargs; i++)
        if (!cc_typeref(C, tr->args[i], &args[i])) return 0;
    Type t;
    switch (type_resolve(C->types, tr->name, args, tr->nargs, 0, &t)) {
    case TYPE_OK: break;
    case TYPE_UNKNOWN:
        cc_error(C, tr->loc, "unknown type `%s` (user-defined types are not supported yet)",
                 tr->name);
        return 0;
    case TYPE_NARGS:
        if (type_arity(tr->name) == 1)
            cc_error(C, tr->loc, "`%s` needs one element type, e.g. %s<float>", tr->name, tr->name);
        else if (type_arity(tr->name) == 2)
            cc_error(C, tr->loc, "`%s` needs a key type and a value type, e.g. %s<string, float>",
                     tr->name, tr->name);
        else
            cc_error(C, tr->loc, "`%s` takes no type arguments", tr->name);
        return 0;
    case TYPE_ELEM:
        cc_error(C, tr->loc, "`%s` cannot hold values of type %s", tr->name,
                 type_name(C->types, args[tr->nargs - 1]));
        return 0;
    case TYPE_KEY:
        cc_error(C, tr->loc, "a map key must be int, float, bool, string, color or an enum, not %s",
                 type_name(C->types, args[0]));
        return 0;
    }
    TypeKind k = type_kind(C->types, t);
    if (k == TK_MATRIX || k == TK_MAP) {
        cc_error(C, tr->loc, "`%s` is not supported yet", tr->name);
        return 0;
    }
    *out = t;
    return 1;
}

/* ====== declarations and assignment ====== */

static EType vardecl(Compiler *C, Node *n, int want) {
    Type declared = T_VOID;
    int has_type = n->type && cc_typeref(C, n->type, &declared);
    Qual declq = n->type ? n->type->qual : Q_NONE;
    size_t once = 0;
    int is_var = n->decl_mode != DECL_PLAIN;
    if (is_var) {
        cc_op2(C, OPC_ONCE, cc_once(C), 0);
        once = C->p->ncode - 1;
    }
    const char *saved_decl = C->decl_name;
    C->decl_name = n->name;
    int errors = C->d->errors;
    EType e = cc_expr(C, n->left);
    int init_failed = C->d->errors > errors;
    C->decl_name = saved_decl;
    EType ce;
    /* a const expression the emitter did not fold (`"Mid " + A`) still has a known value */
    if (e.n == 1 && e.q == Q_CONST && !e.is_const && cc_const_eval(C, n->left, &ce)) {
        e.is_const = 1;
        e.cval = ce.cval;
        e.cstr = ce.cstr;
    }
    Type t = e.t;
    if (e.n != 1) {
        cc_error(C, n->left->loc, "cannot assign %s to `%s`",
                 e.n == 0 ? "a value of type void" : "a tuple (use [a, b] = ...)", n->name);
        cc_pop_all(C, e);
        cc_op(C, OPC_NA);
        e = et_val(T_FLOAT, Q_SERIES);
        t = e.t;
    }
    if (has_type) {
        cc_coerce(C, e, declared, n->left->loc, "declaration");
        t = declared;
    } else if (t == T_NA && (init_failed || n->type)) {
        t = T_FLOAT;
    } else if (t == T_NA) {
        cc_error(C, n->left->loc,
                 "value with na type cannot be assigned to a variable declared without a type; "
                 "write e.g. `float %s = na`",
                 n->name);
        t = T_FLOAT;
    }
    int reassigned = 0;
    for (int i = 0; i < C->nassigned; i++)
        reassigned |= !strcmp(C->assigned_names[i], n->name);
    /* The initializer's qualifier, `var` or not (TradingView's `var PLOT1_TITLE = "High"` is a
     * const string); only a `var` that is reassigned carries values that vary bar to bar. */
    Qual q = e.q;
    if (declq != Q_NONE) {
        if (e.q > declq)
            cc_error(C, n->left->loc, "cannot assign a %s value to a variable declared %s",
                     qual_name(e.q), qual_name(declq));
        q = declq;
    } else if (is_var && reassigned) {
        q = Q_SERIES;
    }
    Sym *s = sym_declare(C, n->name, t, q, n->loc);
    s->is_var = is_var;
    s->declq = declq;
    sym_storage(C, s, is_var);
    sym_store(C, s);
    if (e.is_const && !reassigned && (declq == Q_NONE || declq == Q_CONST)) {
        s->has_const = 1;
        s->cval = e.cval;
        s->cstr = e.cstr;
        s->q = e.q;
    }
    if (is_var) cc_patch(C, once);
    if (!want) return et_void();
    sym_load(C, s);
    EType r = et_val(0, s->q);
    r.t = s->t;
    return r;
}

static EType tupledecl(Compiler *C, Node *n, int want) {
    EType e = cc_expr(C, n->left);
    if (e.n != n->nnames) {
        cc_error(C, n->loc, "the tuple on the left has %d names but the right side gives %d %s",
                 n->nnames, e.n, e.n == 1 ? "value" : "values");
        cc_pop_all(C, e);
        return want ? (cc_op(C, OPC_NA), et_val(T_NA, Q_SERIES)) : et_void();
    }
    Sym *syms[8] = {0};
    for (int i = 0; i < n->nnames && i < 8; i++) {
        if (!n->names[i]) continue;
        Type t = e.tup[i];
        if (t == T_NA) t = T_FLOAT;
        syms[i] = sym_declare(C, n->names[i], t, e.q, n->name_locs ? n->name_locs[i] : n->loc);
        sym_storage(C, syms[i], 0);
    }
    for (int i = n->nnames - 1; i >= 0; i--) {
        if (i < 8 && syms[i]) {
            if (type_isptr(C->types, syms[i]->t) && e.tup[i] == T_NA) {
                cc_op(C, OPC_POP);
                cc_op(C, OPC_NULLP);
            }
            sym_store(C, syms[i]);
        } else {
            cc_op(C, OPC_POP);
        }
    }
    if (!want) return et_void();
    cc_op(C, OPC_NA);
    return et_val(T_NA, Q_SERIES);
}

static EType assign(Compiler *C, Node *n, int want) {
    Sym *s = sym_lookup(C, n->name);
    if (!s || s->is_func) {
        cc_error(C, n->loc, "undeclared identifier `%s`%s", n->name,
                 n->op == OP_ASSIGN ? " (declare it with `=` before assigning with `:=`)" : "");
        EType e = cc_expr(C, n->left);
        cc_pop_all(C, e);
        return want ? (cc_op(C, OPC_NA), et_val(T_NA, Q_SERIES)) : et_void();
    }
    if (s->fn_level < C->ninline)
        cc_error(C, n->loc, "cannot modify global variable `%s` in a function", n->name);
    if (s->declq == Q_CONST)
        cc_error(C, n->loc, "cannot reassign `%s`: it is declared const", n->name);
    if (n->op != OP_ASSIGN) sym_load(C, s);
    EType e = cc_expr(C, n->left);
    if (n->op != OP_ASSIGN) {
        if (e.n != 1)
            cc_error(C, n->left->loc, "expected a single value");
        else if (s->t == T_STRING && n->op == OP_ADD && (e.t == T_STRING || e.t == T_NA)) {
            if (e.t == T_NA) cc_op(C, OPC_POP), cc_op(C, OPC_NULLP);
            cc_op(C, OPC_SCAT);
        } else if (!type_isnum(s->t) || !(type_isnum(e.t) || e.t == T_NA)) {
            cc_error(C, n->loc, "operator `%s=` cannot be applied to %s and %s", ast_op_text(n->op),
                     type_name(C->types, s->t), type_name(C->types, e.t));
            cc_op(C, OPC_POP);
        } else {
            if (s->t == T_INT && e.t == T_FLOAT)
                cc_error(C, n->left->loc, "cannot assign a float value to the int variable `%s`",
                         n->name);
            Opcode op = n->op == OP_ADD   ? OPC_ADD
                        : n->op == OP_SUB ? OPC_SUB
                        : n->op == OP_MUL ? OPC_MUL
                        : n->op == OP_MOD ? OPC_MOD
                                          : OPC_DIV;
            cc_op(C, op);
        }
    } else if (cc_coerce(C, e, s->t, n->left->loc, "assignment")) {
        if (s->t == T_INT && e.t == T_FLOAT)
            cc_error(C, n->left->loc, "cannot assign a float value to the int variable `%s`",
                     n->name);
    }
    sym_store(C, s);
    s->has_const = 0;
    /* a declared qualifier is a promise the value keeps (TradingView rejects `close` assigned
     * to a `simple float`); an undeclared variable takes the strongest value assigned */
    if (s->declq > Q_CONST && e.n == 1 && qmax(s->q, e.q) > s->declq)
        cc_error(C, n->left->loc, "cannot assign a %s value to a variable declared %s",
                 qual_name(qmax(s->q, e.q)), qual_name(s->declq));
    else if (s->declq == Q_NONE)
        s->q = C->depth > 0 ? Q_SERIES : qmax(s->q, qmax(e.q, Q_SIMPLE));
    if (!want) return et_void();
    sym_load(C, s);
    EType r = et_val(0, s->q);
    r.t = s->t;
    return r;
}

/* Reports a call of [name] inside [n] (recursion, which TradingView rejects). */
static int find_self_call(Compiler *C, Node *n, const char *name) {
    if (!n) return 0;
    if (n->kind == N_CALL && n->left && n->left->kind == N_IDENT && !strcmp(n->left->name, name)) {
        cc_error(C, n->loc, "recursion is not allowed: function `%s` calls itself", name);
        return 1;
    }
    if (find_self_call(C, n->left, name) || find_self_call(C, n->right, name) ||
        find_self_call(C, n->third, name) || find_self_call(C, n->body, name))
        return 1;
    for (int i = 0; i < n->list.n; i++)
        if (find_self_call(C, n->list.items[i], name)) return 1;
    for (int i = 0; i < n->nargs; i++)
        if (find_self_call(C, n->args[i].value, name)) return 1;
    return 0;
}

/* Reports calls in the body of [fn] to functions that do not exist: bodies are type-checked
 * where they are called, but a misspelt name is an error even in a function never called. */
static void check_calls(Compiler *C, Node *fn, Node *n) {
    if (!n) return;
    if (n->kind == N_FUNCDEF) return;
    if (n->kind == N_CALL && n->left && n->left->kind == N_IDENT) {
        const char *name = n->left->name;
        static const char *special[] = {"na",        "nz",       "int",     "float",
                                        "bool",      "color",    "string",  "input",
                                        "indicator", "strategy", "library", 0};
        int known = !strcmp(name, fn->name) || sig_function(name) != NULL;
        for (int i = 0; special[i]; i++)
            known |= !strcmp(special[i], name);
        Sym *s = sym_lookup(C, name);
        known |= s && s->is_func;
        if (!known)
            cc_error(C, n->left->loc, "could not find function or function reference `%s`", name);
    }
    check_calls(C, fn, n->left);
    check_calls(C, fn, n->right);
    check_calls(C, fn, n->third);
    check_calls(C, fn, n->body);
    for (int i = 0; i < n->list.n; i++)
        check_calls(C, fn, n->list.items[i]);
    for (int i = 0; i < n->nargs; i++)
        check_calls(C, fn, n->args[i].value);
}

static void funcdef(Compiler *C, Node *n) {
    if (C->depth > 0 || C->ninline > 0) {
        cc_error(C, n->loc, "functions can only be declared at the top level of the script");
        return;
    }
    if (n->is_method) {
        cc_error(C, n->loc, "`method` declarations are not supported yet");
        return;
    }
    int errors = C->d->errors;
    find_self_call(C, n->body, n->name);
    check_calls(C, n, n->body);
    int recursive = C->d->errors > errors;
    for (Sym *s = C->syms; s; s = s->prev)
        if (s->is_func && !strcmp(s->name, n->name)) {
            cc_error(C, n->loc,
                     "function `%s` is already declared (overloads are not supported yet)",
                     n->name);
            return;
        }
    Sym *s = sym_declare(C, n->name, T_VOID, Q_CONST, n->loc);
    s->is_func = 1;
    s->bad = recursive;
    s->fn = n;
}

/* ====== control flow ====== */

/* Pushes na of type [t] when a branch gave no value; fixes up an na pushed as a number when
 * the unified type is a pointer type. [end] is the code position right after the branch. */
static void fix_branch(Compiler *C, EType *branch, size_t end, Type t) {
    if (type_isptr(C->types, t) && branch->t == T_NA && end > 0 && C->p->code[end - 1] == OPC_NA)
        C->p->code[end - 1] = OPC_NULLP;
}

/* Compiles a branch body; when [want], leaves exactly one value (na when it has none). */
static EType branch(Compiler *C, Node *body, int want) {
    EType e = cc_block(C, body, want);
    if (want && e.n == 0) {
        cc_op(C, OPC_NA);
        e = et_val(T_NA, Q_SERIES);
    }
    return e;
}

static EType unify_branches(Compiler *C, EType *bs, size_t *ends, int n, Loc loc,
                            const char *what) {
    Type t = T_NA;
    int ntup = bs[0].n;
    for (int i = 0; i < n; i++) {
        if (bs[i].n != ntup) {
            cc_error(C, loc, "the branches of this `%s` give different numbers of values", what);
            return bs[0];
        }
        if (ntup > 1) continue;
        Type u = type_unify(t, bs[i].t);
        if (u == T_VOID) {
            cc_error(C, loc,
                     "return type of one of the `%s` blocks (%s) is not compatible with the "
                     "others (%s)",
                     what, type_name(C->types, bs[i].t), type_name(C->types, t));
            return bs[0];
        }
        t = u;
    }
    for (int i = 0; i < n; i++)
        fix_branch(C, &bs[i], ends[i], t);
    EType e = bs[0];
    if (ntup <= 1) e.t = t;
    e.q = Q_SERIES;
    e.is_const = 0;
    return e;
}

static EType if_stmt(Compiler *C, Node *n, int want) {
    EType bs[2];
    size_t ends[2];
    EType c = cc_expr(C, n->left);
    cc_condition(C, c, n->left->loc);
    size_t jf = cc_jump(C, OPC_JUMPF);
    int sp = C->sp;
    bs[0] = branch(C, n->body, want);
    ends[0] = C->p->ncode;
    if (!n->third && !want) {
        cc_patch(C, jf);
        return et_void();
    }
    size_t jend = cc_jump(C, OPC_JUMP);
    C->sp = sp;
    cc_patch(C, jf);
    if (n->third) {
        if (n->third->kind == N_IF)
            bs[1] = if_stmt(C, n->third, want);
        else
            bs[1] = branch(C, n->third, want);
    } else {
        for (int i = 0; i < bs[0].n; i++)
            cc_op(C, bs[0].n > 1 ? OPC_NA : OPC_NA);
        bs[1] = bs[0];
        if (bs[0].n == 1) bs[1] = et_val(T_NA, Q_SERIES);
    }
    ends[1] = C->p->ncode;
    cc_patch(C, jend);
    if (!want) return et_void();
    return unify_branches(C, bs, ends, 2, n->loc, "if");
}

static EType switch_stmt(Compiler *C, Node *n, int want) {
    int tmp = -1;
    EType subj = {0};
    if (n->left) {
        subj = cc_expr(C, n->left);
        if (subj.n != 1) {
            cc_error(C, n->left->loc, "a switch subject must be a single value");
            cc_pop_all(C, subj);
            cc_op(C, OPC_NA);
            subj = et_val(T_FLOAT, Q_SERIES);
        }
        tmp = cc_slot(C, subj.t);
        cc_op1(C, OPC_STORE, tmp);
    }
    int ncases = n->list.n;
    EType *bs = calloc((size_t)ncases + 1, sizeof *bs);
    size_t *ends = calloc((size_t)ncases + 1, sizeof *ends);
    size_t *jends = calloc((size_t)ncases + 1, sizeof *jends);
    int nb = 0, njend = 0, has_default = 0;
    int sp = C->sp;
    for (int i = 0; i < ncases; i++) {
        Node *cs = n->list.items[i];
        C->sp = sp;
        size_t jnext = 0;
        int conditional = cs->left != NULL;
        if (conditional) {
            if (tmp >= 0) {
                cc_op1(C, OPC_LOAD, tmp);
                EType v = cc_expr(C, cs->left);
                if (subj.t == T_STRING && (v.t == T_STRING || v.t == T_NA)) {
                    cc_op1(C, OPC_SCMP, OP_EQ);
                } else if (v.n == 1 && (type_unify(subj.t, v.t) != T_VOID)) {
                    cc_op(C, OPC_EQ);
                } else {
                    cc_error(C, cs->left->loc, "cannot compare the switch subject (%s) with %s",
                             type_name(C->types, subj.t), type_name(C->types, v.t));
                    cc_op(C, OPC_EQ);
                }
            } else {
                EType c = cc_expr(C, cs->left);
                cc_condition(C, c, cs->left->loc);
            }
            jnext = cc_jump(C, OPC_JUMPF);
        } else {
            has_default = 1;
        }
        bs[nb] = branch(C, cs->body, want);
        ends[nb++] = C->p->ncode;
        if (conditional) {
            jends[njend++] = cc_jump(C, OPC_JUMP);
            cc_patch(C, jnext);
        } else {
            break; /* the default case ends the switch */
        }
    }
    if (!has_default && want) {
        C->sp = sp;
        int k = nb ? bs[0].n : 1;
        for (int i = 0; i < k; i++)
            cc_op(C, OPC_NA);
        bs[nb] = nb ? bs[0] : et_val(T_NA, Q_SERIES);
        if (k == 1) bs[nb] = et_val(T_NA, Q_SERIES);
        ends[nb++] = C->p->ncode;
    }
    for (int i = 0; i < njend; i++)
        cc_patch(C, jends[i]);
    EType e = et_void();
    if (want && nb) e = unify_branches(C, bs, ends, nb, n->loc, "switch");
    free(bs);
    free(ends);
    free(jends);
    return e;
}

static void loop_begin(Compiler *C, LoopCtx *l) {
    memset(l, 0, sizeof *l);
    l->outer = C->loop;
    l->sp_at_entry = C->sp;
    C->loop = l;
}

static void loop_patch_list(Compiler *C, size_t *list, int n) {
    for (int i = 0; i < n; i++)
        cc_patch(C, list[i]);
}

static void loop_end(Compiler *C, LoopCtx *l) {
    loop_patch_list(C, l->breaks, l->nbreaks);
    free(l->breaks);
    free(l->conts);
    C->loop = l->outer;
}

/* A loop used as an expression: its value is the last iteration's, na when none ran. */
typedef struct LoopValue {
    int tmp;     /* the slot holding the value */
    EType acc;   /* its type so far */
    size_t init; /* the NA that initializes it (a NULLP when the value is a string/array) */
} LoopValue;

static void loop_value_begin(Compiler *C, int want, LoopValue *lv) {
    lv->tmp = -1;
    lv->acc = et_val(T_NA, Q_SERIES);
    lv->init = 0;
    if (!want) return;
    cc_op(C, OPC_NA);
    lv->tmp = cc_slot(C, T_FLOAT);
    cc_op1(C, OPC_STORE, lv->tmp);
    lv->init = C->p->ncode - 3;
}

static EType loop_value_end(Compiler *C, LoopValue *lv) {
    if (type_isptr(C->types, lv->acc.t)) C->p->code[lv->init] = OPC_NULLP;
    cc_op1(C, OPC_LOAD, lv->tmp);
    EType e = lv->acc;
    if (e.t == T_NA) e.t = T_FLOAT;
    e.q = Q_SERIES;
    return e;
}

/* Compiles a loop body; when [want], stores its value in the loop's value slot. */
static EType loop_body(Compiler *C, Node *body, int want, LoopValue *lv) {
    EType e = cc_block(C, body, want);
    if (want) {
        if (e.n != 1) {
            cc_pop_all(C, e);
            cc_op(C, OPC_NA);
            e = et_val(T_NA, Q_SERIES);
        }
        if (type_isptr(C->types, e.t)) C->p->slot_isptr[lv->tmp] = 1;
        cc_op1(C, OPC_STORE, lv->tmp);
        lv->acc = e;
    }
    return e;
}

static EType for_stmt(Compiler *C, Node *n, int want) {
    LoopValue lv;
    loop_value_begin(C, want, &lv);
    EType from = cc_expr(C, n->left);
    EType to = cc_expr(C, n->right);
    EType step = n->third ? cc_expr(C, n->third) : (cc_op(C, OPC_NA), et_val(T_INT, Q_CONST));
    EType *parts[] = {&from, &to, &step};
    Node *nodes[] = {n->left, n->right, n->third ? n->third : n->left};
    Type ct = T_INT;
    for (int i = 0; i < 3; i++) {
        if (parts[i]->n != 1 || !(type_isnum(parts[i]->t) || parts[i]->t == T_NA))
            cc_error(C, nodes[i]->loc, "`for` bounds and step must be numbers");
        else if (parts[i]->t == T_FLOAT)
            ct = T_FLOAT;
    }
    scope_push(C);
    Sym *v = sym_declare(C, n->name, ct, Q_SERIES, n->loc);
    v->slot = cc_slot(C, ct);
    int rec = C->p->nloops++;
    cc_op(C, OPC_FORINIT);
    cc_stack(C, -3);
    cc_word(C, (uint32_t)rec);
    cc_word(C, (uint32_t)v->slot);
    cc_word(C, 0);
    size_t exit_at = C->p->ncode - 1;
    size_t top = C->p->ncode;
    LoopCtx l;
    loop_begin(C, &l);
    loop_body(C, n->body, want, &lv);
    loop_patch_list(C, l.conts, l.nconts);
    if (C->version >= 6) {
        /* v6 evaluates the end bound before every iteration (the direction stays) */
        EType t2 = cc_expr(C, n->right);
        if (t2.n != 1) cc_pop_all(C, t2), cc_op(C, OPC_NA);
        cc_op(C, OPC_FORNEXTV);
    } else {
        cc_op(C, OPC_FORNEXT);
    }
    cc_word(C, (uint32_t)rec);
    cc_word(C, (uint32_t)v->slot);
    cc_word(C, (uint32_t)(int32_t)((long)top - (long)(C->p->ncode + 1)));
    cc_patch(C, exit_at);
    loop_end(C, &l);
    scope_pop(C);
    return want ? loop_value_end(C, &lv) : et_void();
}

static EType for_in(Compiler *C, Node *n, int want) {
    LoopValue lv;
    loop_value_begin(C, want, &lv);
    EType a = cc_expr(C, n->left);
    if (a.n != 1 || type_kind(C->types, a.t) != TK_ARRAY) {
        cc_error(C, n->left->loc, "`for ... in` needs an array, got %s",
                 a.n == 1 ? type_name(C->types, a.t) : "a tuple");
        cc_pop_all(C, a);
        cc_op(C, OPC_NULLP);
        a = et_val(type_array(C->types, T_FLOAT), Q_SERIES);
    }
    int arr = cc_slot(C, a.t);
    cc_op1(C, OPC_STORE, arr);
    int idx = cc_slot(C, T_INT);
    cc_op1(C, OPC_NUM, 0);
    cc_op1(C, OPC_STORE, idx);
    scope_push(C);
    Type et = type_elem(C->types, a.t);
    Sym *vi = NULL;
    if (n->name2) {
        vi = sym_declare(C, n->name2, T_INT, Q_SERIES, n->loc);
        vi->slot = cc_slot(C, vi->t);
    }
    Sym *vx = sym_declare(C, n->name, et, Q_SERIES, n->loc);
    vx->slot = cc_slot(C, et);
    size_t top = C->p->ncode;
    cc_op1(C, OPC_LOAD, idx);
    cc_op1(C, OPC_LOAD, arr);
    cc_op(C, OPC_ALEN);
    cc_op(C, OPC_LT);
    size_t jexit = cc_jump(C, OPC_JUMPF);
    cc_op1(C, OPC_LOAD, arr);
    cc_op1(C, OPC_LOAD, idx);
    cc_op(C, OPC_AGET);
    cc_op1(C, OPC_STORE, vx->slot);
    if (vi) {
        cc_op1(C, OPC_LOAD, idx);
        cc_op1(C, OPC_STORE, vi->slot);
    }
    LoopCtx l;
    loop_begin(C, &l);
    loop_body(C, n->body, want, &lv);
    loop_patch_list(C, l.conts, l.nconts);
    cc_op1(C, OPC_LOAD, idx);
    cc_op1(C, OPC_NUM, 1);
    cc_op(C, OPC_ADD);
    cc_op1(C, OPC_STORE, idx);
    cc_loop(C, OPC_LOOP, top);
    cc_patch(C, jexit);
    loop_end(C, &l);
    scope_pop(C);
    return want ? loop_value_end(C, &lv) : et_void();
}

static EType while_stmt(Compiler *C, Node *n, int want) {
    LoopValue lv;
    loop_value_begin(C, want, &lv);
    size_t top = C->p->ncode;
    EType c = cc_expr(C, n->left);
    cc_condition(C, c, n->left->loc);
    size_t jexit = cc_jump(C, OPC_JUMPF);
    LoopCtx l;
    loop_begin(C, &l);
    scope_push(C);
    loop_body(C, n->body, want, &lv);
    scope_pop(C);
    loop_patch_list(C, l.conts, l.nconts);
    cc_loop(C, OPC_LOOP, top);
    cc_patch(C, jexit);
    loop_end(C, &l);
    return want ? loop_value_end(C, &lv) : et_void();
}

static void jump_out(Compiler *C, Node *n) {
    LoopCtx *l = C->loop;
    if (!l) {
        cc_error(C, n->loc, "`%s` outside of a loop", n->kind == N_BREAK ? "break" : "continue");
        return;
    }
    size_t at = cc_jump(C, OPC_JUMP);
    if (n->kind == N_BREAK) {
        l->breaks = realloc(l->breaks, sizeof(size_t) * (size_t)(l->nbreaks + 1));
        l->breaks[l->nbreaks++] = at;
    } else {
        l->conts = realloc(l->conts, sizeof(size_t) * (size_t)(l->nconts + 1));
        l->conts[l->nconts++] = at;
    }
}

/* ====== statements and blocks ====== */

static int is_declaration_call(Node *e) {
    if (!e || e->kind != N_CALL || !e->left || e->left->kind != N_IDENT) return 0;
    const char *nm = e->left->name;
    return !strcmp(nm, "indicator") || !strcmp(nm, "strategy") || !strcmp(nm, "library") ||
           !strcmp(nm, "study");
}

EType cc_stmt(Compiler *C, Node *n, int want) {
    Loc saved = C->loc;
    C->loc = n->loc;
    EType e = et_void();
    switch (n->kind) {
    case N_VARDECL: e = vardecl(C, n, want); break;
    case N_TUPLEDECL: e = tupledecl(C, n, want); break;
    case N_ASSIGN: e = assign(C, n, want); break;
    case N_FUNCDEF: funcdef(C, n); break;
    case N_IF: e = if_stmt(C, n, want); break;
    case N_SWITCH: e = switch_stmt(C, n, want); break;
    case N_FOR: e = for_stmt(C, n, want); break;
    case N_FOR_IN: e = for_in(C, n, want); break;
    case N_WHILE: e = while_stmt(C, n, want); break;
    case N_BREAK:
    case N_CONTINUE: jump_out(C, n); break;
    case N_BLOCK:
        scope_push(C);
        e = cc_block(C, n, want);
        scope_pop(C);
        break;
    case N_EXPRSTMT:
        if (is_declaration_call(n->left)) {
            if (C->depth > 0 || C->ninline > 0)
                cc_error(C, n->loc, "`%s()` must be a top-level statement", n->left->left->name);
            else
                cc_declaration(C, n->left);
            break;
        }
        e = cc_stmt(C, n->left, want);
        break;
    default:
        if (is_declaration_call(n)) {
            if (C->depth > 0 || C->ninline > 0)
                cc_error(C, n->loc, "`%s()` must be a top-level statement", n->left->name);
            else
                cc_declaration(C, n);
            break;
        }
        e = cc_expr(C, n);
        if (!want) {
            cc_pop_all(C, e);
            e = et_void();
        }
    }
    C->loc = saved;
    return e;
}

EType cc_block(Compiler *C, Node *blk, int want) {
    if (!blk) return et_void();
    if (blk->kind != N_BLOCK) return cc_stmt(C, blk, want);
    scope_push(C);
    int saved;
    size_t enter = hscope_begin(C, &saved);
    EType e = et_void();
    for (int i = 0; i < blk->list.n; i++) {
        int last = i == blk->list.n - 1;
        e = cc_stmt(C, blk->list.items[i], want && last);
    }
    hscope_end(C, enter, saved);
    scope_pop(C);
    return e;
}

void cc_script(Compiler *C, Node *root) {
    for (int i = 0; i < root->list.n; i++) {
        C->sp = 0;
        cc_stmt(C, root->list.items[i], 0);
    }
    if (!C->have_decl)
        cc_error(C, (Loc){0, 0, 0, 0},
                 "the script has no indicator(), strategy() or library() declaration");
}
