/* Unit tests for numfmt.c: JavaScript-style number text, the strict number parser and ISO 8601
 * times. Expected strings are JavaScript's own String(v) outputs and dates computed with an
 * independent calendar library; the random tests check properties against printf/strtod. */
#include "data/numfmt.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"



static double from_bits(uint64_t u) {
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

static uint64_t to_bits(double d) {
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t next(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* {====== fmt_double */

static void test_fmt_known(void) {
    static const struct {
        double v;
        const char *js;
    } CASES[] = {
        {0.1 + 0.2, "0.30000000000000004"},
        /* the edges of the Schubfach method: a power of two, whose interval is narrower below
         * (2^60: [2^60 - 64, 2^60 + 128] holds ...847000 and no shorter multiple); the
         * smallest subnormals (one- and two-digit results, no Java-style 4.9e-324); the
         * largest subnormal; digits on both sides of the 8-digit blocks */
        {1152921504606846976.0, "1152921504606847000"},
        {1e-323, "1e-323"},
        {1.5e-323, "1.5e-323"},
        {2.225073858507201e-308, "2.225073858507201e-308"},
        {10000000.000000002, "10000000.000000002"},
        {1e-8, "1e-8"},
        {1e21, "1e+21"},
        {1e-7, "1e-7"},
        {123e-20, "1.23e-18"},
        {0.000001, "0.000001"},
        {9007199254740992.0, "9007199254740992"},
        {1.06918, "1.06918"},
        {1.2345678901234568e20, "123456789012345680000"},
        {0.0008199999999998209, "0.0008199999999998209"},
        {0.002610000000000001, "0.002610000000000001"},
        {100, "100"},
        {-0.5, "-0.5"},
        {-0.0, "0"},
        {0.0, "0"},
        {1.5e-8, "1.5e-8"},
        {1.2345e25, "1.2345e+25"},
        {1e20, "100000000000000000000"},
        {1e23, "1e+23"},
        {18446744073709551616.0, "18446744073709552000"},
        {1180591620717411303424.0, "1.1805916207174113e+21"},
        {5e-324, "5e-324"},
        {1.7976931348623157e308, "1.7976931348623157e+308"},
        {2.2250738585072014e-308, "2.2250738585072014e-308"},
        {0.1, "0.1"},
        {1.0 / 3, "0.3333333333333333"},
        {2.0 / 3, "0.6666666666666666"},
        {0.1 + 0.7, "0.7999999999999999"},
        {1.1 * 1.1, "1.2100000000000002"},
        {123456789, "123456789"},
        {-123456789.125, "-123456789.125"},
        {1.5e-7, "1.5e-7"},
        {1.23e-6, "0.00000123"},
        {4.35, "4.35"},
        {0.00001, "0.00001"},
        {5e-7, "5e-7"},
        {1e-14, "1e-14"},
        {5.684341886080802e-14, "5.684341886080802e-14"},
        {1e17, "100000000000000000"},
        {10000000000000002.0, "10000000000000002"},
        {123456789012345.67, "123456789012345.67"},
        {9.999999999999999e20, "999999999999999900000"},
        {1e16, "10000000000000000"},
        {0.5, "0.5"},
        {1.0683799999999999, "1.0683799999999999"},
        {7.120236347223045e-307, "7.120236347223045e-307"},
        {-1e-7, "-1e-7"},
        {-1e21, "-1e+21"},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        char buf[40], name[80];
        int n = fmt_double(buf, CASES[i].v);
        snprintf(name, sizeof name, "fmt_double %s", CASES[i].js);
        check(strcmp(buf, CASES[i].js) == 0 && n == (int)strlen(buf), name, "got \"%s\" (%d)", buf,
              n);
    }
    char buf[40];
    fmt_double(buf, NAN);
    check(strcmp(buf, "NaN") == 0, "fmt_double NaN", "got %s", buf);
    fmt_double(buf, INFINITY);
    check(strcmp(buf, "Infinity") == 0, "fmt_double Infinity", "got %s", buf);
    fmt_double(buf, -INFINITY);
    check(strcmp(buf, "-Infinity") == 0, "fmt_double -Infinity", "got %s", buf);
}

// Significant digits of a number written by fmt_double or printf.
static int sig_digits(const char *s) {
    int n = 0, started = 0, trailing_zeros = 0;
    for (; *s && *s != 'e'; s++) {
        if (*s < '0' || *s > '9') continue;
        if (*s != '0') started = 1;
        if (!started) continue;
        n++;
        trailing_zeros = *s == '0' ? trailing_zeros + 1 : 0;
    }
    return n - trailing_zeros;
}

/* For each double: reads back bitwise; has no more significant digits than %.17g; and is
 * minimal: v rounded to one digit fewer (printf's correct rounding) does not read back. */
static void test_fmt_random(void) {
    int bad_rt = 0, bad_len = 0, bad_min = 0, total = 0;
    char first[160] = "";
    for (int i = 0; i < 1000000; i++) {
        uint64_t u = next();
        double v;
        switch (i % 4) {
        case 0: v = from_bits(u); break;
        case 1: v = (double)(u >> 11) / 9007199254740992.0 * 1000; break;
        case 2: v = (double)(u % 100000000) / 100000.0; break;
        default: v = ldexp((double)(u >> 11), (int)(next() % 200) - 150); break;
        }
        if (isnan(v) || v == 0) continue;
        total++;
        char a[40], b[40];
        int n = fmt_double(a, v);
        double back;
        if (parse_double(a, (size_t)n, &back) != 0 || to_bits(back) != to_bits(v)) {
            if (!bad_rt++) snprintf(first, sizeof first, "%a -> %s", v, a);
            continue;
        }
        snprintf(b, sizeof b, "%.17g", v);
        int da = sig_digits(a);
        if (da > sig_digits(b)) {
            if (!bad_len++) snprintf(first, sizeof first, "%s longer than %s", a, b);
        }
        if (da > 1 && !isinf(v)) {
            snprintf(b, sizeof b, "%.*e", da - 2, v);
            if (strtod(b, NULL) == v && !bad_min++)
                snprintf(first, sizeof first, "%s not minimal: %s", a, b);
        }
    }
    check(bad_rt == 0, "fmt_double random round trip (1e6)", "%d failures, first %s", bad_rt,
          first);
    check(bad_len == 0, "fmt_double random digits <= %.17g", "%d failures, first %s", bad_len,
          first);
    check(bad_min == 0, "fmt_double random shortest", "%d failures, first %s", bad_min, first);
    check(total > 900000, "fmt_double random sample size", "%d", total);
}

/* }====== */

/* {====== parse_double */

static void test_parse(void) {
    static const struct {
        const char *s;
        double v;
    } OK[] = {
        {"1.5", 1.5},
        {"+1.5", 1.5},
        {"-0.5", -0.5},
        {"1e-7", 1e-7},
        {"1E+3", 1000},
        {".5", 0.5},
        {"5.", 5},
        {"100", 100},
        {"0.30000000000000004", 0.1 + 0.2},
        {"9007199254740993", 9007199254740992.0},
        {"1.00000000000000000000000000000001", 1},
        {"2.2250738585072014e-308", 2.2250738585072014e-308},
        {"123456789012345678901234567890", 1.2345678901234568e29},
        {"0.000000000000000000000000000000000000000000000000000000000000000000000001", 1e-72},
        {"Infinity", INFINITY},
        {"-Infinity", -INFINITY},
        {"inf", INFINITY},
        {"1.0683799999999999", 1.0683799999999999},
        {"00012", 12},
    };
    for (size_t i = 0; i < sizeof OK / sizeof OK[0]; i++) {
        double v = -12345;
        char name[120];
        snprintf(name, sizeof name, "parse_double \"%.40s\"", OK[i].s);
        int rc = parse_double(OK[i].s, strlen(OK[i].s), &v);
        check(rc == 0 && to_bits(v) == to_bits(OK[i].v), name, "rc %d, got %.17g", rc, v);
    }
    static const char *NANS[] = {"NaN", "nan", "NAN", "-nan"};
    for (size_t i = 0; i < sizeof NANS / sizeof NANS[0]; i++) {
        double v = 0;
        char name[64];
        snprintf(name, sizeof name, "parse_double \"%s\" is NaN", NANS[i]);
        check(parse_double(NANS[i], strlen(NANS[i]), &v) == 0 && isnan(v), name, "got %g", v);
    }
    static const char *BAD[] = {"",     "+",    "-",   ".",   "1.5x",  " 1.5",
                                "1.5 ", "0x10", "1e",  "1e+", "e5",    "1..2",
                                "--1",  "nan1", "1,5", "abc", "1.2.3", "Infinityx"};
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
        double v = 0;
        char name[64];
        snprintf(name, sizeof name, "parse_double rejects \"%s\"", BAD[i]);
        check(parse_double(BAD[i], strlen(BAD[i]), &v) == -1, name, "accepted as %g", v);
    }
    double v = 0;
    check(parse_double("1.25xyz", 4, &v) == 0 && v == 1.25, "parse_double honours len", "got %g",
          v);
}

/* }====== */

/* {====== times */

static void test_time_fmt(void) {
    static const struct {
        int64_t ms;
        int off;
        const char *s;
    } CASES[] = {
        {0, 0, "1970-01-01T00:00:00+00:00"},
        {1641254400000, -300, "2022-01-03T19:00:00-05:00"},
        {1641160800000, -300, "2022-01-02T17:00:00-05:00"},
        {-2208988800000, 0, "1900-01-01T00:00:00+00:00"},
        {951827696000, 0, "2000-02-29T12:34:56+00:00"},
        {4107542400000, 0, "2100-03-01T00:00:00+00:00"},
        {253402300799000, 0, "9999-12-31T23:59:59+00:00"},
        {-62135596800000, 0, "0001-01-01T00:00:00+00:00"},
        {-1, 0, "1969-12-31T23:59:59.999+00:00"},
        {-301266000000, 330, "1960-06-15T08:30:00+05:30"},
        {1709251199000, 0, "2024-02-29T23:59:59+00:00"},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        char buf[40], name[80];
        int n = fmt_time_iso(buf, CASES[i].ms, CASES[i].off);
        snprintf(name, sizeof name, "fmt_time_iso %s", CASES[i].s);
        check(strcmp(buf, CASES[i].s) == 0 && n == (int)strlen(buf), name, "got %s", buf);
    }
}

static void test_time_parse(void) {
    static const struct {
        const char *s;
        int64_t ms;
        int off, has;
    } OK[] = {
        {"2022-01-02T17:00:00-05:00", 1641160800000, -300, 1},
        {"2022-01-04T00:00:00Z", 1641254400000, 0, 1},
        {"2022-01-04T00:00:00+00:00", 1641254400000, 0, 1},
        {"2022-01-04 00:00:00", 1641254400000, 0, 0},
        {"2022-01-04", 1641254400000, 0, 0},
        {"2022-01-04T00:00", 1641254400000, 0, 0},
        {"1960-06-15T08:30:00+0530", -301266000000, 330, 1},
        {"1960-06-15T08:30:00+05:30", -301266000000, 330, 1},
        {"1969-12-31T23:59:59.999Z", -1, 0, 1},
        {"1969-12-31T23:59:59.9994Z", -1, 0, 1},
        {"2000-02-29T12:34:56", 951827696000, 0, 0},
        {"2024-02-29T23:59:59Z", 1709251199000, 0, 1},
        {"0001-01-01T00:00:00Z", -62135596800000, 0, 1},
        {"9999-12-31T23:59:59Z", 253402300799000, 0, 1},
        {"1900-01-01", -2208988800000, 0, 0},
    };
    for (size_t i = 0; i < sizeof OK / sizeof OK[0]; i++) {
        int64_t t = 0;
        int off = 99, has = 99;
        char name[80];
        snprintf(name, sizeof name, "parse_time_iso %s", OK[i].s);
        int rc = parse_time_iso(OK[i].s, strlen(OK[i].s), &t, &off, &has);
        check(rc == 0 && t == OK[i].ms && off == OK[i].off && has == OK[i].has, name,
              "rc %d t %lld off %d has %d", rc, (long long)t, off, has);
    }
    static const char *BAD[] = {
        "",
        "2022",
        "2022-13-01",
        "2022-00-10",
        "2022-02-29",
        "1900-02-29",
        "2022-04-31",
        "2022-01-00",
        "2022-1-03",
        "2022-01-03T24:00:00",
        "2022-01-03T10:60:00",
        "2022-01-03T10:00:60",
        "2022-01-03T10:00:00X",
        "2022-01-03T10:00:00+5",
        "2022-01-03x",
        "2022-01-03T",
        "2022-01-03T10",
        "2022-01-03T10:00:00.",
        "2022-01-03T10:00:00+05:00junk",
        "1672639200",
    };
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
        int64_t t;
        int off, has;
        char name[80];
        snprintf(name, sizeof name, "parse_time_iso rejects \"%s\"", BAD[i]);
        check(parse_time_iso(BAD[i], strlen(BAD[i]), &t, &off, &has) == -1, name, "accepted");
    }
}

// fmt_time_iso and parse_time_iso invert each other over years 1..9999 and all offsets.
static void test_time_roundtrip(void) {
    int bad = 0;
    char first[120] = "";
    for (int i = 0; i < 200000; i++) {
        int64_t t = (int64_t)(next() % 315537897600000ull) - 62135596800000LL + 50400000;
        if (t > 253402300799000LL - 50400000) t = 0;
        int off = (int)(next() % (14 * 60 * 2 + 1)) - 14 * 60;
        char buf[40];
        int n = fmt_time_iso(buf, t, off);
        int64_t back;
        int boff, has;
        if (parse_time_iso(buf, (size_t)n, &back, &boff, &has) != 0 || back != t || boff != off ||
            !has) {
            if (!bad++) snprintf(first, sizeof first, "%lld %d -> %s", (long long)t, off, buf);
        }
    }
    check(bad == 0, "fmt_time_iso/parse_time_iso round trip (2e5)", "%d failures, first %s", bad,
          first);
}

/* }====== */

int main(void) {
    test_fmt_known();
    test_fmt_random();
    test_parse();
    test_time_fmt();
    test_time_parse();
    test_time_roundtrip();
    printf("%s\n", failures ? "some tests FAILED" : "all passed");
    return failures != 0;
}
