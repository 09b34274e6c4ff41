/* Syntax tree nodes: allocation in the arena and a readable dump for debugging
 * (`pine check --ast`). */
#include "front/ast.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

Node *ast_new(Arena *a, NodeKind kind, Loc loc) {
    Node *n = arena_alloc(a, sizeof *n);
    n->kind = kind;
    n->loc = loc;
    return n;
}

void ast_list_push(Arena *a, NodeList *l, Node *n) {
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 4;
        Node **items = arena_alloc(a, sizeof *items * (size_t)cap);
        if (l->n) memcpy(items, l->items, sizeof *items * (size_t)l->n);
        l->items = items;
        l->cap = cap;
    }
    l->items[l->n++] = n;
}

const char *ast_op_text(OpKind op) {
    switch (op) {
    case OP_NONE: return "";
    case OP_NEG: return "-";
    case OP_POS: return "+";
    case OP_NOT: return "not";
    case OP_ADD: return "+";
    case OP_SUB: return "-";
    case OP_MUL: return "*";
    case OP_DIV: return "/";
    case OP_MOD: return "%";
    case OP_LT: return "<";
    case OP_LE: return "<=";
    case OP_GT: return ">";
    case OP_GE: return ">=";
    case OP_EQ: return "==";
    case OP_NE: return "!=";
    case OP_AND: return "and";
    case OP_OR: return "or";
    case OP_ASSIGN: return ":=";
    }
    return "?";
}

/* {====== DUMP */

static const char *const kind_names[] = {
    [N_INT] = "int",
    [N_FLOAT] = "float",
    [N_BOOL] = "bool",
    [N_STRING] = "string",
    [N_COLOR] = "color",
    [N_NA] = "na",
    [N_IDENT] = "ident",
    [N_MEMBER] = "member",
    [N_CALL] = "call",
    [N_INDEX] = "index",
    [N_UNARY] = "unary",
    [N_BINARY] = "binary",
    [N_TERNARY] = "ternary",
    [N_TUPLE] = "tuple",
    [N_IF] = "if",
    [N_SWITCH] = "switch",
    [N_CASE] = "case",
    [N_FOR] = "for",
    [N_FOR_IN] = "for-in",
    [N_WHILE] = "while",
    [N_BREAK] = "break",
    [N_CONTINUE] = "continue",
    [N_BLOCK] = "block",
    [N_VARDECL] = "vardecl",
    [N_TUPLEDECL] = "tupledecl",
    [N_ASSIGN] = "assign",
    [N_FUNCDEF] = "funcdef",
    [N_EXPRSTMT] = "expr",
    [N_SCRIPT] = "script",
};

static const char *const qual_names[] = {"", "const ", "input ", "simple ", "series "};

static void put_type(const TypeRef *t) {
    if (!t) {
        fputs("?", stdout);
        return;
    }
    fputs(qual_names[t->qual], stdout);
    fputs(t->name ? t->name : "?", stdout);
    for (int i = 0; i < t->nargs; i++) {
        fputs(i ? ", " : "<", stdout);
        put_type(t->args[i]);
    }
    if (t->nargs) fputc('>', stdout);
}

static void put_string(const char *s, int n) {
    fputc('"', stdout);
    for (int i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c == '\n')
            fputs("\\n", stdout);
        else if (c == '\t')
            fputs("\\t", stdout);
        else if (c < 0x20 || c == 0x7f)
            printf("\\x%02x", c);
        else
            fputc(c, stdout);
    }
    fputc('"', stdout);
}

static void dump(const Node *n, int indent);

static void child(const char *label, const Node *n, int indent) {
    printf("\n%*s", indent, "");
    if (label) printf("%s: ", label);
    if (n)
        dump(n, indent);
    else
        fputs("()", stdout);
}

static void children(const NodeList *l, int indent) {
    for (int i = 0; i < l->n; i++)
        child(NULL, l->items[i], indent);
}

/* Prints [n] as an S-expression whose children start on new lines at [indent] + 2; the
 * caller has already placed the cursor at [indent]. */
