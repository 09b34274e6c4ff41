/* The syntax tree the parser builds and the checker and compiler read.
 * Every node lives in one arena (arena.h) and is freed with it after compilation. */
#ifndef PINE_AST_H
#define PINE_AST_H

#include <stdint.h>
#include "front/arena.h"

typedef struct Loc {
    int line, col;         /* 1-based start */
    int end_line, end_col; /* 1-based, end_col is the last column (inclusive) */
} Loc;

typedef enum NodeKind {
    /* ---- expressions ---- */
    N_INT,     /* ival */
    N_FLOAT,   /* fval */
    N_BOOL,    /* ival 0/1 */
    N_STRING,  /* str (UTF-8, escapes resolved), slen */
    N_COLOR,   /* ival = 0xRRGGBBAA (AA = 0xFF when written as #RRGGBB) */
    N_NA,      /* na */
    N_IDENT,   /* name */
    N_MEMBER,  /* a.name: a = left (any expression), name */
    N_CALL,    /* callee = left (N_IDENT or N_MEMBER), args = list, targs = template args */
    N_INDEX,   /* history: left[right] */
    N_UNARY,   /* op, left */
    N_BINARY,  /* op, left, right */
    N_TERNARY, /* cond ? then : els  (cond = left, then = right, els = third) */
    N_TUPLE,   /* [a, b, ...]: list (only as a function's result or the right of a tuple decl) */
    N_IF,      /* if left (cond) body (block); else in third: N_IF (else if), N_BLOCK or NULL */
    N_SWITCH,  /* left = subject or NULL; list = N_CASE nodes */
    N_CASE,    /* left = value/condition or NULL for the default `=>`; body = N_BLOCK */
    N_FOR,     /* name = counter; left = from; right = to; third = step or NULL; body */
    N_FOR_IN,  /* name = value var; name2 = index var or NULL ([i, x] form); left = array; body */
    N_WHILE,   /* left = cond; body */
    N_BREAK,
    N_CONTINUE,
    /* ---- statements ---- */
    N_BLOCK,     /* list of statements; value of a block is its last statement's value */
    N_VARDECL,   /* name, decl_mode, type (may be NULL), left = initializer */
    N_TUPLEDECL, /* names[] (NULL entry for `_`), nnames, left = initializer (N_CALL, N_IF...) */
    N_ASSIGN,    /* op (OP_ASSIGN for :=, OP_ADD for +=, ...), name, left = value */
    N_FUNCDEF,   /* name, params, body (N_BLOCK; a one-line function is a block of one) */
    N_EXPRSTMT,  /* left = expression */
    N_SCRIPT,    /* list = top-level statements; version */
} NodeKind;

typedef enum OpKind {
    OP_NONE,
    OP_NEG,
    OP_POS,
    OP_NOT, /* unary */
    OP_ADD,
    OP_SUB,
    OP_MUL,
    OP_DIV,
    OP_MOD, /* arithmetic (also compound assigns) */
    OP_LT,
    OP_LE,
    OP_GT,
    OP_GE,
    OP_EQ,
    OP_NE, /* comparisons */
    OP_AND,
    OP_OR,     /* logic */
    OP_ASSIGN, /* := */
} OpKind;

typedef enum DeclMode { DECL_PLAIN, DECL_VAR, DECL_VARIP } DeclMode;

typedef enum Qual { Q_NONE, Q_CONST, Q_INPUT, Q_SIMPLE, Q_SERIES } Qual;

/* A written type such as `series float`, `int`, `array<float>`, `map<string, float>`. */
typedef struct TypeRef {
    Qual qual;             /* Q_NONE when not written */
    const char *name;      /* "int" "float" "bool" "string" "color" "array" "line" ... */
    struct TypeRef **args; /* the type arguments: array<T>, map<K, V> */
    int nargs;
    Loc loc;
} TypeRef;

typedef struct Node Node;

typedef struct NodeList {
    Node **items;
    int n, cap;
} NodeList;

typedef struct Arg {
    const char *name; /* NULL for positional */
    Node *value;
    Loc loc; /* of the name when named, else of the value */
} Arg;

typedef struct Param {
    const char *name;
    TypeRef *type; /* NULL when not written */
    Node *defval;  /* NULL when none */
    Loc loc;
} Param;

struct Node {
    NodeKind kind;
    Loc loc;
    OpKind op;
    DeclMode decl_mode;
    int64_t ival;
    double fval;
    const char *str; /* N_STRING */
    int slen;
    const char *name;  /* identifiers, members, declared names, function names */
    const char *name2; /* N_FOR_IN index variable */
    Node *left, *right, *third;
    Node *body;
    NodeList list; /* N_BLOCK, N_SCRIPT, N_TUPLE, N_SWITCH cases */
    Arg *args;     /* N_CALL */
    int nargs;
    TypeRef **targs; /* N_CALL template args: array.new<float>(...) */
    int ntargs;
    TypeRef *type;      /* N_VARDECL declared type */
    const char **names; /* N_TUPLEDECL; NULL entry for `_` */
    Loc *name_locs;
    int nnames;
    Param *params; /* N_FUNCDEF */
    int nparams;
    int is_method; /* N_FUNCDEF declared with `method` (rejected for now) */
    int version;   /* N_SCRIPT: 5 or 6 */
};

Node *ast_new(Arena *a, NodeKind kind, Loc loc);
void ast_list_push(Arena *a, NodeList *l, Node *n);
/* Prints a tree for debugging (`pine check --ast`). */
void ast_dump(const Node *n, int indent);
const char *ast_op_text(OpKind op);

#endif
