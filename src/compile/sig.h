/* Built-in signatures parsed from the registration tables (builtins.h) into the form the
 * compiler matches calls against; overloads chained by name. */
#ifndef PINE_SIG_H
#define PINE_SIG_H

#include "front/ast.h"
#include "builtins/builtins.h"

enum { SIG_MAX_PARAMS = 24, SIG_MAX_RET = 8 };

typedef struct SigType {
    uint8_t qual;    /* Qual; Q_NONE = any */
    uint8_t generic; /* 1: `T`; 2: `array<T>` */
    Type type;       /* when not generic: an id of sig_types() */
} SigType;

/* The range an argument must lie in (`length > 0`, `occurrence >= 0`, `x in [0, 100]`). */
enum { SIG_ANY, SIG_ABOVE, SIG_AT_LEAST, SIG_BETWEEN };

typedef struct SigParam {
    const char *name;
    SigType t;
    uint8_t range; /* SIG_ANY ... with the bounds lo (and hi) */
    double lo, hi;
    int has_def;
    int def_na; /* the default is na */
    PValue def; /* numbers as doubles (VM form); strings in sdef */
    const char *sdef;
} SigParam;

typedef struct Sig {
    const char *name;
    const BuiltinDef *def;
    int is_var;     /* BF_VAR: no parameter list */
    int has_tparam; /* name<T>(...) */
    int nparams;
    int variadic; /* the last parameter repeats */
    SigParam params[SIG_MAX_PARAMS];
    int nret;
    SigType ret[SIG_MAX_RET];
    struct Sig *next; /* next overload of the same name */
} Sig;

/* Parses every table of builtin_tables once per process, whichever thread calls first; the
 * tables are read-only afterwards. A malformed signature is a bug: it aborts. */
void sig_init(void);
/* The types the signatures name, interned by sig_init and never extended afterwards: a
 * program's table starts as a copy, so these ids mean the same in every program. */
const TypeTable *sig_types(void);
/* The first overload of the function [name] (not BF_VAR entries), or NULL. */
const Sig *sig_function(const char *name);
/* The BF_VAR entry [name] (`close`, `ta.tr`), or NULL. */
const Sig *sig_variable(const char *name);
const ConstDef *sig_const(const char *name);
/* The type of constant [c] ("const float" is T_FLOAT). */
Type sig_const_type(const ConstDef *c);
/* Whether [prefix] is a namespace of some built-in (`ta`, `barstate`, `color`...). */
int sig_is_namespace(const char *prefix);
/* Visits every signature (for docs and completion). */
void sig_each(void (*fn)(const Sig *s, void *ud), void *ud);
/* Whether [x] lies in the range of [p]. */
int sig_in_range(const SigParam *p, double x);
/* The range of [p] as TradingView's messages say it: "> 0", ">= 0", "between 0 and 100". */
const char *sig_range_text(const SigParam *p, char *buf, size_t n);
const char *qual_name(Qual q);

#endif
