/* `pine inputs` (a script's inputs as a table) and `pine builtins` (the signatures of the
 * built-in library, or docs/builtins.md with --markdown), both read from the compiled program
 * and the registration tables, never from a hand-kept list. */
#include <ctype.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins/builtins.h"
#include "cli/cli.h"
#include "data/numfmt.h"
#include "compile/sig.h"

/* ====== pine inputs ====== */

static const char *usage_inputs =
    "usage: pine inputs SCRIPT.pine [--input NAME=VALUE]...\n"
    "\n"
    "Compiles SCRIPT and lists its inputs: title, variable, type, default value, minimum,\n"
    "maximum, step and options. With --input overrides, a last column shows the value in\n"
    "effect.\n";

static const char *kind_name(InputKind k) {
    static const char *names[] = {"int",    "float",     "bool", "string",  "color",
                                  "source", "timeframe", "time", "session", "symbol",
                                  "price",  "text_area", "enum"};
    return (unsigned)k < sizeof names / sizeof *names ? names[k] : "?";
}

/* Writes an input's value [v] (or string [s]) as a script would spell it. */
static void input_text(const InputSpec *in, PValue v, const char *s, char *buf, size_t n) {
    switch (in->kind) {
    case IN_INT:
    case IN_FLOAT:
    case IN_PRICE:
        if (isnan(v.f))
            snprintf(buf, n, "na");
        else
            fmt_double(buf, v.f);
        break;
    case IN_TIME:
        if (isnan(v.f))
            snprintf(buf, n, "na");
        else
            fmt_time_iso(buf, (int64_t)v.f, 0);
        break;
    case IN_BOOL: snprintf(buf, n, "%s", isnan(v.f) ? "na" : v.f != 0 ? "true" : "false"); break;
    case IN_COLOR: {
        if (isnan(v.f)) {
            snprintf(buf, n, "na");
            break;
        }
        unsigned long c = (unsigned long)v.f;
        if ((c & 0xFF) == 0xFF)
            snprintf(buf, n, "#%06lX", c >> 8);
        else
            snprintf(buf, n, "#%08lX", c);
        break;
    }
    default: snprintf(buf, n, "%s", s ? s : "na"); break;
    }
}

static void num_or_dash(double v, char *buf) {
    if (isnan(v))
        strcpy(buf, "-");
    else
        fmt_double(buf, v);
}

enum { NCOL = 9 };

int cmd_inputs(int argc, char **argv) {
    CliOptions o;
    int rc;
    if (cli_start(argc, argv, usage_inputs, &o, &rc)) return rc;
    if (!o.script) {
        cli_free(&o);
        return cli_usage_error(usage_inputs, "%s", "missing SCRIPT.pine");
    }
    Program *p = cli_compile(&o, &rc);
    if (!p) {
        cli_free(&o);
        return rc;
    }
    if (p->ninputs == 0) {
        printf("%s has no inputs\n", o.script);
        program_free(p);
        cli_free(&o);
        return 0;
    }
    int ncol = o.ninputs ? NCOL : NCOL - 1;
    static const char *head[NCOL] = {"title", "variable", "type",    "default", "min",
                                     "max",   "step",     "options", "value"};
    int nrows = p->ninputs + 1;
    char **grid = calloc((size_t)nrows * NCOL, sizeof *grid);
    for (int c = 0; c < NCOL; c++)
        grid[c] = strdup(head[c]);
    for (int i = 0; i < p->ninputs; i++) {
        const InputSpec *in = &p->inputs[i];
        char **row = grid + (size_t)(i + 1) * NCOL;
        char buf[256];
        row[0] = strdup(in->title ? in->title : "-");
        row[1] = strdup(in->var ? in->var : "-");
        row[2] = strdup(kind_name(in->kind));
        input_text(in, in->defval, in->sdefval, buf, sizeof buf);
        row[3] = strdup(buf);
        num_or_dash(in->minval, buf);
        row[4] = strdup(buf);
        num_or_dash(in->maxval, buf);
        row[5] = strdup(buf);
        num_or_dash(in->step, buf);
        row[6] = strdup(buf);
        size_t len = 1;
        for (int k = 0; k < in->noptions; k++)
            len += strlen(in->options[k]) + 34;
        char *opts = malloc(len + 2);
        opts[0] = 0;
        for (int k = 0; k < in->noptions; k++) {
            const char *t = in->options[k];
            char num[40];
            double d;
            /* numeric options are stored as %.17g text; show them in their shortest form */
            if (in->kind != IN_STRING && parse_double(t, strlen(t), &d) == 0) {
                fmt_double(num, d);
                t = num;
            }
            if (k) strcat(opts, ", ");
            strcat(opts, t);
        }
        row[7] = in->noptions ? opts : (free(opts), strdup("-"));
        input_text(in, in->value, in->svalue, buf, sizeof buf);
        row[8] = strdup(buf);
    }
    int width[NCOL] = {0};
    for (int r = 0; r < nrows; r++)
        for (int c = 0; c < ncol; c++) {
            int w = (int)strlen(grid[(size_t)r * NCOL + c]);
            if (w > width[c]) width[c] = w;
        }
    for (int r = 0; r < nrows; r++) {
        for (int c = 0; c < ncol; c++) {
            const char *t = grid[(size_t)r * NCOL + c];
            if (c == ncol - 1)
                printf("%s\n", t);
            else
                printf("%-*s  ", width[c], t);
        }
    }
    for (int k = 0; k < nrows * NCOL; k++)
        free(grid[k]);
    free(grid);
    program_free(p);
    cli_free(&o);
    return 0;
}

