/* One session per thread: the same script compiled and run from scratch in 8 threads at once
 * gives, plot for plot and bar for bar, what one thread alone gives. The threads start before
 * anything else has touched the library, so they also race on its one-time set-up (the built-in
 * signatures, the time zones); `make tsan` runs this under ThreadSanitizer. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pine.h"

#include "check.h"

enum { NTHREADS = 8, NBARS = 1500 };

/* ta.*, strings, arrays of strings and several time zones, the ones loaded on first use. */
static const char *script =
    "//@version=5\n"
    "indicator(\"threads\")\n"
    "plot(ta.sma(close, 14), \"sma\")\n"
    "plot(ta.rsi(close, 14), \"rsi\")\n"
    "plot(ta.stdev(close, 20), \"stdev\")\n"
    "[m, s, h] = ta.macd(close, 12, 26, 9)\n"
    "plot(h, \"macd\")\n"
    "plot(ta.highest(high, 50) - ta.lowest(low, 50), \"range\")\n"
    "plot(na(time(\"5\", \"0930-1600\", \"America/New_York\")) ? 0 : 1, \"session ny\")\n"
    "plot(hour(time, \"Europe/London\") * 100 + minute(time, \"Asia/Kolkata\"), \"hours\")\n"
    "plot(dayofweek(time, \"Australia/Sydney\"), \"dow sydney\")\n"
    "plot(timestamp(\"Asia/Tokyo\", year, month, dayofmonth, 9, 0), \"tokyo 9am\")\n"
    "plot(time(\"D\", timezone = \"UTC+5:30\"), \"day start\")\n"
    "f = str.format(\"{0,number,#.##}|{1}|{2,date,yyyy-MM-dd HH:mm}\", close, bar_index, time)\n"
    "plot(str.length(f), \"format\")\n"
    "t = str.format_time(time, \"yyyy-MM-dd HH:mm\", \"America/New_York\")\n"
    "plot(str.tonumber(str.substring(t, 11, 13)), \"ny hour\")\n"
    "words = array.new_string()\n"
    "for i = 0 to 9\n"
    "    array.push(words, str.tostring(math.round(close[i] * 7) % 97))\n"
    "array.sort(words)\n"
    "plot(str.tonumber(array.get(words, 0)), \"first word\")\n"
    "plot(array.indexof(words, str.tostring(math.round(close * 7) % 97)), \"word at\")\n"
    "nums = array.new_float()\n"
    "for i = 0 to 9\n"
    "    array.push(nums, volume[i])\n"
    "array.sort(nums, order.descending)\n"
    "plot(array.get(nums, 3), \"fourth volume\")\n";

/* Five-minute bars from 2024-03-08 14:30 UTC, across New York's spring-forward on 03-10, with
 * prices from a fixed linear congruential generator; written to a temporary CSV file. */
static int write_bars(char *path) {
    int fd = mkstemp(path);
    if (fd < 0) return -1;
    FILE *f = fdopen(fd, "w");
    if (!f) return -1;
    fprintf(f, "time,open,high,low,close,volume\n");
    unsigned long long r = 12345;
    double price = 100;
    for (int i = 0; i < NBARS; i++) {
        r = r * 6364136223846793005ULL + 1442695040888963407ULL;
        double step = (double)(r >> 40) / (double)(1ULL << 24) - 0.5;
        double open = price, close = price + step;
        fprintf(f, "%lld,%.4f,%.4f,%.4f,%.4f,%llu\n", 1709908200LL + 300LL * i, open,
                (open > close ? open : close) + 0.25, (open < close ? open : close) - 0.25, close,
                100 + (r >> 54));
        price = close;
    }
    return fclose(f);
}

typedef struct Run {
    const char *bars;
    int rc, nplots;
    double *values[32]; /* NBARS values per plot */
} Run;

/* Compiles the script, loads the bars and runs, all from scratch; keeps a copy of the plots. */
static void *run(void *arg) {
    Run *r = arg;
    pine_script *s = NULL;
    pine_bars *b = NULL;
    pine_result *res = NULL;
    r->rc = pine_compile("threads.pine", script, strlen(script), NULL, 0, &s);
    if (!r->rc) r->rc = pine_bars_load(r->bars, NULL, &b);
    if (!r->rc && pine_bars_count(b) != NBARS) r->rc = -1;
    if (!r->rc) r->rc = pine_run(s, b, 0, "America/New_York", &res);
    if (!r->rc) {
        r->nplots = pine_result_plot_count(res);
        if (r->nplots > 32) r->nplots = 32;
        for (int k = 0; k < r->nplots; k++) {
            r->values[k] = malloc(sizeof(double) * NBARS);
            memcpy(r->values[k], pine_result_plot(res, k), sizeof(double) * NBARS);
        }
    }
    pine_result_free(res);
    pine_bars_free(b);
    pine_script_free(s);
    return NULL;
}

/* The first bar where plot [k] of [a] and [b] differ (NaN equals NaN), or -1. */
static int differs(const Run *a, const Run *b, int k) {
    for (int i = 0; i < NBARS; i++) {
        double x = a->values[k][i], y = b->values[k][i];
        if (!(x == y || (isnan(x) && isnan(y)))) return i;
    }
    return -1;
}

int main(void) {
    char path[] = "/tmp/pine_threads_XXXXXX";
    if (write_bars(path) != 0) {
        check(0, "write bars", "%s", path);
        return 1;
    }
    Run runs[NTHREADS] = {{0}}, alone = {path};
    pthread_t tid[NTHREADS];
    int started = 1;
    for (int t = 0; t < NTHREADS; t++) {
        runs[t].bars = path;
        if (pthread_create(&tid[t], NULL, run, &runs[t]) != 0) started = 0;
    }
    check(started, "8 threads started", "pthread_create failed");
    if (!started) return 1;
    for (int t = 0; t < NTHREADS; t++)
        pthread_join(tid[t], NULL);
    run(&alone);
    unlink(path);

    check(alone.rc == PINE_OK && alone.nplots == 15, "single-threaded run", "rc %d, %d plots",
          alone.rc, alone.nplots);
    int sessions = 0;
    for (int i = 0; alone.nplots > 5 && i < NBARS; i++)
        sessions += alone.values[5][i] == 1;
    check(sessions > 0 && sessions < NBARS, "the session plot varies", "%d of %d bars", sessions,
          NBARS);
    for (int t = 0; t < NTHREADS; t++) {
        char name[64];
        snprintf(name, sizeof name, "thread %d matches the single-threaded run", t);
        int bad_plot = -1, bad_bar = -1;
        for (int k = 0; k < alone.nplots && k < runs[t].nplots && bad_plot < 0; k++)
            if ((bad_bar = differs(&runs[t], &alone, k)) >= 0) bad_plot = k;
        check(runs[t].rc == PINE_OK && runs[t].nplots == alone.nplots && bad_plot < 0, name,
              "rc %d, %d plots, plot %d differs at bar %d", runs[t].rc, runs[t].nplots, bad_plot,
              bad_bar);
    }
    for (int t = 0; t < NTHREADS; t++)
        for (int k = 0; k < runs[t].nplots; k++)
            free(runs[t].values[k]);
    for (int k = 0; k < alone.nplots; k++)
        free(alone.values[k]);
    return failures != 0;
}
