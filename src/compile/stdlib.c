/* The standard library written in Pine (the stdlib folder), embedded at build time. */
#include "compile/stdlib_pine.h"

#include "stdlib.inc"

int stdlib_count(void) {
    return (int)(sizeof stdlib_files / sizeof stdlib_files[0]) - 1;
}

const char *stdlib_name(int i) {
    return stdlib_files[i].name;
}

const char *stdlib_source(int i) {
    return stdlib_files[i].source;
}