/* ====== pine builtins ====== */

static const char *usage_builtins =
    "usage: pine builtins [NAME | PREFIX | PREFIX*] [--markdown]\n"
    "\n"
    "Lists the signatures of the built-in functions, variables and constants: all of them,\n"
    "the overloads of NAME (`pine builtins ta.sma`), or every name starting with PREFIX\n"
    "(`pine builtins ta`, `pine builtins str.`, `pine builtins plot*`). --markdown writes the\n"
    "reference docs/builtins.md (`make docs`).\n";

/* The name a signature declares: "ta.sma" of "ta.sma(series float source, ...)". */
static size_t sig_name_len(const char *sig) {
    size_t n = 0;
    while (sig[n] && sig[n] != '(' && sig[n] != '<' && sig[n] != ' ')
        n++;
    return n;
}

/* How [name] (or its namespace) was checked against TradingView, besides the tests that call
 * it (found by test_files below). The longest matching key wins; a key ending in '.' is a
 * prefix, any other key names one built-in. */
static const struct Checked {
    const char *key, *note;
} checked[] = {
    {"ta.sma", "fixture ma.csv"},
    {"ta.ema", "fixture ma.csv, macd.csv"},
    {"ta.rma", "fixture ma.csv, tr.csv (atr)"},
    {"ta.wma", "fixture ma.csv"},
    {"ta.hma", "fixture ma.csv"},
    {"ta.alma", "fixture ma.csv"},
    {"ta.swma", "fixture ma.csv"},
    {"ta.vwma", "fixture ma.csv"},
    {"ta.macd", "fixture macd.csv"},
    {"ta.rsi", "fixture mfi+rsi+stoch.csv"},
    {"ta.mfi", "fixture mfi+rsi+stoch.csv"},
    {"ta.stoch", "fixture mfi+rsi+stoch.csv"},
    {"ta.tr", "fixture tr.csv"},
    {"ta.atr", "fixture tr.csv"},
    {"ta.bb", "fixture bb.csv"},
    {"ta.bbw", "fixture bb.csv"},
    {"ta.highest", "fixture highest+lowest.csv"},
    {"ta.lowest", "fixture highest+lowest.csv"},
    {"ta.highestbars", "fixture highest+lowest.csv"},
    {"ta.lowestbars", "fixture highest+lowest.csv"},
    {"ta.stdev", "indirectly: fixture bb.csv (ta.bb uses the same stdev)"},
    {"ta.variance", "indirectly: fixture bb.csv (ta.bb's stdev is its square root)"},
    {"plot", "fixtures (every conformance column is a plot)"},
    {"plotshape",
     "export layout decided from the Data Window (notes above), not yet compared with an export"},
    {"plotchar",
     "export layout decided from the Data Window (notes above), not yet compared with an export"},
    {"plotarrow", "not yet compared with an export"},
    {"plotcandle", "column names not verified against an export"},
    {"plotbar", "column names not verified against an export"},
    {"label.", "reference parameter lists"},
    {"line.", "reference parameter lists"},
    {"box.", "reference parameter lists"},
    {"table.", "reference parameter lists"},
    {"linefill.", "reference parameter lists"},
    {"polyline.", "reference parameter lists"},
    {"io.", "our extension (TradingView has no file access)"},
    {"strategy.risk.max_cons_loss_days", "not simulated: a compile error"},
    {"strategy.risk.max_intraday_filled_orders", "not simulated: a compile error"},
    {"strategy.export_markers",
     "tests/strategy/export_markers.test.sh compares it with `pine backtest --markers`"},
    {0, 0},
};

