/* The Pine Script grammar: tokens from grammar/pine.l (which turns indentation into
 * INDENT / DEDENT / NEWLINE) to the syntax tree of src/ast.h. Every semantic value lives in
 * the parse arena, so nothing needs a %destructor: the arena is released in one call. */

%require "3.6"
%define api.pure full
%define api.prefix {pine_yy}
%define parse.error custom
%define parse.lac full
%locations
%param {yyscan_t scanner}
%expect 0

%code requires {
#include <stddef.h>
#include <stdint.h>
#include "front/ast.h"
#include "front/diag.h"

#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif

/* Growable arrays built while parsing; they live in the arena like the nodes. */
typedef struct ArgVec { Arg *v; int n, cap; } ArgVec;
typedef struct ParamVec { Param *v; int n, cap; } ParamVec;
typedef struct TypeVec { TypeRef **v; int n, cap; } TypeVec;
}

%code provides {
/* Nesting limits: brackets and blocks (lexer), tree depth (parse.c). */
enum { PINE_MAX_NEST = 1000, PINE_MAX_DEPTH = 4000 };

typedef struct PineTok { int kind; PINE_YYLTYPE loc; } PineTok;

/* State shared by the lexer, the parser and parse_script(). */
typedef struct PineLex {
    Arena *arena;
    Diag *diag;
    const char *src;
    size_t len;
    size_t off;            /* offset of the next character */
    int line, col;         /* position of the next character */
    size_t tok_off;        /* start of the current match */
    int tok_line, tok_col;
    int indent[PINE_MAX_NEST + 1]; /* widths of the open blocks; indent[0] = 0 */
    int nindent;
    int pending_line;      /* the current logical line has tokens not yet ended by NEWLINE */
    int nl_line, nl_col;   /* where the last line ended (location of NEWLINE and DEDENT) */
    struct { char ch; int line, col; } br[PINE_MAX_NEST]; /* open ( and [ */
    int nbr;
    int tmpl_next;         /* the next `<` opens a template argument list */
    int tmpl_depth;        /* open template `<` */
    int line_has_for;      /* `to`, `by`, `in` are keywords on a `for` line only */
    const char *line_opener;  /* last block-opening keyword on the current line */
    const char *nl_opener;    /* ... on the line ended by the last NEWLINE */
    int prev_tok;          /* last token handed to the parser */
    int before_tok;        /* the one before it */
    size_t last_off, last_len; /* text of the last real token */
    int last_line, last_col;   /* where it ends (NEWLINE and DEDENT spans end there too) */
    int skipping, skip_level;  /* skipping an unsupported `type`/`enum` block */
    int started;           /* the first call has switched to the line-start state */
    int eof;
    int fatal;             /* stop: nesting limit reached */
    int last_line_error;   /* the previous line was dropped by error recovery */
    int bad_line;          /* a line with a lexical error: no syntax errors reported there */
    Node *script;
    PineTok queue[2 * PINE_MAX_NEST + 8];
    int qhead, qtail;
} PineLex;
}

