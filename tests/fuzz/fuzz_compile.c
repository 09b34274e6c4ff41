/* libFuzzer harness: arbitrary bytes as Pine source through the lexer, parser, checker and
 * compiler. Diagnostics go to /dev/null; any crash, leak or sanitizer report is a bug.
 * Built by `make fuzz`; also replayed over tests/fuzz/regress/compile by test_fuzz_regress. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "compile/compile.h"

#ifndef FUZZ_ENTRY
#define FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

int FUZZ_ENTRY(const uint8_t *data, size_t size);

int FUZZ_ENTRY(const uint8_t *data, size_t size) {
    static FILE *devnull;
    if (!devnull) devnull = fopen("/dev/null", "w");
    CompileOptions opt = {NULL, NULL, 0, 0};
    Diag d;
    diag_init(&d, "fuzz.pine", (const char *)data, size);
    d.sink = devnull;
    Program *p = compile_script("fuzz.pine", (const char *)data, size, &opt, &d);
    if (p) program_free(p);
    return 0;
}
