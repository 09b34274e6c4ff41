/* The built-in library's interface: one registration table per library (ta, math, str, ...)
 * collected in builtins/registry.c. The checker reads the signatures, the compiler emits a
 * call per call site, and the VM gives every stateful call site its own zeroed state block. */
#ifndef PINE_BUILTINS_H
#define PINE_BUILTINS_H

#include <stdarg.h>
#include <stddef.h>
#include "vm/value.h"

typedef struct Vm Vm;
typedef struct Bars Bars;

/* How values cross the boundary. Inside the VM every int, bool and color is held as a double
 * (na = NaN), so int/bool/color arguments declared with a concrete type (`series int length`,
 * `simple bool handle_na`, `series color c`) are converted for the built-in into PValue.i
 * (int64; bool 0/1; color 0xRRGGBBAA; na = PINE_NA_INT), and int/bool/color results written to
 * out[k].i are converted back. Values typed with the generic `T` (and array elements, which
 * are stored in VM form) are NOT converted: numbers of every kind are doubles (NaN = na) and
 * strings/arrays are pointers (NULL = na); c->tvar says which type T is. Floats are doubles.
 * Type ids are those of the program's table, c->types (types.h): an array's element type is
 * type_elem(c->types, a->gc.type). */

/* What a built-in sees of one call. */
typedef struct PCall {
    Vm *vm;
    PValue *args; /* one per declared parameter, in declaration order, defaults filled in,
                     ints already converted to float where the parameter is float;
                     for a variadic function nargs says how many */
    int nargs;
    void *state; /* this call site's state: state_size zeroed bytes, NULL when 0 */
    PValue *out; /* the result; out[0..k-1] for a tuple of k */
    const TypeTable *types;
    Type tvar;       /* the type bound to T in a generic signature (array<T>, series T) */
    Type argtype[8]; /* the type of each of the first 8 arguments as written at the call */
    Type rtype;      /* the type of out[0]: array<float> for array.new_float */
    int aux;         /* per-site index the checker assigned (plot column, input index, ...) */
    int line, col;   /* call location, for messages */
} PCall;

typedef void (*BuiltinFn)(PCall *c);
typedef void (*BuiltinFree)(void *state);

enum BuiltinFlags {
    BF_PURE = 1 << 0,     /* no state, no side effect: result qualifier is the strongest of the
                             arguments' (const in, const out), so it may be folded */
    BF_VAR = 1 << 1,      /* used without parentheses: `close`, `ta.tr`, `barstate.isfirst` */
    BF_PLOT = 1 << 2,     /* an output column: gets an aux index and a title */
    BF_IGNORED = 1 << 3,  /* accepted and ignored with one notice (drawings, alerts) */
    BF_SIDE = 1 << 4,     /* has effects: never folded or removed */
    BF_TOPLEVEL = 1 << 5, /* only at the script's top level (plot, hline, bgcolor...) */
    BF_MISSING = 1 << 6,  /* known to the checker, not implemented: the compiler refuses it */
};

/* A compile-time check of what a built-in validates itself when it runs: called for each
 * string argument whose value is known before the first bar ([s] is NULL for na), [param]
 * being its index in the signature. Returns NULL when the value is fine, else [msg] holding
 * the error the built-in would raise with it. */
typedef const char *(*BuiltinCheck)(int param, const char *s, char *msg, size_t n);

/* One built-in. The signature is Pine-like, e.g.
 *   "ta.sma(series float source, series int length) -> series float"
 *   "ta.tr(simple bool handle_na = false) -> series float"
 *   "ta.macd(series float source, simple int fastlen, simple int slowlen, simple int siglen)
 *        -> [series float, series float, series float]"
 *   "math.max(series float number0, series float number1, series float ...) -> series float"
 *   "array.get(array<T> id, series int index) -> series T"
 *   "array.new<T>(series int size = 0, series T initial_value = na) -> array<T>"
 *   "close -> series float"  (a BF_VAR entry: no parameter list)
 * Types: int float bool string color T array<X> void label line box table; qualifiers const
 * input simple series. Defaults are literals (numbers, true/false, "strings", na, #RRGGBB,
 * or a dotted constant name such as `plot.style_line`). Overloads are separate entries with
 * the same name; the checker takes the first that fits, so put int forms before float ones.
 * A numeric parameter may name the range its argument must lie in, after its name:
 *   "ta.sma(series float source, series int length > 0) -> series float"
 *   "... series int occurrence >= 0 ...", "... simple float percentage in [0, 100] ..."
 * The compiler refuses a constant argument outside it; the built-in checks the others when it
 * runs, with the same builtin_range_message. */
