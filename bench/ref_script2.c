/* The direct C loop of benchmark script 2, the 10/30 SMA crossover strategy: long one contract
 * at the next bar's open after fast crosses over slow, flat at the next bar's open after it
 * crosses under (TradingView's default fill of market orders placed on a bar's close). The
 * averages are compared in exact integer cents (3 * sum10 > sum30), so no floating-point
 * rounding decides a crossing.
 *   ref_script2 BARS.csv                 prints the trades and times the loop
 *   ref_script2 BARS.csv TRADES.csv      also compares them with pine's "List of trades"
 *                                        export; exits 1 at the first difference
 *   ref_script2 BARS.csv --list          prints the trades, one a line (UNIX seconds) */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

typedef struct Trade {
    long long entry_time, exit_time; /* UNIX seconds; exit_time -1 while open */
    double entry_price, exit_price;
} Trade;

typedef struct Bars {
    size_t n, cap;
    long long *time;
    long long *open, *close; /* cents */
} Bars;

static long long cents(const char *s, char **end)
{
    long long whole = strtoll(s, end, 10);
    long long c = whole * 100;
    if (**end == '.') {
        const char *p = *end + 1;
        int k = 0;
        while (isdigit((unsigned char)*p)) {
            if (k < 2)
                c += (k == 0 ? 10 : 1) * (*p - '0');
            k++;
            p++;
        }
        *end = (char *)p;
    }
    return c;
}

static int load(const char *path, Bars *b)
{
    FILE *f = fopen(path, "r");
    char line[512];
    if (!f || !fgets(line, sizeof line, f))
        return -1;
    memset(b, 0, sizeof *b);
    while (fgets(line, sizeof line, f)) {
        if (b->n == b->cap) {
            b->cap = b->cap ? b->cap * 2 : 1024;
            b->time = realloc(b->time, b->cap * sizeof *b->time);
            b->open = realloc(b->open, b->cap * sizeof *b->open);
            b->close = realloc(b->close, b->cap * sizeof *b->close);
        }
        char *p = line;
        b->time[b->n] = strtoll(p, &p, 10);
        b->open[b->n] = cents(p + 1, &p);
        cents(p + 1, &p); /* high */
        cents(p + 1, &p); /* low */
        b->close[b->n] = cents(p + 1, &p);
        b->n++;
    }
    fclose(f);
    return 0;
}

/* Runs the rule over [b]; returns the number of trades written to [t] (room for b->n / 2 + 1). */
static size_t run(const Bars *b, Trade *t)
{
    long long s10 = 0, s30 = 0;
    int prev_above = -1; /* -1 na, 0 fast <= slow, 1 fast > slow */
    int pending = 0;     /* +1 entry, -1 exit, filled at the next open */
    int longpos = 0;
    size_t nt = 0;
    for (size_t i = 0; i < b->n; i++) {
        if (pending > 0 && !longpos) {
            t[nt] = (Trade){b->time[i], -1, (double)b->open[i] / 100, NAN};
            longpos = 1;
        } else if (pending < 0 && longpos) {
            t[nt].exit_time = b->time[i];
            t[nt].exit_price = (double)b->open[i] / 100;
            nt++;
            longpos = 0;
        }
        pending = 0;
        s10 += b->close[i] - (i >= 10 ? b->close[i - 10] : 0);
        s30 += b->close[i] - (i >= 30 ? b->close[i - 30] : 0);
        int above = i >= 29 ? 3 * s10 > s30 : -1;
        if (prev_above == 0 && above == 1 && !longpos)
            pending = 1;
        if (prev_above == 1 && above == 0 && longpos)
            pending = -1;
        prev_above = above;
    }
    return nt + (size_t)longpos; /* an open trade is listed last */
}

/* ====== pine's trades export */

/* Splits [line] into at most [max] fields (double quotes honoured); returns the count. */
static int split(char *line, char **f, int max)
{
    int n = 0;
    char *p = line;
    while (n < max) {
        if (*p == '"') {
            f[n++] = ++p;
            char *w = p;
            while (*p && !(*p == '"' && p[1] != '"')) {
                if (*p == '"')
                    p++;
                *w++ = *p++;
            }
            if (*p == '"')
                p++;
            *w = 0;
            if (*p == ',')
                p++;
            else
                break;
            continue;
        }
        f[n++] = p;
        while (*p && *p != ',' && *p != '\n' && *p != '\r')
            p++;
        if (*p != ',') {
            *p = 0;
            break;
        }
        *p++ = 0;
    }
    return n;
}

/* Parses 2023-01-01T00:05:00-0500, ...+05:00, ...Z, or without an offset (UTC), with a 'T' or a
 * space; returns UNIX seconds or -1. */
