/* `pine convert`: placeholder until the bar converter lands. */
#include <stdio.h>

#include "cli.h"

int cmd_convert(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fputs("pine: `convert` is not available in this build yet\n", stderr);
    return 2;
}
