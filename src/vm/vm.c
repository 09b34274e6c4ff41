/* The per-bar interpreter: a stack machine over 8-byte untagged cells, dispatched with computed
 * goto where the compiler has it. Also the heap (strings and arrays, mark and sweep between
 * bars) and the services built-ins call (builtins.h). */
#include "vm/vm.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "front/ast.h"
#include "data/numfmt.h"
#include "vm/opcodes.h"

/* A variable's past values; [count] is how many times its scope has run (bars, for the
 * top level), so x[k] exists when k < count. */
typedef struct Ring {
    PValue *buf;
    uint32_t mask;
    int depth;
    uint8_t isptr, keep;
    int64_t count;
} Ring;

/* The longest string a script may build, in bytes (docs/security.md). */
#define PINE_MAX_STRING (1 << 20)

/* A call site as the VM runs it: the built-in's view (PCall) next to what CALL needs. */
typedef struct VmSite {
    PCall c;
    BuiltinFn fn;
    const BuiltinDef *def;
    int nargs, nout;
    uint64_t conv_in;
    uint32_t conv_out;
} VmSite;

typedef struct LoopRec {
    double cur, to, step;
} LoopRec;

struct Vm {
    const Program *p;
    const Bars *bars; /* the whole data, or a window of it (VmOptions.window) */
    VmOptions opt;
    int64_t bar;
    int64_t at;    /* bar - bars->base: the bar's element in the window */
    int64_t total; /* the number of bars, -1 while a stream has not ended */
    PValue *slots;
    PValue *stack;
    /* the state of every frame, the script's and each user-function call site's, laid out as
     * program.h's FrameSpec and FuncCall say (frame 0 first) */
    Ring *rings;
    int nrings;
    int **scope_rings; /* per scope: the indices of its rings in their frame, ending with -1 */
    uint8_t *onces;
    PValue *vars;
    uint8_t *var_isptr;
    int nvars;
    VmSite *calls;
    int ncalls;
    LoopRec *loops;
    const double *cols[BAR_VOLUME + 1]; /* open, high, low, close, volume of the window */
    void **states;
    double **plots;    /* row i of column k at plots[k][i - plot_base] */
    int64_t plot_base; /* follows bars->base */
    size_t plot_rows;  /* rows allocated per column */
    PValue out[16];
    int64_t tf_ms;
    double mintick;
    char symbol[64];
    /* loops */
    uint64_t loop_iters;
    struct timespec loop_start;
    int loop_timing;
    /* heap */
    GcObj *heap;
    size_t heap_bytes, gc_threshold;
    /* errors */
    jmp_buf jmp;
    int in_run;
    char errmsg[1024];
    int err_line, err_col;
    const uint32_t *pc_now;
    void *free_on_error;      /* a built-in's temporary buffer (vm_free_on_error) */
    const uint32_t *alloc_pc; /* where the latest heap allocation happened */
    struct {
        void (*fn)(Vm *vm, void *ud);
        void *ud;
    } * finish;
    int nfinish;
};

/* ====== set-up ====== */

static uint32_t pow2_at_least(uint32_t n) {
    uint32_t p = 1;
    while (p < n)
        p <<= 1;
    return p;
}

static int64_t infer_timeframe(const Bars *b) {
    int64_t best = 0;
    for (size_t i = 1; i < b->n && i < 5000; i++) {
        int64_t d = b->time[i] - b->time[i - 1];
        if (d > 0 && (best == 0 || d < best)) best = d;
    }
    return best ? best : 60000;
}

/* The specs (rings, call sites, `var`s, calls) of each frame, by index into the program's
 * tables. */
typedef struct FrameParts {
    int *rings, *sites, *vars, *calls;
    int nr, ns, nv, nc;
} FrameParts;

static void part_add(int **list, int *n, int v) {
    *list = realloc(*list, sizeof **list * (size_t)(*n + 1));
    (*list)[(*n)++] = v;
}

static FrameParts *frame_parts(const Program *p) {
    FrameParts *fp = calloc((size_t)p->nframes + 1, sizeof *fp);
    for (int i = 0; i < p->nrings; i++)
        part_add(&fp[p->rings[i].frame].rings, &fp[p->rings[i].frame].nr, i);
    for (int i = 0; i < p->nsites; i++)
        part_add(&fp[p->sites[i].frame].sites, &fp[p->sites[i].frame].ns, i);
    for (int i = 0; i < p->nvars; i++)
        part_add(&fp[p->vars[i].frame].vars, &fp[p->vars[i].frame].nv, i);
    for (int i = 0; i < p->nfcalls; i++)
        part_add(&fp[p->fcalls[i].owner].calls, &fp[p->fcalls[i].owner].nc, i);
    return fp;
}

static void frame_parts_free(FrameParts *fp, int n) {
    for (int i = 0; i < n; i++) {
        free(fp[i].rings);
        free(fp[i].sites);
        free(fp[i].vars);
        free(fp[i].calls);
    }
    free(fp);
}

/* Sets up the state of one copy of frame [f] whose rings, call sites and `var`s start at
 * [rb], [sb] and [vb], then the copies of the frames of the calls it makes. */
