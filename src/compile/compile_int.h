/* Internals shared by the compiler's files: compile.c (emission, types, symbols),
 * compile_expr.c (expressions), compile_stmt.c (statements and control flow),
 * compile_call.c (built-in and user function calls, plots), compile_input.c (inputs),
 * compile_decl.c (indicator() and strategy()). */
#ifndef PINE_COMPILE_INT_H
#define PINE_COMPILE_INT_H

#include "compile/compile.h"
#include "vm/opcodes.h"
#include "compile/sig.h"

/* The type of what an expression left on the stack: n values (0 void, 1, or a tuple). */
typedef struct EType {
    Type t;
    Qual q;
    int n;
    Type tup[8];
    int is_const; /* a compile-time constant is known: cval / cstr */
    PValue cval;
    const char *cstr;
} EType;

typedef struct Sym {
    const char *name;
    Type t;
    Qual q;
    Qual declq; /* the qualifier written in the declaration (`simple float x`), or Q_NONE */
    int slot, ring;
    int vslot; /* a `var` variable of a function body: its index in the frame */
    int depth, seq;
    int is_var; /* declared with var/varip */
    int is_func;
    int bad;       /* a function already reported as wrong (recursive) */
    int is_stdlib; /* defined in the stdlib folder */
    unsigned hash;
    int pos;           /* position on the symbol stack */
    struct Sym *hnext; /* the next older symbol in the same hash bucket */
    int fn_level;      /* how many function expansions deep it was declared */
    Node *fn;
    int has_const; /* a const variable with a known value */
    PValue cval;
    const char *cstr;
    Loc loc;
    struct Sym *prev;
} Sym;

/* Code being emitted: the script's, or a function body's while it is compiled. */
typedef struct CodeBuf {
    uint32_t *code;
    int32_t *lines;
    size_t n, cap;
} CodeBuf;

/* A function body compiled for one combination of parameter types and qualifiers. */
typedef struct FnInst {
    Node *fn;
    int nparams;
    Type *ptypes;
    Qual *pquals;
    int frame;  /* its FrameSpec */
    EType r;    /* what it returns */
    int max_sp; /* the stack it needs, counted from below its arguments */
    CodeBuf body;
} FnInst;

typedef struct LoopCtx {
    size_t *breaks, *conts;
    int nbreaks, nconts;
    int sp_at_entry;
    struct LoopCtx *outer;
} LoopCtx;

typedef struct Compiler {
    Arena *arena;
    Diag *d;
    Program *p;
    TypeTable *types; /* the program's */
    const CompileOptions *opt;
    int version;
    size_t code_cap;
    int const_cap, slot_cap;
    int sp, max_sp;
    Loc loc; /* location stamped on emitted code */
    Sym *syms;
#define SYM_BUCKETS 1024
    Sym *bucket[SYM_BUCKETS];
    int pos;              /* symbols pushed so far */
    int bnd_pos, bnd_seq; /* inside a function body: its first position; its definition's seq */
    int depth, seq;
    int scope_id; /* the local scope whose history rings new rings join */
    Node *
        inline_stack[PINE_MAX_CALL_DEPTH]; /* the function bodies being compiled, outermost first */
    int ninline;
    int frame; /* the frame whose state new rings, call sites and `var`s join */
    FnInst *insts;
    int ninsts;
    LoopCtx *loop;
    const char **hist_names;
    int nhist;
    const char **assigned_names;
    int nassigned;
    const char **mbb_names; /* max_bars_back(name, n) calls: the names and their n */
    int *mbb_values;
    int nmbb;
    const char *decl_name; /* the variable a declaration initializes (for input names) */
    char *input_used;
    int *input_line; /* per --input: the line of the input it matched */
    int have_decl;
    int expr_depth, depth_reported;
    int ignored_notice;
} Compiler;

