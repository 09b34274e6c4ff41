/* The embedding API of include/pine.h over the compiler, the loader and the VM. */
#include "pine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/bars.h"
#include "broker/broker.h"
#include "compile/compile.h"
#include "vm/vm.h"

struct pine_script {
    Program *prog;
};

struct pine_bars {
    Bars bars;
};

struct pine_result {
    const pine_script *script;
    const pine_bars *bars;
    Vm *vm;
    Broker *broker; /* a strategy's, so strategy.* variables are live */
    VmHooks hooks;
};

int pine_compile(const char *name, const char *source, size_t len, const char *const *inputs,
                 int ninputs, pine_script **out) {
    *out = NULL;
    const char **names = calloc((size_t)ninputs + 1, sizeof *names);
    const char **values = calloc((size_t)ninputs + 1, sizeof *values);
    char **copies = calloc((size_t)ninputs + 1, sizeof *copies);
    for (int i = 0; i < ninputs; i++) {
        copies[i] = strdup(inputs[i]);
        char *eq = strchr(copies[i], '=');
        if (!eq) {
            fprintf(stderr, "%s: --input %s: expected NAME=VALUE\n", name, inputs[i]);
            for (int k = 0; k <= i; k++)
                free(copies[k]);
            free(copies);
            free(names);
            free(values);
            return PINE_ERR_DATA;
        }
        *eq = 0;
        names[i] = copies[i];
        values[i] = eq + 1;
    }
    CompileOptions opt = {names, values, ninputs, 0};
    Diag d;
    diag_init(&d, name, source, len);
    Program *p = compile_script(name, source, len, &opt, &d);
    for (int i = 0; i < ninputs; i++)
        free(copies[i]);
    free(copies);
    free(names);
    free(values);
    /* a script that only fails on its --input values is a usage (data) error, as in the CLI */
    if (!p) return d.errors && d.errors == d.usage_errors ? PINE_ERR_DATA : PINE_ERR_COMPILE;
    *out = calloc(1, sizeof **out);
    (*out)->prog = p;
    return PINE_OK;
}

void pine_script_free(pine_script *s) {
    if (!s) return;
    program_free(s->prog);
    free(s);
}

int pine_bars_load(const char *path, const char *timezone, pine_bars **out) {
    pine_bars *b = calloc(1, sizeof *b);
    BarsLoadOptions opt = {timezone, NULL};
    if (bars_load(path, &opt, &b->bars) != 0) {
        free(b);
        *out = NULL;
        return PINE_ERR_DATA;
    }
    *out = b;
    return PINE_OK;
}

size_t pine_bars_count(const pine_bars *b) {
    return b->bars.n;
}

void pine_bars_free(pine_bars *b) {
    if (!b) return;
    bars_free(&b->bars);
    free(b);
}

int pine_run(const pine_script *s, const pine_bars *b, double mintick, const char *timezone,
             pine_result **out) {
    VmOptions opt = {0};
    opt.mintick = mintick;
    opt.timezone = timezone;
    pine_result *r = calloc(1, sizeof *r);
    r->script = s;
    r->bars = b;
    if (s->prog->is_strategy) {
        r->broker = broker_new(s->prog, NULL);
        r->hooks = broker_hooks(r->broker);
        opt.hooks = &r->hooks;
    }
    r->vm = vm_new(s->prog, &b->bars, &opt);
    *out = r;
    return vm_run(r->vm) ? PINE_ERR_RUNTIME : PINE_OK;
}

int pine_result_plot_count(const pine_result *r) {
    return r->script->prog->nplots;
}

const char *pine_result_plot_title(const pine_result *r, int k) {
    return r->script->prog->plots[k].title;
}

const double *pine_result_plot(const pine_result *r, int k) {
    return vm_plot_column(r->vm, k);
}

int pine_result_write_csv(const pine_result *r, const char *path) {
    const Program *p = r->script->prog;
    FILE *f = strcmp(path, "-") ? fopen(path, "w") : stdout;
    if (!f) return PINE_ERR_DATA;
    const char **titles = calloc((size_t)p->nplots + 1, sizeof *titles);
    const double **cols = calloc((size_t)p->nplots + 1, sizeof *cols);
    for (int k = 0; k < p->nplots; k++) {
        titles[k] = p->plots[k].title;
        cols[k] = vm_plot_column(r->vm, k);
    }
    int rc = bars_write_chart(f, &r->bars->bars, p->nplots, titles, cols);
    free(titles);
    free(cols);
    if (f != stdout)
        rc |= fclose(f);
    else
        fflush(f);
    return rc ? PINE_ERR_DATA : PINE_OK;
}

void pine_result_free(pine_result *r) {
    if (!r) return;
    vm_free(r->vm);
    broker_free(r->broker);
    free(r);
}
