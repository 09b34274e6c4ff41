/* A compiled script: bytecode, constants and the tables the VM sizes its state from.
 * Produced by compile.c, run by vm.c, printed by disasm.c. */
#ifndef PINE_PROGRAM_H
#define PINE_PROGRAM_H

#include <stddef.h>
#include <stdint.h>
#include "builtins/builtins.h"
#include "vm/value.h"

/* One stateful or side-effecting built-in call in the code. */
typedef struct CallSite {
    const BuiltinDef *def;
    int nargs, nout;
    uint64_t conv_in;             /* bit k: argument k is int/bool/color, passed as int64 */
    uint32_t conv_out;            /* bit k: result k is int/bool/color, returned as int64 */
    Type tvar, argtype[8], rtype; /* as in PCall */
    int aux;
    int line, col;
} CallSite;

/* A variable whose past values are read with [n]. */
typedef struct RingSpec {
    int depth; /* the deepest offset read (max_bars_back for dynamic offsets) */
    uint8_t isptr;
    uint8_t keep; /* `var`: a new bar starts with the previous value instead of na */
    int scope;    /* advanced at each bar (0) or each time local scope [scope] is entered */
    const char *name;
} RingSpec;

typedef struct PlotSpec {
    const char *title;
    int offset; /* plot(offset=): the value of bar i is shown at bar i + offset */
    int hidden; /* display=display.none: computed, not exported */
    int has_color;
    uint32_t color; /* the plot's color when it is a constant (0xRRGGBBAA) */
} PlotSpec;

typedef enum InputKind {
    IN_INT,
    IN_FLOAT,
    IN_BOOL,
    IN_STRING,
    IN_COLOR,
    IN_SOURCE,
    IN_TIMEFRAME,
    IN_TIME,
    IN_SESSION,
    IN_SYMBOL,
    IN_PRICE,
    IN_TEXT_AREA,
    IN_ENUM
} InputKind;

typedef struct InputSpec {
    const char *title; /* as written, or NULL */
    const char *var;   /* the variable it initializes, or NULL */
    InputKind kind;
    PValue value; /* the value in effect (default or override) */
    PValue defval;
    const char *svalue; /* text of string-like values */
    const char *sdefval;
    double minval, maxval, step; /* NaN when absent */
    const char **options;
    int noptions;
    int line;
} InputSpec;

/* A constant argument of the declaration statement (`strategy(initial_capital=1000)`). */
typedef struct DeclArg {
    const char *name;   /* the parameter's name, positional arguments included */
    Type type;          /* a built-in type */
    PValue value;       /* numbers as doubles */
    const char *svalue; /* strings */
    int line, col;
} DeclArg;

typedef struct Program {
    TypeTable *types; /* every type the program uses */
    uint32_t *code;
    int32_t *lines; /* per code word: line << 12 | col (col capped at 4095) */
    size_t ncode;
    PValue *consts;
    uint8_t *const_isstr;
    int nconsts;
    int nslots;
    uint8_t *slot_isptr;
    RingSpec *rings;
    int nrings;
    CallSite *sites;
    int nsites;
    int nonces;
    int nscopes; /* scope 0 is the script's top level */
    int nloops;
    PlotSpec *plots;
    int nplots;
    InputSpec *inputs;
    int ninputs;
    int max_stack;
    /* declaration */
    int version;
    int is_strategy;
    const char *title;
    const char *shorttitle;
    int overlay;
    int max_bars_back;
    int bar_history; /* deepest constant offset of a bar field read with [k]; -1: a computed one */
    int precision;
    DeclArg *decl_args; /* every constant argument of indicator()/strategy() */
    int ndecl_args;
    const char *file;
} Program;

void program_free(Program *p);
/* Prints the bytecode with operands, constants and call sites (pine disasm). */
void program_disasm(const Program *p, void *file);

#endif