static void place_frame(Vm *vm, const FrameParts *fp, int f, int rb, int sb, int vb) {
    const Program *p = vm->p;
    const FrameParts *part = &fp[f];
    for (int k = 0; k < part->nr; k++) {
        const RingSpec *rs = &p->rings[part->rings[k]];
        Ring *r = &vm->rings[rb + rs->local];
        uint32_t cap = pow2_at_least((uint32_t)rs->depth + 1);
        r->buf = calloc(cap, sizeof(PValue));
        r->mask = cap - 1;
        r->depth = rs->depth;
        r->isptr = rs->isptr;
        r->keep = rs->keep;
        if (!rs->isptr)
            for (uint32_t i = 0; i < cap; i++)
                r->buf[i].f = NAN;
    }
    for (int k = 0; k < part->ns; k++) {
        const CallSite *cs = &p->sites[part->sites[k]];
        int i = sb + cs->local;
        VmSite *vs = &vm->calls[i];
        PCall *c = &vs->c;
        vs->def = cs->def;
        vs->fn = cs->def->fn;
        vs->nargs = cs->nargs;
        vs->nout = cs->nout;
        vs->conv_in = cs->conv_in;
        vs->conv_out = cs->conv_out;
        c->vm = vm;
        if (cs->def->state_size) vm->states[i] = calloc(1, cs->def->state_size);
        c->state = vm->states[i];
        c->out = vm->out;
        c->nargs = cs->nargs;
        c->types = p->types;
        c->tvar = cs->tvar;
        memcpy(c->argtype, cs->argtype, sizeof c->argtype);
        c->rtype = cs->rtype;
        c->aux = cs->aux;
        c->line = cs->line;
        c->col = cs->col;
    }
    for (int k = 0; k < part->nv; k++) {
        const VarSpec *v = &p->vars[part->vars[k]];
        vm->var_isptr[vb + v->local] = v->isptr;
        if (!v->isptr) vm->vars[vb + v->local].f = NAN;
    }
    for (int k = 0; k < part->nc; k++) {
        const FuncCall *fc = &p->fcalls[part->calls[k]];
        place_frame(vm, fp, fc->callee, rb + fc->ring, sb + fc->site, vb + fc->var);
    }
}

Vm *vm_new(const Program *p, const Bars *bars, const VmOptions *opt) {
    Vm *vm = calloc(1, sizeof *vm);
    vm->p = p;
    vm->bars = bars;
    if (opt) vm->opt = *opt;
    if (!vm->opt.timezone) vm->opt.timezone = "UTC";
    if (!vm->opt.max_loop_ms) vm->opt.max_loop_ms = 500;
    vm->slots = calloc((size_t)p->nslots + 1, sizeof *vm->slots);
    for (int i = 0; i < p->nslots; i++)
        if (!p->slot_isptr[i]) vm->slots[i].f = NAN;
    vm->stack = calloc((size_t)p->max_stack + 64, sizeof *vm->stack);
    const FrameSpec *top = &p->frames[0];
    vm->nrings = top->nrings;
    vm->ncalls = top->nsites;
    vm->nvars = top->nvars;
    vm->rings = calloc((size_t)vm->nrings + 1, sizeof *vm->rings);
    vm->calls = calloc((size_t)vm->ncalls + 1, sizeof *vm->calls);
    vm->states = calloc((size_t)vm->ncalls + 1, sizeof *vm->states);
    vm->vars = calloc((size_t)vm->nvars + 1, sizeof *vm->vars);
    vm->var_isptr = calloc((size_t)vm->nvars + 1, 1);
    vm->onces = calloc((size_t)top->nonces + 1, 1);
    FrameParts *parts = frame_parts(p);
    place_frame(vm, parts, 0, 0, 0, 0);
    frame_parts_free(parts, p->nframes);
    vm->scope_rings = calloc((size_t)p->nscopes + 1, sizeof *vm->scope_rings);
    for (int s = 0; s < p->nscopes; s++) {
        int k = 0;
        for (int i = 0; i < p->nrings; i++)
            k += p->rings[i].scope == s;
        vm->scope_rings[s] = malloc(sizeof(int) * (size_t)(k + 1));
        k = 0;
        for (int i = 0; i < p->nrings; i++)
            if (p->rings[i].scope == s) vm->scope_rings[s][k++] = p->rings[i].local;
        vm->scope_rings[s][k] = -1;
    }
    vm->loops = calloc((size_t)p->nloops + 1, sizeof *vm->loops);
    size_t n = bars ? bars->n : 0;
    vm->total = vm->opt.window ? -1 : (int64_t)n;
    vm->plot_base = bars ? bars->base : 0;
    vm->plot_rows = n;
    vm->plots = calloc((size_t)p->nplots + 1, sizeof *vm->plots);
    for (int k = 0; k < p->nplots; k++) {
        vm->plots[k] = malloc((n + 1) * sizeof(double));
        for (size_t i = 0; i < n; i++)
            vm->plots[k][i] = NAN;
    }
    vm->tf_ms = bars && bars->n > 1 ? infer_timeframe(bars) : 60000;
    vm->mintick = vm->opt.mintick;
    if (vm->mintick <= 0) {
        int d = bars ? bars->price_decimals : 2;
        vm->mintick = pow(10, -(d > 0 ? d : 0));
    }
    const char *sym = vm->opt.symbol ? vm->opt.symbol : bars && bars->symbol[0] ? bars->symbol : "";
    snprintf(vm->symbol, sizeof vm->symbol, "%s", sym);
    vm->gc_threshold = 1 << 20;
    if (vm->opt.max_memory <= 0) vm->opt.max_memory = (int64_t)1 << 30;
    return vm;
}

static void heap_free_all(Vm *vm) {
    GcObj *o = vm->heap;
    while (o) {
        GcObj *next = o->next;
        if (type_kind(vm->p->types, o->type) == TK_ARRAY) free(((PArray *)o)->items);
        free(o);
        o = next;
    }
    vm->heap = NULL;
}

void vm_free(Vm *vm) {
    if (!vm) return;
    const Program *p = vm->p;
    for (int i = 0; i < vm->ncalls; i++) {
        if (vm->states[i] && vm->calls[i].def->free_state)
            vm->calls[i].def->free_state(vm->states[i]);
        free(vm->states[i]);
    }
    for (int i = 0; i < vm->nrings; i++)
        free(vm->rings[i].buf);
    for (int s = 0; s < p->nscopes; s++)
        free(vm->scope_rings[s]);
    free(vm->scope_rings);
    for (int k = 0; k < p->nplots; k++)
        free(vm->plots[k]);
    heap_free_all(vm);
    free(vm->finish);
    free(vm->plots);
    free(vm->states);
    free(vm->calls);
    free(vm->loops);
    free(vm->onces);
    free(vm->vars);
    free(vm->var_isptr);
    free(vm->rings);
    free(vm->stack);
    free(vm->slots);
    free(vm);
}