/* The calls the compiler builds itself (BuiltinDef.hook): their rows give the signature that
 * `pine builtins`, the docs and the REPL's completion show, and name the compiler's hook that
 * compiles them (compile/compile_call.c) instead of a C body. */
typedef enum CompileHook {
    HOOK_NONE,
    HOOK_NA,          /* na(x): a test, not a call */
    HOOK_NZ,          /* nz(x, y): a select */
    HOOK_CAST,        /* int(x), float(x), bool(x), color(x), string(x) */
    HOOK_INPUT,       /* input() and input.*(): a compile-time value with an override */
    HOOK_DECLARATION, /* indicator(), strategy(), library(): the script's settings */
} CompileHook;

typedef struct BuiltinDef {
    const char *sig;
    BuiltinFn fn;
    size_t state_size;
    unsigned flags;
    BuiltinFree free_state; /* releases what fn allocated inside the state; may be NULL */
    int ncols;              /* BF_PLOT: output columns per call (0 means 1; plotcandle: 4) */
    BuiltinCheck check;     /* may be NULL */
    CompileHook hook;       /* a special form: compiled by this hook, fn is NULL */
} BuiltinDef;

/* A named constant such as `math.pi`, `color.red`, `plot.style_line`, `order.ascending`.
 * The value is in boundary form: .f for floats, .i for int, bool and color (0xRRGGBBAA). */
typedef struct ConstDef {
    const char *name;
    const char *type; /* "const float", "const color", "const int", "const string" ... */
    PValue value;
    const char *svalue; /* for string constants */
} ConstDef;

/* ---- the master list (builtins/registry.c) ---- */
typedef struct BuiltinTable {
    const char *library;    /* "ta", "math", ... */
    const BuiltinDef *defs; /* ends with a zero entry */
    const ConstDef *consts; /* ends with a zero entry; may be NULL */
} BuiltinTable;

extern const BuiltinTable builtin_tables[]; /* ends with a zero entry */

/* ---- what built-ins may ask of the VM (vm.c) ---- */
int64_t vm_bar_index(const Vm *vm);      /* 0-based index of the bar being run */
int64_t vm_last_bar_index(const Vm *vm); /* index of the last bar of the data */
/* The bars in memory: a window [base, base + n) that holds at least the current bar and the
 * history the script reads; bar i is element i - base (bars.h). */
const Bars *vm_bars(const Vm *vm);
double vm_mintick(const Vm *vm);
const char *vm_symbol(const Vm *vm);
const char *vm_timezone(const Vm *vm); /* IANA name of the chart's time zone */
int64_t vm_timeframe_seconds(const Vm *vm);
int vm_version(const Vm *vm); /* 5 or 6 */

PStr *vm_str_new(Vm *vm, const char *bytes, size_t len);
/* A new array of array type [type] holding [len] na elements. */
PArray *vm_array_new(Vm *vm, Type type, int32_t len);
/* Grows [a] to hold at least [cap] items; raises the array-size runtime error past the limit. */
void vm_array_reserve(PCall *c, PArray *a, int64_t cap);

/* Registers malloc'd [p] to be freed if a runtime error stops the script before the built-in
 * clears it again with NULL (one pointer at a time). */
void vm_free_on_error(Vm *vm, void *p);

/* Stops the script with a runtime error naming the call's line and the current bar. */
_Noreturn void vm_error(PCall *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* TradingView's message for an argument outside its range, e.g. `Invalid value of the 'length'
 * argument (0) in the "ta.sma" function. It must be > 0.`: [value] is the argument as text
 * ("0", "na"), [rule] the range ("> 0", ">= 0", "between 0 and 100"). */
void builtin_range_message(char *buf, size_t n, const char *fn, const char *param,
                           const char *value, const char *rule);

/* The engine attached with VmOptions.hooks (the strategy broker), or NULL. */
void *vm_userdata(const Vm *vm);

/* Sets the value of output column [c->aux] for this bar (plot and friends). */
void vm_plot_set(PCall *c, double value);
/* The same for column c->aux + [k] of a call with several columns (plotcandle). */
void vm_plot_set_col(PCall *c, int k, double value);

/* Calls [fn] once after the last bar of a successful run (io.export_chart writes then). */
void vm_on_finish(Vm *vm, void (*fn)(Vm *vm, void *ud), void *ud);
/* The folder of the script being run ("." when unknown) and --output-dir ("." by default):
 * the only places io.* built-ins may read and write. */
const char *vm_script_dir(const Vm *vm);
const char *vm_output_dir(const Vm *vm);

#endif
