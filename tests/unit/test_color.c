/* color.* through the registration table. Expected values computed by hand from the rules in
 * docs/builtins-notes-str-array-color-time.md (alpha = trunc((1 - t/100) * 255)). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "builtins/builtins.h"

extern const BuiltinDef color_builtins[];
extern const ConstDef color_consts[];
static int failed;

static BuiltinFn fn(const char *name)
{
    for (const BuiltinDef *d = color_builtins; d->sig; d++)
        if (!strncmp(d->sig, name, strlen(name))) return d->fn;
    return NULL;
}

static PValue call(const char *name, PValue a0, PValue a1, PValue a2, PValue a3, PValue a4)
{
    PValue args[5] = {a0, a1, a2, a3, a4}, out = {0};
    PCall c = {0};
    c.args = args;
    c.nargs = 5;
    c.out = &out;
    fn(name)(&c);
    return out;
}

static void expect_i(const char *what, int64_t got, int64_t want)
{
    printf("%s %s", got == want ? "pass" : "FAIL", what);
    if (got != want) printf(": got %llX want %llX", (long long)got, (long long)want), failed = 1;
    printf("\n");
}

static PValue I(int64_t v) { return (PValue){.i = v}; }
static PValue F(double v) { return (PValue){.f = v}; }

int main(void)
{
    PValue z = {0};
    expect_i("rgb(255,0,0)", call("color.rgb(", F(255), F(0), F(0), F(0), z).i, 0xFF0000FF);
    expect_i("rgb transp 50 -> alpha 0x7F", call("color.rgb(", F(1), F(2), F(3), F(50), z).i, 0x0102037F);
    expect_i("rgb truncates and clips", call("color.rgb(", F(127.6), F(300), F(-20), F(110), z).i, 0x7FFF0000);
    expect_i("rgb na channel is 0, na transp 100", call("color.rgb(", F(NAN), F(10), F(10), F(NAN), z).i, 0x000A0A00);
    /* (1 - 0.8) * 255 is 50.99999999999999 in doubles, truncated to 50 = 0x32 */
    expect_i("new(red, 80)", call("color.new(", I(0xF23645FF), F(80), z, z, z).i, 0xF2364532);
    expect_i("new(na, 10) is na", call("color.new(", I(PINE_NA_INT), F(10), z, z, z).i, PINE_NA_INT);
    expect_i("r", (int64_t)call("color.r(", I(0x2962FFFF), z, z, z, z).f, 0x29);
    expect_i("g", (int64_t)call("color.g(", I(0x00E676FF), z, z, z, z).f, 0xE6);
    expect_i("b", (int64_t)call("color.b(", I(0x00BCD4FF), z, z, z, z).f, 0xD4);
    expect_i("t of alpha 0x7F is 50", (int64_t)call("color.t(", I(0x0102037F), z, z, z, z).f, 50);
    expect_i("t of na is 100", (int64_t)call("color.t(", I(PINE_NA_INT), z, z, z, z).f, 100);
    expect_i("gradient midpoint black..white",
             call("color.from_gradient(", F(50), F(0), F(100), I(0x000000FF), I(0xFFFFFFFF)).i, 0x7F7F7FFF);
    expect_i("gradient clamps below", call("color.from_gradient(", F(-5), F(0), F(100), I(0x102030FF), I(0xFFFFFFFF)).i, 0x102030FF);
    expect_i("gradient empty range", call("color.from_gradient(", F(1), F(1), F(1), I(0x102030FF), I(0xFFFFFFFF)).i, 0);
    int64_t red = 0;
    for (const ConstDef *k = color_consts; k->name; k++)
        if (!strcmp(k->name, "color.red")) red = k->value.i;
    expect_i("color.red", red, 0xF23645FF);
    return failed;
}
