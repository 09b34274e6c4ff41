/* Parses the Pine-like signature strings of the built-in tables (see builtins.h). */
#include "compile/sig.h"

#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ====== tables ====== */

#define HASH_SIZE 2048

typedef struct Entry {
    const char *name;
    Sig *fn;
    Sig *var;
    const ConstDef *cdef;
    Type ctype; /* of cdef */
    struct Entry *next;
} Entry;

/* Built once by sig_init under pthread_once and read-only afterwards, so every thread reads
 * them without a lock. */
static Entry *table[HASH_SIZE];
static TypeTable *types;
static const char **namespaces;
static int nnamespaces;

static unsigned hash(const char *s) {
    unsigned h = 2166136261u;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 16777619u;
    return h & (HASH_SIZE - 1);
}

static Entry *entry(const char *name, int create) {
    unsigned h = hash(name);
    for (Entry *e = table[h]; e; e = e->next)
        if (!strcmp(e->name, name)) return e;
    if (!create) return NULL;
    Entry *e = calloc(1, sizeof *e);
    e->name = name;
    e->next = table[h];
    table[h] = e;
    return e;
}

static void add_namespace(const char *name) {
    const char *dot = strrchr(name, '.');
    if (!dot) return;
    size_t n = (size_t)(dot - name);
    for (int i = 0; i < nnamespaces; i++)
        if (strlen(namespaces[i]) == n && !strncmp(namespaces[i], name, n)) return;
    namespaces = realloc(namespaces, sizeof *namespaces * (size_t)(nnamespaces + 1));
    char *ns = malloc(n + 1);
    memcpy(ns, name, n);
    ns[n] = 0;
    namespaces[nnamespaces++] = ns;
    add_namespace(ns);
}

/* ====== the signature language ====== */

typedef struct Lex {
    const char *s, *p, *sig;
} Lex;

static _Noreturn void bad(Lex *l, const char *what) {
    fprintf(stderr, "pine: internal error: bad built-in signature (%s at offset %d): %s\n", what,
            (int)(l->p - l->sig), l->sig);
    abort();
}

static void ws(Lex *l) {
    while (isspace((unsigned char)*l->p))
        l->p++;
}

static int accept(Lex *l, const char *tok) {
    ws(l);
    size_t n = strlen(tok);
    if (!strncmp(l->p, tok, n)) {
        l->p += n;
        return 1;
    }
    return 0;
}

static char *word(Lex *l) {
    ws(l);
    const char *b = l->p;
    while (isalnum((unsigned char)*l->p) || *l->p == '_' || *l->p == '.')
        l->p++;
    if (l->p == b) return NULL;
    char *w = malloc((size_t)(l->p - b) + 1);
    memcpy(w, b, (size_t)(l->p - b));
    w[l->p - b] = 0;
    return w;
}

/* A type written in a signature: a name with type arguments (array<float>), or T, or
 * array<T>; resolved in [types]. */
static Type parse_term(Lex *l, uint8_t *generic) {
    char *w = word(l);
    if (!w) bad(l, "type expected");
    Type args[2], t = T_VOID;
    int nargs = 0;
    if (!strcmp(w, "T")) {
        *generic = 1;
    } else if (accept(l, "<")) {
        do {
            if (nargs == 2) bad(l, "too many type arguments");
            uint8_t g = 0;
            args[nargs++] = parse_term(l, &g);
            if (g && (g != 1 || strcmp(w, "array") || nargs > 1)) bad(l, "T only as array<T>");
            if (g) *generic = 2;
        } while (accept(l, ","));
        if (!accept(l, ">")) bad(l, "> expected");
    }
    if (!*generic && type_resolve(types, w, args, nargs, TYPE_INTERNAL, &t) != TYPE_OK)
        bad(l, "unknown type");
    free(w);
    return t;
}

static SigType parse_type(Lex *l) {
    SigType t = {0};
    const char *save = l->p;
    char *w = word(l);
    if (!w) bad(l, "type expected");
    static const char *quals[] = {"", "const", "input", "simple", "series"};
    for (int q = 1; q <= 4; q++)
        if (!strcmp(w, quals[q])) t.qual = (uint8_t)q;
    free(w);
    if (!t.qual) l->p = save;
    t.type = parse_term(l, &t.generic);
    return t;
}