%code {
#include <string.h>
#include "front/arena.h"
#define YYSTYPE PINE_YYSTYPE
#define YYLTYPE PINE_YYLTYPE
#include "lex.yy.h"

#define X (pine_yyget_extra(scanner))
#define A (X->arena)

static void yyerror(PINE_YYLTYPE *loc, yyscan_t scanner, const char *msg);

static Loc loc_of(PINE_YYLTYPE l) {
    Loc r = { l.first_line, l.first_column, l.last_line, l.last_column };
    return r;
}

static Node *mk(yyscan_t scanner, NodeKind k, PINE_YYLTYPE l) { return ast_new(A, k, loc_of(l)); }

static Node *mk_bin(yyscan_t scanner, OpKind op, Node *l, Node *r, PINE_YYLTYPE loc) {
    Node *n = mk(scanner, N_BINARY, loc);
    n->op = op;
    n->left = l;
    n->right = r;
    return n;
}

static Node *mk_un(yyscan_t scanner, OpKind op, Node *e, PINE_YYLTYPE loc) {
    Node *n = mk(scanner, N_UNARY, loc);
    n->op = op;
    n->left = e;
    return n;
}

/* Grows [*v] (of [*cap] elements of [size] bytes) so that one more fits. */
static void *vec_grow(Arena *a, void *v, int n, int *cap, size_t size) {
    if (n < *cap) return v;
    int ncap = *cap ? *cap * 2 : 4;
    void *nv = arena_alloc(a, (size_t)ncap * size);
    if (n) memcpy(nv, v, (size_t)n * size);
    *cap = ncap;
    return nv;
}

static ArgVec *args_push(Arena *a, ArgVec *v, Arg arg) {
    if (!v) v = arena_alloc(a, sizeof *v);
    v->v = vec_grow(a, v->v, v->n, &v->cap, sizeof *v->v);
    v->v[v->n++] = arg;
    return v;
}

static ParamVec *params_push(Arena *a, ParamVec *v, Param p) {
    if (!v) v = arena_alloc(a, sizeof *v);
    v->v = vec_grow(a, v->v, v->n, &v->cap, sizeof *v->v);
    v->v[v->n++] = p;
    return v;
}

static TypeVec *types_push(Arena *a, TypeVec *v, TypeRef *t) {
    if (!v) v = arena_alloc(a, sizeof *v);
    v->v = vec_grow(a, v->v, v->n, &v->cap, sizeof *v->v);
    v->v[v->n++] = t;
    return v;
}

static TypeRef *mk_type(yyscan_t scanner, Qual q, const char *name, PINE_YYLTYPE l) {
    TypeRef *t = arena_alloc(A, sizeof *t);
    t->qual = q;
    t->name = name;
    t->loc = loc_of(l);
    return t;
}

/* A template type `array<float>`, `map<string, float>`. */
static TypeRef *mk_generic(yyscan_t scanner, const char *name, TypeVec *args, PINE_YYLTYPE l) {
    TypeRef *t = mk_type(scanner, Q_NONE, name, l);
    t->args = args ? args->v : NULL;
    t->nargs = args ? args->n : 0;
    return t;
}

/* Builds a call of [callee], a name or a member `a.f`. */
static Node *mk_call(yyscan_t scanner, Node *callee, TypeVec *targs, ArgVec *args,
                     PINE_YYLTYPE l) {
    Node *n = mk(scanner, N_CALL, l);
    if (callee->kind == N_NA) { /* `na(x)` is the built-in function na */
        callee->kind = N_IDENT;
        callee->name = "na";
    }
    if (callee->kind != N_IDENT && callee->kind != N_MEMBER)
        diag_error(X->diag, callee->loc, "only functions can be called");
    n->left = callee;
    if (args) {
        n->args = args->v;
        n->nargs = args->n;
    }
    if (targs) {
        n->targs = targs->v;
        n->ntargs = targs->n;
    }
    return n;
}

static Node *mk_block(yyscan_t scanner, PINE_YYLTYPE l) { return mk(scanner, N_BLOCK, l); }

/* Appends [src] to the block [dst]: a statement, or the statements of a block (several
 * statements on one line, or a block indented by mistake). */
static void block_append(yyscan_t scanner, Node *dst, Node *src) {
    if (!src) return;
    int was_empty = dst->list.n == 0;
    if (src->kind == N_BLOCK)
        for (int i = 0; i < src->list.n; i++) ast_list_push(A, &dst->list, src->list.items[i]);
    else
        ast_list_push(A, &dst->list, src);
    if (was_empty) {
        dst->loc = src->loc;
    } else {
        dst->loc.end_line = src->loc.end_line;
        dst->loc.end_col = src->loc.end_col;
    }
}

static Node *exprstmt(yyscan_t scanner, Node *e, PINE_YYLTYPE l) {
    Node *n = mk(scanner, N_EXPRSTMT, l);
    n->left = e;
    return n;
}

static Node *mk_decl(yyscan_t scanner, Node *head, Node *init, PINE_YYLTYPE l) {
    head->left = init;
    head->loc = loc_of(l);
    return head;
}

/* `[a, b, _] = init`: the bracketed list was parsed as a tuple of expressions; every element
 * must be a plain name. */
static Node *mk_tupledecl(yyscan_t scanner, Node *tuple, Node *init, PINE_YYLTYPE l) {
    Node *n = mk(scanner, N_TUPLEDECL, l);
    int k = tuple->list.n;
    n->names = arena_alloc(A, sizeof(char *) * (size_t)(k ? k : 1));
    n->name_locs = arena_alloc(A, sizeof(Loc) * (size_t)(k ? k : 1));
    n->nnames = k;
    for (int i = 0; i < k; i++) {
        Node *e = tuple->list.items[i];
        n->name_locs[i] = e->loc;
        if (e->kind != N_IDENT) {
            diag_error(X->diag, e->loc, "a tuple declaration takes variable names only");
            continue;
        }
        n->names[i] = strcmp(e->name, "_") == 0 ? NULL : e->name;
    }
    n->left = init;
    return n;
}

/* The statements of one line: the statement itself, or a block when there are several. */
static Node *as_block(yyscan_t scanner, Node *s) {
    if (s->kind == N_BLOCK) return s;
    Node *b = ast_new(A, N_BLOCK, s->loc);
    ast_list_push(A, &b->list, s);
    return b;
}
}

