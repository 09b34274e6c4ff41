/* `pine test`: placeholder until the regression tester lands. */
#include <stdio.h>

#include "cli.h"

int cmd_test(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fputs("pine: `test` is not available in this build yet\n", stderr);
    return 2;
}