static const char *checked_note(const char *name, size_t n) {
    const char *best = NULL;
    size_t bestlen = 0;
    for (const struct Checked *c = checked; c->key; c++) {
        size_t k = strlen(c->key);
        int hit = c->key[k - 1] == '.' ? k <= n && !strncmp(name, c->key, k)
                                       : k == n && !strncmp(name, c->key, n);
        if (hit && k > bestlen) best = c->note, bestlen = k;
    }
    return best;
}

/* ====== which tests call a built-in ====== */

/* The code (comment lines dropped) of every tests/lang, tests/builtins, tests/strategy and
 * tests/strategy_vars and tests/io script, read once
 * when `pine builtins --markdown` runs from the repository's root. */
typedef struct TestFile {
    char *path, *code;
} TestFile;

static TestFile *tests;
static int ntests;

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void read_tests(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    char **names = NULL;
    int n = 0;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len > 5 && !strcmp(e->d_name + len - 5, ".pine")) {
            names = realloc(names, sizeof *names * (size_t)(n + 1));
            names[n++] = strdup(e->d_name);
        }
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, cmp_str);
    for (int i = 0; i < n; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        free(names[i]);
        FILE *f = fopen(path, "r");
        if (!f) continue;
        size_t cap = 4096, len = 0;
        char *code = malloc(cap), line[4096];
        code[0] = 0;
        while (fgets(line, sizeof line, f)) {
            const char *p = line;
            while (*p == ' ')
                p++;
            if (p[0] == '/' && p[1] == '/') continue;
            size_t k = strlen(line);
            if (len + k + 1 > cap) code = realloc(code, cap = 2 * (len + k + 1));
            memcpy(code + len, line, k + 1);
            len += k;
        }
        fclose(f);
        tests = realloc(tests, sizeof *tests * (size_t)(ntests + 1));
        tests[ntests].path = strdup(path);
        tests[ntests].code = code;
        ntests++;
    }
    free(names);
}

static int is_ident(char ch) {
    return isalnum((unsigned char)ch) || ch == '_' || ch == '.';
}

/* Writes the tests whose code uses [name], at most four; returns how many. A function name
 * without a dot counts only when called, as in `hour(`; variables ([var]) count as words. */
static int test_files(const char *name, int var) {
    int found = 0;
    size_t n = strlen(name);
    int dotted = var || strchr(name, '.') != NULL;
    for (int i = 0; i < ntests && found < 4; i++) {
        const char *code = tests[i].code;
        for (const char *p = strstr(code, name); p; p = strstr(p + 1, name)) {
            char before = p == code ? ' ' : p[-1];
            char after = p[n];
            if (is_ident(before) || is_ident(after) || (!dotted && after != '(')) continue;
            printf("%s%s", found ? ", " : "", tests[i].path);
            found++;
            break;
        }
    }
    return found;
}

/* Whether [name] (n bytes) is selected by [pat]: equal, or starting with it when [prefix]. */
static int selected(const char *name, size_t n, const char *pat, int prefix) {
    size_t k = strlen(pat);
    if (prefix) return k <= n && !strncmp(name, pat, k);
    return k == n && !strncmp(name, pat, n);
}