const double *vm_plot_column(const Vm *vm, int k) {
    return vm->plots[k];
}
const Program *vm_program(const Vm *vm) {
    return vm->p;
}
void *vm_userdata(const Vm *vm) {
    return vm->opt.hooks ? vm->opt.hooks->ud : NULL;
}

/* ====== the heap ====== */

static _Noreturn void vm_fail(Vm *vm, const uint32_t *pc, const char *fmt, ...);

/* Counts [bytes] of new heap. Nothing is collected within a bar, so a bar may hold its garbage
 * too: it stops when the heap passes twice --max-memory. */
static void heap_account(Vm *vm, size_t bytes) {
    vm->heap_bytes += bytes;
    if ((int64_t)vm->heap_bytes / 2 > vm->opt.max_memory)
        vm_fail(vm, vm->pc_now,
                "the script holds %.1f MB of strings and arrays, more than twice the limit of "
                "%lld MB (--max-memory)",
                (double)vm->heap_bytes / (1 << 20), (long long)(vm->opt.max_memory >> 20));
}

static void *heap_alloc(Vm *vm, size_t size, Type type) {
    if (type == T_STRING && size > sizeof(PStr) + PINE_MAX_STRING + 1)
        vm_fail(vm, vm->pc_now, "a string of %zu bytes is longer than the limit of %d bytes",
                size - sizeof(PStr) - 1, PINE_MAX_STRING);
    vm->alloc_pc = vm->pc_now;
    GcObj *o = malloc(size);
    if (!o) {
        fputs("pine: out of memory\n", stderr);
        exit(2);
    }
    o->type = type;
    o->marked = 0;
    o->next = vm->heap;
    vm->heap = o;
    heap_account(vm, size);
    return o;
}

PStr *vm_str_new(Vm *vm, const char *bytes, size_t len) {
    PStr *s = heap_alloc(vm, sizeof(PStr) + len + 1, T_STRING);
    s->len = (uint32_t)len;
    if (len) memcpy(s->data, bytes, len);
    s->data[len] = 0;
    return s;
}

PArray *vm_array_new(Vm *vm, Type type, int32_t len) {
    PArray *a = heap_alloc(vm, sizeof(PArray), type);
    a->len = 0;
    a->cap = 0;
    a->items = NULL;
    if (len > 0) {
        a->items = malloc(sizeof(PValue) * (size_t)len);
        if (!a->items) {
            fputs("pine: out of memory\n", stderr);
            exit(2);
        }
        a->cap = len;
        a->len = len;
        heap_account(vm, sizeof(PValue) * (size_t)len);
        int isptr = type_isptr(vm->p->types, type_elem(vm->p->types, type));
        for (int32_t i = 0; i < len; i++) {
            if (isptr)
                a->items[i].p = NULL;
            else
                a->items[i].f = NAN;
        }
    }
    return a;
}

#define ARRAY_LIMIT 100000

void vm_array_reserve(PCall *c, PArray *a, int64_t cap) {
    if (cap <= a->cap) return;
    if (cap > ARRAY_LIMIT)
        vm_error(c, "array size %lld exceeds the limit of %d elements", (long long)cap,
                 ARRAY_LIMIT);
    int64_t nc = a->cap ? a->cap : 8;
    while (nc < cap)
        nc *= 2;
    if (nc > ARRAY_LIMIT) nc = ARRAY_LIMIT;
    PValue *items = realloc(a->items, sizeof(PValue) * (size_t)nc);
    if (!items) {
        fputs("pine: out of memory\n", stderr);
        exit(2);
    }
    size_t grown = sizeof(PValue) * (size_t)(nc - a->cap);
    a->items = items;
    a->cap = (int32_t)nc;
    heap_account(c->vm, grown);
}

static void mark(const TypeTable *tt, void *p) {
    GcObj *o = p;
    if (!o || o->marked) return;
    o->marked = 1;
    if (type_kind(tt, o->type) == TK_ARRAY && type_isptr(tt, type_elem(tt, o->type))) {
        PArray *a = p;
        for (int32_t i = 0; i < a->len; i++)
            mark(tt, a->items[i].p);
    }
}

static void collect(Vm *vm) {
    const Program *p = vm->p;
    for (int i = 0; i < p->nslots; i++)
        if (p->slot_isptr[i]) mark(p->types, vm->slots[i].p);
    for (int i = 0; i < vm->nrings; i++)
        if (vm->rings[i].isptr)
            for (uint32_t k = 0; k <= vm->rings[i].mask; k++)
                mark(p->types, vm->rings[i].buf[k].p);
    for (int i = 0; i < vm->nvars; i++)
        if (vm->var_isptr[i]) mark(p->types, vm->vars[i].p);
    size_t live = 0;
    GcObj **link = &vm->heap;
    while (*link) {
        GcObj *o = *link;
        if (o->marked == 1) {
            o->marked = 0;
            live += o->type == T_STRING
                        ? sizeof(PStr) + ((PStr *)o)->len + 1
                        : sizeof(PArray) + sizeof(PValue) * (size_t)((PArray *)o)->cap;
            link = &o->next;
        } else {
            *link = o->next;
            if (type_kind(p->types, o->type) == TK_ARRAY) free(((PArray *)o)->items);
            free(o);
        }
    }
    vm->heap_bytes = live;
    vm->gc_threshold = live * 2 > (1u << 20) ? live * 2 : (1u << 20);
    if ((int64_t)live > vm->opt.max_memory)
        vm_fail(vm, vm->alloc_pc ? vm->alloc_pc : vm->pc_now,
                "the script holds %.1f MB of strings and arrays, more than the limit of %lld MB "
                "(--max-memory)",
                (double)live / (1 << 20), (long long)(vm->opt.max_memory >> 20));
}

