/* Compile-time diagnostics: `file:line:col: error: message`, the source line and a caret
 * underline, collected so that every error of a file is reported in one run. */
#ifndef PINE_DIAG_H
#define PINE_DIAG_H

#include "front/ast.h"

typedef struct Diag {
    const char *file; /* name shown in messages */
    const char *src;  /* whole source text (for the quoted line) */
    size_t src_len;
    int errors;
    int warnings;
    int usage_errors; /* of the errors, those about command-line arguments (--input) */
    int quiet;        /* count but print nothing */
    int max_errors;   /* stop printing after this many (0 = 50) */
    void *sink;       /* FILE*; NULL = stderr */
} Diag;

void diag_init(Diag *d, const char *file, const char *src, size_t len);
void diag_error(Diag *d, Loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void diag_warning(Diag *d, Loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void diag_note(Diag *d, Loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
