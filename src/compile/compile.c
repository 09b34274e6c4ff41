/* The checker and code generator in one walk over the tree (see compile.h). Expressions leave
 * their value on the VM stack; the walk returns each expression's type and qualifier. */
#include "compile/compile.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile/compile_int.h"
#include "compile/stdlib_pine.h"
#include "vm/opcodes.h"
#include "front/parse.h"

/* ====== emission ====== */

static const signed char stack_effect[] = {
#define OP_EFF(name, n, eff) eff,
    OPCODE_LIST(OP_EFF)
#undef OP_EFF
};

void cc_word(Compiler *C, uint32_t w) {
    Program *p = C->p;
    if (p->ncode == C->code_cap) {
        C->code_cap = C->code_cap ? C->code_cap * 2 : 1024;
        p->code = realloc(p->code, C->code_cap * sizeof *p->code);
        p->lines = realloc(p->lines, C->code_cap * sizeof *p->lines);
    }
    p->code[p->ncode] = w;
    int col = C->loc.col > 4095 ? 4095 : C->loc.col;
    p->lines[p->ncode] = C->loc.line << 12 | col;
    p->ncode++;
}

void cc_stack(Compiler *C, int delta) {
    C->sp += delta;
    if (C->sp > C->max_sp) C->max_sp = C->sp;
}

void cc_op(Compiler *C, Opcode op) {
    cc_word(C, op);
    if (stack_effect[op] != STACK_VARIES) cc_stack(C, stack_effect[op]);
}

void cc_op1(Compiler *C, Opcode op, int32_t a) {
    cc_op(C, op);
    cc_word(C, (uint32_t)a);
}

void cc_op2(Compiler *C, Opcode op, int32_t a, int32_t b) {
    cc_op1(C, op, a);
    cc_word(C, (uint32_t)b);
}

/* Emits a jump with a placeholder offset; returns the operand's position for cc_patch. */
size_t cc_jump(Compiler *C, Opcode op) {
    cc_op1(C, op, 0);
    return C->p->ncode - 1;
}

/* Points the jump whose operand is at [at] to the current end of the code. */
void cc_patch(Compiler *C, size_t at) {
    C->p->code[at] = (uint32_t)(int32_t)(C->p->ncode - (at + 1));
}

void cc_loop(Compiler *C, Opcode op, size_t target) {
    cc_op(C, op);
    cc_word(C, (uint32_t)(int32_t)((long)target - (long)(C->p->ncode + 1)));
}

int cc_const(Compiler *C, PValue v, int isstr) {
    Program *p = C->p;
    for (int i = 0; i < p->nconsts; i++)
        if (p->const_isstr[i] == isstr &&
            (isstr ? !strcmp(((PStr *)p->consts[i].p)->data, ((PStr *)v.p)->data)
                   : !memcmp(&p->consts[i], &v, sizeof v))) {
            if (isstr) free(v.p);
            return i;
        }
    if (p->nconsts == C->const_cap) {
        C->const_cap = C->const_cap ? C->const_cap * 2 : 64;
        p->consts = realloc(p->consts, C->const_cap * sizeof *p->consts);
        p->const_isstr = realloc(p->const_isstr, C->const_cap);
    }
    p->consts[p->nconsts] = v;
    p->const_isstr[p->nconsts] = (uint8_t)isstr;
    return p->nconsts++;
}

PStr *cc_pinned_str(const char *s, size_t n) {
    PStr *ps = malloc(sizeof(PStr) + n + 1);
    ps->gc.next = NULL;
    ps->gc.type = T_STRING;
    ps->gc.marked = 2; /* pinned: never collected */
    ps->len = (uint32_t)n;
    memcpy(ps->data, s, n);
    ps->data[n] = 0;
    return ps;
}

void cc_push_num(Compiler *C, double v) {
    if (fabs(v) < 1e9 && v == (int32_t)v && !(v == 0 && signbit(v))) {
        cc_op1(C, OPC_NUM, (int32_t)v);
    } else {
        PValue pv = {.f = v};
        cc_op1(C, OPC_CONST, cc_const(C, pv, 0));
    }
}

void cc_push_str(Compiler *C, const char *s, size_t n) {
    PValue pv = {.p = cc_pinned_str(s, n)};
    cc_op1(C, OPC_CONST, cc_const(C, pv, 1));
}

void cc_push_na(Compiler *C, Type t) {
    cc_op(C, type_isptr(C->types, t) ? OPC_NULLP : OPC_NA);
}

