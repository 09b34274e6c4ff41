/* The front end's entry point: checks the source as a whole (size, UTF-8, the //@version
 * annotation), runs the lexer and grammar of grammar/, and bounds the depth of the tree so
 * that the recursive passes after it cannot overflow the stack. */
#include "front/parse.h"

#include <stdlib.h>
#include <string.h>

#include "pine.tab.h"
#define YYSTYPE PINE_YYSTYPE
#define YYLTYPE PINE_YYLTYPE
#include "lex.yy.h"

enum { MAX_SOURCE = 10 * 1024 * 1024 };

/* Reports the first invalid UTF-8 sequence of every line. */
static void check_utf8(Diag *d, const unsigned char *s, size_t n) {
    int line = 1, col = 1, reported_line = 0;
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t k = c < 0x80             ? 1
                   : (c & 0xE0) == 0xC0 ? 2
                   : (c & 0xF0) == 0xE0 ? 3
                   : (c & 0xF8) == 0xF0 ? 4
                                        : 0;
        int ok = k > 0 && i + k <= n;
        for (size_t j = 1; ok && j < k; j++)
            ok = (s[i + j] & 0xC0) == 0x80;
        if (ok && k > 1) {
            uint32_t cp = c & (0x7F >> k);
            for (size_t j = 1; j < k; j++)
                cp = cp << 6 | (s[i + j] & 0x3F);
            static const uint32_t min_cp[] = {0, 0, 0x80, 0x800, 0x10000};
            ok = cp >= min_cp[k] && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
        }
        if (!ok) {
            if (reported_line != line) {
                Loc loc = {line, col, line, col};
                diag_error(d, loc, "invalid UTF-8 byte 0x%02X in the source", c);
                reported_line = line;
            }
            k = 1;
        }
        if (c == '\n') {
            line++;
            col = 1;
        } else {
            col += (int)k;
        }
        i += k;
    }
}

/* Returns the number of the //@version=N annotation (the first line that starts with it),
 * reporting a missing, malformed or unsupported one; 0 when there is none usable. */
static int read_version(Diag *d, const char *s, size_t n) {
    static const char tag[] = "//@version";
    size_t i = 0;
    int line = 1;
    while (i < n) {
        size_t start = i;
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
        int col = (int)(i - start) + 1;
        if (n - i >= sizeof tag - 1 && memcmp(s + i, tag, sizeof tag - 1) == 0) {
            size_t p = i + sizeof tag - 1;
            while (p < n && s[p] == ' ')
                p++;
            int v = -1;
            if (p < n && s[p] == '=') {
                p++;
                while (p < n && s[p] == ' ')
                    p++;
                if (p < n && s[p] >= '0' && s[p] <= '9') {
                    v = 0;
                    while (p < n && s[p] >= '0' && s[p] <= '9' && v < 1000)
                        v = v * 10 + (s[p++] - '0');
                }
            }
            Loc loc = {line, col, line, col + (int)(p - i) - 1};
            if (v < 0) {
                diag_error(d, loc, "invalid //@version annotation; write //@version=6");
                return 0;
            }
            if (v != 5 && v != 6) {
                diag_error(d, loc, "pine supports //@version=5 and 6; this script is version %d",
                           v);
                return v;
            }
            return v;
        }
        while (i < n && s[i] != '\n')
            i++;
        i++;
        line++;
    }
    Loc top = {1, 1, 1, 1};
    diag_error(d, top, "missing //@version=5 or //@version=6 annotation");
    return 0;
}

/* Lists the children of [n] into [out] (at most the number of slots needed). */
static int node_children(const Node *n, const Node ***out, int *cap) {
    int k = 0, need = 4 + n->list.n + n->nargs + n->nparams;
    if (need > *cap) {
        int c = need * 2;
        const Node **v = realloc(*out, sizeof *v * (size_t)c);
        if (!v) return -1;
        *out = v;
        *cap = c;
    }
    const Node **v = *out;
    if (n->left) v[k++] = n->left;
    if (n->right) v[k++] = n->right;
    if (n->third) v[k++] = n->third;
    if (n->body) v[k++] = n->body;
    for (int i = 0; i < n->list.n; i++)
        if (n->list.items[i]) v[k++] = n->list.items[i];
    for (int i = 0; i < n->nargs; i++)
        if (n->args[i].value) v[k++] = n->args[i].value;
    for (int i = 0; i < n->nparams; i++)
        if (n->params[i].defval) v[k++] = n->params[i].defval;
    return k;
}

/* Whether the tree under [root] is at most PINE_MAX_DEPTH deep; reports the first node
 * beyond. Walks with its own stack, since the tree may be too deep for recursion. */
static int check_depth(Diag *d, const Node *root) {
    typedef struct {
        const Node *n;
        int depth;
    } Item;
    int cap = 1024, sp = 0, ccap = 0, ok = 1;
    Item *stack = malloc(sizeof *stack * (size_t)cap);
    const Node **kids = NULL;
    if (!stack) return 0;
    stack[sp++] = (Item){root, 1};
    while (sp > 0) {
        Item it = stack[--sp];
        if (it.depth > PINE_MAX_DEPTH) {
            diag_error(d, it.n->loc,
                       "this expression is too long or too deeply nested (more than %d levels)",
                       PINE_MAX_DEPTH);
            ok = 0;
            break;
        }
        int k = node_children(it.n, &kids, &ccap);
        if (k < 0) {
            ok = 0;
            break;
        }
        if (sp + k > cap) {
            int c = (sp + k) * 2;
            Item *s = realloc(stack, sizeof *s * (size_t)c);
            if (!s) {
                ok = 0;
                break;
            }
            stack = s;
            cap = c;
        }
        for (int i = k - 1; i >= 0; i--)
            stack[sp++] = (Item){kids[i], it.depth + 1};
    }
    free(stack);
    free(kids);
    return ok;
}

Node *parse_script(Arena *a, Diag *d, const char *src, size_t len) {
    if (len > MAX_SOURCE) {
        Loc none = {0, 0, 0, 0};
        diag_error(d, none, "the script is larger than 10 MB");
        return NULL;
    }
    if (!src) src = "";
    check_utf8(d, (const unsigned char *)src, len);
    int version = read_version(d, src, len);

    PineLex *x = calloc(1, sizeof *x);
    if (!x) return NULL;
    x->arena = a;
    x->diag = d;
    x->src = src;
    x->len = len;
    x->line = x->col = 1;
    x->nl_line = x->nl_col = 1;
    x->nindent = 1;
    yyscan_t scanner;
    if (pine_yylex_init_extra(x, &scanner) != 0) {
        free(x);
        return NULL;
    }
    YY_BUFFER_STATE buf = pine_yy_scan_bytes(src, (int)len, scanner);
    int rc = pine_yyparse(scanner);
    pine_yy_delete_buffer(buf, scanner);
    pine_yylex_destroy(scanner);
    Node *script = x->script;
    free(x);

    if (rc != 0 && d->errors == 0) {
        Loc none = {0, 0, 0, 0};
        diag_error(d, none, "the script could not be parsed");
    }
    if (!script) return NULL;
    script->version = version;
    if (!check_depth(d, script)) return NULL;
    return script;
}