static void const_value(const ConstDef *c, char *buf, size_t n) {
    Type t = sig_const_type(c);
    if (c->svalue)
        snprintf(buf, n, "\"%s\"", c->svalue);
    else if (t == T_FLOAT)
        fmt_double(buf, c->value.f);
    else if (t == T_COLOR) {
        unsigned long v = (unsigned long)c->value.i;
        if ((v & 0xFF) == 0xFF)
            snprintf(buf, n, "#%06lX", v >> 8);
        else
            snprintf(buf, n, "#%08lX", v);
    } else if (t == T_BOOL)
        snprintf(buf, n, "%s", c->value.i ? "true" : "false");
    else
        snprintf(buf, n, "%lld", (long long)c->value.i);
}

/* Prints the signatures (and constants) selected by [pat]; returns how many. */
static int list_plain(const char *pat, int prefix) {
    int count = 0;
    for (const BuiltinTable *t = builtin_tables; t->library; t++) {
        for (const BuiltinDef *d = t->defs; d && d->sig; d++) {
            if (pat && !selected(d->sig, sig_name_len(d->sig), pat, prefix)) continue;
            printf("%s%s\n", d->sig, d->flags & BF_IGNORED ? "   (accepted, ignored)" : "");
            count++;
        }
        for (const ConstDef *c = t->consts; c && c->name; c++) {
            if (pat && !selected(c->name, strlen(c->name), pat, prefix)) continue;
            char buf[64];
            const_value(c, buf, sizeof buf);
            printf("%s: %s = %s\n", c->name, c->type, buf);
            count++;
        }
    }
    return count;
}

/* ====== docs/builtins.md ====== */

static const char *md_intro =
    "# Built-in reference\n"
    "\n"
    "Generated by `pine builtins --markdown` (`make docs`) from the registration tables in\n"
    "`src/builtins/*.c`; do not edit by hand. Each row is one signature (overloads are separate\n"
    "rows), in the signature language of `src/builtins/builtins.h`: qualifiers `const < input < "
    "simple <\n"
    "series`, `T` a generic type. \"Checked by\" says how the built-in was compared with\n"
    "TradingView: a **fixture** is one of TradingView's own exports in\n"
    "`../shared/fixtures/tradingview/indicators` (`make conformance`); the test files listed\n"
    "(found by scanning `tests/lang`, `tests/builtins`, `tests/strategy`, `tests/strategy_vars`\n"
    "and `tests/io` for calls) hold values computed by hand or by the independent Python\n"
    "in `tests/builtins/gen.py`, never pine's own output. The\n"
    "definitions each `ta.*`/`math.*` function follows are in `docs/builtins-ta-notes.md`;\n"
    "`str`, `array`, `color` and time in `docs/builtins-notes-str-array-color-time.md`.\n"
    "\n"
    "## Notes on the output functions\n"
    "\n"
    "What TradingView's \"Export chart data\" writes for each output call, as implemented here:\n"
    "\n"
    "- **plotshape / plotchar** of a `series bool`: one column, 1 on true bars and 0 on false\n"
    "  bars (na stays NaN). Source: the Data Window shows such a plot as 1/0 (PineCoders FAQ,\n"
    "  \"Debugging with plotchar()\": `plotchar(timeframe.period == \"1\", ...)` \"will be true "
    "(1)\n"
    "  ... Otherwise it will show false (0)\"), and the export writes the Data Window's values.\n"
    "  Of a numeric series: the value itself (the same FAQ plots `bar_index` with plotchar and\n"
    "  reads 11215), although only non-zero, non-na bars draw a shape (reference manual:\n"
    "  \"A 0 or na is considered a false value\"). Not yet compared with an actual export.\n"
    "- **plotarrow**: one column with the series value (positive draws an up arrow, negative a\n"
    "  down arrow, 0/na nothing; reference manual). Not yet compared with an export.\n"
    "- **plotcandle / plotbar**: four columns, `TITLE open`, `TITLE high`, `TITLE low`,\n"
    "  `TITLE close`, with the four arguments as given (the reference says no candle is drawn\n"
    "  when one of them is na; the values are still exported). The column names are our\n"
    "  decision, **not verified** against a TradingView export.\n"
    "- **Untitled outputs** are named like untitled plots (\"Plot\", \"Plot 2\"): \"Shapes\",\n"
    "  \"Chars\", \"Arrows\", \"Candles\", \"Bars\", the names TradingView's settings dialog shows "
    "for\n"
    "  them; a second untitled call of the same kind gets \" 2\" and so on. Not verified.\n"
    "- **offset** shifts the exported values like plot's; `display`, colors, `location`, `size`,\n"
    "  `text` and the other styling parameters are accepted (with the reference's types and\n"
    "  defaults) and do not change the export.\n"
    "- **Drawings** (`label.*`, `line.*`, `box.*`, `table.*`, `linefill.*`, `polyline.*`) are\n"
    "  accepted with the reference's parameter lists and ignored with one compile-time note;\n"
    "  constructors and getters return na of their type, `*.all` an empty array. `polyline.new`\n"
    "  and the `chart.point` forms are missing (no `chart.point` type yet).\n"
    "\n";

