/* The checker and code generator: one walk over the syntax tree that resolves names, infers
 * types and qualifiers, reports what TradingView would reject, and emits bytecode. User
 * functions are expanded at each call site, which gives every call site its own state. */
#ifndef PINE_COMPILE_H
#define PINE_COMPILE_H

#include "front/diag.h"
#include "vm/program.h"

typedef struct CompileOptions {
    const char *const *input_names; /* --input NAME=VALUE overrides: by title or variable */
    const char *const *input_values;
    int ninputs;
    int dump_ast; /* print the tree on stderr (pine check --ast) */
} CompileOptions;

/* Compiles [src] (named [file] in messages). Returns NULL when any error was reported to [d]. */
Program *compile_script(const char *file, const char *src, size_t len, const CompileOptions *opt,
                        Diag *d);

#endif
