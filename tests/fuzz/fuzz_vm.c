/* libFuzzer harness: Pine source plus a short bar series, compiled and run through the VM.
 * The input is SOURCE, optionally followed by a NUL byte and one byte per bar (at most 64):
 * close = 100 + (int8_t)byte / 4, with open/high/low around it and byte 0xFF giving na volume.
 * Without a NUL the bars are tests/data/basic.csv's ten. A strategy runs with the broker
 * attached. File access is confined to a fresh temporary directory, emptied after each input,
 * and loops are stopped after 100 ms, so slow inputs stay fast. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>

#include "data/bars.h"
#include "broker/broker.h"
#include "compile/compile.h"
#include "vm/vm.h"

#ifndef FUZZ_ENTRY
#define FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

enum { FUZZ_VM_MAX_BARS = 64 };

static const double fvm_basic[5][10] = {
    {9, 10, 11, 12, 11, 13, 14, 12, 15, 16},
    {11, 12, 13, 13, 14, 15, 15, 16, 17, 17},
    {8, 9, 10, 10, 10, 12, 11, 11, 14, 13},
    {10, 11, 12, 11, 13, 14, 12, 15, 16, 14},
    {100, 200, 300, 400, 500, 600, 700, 800, 900, 1000},
};

// Fills [b] with [n] one-hour bars from 2023-01-01T00:00Z; [spec] gives one byte per bar, or
// NULL for the ten bars of basic.csv.
static void fvm_bars(Bars *b, const uint8_t *spec, size_t n) {
    memset(b, 0, sizeof *b);
    b->n = b->cap = n;
    b->time = malloc(sizeof(int64_t) * (n + 1));
    double **cols[5] = {&b->open, &b->high, &b->low, &b->close, &b->volume};
    for (int k = 0; k < 5; k++) *cols[k] = malloc(sizeof(double) * (n + 1));
    for (size_t i = 0; i < n; i++) {
        b->time[i] = (1672531200LL + 3600LL * (int64_t)i) * 1000;
        if (!spec) {
            for (int k = 0; k < 5; k++) (*cols[k])[i] = fvm_basic[k][i];
            continue;
        }
        double c = 100 + (int8_t)spec[i] / 4.0;
        b->open[i] = i ? b->close[i - 1] : c;
        b->high[i] = fmax(b->open[i], c) + (spec[i] & 3);
        b->low[i] = fmin(b->open[i], c) - (spec[i] >> 6);
        b->close[i] = c;
        b->volume[i] = spec[i] == 0xFF ? NAN : 10.0 * spec[i];
    }
    b->time_form = TIME_UNIX_S;
    b->has_volume = 1;
    b->price_decimals = spec ? 2 : 0;
}

static char fvm_dir[64];

// Deletes what the script wrote (io.export_chart) into the directory.
static void fvm_empty_dir(void) {
    DIR *d = opendir(fvm_dir);
    if (!d) return;
    struct dirent *e;
    char path[128 + 256];
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
            snprintf(path, sizeof path, "%s/%s", fvm_dir, e->d_name);
            unlink(path);
        }
    closedir(d);
}

static void fvm_cleanup(void) {
    fvm_empty_dir();
    rmdir(fvm_dir);
}

int FUZZ_ENTRY(const uint8_t *data, size_t size);

int FUZZ_ENTRY(const uint8_t *data, size_t size) {
    static FILE *devnull;
    char *dir = fvm_dir;
    if (!devnull) {
        devnull = fopen("/dev/null", "w");
        snprintf(dir, sizeof fvm_dir, "/tmp/pine-fuzz-vm.XXXXXX");
        if (mkdtemp(dir)) atexit(fvm_cleanup);
        else snprintf(dir, sizeof fvm_dir, "/nonexistent");
    }
    const uint8_t *nul = memchr(data, 0, size);
    size_t srclen = nul ? (size_t)(nul - data) : size;
    const uint8_t *spec = nul ? nul + 1 : NULL;
    size_t nbars = nul ? size - srclen - 1 : 10;
    if (nbars > FUZZ_VM_MAX_BARS) nbars = FUZZ_VM_MAX_BARS;

    CompileOptions copt = {NULL, NULL, 0, 0};
    Diag d;
    diag_init(&d, "fuzz.pine", (const char *)data, srclen);
    d.sink = devnull;
    Program *p = compile_script("fuzz.pine", (const char *)data, srclen, &copt, &d);
    if (!p) return 0;
    Bars bars;
    fvm_bars(&bars, spec, nbars);
    VmOptions vopt = {.max_loop_ms = 100, .script_dir = dir, .output_dir = dir};
    Broker *br = NULL;
    VmHooks hooks;
    if (p->is_strategy) {
        BrokerSymbol sym = {0};
        br = broker_new(p, &sym);
        if (br) {
            hooks = broker_hooks(br);
            vopt.hooks = &hooks;
        }
    }
    Vm *vm = vm_new(p, &bars, &vopt);
    vm_run(vm);
    vm_free(vm);
    broker_free(br);
    fvm_empty_dir();
    bars_free(&bars);
    program_free(p);
    return 0;
}