/* ====== services for built-ins ====== */

int64_t vm_bar_index(const Vm *vm) {
    return vm->bar;
}
int64_t vm_last_bar_index(const Vm *vm) {
    return vm->bars ? vm->total - 1 : 0;
}
const Bars *vm_bars(const Vm *vm) {
    return vm->bars;
}
double vm_mintick(const Vm *vm) {
    return vm->mintick;
}
const char *vm_symbol(const Vm *vm) {
    return vm->symbol;
}
const char *vm_timezone(const Vm *vm) {
    return vm->opt.timezone;
}
int64_t vm_timeframe_seconds(const Vm *vm) {
    return vm->tf_ms / 1000;
}
int vm_version(const Vm *vm) {
    return vm->p->version;
}

void vm_free_on_error(Vm *vm, void *p) {
    vm->free_on_error = p;
}

_Noreturn void vm_error(PCall *c, const char *fmt, ...) {
    Vm *vm = c->vm;
    free(vm->free_on_error);
    vm->free_on_error = NULL;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(vm->errmsg, sizeof vm->errmsg, fmt, ap);
    va_end(ap);
    vm->err_line = c->line;
    vm->err_col = c->col;
    longjmp(vm->jmp, 1);
}

static _Noreturn void vm_fail(Vm *vm, const uint32_t *pc, const char *fmt, ...) {
    free(vm->free_on_error);
    vm->free_on_error = NULL;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(vm->errmsg, sizeof vm->errmsg, fmt, ap);
    va_end(ap);
    size_t at = pc ? (size_t)(pc - vm->p->code) : 0;
    if (at >= vm->p->ncode) at = vm->p->ncode - 1;
    vm->err_line = vm->p->lines[at] >> 12;
    vm->err_col = vm->p->lines[at] & 4095;
    longjmp(vm->jmp, 1);
}

/* Makes plot rows up to [end] (exclusive) exist, na where nothing was plotted yet. */
static void plots_reserve(Vm *vm, int64_t end) {
    size_t need = end > vm->plot_base ? (size_t)(end - vm->plot_base) : 0;
    if (need <= vm->plot_rows) return;
    size_t rows = vm->plot_rows * 2 > need ? vm->plot_rows * 2 : need;
    for (int k = 0; k < vm->p->nplots; k++) {
        double *c = realloc(vm->plots[k], (rows + 1) * sizeof(double));
        if (!c) {
            fputs("pine: out of memory\n", stderr);
            exit(2);
        }
        for (size_t i = vm->plot_rows; i < rows; i++)
            c[i] = NAN;
        vm->plots[k] = c;
    }
    vm->plot_rows = rows;
}

/* Row [row] of plot column [col]: rows before the first bar or after the last are dropped,
 * like TradingView's; a stream makes room for rows past the bars read (plot(offset=k)). Rows
 * of a window that have been written are gone, and a plot never reaches back that far. */
static inline void plot_put(Vm *vm, int col, int64_t row, double value) {
    int64_t i = row - vm->plot_base;
    if ((uint64_t)i < vm->plot_rows) {
        vm->plots[col][i] = value;
    } else if (i >= 0 && vm->total < 0) {
        plots_reserve(vm, row + 1);
        vm->plots[col][i] = value;
    }
}

void vm_plot_set_col(PCall *c, int k, double value) {
    Vm *vm = c->vm;
    int col = c->aux + k;
    if (c->aux < 0 || col >= vm->p->nplots || !vm->bars) return;
    plot_put(vm, col, vm->bar + vm->p->plots[col].offset, value);
}

void vm_plot_set(PCall *c, double value) {
    vm_plot_set_col(c, 0, value);
}

void vm_on_finish(Vm *vm, void (*fn)(Vm *vm, void *ud), void *ud) {
    vm->finish = realloc(vm->finish, sizeof *vm->finish * (size_t)(vm->nfinish + 1));
    vm->finish[vm->nfinish].fn = fn;
    vm->finish[vm->nfinish].ud = ud;
    vm->nfinish++;
}

const char *vm_script_dir(const Vm *vm) {
    return vm->opt.script_dir ? vm->opt.script_dir : ".";
}
const char *vm_output_dir(const Vm *vm) {
    return vm->opt.output_dir ? vm->opt.output_dir : ".";
}

/* ====== the interpreter ====== */

/* Field [f] of bar [i] (absolute); na before the first bar. */
static double bar_field(Vm *vm, BarField f, int64_t bar) {
    const Bars *b = vm->bars;
    if (bar < 0 || !b) return NAN;
    int64_t i = bar - b->base;
    if (i < 0)
        vm_fail(vm, vm->pc_now, "internal error: bar %lld has left the window of bars",
                (long long)bar);
    switch (f) { /* no default: -Wswitch names a field of BAR_FIELD_LIST missing here */
    case BAR_OPEN: return b->open[i];
    case BAR_HIGH: return b->high[i];
    case BAR_LOW: return b->low[i];
    case BAR_CLOSE: return b->close[i];
    case BAR_VOLUME: return b->volume[i];
    case BAR_TIME: return (double)b->time[i];
    case BAR_TIME_CLOSE:
        return (double)((size_t)i + 1 < b->n && b->time[i + 1] - b->time[i] < vm->tf_ms
                            ? b->time[i + 1]
                            : b->time[i] + vm->tf_ms);
    case BAR_INDEX: return (double)bar;
    case BAR_HL2: return (b->high[i] + b->low[i]) / 2;
    case BAR_HLC3: return (b->high[i] + b->low[i] + b->close[i]) / 3;
    case BAR_OHLC4: return (b->open[i] + b->high[i] + b->low[i] + b->close[i]) / 4;
    case BAR_HLCC4: return (b->high[i] + b->low[i] + b->close[i] + b->close[i]) / 4;
    case BAR__COUNT: break;
    }
    return NAN;
}