int cc_slot(Compiler *C, Type t) {
    Program *p = C->p;
    if (p->nslots == C->slot_cap) {
        C->slot_cap = C->slot_cap ? C->slot_cap * 2 : 64;
        p->slot_isptr = realloc(p->slot_isptr, C->slot_cap);
    }
    p->slot_isptr[p->nslots] = (uint8_t)type_isptr(C->types, t);
    return p->nslots++;
}

static int explicit_limit(Compiler *C, const char *name);

int cc_ring(Compiler *C, Type t, int keep, const char *name) {
    Program *p = C->p;
    p->rings = realloc(p->rings, sizeof *p->rings * (size_t)(p->nrings + 1));
    RingSpec *r = &p->rings[p->nrings];
    memset(r, 0, sizeof *r);
    r->isptr = (uint8_t)type_isptr(C->types, t);
    r->keep = (uint8_t)keep;
    r->name = name;
    r->depth = 1;
    r->scope = C->scope_id;
    r->frame = C->frame;
    r->local = p->frames[C->frame].nrings++;
    r->limit = explicit_limit(C, name);
    return p->nrings++;
}

int cc_ring_local(Compiler *C, int ring) {
    return C->p->rings[ring].local;
}

int cc_var(Compiler *C, Type t) {
    Program *p = C->p;
    p->vars = realloc(p->vars, sizeof *p->vars * (size_t)(p->nvars + 1));
    VarSpec *v = &p->vars[p->nvars++];
    v->frame = C->frame;
    v->local = p->frames[C->frame].nvars++;
    v->isptr = (uint8_t)type_isptr(C->types, t);
    return v->local;
}

int cc_once(Compiler *C) {
    return C->p->frames[C->frame].nonces++;
}

int cc_frame(Compiler *C, const char *name) {
    Program *p = C->p;
    p->frames = realloc(p->frames, sizeof *p->frames * (size_t)(p->nframes + 1));
    FrameSpec *f = &p->frames[p->nframes];
    memset(f, 0, sizeof *f);
    f->name = name ? strdup(name) : NULL;
    return p->nframes++;
}

void cc_code_swap(Compiler *C, CodeBuf *b) {
    Program *p = C->p;
    CodeBuf cur = {p->code, p->lines, p->ncode, C->code_cap};
    p->code = b->code;
    p->lines = b->lines;
    p->ncode = b->n;
    C->code_cap = b->cap;
    *b = cur;
}

/* ====== errors ====== */

void cc_error(Compiler *C, Loc loc, const char *fmt, ...) {
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    diag_error(C->d, loc, "%s", buf);
}

/* ====== types ====== */

EType et_val(Type t, Qual q) {
    EType e = {0};
    e.t = t;
    e.q = q;
    e.n = 1;
    return e;
}

EType et_void(void) {
    EType e = {0};
    e.t = T_VOID;
    e.q = Q_CONST;
    return e;
}

Qual qmax(Qual a, Qual b) {
    return a > b ? a : b;
}

/* Makes the value on top of the stack (of type [from]) usable as [to]; reports an error at
 * [loc] and returns 0 when it is not. [what] names the place for the message. */
int cc_coerce(Compiler *C, EType from, Type to, Loc loc, const char *what) {
    if (from.n != 1) {
        cc_error(C, loc, "%s: expected a single value, got %s", what,
                 from.n == 0 ? "no value (void)" : "a tuple");
        return 0;
    }
    if (from.t == to) return 1;
    if (from.t == T_NA) {
        if (type_isptr(C->types, to)) {
            Program *p = C->p;
            if (p->ncode && p->code[p->ncode - 1] == OPC_NA)
                p->code[p->ncode - 1] = OPC_NULLP;
            else {
                cc_op(C, OPC_POP);
                cc_op(C, OPC_NULLP);
            }
        } else if (to == T_BOOL && C->version >= 6) {
            cc_op(C, OPC_TRUTH);
        }
        return 1;
    }
    if (from.t == T_INT && to == T_FLOAT) return 1;
    if (to == T_BOOL && type_isnum(from.t) && C->version < 6) {
        cc_op(C, OPC_TRUTH);
        return 1;
    }
    cc_error(C, loc, "%s: cannot use a value of type %s%s%s where %s is expected", what,
             qual_name(from.q), from.q ? " " : "", type_name(C->types, from.t),
             type_name(C->types, to));
    return 0;
}

