/* The array.* library and the order.* constants. Elements are in VM form: numbers, bools and
 * colors as doubles (NaN = na), strings as PStr* (NULL = na). At most 100,000 elements. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "builtins/builtins.h"
#include "builtins/str_format.h"

#define ORDER_ASCENDING 1
#define ORDER_DESCENDING 0

/* ====================================================================== helpers */

static PArray *arr(PCall *c, int k, const char *fn) {
    PArray *a = c->args[k].p;
    if (!a) vm_error(c, "Cannot call '%s' with an 'id' argument that is na", fn);
    return a;
}

/* Resolves [idx] against a size of [n]; raises when out. Negative indexes count from the end
 * in Pine v6 only (v6 release notes; v5 raises). */
static int64_t index_in(PCall *c, const char *fn, int64_t idx, int64_t n, int allow_end) {
    int from_end = idx < 0 && idx != PINE_NA_INT && (!c->vm || vm_version(c->vm) >= 6);
    int64_t k = from_end ? idx + n : idx;
    if (idx == PINE_NA_INT || k < 0 || k > n - (allow_end ? 0 : 1))
        vm_error(c, "In '%s' function. Index %lld is out of bounds. Array size is %lld", fn,
                 (long long)(idx == PINE_NA_INT ? 0 : idx), (long long)n);
    return k;
}

/* A new array of [n] unset elements of array type [type]. */
static PArray *new_array(PCall *c, Type type, int64_t n) {
    if (n < 0) vm_error(c, "Invalid array size: %lld. The size must be 0 or more", (long long)n);
    PArray *a = vm_array_new(c->vm, type, 0);
    vm_array_reserve(c, a, n);
    a->len = (int32_t)n;
    return a;
}

static void grow(PCall *c, PArray *a, int64_t n) {
    vm_array_reserve(c, a, n);
}

static Type elem_of(const PCall *c, const PArray *a) {
    return type_elem(c->types, a->gc.type);
}

/* Numeric results: int arrays give ints (out.i), float arrays floats. */
static void ret_num(PCall *c, const PArray *a, double v) {
    if (elem_of(c, a) == T_FLOAT)
        c->out[0].f = v;
    else
        c->out[0].i = isnan(v) ? PINE_NA_INT : (int64_t)v;
}

