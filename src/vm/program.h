/* A compiled script: bytecode, constants and the tables the VM sizes its state from.
 * Produced by compile.c, run by vm.c, printed by disasm.c. */
#ifndef PINE_PROGRAM_H
#define PINE_PROGRAM_H

#include <stddef.h>
#include <stdint.h>
#include "builtins/builtins.h"
#include "vm/opcodes.h"
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
    int frame, local; /* the frame that holds its state, and the state's index there */
} CallSite;

/* A variable whose past values are read with [n]. */
typedef struct RingSpec {
    int depth; /* the deepest offset read (max_bars_back for dynamic offsets) */
    uint8_t isptr;
    uint8_t keep; /* `var`: a new bar starts with the previous value instead of na */
    int scope;    /* advanced at each bar (0) or each time local scope [scope] is entered */
    const char *name;
    int frame, local; /* the frame that holds it, and its index there */
    int limit;        /* max_bars_back(name, n): n; 0: the script's max_bars_back */
} RingSpec;

/* The deepest history a series keeps when nothing sets max_bars_back (its maximum, too). */
#define PINE_HISTORY_MAX 5000
/* A history reference deeper than its series' buffer: the offset, then the buffer's limit. */
#define PINE_MSG_HISTORY_LIMIT                                                                     \
    "the history offset %.0f is beyond the historical buffer's limit (%d); use max_bars_back"

/* How deeply user-function calls may nest (the compiler refuses more; the VM's call stack). */
#define PINE_MAX_CALL_DEPTH 64

/* A `var` variable of a function body: each call site of the function keeps its own. */
typedef struct VarSpec {
    int frame, local;
    uint8_t isptr;
} VarSpec;

/* What one execution context keeps from bar to bar: frame 0 is the script's top level, every
 * other frame one compiled function body. A function body is compiled once (per distinct
 * argument types); each call site of it owns a copy of its frame inside the caller's frame, so
 * history, `var` variables and the state of ta.* calls are per call site, as in TradingView.
 * The counts include the frames of the calls the body makes. */
typedef struct FrameSpec {
    const char *name;  /* the function's name; NULL for the script */
    size_t entry, end; /* the body's code words */
    int nrings, nsites, nonces, nvars;
} FrameSpec;

/* A call of a user function: where the callee's frame lies in the caller's (offsets per kind
 * of state). */
typedef struct FuncCall {
    int owner, callee; /* frames */
    int ring, site, once, var;
} FuncCall;

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
    VarSpec *vars;
    int nvars;
    FrameSpec *frames;
    int nframes;
    FuncCall *fcalls;
    int nfcalls;
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
    int bar_limit[BAR__COUNT]; /* each bar field's buffer: max_bars_back(close, n), else the
                                  script's */
    int precision;
    DeclArg *decl_args; /* every constant argument of indicator()/strategy() */
    int ndecl_args;
    const char *file;
} Program;

void program_free(Program *p);
/* Prints the bytecode with operands, constants and call sites (pine disasm). */
void program_disasm(const Program *p, void *file);
/* Prints the instruction at [pc] (a valid opcode): its name, operands and a comment (a
 * constant, a bar field, a jump's target, a call's built-in), without a newline. Returns its
 * length in code words. */
size_t program_disasm_insn(const Program *p, size_t pc, void *file);

#endif