static long long parse_time(const char *s)
{
    struct tm tm = {0};
    int sec = 0, used = 0;
    if (sscanf(s, "%d-%d-%d%*1[T ]%d:%d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
               &tm.tm_min, &used) < 5)
        return -1;
    s += used;
    if (*s == ':') {
        sec = atoi(s + 1);
        s += 3;
    }
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    long long t = (long long)timegm(&tm) + sec;
    if (*s == '+' || *s == '-') {
        int sign = *s == '-' ? -1 : 1, hh = 0, mm = 0;
        if (sscanf(s + 1, "%2d:%2d", &hh, &mm) < 2)
            sscanf(s + 1, "%2d%2d", &hh, &mm);
        t -= sign * (hh * 3600LL + mm * 60);
    }
    return t;
}

static int col_of(char **h, int n, const char *prefix)
{
    for (int k = 0; k < n; k++)
        if (!strncmp(h[k], prefix, strlen(prefix)))
            return k;
    return -1;
}

/* Compares [ref] with the trades in [path]; prints the verdict; returns 0 when identical. */
static int compare(const char *path, const Trade *ref, size_t nref)
{
    FILE *f = fopen(path, "r");
    char line[4096], *h[32], *v[32];
    if (!f || !fgets(line, sizeof line, f)) {
        printf("trades: cannot read %s\n", path);
        return 2;
    }
    char hdr[4096];
    strcpy(hdr, line[0] == '\xef' ? line + 3 : line); /* BOM */
    int nh = split(hdr, h, 32);
    int cn = col_of(h, nh, "Trade #"), ct = col_of(h, nh, "Type"), cd = col_of(h, nh, "Date"),
        cs = col_of(h, nh, "Signal"), cp = col_of(h, nh, "Price");
    if (cn < 0 || ct < 0 || cd < 0 || cp < 0) {
        printf("trades: %s has no Trade #/Type/Date/Price columns\n", path);
        return 2;
    }
    size_t cap = nref + 16, got = 0;
    Trade *t = calloc(cap, sizeof *t);
    int *open = calloc(cap, sizeof *open);
    for (size_t k = 0; k < cap; k++)
        t[k].entry_time = t[k].exit_time = -2;
    while (fgets(line, sizeof line, f)) {
        int n = split(line, v, 32);
        if (n <= cp)
            continue;
        long num = atol(v[cn]);
        if (num < 1 || (size_t)num > cap) {
            printf("trades: more trades in %s than the reference's %zu\n", path, nref);
            return 1;
        }
        Trade *x = &t[num - 1];
        int entry = !strncasecmp(v[ct], "Entry", 5);
        if (entry) {
            x->entry_time = parse_time(v[cd]);
            x->entry_price = strtod(v[cp], NULL);
        } else {
            x->exit_time = parse_time(v[cd]);
            x->exit_price = strtod(v[cp], NULL);
            open[num - 1] = cs >= 0 && cs < n && !strcasecmp(v[cs], "Open");
        }
        if ((size_t)num > got)
            got = (size_t)num;
    }
    fclose(f);
    for (size_t k = 0; k < got || k < nref; k++) {
        const Trade *r = &ref[k], *x = &t[k];
        int ref_open = k < nref && r->exit_time < 0;
        int bad = k >= nref || k >= got || x->entry_time != r->entry_time ||
                  fabs(x->entry_price - r->entry_price) > 1e-9;
        if (!bad && !ref_open)
            bad = open[k] || x->exit_time != r->exit_time ||
                  fabs(x->exit_price - r->exit_price) > 1e-9;
        if (!bad && ref_open)
            bad = !open[k] && x->exit_time != -2;
        if (bad) {
            printf("trades: DIFFER at trade %zu: pine %lld @ %.10g -> %lld @ %.10g; "
                   "direct loop %lld @ %.10g -> %lld @ %.10g (pine %zu trades, loop %zu)\n",
                   k + 1, x->entry_time, x->entry_price, x->exit_time, x->exit_price,
                   k < nref ? r->entry_time : 0, k < nref ? r->entry_price : 0,
                   k < nref ? r->exit_time : 0, k < nref ? r->exit_price : 0, got, nref);
            return 1;
        }
    }
    printf("trades: identical (%zu trades)\n", nref);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: ref_script2 BARS.csv [TRADES.csv]\n");
        return 2;
    }
    Bars b;
    if (load(argv[1], &b) != 0) {
        fprintf(stderr, "ref_script2: cannot read %s\n", argv[1]);
        return 2;
    }
    Trade *t = calloc(b.n / 2 + 2, sizeof *t);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    size_t nt = run(&b, t);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
    double net = 0;
    for (size_t k = 0; k < nt; k++)
        if (t[k].exit_time >= 0)
            net += t[k].exit_price - t[k].entry_price;
    printf("loop: bars=%zu trades=%zu net=%.2f loop_s=%.6f bars_per_s=%.0f\n", b.n, nt, net, s,
           (double)b.n / s);
    if (argc == 3 && !strcmp(argv[2], "--list")) {
        for (size_t k = 0; k < nt; k++)
            printf("%zu,%lld,%.2f,%lld,%.2f\n", k + 1, t[k].entry_time, t[k].entry_price,
                   t[k].exit_time, t[k].exit_price);
        return 0;
    }
    if (argc == 3)
        return compare(argv[2], t, nt);
    return 0;
}