static void parse_default(Lex *l, SigParam *p) {
    ws(l);
    p->has_def = 1;
    if (accept(l, "na")) {
        p->def_na = 1;
        p->def.f = NAN;
    } else if (accept(l, "true")) {
        p->def.f = 1;
    } else if (accept(l, "false")) {
        p->def.f = 0;
    } else if (*l->p == '"') {
        const char *b = ++l->p;
        while (*l->p && *l->p != '"')
            l->p++;
        if (!*l->p) bad(l, "unterminated string default");
        char *s = malloc((size_t)(l->p - b) + 1);
        memcpy(s, b, (size_t)(l->p - b));
        s[l->p - b] = 0;
        p->sdef = s;
        l->p++;
    } else if (*l->p == '#') {
        const char *b = ++l->p;
        while (isxdigit((unsigned char)*l->p))
            l->p++;
        unsigned long v = strtoul(b, NULL, 16);
        if (l->p - b == 6)
            v = (v << 8) | 0xFF;
        else if (l->p - b != 8)
            bad(l, "bad color default");
        p->def.f = (double)v;
    } else if (isdigit((unsigned char)*l->p) || *l->p == '-' || *l->p == '.') {
        char *end;
        p->def.f = strtod(l->p, &end);
        l->p = end;
    } else {
        char *w = word(l);
        if (!w) bad(l, "default value expected");
        /* a named constant; resolved after every table is read */
        p->sdef = w;
        p->has_def = 2;
    }
}

static double number(Lex *l) {
    ws(l);
    char *end;
    double x = strtod(l->p, &end);
    if (end == l->p) bad(l, "number expected");
    l->p = end;
    return x;
}

/* `> N`, `>= N` or `in [A, B]` after a parameter's name. */
static void parse_range(Lex *l, SigParam *p) {
    if (accept(l, ">=")) {
        p->range = SIG_AT_LEAST;
        p->lo = number(l);
    } else if (accept(l, ">")) {
        p->range = SIG_ABOVE;
        p->lo = number(l);
    } else if (accept(l, "in")) {
        p->range = SIG_BETWEEN;
        if (!accept(l, "[")) bad(l, "[ expected");
        p->lo = number(l);
        if (!accept(l, ",")) bad(l, ", expected");
        p->hi = number(l);
        if (!accept(l, "]")) bad(l, "] expected");
    }
}

static Sig *parse_sig(const BuiltinDef *d) {
    Lex l = {d->sig, d->sig, d->sig};
    Sig *s = calloc(1, sizeof *s);
    s->def = d;
    s->name = word(&l);
    if (!s->name) bad(&l, "name expected");
    if (accept(&l, "<")) {
        if (!accept(&l, "T") || !accept(&l, ">")) bad(&l, "<T> expected");
        s->has_tparam = 1;
    }
    if (d->flags & BF_VAR) {
        s->is_var = 1;
    } else {
        if (!accept(&l, "(")) bad(&l, "( expected");
        if (!accept(&l, ")")) {
            do {
                if (s->nparams == SIG_MAX_PARAMS) bad(&l, "too many parameters");
                SigParam *p = &s->params[s->nparams++];
                p->t = parse_type(&l);
                if (accept(&l, "...")) {
                    s->variadic = 1;
                    p->name = "...";
                } else {
                    p->name = word(&l);
                    if (!p->name) bad(&l, "parameter name expected");
                    parse_range(&l, p);
                    if (accept(&l, "=")) parse_default(&l, p);
                }
            } while (accept(&l, ","));
            if (!accept(&l, ")")) bad(&l, ") expected");
        }
    }
    if (!accept(&l, "->")) bad(&l, "-> expected");
    if (accept(&l, "[")) {
        do {
            if (s->nret == SIG_MAX_RET) bad(&l, "too many results");
            s->ret[s->nret++] = parse_type(&l);
        } while (accept(&l, ","));
        if (!accept(&l, "]")) bad(&l, "] expected");
    } else {
        s->ret[0] = parse_type(&l);
        s->nret = s->ret[0].type == T_VOID && !s->ret[0].generic ? 0 : 1;
    }
    ws(&l);
    if (*l.p) bad(&l, "unexpected text");
    return s;
}

