/* Run-time values. The checker knows every value's type, so a value is an untagged 8-byte
 * cell; na has one representation per type. Strings and arrays live on the VM's heap. */
#ifndef PINE_VALUE_H
#define PINE_VALUE_H

#include <math.h>
#include <stdint.h>
#include <stddef.h>

typedef union PValue {
    double f;  /* float */
    int64_t i; /* int, bool (0/1), color (0xRRGGBBAA) */
    void *p;   /* string (PStr*), array (PArray*); NULL is na */
} PValue;

/* The na of int, bool and color cells. */
#define PINE_NA_INT INT64_MIN
#define PINE_NA_FLOAT NAN

/* Base types. Order matters: T_INT < T_FLOAT is the numeric promotion. */
typedef enum PType {
    T_VOID,
    T_NA, /* the type of a bare `na` literal before it meets another type */
    T_BOOL,
    T_INT,
    T_FLOAT,
    T_COLOR,
    T_STRING,
    T_ARRAY, /* with an element type */
    T_LABEL,
    T_LINE,
    T_BOX,
    T_TABLE,
    T_LINEFILL,
    T_POLYLINE, /* drawing ids (accepted, ignored) */
    T_PLOT,
    T_HLINE, /* ids returned by plot() and hline(), used by fill() */
    T_TUPLE, /* only as a function result */
    T__COUNT
} PType;

typedef struct Type {
    uint8_t base; /* PType */
    uint8_t elem; /* element PType when base == T_ARRAY */
} Type;

/* ---- heap objects ---- */
typedef struct GcObj {
    struct GcObj *next;
    uint8_t kind; /* T_STRING or T_ARRAY */
    uint8_t marked;
} GcObj;

typedef struct PStr {
    GcObj gc;
    uint32_t len; /* bytes, not counting the terminating NUL */
    char data[];  /* UTF-8, NUL-terminated */
} PStr;

typedef struct PArray {
    GcObj gc;
    uint8_t elem; /* PType of the elements */
    int32_t len, cap;
    PValue *items;
} PArray;

#endif