/* Starts a new execution of a scope: each of its rings gets a new current value, na or (for
 * `var`) the previous one. */
static void advance(Ring *base, const int *rings) {
    for (; *rings >= 0; rings++) {
        Ring *r = &base[*rings];
        PValue *cur = &r->buf[r->count & r->mask];
        if (r->keep && r->count > 0)
            *cur = r->buf[(r->count - 1) & r->mask];
        else if (r->isptr)
            cur->p = NULL;
        else
            cur->f = NAN;
        r->count++;
    }
}

static inline int truthy(double x) {
    return x != 0 && !isnan(x);
}

/* Loops are timed from their first back-jump in a bar, then checked every 64 iterations, so
 * an iteration that is slow by itself (sorting a large array) is still caught. */
static void check_loop_time(Vm *vm, const uint32_t *pc) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (!vm->loop_timing) {
        vm->loop_timing = 1;
        vm->loop_start = now;
        return;
    }
    int64_t ms = (now.tv_sec - vm->loop_start.tv_sec) * 1000 +
                 (now.tv_nsec - vm->loop_start.tv_nsec) / 1000000;
    if (ms > vm->opt.max_loop_ms)
        vm_fail(vm, pc, "loop takes too long: more than %lld ms on one bar (--max-loop-ms)",
                (long long)vm->opt.max_loop_ms);
}

static int str_cmp(const PStr *a, const PStr *b) {
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->data, b->data, n);
    if (c) return c;
    return a->len < b->len ? -1 : a->len > b->len;
}

/* --trace: the instruction at [pc] as it is about to run, on stderr, with the bar and the
 * depth of the stack [sp] (pine disasm's notation). */
static __attribute__((noinline, cold)) void trace_op(const Vm *vm, const uint32_t *pc,
                                                     const PValue *sp) {
    size_t at = (size_t)(pc - vm->p->code);
    fprintf(stderr, "trace: bar %lld pc %zu depth %td  ", (long long)vm->bar, at, sp - vm->stack);
    program_disasm_insn(vm->p, at, stderr);
    fputc('\n', stderr);
}

