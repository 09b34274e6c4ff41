/* The unit tests' one assertion: prints `pass NAME` or `FAIL NAME: why` (the runner counts
 * these lines) and counts the failures for main's exit code. */
#ifndef PINE_TEST_CHECK_H
#define PINE_TEST_CHECK_H

#include <stdarg.h>
#include <stdio.h>

static int failures;

static void check(int ok, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4), unused));

static void check(int ok, const char *name, const char *fmt, ...) {
    printf("%s %s", ok ? "pass" : "FAIL", name);
    if (!ok) {
        va_list ap;
        va_start(ap, fmt);
        printf(": ");
        vprintf(fmt, ap);
        va_end(ap);
        failures++;
    }
    printf("\n");
}

#endif
