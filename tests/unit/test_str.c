/* str.* functions that need no VM heap, and the number formatter behind str.tostring,
 * str.format and array.join. The expected texts are TradingView's own log output for the same
 * calls (see docs/builtins-notes-str-array-color-time.md, "Sources"). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "builtins/builtins.h"
#include "builtins/str_format.h"

extern const BuiltinDef str_builtins[];
static int failed;

static void report(const char *what, int ok, const char *got, const char *want)
{
    printf("%s %s", ok ? "pass" : "FAIL", what);
    if (!ok) printf(": got [%s] want [%s]", got, want), failed = 1;
    printf("\n");
}

static void expect_text(const char *what, StrBuf *b, const char *want)
{
    const char *got = b->s ? b->s : "";
    report(what, !strcmp(got, want), got, want);
    sb_free(b);
}

#define TOSTR(v, want) do { StrBuf b = {0}; fmt_tostring_default(&b, v); expect_text("str.tostring(" #v ")", &b, want); } while (0)
#define TOSTRF(v, f, want) do { StrBuf b = {0}; fmt_tostring_pattern(&b, v, f, 0.01); expect_text("str.tostring(" #v ", \"" f "\")", &b, want); } while (0)
#define DECF(v, f, want) do { StrBuf b = {0}; fmt_decimal(&b, v, f); expect_text("DecimalFormat(\"" f "\", " #v ")", &b, want); } while (0)
#define JAVA(v, want) do { StrBuf b = {0}; fmt_java_double(&b, v); expect_text("Double.toString(" #v ")", &b, want); } while (0)

static PStr *S(const char *s)
{
    static char buf[8][sizeof(PStr) + 64];
    static int k;
    PStr *p = (PStr *)buf[k++ % 8];
    p->len = (uint32_t)strlen(s);
    memcpy(p->data, s, p->len + 1);
    return p;
}

static PValue call(const char *sig, const char *a, const char *b)
{
    PValue args[2] = {{.p = S(a)}, {.p = b ? S(b) : NULL}}, out = {0};
    PCall c = {0};
    c.args = args;
    c.nargs = 2;
    c.out = &out;
    for (const BuiltinDef *d = str_builtins; d->sig; d++)
        if (!strncmp(d->sig, sig, strlen(sig))) {
            d->fn(&c);
            break;
        }
    return out;
}

static void expect_int(const char *what, int64_t got, int64_t want)
{
    char g[32], w[32];
    snprintf(g, sizeof g, "%lld", (long long)got);
    snprintf(w, sizeof w, "%lld", (long long)want);
    report(what, got == want, g, w);
}

static void expect_num(const char *what, double got, double want)
{
    char g[32], w[32];
    snprintf(g, sizeof g, "%.17g", got);
    snprintf(w, sizeof w, "%.17g", want);
    report(what, got == want || (isnan(got) && isnan(want)), g, w);
}

int main(void)
{
    TOSTR(1.0 / 3, "0.3333333333");
    TOSTR(0.1 + 0.2, "0.3");
    TOSTR(-2.0 / 3, "-0.6666666667");
    TOSTR(12345.123456789012, "12345.123456789");
    TOSTR(0.12345678905, "0.1234567891");
    TOSTR(1e-7, "0.0000001");
    TOSTR(1e21, "1E21");
    TOSTR(-0.0, "0");
    TOSTR(NAN, "NaN");
    TOSTR(1e20, "100000000000000000000");
    TOSTR(1.5e-10, "0.0000000001");
    TOSTR(5e-11, "0");
    TOSTR(1e15 + 0.3, "1000000000000000.2");
    TOSTR(0.99999999999, "1");
    TOSTR(0.99999999995, "0.9999999999");
    TOSTR(1.5e300, "1.5E300");
    TOSTR(-1e12 / 7, "-142857142857.14285");
    TOSTRF(1.2, "#.##", "1.2");
    TOSTRF(1.2, "#.00", "1.20");
    TOSTRF(3.99, "#", "4");
    TOSTRF(1.005, "#.##", "1.01");
    TOSTRF(-0.125, "#.##", "-0.13");
    TOSTRF(-0.001, "#.##", "0");
    TOSTRF(0.5, "#.0", ".5");
    TOSTRF(1234567.891, "#,###.##", "1,234,567.89");
    TOSTRF(0.015, "percent", "0.02%");
    TOSTRF(-0.5, "percent", "-0.50%");
    TOSTRF(1234567, "volume", "1.235M");
    TOSTRF(999.5, "volume", "1000");
    TOSTRF(9999.5, "volume", "10K");
    TOSTRF(-5.5, "volume", "-6");
    TOSTRF(1.2345, "mintick", "1.23");
    TOSTRF(83123.456, "price", "price83123");
    DECF(1234.56789, "#,##0.###", "1,234.568");
    DECF(0.125, "#.##", "0.12");
    DECF(8.345, "#.##", "8.35");
    DECF(0.0005, "#.###", "0");
    DECF(2.5, "#", "2");
    DECF(-0.5, "#", "-0");
    DECF(0.1234, "#,##0%", "12%");
    DECF(1.255, " #.##", " 1.25");
    JAVA(5.0, "5.0");
    JAVA(1e8, "1.0E8");
    JAVA(0.00099, "9.9E-4");
    JAVA(1.0 / 3, "0.3333333333333333");

    expect_int("str.length(\"abc\")", call("str.length(", "abc", NULL).i, 3);
    expect_int("str.length counts UTF-16 units (\"é😀\")", call("str.length(", "\xC3\xA9\xF0\x9F\x98\x80", NULL).i, 3);
    expect_int("str.contains", call("str.contains(", "hello", "ell").i, 1);
    expect_int("str.contains of na", call("str.contains(", "abc", NULL).i, 1);
    expect_int("str.startswith", call("str.startswith(", "hello", "he").i, 1);
    expect_int("str.endswith false", call("str.endswith(", "hello", "he").i, 0);
    expect_int("str.pos", call("str.pos(", "a\xC3\xA9" "bc", "bc").i, 2);
    expect_int("str.pos not found is na", call("str.pos(", "abc", "x").i, PINE_NA_INT);
    expect_num("str.tonumber(\" 12 \")", call("str.tonumber(", " 12 ", NULL).f, 12);
    expect_num("str.tonumber(\"-.5\")", call("str.tonumber(", "-.5", NULL).f, -0.5);
    expect_num("str.tonumber(\"1e3\") is na", call("str.tonumber(", "1e3", NULL).f, NAN);
    expect_num("str.tonumber(\"12abc\") is na", call("str.tonumber(", "12abc", NULL).f, NAN);
    expect_num("str.tonumber(\"1,000\") is na", call("str.tonumber(", "1,000", NULL).f, NAN);
    return failed;
}