static void exec(Vm *vm) {
    const Program *p = vm->p;
    const uint32_t *code = p->code;
    const uint32_t *pc = code;
    PValue *sp = vm->stack;
    PValue *slots = vm->slots;
    const int64_t bar = vm->bar, at = vm->at;
    /* the running frame's state; a user-function call moves these into the callee's frame */
    Ring *rb = vm->rings;
    VmSite *cb = vm->calls;
    uint8_t *ob = vm->onces;
    PValue *vb = vm->vars;
    struct {
        const uint32_t *ret;
        Ring *rb;
        VmSite *cb;
        uint8_t *ob;
        PValue *vb;
    } calls[PINE_MAX_CALL_DEPTH];
    int ncalls = 0;

    /* Tracing dispatches every opcode to L_TRACE, which prints it and jumps on to its label:
     * the normal path only picks its table once per bar. */
#if defined(__GNUC__) && !defined(PINE_NO_COMPUTED_GOTO)
    static void *const labels[] = {
#define OP_LABEL(name, n, eff) &&L_##name,
        OPCODE_LIST(OP_LABEL)
#undef OP_LABEL
    };
    static void *const traced[] = {
#define OP_TRACED(name, n, eff) &&L_TRACE,
        OPCODE_LIST(OP_TRACED)
#undef OP_TRACED
    };
    void *const *const table = vm->opt.trace ? traced : labels;
#define CASE(name) L_##name:
#define NEXT goto *table[*pc++]
#define DISPATCH                                                                                   \
    NEXT;                                                                                          \
    L_TRACE:                                                                                       \
    trace_op(vm, pc - 1, sp);                                                                      \
    goto *labels[pc[-1]];
#else
    const int tracing = vm->opt.trace;
#define CASE(name) case OPC_##name:
#define NEXT goto dispatch
#define DISPATCH                                                                                   \
    dispatch:                                                                                      \
    if (tracing) trace_op(vm, pc, sp);                                                             \
    switch (*pc++)
#endif

    DISPATCH {
        CASE(HALT) {
            vm->pc_now = pc;
            return;
        }
        CASE(CONST) {
            *sp++ = p->consts[*pc++];
            NEXT;
        }
        CASE(NUM) {
            (sp++)->f = (double)(int32_t)*pc++;
            NEXT;
        }
        CASE(INUM) {
            (sp++)->i = (int64_t)(int32_t)*pc++;
            NEXT;
        }
        CASE(NA) {
            (sp++)->f = NAN;
            NEXT;
        }
        CASE(NULLP) {
            (sp++)->p = NULL;
            NEXT;
        }
        CASE(POP) {
            sp--;
            NEXT;
        }
        CASE(DUP) {
            sp[0] = sp[-1];
            sp++;
            NEXT;
        }
        CASE(LOAD) {
            *sp++ = slots[*pc++];
            NEXT;
        }
        CASE(STORE) {
            slots[*pc++] = *--sp;
            NEXT;
        }
        CASE(LOADV) {
            *sp++ = vb[*pc++];
            NEXT;
        }
        CASE(STOREV) {
            vb[*pc++] = *--sp;
            NEXT;
        }
        CASE(LOADH) {
            Ring *r = &rb[*pc++];
            *sp++ = r->buf[(r->count - 1) & r->mask];
            NEXT;
        }
        CASE(STOREH) {
            Ring *r = &rb[*pc++];
            r->buf[(r->count - 1) & r->mask] = *--sp;
            NEXT;
        }
        CASE(HISTK) {
            Ring *r = &rb[*pc++];
            int64_t k = (int64_t)*pc++;
            if (k >= r->count) {
                if (r->isptr)
                    (sp++)->p = NULL;
                else
                    (sp++)->f = NAN;
            } else {
                *sp++ = r->buf[(r->count - 1 - k) & r->mask];
            }
            NEXT;
        }
        CASE(HIST) {
            Ring *r = &rb[*pc++];
            double n = sp[-1].f;
            if (isnan(n)) {
                if (r->isptr) sp[-1].p = NULL;
                NEXT;
            }
            if (n < 0) vm_fail(vm, pc - 2, "negative history offset %g", n);
            if (n > r->depth) vm_fail(vm, pc - 2, PINE_MSG_HISTORY_LIMIT, n, r->depth);
            int64_t k = (int64_t)n;
            if (k >= r->count) {
                if (r->isptr)
                    sp[-1].p = NULL;
                else
                    sp[-1].f = NAN;
            } else {
                sp[-1] = r->buf[(r->count - 1 - k) & r->mask];
            }
            NEXT;
        }
        CASE(BAR) {
            (sp++)->f = bar_field(vm, (BarField)*pc++, bar);
            NEXT;
        }
        CASE(BARC) {
            (sp++)->f = vm->cols[*pc++][at];
            NEXT;
        }
        CASE(BARHK) {
            BarField f = (BarField)*pc++;
            int64_t k = (int64_t)*pc++;
            (sp++)->f = bar_field(vm, f, bar - k);
            NEXT;
        }
        CASE(BARH) {
            BarField f = (BarField)*pc++;
            double n = sp[-1].f;
            if (isnan(n)) NEXT;
            if (n < 0) vm_fail(vm, pc - 2, "negative history offset %g", n);
            if (n > p->bar_limit[f])
                vm_fail(vm, pc - 2, PINE_MSG_HISTORY_LIMIT, n, p->bar_limit[f]);
            sp[-1].f = bar_field(vm, f, bar - (int64_t)n);
            NEXT;
        }
        CASE(ADD) {
            sp--;
            sp[-1].f += sp[0].f;
            NEXT;
        }
        CASE(SUB) {
            sp--;
            sp[-1].f -= sp[0].f;
            NEXT;
        }
        CASE(MUL) {
            sp--;
            sp[-1].f *= sp[0].f;
            NEXT;
        }
        CASE(DIV) {
            sp--;
            sp[-1].f = sp[0].f == 0 ? NAN : sp[-1].f / sp[0].f;
            NEXT;
        }
        CASE(IDIV) {
            sp--;
            sp[-1].f = sp[0].f == 0 ? NAN : trunc(sp[-1].f / sp[0].f);
            NEXT;
        }
        CASE(MOD) {
            sp--;
            sp[-1].f = sp[0].f == 0 ? NAN : fmod(sp[-1].f, sp[0].f);
            NEXT;
        }
        CASE(NEG) {
            sp[-1].f = -sp[-1].f;
            NEXT;
        }
        CASE(LT) {
            sp--;
            sp[-1].f = sp[-1].f < sp[0].f;
            NEXT;
        }
        CASE(LE) {
            sp--;
            sp[-1].f = sp[-1].f <= sp[0].f;
            NEXT;
        }
        CASE(GT) {
            sp--;
            sp[-1].f = sp[-1].f > sp[0].f;
            NEXT;
        }
        CASE(GE) {
            sp--;
            sp[-1].f = sp[-1].f >= sp[0].f;
            NEXT;
        }
        CASE(EQ) {
            sp--;
            sp[-1].f = sp[-1].f == sp[0].f;
            NEXT;
        }
        CASE(NE) {
            sp--;
            sp[-1].f = sp[-1].f != sp[0].f;
            NEXT;
        }
        CASE(NOT) {
            sp[-1].f = !truthy(sp[-1].f);
            NEXT;
        }
        CASE(TRUTH) {
            sp[-1].f = truthy(sp[-1].f);
            NEXT;
        }
        CASE(AND) {
            sp--;
            sp[-1].f = truthy(sp[-1].f) && truthy(sp[0].f);
            NEXT;
        }
        CASE(OR) {
            sp--;
            sp[-1].f = truthy(sp[-1].f) || truthy(sp[0].f);
            NEXT;
        }
        CASE(SCAT) {
            sp--;
            PStr *a = sp[-1].p, *b = sp[0].p;
            if (!a || !b) {
                sp[-1].p = NULL;
                NEXT;
            }
            vm->pc_now = pc - 1;
            PStr *j = heap_alloc(vm, sizeof(PStr) + a->len + b->len + 1, T_STRING);
            j->len = a->len + b->len;
            memcpy(j->data, a->data, a->len);
            memcpy(j->data + a->len, b->data, b->len);
            j->data[j->len] = 0;
            sp[-1].p = j;
            NEXT;
        }
        CASE(SCMP) {
            int op = (int)*pc++;
            sp--;
            PStr *a = sp[-1].p, *b = sp[0].p;
            double r;
            if (!a || !b)
                r = op == OP_EQ ? (!a && !b) : op == OP_NE ? (!a != !b) : 0;
            else {
                int c = str_cmp(a, b);
                r = op == OP_EQ   ? c == 0
                    : op == OP_NE ? c != 0
                    : op == OP_LT ? c < 0
                    : op == OP_LE ? c <= 0
                    : op == OP_GT ? c > 0
                                  : c >= 0;
            }
            sp[-1].f = r;
            NEXT;
        }
        CASE(PEQ) {
            sp--;
            sp[-1].f = sp[-1].p == sp[0].p;
            NEXT;
        }
        CASE(ISNA) {
            sp[-1].f = isnan(sp[-1].f);
            NEXT;
        }
        CASE(ISNULL) {
            sp[-1].f = sp[-1].p == NULL;
            NEXT;
        }
        CASE(NZ) {
            sp--;
            if (isnan(sp[-1].f)) sp[-1] = sp[0];
            NEXT;
        }
        CASE(NZP) {
            sp--;
            if (!sp[-1].p) sp[-1] = sp[0];
            NEXT;
        }
        CASE(TRUNC) {
            sp[-1].f = trunc(sp[-1].f);
            NEXT;
        }
        CASE(BOOLV) {
            sp[-1].f = truthy(sp[-1].f);
            NEXT;
        }
        CASE(JUMP) {
            int32_t off = (int32_t)*pc++;
            pc += off;
            NEXT;
        }
        CASE(JUMPF) {
            int32_t off = (int32_t)*pc++;
            if (!truthy((--sp)->f)) pc += off;
            NEXT;
        }
        CASE(JUMPT) {
            int32_t off = (int32_t)*pc++;
            if (truthy((--sp)->f)) pc += off;
            NEXT;
        }
        CASE(JUMPFK) {
            int32_t off = (int32_t)*pc++;
            if (!truthy(sp[-1].f))
                pc += off;
            else
                sp--;
            NEXT;
        }
        CASE(JUMPTK) {
            int32_t off = (int32_t)*pc++;
            if (truthy(sp[-1].f))
                pc += off;
            else
                sp--;
            NEXT;
        }
        CASE(LOOP) {
            int32_t off = (int32_t)*pc++;
            if (!vm->loop_timing || (++vm->loop_iters & 63) == 0) check_loop_time(vm, pc - 2);
            pc += off;
            NEXT;
        }
        CASE(ONCE) {
            uint32_t k = *pc++;
            int32_t off = (int32_t)*pc++;
            if (ob[k])
                pc += off;
            else
                ob[k] = 1;
            NEXT;
        }
        CASE(CALL) {
            VmSite *s = &cb[*pc++];
            PValue *args = sp - s->nargs;
            for (uint64_t m = s->conv_in; m; m &= m - 1) {
                int k = __builtin_ctzll(m);
                double x = args[k].f;
                args[k].i = isnan(x) || fabs(x) >= 9.2e18 ? PINE_NA_INT : (int64_t)x;
            }
            s->c.args = args;
            vm->pc_now = pc - 2;
            s->fn(&s->c);
            sp = args;
            if (s->nout == 1 && !s->conv_out) {
                *sp++ = vm->out[0];
                NEXT;
            }
            for (int r = 0; r < s->nout; r++) {
                PValue v = vm->out[r];
                if (s->conv_out >> r & 1) v.f = v.i == PINE_NA_INT ? NAN : (double)v.i;
                *sp++ = v;
            }
            NEXT;
        }
        CASE(CALLF) {
            const FuncCall *fc = &p->fcalls[*pc++];
            calls[ncalls].ret = pc;
            calls[ncalls].rb = rb;
            calls[ncalls].cb = cb;
            calls[ncalls].ob = ob;
            calls[ncalls].vb = vb;
            ncalls++;
            rb += fc->ring;
            cb += fc->site;
            ob += fc->once;
            vb += fc->var;
            pc = code + p->frames[fc->callee].entry;
            NEXT;
        }
        CASE(RET) {
            ncalls--;
            pc = calls[ncalls].ret;
            rb = calls[ncalls].rb;
            cb = calls[ncalls].cb;
            ob = calls[ncalls].ob;
            vb = calls[ncalls].vb;
            NEXT;
        }
        CASE(FORINIT) {
            LoopRec *l = &vm->loops[*pc++];
            uint32_t slot = *pc++;
            int32_t off = (int32_t)*pc++;
            sp -= 3;
            double from = sp[0].f, to = sp[1].f, step = sp[2].f;
            if (isnan(from) || isnan(to)) {
                pc += off;
                NEXT;
            }
            double dir = from <= to ? 1 : -1;
            step = isnan(step) ? dir : fabs(step) * dir;
            if (step == 0) vm_fail(vm, pc - 4, "a `for` loop step cannot be 0");
            l->cur = from;
            l->to = to;
            l->step = step;
            slots[slot].f = from;
            NEXT;
        }
        CASE(FORNEXT) {
        L_FORNEXT_BODY:;
            LoopRec *l = &vm->loops[*pc++];
            uint32_t slot = *pc++;
            int32_t off = (int32_t)*pc++;
            l->cur += l->step;
            if (l->step > 0 ? l->cur <= l->to : l->cur >= l->to) {
                slots[slot].f = l->cur;
                if (!vm->loop_timing || (++vm->loop_iters & 63) == 0) check_loop_time(vm, pc - 4);
                pc += off;
            }
            NEXT;
        }
        CASE(FORNEXTV) {
            LoopRec *l = &vm->loops[pc[0]];
            double to = (--sp)->f;
            if (isnan(to)) {
                pc += 3;
                NEXT;
            }
            l->to = to;
            goto L_FORNEXT_BODY;
        }
        CASE(PLOT) {
            int col = (int)*pc++;
            plot_put(vm, col, bar + p->plots[col].offset, sp[-1].f);
            sp[-1].f = col;
            NEXT;
        }
        CASE(ALEN) {
            PArray *a = sp[-1].p;
            sp[-1].f = a ? a->len : 0;
            NEXT;
        }
        CASE(AGET) {
            sp--;
            PArray *a = sp[-1].p;
            double i = sp[0].f;
            if (!a || isnan(i) || i < 0 || i >= a->len)
                vm_fail(vm, pc - 1, "index %g is out of bounds; the array size is %d", i,
                        a ? a->len : 0);
            sp[-1] = a->items[(int32_t)i];
            NEXT;
        }
        CASE(SWAP) {
            PValue t = sp[-1];
            sp[-1] = sp[-2];
            sp[-2] = t;
            NEXT;
        }
        CASE(ENTER) {
            advance(rb, vm->scope_rings[*pc++]);
            NEXT;
        }
        CASE(NOP1) {
            pc++;
            NEXT;
        }
        CASE(FAIL) {
            vm_fail(vm, pc - 1, "%s", ((PStr *)p->consts[*pc].p)->data);
        }
        CASE(ERRNA) {
            uint32_t k = *pc++;
            if (isnan(sp[-1].f)) vm_fail(vm, pc - 2, "%s", ((PStr *)p->consts[k].p)->data);
            NEXT;
        }
    }
#undef CASE
#undef NEXT
#undef DISPATCH
}

