/* The virtual machine: runs a compiled Program once per bar over loaded bars and collects the
 * plot columns. */
#ifndef PINE_VM_H
#define PINE_VM_H

#include "bars.h"
#include "program.h"

/* Lets an engine run beside the script (the strategy broker): before_bar runs before the
 * script on each bar (orders fill at the open and inside the bar), after_bar after it. */
typedef struct VmHooks {
    void (*before_bar)(Vm *vm, void *ud);
    void (*after_bar)(Vm *vm, void *ud);
    void *ud;
} VmHooks;

typedef struct VmOptions {
    double mintick;        /* 0: inferred from the data's decimals */
    const char *symbol;    /* NULL: the data's symbol column, else the file's stem */
    const char *timezone;  /* IANA name of the chart's time zone; NULL: "UTC" */
    int64_t max_loop_ms;   /* a loop running longer than this on one bar is an error; 0: 500 */
    int trace;             /* print each instruction on stderr */
    const VmHooks *hooks;  /* NULL: none */
    const char *script_dir; /* NULL: "." */
    const char *output_dir; /* NULL: "." */
    int64_t max_memory;     /* bytes the script's strings and arrays may hold; 0: 1 GiB */
} VmOptions;

Vm *vm_new(const Program *p, const Bars *bars, const VmOptions *opt);
void vm_free(Vm *vm);
/* Runs every bar. Returns 0, or 1 after printing a runtime error (file:line:col, the bar). */
int vm_run(Vm *vm);
/* Runs bars [from, to) only (the REPL and streaming use it); same return values. */
int vm_run_range(Vm *vm, size_t from, size_t to);
/* Column [k] of the plots: one value per bar, offsets applied; NaN where na. */
const double *vm_plot_column(const Vm *vm, int k);
const Program *vm_program(const Vm *vm);

#endif
