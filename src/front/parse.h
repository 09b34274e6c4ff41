/* The front end: source text to syntax tree (grammar/pine.l and grammar/pine.y). */
#ifndef PINE_PARSE_H
#define PINE_PARSE_H

#include "front/ast.h"
#include "front/diag.h"

/* Parses [src] (len bytes, need not be NUL-terminated) into an N_SCRIPT node allocated in [a].
 * Errors go to [d] (all of them, with locations); returns NULL only when nothing usable was
 * parsed. Callers must not compile a tree when d->errors > 0. */
Node *parse_script(Arena *a, Diag *d, const char *src, size_t len);

#endif