%union {
    Node *node;
    const char *str;
    TypeRef *type;
    ArgVec *args;
    ParamVec *params;
    TypeVec *types;
    Arg arg;
    Param param;
    int ival;
}

/* Literals: the lexer builds their nodes. */
%token <node> INT_LIT "number" FLOAT_LIT "decimal number" STRING_LIT "string" COLOR_LIT "color"
%token <node> TRUE "`true`" FALSE "`false`" NA "`na`"
%token <str> IDENT "identifier" FUNC_IDENT "function name"
%token NEWLINE "end of line" INDENT "indentation" DEDENT "end of block"
%token IF "`if`" ELSE "`else`" FOR "`for`" TO "`to`" BY "`by`" IN "`in`" WHILE "`while`"
%token SWITCH "`switch`" BREAK "`break`" CONTINUE "`continue`"
%token VAR "`var`" VARIP "`varip`" CONST "`const`" SIMPLE "`simple`" SERIES "`series`"
%token EXPORT "`export`" METHOD "`method`"
%token AND "`and`" OR "`or`" NOT "`not`"
%token ARROW "`=>`" DEFINE "`:=`" ADD_ASSIGN "`+=`" SUB_ASSIGN "`-=`" MUL_ASSIGN "`*=`"
%token DIV_ASSIGN "`/=`" MOD_ASSIGN "`%=`"
%token EQ "`==`" NE "`!=`" LE "`<=`" GE "`>=`" TLT "template `<`" TGT "template `>`"
%token '(' "`(`" ')' "`)`" '[' "`[`" ']' "`]`" ',' "`,`" '.' "`.`" '=' "`=`"
%token '?' "`?`" ':' "`:`" '+' "`+`" '-' "`-`" '*' "`*`" '/' "`/`" '%' "`%`"
%token '<' "`<`" '>' "`>`"

%type <node> script lines line stmts stmt decl_head expr postfix primary rhs ctrl
%type <node> if_expr for_expr while_expr switch_expr case_block cases case case_body block
%type <node> tuple exprlist funcdef fname fhead
%type <type> decl_type typespec targ
%type <str> tname
%type <types> targs
%type <args> args arglist
%type <arg> arg
%type <params> params paramlist
%type <param> param
%type <ival> qual assignop

/* Pine's operator precedence, lowest first. */
%right '?' ':'
%left OR
%left AND
%left EQ NE
%left '<' '>' LE GE
%left '+' '-'
%left '*' '/' '%'
%precedence UNARY

%start script

%%

/* {====== STATEMENTS */

script
    : lines                     { $$ = $1; $$->kind = N_SCRIPT; X->script = $$; }
    ;

lines
    : %empty                    { $$ = mk_block(scanner, @$); }
    | lines line                { $$ = $1; block_append(scanner, $$, $2); }
    ;

line
    : stmts NEWLINE             { $$ = $1; X->last_line_error = 0; }
    | funcdef NEWLINE           { $$ = $1; X->last_line_error = 0; }
    | INDENT { $<ival>$ = X->last_line_error; } lines DEDENT NEWLINE {
          if (!$<ival>2) diag_error(X->diag, loc_of(@1), "unexpected indentation");
          $$ = $3;
      }
    | error NEWLINE             { $$ = NULL; X->last_line_error = 1; yyerrok; }
    ;

stmts
    : stmt
    | stmts ',' stmt {
          $$ = as_block(scanner, $1);
          block_append(scanner, $$, $3);
      }
    ;

