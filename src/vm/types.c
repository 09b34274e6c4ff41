/* The type table (types.h): an array of entries indexed by id, with a hash over each entry's
 * structure (composite types) or name (user types, enums) so that interning and lookup by
 * name are one probe. */
#include "vm/types.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Entry {
    TypeKind kind;
    char *name; /* printed name */
    Type a, b;  /* array, matrix: a = element; map: a = key, b = value */
    int n;
    Type *items;  /* tuple items; user type field types */
    char **names; /* user type field names; enum members */
    unsigned hash;
    Type next; /* the next entry in the same bucket, or NONE */
} Entry;

struct TypeTable {
    Entry *v;
    Type n, cap;
    Type *buckets; /* the newest entry of each bucket, or NONE */
    Type nbuckets; /* a power of two */
};

#define NONE ((Type)-1)

/* Who may write a built-in type's name. */
enum { BY_SCRIPTS, BY_SIGNATURES, BY_NONE };

/* The built-in types, by id: their printed names and who may write them. */
static const struct {
    const char *name;
    int written;
} BUILTIN[T__BUILTIN] = {
    [T_VOID] = {"void", BY_SIGNATURES},      [T_NA] = {"na", BY_NONE},
    [T_BOOL] = {"bool", BY_SCRIPTS},         [T_INT] = {"int", BY_SCRIPTS},
    [T_FLOAT] = {"float", BY_SCRIPTS},       [T_COLOR] = {"color", BY_SCRIPTS},
    [T_STRING] = {"string", BY_SCRIPTS},     [T_LABEL] = {"label", BY_SCRIPTS},
    [T_LINE] = {"line", BY_SCRIPTS},         [T_BOX] = {"box", BY_SCRIPTS},
    [T_TABLE] = {"table", BY_SCRIPTS},       [T_LINEFILL] = {"linefill", BY_SCRIPTS},
    [T_POLYLINE] = {"polyline", BY_SCRIPTS}, [T_PLOT] = {"plot", BY_SIGNATURES},
    [T_HLINE] = {"hline", BY_SIGNATURES},
};

/* ====== memory ====== */

static _Noreturn void oom(void) {
    fputs("pine: out of memory\n", stderr);
    exit(2);
}

static void *xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) oom();
    return p;
}

