/* `pine inputs` and `pine builtins`: placeholders until the built-in library's tools land. */
#include <stdio.h>

#include "cli.h"

int cmd_inputs(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fputs("pine: `inputs` is not available in this build yet\n", stderr);
    return 2;
}

int cmd_builtins(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fputs("pine: `builtins` is not available in this build yet\n", stderr);
    return 2;
}
