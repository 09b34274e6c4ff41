/* The type table: every type a program uses, named by a small integer id. Built-in types have
 * fixed ids (the T_ constants); composite types (array<T>, matrix<T>, map<K, V>, tuples) are
 * interned, so equal types have equal ids and compare with ==; user types and enums are
 * declared by name and equal only to themselves. A program owns its table: the compiler fills
 * it, the VM, the garbage collector and the built-ins read it. Heap objects carry their id. */
#ifndef PINE_TYPES_H
#define PINE_TYPES_H

#include <stdint.h>

typedef uint32_t Type;

/* The built-in types, the same ids in every table. T_INT and T_FLOAT are the numeric types. */
enum {
    T_VOID,
    T_NA, /* the type of a bare `na` literal before it meets another type */
    T_BOOL,
    T_INT,
    T_FLOAT,
    T_COLOR,
    T_STRING,
    T_LABEL,
    T_LINE,
    T_BOX,
    T_TABLE,
    T_LINEFILL,
    T_POLYLINE, /* drawing ids (accepted, ignored) */
    T_PLOT,
    T_HLINE,   /* ids returned by plot() and hline(), used by fill() */
    T__BUILTIN /* composite and declared types get the ids from here on */
};

typedef enum TypeKind {
    TK_BUILTIN,
    TK_ARRAY,  /* elem */
    TK_MATRIX, /* elem */
    TK_MAP,    /* key, value */
    TK_TUPLE,  /* items: a function's several results */
    TK_USER,   /* `type Name` with named, typed fields */
    TK_ENUM    /* `enum Name` with named members; a value is a member's index */
} TypeKind;

typedef struct TypeTable TypeTable;

/* A table holding the built-in types only. */
TypeTable *type_table_new(void);
/* A table with the same types under the same ids as [tt], to be extended independently. */
TypeTable *type_table_copy(const TypeTable *tt);
void type_table_free(TypeTable *tt);
/* How many types [tt] holds: ids run from 0 to the count - 1. */
Type type_count(const TypeTable *tt);

/* ====== constructors: T_VOID when the arguments make no type ====== */

/* array<[elem]> and matrix<[elem]>. Collections hold no collections (TradingView has no
 * array<array<float>>: an array goes inside a user type instead), nor void, na or tuples. */
Type type_array(TypeTable *tt, Type elem);
Type type_matrix(TypeTable *tt, Type elem);
/* map<[key], [value]>: the key is int, float, bool, string, color or an enum; the value is
 * anything an array may hold. */
Type type_map(TypeTable *tt, Type key, Type value);
/* The tuple of [n] results (n >= 1) of the given types (no tuples inside). */
Type type_tuple(TypeTable *tt, const Type *items, int n);
/* Declares user type [name] with [n] fields; T_VOID when a type of that name exists or two
 * fields share a name. A field holds what an array may hold, or a collection. */
Type type_declare_user(TypeTable *tt, const char *name, const char *const *field_names,
                       const Type *field_types, int n);
/* Declares enum [name] with [n] distinct members; T_VOID as for type_declare_user. */
Type type_declare_enum(TypeTable *tt, const char *name, const char *const *members, int n);

/* ====== resolving written names ====== */

typedef enum TypeError {
    TYPE_OK,
    TYPE_UNKNOWN, /* no type has this name */
    TYPE_NARGS,   /* the name takes another number of type arguments (type_arity) */
    TYPE_ELEM,    /* an argument cannot be an element or a value: array<array<float>> */
    TYPE_KEY      /* a map key that is not a fundamental type or an enum */
} TypeError;

/* Also resolve the names only built-in signatures use: void, plot, hline. */
#define TYPE_INTERNAL 1u

/* The one place a type written by name is resolved: `float`, `label`, a declared user type or
 * enum, or `array`, `matrix`, `map` with the [nargs] type arguments [args]. Sets [out] when it
 * returns TYPE_OK. [flags]: TYPE_INTERNAL or 0. */
TypeError type_resolve(TypeTable *tt, const char *name, const Type *args, int nargs, unsigned flags,
                       Type *out);
/* How many type arguments [name] takes: 1 for array and matrix, 2 for map, else 0. */
int type_arity(const char *name);

/* ====== queries ====== */

TypeKind type_kind(const TypeTable *tt, Type t);
/* How TradingView writes it: "float", "array<float>", "map<string, float>", "[float, int]",
 * the name of a user type or enum. Owned by the table. */
const char *type_name(const TypeTable *tt, Type t);
/* The element type of an array or matrix, the value type of a map; T_VOID otherwise. */
Type type_elem(const TypeTable *tt, Type t);
/* The key type of a map; T_VOID otherwise. */
Type type_key(const TypeTable *tt, Type t);
/* How many fields a user type has, members an enum, items a tuple; 0 otherwise. */
int type_nitems(const TypeTable *tt, Type t);
/* The type of field or item [i]; for an enum, the enum itself. */
Type type_item(const TypeTable *tt, Type t, int i);
/* The name of field or member [i]; NULL for a tuple's items. */
const char *type_item_name(const TypeTable *tt, Type t, int i);
/* The index of the field or member called [name], or -1. */
int type_field(const TypeTable *tt, Type t, const char *name);
/* Whether values of [t] are heap pointers (NULL is na): strings, collections, user objects. */
int type_isptr(const TypeTable *tt, Type t);

/* ====== rules that need no table ====== */

int type_isnum(Type t);
/* The common type of two branches or operands: na takes the other's type, int and float make
 * float; T_VOID when there is none. */
Type type_unify(Type a, Type b);

#endif