static void start_bar(Vm *vm) {
    advance(vm->rings, vm->scope_rings[0]);
    vm->loop_timing = 0;
}

static void report(Vm *vm) {
    char when[48] = "";
    const Bars *b = vm->bars;
    int64_t i = b ? vm->bar - b->base : -1;
    if (i >= 0 && (size_t)i < b->n) {
        int off = b->utc_offset_min ? b->utc_offset_min[i] : 0;
        fmt_time_iso(when, b->time[i], off);
    }
    fprintf(stderr, "%s:%d:%d: runtime error: %s (bar %lld, %s)\n", vm->p->file, vm->err_line,
            vm->err_col, vm->errmsg, (long long)vm->bar, when);
}

/* Follows the window of bars: its columns may have moved, and plot rows before its base have
 * been written. */
static void follow_window(Vm *vm, size_t to) {
    const Bars *b = vm->bars;
    vm->cols[BAR_OPEN] = b->open;
    vm->cols[BAR_HIGH] = b->high;
    vm->cols[BAR_LOW] = b->low;
    vm->cols[BAR_CLOSE] = b->close;
    vm->cols[BAR_VOLUME] = b->volume;
    if (b->base > vm->plot_base) {
        size_t k = (size_t)(b->base - vm->plot_base);
        size_t keep = vm->plot_rows > k ? vm->plot_rows - k : 0;
        for (int c = 0; c < vm->p->nplots; c++) {
            memmove(vm->plots[c], vm->plots[c] + (vm->plot_rows - keep), keep * sizeof(double));
            for (size_t i = keep; i < vm->plot_rows; i++)
                vm->plots[c][i] = NAN;
        }
        vm->plot_base = b->base;
    }
    if (vm->total < 0) plots_reserve(vm, (int64_t)to);
}

