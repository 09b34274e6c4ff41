/* `pine repl`: an interactive session over loaded bars. Statements accumulate into the
 * session's script; an expression is compiled after them as a plot, run over every bar, and
 * its last values are printed. Line editing, history and completion come from libedit; with
 * standard input not a terminal there are no prompts or colours, so command files work. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <editline/readline.h>

#include "front/arena.h"
#include "data/bars.h"
#include "cli/cli.h"
#include "data/compare.h"
#include "compile/compile.h"
#include "data/numfmt.h"
#include "front/parse.h"
#include "compile/sig.h"
#include "data/tz.h"
#include "vm/vm.h"

static const char *usage_repl =
    "usage: pine repl [SCRIPT.pine] [--data BARS.csv] [options]\n"
    "\n"
    "An interactive session: statements (x = ta.sma(close, 10), function definitions, if/for\n"
    "blocks) accumulate into the session's script; an expression is run over every bar and its\n"
    "last values are printed with their times. Type :help inside for the commands. SCRIPT is\n"
    "loaded first, as with :load. With standard input not a terminal, commands are read one per\n"
    "line without prompts (pine repl --data BARS.csv < checks.txt).\n"
    "\n"
    "options:\n"
    "  --data FILE          the bars\n"
    "  --input NAME=VALUE   override an input (repeatable)\n"
    "  --symbol S, --mintick X, --timezone TZ, --max-loop-ms N   see `pine --help`\n"
    "\n"
    "History is kept in ~/.pine_history (or $PINE_HISTORY).\n";

static const char *help_text =
    "Statements are added to the session; an expression prints its last values.\n"
    "  x = ta.sma(close, 10)     add a statement (also functions, if/for/while/switch blocks;\n"
    "                            a block ends with an empty line)\n"
    "  x - close                 run an expression over the bars and show its last values\n"
    "  :tail N                   how many last values an expression shows (now %d)\n"
    "  :at N [EXPR]              values at bar N (0 = first, -1 = last) of EXPR or the last one\n"
    "  :at 2024-01-05 10:00 [EXPR]   the same at a time (the chart's wall-clock time)\n"
    "  :data FILE.csv            load bars\n"
    "  :load FILE.pine           start over with a script (its declaration and statements)\n"
    "  :inputs [NAME=VALUE]      list the inputs, or override one\n"
    "  :vars                     the session's variables (with their last values) and functions\n"
    "  :reset                    forget every statement\n"
    "  :help, :quit (or Ctrl-D)\n";

#define DEFAULT_HEADER "//@version=6\nindicator(\"repl\")\n"
#define PROMPT "pine> "
#define PROMPT_MORE "  ... "

/* {====== SESSION */

typedef struct Buf {
    char *s;
    size_t n, cap;
} Buf;

static void buf_add(Buf *b, const char *s, size_t n) {
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->s = realloc(b->s, b->cap);
        if (!b->s) abort();
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}

static void buf_puts(Buf *b, const char *s) {
    buf_add(b, s, strlen(s));
}

static void buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void buf_printf(Buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *t = malloc((size_t)n + 1);
    if (!t) abort();
    va_start(ap, fmt);
    vsnprintf(t, (size_t)n + 1, fmt, ap);
    va_end(ap);
    buf_add(b, t, (size_t)n);
    free(t);
}

static void buf_clear(Buf *b) {
    b->n = 0;
    if (b->s) b->s[0] = 0;
}

typedef struct Session {
    CliOptions *o;
    char *header; /* the declaration part: DEFAULT_HEADER or a loaded script */
    Buf body;     /* the statements accepted so far, each ending in a newline */
    Bars bars;
    int have_bars;
    TzZone *zone;
    int tail;
    int tty, color;
    char *last_expr; /* the last expression shown, for :at */
    long line_no;    /* input line of the current entry's first line (not a terminal) */
    const char **in_names, **in_values; /* input overrides */
    int nin, in_cap;
    char **vars; /* the session's top-level names, for :vars and completion */
    int nvars;
    char *dir; /* where io.* reads (the loaded script's folder) */
} Session;

static Session *completion_session;

static void err_begin(Session *S) {
    fflush(stdout);
    if (S->color) fputs("\033[31m", stderr);
}

static void err_end(Session *S) {
    if (S->color) fputs("\033[0m", stderr);
    fflush(stderr);
}

