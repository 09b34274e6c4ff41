/* Run-time values. The checker knows every value's type, so a value is an untagged 8-byte
 * cell; na has one representation per type. Strings and arrays live on the VM's heap, each
 * object with its type id (types.h) in its header. */
#ifndef PINE_VALUE_H
#define PINE_VALUE_H

#include <math.h>
#include <stdint.h>
#include <stddef.h>
#include "vm/types.h"

typedef union PValue {
    double f;  /* float */
    int64_t i; /* int, bool (0/1), color (0xRRGGBBAA) */
    void *p;   /* string (PStr*), array (PArray*); NULL is na */
} PValue;

/* The na of int, bool and color cells. */
#define PINE_NA_INT INT64_MIN
#define PINE_NA_FLOAT NAN

/* ---- heap objects ---- */
typedef struct GcObj {
    struct GcObj *next;
    Type type; /* T_STRING, or an array type of the program's table */
    uint8_t marked;
} GcObj;

typedef struct PStr {
    GcObj gc;
    uint32_t len; /* bytes, not counting the terminating NUL */
    char data[];  /* UTF-8, NUL-terminated */
} PStr;

typedef struct PArray {
    GcObj gc; /* its type gives the elements' */
    int32_t len, cap;
    PValue *items;
} PArray;

#endif