int vm_run_range(Vm *vm, size_t from, size_t to) {
    if (setjmp(vm->jmp)) {
        report(vm);
        return 1;
    }
    if (vm->bars) follow_window(vm, to);
    for (size_t i = from; i < to; i++) {
        vm->bar = (int64_t)i;
        vm->at = vm->bar - vm->bars->base;
        start_bar(vm);
        if (vm->opt.hooks && vm->opt.hooks->before_bar)
            vm->opt.hooks->before_bar(vm, vm->opt.hooks->ud);
        exec(vm);
        if (vm->opt.hooks && vm->opt.hooks->after_bar)
            vm->opt.hooks->after_bar(vm, vm->opt.hooks->ud);
        if (vm->heap_bytes > vm->gc_threshold) collect(vm);
    }
    if (vm->bars && vm->total >= 0 && (int64_t)to >= vm->total) {
        /* finishing actions may raise errors too (a file that cannot be written) */
        int n = vm->nfinish;
        vm->nfinish = 0;
        for (int i = 0; i < n; i++)
            vm->finish[i].fn(vm, vm->finish[i].ud);
    }
    return 0;
}

int vm_run(Vm *vm) {
    return vm_run_range(vm, 0, vm->bars ? vm->bars->n : 0);
}

void vm_set_bar_count(Vm *vm, int64_t n) {
    vm->total = n;
}

/* ====== streaming ====== */

int64_t vm_bars_kept(const Program *p) {
    /* a computed offset reaches as deep as its field's buffer, which max_bars_back(close, n)
     * may make deeper than the script's */
    int64_t k = p->bar_history;
    if (k < 0)
        for (int f = 0; f < BAR__COUNT; f++)
            if (p->bar_limit[f] > k) k = p->bar_limit[f];
    return k + 1; /* built-ins that read the previous bar: ta.vwap's day, timeframe.change */
}

int64_t vm_plot_lag(const Program *p) {
    int64_t lag = 0;
    for (int k = 0; k < p->nplots; k++)
        if (-(int64_t)p->plots[k].offset > lag) lag = -(int64_t)p->plots[k].offset;
    return lag;
}

/* Built-ins that need what only the whole data set tells: the number of bars, every bar at
 * once, or (when --mintick is not given) the most decimals of any price. */
static const struct {
    const char *name;
    int nargs; /* -1: any */
    int mintick;
    const char *why;
} WHOLE_DATA[] = {
    {"last_bar_index", -1, 0, "last_bar_index needs the number of bars"},
    {"io.series", -1, 0, "io.series aligns a file with every bar"},
    {"io.series_string", -1, 0, "io.series_string aligns a file with every bar"},
    {"io.export_chart", -1, 0, "io.export_chart writes every bar at the end"},
    {"syminfo.mintick", -1, 1, "syminfo.mintick is inferred from every price"},
    {"math.round_to_mintick", -1, 1, "math.round_to_mintick uses the inferred mintick"},
    {"str.tostring", 2, 1, "str.tostring(x, format) may use the inferred mintick"},
};

const char *vm_needs_all_bars(const Program *p, const VmOptions *opt) {
    if (p->is_strategy) return "a strategy's broker reads bars by index";
    int mintick_known = opt && opt->mintick > 0;
    for (int i = 0; i < p->nsites; i++) {
        const char *sig = p->sites[i].def->sig;
        size_t len = strcspn(sig, "( ");
        for (size_t k = 0; k < sizeof WHOLE_DATA / sizeof WHOLE_DATA[0]; k++)
            if (strlen(WHOLE_DATA[k].name) == len && !memcmp(sig, WHOLE_DATA[k].name, len) &&
                (WHOLE_DATA[k].nargs < 0 || WHOLE_DATA[k].nargs == p->sites[i].nargs) &&
                !(WHOLE_DATA[k].mintick && mintick_known))
                return WHOLE_DATA[k].why;
    }
    return NULL;
}
