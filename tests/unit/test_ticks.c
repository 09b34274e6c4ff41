/* Unit tests for the broker's tick arithmetic: broker_from_ticks must return, bit for bit, what
 * printing ticks × mintick with mintick's decimals and reading it back with strtod returns (the
 * definition it replaces), over many minticks and tick counts: dense small counts, random
 * large ones, the edges of the exact range, fractions of a tick, signed zeros, NaN and inf. */
#include "broker/broker_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"



static uint64_t rng = 0x2545F4914F6CDD1Dull;
static uint64_t next(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* The definition: the decimals of mintick as the broker counts them, then printf and strtod. */
static double by_text(double mintick, double ticks) {
    int decimals = 0;
    for (double m = mintick; decimals < 12 && fabs(m - round(m)) > 1e-9; m *= 10)
        decimals++;
    char buf[64];
    snprintf(buf, sizeof buf, "%.*f", decimals, ticks * mintick);
    return strtod(buf, NULL);
}

static int same_bits(double a, double b) {
    return memcmp(&a, &b, sizeof a) == 0;
}

/* Compares the two for [ticks] under [g]; counts a mismatch and keeps the first in [first]. */
static void compare(const TickGrid *g, double ticks, long *bad, char *first) {
    double want = by_text(g->mintick, ticks), got = broker_from_ticks(g, ticks);
    if (same_bits(want, got)) return;
    if (!*bad) snprintf(first, 160, "ticks %.17g: want %.17g, got %.17g", ticks, want, got);
    (*bad)++;
}

static const double MINTICKS[] = {
    1,
    0.5,
    0.25,
    0.2,
    0.1,
    0.05,
    0.03125,
    0.025,
    0.01,
    0.005,
    0.0025,
    0.002,
    0.001,
    0.0005,
    0.00025,
    0.0001,
    0.00005,
    1e-5,
    1e-6,
    1e-7,
    1e-8,
    1e-9,
    1e-10,
    1e-11,
    1e-12,
    2,
    5,
    10,
    25,
    100,
    0.3,
    0.07,
    0.00390625,
    1.0 / 3,
    0.1 + 0.2,
    3e-13,
    0.0001220703125,
    0.15,
    0.000001,
};

/* Every mintick above: all counts in [-20000, 20000], random ones up to and past the exact
 * range's 2^50 bound, counts next to that bound, and fractions of a tick. */
static void test_minticks(void) {
    size_t n = sizeof MINTICKS / sizeof MINTICKS[0];
    for (size_t k = 0; k < n; k++) {
        TickGrid g;
        broker_tick_grid(&g, MINTICKS[k]);
        long bad = 0, tried = 0;
        char first[160] = "";
        for (int t = -20000; t <= 20000; t++, tried++)
            compare(&g, t, &bad, first);
        double top = g.m ? 0x1p50 / g.m : 0x1p50;
        for (int i = 0; i < 4000; i++, tried++) {
            double span = ldexp(1, (int)(next() % 60));
            double t = (double)(int64_t)(next() % (uint64_t)(span > top * 4 ? top * 4 : span));
            compare(&g, next() & 1 ? -t : t, &bad, first);
        }
        double edge = floor(top);
        for (int d = -50; d <= 50; d++, tried += 2) {
            compare(&g, edge + d, &bad, first);
            compare(&g, -(edge + d), &bad, first);
        }
        for (int i = 0; i < 4000; i++, tried++) {
            double t = (double)(int64_t)(next() % 2000001) / 1000 - 1000;
            compare(&g, t, &bad, first);
        }
        char name[64];
        snprintf(name, sizeof name, "mintick_%.17g", MINTICKS[k]);
        check(!bad, name, "%ld of %ld differ; first %s", bad, tried, first);
    }
}

/* Random minticks m / 10^d (d up to 12, m up to 10^6), with random counts. */
static void test_random_minticks(void) {
    long bad = 0, tried = 0;
    char first[160] = "";
    static const double P10[13] = {1,   1e1, 1e2, 1e3,  1e4,  1e5, 1e6,
                                   1e7, 1e8, 1e9, 1e10, 1e11, 1e12};
    for (int i = 0; i < 3000; i++) {
        int d = (int)(next() % 13);
        double mt = (double)(1 + next() % 1000000) / P10[d];
        TickGrid g;
        broker_tick_grid(&g, mt);
        for (int j = 0; j < 100; j++, tried++) {
            double t = (double)(int64_t)(next() % ((uint64_t)1 << (next() % 52 + 1)));
            compare(&g, next() & 1 ? -t : t, &bad, first);
        }
    }
    check(!bad, "random_minticks", "%ld of %ld differ; first %s", bad, tried, first);
}

static void test_specials(void) {
    static const double MT[] = {0.01, 1, 0.00001, 1.0 / 3};
    long bad = 0;
    char first[160] = "";
    for (size_t k = 0; k < sizeof MT / sizeof MT[0]; k++) {
        TickGrid g;
        broker_tick_grid(&g, MT[k]);
        const double T[] = {0.0,  -0.0,  NAN,    -NAN,   INFINITY, -INFINITY, 0.5,
                            -0.5, 1e300, -1e300, 5e-324, -5e-324,  0x1p53,    0x1p52 + 1};
        for (size_t i = 0; i < sizeof T / sizeof T[0]; i++)
            compare(&g, T[i], &bad, first);
    }
    check(!bad, "signed_zero_nan_inf_huge", "%ld differ; first %s", bad, first);
}

/* The usual minticks take the exact path; one that is no decimal does not (nor one below
 * 1e-9, which the broker counts as 0 decimals). */
static void test_exact_path(void) {
    static const double MT[] = {0.01, 0.25, 0.00001, 1, 5, 1e-8};
    int ok = 1;
    for (size_t k = 0; k < sizeof MT / sizeof MT[0]; k++) {
        TickGrid g;
        broker_tick_grid(&g, MT[k]);
        ok &= g.m != 0;
    }
    TickGrid third;
    broker_tick_grid(&third, 1.0 / 3);
    check(ok && third.m == 0, "exact_path_taken", "the grid's m is wrong");
}

int main(void) {
    test_minticks();
    test_random_minticks();
    test_specials();
    test_exact_path();
    return failures != 0;
}
