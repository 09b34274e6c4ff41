/* Writes N one-minute OHLCV bars as CSV (time,open,high,low,close,volume; UNIX seconds) to
 * stdout for the benchmarks: a deterministic random walk from a fixed-seed xorshift generator,
 * prices in cents around 20000.00, so every run with the same arguments gives the same bytes.
 * Usage: genbars_1m [COUNT [SEED]] (defaults 1000000 and 1). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define START_TIME 1672531200 /* 2023-01-01T00:00:00Z */
#define BAR_SECONDS 60
#define START_CENTS 2000000 /* 20000.00 */

/* xorshift64*; [state] must not be 0. */
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

/* A roughly normal step in tenths of a basis point (sum of four uniforms, mean 0). */
static int64_t step_tenth_bp(uint64_t *state)
{
    int64_t s = 0;
    for (int i = 0; i < 4; i++)
        s += uniform(state, 51) - 25;
    return s;
}

/* Appends the decimal digits of [v] >= 0 to [p]; returns the new end. */
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
    long count = argc > 1 ? strtol(argv[1], NULL, 10) : 1000000;
    unsigned long long seed = argc > 2 ? strtoull(argv[2], NULL, 10) : 1;
    if (argc > 3 || count < 0) {
        fprintf(stderr, "usage: genbars_1m [COUNT [SEED]]\n");
        return 2;
    }
    uint64_t state = (uint64_t)seed * 0x9E3779B97F4A7C15ULL + 0x2545F4914F6CDD1DULL;
    if (state == 0)
        state = 1;

    static char buf[1 << 16];
    size_t used = 0;
    int64_t close = START_CENTS;
    fputs("time,open,high,low,close,volume\n", stdout);
    for (long i = 0; i < count; i++) {
        int64_t open = close;
        close = open + open * step_tenth_bp(&state) / 100000;
        if (close < 100)
            close = 100;
        int64_t top = open > close ? open : close;
        int64_t bottom = open < close ? open : close;
        int64_t high = top + top * uniform(&state, 20) / 100000;
        int64_t low = bottom - bottom * uniform(&state, 20) / 100000;
        int64_t volume = 1 + uniform(&state, 2000);

        if (used > sizeof buf - 128) {
            if (fwrite(buf, 1, used, stdout) != used)
                return 1;
            used = 0;
        }
        char *p = buf + used;
        p = put_uint(p, (uint64_t)(START_TIME + (int64_t)i * BAR_SECONDS));
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
