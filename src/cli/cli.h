/* Shared pieces of the command-line commands (main.c and the cli_*.c command files). */
#ifndef PINE_CLI_H
#define PINE_CLI_H

#include <stddef.h>
#include <stdint.h>
#include "vm/program.h"

typedef struct CliOptions {
    const char *script, *data, *out, *symbol, *timezone;
    const char *mintick_text, *max_loop_text, *max_memory_text;
    int64_t max_memory; /* bytes; 0 = the VM's default */
    double mintick;
    int64_t max_loop_ms;
    const char **input_names;
    const char **input_values;
    int ninputs;
    int help, ast, trace;
    /* data selection and loading (issue 4): --from --to --warmup --sort --lenient --adjusted */
    const char *from_text, *to_text, *warmup_text, *output_dir;
    long warmup;
    int sort, lenient, adjusted;
} CliOptions;

int cli_usage_error(const char *usage, const char *fmt, const char *arg);
char *cli_read_file(const char *path, size_t *len);
int cli_parse(int argc, char **argv, const char *usage, CliOptions *o);
void cli_free(CliOptions *o);
/* A command's start: cli_parse, then --help. Returns 1 when the command is over, its usage
 * printed for --help or a message for bad options ([o] freed, *rc the exit code), 0 to go on. */
int cli_start(int argc, char **argv, const char *usage, CliOptions *o, int *rc);
/* Refuses (message, returns 2) an output [out] (named by option [what]) that is the same file as
 * the input [in]: writing it would destroy the bars before they are read. 0 otherwise. */
int cli_check_output(const char *in, const char *out, const char *what);
/* The folder part of [path] ("." when none); the caller frees it. */
char *cli_dirname(const char *path);
/* Applies --from/--to/--warmup to loaded bars (cli_convert.c); returns 0, or 2 after a message. */
struct Bars;
int cli_select_bars(const CliOptions *o, struct Bars *b);
Program *cli_compile(CliOptions *o, int *rc);

/* The commands, one file each: cli_backtest.c, cli_repl.c, cli_test.c, cli_convert.c.
 * Each takes the arguments after the command name and returns the exit code. */
int cmd_backtest(int argc, char **argv);
int cmd_repl(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_inputs(int argc, char **argv);   /* cli_info.c */
int cmd_builtins(int argc, char **argv); /* cli_info.c */

#endif