stmt
    : expr                      { $$ = exprstmt(scanner, $1, @$); }
    | ctrl                      { $$ = exprstmt(scanner, $1, @$); }
    | tuple                     { $$ = exprstmt(scanner, $1, @$); }
    | decl_head '=' rhs         { $$ = mk_decl(scanner, $1, $3, @$); }
    | tuple '=' rhs             { $$ = mk_tupledecl(scanner, $1, $3, @$); }
    | IDENT assignop rhs {
          $$ = mk(scanner, N_ASSIGN, @$);
          $$->op = (OpKind)$2;
          $$->name = $1;
          $$->left = $3;
      }
    | BREAK                     { $$ = exprstmt(scanner, mk(scanner, N_BREAK, @1), @1); }
    | CONTINUE                  { $$ = exprstmt(scanner, mk(scanner, N_CONTINUE, @1), @1); }
    ;

assignop
    : DEFINE                    { $$ = OP_ASSIGN; }
    | ADD_ASSIGN                { $$ = OP_ADD; }
    | SUB_ASSIGN                { $$ = OP_SUB; }
    | MUL_ASSIGN                { $$ = OP_MUL; }
    | DIV_ASSIGN                { $$ = OP_DIV; }
    | MOD_ASSIGN                { $$ = OP_MOD; }
    ;

/* The name being declared, with its mode and type; the initializer is added by `stmt`. */
decl_head
    : IDENT                     { $$ = mk(scanner, N_VARDECL, @$); $$->name = $1; }
    | typespec IDENT            { $$ = mk(scanner, N_VARDECL, @$); $$->type = $1; $$->name = $2; }
    | VAR IDENT {
          $$ = mk(scanner, N_VARDECL, @$); $$->decl_mode = DECL_VAR; $$->name = $2;
      }
    | VAR typespec IDENT {
          $$ = mk(scanner, N_VARDECL, @$); $$->decl_mode = DECL_VAR;
          $$->type = $2; $$->name = $3;
      }
    | VARIP IDENT {
          $$ = mk(scanner, N_VARDECL, @$); $$->decl_mode = DECL_VARIP; $$->name = $2;
      }
    | VARIP typespec IDENT {
          $$ = mk(scanner, N_VARDECL, @$); $$->decl_mode = DECL_VARIP;
          $$->type = $2; $$->name = $3;
      }
    ;

rhs
    : expr
    | ctrl
    ;

tuple
    : '[' exprlist ']'          { $$ = $2; $$->loc = loc_of(@$); }
    ;

exprlist
    : expr                      { $$ = mk(scanner, N_TUPLE, @$); ast_list_push(A, &$$->list, $1); }
    | exprlist ',' expr         { $$ = $1; ast_list_push(A, &$$->list, $3); }
    ;

/* ======} */

/* {====== TYPES */

qual
    : CONST                     { $$ = Q_CONST; }
    | SIMPLE                    { $$ = Q_SIMPLE; }
    | SERIES                    { $$ = Q_SERIES; }
    ;

typespec
    : decl_type
    | qual decl_type            { $$ = $2; $$->qual = (Qual)$1; $$->loc = loc_of(@$); }
    ;

decl_type
    : IDENT                     { $$ = mk_type(scanner, Q_NONE, $1, @$); }
    | IDENT TLT targs TGT       { $$ = mk_generic(scanner, $1, $3, @$); }
    ;

targs
    : targ                      { $$ = types_push(A, NULL, $1); }
    | targs ',' targ            { $$ = types_push(A, $1, $3); }
    ;

targ
    : tname                     { $$ = mk_type(scanner, Q_NONE, $1, @$); }
    | tname TLT targs TGT       { $$ = mk_generic(scanner, $1, $3, @$); }
    ;

tname
    : IDENT
    | tname '.' IDENT           { $$ = arena_printf(A, "%s.%s", $1, $3); }
    ;

/* ======} */

/* {====== FUNCTIONS */

funcdef
    : fhead ARROW stmts         { $$ = $1; $$->body = as_block(scanner, $3); $$->loc = loc_of(@$); }
    | fhead ARROW block         { $$ = $1; $$->body = $3; $$->loc = loc_of(@$); }
    ;

fhead
    : fname '(' params ')' {
          $$ = $1;
          if ($3) {
              $$->params = $3->v;
              $$->nparams = $3->n;
          }
      }
    ;