static char *xstrdup(const char *s) {
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

static unsigned hash_bytes(unsigned h, const void *p, size_t n) {
    const unsigned char *s = p;
    while (n--)
        h = (h ^ *s++) * 16777619u;
    return h;
}

static unsigned hash_struct(TypeKind kind, Type a, Type b, const Type *items, int n) {
    unsigned h = hash_bytes(2166136261u, &kind, sizeof kind);
    h = hash_bytes(h, &a, sizeof a);
    h = hash_bytes(h, &b, sizeof b);
    return hash_bytes(h, items, sizeof *items * (size_t)n);
}

static unsigned hash_name(const char *name) {
    return hash_bytes(2166136261u, name, strlen(name));
}

static void rehash(TypeTable *tt) {
    free(tt->buckets);
    tt->nbuckets = tt->nbuckets ? tt->nbuckets * 2 : 64;
    tt->buckets = xmalloc(sizeof *tt->buckets * tt->nbuckets);
    for (Type i = 0; i < tt->nbuckets; i++)
        tt->buckets[i] = NONE;
    for (Type i = 0; i < tt->n; i++) {
        Type *head = &tt->buckets[tt->v[i].hash & (tt->nbuckets - 1)];
        tt->v[i].next = *head;
        *head = i;
    }
}

/* Appends [e] (its strings and arrays now owned by the table) and returns its id. */
static Type add(TypeTable *tt, Entry e) {
    if (tt->n == tt->cap) {
        tt->cap = tt->cap ? tt->cap * 2 : 64;
        tt->v = realloc(tt->v, sizeof *tt->v * tt->cap);
        if (!tt->v) oom();
    }
    Type id = tt->n++;
    tt->v[id] = e;
    if (tt->n > tt->nbuckets / 2)
        rehash(tt);
    else {
        Type *head = &tt->buckets[e.hash & (tt->nbuckets - 1)];
        tt->v[id].next = *head;
        *head = id;
    }
    return id;
}

TypeTable *type_table_new(void) {
    TypeTable *tt = calloc(1, sizeof *tt);
    if (!tt) oom();
    for (Type t = 0; t < T__BUILTIN; t++)
        add(tt, (Entry){TK_BUILTIN, xstrdup(BUILTIN[t].name), 0, 0, 0, NULL, NULL,
                        hash_name(BUILTIN[t].name), NONE});
    return tt;
}

TypeTable *type_table_copy(const TypeTable *src) {
    TypeTable *tt = calloc(1, sizeof *tt);
    if (!tt) oom();
    for (Type i = 0; i < src->n; i++) {
        Entry e = src->v[i];
        e.name = xstrdup(e.name);
        if (e.items)
            e.items = memcpy(xmalloc(sizeof *e.items * (size_t)e.n), e.items,
                             sizeof *e.items * (size_t)e.n);
        if (e.names) {
            char **names = xmalloc(sizeof *names * (size_t)e.n);
            for (int k = 0; k < e.n; k++)
                names[k] = xstrdup(e.names[k]);
            e.names = names;
        }
        add(tt, e);
    }
    return tt;
}

void type_table_free(TypeTable *tt) {
    if (!tt) return;
    for (Type i = 0; i < tt->n; i++) {
        Entry *e = &tt->v[i];
        free(e->name);
        free(e->items);
        if (e->names)
            for (int k = 0; k < e->n; k++)
                free(e->names[k]);
        free(e->names);
    }
    free(tt->v);
    free(tt->buckets);
    free(tt);
}

Type type_count(const TypeTable *tt) {
    return tt->n;
}

/* ====== interning ====== */

/* The id of the structural type (kind, a, b, items), added when new with printed [name]. */
static Type intern(TypeTable *tt, TypeKind kind, Type a, Type b, const Type *items, int n,
                   const char *name) {
    unsigned h = hash_struct(kind, a, b, items, n);
    for (Type i = tt->buckets[h & (tt->nbuckets - 1)]; i != NONE; i = tt->v[i].next) {
        const Entry *e = &tt->v[i];
        if (e->hash == h && e->kind == kind && e->a == a && e->b == b && e->n == n &&
            (!n || !memcmp(e->items, items, sizeof *items * (size_t)n)))
            return i;
    }
    Type *copy =
        n ? memcpy(xmalloc(sizeof *items * (size_t)n), items, sizeof *items * (size_t)n) : NULL;
    return add(tt, (Entry){kind, xstrdup(name), a, b, n, copy, NULL, h, NONE});
}

static int is_collection(const TypeTable *tt, Type t) {
    TypeKind k = type_kind(tt, t);
    return k == TK_ARRAY || k == TK_MATRIX || k == TK_MAP;
}

/* Whether [t] may be an element, a map value or a field. */
static int holdable(const TypeTable *tt, Type t) {
    return t < tt->n && t != T_VOID && t != T_NA && t != T_PLOT && t != T_HLINE &&
           !is_collection(tt, t) && type_kind(tt, t) != TK_TUPLE;
}

/* A generic type's printed name: NAME<a> or NAME<a, b>. */
static char *generic_name(const TypeTable *tt, const char *name, Type a, Type b, int two) {
    size_t n = strlen(name) + strlen(tt->v[a].name) + (two ? strlen(tt->v[b].name) : 0) + 8;
    char *s = xmalloc(n);
    if (two)
        snprintf(s, n, "%s<%s, %s>", name, tt->v[a].name, tt->v[b].name);
    else
        snprintf(s, n, "%s<%s>", name, tt->v[a].name);
    return s;
}

static Type intern_generic(TypeTable *tt, TypeKind kind, const char *name, Type a, Type b,
                           int two) {
    char *s = generic_name(tt, name, a, b, two);
    Type t = intern(tt, kind, a, b, NULL, 0, s);
    free(s);
    return t;
}

Type type_array(TypeTable *tt, Type elem) {
    return holdable(tt, elem) ? intern_generic(tt, TK_ARRAY, "array", elem, 0, 0) : T_VOID;
}

Type type_matrix(TypeTable *tt, Type elem) {
    return holdable(tt, elem) ? intern_generic(tt, TK_MATRIX, "matrix", elem, 0, 0) : T_VOID;
}

static int keyable(const TypeTable *tt, Type key) {
    return key == T_INT || key == T_FLOAT || key == T_BOOL || key == T_STRING || key == T_COLOR ||
           (key < tt->n && type_kind(tt, key) == TK_ENUM);
}

Type type_map(TypeTable *tt, Type key, Type value) {
    if (!keyable(tt, key) || !holdable(tt, value)) return T_VOID;
    return intern_generic(tt, TK_MAP, "map", key, value, 1);
}

Type type_tuple(TypeTable *tt, const Type *items, int n) {
    if (n < 1) return T_VOID;
    size_t len = 3;
    for (int i = 0; i < n; i++) {
        if (items[i] >= tt->n || items[i] == T_VOID || type_kind(tt, items[i]) == TK_TUPLE)
            return T_VOID;
        len += strlen(tt->v[items[i]].name) + 2;
    }
    char *s = xmalloc(len);
    size_t k = 0;
    s[k++] = '[';
    for (int i = 0; i < n; i++)
        k += (size_t)snprintf(s + k, len - k, "%s%s", i ? ", " : "", tt->v[items[i]].name);
    snprintf(s + k, len - k, "]");
    Type t = intern(tt, TK_TUPLE, 0, 0, items, n, s);
    free(s);
    return t;
}

/* ====== declared types ====== */

/* The user type or enum (or built-in) called [name], or NONE. */
static Type by_name(const TypeTable *tt, const char *name) {
    unsigned h = hash_name(name);
    for (Type i = tt->buckets[h & (tt->nbuckets - 1)]; i != NONE; i = tt->v[i].next) {
        const Entry *e = &tt->v[i];
        if (e->hash == h && (e->kind == TK_BUILTIN || e->kind == TK_USER || e->kind == TK_ENUM) &&
            !strcmp(e->name, name))
            return i;
    }
    return NONE;
}

static int distinct(const char *const *names, int n) {
    for (int i = 0; i < n; i++)
        for (int j = 0; j < i; j++)
            if (!strcmp(names[i], names[j])) return 0;
    return 1;
}

static char **dup_names(const char *const *names, int n) {
    char **v = xmalloc(sizeof *v * (size_t)n);
    for (int i = 0; i < n; i++)
        v[i] = xstrdup(names[i]);
    return v;
}

Type type_declare_user(TypeTable *tt, const char *name, const char *const *field_names,
                       const Type *field_types, int n) {
    if (by_name(tt, name) != NONE || type_arity(name) || !distinct(field_names, n)) return T_VOID;
    for (int i = 0; i < n; i++)
        if (!holdable(tt, field_types[i]) && !is_collection(tt, field_types[i])) return T_VOID;
    Type *items =
        n ? memcpy(xmalloc(sizeof *items * (size_t)n), field_types, sizeof *items * (size_t)n)
          : NULL;
    return add(tt, (Entry){TK_USER, xstrdup(name), 0, 0, n, items, dup_names(field_names, n),
                           hash_name(name), NONE});
}

Type type_declare_enum(TypeTable *tt, const char *name, const char *const *members, int n) {
    if (by_name(tt, name) != NONE || type_arity(name) || !distinct(members, n)) return T_VOID;
    return add(tt, (Entry){TK_ENUM, xstrdup(name), 0, 0, n, NULL, dup_names(members, n),
                           hash_name(name), NONE});
}

/* ====== resolving ====== */

int type_arity(const char *name) {
    if (!strcmp(name, "array") || !strcmp(name, "matrix")) return 1;
    if (!strcmp(name, "map")) return 2;
    return 0;
}

TypeError type_resolve(TypeTable *tt, const char *name, const Type *args, int nargs, unsigned flags,
                       Type *out) {
    int arity = type_arity(name);
    if (!arity) {
        Type t = by_name(tt, name);
        int allowed = flags & TYPE_INTERNAL ? BY_SIGNATURES : BY_SCRIPTS;
        if (t == NONE || (t < T__BUILTIN && BUILTIN[t].written > allowed)) return TYPE_UNKNOWN;
        if (nargs) return TYPE_NARGS;
        *out = t;
        return TYPE_OK;
    }
    if (nargs != arity) return TYPE_NARGS;
    Type t = !strcmp(name, "array")    ? type_array(tt, args[0])
             : !strcmp(name, "matrix") ? type_matrix(tt, args[0])
                                       : type_map(tt, args[0], args[1]);
    if (t == T_VOID) return arity == 2 && !keyable(tt, args[0]) ? TYPE_KEY : TYPE_ELEM;
    *out = t;
    return TYPE_OK;
}

/* ====== queries ====== */

TypeKind type_kind(const TypeTable *tt, Type t) {
    return tt->v[t].kind;
}

const char *type_name(const TypeTable *tt, Type t) {
    return t < tt->n ? tt->v[t].name : "?";
}

Type type_elem(const TypeTable *tt, Type t) {
    const Entry *e = &tt->v[t];
    return e->kind == TK_ARRAY || e->kind == TK_MATRIX ? e->a : e->kind == TK_MAP ? e->b : T_VOID;
}

Type type_key(const TypeTable *tt, Type t) {
    return tt->v[t].kind == TK_MAP ? tt->v[t].a : T_VOID;
}

int type_nitems(const TypeTable *tt, Type t) {
    TypeKind k = tt->v[t].kind;
    return k == TK_USER || k == TK_ENUM || k == TK_TUPLE ? tt->v[t].n : 0;
}

Type type_item(const TypeTable *tt, Type t, int i) {
    const Entry *e = &tt->v[t];
    return e->kind == TK_ENUM ? t : e->items[i];
}

const char *type_item_name(const TypeTable *tt, Type t, int i) {
    return tt->v[t].names ? tt->v[t].names[i] : NULL;
}

int type_field(const TypeTable *tt, Type t, const char *name) {
    const Entry *e = &tt->v[t];
    if (e->names)
        for (int i = 0; i < e->n; i++)
            if (!strcmp(e->names[i], name)) return i;
    return -1;
}

int type_isptr(const TypeTable *tt, Type t) {
    if (t == T_STRING) return 1;
    TypeKind k = tt->v[t].kind;
    return k == TK_ARRAY || k == TK_MATRIX || k == TK_MAP || k == TK_USER;
}

int type_isnum(Type t) {
    return t == T_INT || t == T_FLOAT;
}

Type type_unify(Type a, Type b) {
    if (a == T_NA) return b;
    if (b == T_NA) return a;
    if (a == b) return a;
    if (type_isnum(a) && type_isnum(b)) return T_FLOAT;
    return T_VOID;
}