static void dump(const Node *n, int indent) {
    int in = indent + 2;
    printf("(%s", kind_names[n->kind]);
    switch (n->kind) {
    case N_INT: printf(" %" PRId64, n->ival); break;
    case N_FLOAT: printf(" %.17g", n->fval); break;
    case N_BOOL: fputs(n->ival ? " true" : " false", stdout); break;
    case N_STRING:
        fputc(' ', stdout);
        put_string(n->str, n->slen);
        break;
    case N_COLOR: printf(" #%08" PRIX64, (uint64_t)n->ival); break;
    case N_NA:
    case N_BREAK:
    case N_CONTINUE: break;
    case N_IDENT: printf(" %s", n->name); break;
    case N_MEMBER:
        printf(" .%s", n->name);
        child(NULL, n->left, in);
        break;
    case N_CALL:
        if (n->ntargs) {
            fputs(" <", stdout);
            for (int i = 0; i < n->ntargs; i++) {
                if (i) fputs(", ", stdout);
                put_type(n->targs[i]);
            }
            fputc('>', stdout);
        }
        child(NULL, n->left, in);
        for (int i = 0; i < n->nargs; i++)
            child(n->args[i].name, n->args[i].value, in);
        break;
    case N_INDEX:
        child(NULL, n->left, in);
        child("bars back", n->right, in);
        break;
    case N_UNARY:
        printf(" %s", ast_op_text(n->op));
        child(NULL, n->left, in);
        break;
    case N_BINARY:
        printf(" %s", ast_op_text(n->op));
        child(NULL, n->left, in);
        child(NULL, n->right, in);
        break;
    case N_TERNARY:
        child(NULL, n->left, in);
        child("then", n->right, in);
        child("else", n->third, in);
        break;
    case N_TUPLE:
    case N_BLOCK:
    case N_SCRIPT:
        if (n->kind == N_SCRIPT) printf(" version=%d", n->version);
        children(&n->list, in);
        break;
    case N_IF:
        child(NULL, n->left, in);
        child("then", n->body, in);
        if (n->third) child("else", n->third, in);
        break;
    case N_SWITCH:
        if (n->left) child("subject", n->left, in);
        children(&n->list, in);
        break;
    case N_CASE:
        if (n->left)
            child(NULL, n->left, in);
        else
            fputs(" default", stdout);
        child("=>", n->body, in);
        break;
    case N_FOR:
        printf(" %s", n->name);
        child("from", n->left, in);
        child("to", n->right, in);
        if (n->third) child("by", n->third, in);
        child(NULL, n->body, in);
        break;
    case N_FOR_IN:
        if (n->name2)
            printf(" [%s, %s]", n->name2, n->name);
        else
            printf(" %s", n->name);
        child("in", n->left, in);
        child(NULL, n->body, in);
        break;
    case N_WHILE:
        child(NULL, n->left, in);
        child(NULL, n->body, in);
        break;
    case N_VARDECL:
        printf(" %s", n->name);
        if (n->decl_mode == DECL_VAR) fputs(" var", stdout);
        if (n->decl_mode == DECL_VARIP) fputs(" varip", stdout);
        if (n->type) {
            fputs(" : ", stdout);
            put_type(n->type);
        }
        child(NULL, n->left, in);
        break;
    case N_TUPLEDECL:
        fputs(" [", stdout);
        for (int i = 0; i < n->nnames; i++)
            printf("%s%s", i ? ", " : "", n->names[i] ? n->names[i] : "_");
        fputc(']', stdout);
        child(NULL, n->left, in);
        break;
    case N_ASSIGN:
        printf(" %s %s%s", n->name, n->op == OP_ASSIGN ? "" : ast_op_text(n->op),
               n->op == OP_ASSIGN ? ":=" : "=");
        child(NULL, n->left, in);
        break;
    case N_FUNCDEF:
        printf(" %s%s (", n->is_method ? "method " : "", n->name);
        for (int i = 0; i < n->nparams; i++) {
            if (i) fputs(", ", stdout);
            if (n->params[i].type) {
                put_type(n->params[i].type);
                fputc(' ', stdout);
            }
            fputs(n->params[i].name, stdout);
            if (n->params[i].defval) fputs(" = ...", stdout);
        }
        fputc(')', stdout);
        for (int i = 0; i < n->nparams; i++)
            if (n->params[i].defval) child(n->params[i].name, n->params[i].defval, in);
        child(NULL, n->body, in);
        break;
    case N_EXPRSTMT: child(NULL, n->left, in); break;
    }
    fputc(')', stdout);
}

void ast_dump(const Node *n, int indent) {
    printf("%*s", indent, "");
    if (n)
        dump(n, indent);
    else
        fputs("()", stdout);
    fputc('\n', stdout);
}

/* ======} */
