/* The virtual machine: runs a compiled Program once per bar over loaded bars and collects the
 * plot columns. */
#ifndef PINE_VM_H
#define PINE_VM_H

#include "data/bars.h"
#include "vm/program.h"

/* Lets an engine run beside the script (the strategy broker): before_bar runs before the
 * script on each bar (orders fill at the open and inside the bar), after_bar after it. */
typedef struct VmHooks {
    void (*before_bar)(Vm *vm, void *ud);
    void (*after_bar)(Vm *vm, void *ud);
    void *ud;
} VmHooks;

typedef struct VmOptions {
    double mintick;         /* 0: inferred from the data's decimals */
    const char *symbol;     /* NULL: the data's symbol column, else the file's stem */
    const char *timezone;   /* IANA name of the chart's time zone; NULL: "UTC" */
    int64_t max_loop_ms;    /* a loop running longer than this on one bar is an error; 0: 500 */
    int trace;              /* print each instruction on stderr */
    const VmHooks *hooks;   /* NULL: none */
    const char *script_dir; /* NULL: "." */
    const char *output_dir; /* NULL: "." */
    int64_t max_memory;     /* bytes the script's strings and arrays may hold; 0: 1 GiB */
    int window;             /* bars is a sliding window of a stream (see below) */
} VmOptions;

Vm *vm_new(const Program *p, const Bars *bars, const VmOptions *opt);
void vm_free(Vm *vm);
/* Runs every bar. Returns 0, or 1 after printing a runtime error (file:line:col, the bar). */
int vm_run(Vm *vm);
/* Runs bars [from, to) only (the REPL and streaming use it); same return values. The actions
 * at the end of the script (file exports) run once [to] reaches the number of bars. */
int vm_run_range(Vm *vm, size_t from, size_t to);
/* Column [k] of the plots: one value per bar, offsets applied; NaN where na. In window mode,
 * element j is bar bars->base + j as of the latest vm_run_range. */
const double *vm_plot_column(const Vm *vm, int k);
const Program *vm_program(const Vm *vm);

/* Streaming (window mode). The caller appends bars to the window, runs them with
 * vm_run_range (absolute indices), and drops from the front bars that are no longer read:
 * the VM reads back at most vm_bars_kept bars before the bar it runs, and bar i+1 (time_close),
 * so run a bar only once the next one is in or the input has ended. A plot row is final once
 * vm_plot_lag bars after it have run (plot(offset=-k)). Until vm_set_bar_count, the last bar
 * is unknown: barstate.islast is false. */
void vm_set_bar_count(Vm *vm, int64_t n);
int64_t vm_bars_kept(const Program *p);
int64_t vm_plot_lag(const Program *p);
/* Why [p] cannot run over a window (a strategy, last_bar_index, io.series, the inferred
 * mintick...), or NULL when it can. */
const char *vm_needs_all_bars(const Program *p, const VmOptions *opt);

#endif