static void say_error(Session *S, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say_error(Session *S, const char *fmt, ...) {
    err_begin(S);
    va_list ap;
    va_start(ap, fmt);
    fputs("error: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    err_end(S);
}

static int count_lines(const char *s) {
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* The script that is compiled: header, body, then [extra]. [*extra_line] is set to the line
 * [extra] starts on. The caller frees the result. */
static char *session_text(const Session *S, const char *extra, int *extra_line) {
    Buf b = {0};
    buf_puts(&b, S->header);
    if (b.n && b.s[b.n - 1] != '\n') buf_puts(&b, "\n");
    if (S->body.n) buf_add(&b, S->body.s, S->body.n);
    if (extra_line) *extra_line = count_lines(b.s) + 1;
    if (extra) {
        buf_puts(&b, extra);
        if (b.n && b.s[b.n - 1] != '\n') buf_puts(&b, "\n");
    }
    if (!b.s) buf_puts(&b, "");
    return b.s;
}

/* Compiles the session plus [extra]. Diagnostics go to [sink] (NULL: nowhere). */
static Program *session_compile(Session *S, const char *extra, FILE *sink, int *extra_line) {
    char *src = session_text(S, extra, extra_line);
    Diag d;
    diag_init(&d, "<repl>", src, strlen(src));
    d.quiet = sink == NULL;
    d.sink = sink;
    CompileOptions copt = {S->in_names, S->in_values, S->nin, 0};
    Program *p = compile_script("<repl>", src, strlen(src), &copt, &d);
    free(src);
    return p;
}

/* Runs [p] over the bars; returns the VM, or NULL after a runtime error (printed). */
static Vm *session_run(Session *S, const Program *p) {
    VmOptions vopt = {.mintick = S->o->mintick,
                      .symbol = S->o->symbol,
                      .timezone = S->o->timezone,
                      .max_loop_ms = S->o->max_loop_ms,
                      .script_dir = S->dir};
    Vm *vm = vm_new(p, &S->bars, &vopt);
    err_begin(S);
    int rc = vm_run(vm);
    err_end(S);
    if (rc != 0) {
        vm_free(vm);
        return NULL;
    }
    return vm;
}

/* Collects the top-level names declared in the session (variables and functions). */
static void session_scan_vars(Session *S) {
    for (int i = 0; i < S->nvars; i++)
        free(S->vars[i]);
    free(S->vars);
    S->vars = NULL;
    S->nvars = 0;
    char *src = session_text(S, NULL, NULL);
    Arena a;
    arena_init(&a);
    Diag d;
    diag_init(&d, "<repl>", src, strlen(src));
    d.quiet = 1;
    Node *root = parse_script(&a, &d, src, strlen(src));
    int cap = 0;
    for (int i = 0; root && i < root->list.n; i++) {
        const Node *n = root->list.items[i];
        const char *names[64];
        int k = 0;
        if (n->kind == N_VARDECL || n->kind == N_FUNCDEF) names[k++] = n->name;
        if (n->kind == N_TUPLEDECL)
            for (int j = 0; j < n->nnames && k < 64; j++)
                if (n->names[j]) names[k++] = n->names[j];
        for (int j = 0; j < k; j++) {
            int dup = 0;
            for (int v = 0; v < S->nvars && !dup; v++)
                dup = !strcmp(S->vars[v], names[j]);
            if (dup || !strncmp(names[j], "__repl", 6)) continue;
            if (S->nvars == cap) {
                cap = cap ? cap * 2 : 16;
                S->vars = realloc(S->vars, (size_t)cap * sizeof *S->vars);
                if (!S->vars) abort();
            }
            S->vars[S->nvars++] = strdup(names[j]);
        }
    }
    arena_free(&a);
    free(src);
}

static void session_reset(Session *S, char *header) {
    free(S->header);
    S->header = header ? header : strdup(DEFAULT_HEADER);
    buf_clear(&S->body);
    free(S->last_expr);
    S->last_expr = NULL;
    session_scan_vars(S);
}

/* }====== */

/* {====== SHOWING VALUES */

enum { SHOW_NUMBER, SHOW_BOOL };

/* An expression compiled as plots: where its columns are and how to print them. */
typedef struct Shown {
    Program *p;
    int first, n; /* plots [first, first + n) */
    int kind[8];
} Shown;

static void show_value(Buf *b, double v, int kind) {
    char t[32];
    if (v != v)
        buf_puts(b, "na");
    else if (kind == SHOW_BOOL)
        buf_puts(b, v != 0 ? "true" : "false");
    else {
        fmt_double(t, v);
        buf_puts(b, t);
    }
}

static void show_rows(Session *S, const Vm *vm, const Shown *sh, size_t from, size_t to) {
    for (size_t i = from; i < to; i++) {
        char t[48];
        cmp_bar_time(t, &S->bars, S->zone, i);
        Buf line = {0};
        buf_puts(&line, t);
        for (int k = 0; k < sh->n; k++) {
            buf_puts(&line, "  ");
            show_value(&line, vm_plot_column(vm, sh->first + k)[i], sh->kind[k]);
        }
        puts(line.s);
        free(line.s);
    }
    fflush(stdout);
}

/* Tries to compile [expr] as something the REPL can print: a number, a bool, or a tuple of
 * them. Returns 1 and fills [sh], or 0. */
static int compile_shown(Session *S, const char *expr, Shown *sh) {
    Buf x = {0};
    memset(sh, 0, sizeof *sh);
    for (int kind = SHOW_NUMBER; kind <= SHOW_BOOL; kind++) {
        buf_clear(&x);
        /* `float` also takes a bare na, which has no type of its own */
        buf_printf(&x, "%s__repl = %s\nplot(%s, \"__repl\")\n", kind == SHOW_NUMBER ? "float " : "",
                   expr, kind == SHOW_BOOL ? "__repl ? 1 : 0" : "__repl");
        Program *p = session_compile(S, x.s, NULL, NULL);
        if (p) {
            sh->p = p;
            sh->first = p->nplots - 1;
            sh->n = 1;
            sh->kind[0] = kind;
            free(x.s);
            return 1;
        }
    }
    for (int n = 2; n <= 8; n++) {
        buf_clear(&x);
        buf_puts(&x, "[");
        for (int k = 0; k < n; k++)
            buf_printf(&x, "%s__repl%d", k ? ", " : "", k);
        buf_printf(&x, "] = %s\n", expr);
        size_t decl_len = x.n;
        Program *p = session_compile(S, x.s, NULL, NULL);
        if (!p) continue;
        program_free(p);
        for (int k = 0; k < n; k++) {
            for (int kind = SHOW_NUMBER; kind <= SHOW_BOOL + 1; kind++) {
                if (kind > SHOW_BOOL) {
                    free(x.s);
                    return 0;
                }
                x.n = decl_len;
                buf_printf(&x, "plot(%s__repl%d%s, \"__repl%d\")\n", "", k,
                           kind == SHOW_BOOL ? " ? 1 : 0" : "", k);
                p = session_compile(S, x.s, NULL, NULL);
                if (p) {
                    program_free(p);
                    sh->kind[k] = kind;
                    break;
                }
            }
        }
        x.n = decl_len;
        for (int k = 0; k < n; k++)
            buf_printf(&x, "plot(__repl%d%s, \"__repl%d\")\n", k,
                       sh->kind[k] == SHOW_BOOL ? " ? 1 : 0" : "", k);
        p = session_compile(S, x.s, NULL, NULL);
        free(x.s);
        if (!p) return 0;
        sh->p = p;
        sh->first = p->nplots - n;
        sh->n = n;
        return 1;
    }
    free(x.s);
    return 0;
}

/* Which value type [expr] has when it is not one the REPL prints, for the message. */
static const char *unshown_type(Session *S, const char *expr) {
    static const char *const TYPES[] = {
        "string",        "color", "array<float>", "array<int>", "array<bool>",
        "array<string>", "label", "line",         "box",        "table"};
    Buf x = {0};
    const char *found = NULL;
    for (size_t k = 0; k < sizeof TYPES / sizeof TYPES[0] && !found; k++) {
        buf_clear(&x);
        buf_printf(&x, "%s __repl = %s\n", TYPES[k], expr);
        Program *p = session_compile(S, x.s, NULL, NULL);
        if (p) found = TYPES[k];
        program_free(p);
    }
    free(x.s);
    return found;
}

/* Evaluates [expr] and prints its values at bars [from, to) (negative: the last :tail). */
static int show_expr(Session *S, const char *expr, long at) {
    if (!S->have_bars) {
        say_error(S, "no bars loaded: use :data FILE.csv (or start with --data)");
        return -1;
    }
    Shown sh;
    if (!compile_shown(S, expr, &sh)) return 0;
    Vm *vm = session_run(S, sh.p);
    if (vm) {
        size_t n = S->bars.n, from, to;
        if (at >= 0) {
            from = (size_t)at;
            to = from + 1;
        } else {
            from = n > (size_t)S->tail ? n - (size_t)S->tail : 0;
            to = n;
        }
        show_rows(S, vm, &sh, from, to);
        vm_free(vm);
    }
    program_free(sh.p);
    if (expr != S->last_expr) {
        free(S->last_expr);
        S->last_expr = strdup(expr);
    }
    return 1;
}

/* }====== */

/* {====== ERRORS */

/* Prints the diagnostics of [text] (what compile wrote for the session plus the entry starting
 * at script line [first]) for the entry's lines only, numbered within the entry. An error on a
 * one-line entry at a terminal is shown as a caret under the line just typed. */
static void show_diagnostics(Session *S, const char *text, int first, int entry_lines) {
    const char *p = text;
    int skip = 0, caret_only = S->tty && entry_lines == 1;
    err_begin(S);
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        int line, col, k = 0;
        if (sscanf(p, "<repl>:%d:%d: %n", &line, &col, &k) == 2 && k > 0) {
            skip = line < first;
            if (!skip) {
                const char *msg = p + k;
                size_t mlen = len - (size_t)k;
                if (caret_only) {
                    /* the quoted line is what was just typed: print only the caret under it */
                    const char *q = e ? e + 1 : p + len;
                    const char *caret = q && *q ? strchr(q, '\n') : NULL;
                    if (caret) {
                        const char *ce = strchr(caret + 1, '\n');
                        size_t clen = ce ? (size_t)(ce - caret - 1) : strlen(caret + 1);
                        fprintf(stderr, "%*s%.*s\n", (int)strlen(PROMPT), "", (int)clen, caret + 1);
                        e = ce;
                    }
                    fprintf(stderr, "%.*s\n", (int)mlen, msg);
                } else if (S->tty) {
                    fprintf(stderr, "line %d:%d: %.*s\n", line - first + 1, col, (int)mlen, msg);
                } else {
                    fprintf(stderr, "<stdin>:%ld:%d: %.*s\n", S->line_no + (line - first), col,
                            (int)mlen, msg);
                }
            }
        } else if (!skip && strncmp(p, "<repl>", 6) != 0) {
            fprintf(stderr, "%.*s\n", (int)len, p);
        }
        if (!e) break;
        p = e + 1;
    }
    err_end(S);
}

/* }====== */

/* {====== ENTRIES */

/* What kind of statement [src] is: 1 an expression whose value can be shown, 2 a call (may be
 * a statement with effects), 0 anything else; -1 when it does not parse. */
static int classify(Session *S, const char *src) {
    Buf b = {0};
    buf_puts(&b, "//@version=6\n");
    buf_puts(&b, src);
    Arena a;
    arena_init(&a);
    Diag d;
    diag_init(&d, "<repl>", b.s, b.n);
    d.quiet = 1;
    Node *root = parse_script(&a, &d, b.s, b.n);
    int kind = -1;
    if (root && !d.errors) {
        kind = 0;
        if (root->list.n == 1 && root->list.items[0]->kind == N_EXPRSTMT) {
            const Node *e = root->list.items[0]->left;
            NodeKind k = e->kind;
            if (k == N_CALL)
                kind = 2;
            else if (k != N_IF && k != N_SWITCH && k != N_FOR && k != N_FOR_IN && k != N_WHILE &&
                     k != N_BREAK && k != N_CONTINUE)
                kind = 1;
        }
    }
    (void)S;
    arena_free(&a);
    free(b.s);
    return kind;
}

/* Runs one complete entry (statements or an expression). */
static void eval_entry(Session *S, const char *src) {
    int kind = classify(S, src);
    if (kind >= 1 && show_expr(S, src, -1) != 0) return;

    char *diags = NULL;
    size_t dlen = 0;
    FILE *m = open_memstream(&diags, &dlen);
    if (!m) abort();
    int first;
    Program *p = session_compile(S, src, m, &first);
    fclose(m);
    if (!p) {
        show_diagnostics(S, diags, first, count_lines(src) + (src[strlen(src) - 1] != '\n'));
        free(diags);
        return;
    }
    if (kind == 1) {
        const char *type = unshown_type(S, src);
        say_error(S, "cannot show %s%s: the REPL prints numbers and bools (and tuples of them)",
                  type ? "a value of type " : "a tuple holding strings, colors or arrays",
                  type ? type : "");
        program_free(p);
        free(diags);
        return;
    }
    show_diagnostics(S, diags, first, count_lines(src) + 1); /* warnings */
    free(diags);
    if (S->have_bars) {
        Vm *vm = session_run(S, p);
        if (!vm) {
            say_error(S, "not added to the session");
            program_free(p);
            return;
        }
        vm_free(vm);
    }
    program_free(p);
    buf_puts(&S->body, src);
    if (S->body.s[S->body.n - 1] != '\n') buf_puts(&S->body, "\n");
    session_scan_vars(S);
}

/* }====== */

/* {====== COMMANDS */

static char *skip_space(char *s) {
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

static void rtrim(char *s) {
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = 0;
}

static int load_data(Session *S, const char *path) {
    Bars b;
    BarsLoadOptions lopt = {.timezone = S->o->timezone,
                            .symbol = S->o->symbol,
                            .sort = S->o->sort,
                            .lenient = S->o->lenient,
                            .adjusted = S->o->adjusted};
    fflush(stdout);
    err_begin(S);
    int rc = bars_load(path, &lopt, &b);
    if (rc == 0 && cli_select_bars(S->o, &b) != 0) rc = -1; /* b is freed on failure */
    err_end(S);
    if (rc != 0) return -1;
    if (S->have_bars) bars_free(&S->bars);
    S->bars = b;
    S->have_bars = 1;
    if (S->tty) {
        char t0[48], t1[48];
        cmp_bar_time(t0, &b, S->zone, 0);
        cmp_bar_time(t1, &b, S->zone, b.n - 1);
        printf("%zu bars, %s to %s\n", b.n, t0, t1);
    }
    return 0;
}

static int load_script(Session *S, const char *path) {
    size_t len;
    err_begin(S);
    char *src = cli_read_file(path, &len);
    err_end(S);
    if (!src) return -1;
    Diag d;
    diag_init(&d, path, src, len);
    CompileOptions copt = {S->in_names, S->in_values, S->nin, 0};
    err_begin(S);
    Program *p = compile_script(path, src, len, &copt, &d);
    err_end(S);
    if (!p) {
        free(src);
        return -1;
    }
    if (S->tty) printf("loaded %s: %d plots, %d inputs\n", path, p->nplots, p->ninputs);
    program_free(p);
    session_reset(S, src);
    free(S->dir);
    S->dir = cli_dirname(path);
    return 0;
}

static void cmd_inputs_list(Session *S) {
    Program *p = session_compile(S, NULL, NULL, NULL);
    if (!p) return;
    if (!p->ninputs) puts("no inputs");
    for (int i = 0; i < p->ninputs; i++) {
        const InputSpec *in = &p->inputs[i];
        Buf b = {0};
        buf_printf(&b, "%s", in->title ? in->title : in->var ? in->var : "?");
        if (in->title && in->var) buf_printf(&b, " (%s)", in->var);
        buf_puts(&b, " = ");
        /* numbers, bools and colors are held as doubles (VM form) */
        char t[32];
        switch (in->kind) {
        case IN_BOOL: buf_puts(&b, in->value.f != 0 ? "true" : "false"); break;
        case IN_COLOR: buf_printf(&b, "#%08llX", (unsigned long long)in->value.f); break;
        case IN_INT:
        case IN_FLOAT:
        case IN_PRICE:
        case IN_TIME:
            fmt_double(t, in->value.f);
            buf_puts(&b, t);
            break;
        default: buf_printf(&b, "\"%s\"", in->svalue ? in->svalue : ""); break;
        }
        puts(b.s);
        free(b.s);
    }
    program_free(p);
}

static void cmd_input_set(Session *S, const char *arg) {
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg) {
        say_error(S, ":inputs NAME=VALUE, e.g. :inputs Length=20");
        return;
    }
    char *name = strndup(arg, (size_t)(eq - arg));
    rtrim(name);
    int i = 0;
    while (i < S->nin && strcmp(S->in_names[i], name))
        i++;
    if (i == S->nin) {
        if (S->nin == S->in_cap) {
            S->in_cap = S->in_cap ? S->in_cap * 2 : 8;
            S->in_names = realloc(S->in_names, (size_t)S->in_cap * sizeof(char *));
            S->in_values = realloc(S->in_values, (size_t)S->in_cap * sizeof(char *));
            if (!S->in_names || !S->in_values) abort();
        }
        S->in_names[S->nin] = name;
        S->in_values[S->nin] = NULL;
        S->nin++;
    } else {
        free(name);
        free((char *)S->in_values[i]);
    }
    S->in_values[i] = strdup(skip_space((char *)eq + 1));
    char *diags = NULL;
    size_t dlen = 0;
    FILE *m = open_memstream(&diags, &dlen);
    Program *p = session_compile(S, NULL, m, NULL);
    fclose(m);
    if (!p) {
        /* an unknown input name or a bad value: take the override back */
        err_begin(S);
        fputs(diags, stderr);
        err_end(S);
        free((char *)S->in_names[i]);
        free((char *)S->in_values[i]);
        S->nin--;
        S->in_names[i] = S->in_names[S->nin];
        S->in_values[i] = S->in_values[S->nin];
    }
    free(diags);
    program_free(p);
}

static void cmd_vars(Session *S) {
    if (!S->nvars) {
        puts("no variables yet");
        return;
    }
    for (int i = 0; i < S->nvars; i++) {
        Shown sh;
        Buf b = {0};
        buf_puts(&b, S->vars[i]);
        if (S->have_bars && compile_shown(S, S->vars[i], &sh)) {
            Vm *vm = session_run(S, sh.p);
            if (vm) {
                buf_puts(&b, " =");
                for (int k = 0; k < sh.n; k++) {
                    buf_puts(&b, " ");
                    show_value(&b, vm_plot_column(vm, sh.first + k)[S->bars.n - 1], sh.kind[k]);
                }
                vm_free(vm);
            }
            program_free(sh.p);
        } else {
            const char *type = unshown_type(S, S->vars[i]);
            buf_printf(&b, "  (%s)", type ? type : "function");
        }
        puts(b.s);
        free(b.s);
    }
}

/* Finds the bar of [arg]: an index (negative from the end) or a date-time in the chart's wall
 * clock. Returns the index, or -1 after a message. [*rest] is what follows the bar. */
static long find_bar(Session *S, char *arg, char **rest) {
    char *end;
    long n = strtol(arg, &end, 10);
    if (end != arg && (*end == 0 || *end == ' ' || *end == '\t') &&
        !(end - arg >= 4 && end[0] == '-')) {
        *rest = skip_space(end);
        if (n < 0) n += (long)S->bars.n;
        if (n < 0 || (size_t)n >= S->bars.n) {
            say_error(S, "bar %s is outside 0..%zu", arg, S->bars.n - 1);
            return -1;
        }
        return n;
    }
    /* a date, optionally followed by a clock time */
    char when[64];
    size_t k = 0;
    char *p = arg;
    while (*p && *p != ' ' && *p != '\t' && k < sizeof when - 1)
        when[k++] = *p++;
    char *after = skip_space(p);
    if (after[0] >= '0' && after[0] <= '9' && strchr(after, ':') &&
        (strchr(after, ':') - after) <= 2) {
        when[k++] = 'T';
        while (*after && *after != ' ' && *after != '\t' && k < sizeof when - 1)
            when[k++] = *after++;
        p = after;
    }
    when[k] = 0;
    CmpTime t;
    if (cmp_parse_time(when, &t) != 0) {
        say_error(S, "\"%s\" is neither a bar number nor a date-time", arg);
        return -1;
    }
    *rest = skip_space(p);
    for (size_t i = 0; i < S->bars.n; i++) {
        int64_t wall = S->bars.time[i] + (int64_t)cmp_bar_offset(&S->bars, S->zone, i) * 60000;
        if (t.naive ? wall == t.t : S->bars.time[i] == t.t) return (long)i;
    }
    say_error(S, "no bar at %s", when);
    return -1;
}

/* Runs a `:` command; returns 1 to quit. */
static int command(Session *S, char *line) {
    rtrim(line);
    char *name = line + 1, *arg = name;
    while (*arg && *arg != ' ' && *arg != '\t')
        arg++;
    if (*arg) *arg++ = 0;
    arg = skip_space(arg);
    if (!strcmp(name, "quit") || !strcmp(name, "q") || !strcmp(name, "exit")) return 1;
    if (!strcmp(name, "help") || !strcmp(name, "h") || !strcmp(name, "?")) {
        printf(help_text, S->tail);
    } else if (!strcmp(name, "tail")) {
        char *end;
        long n = strtol(arg, &end, 10);
        if (!*arg)
            printf("%d\n", S->tail);
        else if (*end || n < 1 || n > 1000000)
            say_error(S, ":tail needs a number of bars (1 or more), got \"%s\"", arg);
        else
            S->tail = (int)n;
    } else if (!strcmp(name, "at")) {
        char *rest;
        if (!S->have_bars) {
            say_error(S, "no bars loaded: use :data FILE.csv");
        } else if (!*arg) {
            say_error(S, ":at needs a bar number or a date-time");
        } else {
            long bar = find_bar(S, arg, &rest);
            if (bar >= 0) {
                if (!*rest && !S->last_expr)
                    say_error(S, ":at shows an expression: give one, e.g. :at -1 close");
                else if (*rest && classify(S, rest) < 1)
                    say_error(S, "\"%s\" is not an expression", rest);
                else if (show_expr(S, *rest ? rest : S->last_expr, bar) == 0)
                    eval_entry(S, rest); /* shows why it does not compile */
            }
        }
    } else if (!strcmp(name, "data")) {
        if (!*arg)
            say_error(S, ":data needs a file");
        else
            load_data(S, arg);
    } else if (!strcmp(name, "load")) {
        if (!*arg)
            say_error(S, ":load needs a file");
        else
            load_script(S, arg);
    } else if (!strcmp(name, "inputs") || !strcmp(name, "input")) {
        if (*arg)
            cmd_input_set(S, arg);
        else
            cmd_inputs_list(S);
    } else if (!strcmp(name, "vars")) {
        cmd_vars(S);
    } else if (!strcmp(name, "reset")) {
        session_reset(S, NULL);
        free(S->dir);
        S->dir = strdup(".");
    } else {
        say_error(S, "unknown command :%s (:help lists them)", name);
    }
    fflush(stdout);
    return 0;
}

/* }====== */

/* {====== INPUT */

/* Whether [entry] (one or more lines) needs more lines: an open block header, an unclosed
 * bracket, or a trailing operator. An entry of several lines ends only with an empty line. */
static int incomplete(Session *S, const char *entry, int nlines) {
    if (nlines > 1) return 1;
    Buf b = {0};
    buf_puts(&b, "//@version=6\n");
    buf_puts(&b, entry);
    char *msgs = NULL;
    size_t mlen = 0;
    FILE *m = open_memstream(&msgs, &mlen);
    if (!m) abort();
    Arena a;
    arena_init(&a);
    Diag d;
    diag_init(&d, "<repl>", b.s, b.n);
    d.sink = m;
    parse_script(&a, &d, b.s, b.n);
    fclose(m);
    arena_free(&a);
    int more = d.errors &&
               (strstr(msgs, "expected an indented block after") || strstr(msgs, "missing `)`") ||
                strstr(msgs, "missing `]`") || strstr(msgs, "unexpected end of input") ||
                strstr(msgs, "unexpected end of line; expected an expression"));
    (void)S;
    free(msgs);
    free(b.s);
    return more;
}

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig) {
    (void)sig;
    interrupted = 1;
}

static char *history_path(void) {
    const char *env = getenv("PINE_HISTORY");
    if (env && *env) return strdup(env);
    const char *home = getenv("HOME");
    if (!home || !*home) return NULL;
    size_t n = strlen(home) + 20;
    char *p = malloc(n);
    snprintf(p, n, "%s/.pine_history", home);
    return p;
}

/* {------ completion */

typedef struct Words {
    char **v;
    int n, cap;
} Words;

static Words words;

static void words_add(const char *w) {
    for (int i = 0; i < words.n; i++)
        if (!strcmp(words.v[i], w)) return;
    if (words.n == words.cap) {
        words.cap = words.cap ? words.cap * 2 : 512;
        words.v = realloc(words.v, (size_t)words.cap * sizeof *words.v);
        if (!words.v) abort();
    }
    words.v[words.n++] = strdup(w);
}

/* Adds a built-in's [name] and, for ta.sma, its namespace "ta." too. */
static void words_add_name(const char *name) {
    words_add(name);
    const char *dot = strrchr(name, '.');
    if (dot) {
        char ns[64];
        snprintf(ns, sizeof ns, "%.*s.", (int)(dot - name), name);
        words_add(ns);
    }
}

static void add_sig_name(const Sig *s, void *ud) {
    (void)ud;
    words_add_name(s->name);
}

static void collect_words(void) {
    static const char *const KEYWORDS[] = {
        "if",     "else",     "for",   "to",     "by",     "in",     "while", "switch",
        "var",    "varip",    "and",   "or",     "not",    "true",   "false", "na",
        "break",  "continue", "int",   "float",  "bool",   "string", "color", "series",
        "simple", "const",    "array", "import", "export", "method", "type"};
    for (size_t k = 0; k < sizeof KEYWORDS / sizeof KEYWORDS[0]; k++)
        words_add(KEYWORDS[k]);
    sig_init();
    sig_each(add_sig_name, NULL);
    for (const BuiltinTable *t = builtin_tables; t->library; t++)
        for (const ConstDef *c = t->consts; c && c->name; c++)
            words_add_name(c->name);
}

static const char *const COMMANDS[] = {"at",   "data",  "help", "inputs", "load",
                                       "quit", "reset", "tail", "vars",   NULL};

static char *complete_command(const char *text, int state) {
    static int i;
    if (!state) i = 0;
    size_t n = strlen(text);
    while (COMMANDS[i])
        if (!strncmp(COMMANDS[i++], text, n)) return strdup(COMMANDS[i - 1]);
    return NULL;
}

/* Names starting with [text]: the session's variables, then built-ins. A namespace is offered
 * as "ta." only while [text] has no dot past it, so "ta.s" lists ta.sma, ta.stdev... */
static char *complete_name(const char *text, int state) {
    static int i;
    if (!state) i = 0;
    size_t n = strlen(text);
    Session *S = completion_session;
    int nv = S ? S->nvars : 0;
    while (i < nv + words.n) {
        const char *w = i < nv ? S->vars[i] : words.v[i - nv];
        i++;
        if (!strncmp(w, text, n)) return strdup(w);
    }
    return NULL;
}

static char **attempt_completion(const char *text, int start, int end) {
    (void)end;
    rl_attempted_completion_over = 1;
    rl_completion_append_character = '\0';
    if (start == 1 && rl_line_buffer[0] == ':')
        return rl_completion_matches(text, complete_command);
    if (start > 0 && rl_line_buffer[0] == ':') return NULL;
    return rl_completion_matches(text, complete_name);
}

/* }------ */

/* Reads one line: from libedit at a terminal, else from stdin. Returns NULL at the end of
 * input; sets *cancelled when Ctrl-C interrupted the line. */
static char *read_line(Session *S, const char *prompt, int *cancelled) {
    *cancelled = 0;
    if (S->tty) {
        interrupted = 0;
        char *l = readline(prompt);
        if (interrupted) {
            *cancelled = 1;
            free(l);
            return strdup("");
        }
        return l;
    }
    char *l = NULL;
    size_t cap = 0;
    ssize_t n = getline(&l, &cap, stdin);
    if (n < 0) {
        free(l);
        return NULL;
    }
    rtrim(l);
    return l;
}

static int blank(const char *s) {
    s = skip_space((char *)s);
    return !*s || (s[0] == '/' && s[1] == '/');
}

static void repl_loop(Session *S) {
    char *hist = NULL;
    if (S->tty) {
        rl_readline_name = "pine";
        static char breaks[] = " \t\n\"'`@$><=;|&{(,[)]+-*/%?!:";
        rl_basic_word_break_characters = breaks;
        rl_completer_word_break_characters = breaks;
        rl_attempted_completion_function = attempt_completion;
        collect_words();
        completion_session = S;
        hist = history_path();
        stifle_history(1000);
        if (hist) read_history(hist);
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_sigint;
        sigaction(SIGINT, &sa, NULL);
        printf("pine repl: %s; :help for commands, Ctrl-D to quit\n",
               S->have_bars ? "bars loaded" : "no bars loaded (:data FILE.csv)");
    }
    Buf entry = {0};
    int nlines = 0;
    long line_no = 0;
    for (;;) {
        int cancelled;
        char *line = read_line(S, nlines ? PROMPT_MORE : PROMPT, &cancelled);
        if (!line) {
            if (nlines && !blank(entry.s)) {
                S->line_no = line_no - nlines + 1;
                eval_entry(S, entry.s);
            }
            if (S->tty) putchar('\n');
            break;
        }
        line_no++;
        if (cancelled) {
            if (S->tty) putchar('\n');
            buf_clear(&entry);
            nlines = 0;
            free(line);
            continue;
        }
        if (S->tty && *line) {
            add_history(line);
            if (hist) write_history(hist);
        }
        if (nlines == 0) {
            char *t = skip_space(line);
            if (t[0] == ':') {
                int quit = command(S, t);
                free(line);
                if (quit) break;
                continue;
            }
            if (blank(line)) {
                free(line);
                continue;
            }
        }
        if (nlines > 0 && !*skip_space(line)) {
            free(line);
            S->line_no = line_no - nlines;
            eval_entry(S, entry.s);
            buf_clear(&entry);
            nlines = 0;
            continue;
        }
        buf_puts(&entry, line);
        buf_puts(&entry, "\n");
        nlines++;
        free(line);
        if (!incomplete(S, entry.s, nlines)) {
            S->line_no = line_no - nlines + 1;
            eval_entry(S, entry.s);
            buf_clear(&entry);
            nlines = 0;
        }
    }
    free(entry.s);
    free(hist);
}

/* }====== */

int cmd_repl(int argc, char **argv) {
    CliOptions o;
    int rc;
    if (cli_start(argc, argv, usage_repl, &o, &rc)) return rc;
    Session S;
    memset(&S, 0, sizeof S);
    S.o = &o;
    S.tail = 5;
    S.tty = isatty(0) && isatty(1);
    const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
    S.color = S.tty && isatty(2) && !(nc && *nc) && !(term && !strcmp(term, "dumb"));
    S.dir = strdup(".");
    for (int i = 0; i < o.ninputs; i++) {
        char arg[1024];
        snprintf(arg, sizeof arg, "%s=%s", o.input_names[i], o.input_values[i]);
        cmd_input_set(&S, arg);
    }
    if (o.timezone && !(S.zone = tz_get(o.timezone))) {
        fprintf(stderr, "pine: unknown time zone \"%s\"\n", o.timezone);
        rc = 2;
    }
    session_reset(&S, NULL);
    if (!rc && o.data && load_data(&S, o.data) != 0) rc = 2;
    if (!rc && o.script && load_script(&S, o.script) != 0) rc = 2;
    if (!rc) repl_loop(&S);
    for (int i = 0; i < S.nin; i++) {
        free((char *)S.in_names[i]);
        free((char *)S.in_values[i]);
    }
    free(S.in_names);
    free(S.in_values);
    for (int i = 0; i < S.nvars; i++)
        free(S.vars[i]);
    free(S.vars);
    for (int i = 0; i < words.n; i++)
        free(words.v[i]);
    free(words.v);
    free(S.header);
    free(S.body.s);
    free(S.last_expr);
    free(S.dir);
    if (S.have_bars) bars_free(&S.bars);
    cli_free(&o);
    return rc;
}
