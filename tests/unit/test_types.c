/* The type table (src/vm/types.h): interning gives equal ids to equal types and distinct ids to
 * distinct ones, names print as TradingView writes them, collections do not nest, user types
 * and enums are found by name, and a copy keeps the ids. Expected values written by hand. */
#include <string.h>

#include "vm/types.h"

#include "check.h"

/* One case: prints the condition when it fails. */
#define OK(cond, name) check((cond), (name), "%s", #cond)

static void name_is(const TypeTable *tt, Type t, const char *want, const char *what) {
    const char *got = type_name(tt, t);
    check(!strcmp(got, want), what, "got \"%s\", want \"%s\"", got, want);
}

static void builtins(TypeTable *tt) {
    name_is(tt, T_FLOAT, "float", "built-in names print");
    name_is(tt, T_LABEL, "label", "drawing types print");
    OK(type_kind(tt, T_INT) == TK_BUILTIN, "built-ins are TK_BUILTIN");
    OK(type_isptr(tt, T_STRING) && !type_isptr(tt, T_FLOAT) && !type_isptr(tt, T_COLOR),
       "only strings are pointers among the scalars");
    check(type_count(tt) == T__BUILTIN, "a new table holds the built-ins only", "%u",
          type_count(tt));
}

static void arrays(TypeTable *tt) {
    Type af = type_array(tt, T_FLOAT), ai = type_array(tt, T_INT);
    check(af >= T__BUILTIN, "array<float> is a composite id", "%u", af);
    OK(type_array(tt, T_FLOAT) == af, "array<float> interned twice is one id");
    OK(ai != af, "array<int> and array<float> differ");
    name_is(tt, af, "array<float>", "array name");
    name_is(tt, type_array(tt, T_LABEL), "array<label>", "array of drawing ids");
    OK(type_kind(tt, af) == TK_ARRAY && type_elem(tt, af) == T_FLOAT, "array element type");
    OK(type_isptr(tt, af), "arrays are pointers");
    OK(type_array(tt, af) == T_VOID, "array<array<float>> is refused");
    OK(type_array(tt, T_VOID) == T_VOID && type_array(tt, T_NA) == T_VOID,
       "no arrays of void or na");
    Type mf = type_matrix(tt, T_FLOAT);
    OK(mf != af && type_matrix(tt, T_FLOAT) == mf, "matrix<float> is its own interned type");
    name_is(tt, mf, "matrix<float>", "matrix name");
    OK(type_elem(tt, mf) == T_FLOAT && type_matrix(tt, af) == T_VOID,
       "matrix element; no matrix of arrays");
}

static void maps(TypeTable *tt) {
    Type m = type_map(tt, T_STRING, T_FLOAT);
    OK(m == type_map(tt, T_STRING, T_FLOAT), "map<string, float> interned twice is one id");
    OK(m != type_map(tt, T_FLOAT, T_STRING), "key and value are not interchangeable");
    name_is(tt, m, "map<string, float>", "map name");
    OK(type_key(tt, m) == T_STRING && type_elem(tt, m) == T_FLOAT, "map key and value");
    OK(type_key(tt, T_FLOAT) == T_VOID, "a float has no key type");
    Type ai = type_array(tt, T_INT);
    OK(type_map(tt, ai, T_FLOAT) == T_VOID, "an array is no map key");
    OK(type_map(tt, T_LABEL, T_FLOAT) == T_VOID, "a label is no map key");
    OK(type_map(tt, T_STRING, ai) == T_VOID, "an array is no map value");
    OK(type_isptr(tt, m), "maps are pointers");
}

static void tuples(TypeTable *tt) {
    Type fi[] = {T_FLOAT, T_INT}, i_f[] = {T_INT, T_FLOAT};
    Type t = type_tuple(tt, fi, 2);
    OK(t == type_tuple(tt, fi, 2), "a tuple interned twice is one id");
    OK(t != type_tuple(tt, i_f, 2), "tuple order matters");
    OK(t != type_tuple(tt, fi, 1), "tuple length matters");
    name_is(tt, t, "[float, int]", "tuple name");
    OK(type_nitems(tt, t) == 2 && type_item(tt, t, 1) == T_INT, "tuple items");
    Type nested[] = {t, T_FLOAT};
    OK(type_tuple(tt, nested, 2) == T_VOID, "no tuples in tuples");
    OK(!type_isptr(tt, t), "a tuple is not a value on the heap");
}

static void user_types(TypeTable *tt) {
    const char *names[] = {"x", "y", "tags"};
    Type types[] = {T_FLOAT, T_FLOAT, type_array(tt, T_STRING)};
    Type p = type_declare_user(tt, "Point", names, types, 3);
    check(p >= T__BUILTIN && type_kind(tt, p) == TK_USER, "a user type is declared", "%u", p);
    name_is(tt, p, "Point", "user type name");
    check(type_nitems(tt, p) == 3, "user type field count", "%d", type_nitems(tt, p));
    OK(type_field(tt, p, "y") == 1 && type_field(tt, p, "z") == -1, "field lookup");
    OK(type_item(tt, p, 2) == types[2] && !strcmp(type_item_name(tt, p, 2), "tags"),
       "field type and name");
    OK(type_isptr(tt, p), "user objects are pointers");
    OK(type_declare_user(tt, "Point", names, types, 1) == T_VOID, "a name is declared once");
    OK(type_declare_user(tt, "float", names, types, 1) == T_VOID, "built-in names are taken");
    const char *twice[] = {"a", "a"};
    OK(type_declare_user(tt, "Twice", twice, types, 2) == T_VOID, "field names are distinct");
    Type q = type_declare_user(tt, "Pair", names, types, 2);
    OK(q != p, "two user types with the same fields differ");
    OK(type_array(tt, p) != T_VOID, "arrays may hold user objects");
    Type got = T_VOID;
    OK(type_resolve(tt, "Point", NULL, 0, 0, &got) == TYPE_OK && got == p,
       "a user type resolves by name");
}

