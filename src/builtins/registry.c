/* The master list of built-in libraries: every table the checker, the REPL's completion and
 * docs/builtins.md are generated from. */
#include "builtins/builtins.h"

#include <stdio.h>

extern const BuiltinDef special_builtins[];
extern const BuiltinDef core_builtins[];
extern const ConstDef core_consts[];
extern const BuiltinDef math_builtins[];
extern const ConstDef math_consts[];
extern const BuiltinDef ta_builtins[];
extern const BuiltinDef str_builtins[];
extern const ConstDef str_consts[];
extern const BuiltinDef array_builtins[];
extern const ConstDef array_consts[];
extern const BuiltinDef color_builtins[];
extern const ConstDef color_consts[];
extern const BuiltinDef time_builtins[];
extern const ConstDef time_consts[];
extern const BuiltinDef io_builtins[];
extern const BuiltinDef output_builtins[];
extern const ConstDef output_consts[];
extern const BuiltinDef drawing_builtins[];
extern const ConstDef drawing_consts[];
extern const BuiltinDef strategy_builtins[];
extern const ConstDef strategy_consts[];

const BuiltinTable builtin_tables[] = {
    {"special forms", special_builtins, NULL},
    {"core", core_builtins, core_consts},
    {"math", math_builtins, math_consts},
    {"ta", ta_builtins, NULL},
    {"str", str_builtins, str_consts},
    {"array", array_builtins, array_consts},
    {"color", color_builtins, color_consts},
    {"time", time_builtins, time_consts},
    {"io", io_builtins, NULL},
    {"output", output_builtins, output_consts},
    {"drawing", drawing_builtins, drawing_consts},
    {"strategy", strategy_builtins, strategy_consts},
    {0, 0, 0},
};

void builtin_range_message(char *buf, size_t n, const char *fn, const char *param,
                           const char *value, const char *rule) {
    snprintf(buf, n,
             "Invalid value of the '%s' argument (%s) in the \"%s\" function. It must be %s.",
             param, value, fn, rule);
}
