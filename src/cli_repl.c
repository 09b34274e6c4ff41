/* `pine repl`: placeholder until the REPL lands. */
#include <stdio.h>

#include "cli.h"

int cmd_repl(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fputs("pine: `repl` is not available in this build yet\n", stderr);
    return 2;
}