static void md_escape(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '|')
            fputs("\\|", stdout);
        else
            putchar(s[i]);
    }
}

static void list_markdown(void) {
    read_tests("tests/lang");
    read_tests("tests/builtins");
    read_tests("tests/strategy");
    read_tests("tests/strategy_vars");
    read_tests("tests/io");
    fputs(md_intro, stdout);
    for (const BuiltinTable *t = builtin_tables; t->library; t++) {
        printf("## %s\n\n| name | signature | checked by |\n|---|---|---|\n", t->library);
        for (const BuiltinDef *d = t->defs; d && d->sig; d++) {
            size_t n = sig_name_len(d->sig);
            fputs("| `", stdout);
            md_escape(d->sig, n);
            fputs("` | `", stdout);
            md_escape(d->sig, strlen(d->sig));
            fputs("` | ", stdout);
            if (d->flags & BF_IGNORED) fputs("accepted, ignored; ", stdout);
            const char *note = checked_note(d->sig, n);
            if (note) fputs(note, stdout);
            char name[128];
            snprintf(name, sizeof name, "%.*s", (int)(n < 127 ? n : 127), d->sig);
            if (note) fputs("; ", stdout);
            if (!test_files(name, (d->flags & BF_VAR) != 0)) {
                if (note)
                    fputs("no test calls it", stdout);
                else
                    fputs("**not yet checked**", stdout);
            }
            fputs(" |\n", stdout);
        }
        if (t->consts && t->consts->name) {
            printf("\n| constant | type | value |\n|---|---|---|\n");
            for (const ConstDef *c = t->consts; c->name; c++) {
                char buf[64];
                const_value(c, buf, sizeof buf);
                printf("| `%s` | %s | `%s` |\n", c->name, c->type, buf);
            }
        }
        putchar('\n');
    }
    for (int i = 0; i < ntests; i++)
        free(tests[i].path), free(tests[i].code);
    free(tests);
    tests = NULL;
    ntests = 0;
}

int cmd_builtins(int argc, char **argv) {
    const char *pat = NULL;
    int markdown = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(usage_builtins, stdout);
            return 0;
        } else if (!strcmp(argv[i], "--markdown")) {
            markdown = 1;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_usage_error(usage_builtins, "unknown option %s", argv[i]);
        } else if (!pat) {
            pat = argv[i];
        } else {
            return cli_usage_error(usage_builtins, "unexpected argument %s", argv[i]);
        }
    }
    sig_init();
    if (markdown) {
        if (pat) return cli_usage_error(usage_builtins, "%s", "--markdown lists everything");
        list_markdown();
        return 0;
    }
    if (!pat) {
        list_plain(NULL, 0);
        return 0;
    }
    size_t k = strlen(pat);
    char *p = strdup(pat);
    int prefix = 0;
    if (k && p[k - 1] == '*') p[k - 1] = 0, prefix = 1;
    int count = prefix ? list_plain(p, 1) : list_plain(p, 0);
    if (!count && !prefix) {
        /* not a name: every name in that namespace or starting with it */
        count = list_plain(p, 1);
    }
    free(p);
    if (!count) {
        fprintf(stderr, "pine: no built-in matches \"%s\"\n", pat);
        return 2;
    }
    return 0;
}