/* compile.c */
void cc_word(Compiler *C, uint32_t w);
void cc_stack(Compiler *C, int delta);
void cc_op(Compiler *C, Opcode op);
void cc_op1(Compiler *C, Opcode op, int32_t a);
void cc_op2(Compiler *C, Opcode op, int32_t a, int32_t b);
size_t cc_jump(Compiler *C, Opcode op);
void cc_patch(Compiler *C, size_t at);
void cc_loop(Compiler *C, Opcode op, size_t target);
int cc_const(Compiler *C, PValue v, int isstr);
PStr *cc_pinned_str(const char *s, size_t n);
void cc_push_num(Compiler *C, double v);
void cc_push_str(Compiler *C, const char *s, size_t n);
void cc_push_na(Compiler *C, Type t);
int cc_slot(Compiler *C, Type t);
int cc_ring(Compiler *C, Type t, int keep, const char *name);
/* The index of ring [ring] (a RingSpec) in its frame, which instructions name. */
int cc_ring_local(Compiler *C, int ring);
/* A `var` variable of the function body being compiled; returns its index in the frame. */
int cc_var(Compiler *C, Type t);
/* A `once` flag of the current frame. */
int cc_once(Compiler *C);
/* A new frame (FrameSpec) for a function body named [name]; returns its index. */
int cc_frame(Compiler *C, const char *name);
/* Exchanges the code being emitted with [b]. */
void cc_code_swap(Compiler *C, CodeBuf *b);
void cc_error(Compiler *C, Loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
EType et_val(Type t, Qual q);
EType et_void(void);
Qual qmax(Qual a, Qual b);
int cc_coerce(Compiler *C, EType from, Type to, Loc loc, const char *what);
void cc_condition(Compiler *C, EType e, Loc loc);
Sym *sym_lookup(Compiler *C, const char *name);
Sym *sym_declare(Compiler *C, const char *name, Type t, Qual q, Loc loc);
void sym_pop(Compiler *C);
void sym_storage(Compiler *C, Sym *s, int keep);
void sym_load(Compiler *C, Sym *s);
void sym_store(Compiler *C, Sym *s);
void scope_push(Compiler *C);
void scope_pop(Compiler *C);
/* Starts a local scope for history: returns the position of its ENTER for scope_end. */
size_t hscope_begin(Compiler *C, int *saved);
void hscope_end(Compiler *C, size_t at, int saved);

/* The history buffer's limit of variable [name]: max_bars_back(name, n), else the script's
 * max_bars_back, else 5000. [*own] is n, or 0 when the script sets none for [name]. */
int cc_hist_limit(Compiler *C, const char *name, int *own);

/* compile_expr.c */
EType cc_expr(Compiler *C, Node *n);
/* The dotted name of an identifier chain (`ta.sma`, `color.red`), or NULL. */
const char *cc_dotted(Compiler *C, Node *n);
/* Evaluates [n] at compile time when it is a constant expression; returns 0 otherwise. */
int cc_const_eval(Compiler *C, Node *n, EType *out);
void cc_pop_all(Compiler *C, EType e);

/* compile_stmt.c */
/* Resolves the written type [tr] (type_resolve); reports an error and returns 0 when it names
 * no type a script may use. */
int cc_typeref(Compiler *C, const TypeRef *tr, Type *out);
void cc_script(Compiler *C, Node *root);
EType cc_block(Compiler *C, Node *blk, int want);
EType cc_stmt(Compiler *C, Node *n, int want);

/* compile_call.c */
EType cc_call(Compiler *C, Node *n);
/* Places the compiled function bodies after the script's code. */
void cc_link_functions(Compiler *C);
EType cc_builtin_var(Compiler *C, const Sig *s, Node *at);

/* compile_input.c */
/* An input.*() call; [sig] is its row in the special forms' table. */
EType cc_input(Compiler *C, Node *n, const Sig *sig);
void cc_check_inputs(Compiler *C);

/* compile_decl.c */
void cc_declaration(Compiler *C, Node *call);

#endif
