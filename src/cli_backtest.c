/* `pine backtest`: placeholder until the strategy engine lands. */
#include <stdio.h>

#include "cli.h"

int cmd_backtest(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fputs("pine: `backtest` is not available in this build yet\n", stderr);
    return 2;
}