/* Turns a condition value into 0/1 (v5 accepts numbers; v6 needs bool). */
void cc_condition(Compiler *C, EType e, Loc loc) {
    if (e.n != 1) {
        cc_error(C, loc, "a condition must be a single bool value");
        return;
    }
    if (e.t == T_BOOL || e.t == T_NA) return;
    if (type_isnum(e.t) && C->version < 6) return; /* JUMPF treats 0 and na as false */
    if (type_isnum(e.t))
        cc_error(C, loc,
                 "cannot use %s as a condition: Pine v6 has no implicit cast to bool; "
                 "compare it (x != 0) or use bool(x)",
                 type_name(C->types, e.t));
    else
        cc_error(C, loc, "cannot use a value of type %s as a condition", type_name(C->types, e.t));
}

/* ====== symbols ====== */

static unsigned name_hash(const char *s) {
    unsigned h = 2166136261u;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

/* Symbols live on a stack (C->syms) and, for lookup, in hash buckets, newest first. Inside an
 * expanded function body (positions >= C->bnd_pos) only the function's own names and the
 * globals declared before the function (seq < C->bnd_seq) are visible. */
Sym *sym_lookup(Compiler *C, const char *name) {
    unsigned h = name_hash(name);
    for (Sym *s = C->bucket[h & (SYM_BUCKETS - 1)]; s; s = s->hnext) {
        if (s->hash != h || strcmp(s->name, name)) continue;
        if (s->pos >= C->bnd_pos) return s;
        if (s->depth == 0 && s->seq < C->bnd_seq) return s;
    }
    return NULL;
}

/* Removes the newest symbol (the head of its bucket too, as both are last-in first-out). */
void sym_pop(Compiler *C) {
    Sym *s = C->syms;
    C->syms = s->prev;
    C->bucket[s->hash & (SYM_BUCKETS - 1)] = s->hnext;
}

Sym *sym_declare(Compiler *C, const char *name, Type t, Qual q, Loc loc) {
    Sym *old = sym_lookup(C, name);
    if (old && old->depth == C->depth && old->pos >= C->bnd_pos && !old->is_func)
        cc_error(C, loc, "variable `%s` is already declared in this scope", name);
    Sym *s = arena_alloc(C->arena, sizeof *s);
    s->hash = name_hash(name);
    s->pos = C->pos++;
    s->hnext = C->bucket[s->hash & (SYM_BUCKETS - 1)];
    C->bucket[s->hash & (SYM_BUCKETS - 1)] = s;
    s->name = name;
    s->t = t;
    s->q = q;
    s->depth = C->depth;
    s->seq = C->seq++;
    s->slot = -1;
    s->ring = -1;
    s->vslot = -1;
    s->loc = loc;
    s->fn_level = C->ninline;
    s->prev = C->syms;
    C->syms = s;
    return s;
}

/* Gives [s] its storage: a history ring when the script reads it with [] anywhere. */
void sym_storage(Compiler *C, Sym *s, int keep) {
    int hist = 0;
    for (int i = 0; i < C->nhist; i++)
        if (!strcmp(C->hist_names[i], s->name)) hist = 1;
    if (hist)
        s->ring = cc_ring(C, s->t, keep, s->name);
    else if (keep && C->frame > 0)
        s->vslot = cc_var(C, s->t); /* per call site, like everything kept in a function */
    else
        s->slot = cc_slot(C, s->t);
}

void sym_load(Compiler *C, Sym *s) {
    if (s->ring >= 0)
        cc_op1(C, OPC_LOADH, cc_ring_local(C, s->ring));
    else if (s->vslot >= 0)
        cc_op1(C, OPC_LOADV, s->vslot);
    else if (s->slot >= 0)
        cc_op1(C, OPC_LOAD, s->slot);
    else
        cc_push_na(C, s->t);
}

void sym_store(Compiler *C, Sym *s) {
    if (s->ring >= 0)
        cc_op1(C, OPC_STOREH, cc_ring_local(C, s->ring));
    else if (s->vslot >= 0)
        cc_op1(C, OPC_STOREV, s->vslot);
    else
        cc_op1(C, OPC_STORE, s->slot);
}

void scope_push(Compiler *C) {
    C->depth++;
}

/* History in a local scope (a block, a function body) advances each time the scope runs, so
 * x[1] there is the value from the previous execution, as in TradingView. */
size_t hscope_begin(Compiler *C, int *saved) {
    *saved = C->scope_id;
    C->scope_id = ++C->p->nscopes;
    cc_op1(C, OPC_ENTER, C->scope_id);
    return C->p->ncode - 2;
}

void hscope_end(Compiler *C, size_t at, int saved) {
    int used = 0;
    for (int i = 0; i < C->p->nrings; i++)
        used |= C->p->rings[i].scope == C->scope_id;
    if (!used) C->p->code[at] = OPC_NOP1;
    C->scope_id = saved;
}

void scope_pop(Compiler *C) {
    while (C->syms && C->syms->depth == C->depth && C->syms->pos >= C->bnd_pos)
        sym_pop(C);
    C->depth--;
}

/* ====== history names: which variables are ever read with [] ====== */

static int explicit_limit(Compiler *C, const char *name) {
    int limit = 0;
    for (int i = 0; name && i < C->nmbb; i++)
        if (!strcmp(C->mbb_names[i], name) && C->mbb_values[i] > limit) limit = C->mbb_values[i];
    return limit;
}

/* The script's buffer limit: its max_bars_back, else the maximum. */
static int script_limit(const Program *p) {
    return p->max_bars_back > 0 ? p->max_bars_back : PINE_HISTORY_MAX;
}

int cc_hist_limit(Compiler *C, const char *name, int *own) {
    *own = explicit_limit(C, name);
    return *own ? *own : script_limit(C->p);
}

static void note_name(const char ***names, int *n, const char *name) {
    for (int i = 0; i < *n; i++)
        if (!strcmp((*names)[i], name)) return;
    *names = realloc(*names, sizeof(char *) * (size_t)(*n + 1));
    (*names)[(*n)++] = name;
}

/* Also collects the names ever reassigned (`:=`, `+=`...): a variable whose value can change is
 * never folded as a constant, even where its uses come before the reassignment in the text
 * (a loop body that reads it and then changes it). */
static void collect_hist(Compiler *C, Node *n) {
    if (!n) return;
    if (n->kind == N_ASSIGN) note_name(&C->assigned_names, &C->nassigned, n->name);
    if (n->kind == N_CALL && n->left && n->left->kind == N_IDENT &&
        !strcmp(n->left->name, "max_bars_back") && n->nargs == 2 && n->args[0].value &&
        n->args[0].value->kind == N_IDENT && n->args[1].value && n->args[1].value->kind == N_INT) {
        C->mbb_names = realloc(C->mbb_names, sizeof(char *) * (size_t)(C->nmbb + 1));
        C->mbb_values = realloc(C->mbb_values, sizeof(int) * (size_t)(C->nmbb + 1));
        C->mbb_names[C->nmbb] = n->args[0].value->name;
        C->mbb_values[C->nmbb++] = n->args[1].value->ival > 5000 ? 5000
                                   : n->args[1].value->ival < 1  ? 1
                                                                 : (int)n->args[1].value->ival;
    }
    if (n->kind == N_INDEX && n->left && n->left->kind == N_IDENT) {
        int found = 0;
        for (int i = 0; i < C->nhist; i++)
            if (!strcmp(C->hist_names[i], n->left->name)) found = 1;
        if (!found) {
            C->hist_names = realloc(C->hist_names, sizeof(char *) * (size_t)(C->nhist + 1));
            C->hist_names[C->nhist++] = n->left->name;
        }
    }
    collect_hist(C, n->left);
    collect_hist(C, n->right);
    collect_hist(C, n->third);
    collect_hist(C, n->body);
    for (int i = 0; i < n->list.n; i++)
        collect_hist(C, n->list.items[i]);
    for (int i = 0; i < n->nargs; i++)
        collect_hist(C, n->args[i].value);
    for (int i = 0; i < n->nparams; i++)
        collect_hist(C, n->params[i].defval);
}

/* ====== the standard library ====== */

/* Declares the functions of the stdlib folder (compiled into the binary) before the script's own,
 * under the names their `//@export NAME` lines give. An error there is a bug in pine. */
static void load_stdlib(Compiler *C) {
    for (int i = 0; i < stdlib_count(); i++) {
        const char *src = stdlib_source(i);
        Diag d;
        diag_init(&d, "<stdlib>", src, strlen(src));
        Node *root = parse_script(C->arena, &d, src, strlen(src));
        if (!root || d.errors) {
            fprintf(stderr, "pine: internal error: %s does not parse\n", stdlib_name(i));
            abort();
        }
        for (int k = 0; k < root->list.n; k++) {
            Node *fn = root->list.items[k];
            if (fn->kind != N_FUNCDEF) continue;
            const char *name = fn->name;
            /* the export line is the line just above the definition */
            const char *p = src;
            for (int l = 1; l < fn->loc.line - 1 && *p; p++)
                if (*p == '\n') l++;
            if (!strncmp(p, "//@export ", 10)) {
                const char *e = p + 10;
                size_t n = strcspn(e, " \r\n");
                name = arena_strndup(C->arena, e, n);
            }
            Sym *s = sym_declare(C, name, T_VOID, Q_CONST, fn->loc);
            s->is_func = 1;
            s->fn = fn;
            s->seq = -1;
            s->is_stdlib = 1;
        }
    }
}

/* ====== entry point ====== */

Program *compile_script(const char *file, const char *src, size_t len, const CompileOptions *opt,
                        Diag *d) {
    sig_init();
    /* a UTF-8 byte-order mark (Windows editors write one) is not part of the script */
    if (len >= 3 && !memcmp(src, "\xEF\xBB\xBF", 3)) {
        src += 3;
        len -= 3;
        d->src = src;
        d->src_len = len;
    }
    Arena arena;
    arena_init(&arena);
    Node *root = parse_script(&arena, d, src, len);
    if (!root || d->errors) {
        arena_free(&arena);
        return NULL;
    }
    if (opt && opt->dump_ast) ast_dump(root, 0);

    Program *p = calloc(1, sizeof *p);
    p->version = root->version;
    p->max_bars_back = 0;
    p->file = strdup(file);
    p->types = type_table_copy(sig_types());
    Compiler C = {0};
    C.arena = &arena;
    C.d = d;
    C.p = p;
    C.types = p->types;
    C.opt = opt;
    C.version = root->version;
    C.input_used = opt && opt->ninputs ? calloc((size_t)opt->ninputs, 1) : NULL;
    C.input_line = opt && opt->ninputs ? calloc((size_t)opt->ninputs, sizeof(int)) : NULL;
    collect_hist(&C, root);
    cc_frame(&C, NULL);

    load_stdlib(&C);
    cc_script(&C, root);
    cc_op(&C, OPC_HALT);
    p->frames[0].end = p->ncode;
    cc_link_functions(&C);
    p->max_stack = C.max_sp + 8;
    p->nscopes++;
    if (!d->errors) cc_check_inputs(&C);

    free(C.hist_names);
    free(C.assigned_names);
    free(C.mbb_names);
    free(C.mbb_values);
    free(C.input_used);
    free(C.input_line);
    arena_free(&arena);
    if (d->errors) {
        program_free(p);
        return NULL;
    }
    /* history reads with a dynamic offset keep as many values as the buffer's limit */
    int mbb = script_limit(p);
    for (int i = 0; i < p->nrings; i++)
        if (p->rings[i].depth < 0) p->rings[i].depth = p->rings[i].limit ? p->rings[i].limit : mbb;
    for (int f = 0; f < BAR__COUNT; f++)
        if (!p->bar_limit[f]) p->bar_limit[f] = mbb;
    return p;
}

void program_free(Program *p) {
    if (!p) return;
    type_table_free(p->types);
    for (int i = 0; i < p->nconsts; i++)
        if (p->const_isstr[i]) free(p->consts[i].p);
    free(p->code);
    free(p->lines);
    free(p->consts);
    free(p->const_isstr);
    free(p->slot_isptr);
    free(p->rings);
    free(p->sites);
    free(p->vars);
    for (int i = 0; i < p->nframes; i++)
        free((char *)p->frames[i].name);
    free(p->frames);
    free(p->fcalls);
    for (int i = 0; i < p->nplots; i++)
        free((char *)p->plots[i].title);
    free(p->plots);
    for (int i = 0; i < p->ninputs; i++) {
        InputSpec *in = &p->inputs[i];
        free((char *)in->title);
        free((char *)in->var);
        free((char *)in->svalue);
        free((char *)in->sdefval);
        for (int k = 0; k < in->noptions; k++)
            free((char *)in->options[k]);
        free(in->options);
    }
    free(p->inputs);
    for (int i = 0; i < p->ndecl_args; i++) {
        free((char *)p->decl_args[i].name);
        free((char *)p->decl_args[i].svalue);
    }
    free(p->decl_args);
    free((char *)p->title);
    free((char *)p->shorttitle);
    free((char *)p->file);
    free(p);
}
