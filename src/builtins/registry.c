/* The master list of built-in libraries: every table the checker, the REPL's completion and
 * docs/builtins.md are generated from. */
#include "builtins.h"

extern const BuiltinDef core_builtins[];
extern const ConstDef core_consts[];
extern const BuiltinDef math_builtins[];
extern const ConstDef math_consts[];
extern const BuiltinDef ta_builtins[];

const BuiltinTable builtin_tables[] = {
    {"core", core_builtins, core_consts},
    {"math", math_builtins, math_consts},
    {"ta", ta_builtins, NULL},
    {0, 0, 0},
};