fname
    : FUNC_IDENT                { $$ = mk(scanner, N_FUNCDEF, @$); $$->name = $1; }
    | EXPORT FUNC_IDENT         { $$ = mk(scanner, N_FUNCDEF, @$); $$->name = $2; }
    | METHOD FUNC_IDENT {
          $$ = mk(scanner, N_FUNCDEF, @$); $$->name = $2; $$->is_method = 1;
      }
    | EXPORT METHOD FUNC_IDENT {
          $$ = mk(scanner, N_FUNCDEF, @$); $$->name = $3; $$->is_method = 1;
      }
    ;

params
    : %empty                    { $$ = NULL; }
    | paramlist
    ;

paramlist
    : param                     { $$ = params_push(A, NULL, $1); }
    | paramlist ',' param       { $$ = params_push(A, $1, $3); }
    ;

param
    : IDENT                     { $$ = (Param){ $1, NULL, NULL, loc_of(@1) }; }
    | IDENT '=' expr            { $$ = (Param){ $1, NULL, $3, loc_of(@1) }; }
    | typespec IDENT            { $$ = (Param){ $2, $1, NULL, loc_of(@2) }; }
    | typespec IDENT '=' expr   { $$ = (Param){ $2, $1, $4, loc_of(@2) }; }
    ;

/* ======} */

/* {====== CONTROL FLOW */

block
    : NEWLINE INDENT lines DEDENT { $$ = $3; $$->loc = loc_of(@3); }
    ;

ctrl
    : if_expr
    | for_expr
    | while_expr
    | switch_expr
    ;

if_expr
    : IF expr block {
          $$ = mk(scanner, N_IF, @$); $$->left = $2; $$->body = $3;
      }
    | IF expr block ELSE block {
          $$ = mk(scanner, N_IF, @$); $$->left = $2; $$->body = $3; $$->third = $5;
      }
    | IF expr block ELSE if_expr {
          $$ = mk(scanner, N_IF, @$); $$->left = $2; $$->body = $3; $$->third = $5;
      }
    ;

for_expr
    : FOR IDENT '=' expr TO expr block {
          $$ = mk(scanner, N_FOR, @$); $$->name = $2;
          $$->left = $4; $$->right = $6; $$->body = $7;
      }
    | FOR IDENT '=' expr TO expr BY expr block {
          $$ = mk(scanner, N_FOR, @$); $$->name = $2;
          $$->left = $4; $$->right = $6; $$->third = $8; $$->body = $9;
      }
    | FOR IDENT IN expr block {
          $$ = mk(scanner, N_FOR_IN, @$); $$->name = $2; $$->left = $4; $$->body = $5;
      }
    | FOR '[' IDENT ',' IDENT ']' IN expr block {
          $$ = mk(scanner, N_FOR_IN, @$); $$->name2 = $3; $$->name = $5;
          $$->left = $8; $$->body = $9;
      }
    ;

while_expr
    : WHILE expr block          { $$ = mk(scanner, N_WHILE, @$); $$->left = $2; $$->body = $3; }
    ;

switch_expr
    : SWITCH expr case_block    { $$ = $3; $$->left = $2; $$->loc = loc_of(@$); }
    | SWITCH case_block         { $$ = $2; $$->loc = loc_of(@$); }
    ;

case_block
    : NEWLINE INDENT cases DEDENT { $$ = $3; }
    ;

cases
    : case                      { $$ = mk(scanner, N_SWITCH, @$); if ($1) ast_list_push(A, &$$->list, $1); }
    | cases case                { $$ = $1; if ($2) ast_list_push(A, &$$->list, $2); }
    ;

case
    : expr ARROW case_body NEWLINE {
          $$ = mk(scanner, N_CASE, @1); $$->left = $1; $$->body = $3;
          $$->loc.end_line = @3.last_line; $$->loc.end_col = @3.last_column;
      }
    | ARROW case_body NEWLINE {
          $$ = mk(scanner, N_CASE, @1); $$->body = $2;
          $$->loc.end_line = @2.last_line; $$->loc.end_col = @2.last_column;
      }
    | error NEWLINE             { $$ = NULL; yyerrok; }
    ;

case_body
    : stmts                     { $$ = as_block(scanner, $1); }
    | block
    ;

/* ======} */

/* {====== EXPRESSIONS */

