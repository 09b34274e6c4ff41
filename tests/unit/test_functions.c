/* User functions are compiled once: code size grows with the source, not with the number of
 * paths through nested calls (issue 12). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "compile/compile.h"

/* A script of [levels] functions, each calling the previous one twice. */
static char *nested_script(int levels) {
    size_t cap = 256 + (size_t)levels * 64;
    char *s = malloc(cap);
    int n = snprintf(s, cap, "//@version=6\nindicator(\"nested\")\nf0(x) => x + 1\n");
    for (int i = 1; i <= levels; i++)
        n += snprintf(s + n, cap - (size_t)n, "f%d(x) => f%d(x) + f%d(x * 2)\n", i, i - 1, i - 1);
    snprintf(s + n, cap - (size_t)n, "plot(f%d(close))\n", levels);
    return s;
}

static size_t code_words(int levels) {
    char *src = nested_script(levels);
    Diag d;
    diag_init(&d, "nested.pine", src, strlen(src));
    CompileOptions opt = {0};
    Program *p = compile_script("nested.pine", src, strlen(src), &opt, &d);
    size_t n = p ? p->ncode : 0;
    program_free(p);
    free(src);
    return n;
}

int main(void) {
    size_t w10 = code_words(10), w20 = code_words(20);
    check(w20 > 0, "nested functions compile", "20 levels did not compile");
    check(w20 * 4 < 100 * 1024, "20 nested functions under 100 KB of bytecode", "%zu bytes",
          w20 * 4);
    /* ten more levels add ten more bodies of the same size: linear, not 2^10 times more */
    check(w20 < 3 * w10, "code size linear in nesting", "10 levels: %zu words, 20: %zu", w10,
          w20);
    return failures != 0;
}
