/* The hand-written reference for benchmark script 1: what a C programmer would write to do the
 * same work without pine. Reads the bars CSV (fgets + strtod), computes sma(close, 10),
 * sma(close, 30), ema(close, 20) seeded by its sma, Wilder's rsi(close, 14) and the sma
 * crossover with plain loops, and writes the same columns with printf("%.17g").
 * Usage: ref_script1 BARS.csv OUT.csv [--phases]
 * --phases prints the time of each phase on stdout: load_s, compute_s (no output), write_s. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct Series {
    size_t n, cap;
    long long *time;
    double *open, *high, *low, *close, *volume;
} Series;

__attribute__((noinline)) static int load(const char *path, Series *s)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[512];
    if (!fgets(line, sizeof line, f)) { /* header */
        fclose(f);
        return -1;
    }
    memset(s, 0, sizeof *s);
    while (fgets(line, sizeof line, f)) {
        if (s->n == s->cap) {
            s->cap = s->cap ? s->cap * 2 : 1024;
            s->time = realloc(s->time, s->cap * sizeof *s->time);
            s->open = realloc(s->open, s->cap * sizeof(double));
            s->high = realloc(s->high, s->cap * sizeof(double));
            s->low = realloc(s->low, s->cap * sizeof(double));
            s->close = realloc(s->close, s->cap * sizeof(double));
            s->volume = realloc(s->volume, s->cap * sizeof(double));
        }
        char *p = line;
        s->time[s->n] = strtoll(p, &p, 10);
        s->open[s->n] = strtod(p + 1, &p);
        s->high[s->n] = strtod(p + 1, &p);
        s->low[s->n] = strtod(p + 1, &p);
        s->close[s->n] = strtod(p + 1, &p);
        s->volume[s->n] = strtod(p + 1, &p);
        s->n++;
    }
    fclose(f);
    return 0;
}

/* Prints [v] with %.17g, or NaN. */
static void put(FILE *f, double v)
{
    if (isnan(v))
        fputs(",NaN", f);
    else
        fprintf(f, ",%.17g", v);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4 || (argc == 4 && strcmp(argv[3], "--phases"))) {
        fprintf(stderr, "usage: ref_script1 BARS.csv OUT.csv [--phases]\n");
        return 2;
    }
    Series s;
    double t0 = now();
    if (load(argv[1], &s) != 0) {
        fprintf(stderr, "ref_script1: cannot read %s\n", argv[1]);
        return 2;
    }
    double t1 = now();
    double *col[5];
    for (int k = 0; k < 5; k++)
        col[k] = malloc(s.n * sizeof(double));

    double sum10 = 0, sum30 = 0, ema = NAN, up = 0, down = 0, prev_fast = NAN, prev_slow = NAN;
    const double alpha = 2.0 / 21.0;
    for (size_t i = 0; i < s.n; i++) {
        double c = s.close[i];
        sum10 += c;
        sum30 += c;
        if (i >= 10)
            sum10 -= s.close[i - 10];
        if (i >= 30)
            sum30 -= s.close[i - 30];
        double fast = i >= 9 ? sum10 / 10 : NAN;
        double slow = i >= 29 ? sum30 / 30 : NAN;

        if (i == 19) {
            double t = 0;
            for (size_t k = 0; k < 20; k++)
                t += s.close[k];
            ema = t / 20;
        } else if (i > 19) {
            ema += alpha * (c - ema);
        }

        double rsi = NAN;
        if (i >= 1) {
            double g = fmax(c - s.close[i - 1], 0), l = fmax(s.close[i - 1] - c, 0);
            if (i <= 14) {
                up += g;
                down += l;
                if (i == 14) {
                    up /= 14;
                    down /= 14;
                }
            } else {
                up = (up * 13 + g) / 14;
                down = (down * 13 + l) / 14;
            }
            if (i >= 14)
                rsi = down == 0 ? 100 : up == 0 ? 0 : 100 - 100 / (1 + up / down);
        }
        int cross = fast > slow && prev_fast <= prev_slow;
        prev_fast = fast;
        prev_slow = slow;
        col[0][i] = fast;
        col[1][i] = slow;
        col[2][i] = ema;
        col[3][i] = rsi;
        col[4][i] = cross;
    }

    double t2 = now();
    FILE *out = fopen(argv[2], "w");
    if (!out)
        return 2;
    fputs("time,open,high,low,close,fast,slow,ema,rsi,cross,Volume\n", out);
    for (size_t i = 0; i < s.n; i++) {
        fprintf(out, "%lld", s.time[i]);
        put(out, s.open[i]);
        put(out, s.high[i]);
        put(out, s.low[i]);
        put(out, s.close[i]);
        for (int k = 0; k < 4; k++)
            put(out, col[k][i]);
        fprintf(out, ",%d", (int)col[4][i]);
        put(out, s.volume[i]);
        fputc('\n', out);
    }
    int rc = fclose(out) ? 1 : 0;
    double t3 = now();
    if (argc == 4)
        printf("load_s=%.6f compute_s=%.6f write_s=%.6f\n", t1 - t0, t2 - t1, t3 - t2);
    return rc;
}