static void enums(TypeTable *tt) {
    const char *members[] = {"buy", "sell"};
    Type e = type_declare_enum(tt, "Side", members, 2);
    OK(type_kind(tt, e) == TK_ENUM, "an enum is declared");
    name_is(tt, e, "Side", "enum name");
    OK(type_nitems(tt, e) == 2 && type_field(tt, e, "sell") == 1, "enum members");
    OK(type_item(tt, e, 0) == e && !strcmp(type_item_name(tt, e, 0), "buy"),
       "a member is of the enum's type");
    OK(!type_isptr(tt, e), "enum values are not pointers");
    name_is(tt, type_map(tt, e, T_FLOAT), "map<Side, float>", "an enum is a map key");
    const char *twice[] = {"a", "a"};
    OK(type_declare_enum(tt, "Twice", twice, 2) == T_VOID, "members are distinct");
    OK(type_declare_enum(tt, "Side", members, 1) == T_VOID, "an enum name is declared once");
}

static void resolving(TypeTable *tt) {
    Type t = T_VOID, af = type_array(tt, T_FLOAT);
    OK(type_resolve(tt, "float", NULL, 0, 0, &t) == TYPE_OK && t == T_FLOAT, "float resolves");
    Type args[] = {T_FLOAT};
    OK(type_resolve(tt, "array", args, 1, 0, &t) == TYPE_OK && t == af,
       "array<float> resolves to the interned id");
    OK(type_resolve(tt, "Nope", NULL, 0, 0, &t) == TYPE_UNKNOWN, "unknown name");
    OK(type_resolve(tt, "void", NULL, 0, 0, &t) == TYPE_UNKNOWN, "scripts cannot write void");
    OK(type_resolve(tt, "plot", NULL, 0, TYPE_INTERNAL, &t) == TYPE_OK && t == T_PLOT,
       "signatures can write plot");
    OK(type_resolve(tt, "na", NULL, 0, TYPE_INTERNAL, &t) == TYPE_UNKNOWN, "na is no name");
    OK(type_resolve(tt, "array", NULL, 0, 0, &t) == TYPE_NARGS, "array needs an element");
    OK(type_resolve(tt, "float", args, 1, 0, &t) == TYPE_NARGS, "float takes no arguments");
    OK(type_resolve(tt, "map", args, 1, 0, &t) == TYPE_NARGS, "map needs two arguments");
    Type nested[] = {af};
    OK(type_resolve(tt, "array", nested, 1, 0, &t) == TYPE_ELEM,
       "array<array<float>> is an element error");
    Type key[] = {af, T_FLOAT};
    OK(type_resolve(tt, "map", key, 2, 0, &t) == TYPE_KEY, "map<array<float>, float>");
    OK(type_arity("map") == 2 && type_arity("array") == 1 && type_arity("int") == 0, "arities");
}

static void copies(TypeTable *tt) {
    Type af = type_array(tt, T_FLOAT);
    Type n = type_count(tt);
    TypeTable *c = type_table_copy(tt);
    check(type_count(c) == n, "a copy holds as many types", "%u", type_count(c));
    OK(type_array(c, T_FLOAT) == af, "a copy keeps interned ids");
    Type got = T_VOID;
    OK(type_resolve(c, "Point", NULL, 0, 0, &got) == TYPE_OK, "a copy keeps user types");
    Type fresh = type_matrix(c, T_STRING);
    OK(fresh == n && type_count(tt) == n, "extending a copy leaves the original");
    type_table_free(c);
}

/* Enough types to grow the hash several times; every one is found again afterwards. */
static void many(TypeTable *tt) {
    Type ids[300];
    int distinct = 1, same = 1;
    for (int i = 0; i < 300; i++) {
        Type items[] = {T_BOOL + i % 12, T_BOOL + i / 12 % 12, T_BOOL + i / 144};
        ids[i] = type_tuple(tt, items, 3);
        distinct &= ids[i] != T_VOID && (i == 0 || ids[i] > ids[i - 1]);
    }
    for (int i = 0; i < 300; i++) {
        Type items[] = {T_BOOL + i % 12, T_BOOL + i / 12 % 12, T_BOOL + i / 144};
        same &= type_tuple(tt, items, 3) == ids[i];
    }
    OK(distinct, "300 distinct tuples get 300 ids");
    OK(same, "interning survives the hash growing");
}

static void rules(void) {
    OK(type_unify(T_INT, T_FLOAT) == T_FLOAT, "int and float unify to float");
    OK(type_unify(T_NA, T_STRING) == T_STRING, "na takes the other type");
    OK(type_unify(T_STRING, T_FLOAT) == T_VOID, "string and float do not unify");
}

int main(void) {
    TypeTable *tt = type_table_new();
    builtins(tt);
    arrays(tt);
    maps(tt);
    tuples(tt);
    user_types(tt);
    enums(tt);
    resolving(tt);
    copies(tt);
    many(tt);
    rules();
    type_table_free(tt);
    return failures != 0;
}