expr
    : postfix
    | '-' expr %prec UNARY      { $$ = mk_un(scanner, OP_NEG, $2, @$); }
    | '+' expr %prec UNARY      { $$ = mk_un(scanner, OP_POS, $2, @$); }
    | NOT expr %prec UNARY      { $$ = mk_un(scanner, OP_NOT, $2, @$); }
    | expr '*' expr             { $$ = mk_bin(scanner, OP_MUL, $1, $3, @$); }
    | expr '/' expr             { $$ = mk_bin(scanner, OP_DIV, $1, $3, @$); }
    | expr '%' expr             { $$ = mk_bin(scanner, OP_MOD, $1, $3, @$); }
    | expr '+' expr             { $$ = mk_bin(scanner, OP_ADD, $1, $3, @$); }
    | expr '-' expr             { $$ = mk_bin(scanner, OP_SUB, $1, $3, @$); }
    | expr '<' expr             { $$ = mk_bin(scanner, OP_LT, $1, $3, @$); }
    | expr LE expr              { $$ = mk_bin(scanner, OP_LE, $1, $3, @$); }
    | expr '>' expr             { $$ = mk_bin(scanner, OP_GT, $1, $3, @$); }
    | expr GE expr              { $$ = mk_bin(scanner, OP_GE, $1, $3, @$); }
    | expr EQ expr              { $$ = mk_bin(scanner, OP_EQ, $1, $3, @$); }
    | expr NE expr              { $$ = mk_bin(scanner, OP_NE, $1, $3, @$); }
    | expr AND expr             { $$ = mk_bin(scanner, OP_AND, $1, $3, @$); }
    | expr OR expr              { $$ = mk_bin(scanner, OP_OR, $1, $3, @$); }
    | expr '?' expr ':' expr {
          $$ = mk(scanner, N_TERNARY, @$); $$->left = $1; $$->right = $3; $$->third = $5;
      }
    ;

postfix
    : primary
    | postfix '.' IDENT {
          $$ = mk(scanner, N_MEMBER, @$); $$->left = $1; $$->name = $3;
      }
    | postfix '(' args ')'      { $$ = mk_call(scanner, $1, NULL, $3, @$); }
    | postfix '.' IDENT TLT targs TGT '(' args ')' {
          Node *m = mk(scanner, N_MEMBER, @1);
          m->left = $1;
          m->name = $3;
          m->loc.end_line = @3.last_line;
          m->loc.end_col = @3.last_column;
          $$ = mk_call(scanner, m, $5, $8, @$);
      }
    | postfix '[' expr ']' {
          $$ = mk(scanner, N_INDEX, @$); $$->left = $1; $$->right = $3;
      }
    ;

primary
    : INT_LIT
    | FLOAT_LIT
    | STRING_LIT
    | COLOR_LIT
    | TRUE
    | FALSE
    | NA
    | IDENT                     { $$ = mk(scanner, N_IDENT, @$); $$->name = $1; }
    | '(' expr ')'              { $$ = $2; }
    ;

args
    : %empty                    { $$ = NULL; }
    | arglist
    ;

arglist
    : arg                       { $$ = args_push(A, NULL, $1); }
    | arglist ',' arg           { $$ = args_push(A, $1, $3); }
    ;

/* A bracketed list is an argument only for `options=[...]` of the input functions. */
arg
    : expr                      { $$ = (Arg){ NULL, $1, $1->loc }; }
    | IDENT '=' expr            { $$ = (Arg){ $1, $3, loc_of(@1) }; }
    | tuple                     { $$ = (Arg){ NULL, $1, $1->loc }; }
    | IDENT '=' tuple           { $$ = (Arg){ $1, $3, loc_of(@1) }; }
    ;

/* ======} */

%%

/* {====== ERROR MESSAGES */

/* Describes token [k] as it appears in a message, quoting the source text when useful. */
static const char *describe(yyscan_t scanner, yysymbol_kind_t k) {
    PineLex *x = X;
    const char *text = x->src + x->last_off;
    int n = (int)x->last_len;
    if (n > 40) n = 40;
    switch (k) {
    case YYSYMBOL_YYEOF: return "end of file";
    case YYSYMBOL_IDENT:
    case YYSYMBOL_FUNC_IDENT: return arena_printf(A, "identifier `%.*s`", n, text);
    case YYSYMBOL_INT_LIT:
    case YYSYMBOL_FLOAT_LIT: return arena_printf(A, "number `%.*s`", n, text);
    case YYSYMBOL_STRING_LIT: return "string";
    case YYSYMBOL_COLOR_LIT: return arena_printf(A, "color `%.*s`", n, text);
    default: return yysymbol_name(k);
    }
}