static int cmp_double(const void *x, const void *y) {
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

/* The non-na numbers of [a], sorted ascending when [sort]; caller frees. */
static double *numbers(const PArray *a, int *n, int sort) {
    double *v = malloc(sizeof(double) * (size_t)(a->len + 1));
    if (!v) abort();
    *n = 0;
    for (int32_t i = 0; i < a->len; i++)
        if (!isnan(a->items[i].f)) v[(*n)++] = a->items[i].f;
    if (sort) qsort(v, (size_t)*n, sizeof(double), cmp_double);
    return v;
}

static int values_equal(int strings, PValue x, PValue y) {
    if (strings) {
        const PStr *s = x.p, *t = y.p;
        size_t sl = s ? s->len : 0, tl = t ? t->len : 0;
        return sl == tl && (sl == 0 || !memcmp(s->data, t->data, sl));
    }
    return x.f == y.f || (isnan(x.f) && isnan(y.f));
}

/* ====================================================================== construction */

static void array_new(PCall *c) {
    int64_t n = c->args[0].i == PINE_NA_INT ? 0 : c->args[0].i;
    PArray *a = new_array(c, c->rtype, n);
    for (int64_t i = 0; i < n; i++)
        a->items[i] = c->args[1];
    c->out[0].p = a;
}

/* The typed constructors (array.new_float, ...): int/bool/color initial values arrive
 * converted to PValue.i. */
static void array_new_typed(PCall *c) {
    int64_t n = c->args[0].i == PINE_NA_INT ? 0 : c->args[0].i;
    PArray *a = new_array(c, c->rtype, n);
    Type elem = elem_of(c, a);
    PValue v = c->args[1];
    if (elem != T_FLOAT && elem != T_STRING) v.f = v.i == PINE_NA_INT ? NAN : (double)v.i;
    for (int64_t i = 0; i < n; i++)
        a->items[i] = v;
    c->out[0].p = a;
}

static void array_from(PCall *c) {
    PArray *a = new_array(c, c->rtype, c->nargs);
    for (int i = 0; i < c->nargs; i++)
        a->items[i] = c->args[i];
    c->out[0].p = a;
}

static void array_copy(PCall *c) {
    PArray *a = arr(c, 0, "array.copy()");
    PArray *b = new_array(c, a->gc.type, a->len);
    if (a->len) memcpy(b->items, a->items, sizeof(PValue) * (size_t)a->len);
    c->out[0].p = b;
}

/* A copy, not a view: writes through the slice do not reach the original (documented). */
static void array_slice(PCall *c) {
    PArray *a = arr(c, 0, "array.slice()");
    int64_t from = c->args[1].i == PINE_NA_INT ? 0 : c->args[1].i;
    int64_t to = c->args[2].i == PINE_NA_INT ? a->len : c->args[2].i;
    if (from < 0 || to > a->len || from > to)
        vm_error(c, "In 'array.slice()' function. Index %lld is out of bounds. Array size is %d",
                 (long long)(from < 0 || from > to ? from : to), a->len);
    PArray *b = new_array(c, a->gc.type, to - from);
    if (to > from) memcpy(b->items, a->items + from, sizeof(PValue) * (size_t)(to - from));
    c->out[0].p = b;
}

static void array_concat(PCall *c) {
    PArray *a = arr(c, 0, "array.concat()"), *b = arr(c, 1, "array.concat()");
    int32_t n = b->len;
    grow(c, a, (int64_t)a->len + n);
    memmove(a->items + a->len, b->items, sizeof(PValue) * (size_t)n);
    a->len += n;
    c->out[0].p = a;
}

/* ====================================================================== access */

static void array_get(PCall *c) {
    PArray *a = arr(c, 0, "array.get()");
    c->out[0] = a->items[index_in(c, "array.get()", c->args[1].i, a->len, 0)];
}

/* An na index leaves the array as it is (TradingView, as measured by PyneCore). */
static void array_set(PCall *c) {
    PArray *a = arr(c, 0, "array.set()");
    if (c->args[1].i == PINE_NA_INT) return;
    a->items[index_in(c, "array.set()", c->args[1].i, a->len, 0)] = c->args[2];
}

static void array_size(PCall *c) {
    c->out[0].i = arr(c, 0, "array.size()")->len;
}

static void array_first(PCall *c) {
    PArray *a = arr(c, 0, "array.first()");
    if (!a->len) vm_error(c, "Cannot call 'array.first()' on an empty array");
    c->out[0] = a->items[0];
}

static void array_last(PCall *c) {
    PArray *a = arr(c, 0, "array.last()");
    if (!a->len) vm_error(c, "Cannot call 'array.last()' on an empty array");
    c->out[0] = a->items[a->len - 1];
}

static void array_push(PCall *c) {
    PArray *a = arr(c, 0, "array.push()");
    grow(c, a, (int64_t)a->len + 1);
    a->items[a->len++] = c->args[1];
}

static void array_unshift(PCall *c) {
    PArray *a = arr(c, 0, "array.unshift()");
    grow(c, a, (int64_t)a->len + 1);
    memmove(a->items + 1, a->items, sizeof(PValue) * (size_t)a->len);
    a->items[0] = c->args[1];
    a->len++;
}

static void array_insert(PCall *c) {
    PArray *a = arr(c, 0, "array.insert()");
    int64_t k = index_in(c, "array.insert()", c->args[1].i, a->len, 1);
    grow(c, a, (int64_t)a->len + 1);
    memmove(a->items + k + 1, a->items + k, sizeof(PValue) * (size_t)(a->len - k));
    a->items[k] = c->args[2];
    a->len++;
}

static void remove_at(PCall *c, PArray *a, int64_t k) {
    c->out[0] = a->items[k];
    memmove(a->items + k, a->items + k + 1, sizeof(PValue) * (size_t)(a->len - k - 1));
    a->len--;
}

static void array_remove(PCall *c) {
    PArray *a = arr(c, 0, "array.remove()");
    remove_at(c, a, index_in(c, "array.remove()", c->args[1].i, a->len, 0));
}

static void array_pop(PCall *c) {
    PArray *a = arr(c, 0, "array.pop()");
    if (!a->len) vm_error(c, "Cannot call 'array.pop()' on an empty array");
    remove_at(c, a, a->len - 1);
}

static void array_shift(PCall *c) {
    PArray *a = arr(c, 0, "array.shift()");
    if (!a->len) vm_error(c, "Cannot call 'array.shift()' on an empty array");
    remove_at(c, a, 0);
}

static void array_clear(PCall *c) {
    arr(c, 0, "array.clear()")->len = 0;
}

static void array_reverse(PCall *c) {
    PArray *a = arr(c, 0, "array.reverse()");
    for (int32_t i = 0, j = a->len - 1; i < j; i++, j--) {
        PValue t = a->items[i];
        a->items[i] = a->items[j];
        a->items[j] = t;
    }
}

/* na bounds mean the whole array; a bound outside it is an error (TradingView, as measured by
 * PyneCore). */
static void array_fill(PCall *c) {
    PArray *a = arr(c, 0, "array.fill()");
    int64_t from = c->args[2].i == PINE_NA_INT ? 0 : c->args[2].i;
    int64_t to = c->args[3].i == PINE_NA_INT ? a->len : c->args[3].i;
    if (from < 0 || from > a->len)
        vm_error(c, "In 'array.fill()' function. Index %lld is out of bounds. Array size is %d",
                 (long long)from, a->len);
    if (to < 0 || to > a->len)
        vm_error(c, "In 'array.fill()' function. Index %lld is out of bounds. Array size is %d",
                 (long long)to, a->len);
    for (int64_t i = from; i < to; i++)
        a->items[i] = c->args[1];
}

/* ====================================================================== search */

static void array_indexof(PCall *c) {
    PArray *a = arr(c, 0, "array.indexof()");
    int strings = elem_of(c, a) == T_STRING;
    c->out[0].i = -1;
    for (int32_t i = 0; i < a->len; i++)
        if (values_equal(strings, a->items[i], c->args[1])) {
            c->out[0].i = i;
            return;
        }
}

static void array_lastindexof(PCall *c) {
    PArray *a = arr(c, 0, "array.lastindexof()");
    int strings = elem_of(c, a) == T_STRING;
    c->out[0].i = -1;
    for (int32_t i = a->len - 1; i >= 0; i--)
        if (values_equal(strings, a->items[i], c->args[1])) {
            c->out[0].i = i;
            return;
        }
}

static void array_includes(PCall *c) {
    array_indexof(c);
    c->out[0].i = c->out[0].i >= 0;
}

/* The three binary searches of an ascending array. [mode] 0: an index holding the value, or -1;
 * 1: leftmost, the first of equal elements, else the last element below the value (0 when every
 * element is above it); 2: rightmost, the last of equal elements, else the first element above
 * the value (the size when every element is below it). The duplicate and miss cases are
 * TradingView's as measured by PyneCore on [10, 20, 20, 20, 30, 40]: leftmost 5 -> 0, 20 -> 1,
 * 25 -> 3; rightmost 20 -> 3, 25 -> 4, 45 -> 6. The value is an int for array<int>. */
static void bsearch_mode(PCall *c, int mode, const char *fn) {
    PArray *a = arr(c, 0, fn);
    double v = elem_of(c, a) == T_INT ? (c->args[1].i == PINE_NA_INT ? NAN : (double)c->args[1].i)
                                      : c->args[1].f;
    if (mode == 0) {
        int64_t lo = 0, hi = a->len - 1;
        while (lo <= hi) {
            int64_t mid = lo + (hi - lo) / 2;
            double m = a->items[mid].f;
            if (m == v) {
                c->out[0].i = mid;
                return;
            }
            if (v < m)
                hi = mid - 1;
            else
                lo = mid + 1;
        }
        c->out[0].i = -1;
        return;
    }
    /* lower bound (first element >= v) for leftmost, upper bound (first > v) for rightmost */
    int64_t lo = 0, hi = a->len;
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        double m = a->items[mid].f;
        if (mode == 1 ? m < v : m <= v)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (mode == 1)
        c->out[0].i = lo < a->len && a->items[lo].f == v ? lo : lo > 0 ? lo - 1 : 0;
    else
        c->out[0].i = lo > 0 && a->items[lo - 1].f == v ? lo - 1 : lo;
}

static void array_binary_search(PCall *c) {
    bsearch_mode(c, 0, "array.binary_search()");
}
static void array_binary_search_leftmost(PCall *c) {
    bsearch_mode(c, 1, "array.binary_search_leftmost()");
}
static void array_binary_search_rightmost(PCall *c) {
    bsearch_mode(c, 2, "array.binary_search_rightmost()");
}

/* ====================================================================== statistics */

static void array_sum(PCall *c) {
    PArray *a = arr(c, 0, "array.sum()");
    double s = 0;
    int n = 0;
    for (int32_t i = 0; i < a->len; i++)
        if (!isnan(a->items[i].f)) s += a->items[i].f, n++;
    ret_num(c, a, n ? s : NAN);
}

static double mean_of(const PArray *a, int *count) {
    double s = 0;
    int n = 0;
    for (int32_t i = 0; i < a->len; i++)
        if (!isnan(a->items[i].f)) s += a->items[i].f, n++;
    *count = n;
    return n ? s / n : NAN;
}

static void array_avg(PCall *c) {
    int n;
    c->out[0].f = mean_of(arr(c, 0, "array.avg()"), &n);
}

/* The nth (0-based) largest or smallest non-na value. */
static void extreme(PCall *c, int largest, const char *fn) {
    PArray *a = arr(c, 0, fn);
    int64_t nth = c->args[1].i == PINE_NA_INT ? 0 : c->args[1].i;
    int n;
    double *v = numbers(a, &n, 1);
    double r = NAN;
    if (nth >= 0 && nth < n) r = largest ? v[n - 1 - nth] : v[nth];
    free(v);
    ret_num(c, a, r);
}

static void array_max(PCall *c) {
    extreme(c, 1, "array.max()");
}
static void array_min(PCall *c) {
    extreme(c, 0, "array.min()");
}

static void array_range(PCall *c) {
    PArray *a = arr(c, 0, "array.range()");
    int n;
    double *v = numbers(a, &n, 1);
    double r = n ? v[n - 1] - v[0] : NAN;
    free(v);
    ret_num(c, a, r);
}

static void array_median(PCall *c) {
    PArray *a = arr(c, 0, "array.median()");
    int n;
    double *v = numbers(a, &n, 1);
    double r = n == 0 ? NAN : n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    free(v);
    c->out[0].f = r;
}

/* The most frequent value; ties go to the smallest. */
static void array_mode(PCall *c) {
    PArray *a = arr(c, 0, "array.mode()");
    int n;
    double *v = numbers(a, &n, 1);
    double best = NAN;
    int best_run = 0;
    for (int i = 0; i < n;) {
        int j = i;
        while (j < n && v[j] == v[i])
            j++;
        if (j - i > best_run) best_run = j - i, best = v[i];
        i = j;
    }
    free(v);
    ret_num(c, a, best);
}

static double variance_of(const PArray *a, int biased) {
    int n;
    double m = mean_of(a, &n), s = 0;
    if (n == 0) return NAN;
    if (n < 2) return 0;
    for (int32_t i = 0; i < a->len; i++)
        if (!isnan(a->items[i].f)) s += (a->items[i].f - m) * (a->items[i].f - m);
    return s / (biased ? n : n - 1);
}

static int biased_arg(PCall *c) {
    return c->args[1].i == PINE_NA_INT || c->args[1].i != 0;
}

static void array_variance(PCall *c) {
    c->out[0].f = variance_of(arr(c, 0, "array.variance()"), biased_arg(c));
}

static void array_stdev(PCall *c) {
    c->out[0].f = sqrt(variance_of(arr(c, 0, "array.stdev()"), biased_arg(c)));
}

/* Co-moment accumulated online, which matched TradingView bit for bit where the two-pass
 * form did not. */
static void array_covariance(PCall *c) {
    PArray *a = arr(c, 0, "array.covariance()"), *b = arr(c, 1, "array.covariance()");
    int biased = c->args[2].i == PINE_NA_INT || c->args[2].i != 0;
    if (a->len != b->len) {
        c->out[0].f = NAN;
        return;
    }
    double m1 = 0, m2 = 0, co = 0;
    int n = 0;
    for (int32_t i = 0; i < a->len; i++) {
        double x = a->items[i].f, y = b->items[i].f;
        if (isnan(x) || isnan(y)) continue;
        n++;
        double d1 = x - m1;
        m1 += d1 / n;
        m2 += (y - m2) / n;
        co += d1 * (y - m2);
    }
    int div = biased ? n : n - 1;
    c->out[0].f = n == 0 ? NAN : div == 0 ? 0 : co / div;
}

static void array_standardize(PCall *c) {
    PArray *a = arr(c, 0, "array.standardize()");
    int n;
    double m = mean_of(a, &n), sd = sqrt(variance_of(a, 1));
    PArray *r = new_array(c, c->rtype, a->len);
    for (int32_t i = 0; i < a->len; i++) {
        double x = a->items[i].f;
        r->items[i].f = isnan(x) || n == 0 ? NAN : sd == 0 ? 1.0 : (x - m) / sd;
    }
    c->out[0].p = r;
}

static void array_abs(PCall *c) {
    PArray *a = arr(c, 0, "array.abs()");
    PArray *r = new_array(c, a->gc.type, a->len);
    for (int32_t i = 0; i < a->len; i++)
        r->items[i].f = fabs(a->items[i].f);
    c->out[0].p = r;
}

static double percentage_arg(PCall *c, double p) {
    if (!(p >= 0 && p <= 100) && !isnan(p))
        vm_error(c, "The percentage must be between 0 and 100, got %g", p);
    return p;
}

/* na elements count in the length and sort after every number. */
static void array_percentile_linear_interpolation(PCall *c) {
    PArray *a = arr(c, 0, "array.percentile_linear_interpolation()");
    double p = percentage_arg(c, c->args[1].f);
    int m, n = a->len;
    c->out[0].f = NAN;
    if (n == 0 || isnan(p)) return;
    double *v = numbers(a, &m, 1);
    double pos = n * p / 100.0 + 0.5;
    if (fabs(pos - nearbyint(pos)) < 1e-9) pos = nearbyint(pos);
    if (pos <= 1)
        c->out[0].f = m > 0 ? v[0] : NAN;
    else if (pos >= n)
        c->out[0].f = m == n ? v[m - 1] : NAN;
    else {
        int lower = (int)floor(pos);
        double frac = pos - lower;
        if (frac == 0)
            c->out[0].f = lower <= m ? v[lower - 1] : NAN;
        else if (m == n)
            c->out[0].f = v[lower - 1] * (1 - frac) + v[lower] * frac;
    }
    free(v);
}

static void array_percentile_nearest_rank(PCall *c) {
    PArray *a = arr(c, 0, "array.percentile_nearest_rank()");
    double p = percentage_arg(c, c->args[1].f);
    int m, n = a->len;
    if (isnan(p)) p = 0;
    double r = NAN;
    if (n > 0) {
        double *v = numbers(a, &m, 1);
        if (p == 0)
            r = m > 0 ? v[0] : NAN;
        else {
            int64_t rank = (int64_t)ceil(p * n / 100);
            if (rank < 1) rank = 1;
            if (rank > n) rank = n;
            r = rank <= m ? v[rank - 1] : NAN;
        }
        free(v);
    }
    ret_num(c, a, r);
}

static void array_percentrank(PCall *c) {
    PArray *a = arr(c, 0, "array.percentrank()");
    int64_t idx = c->args[1].i == PINE_NA_INT ? 0 : c->args[1].i;
    c->out[0].f = NAN;
    if (a->len == 0) return;
    if (idx < 0 || idx >= a->len)
        vm_error(c,
                 "In 'array.percentrank()' function. Index %lld is out of bounds. Array size "
                 "is %d",
                 (long long)idx, a->len);
    double x = a->items[idx].f;
    if (a->len == 1 || isnan(x)) return;
    int count = 0;
    for (int32_t i = 0; i < a->len; i++)
        if (!isnan(a->items[i].f) && a->items[i].f <= x) count++;
    c->out[0].f = (count - 1) * 100.0 / (a->len - 1);
}

/* ====================================================================== sorting */

static int cmp_str(const PStr *s, const PStr *t) {
    size_t sl = s ? s->len : 0, tl = t ? t->len : 0;
    int r = memcmp(s ? s->data : "", t ? t->data : "", sl < tl ? sl : tl);
    return r ? r : (sl > tl) - (sl < tl);
}

/* A value with its position: the comparators see both, so qsort needs no shared state. */
typedef struct Keyed {
    PValue v;
    int32_t i;
} Keyed;

static int by_position(const Keyed *a, const Keyed *b, int r) {
    return r ? r : (a->i > b->i) - (a->i < b->i);
}

/* Numbers ascending with na last; ties by position. */
static int cmp_number(const void *x, const void *y) {
    const Keyed *a = x, *b = y;
    double p = a->v.f, q = b->v.f;
    return by_position(a, b, isnan(p) || isnan(q) ? isnan(p) - isnan(q) : (p > q) - (p < q));
}

/* Strings by code point with na first; ties by position. */
static int cmp_string(const void *x, const void *y) {
    const Keyed *a = x, *b = y;
    const PStr *s = a->v.p, *t = b->v.p;
    return by_position(a, b, !s || !t ? (s != NULL) - (t != NULL) : cmp_str(s, t));
}

static int32_t *sorted_indices(PCall *c, const PArray *a, int64_t order) {
    Keyed *k = malloc(sizeof *k * (size_t)(a->len + 1));
    int32_t *ix = malloc(sizeof(int32_t) * (size_t)(a->len + 1));
    if (!k || !ix) abort();
    for (int32_t i = 0; i < a->len; i++)
        k[i] = (Keyed){a->items[i], i};
    qsort(k, (size_t)a->len, sizeof *k, elem_of(c, a) == T_STRING ? cmp_string : cmp_number);
    for (int32_t i = 0; i < a->len; i++)
        ix[i] = k[i].i;
    free(k);
    if (order == ORDER_DESCENDING)
        for (int32_t i = 0, j = a->len - 1; i < j; i++, j--) {
            int32_t t = ix[i];
            ix[i] = ix[j];
            ix[j] = t;
        }
    return ix;
}

static void array_sort(PCall *c) {
    PArray *a = arr(c, 0, "array.sort()");
    int32_t *ix = sorted_indices(c, a, c->args[1].i);
    PValue *tmp = malloc(sizeof(PValue) * (size_t)(a->len + 1));
    if (!tmp) abort();
    for (int32_t i = 0; i < a->len; i++)
        tmp[i] = a->items[ix[i]];
    if (a->len) memcpy(a->items, tmp, sizeof(PValue) * (size_t)a->len);
    free(tmp);
    free(ix);
}

static void array_sort_indices(PCall *c) {
    PArray *a = arr(c, 0, "array.sort_indices()");
    int32_t *ix = sorted_indices(c, a, c->args[1].i);
    PArray *r = new_array(c, c->rtype, a->len);
    for (int32_t i = 0; i < a->len; i++)
        r->items[i].f = ix[i];
    free(ix);
    c->out[0].p = r;
}

/* ====================================================================== the rest */

static void array_join(PCall *c) {
    PArray *a = arr(c, 0, "array.join()");
    const PStr *sep = c->args[1].p;
    StrBuf b = {0};
    for (int32_t i = 0; i < a->len; i++) {
        if (i && sep) sb_putn(&b, sep->data, sep->len);
        fmt_value_join(&b, c->types, a->items[i], elem_of(c, a));
    }
    c->out[0].p = sb_str(c->vm, &b);
}

static void array_every(PCall *c) {
    PArray *a = arr(c, 0, "array.every()");
    c->out[0].i = a->len > 0; /* an empty array is false (measured by PyneCore) */
    for (int32_t i = 0; i < a->len; i++)
        if (isnan(a->items[i].f) || a->items[i].f == 0) c->out[0].i = 0;
}

static void array_some(PCall *c) {
    PArray *a = arr(c, 0, "array.some()");
    c->out[0].i = 0;
    for (int32_t i = 0; i < a->len; i++)
        if (!isnan(a->items[i].f) && a->items[i].f != 0) c->out[0].i = 1;
}

/* ====================================================================== tables */

#define NUM2(name, args, fn)                                                                       \
    {"array." name "(array<int> id" args ") -> series int", fn, 0, 0, NULL}, {                     \
        "array." name "(array<float> id" args ") -> series float", fn, 0, 0, NULL                  \
    }
#define FLT2(name, args, fn)                                                                       \
    {"array." name "(array<int> id" args ") -> series float", fn, 0, 0, NULL}, {                   \
        "array." name "(array<float> id" args ") -> series float", fn, 0, 0, NULL                  \
    }

const BuiltinDef array_builtins[] = {
    {"array.new<T>(series int size = 0, series T initial_value = na) -> array<T>", array_new, 0, 0,
     NULL},
    {"array.new_float(series int size = 0, series float initial_value = na) -> array<float>",
     array_new_typed, 0, 0, NULL},
    {"array.new_int(series int size = 0, series int initial_value = na) -> array<int>",
     array_new_typed, 0, 0, NULL},
    {"array.new_bool(series int size = 0, series bool initial_value = na) -> array<bool>",
     array_new_typed, 0, 0, NULL},
    {"array.new_color(series int size = 0, series color initial_value = na) -> array<color>",
     array_new_typed, 0, 0, NULL},
    {"array.new_string(series int size = 0, series string initial_value = na) -> array<string>",
     array_new_typed, 0, 0, NULL},
    {"array.from(series T arg0, series T ...) -> array<T>", array_from, 0, 0, NULL},
    {"array.copy(array<T> id) -> array<T>", array_copy, 0, 0, NULL},
    {"array.slice(array<T> id, series int index_from, series int index_to) -> array<T>",
     array_slice, 0, 0, NULL},
    {"array.concat(array<T> id1, array<T> id2) -> array<T>", array_concat, 0, BF_SIDE, NULL},
    {"array.get(array<T> id, series int index) -> series T", array_get, 0, 0, NULL},
    {"array.set(array<T> id, series int index, series T value) -> void", array_set, 0, BF_SIDE,
     NULL},
    {"array.size(array<T> id) -> series int", array_size, 0, 0, NULL},
    {"array.first(array<T> id) -> series T", array_first, 0, 0, NULL},
    {"array.last(array<T> id) -> series T", array_last, 0, 0, NULL},
    {"array.push(array<T> id, series T value) -> void", array_push, 0, BF_SIDE, NULL},
    {"array.unshift(array<T> id, series T value) -> void", array_unshift, 0, BF_SIDE, NULL},
    {"array.insert(array<T> id, series int index, series T value) -> void", array_insert, 0,
     BF_SIDE, NULL},
    {"array.remove(array<T> id, series int index) -> series T", array_remove, 0, BF_SIDE, NULL},
    {"array.pop(array<T> id) -> series T", array_pop, 0, BF_SIDE, NULL},
    {"array.shift(array<T> id) -> series T", array_shift, 0, BF_SIDE, NULL},
    {"array.clear(array<T> id) -> void", array_clear, 0, BF_SIDE, NULL},
    {"array.reverse(array<T> id) -> void", array_reverse, 0, BF_SIDE, NULL},
    {"array.fill(array<T> id, series T value, series int index_from = 0, series int index_to = na) "
     "-> void",
     array_fill, 0, BF_SIDE, NULL},
    {"array.indexof(array<T> id, series T value) -> series int", array_indexof, 0, 0, NULL},
    {"array.lastindexof(array<T> id, series T value) -> series int", array_lastindexof, 0, 0, NULL},
    {"array.includes(array<T> id, series T value) -> series bool", array_includes, 0, 0, NULL},
    {"array.binary_search(array<int> id, series int val) -> series int", array_binary_search, 0, 0,
     NULL},
    {"array.binary_search(array<float> id, series float val) -> series int", array_binary_search, 0,
     0, NULL},
    {"array.binary_search_leftmost(array<int> id, series int val) -> series int",
     array_binary_search_leftmost, 0, 0, NULL},
    {"array.binary_search_leftmost(array<float> id, series float val) -> series int",
     array_binary_search_leftmost, 0, 0, NULL},
    {"array.binary_search_rightmost(array<int> id, series int val) -> series int",
     array_binary_search_rightmost, 0, 0, NULL},
    {"array.binary_search_rightmost(array<float> id, series float val) -> series int",
     array_binary_search_rightmost, 0, 0, NULL},
    NUM2("sum", "", array_sum),
    FLT2("avg", "", array_avg),
    NUM2("max", ", series int nth = 0", array_max),
    NUM2("min", ", series int nth = 0", array_min),
    NUM2("range", "", array_range),
    FLT2("median", "", array_median),
    NUM2("mode", "", array_mode),
    FLT2("stdev", ", series bool biased = true", array_stdev),
    FLT2("variance", ", series bool biased = true", array_variance),
    {"array.covariance(array<int> id1, array<int> id2, series bool biased = true) -> series float",
     array_covariance, 0, 0, NULL},
    {"array.covariance(array<float> id1, array<float> id2, series bool biased = true) -> series "
     "float",
     array_covariance, 0, 0, NULL},
    {"array.standardize(array<int> id) -> array<float>", array_standardize, 0, 0, NULL},
    {"array.standardize(array<float> id) -> array<float>", array_standardize, 0, 0, NULL},
    {"array.abs(array<int> id) -> array<int>", array_abs, 0, 0, NULL},
    {"array.abs(array<float> id) -> array<float>", array_abs, 0, 0, NULL},
    FLT2("percentile_linear_interpolation", ", series float percentage",
         array_percentile_linear_interpolation),
    NUM2("percentile_nearest_rank", ", series float percentage", array_percentile_nearest_rank),
    FLT2("percentrank", ", series int index", array_percentrank),
    {"array.sort(array<T> id, series int order = order.ascending) -> void", array_sort, 0, BF_SIDE,
     NULL},
    {"array.sort_indices(array<T> id, series int order = order.ascending) -> array<int>",
     array_sort_indices, 0, 0, NULL},
    {"array.join(array<T> id, series string separator = \"\") -> series string", array_join, 0, 0,
     NULL},
    {"array.every(array<bool> id) -> series bool", array_every, 0, 0, NULL},
    {"array.some(array<bool> id) -> series bool", array_some, 0, 0, NULL},
    {0, 0, 0, 0, 0},
};

const ConstDef array_consts[] = {
    {"order.ascending", "const int", {.i = ORDER_ASCENDING}, NULL},
    {"order.descending", "const int", {.i = ORDER_DESCENDING}, NULL},
    {0, 0, {0}, 0},
};
