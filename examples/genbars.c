/* Writes N one-hour OHLCV bars as CSV (time,open,high,low,close,volume; UNIX seconds) to stdout:
 * a deterministic random walk from a fixed-seed xorshift generator, so every run with the same
 * arguments gives the same file. Usage: genbars [COUNT [SEED]] (defaults 500 and 1). */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define START_TIME 1672531200 /* 2023-01-01T00:00:00Z */
#define BAR_SECONDS 3600
#define START_CENTS 10000 /* 100.00 */

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

/* Returns a roughly normal step in basis points of the price (sum of four uniforms, mean 0). */
static int64_t step_bp(uint64_t *state)
{
    int64_t s = 0;
    for (int i = 0; i < 4; i++)
        s += uniform(state, 101) - 50;
    return s;
}

static void print_cents(int64_t c)
{
    printf("%" PRId64 ".%02" PRId64, c / 100, c % 100);
}

int main(int argc, char **argv)
{
    long count = argc > 1 ? strtol(argv[1], NULL, 10) : 500;
    unsigned long long seed = argc > 2 ? strtoull(argv[2], NULL, 10) : 1;
    if (argc > 3 || count < 0) {
        fprintf(stderr, "usage: genbars [COUNT [SEED]]\n");
        return 2;
    }
    /* Mix the seed so that small seeds still give unrelated sequences; never let it be 0. */
    uint64_t state = (uint64_t)seed * 0x9E3779B97F4A7C15ULL + 0x2545F4914F6CDD1DULL;
    if (state == 0)
        state = 1;

    int64_t close = START_CENTS;
    printf("time,open,high,low,close,volume\n");
    for (long i = 0; i < count; i++) {
        int64_t open = close;
        close = open + open * step_bp(&state) / 10000;
        if (close < 100) /* keep prices positive: floor at 1.00 */
            close = 100;
        int64_t top = open > close ? open : close;
        int64_t bottom = open < close ? open : close;
        int64_t high = top + top * uniform(&state, 40) / 10000;
        int64_t low = bottom - bottom * uniform(&state, 40) / 10000;
        int64_t volume = 1000 + uniform(&state, 9000);

        printf("%ld,", (long)START_TIME + i * BAR_SECONDS);
        print_cents(open);
        putchar(',');
        print_cents(high);
        putchar(',');
        print_cents(low);
        putchar(',');
        print_cents(close);
        printf(",%" PRId64 "\n", volume);
    }
    return ferror(stdout) ? 1 : 0;
}