/* Reports the syntax error described by [ctx] in Pine terms. */
static int yyreport_syntax_error(const yypcontext_t *ctx, yyscan_t scanner) {
    PineLex *x = X;
    if (x->fatal) return 0;
    yysymbol_kind_t la = yypcontext_token(ctx);
    Loc loc = loc_of(*yypcontext_location(ctx));
    if (loc.line == x->bad_line) return 0; /* follows from a lexical error already reported */
    enum { MAXEXP = 5 };
    yysymbol_kind_t exp[YYNTOKENS];
    int nexp = yypcontext_expected_tokens(ctx, exp, YYNTOKENS);
    int want_indent = nexp == 1 && exp[0] == YYSYMBOL_INDENT;
    int want_expr = 0;
    yysymbol_kind_t key = YYSYMBOL_YYEMPTY; /* a token that would complete the construct */
    for (int i = 0; i < nexp; i++) {
        switch (exp[i]) {
        case YYSYMBOL_INT_LIT: want_expr = 1; break;
        case YYSYMBOL_ARROW:
        case YYSYMBOL_TO: key = exp[i]; break;
        case YYSYMBOL_TLT: /* never what the user meant */
            exp[i--] = exp[--nexp];
            break;
        default:
            if (exp[i] == YYTRANSLATE(':')) key = exp[i];
            break;
        }
    }

    /* A bracket left open on an earlier line: blame the bracket, and forget it so that the
     * lexer produces line ends again and recovery can resynchronize. */
    if (x->nbr > 0) {
        int i = x->nbr - 1;
        if (x->br[i].line < loc.line || la == YYSYMBOL_YYEOF || la == YYSYMBOL_NEWLINE ||
            la == YYSYMBOL_DEDENT) {
            Loc bl = { x->br[i].line, x->br[i].col, x->br[i].line, x->br[i].col };
            char open = x->br[i].ch, close = open == '(' ? ')' : ']';
            diag_error(x->diag, bl, "missing `%c` to close this `%c`", close, open);
            x->nbr = 0;
            return 0;
        }
        x->nbr = 0;
    }
    if (want_indent && la != YYSYMBOL_INDENT) {
        if (x->nl_opener)
            diag_error(x->diag, loc, "expected an indented block after `%s`", x->nl_opener);
        else
            diag_error(x->diag, loc, "expected an indented block");
        return 0;
    }
    if (la == YYSYMBOL_INDENT) {
        diag_error(x->diag, loc, "unexpected indentation");
        return 0;
    }
    const char *what = describe(scanner, la);
    if (la == YYSYMBOL_ARROW && x->nindent > 1 && x->before_tok == ')') {
        diag_error(x->diag, loc, "unexpected `=>`: functions can only be declared at the top level");
        return 0;
    }
    if (key != YYSYMBOL_YYEMPTY) {
        diag_error(x->diag, loc, "unexpected %s; expected %s", what, yysymbol_name(key));
        return 0;
    }
    if (la == YYSYMBOL_NEWLINE || la == YYSYMBOL_YYEOF) {
        if (want_expr) {
            diag_error(x->diag, loc, "unexpected %s; expected an expression", what);
            return 0;
        }
    }
    if (nexp >= 1 && nexp <= 3) {
        char buf[256];
        size_t used = 0;
        buf[0] = 0;
        for (int i = 0; i < nexp; i++) {
            const char *sep = i == 0 ? "" : i == nexp - 1 ? " or " : ", ";
            int w = snprintf(buf + used, sizeof buf - used, "%s%s", sep, yysymbol_name(exp[i]));
            if (w < 0 || (size_t)w >= sizeof buf - used) break;
            used += (size_t)w;
        }
        diag_error(x->diag, loc, "unexpected %s; expected %s", what, buf);
        return 0;
    }
    diag_error(x->diag, loc, "unexpected %s", what);
    return 0;
}

/* Bison calls this for stack exhaustion only (syntax errors go to yyreport_syntax_error). */
static void yyerror(PINE_YYLTYPE *loc, yyscan_t scanner, const char *msg) {
    PineLex *x = X;
    if (x->fatal) return;
    x->fatal = 1;
    if (strstr(msg, "exhausted"))
        diag_error(x->diag, loc_of(*loc), "expression is too deeply nested");
    else
        diag_error(x->diag, loc_of(*loc), "%s", msg);
}

/* ======} */
