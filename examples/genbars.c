/* Writes COUNT OHLCV bars as CSV (time,open,high,low,close,volume; UNIX seconds) to stdout: a
 * deterministic random walk from a fixed-seed xorshift generator, prices in cents, so every run
 * with the same arguments gives the same file. Bars of an hour or longer start at 100.00 and
 * move by basis points (the demo's and the tests' data); shorter bars start at 20000.00 and
 * move by tenths of a basis point (the benchmarks' one-minute data).
 * Usage: genbars [COUNT [SEED [BAR_SECONDS]]] (defaults 500, 1 and 3600). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define START_TIME 1672531200 /* 2023-01-01T00:00:00Z */

/* The scale of the walk: a step is the sum of four uniform draws in [-half, half], in units
 * of 1/unit of the price; high and low stretch the bar by up to [spread]/unit of it. */
typedef struct Walk {
    int64_t start_cents, half, unit, spread, volume_base, volume_range;
} Walk;

static const Walk HOURLY = {10000, 50, 10000, 40, 1000, 9000};
static const Walk MINUTE = {2000000, 25, 100000, 20, 1, 2000};

/* xorshift64*: small, fast, and good enough for test data. [state] must not be 0. */
static uint64_t next_random(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545F4914F6CDD1DULL;
}

/* Returns a value in [0, n). */
static int64_t uniform(uint64_t *state, int64_t n)
{
    return (int64_t)((next_random(state) >> 11) % (uint64_t)n);
}

/* Returns a roughly normal step (sum of four uniforms, mean 0). */
static int64_t step(uint64_t *state, const Walk *w)
{
    int64_t s = 0;
    for (int i = 0; i < 4; i++)
        s += uniform(state, 2 * w->half + 1) - w->half;
    return s;
}

/* Appends the decimal digits of [v] to [p]; returns the new end. */
static char *put_uint(char *p, uint64_t v)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        *p++ = tmp[--n];
    return p;
}

/* Appends [c] >= 0 cents as units with two decimals. */
static char *put_cents(char *p, int64_t c)
{
    p = put_uint(p, (uint64_t)(c / 100));
    *p++ = '.';
    *p++ = (char)('0' + c / 10 % 10);
    *p++ = (char)('0' + c % 10);
    return p;
}

int main(int argc, char **argv)
{
    long count = argc > 1 ? strtol(argv[1], NULL, 10) : 500;
    unsigned long long seed = argc > 2 ? strtoull(argv[2], NULL, 10) : 1;
    long bar_seconds = argc > 3 ? strtol(argv[3], NULL, 10) : 3600;
    if (argc > 4 || count < 0 || bar_seconds <= 0) {
        fprintf(stderr, "usage: genbars [COUNT [SEED [BAR_SECONDS]]]\n");
        return 2;
    }
    const Walk *w = bar_seconds >= 3600 ? &HOURLY : &MINUTE;
    /* Mix the seed so that small seeds still give unrelated sequences; never let it be 0. */
    uint64_t state = (uint64_t)seed * 0x9E3779B97F4A7C15ULL + 0x2545F4914F6CDD1DULL;
    if (state == 0)
        state = 1;

    static char buf[1 << 16];
    size_t used = 0;
    int64_t close = w->start_cents;
    fputs("time,open,high,low,close,volume\n", stdout);
    for (long i = 0; i < count; i++) {
        int64_t open = close;
        close = open + open * step(&state, w) / w->unit;
        if (close < 100) /* keep prices positive: floor at 1.00 */
            close = 100;
        int64_t top = open > close ? open : close;
        int64_t bottom = open < close ? open : close;
        int64_t high = top + top * uniform(&state, w->spread) / w->unit;
        int64_t low = bottom - bottom * uniform(&state, w->spread) / w->unit;
        int64_t volume = w->volume_base + uniform(&state, w->volume_range);

        if (used > sizeof buf - 128) {
            if (fwrite(buf, 1, used, stdout) != used)
                return 1;
            used = 0;
        }
        char *p = buf + used;
        p = put_uint(p, (uint64_t)(START_TIME + (int64_t)i * bar_seconds));
        *p++ = ',';
        p = put_cents(p, open);
        *p++ = ',';
        p = put_cents(p, high);
        *p++ = ',';
        p = put_cents(p, low);
        *p++ = ',';
        p = put_cents(p, close);
        *p++ = ',';
        p = put_uint(p, (uint64_t)volume);
        *p++ = '\n';
        used = (size_t)(p - buf);
    }
    if (fwrite(buf, 1, used, stdout) != used)
        return 1;
    return fflush(stdout) || ferror(stdout) ? 1 : 0;
}