static void build(void) {
    types = type_table_new();
    for (const BuiltinTable *t = builtin_tables; t->library; t++) {
        for (const BuiltinDef *d = t->defs; d && d->sig; d++) {
            Sig *s = parse_sig(d);
            Entry *e = entry(s->name, 1);
            add_namespace(s->name);
            Sig **slot = s->is_var ? &e->var : &e->fn;
            while (*slot)
                slot = &(*slot)->next;
            *slot = s;
        }
        for (const ConstDef *c = t->consts; c && c->name; c++) {
            Lex l = {c->type, c->type, c->type};
            SigType ct = parse_type(&l);
            if (*l.p || ct.generic) bad(&l, "constant type expected");
            Entry *e = entry(c->name, 1);
            e->cdef = c;
            e->ctype = ct.type;
            add_namespace(c->name);
        }
    }
    /* resolve defaults written as constant names */
    for (int h = 0; h < HASH_SIZE; h++)
        for (Entry *e = table[h]; e; e = e->next)
            for (Sig *s = e->fn; s; s = s->next)
                for (int i = 0; i < s->nparams; i++) {
                    SigParam *p = &s->params[i];
                    if (p->has_def != 2) continue;
                    Entry *c = entry(p->sdef, 0);
                    if (!c || !c->cdef) {
                        fprintf(stderr, "pine: internal error: unknown constant %s in %s\n",
                                p->sdef, s->def->sig);
                        abort();
                    }
                    p->has_def = 1;
                    free((char *)p->sdef);
                    if (c->cdef->svalue)
                        p->sdef = c->cdef->svalue;
                    else {
                        p->sdef = NULL;
                        p->def = c->cdef->value;
                        if (c->ctype != T_FLOAT) p->def.f = (double)c->cdef->value.i;
                    }
                }
}

void sig_init(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, build);
}

const Sig *sig_function(const char *name) {
    Entry *e = entry(name, 0);
    return e ? e->fn : NULL;
}

const Sig *sig_variable(const char *name) {
    Entry *e = entry(name, 0);
    return e ? e->var : NULL;
}

const ConstDef *sig_const(const char *name) {
    Entry *e = entry(name, 0);
    return e ? e->cdef : NULL;
}

Type sig_const_type(const ConstDef *c) {
    return entry(c->name, 0)->ctype;
}

const TypeTable *sig_types(void) {
    return types;
}

int sig_is_namespace(const char *prefix) {
    for (int i = 0; i < nnamespaces; i++)
        if (!strcmp(namespaces[i], prefix)) return 1;
    return 0;
}

void sig_each(void (*fn)(const Sig *s, void *ud), void *ud) {
    for (int h = 0; h < HASH_SIZE; h++)
        for (Entry *e = table[h]; e; e = e->next) {
            for (Sig *s = e->var; s; s = s->next)
                fn(s, ud);
            for (Sig *s = e->fn; s; s = s->next)
                fn(s, ud);
        }
}

int sig_in_range(const SigParam *p, double x) {
    switch (p->range) {
    case SIG_ABOVE: return x > p->lo;
    case SIG_AT_LEAST: return x >= p->lo;
    case SIG_BETWEEN: return x >= p->lo && x <= p->hi;
    }
    return 1;
}

const char *sig_range_text(const SigParam *p, char *buf, size_t n) {
    if (p->range == SIG_BETWEEN)
        snprintf(buf, n, "between %g and %g", p->lo, p->hi);
    else
        snprintf(buf, n, "%s %g", p->range == SIG_ABOVE ? ">" : ">=", p->lo);
    return buf;
}

const char *qual_name(Qual q) {
    static const char *names[] = {"", "const", "input", "simple", "series"};
    return names[q];
}
