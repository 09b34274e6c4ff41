/* array.* functions that read or rearrange an existing array (no VM heap needed); arrays are
 * built by hand. Expected values computed by hand. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "builtins/builtins.h"

extern const BuiltinDef array_builtins[];
static int failed;
static TypeTable *types;

static PArray *mk(PArray *a, PValue *items, Type elem, const double *v, int n)
{
    memset(a, 0, sizeof *a);
    a->gc.type = type_array(types, elem);
    a->len = a->cap = n;
    a->items = items;
    for (int i = 0; i < n; i++) items[i].f = v[i];
    return a;
}

static PValue call(const char *sig, PValue a0, PValue a1, PValue a2)
{
    PValue args[3] = {a0, a1, a2}, out = {0};
    PCall c = {0};
    c.types = types;
    c.args = args;
    c.nargs = 3;
    c.out = &out;
    for (const BuiltinDef *d = array_builtins; d->sig; d++)
        if (!strncmp(d->sig, sig, strlen(sig))) {
            d->fn(&c);
            return out;
        }
    printf("FAIL no such built-in %s\n", sig);
    failed = 1;
    return out;
}

static void expect(const char *what, double got, double want)
{
    int ok = got == want || (isnan(got) && isnan(want)) || fabs(got - want) < 1e-12;
    printf("%s %s", ok ? "pass" : "FAIL", what);
    if (!ok) printf(": got %.17g want %.17g", got, want), failed = 1;
    printf("\n");
}

#define P(x) ((PValue){.p = (x)})
#define I(x) ((PValue){.i = (x)})
#define F(x) ((PValue){.f = (x)})

int main(void)
{
    PArray a, b;
    PValue ia[16], ib[16];
    const double v[] = {3, 1, NAN, 4, 1, 5};
    PValue z = {0};
    types = type_table_new();
    mk(&a, ia, T_FLOAT, v, 6);
    expect("sum skips na", call("array.sum(array<float>", P(&a), z, z).f, 14);
    expect("avg", call("array.avg(array<float>", P(&a), z, z).f, 14.0 / 5);
    expect("max", call("array.max(array<float>", P(&a), I(0), z).f, 5);
    expect("max nth=1", call("array.max(array<float>", P(&a), I(1), z).f, 4);
    expect("min nth=na is the minimum", call("array.min(array<float>", P(&a), I(PINE_NA_INT), z).f, 1);
    expect("min nth out of range", call("array.min(array<float>", P(&a), I(9), z).f, NAN);
    expect("median of 1 1 3 4 5", call("array.median(array<float>", P(&a), z, z).f, 3);
    expect("mode", call("array.mode(array<float>", P(&a), z, z).f, 1);
    expect("range", call("array.range(array<float>", P(&a), z, z).f, 4);
    /* 1 1 3 4 5: mean 2.8, squared deviations 3.24 3.24 0.04 1.44 4.84 = 12.8 */
    expect("variance biased", call("array.variance(array<float>", P(&a), I(1), z).f, 12.8 / 5);
    expect("variance unbiased", call("array.variance(array<float>", P(&a), I(0), z).f, 12.8 / 4);
    expect("stdev biased", call("array.stdev(array<float>", P(&a), I(1), z).f, sqrt(12.8 / 5));
    expect("indexof 1", (double)call("array.indexof(", P(&a), F(1), z).i, 1);
    expect("lastindexof 1", (double)call("array.lastindexof(", P(&a), F(1), z).i, 4);
    expect("indexof na", (double)call("array.indexof(", P(&a), F(NAN), z).i, 2);
    expect("includes 7", (double)call("array.includes(", P(&a), F(7), z).i, 0);
    expect("get -1 (from the end)", call("array.get(", P(&a), I(-1), z).f, 5);
    call("array.set(", P(&a), I(2), F(9));
    expect("set", call("array.get(", P(&a), I(2), z).f, 9);
    expect("size", (double)call("array.size(", P(&a), z, z).i, 6);

    const double s[] = {10, 20, 30, 40};
    mk(&a, ia, T_FLOAT, s, 4);
    expect("binary_search 30", (double)call("array.binary_search(array<float>", P(&a), F(30), z).i, 2);
    expect("binary_search 25 missing", (double)call("array.binary_search(array<float>", P(&a), F(25), z).i, -1);
    expect("binary_search_leftmost 25", (double)call("array.binary_search_leftmost(array<float>", P(&a), F(25), z).i, 1);
    expect("binary_search_rightmost 25", (double)call("array.binary_search_rightmost(array<float>", P(&a), F(25), z).i, 2);
    expect("percentile_nearest_rank 50", call("array.percentile_nearest_rank(array<float>", P(&a), F(50), z).f, 20);
    /* pos = 4 * 0.5 + 0.5 = 2.5: halfway between 20 and 30 */
    expect("percentile_linear_interpolation 50", call("array.percentile_linear_interpolation(array<float>", P(&a), F(50), z).f, 25);
    expect("percentrank of index 2", call("array.percentrank(array<float>", P(&a), I(2), z).f, 200.0 / 3);
    const double t[] = {1, 3, 5, 7};
    mk(&b, ib, T_FLOAT, t, 4);
    /* means 25 and 4; products of deviations 45 5 5 45 = 100 */
    expect("covariance biased", call("array.covariance(array<float>", P(&a), P(&b), I(1)).f, 25);
    expect("covariance unbiased", call("array.covariance(array<float>", P(&a), P(&b), I(0)).f, 100.0 / 3);

    const double u[] = {3, NAN, 1, 2};
    mk(&a, ia, T_FLOAT, u, 4);
    call("array.sort(", P(&a), I(1), z);
    expect("sort ascending puts na last (0)", a.items[0].f, 1);
    expect("sort ascending puts na last (3)", a.items[3].f, NAN);
    call("array.sort(", P(&a), I(0), z);
    expect("sort descending puts na first", a.items[0].f, NAN);
    expect("sort descending (1)", a.items[1].f, 3);
    call("array.reverse(", P(&a), z, z);
    expect("reverse", a.items[0].f, 1);
    PValue fa[4] = {P(&a), F(7), I(1), I(PINE_NA_INT)};
    PValue out;
    PCall c = {0};
    c.types = types;
    c.args = fa;
    c.nargs = 4;
    c.out = &out;
    for (const BuiltinDef *d = array_builtins; d->sig; d++)
        if (!strncmp(d->sig, "array.fill(", 11)) d->fn(&c);
    expect("fill from 1 to the end keeps [0]", a.items[0].f, 1);
    expect("fill from 1 to the end", a.items[3].f, 7);

    const double bools[] = {1, 1, 0};
    mk(&a, ia, T_BOOL, bools, 3);
    expect("every", (double)call("array.every(", P(&a), z, z).i, 0);
    expect("some", (double)call("array.some(", P(&a), z, z).i, 1);
    const double ints[] = {2, 7, 2};
    mk(&a, ia, T_INT, ints, 3);
    expect("sum of an int array is an int", (double)call("array.sum(array<int>", P(&a), z, z).i, 11);
    type_table_free(types);
    return failed;
}
