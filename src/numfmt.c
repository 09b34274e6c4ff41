/* Number and time text for CSV files: JavaScript-style shortest round-trip doubles (what
 * TradingView's exports contain), a strict decimal parser, and ISO 8601 date-times computed
 * with the calendar arithmetic of tz.h rather than gmtime. */
#include "numfmt.h"
#include "tz.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* {====== DIGITS */

static const char DIGIT_PAIRS[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

// Writes the decimal digits of [u] to [out] (no terminator); returns how many.
static int put_u64(char *out, uint64_t u) {
    char tmp[20];
    char *e = tmp + sizeof tmp, *p = e;
    while (u >= 100) {
        const char *d = DIGIT_PAIRS + 2 * (u % 100);
        u /= 100;
        *--p = d[1];
        *--p = d[0];
    }
    if (u >= 10) {
        *--p = DIGIT_PAIRS[2 * u + 1];
        *--p = DIGIT_PAIRS[2 * u];
    } else {
        *--p = (char)('0' + u);
    }
    int n = (int)(e - p);
    memcpy(out, p, (size_t)n);
    return n;
}

/* }====== */

/* {====== SHORTEST DIGITS
 * A double's shortest decimal is found by scaling it to 17 integer digits with exact 128-bit
 * arithmetic: v * 10^p = A / 2^S. The doubles that read back as v are those within half an
 * ulp, so the candidates are the integers in [lo, hi]; dropping trailing digits while the
 * range still holds a multiple of ten gives the fewest digits, and the one nearest to v wins,
 * as ECMAScript's Number::toString requires. Magnitudes outside the range where this fits in
 * 128 bits take a slower path through printf and strtod. */

__extension__ typedef unsigned __int128 u128;

static const uint64_t POW10[20] = {
    1ull,
    10ull,
    100ull,
    1000ull,
    10000ull,
    100000ull,
    1000000ull,
    10000000ull,
    100000000ull,
    1000000000ull,
    10000000000ull,
    100000000000ull,
    1000000000000ull,
    10000000000000ull,
    100000000000000ull,
    1000000000000000ull,
    10000000000000000ull,
    100000000000000000ull,
    1000000000000000000ull,
    10000000000000000000ull,
};

static u128 pow5(int p) {
    u128 r = 1;
    uint64_t base = 1;
    for (int i = 0; i < p && i < 27; i++)
        base *= 5;
    r = base;
    for (int i = 27; i < p; i++)
        r *= 5;
    return r;
}

// Digits of v > 0 (normal) into [digits]; *point is the decimal exponent n with
// v = 0.d1d2... * 10^n. Returns the digit count, or 0 when v is outside the exact range.
static int shortest_exact(double v, uint64_t bits, char *digits, int *point) {
    int be = (int)(bits >> 52);
    uint64_t frac = bits & ((1ull << 52) - 1);
    uint64_t m = frac | (1ull << 52);
    int e2 = be - 1075;
    int est = (int)floor((be - 1023) * 0.30102999566398120);
    int p = 16 - est;
    for (int tries = 0; tries < 3; tries++) {
        if (p < 0 || p > 30) return 0;
        u128 p5 = pow5(p);
        u128 a = ((u128)m * p5) << 2;
        u128 hu = p5 << 1;
        u128 hl = (frac == 0 && be > 1) ? p5 : hu;
        int s = -(e2 + p) + 2;
        if (s < 0) {
            a <<= -s;
            hu <<= -s;
            hl <<= -s;
            s = 0;
        }
        u128 mask = ((u128)1 << s) - 1;
        u128 ip = a >> s;
        if (ip >= POW10[17]) {
            p--;
            continue;
        }
        if (ip < POW10[16]) {
            p++;
            continue;
        }
        int odd = (int)(m & 1);
        u128 lx = a - hl, ux = a + hu;
        uint64_t lo = (uint64_t)(lx >> s) + ((lx & mask) != 0 || odd);
        uint64_t hi = (uint64_t)(ux >> s);
        if (odd && (ux & mask) == 0) hi--;
        if (lo > hi) return 0;
        int k = 0;
        for (;;) {
            uint64_t l2 = (lo + 9) / 10, h2 = hi / 10;
            if (l2 > h2) break;
            lo = l2;
            hi = h2;
            k++;
        }
        uint64_t r = lo;
        if (lo < hi) {
            uint64_t f = (uint64_t)ip, pk = POW10[k];
            r = f / pk;
            int up;
            if (k == 0) {
                u128 fr = a & mask, half = s ? (u128)1 << (s - 1) : 1;
                up = s && (fr > half || (fr == half && (r & 1)));
            } else {
                uint64_t rem2 = 2 * (f % pk);
                up = rem2 > pk || (rem2 == pk && ((a & mask) != 0 || (r & 1)));
            }
            r += (uint64_t)up;
            if (r < lo) r = lo;
            if (r > hi) r = hi;
        }
        while (r % 10 == 0) {
            r /= 10;
            k++;
        }
        int nd = put_u64(digits, r);
        *point = nd + k - p;
        return nd;
    }
    return 0;
}

// Slow path for tiny and huge magnitudes: the fewest of 15, 16, 17 significant digits
// that strtod reads back as v (15 digits suffice whenever any shorter string does, except
// for subnormals, which have fewer significant bits). At a power of two the lower half of
// the rounding interval is narrower, so the rounded-up neighbour may read back when the
// nearest does not.
static int shortest_printf(double v, uint64_t bits, char *digits, int *point) {
    int subnormal = (bits >> 52) == 0, pow2 = (bits & ((1ull << 52) - 1)) == 0;
    char tmp[48];
    for (int prec = subnormal ? 1 : 15; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*e", prec - 1, v);
        int nd = 0;
        const char *q = tmp;
        for (; *q != 'e'; q++)
            if (*q != '.') digits[nd++] = *q;
        int exp10 = atoi(q + 1);
        int ok = prec == 17 || strtod(tmp, NULL) == v;
        if (!ok && pow2) {
            int i = nd - 1;
            for (; i >= 0 && digits[i] == '9'; i--)
                digits[i] = '0';
            if (i < 0) {
                digits[0] = '1';
                exp10++;
            } else {
                digits[i]++;
            }
            snprintf(tmp, sizeof tmp, "%c.%.*se%d", digits[0], nd - 1, digits + 1, exp10);
            ok = strtod(tmp, NULL) == v;
        }
        if (!ok) continue;
        while (nd > 1 && digits[nd - 1] == '0')
            nd--;
        *point = exp10 + 1;
        return nd;
    }
    return 0;
}

/* }====== */

int fmt_double(char *buf, double v) {
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    char *o = buf;
    if ((bits & 0x7ff0000000000000ull) == 0x7ff0000000000000ull) {
        if (bits & 0x000fffffffffffffull) {
            memcpy(buf, "NaN", 4);
            return 3;
        }
        if (bits >> 63) *o++ = '-';
        memcpy(o, "Infinity", 9);
        return (int)(o - buf) + 8;
    }
    if (v == 0) {
        memcpy(buf, "0", 2);
        return 1;
    }
    if (bits >> 63) {
        *o++ = '-';
        v = -v;
        bits &= ~(1ull << 63);
    }
    if (v < 9007199254740992.0 && v == (double)(uint64_t)v) {
        o += put_u64(o, (uint64_t)v);
        *o = 0;
        return (int)(o - buf);
    }
    char d[24];
    int point = 0;
    int nd = (bits >> 52) ? shortest_exact(v, bits, d, &point) : 0;
    if (nd == 0) nd = shortest_printf(v, bits, d, &point);

    if (nd <= point && point <= 21) {
        memcpy(o, d, (size_t)nd);
        o += nd;
        for (int i = nd; i < point; i++)
            *o++ = '0';
    } else if (0 < point && point <= 21) {
        memcpy(o, d, (size_t)point);
        o += point;
        *o++ = '.';
        memcpy(o, d + point, (size_t)(nd - point));
        o += nd - point;
    } else if (-6 < point && point <= 0) {
        *o++ = '0';
        *o++ = '.';
        for (int i = point; i < 0; i++)
            *o++ = '0';
        memcpy(o, d, (size_t)nd);
        o += nd;
    } else {
        *o++ = d[0];
        if (nd > 1) {
            *o++ = '.';
            memcpy(o, d + 1, (size_t)(nd - 1));
            o += nd - 1;
        }
        int e = point - 1;
        *o++ = 'e';
        *o++ = e < 0 ? '-' : '+';
        o += put_u64(o, (uint64_t)(e < 0 ? -e : e));
    }
    *o = 0;
    return (int)(o - buf);
}

/* {====== PARSING NUMBERS */

static const double EXACT_POW10[23] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static int lower_eq(const char *s, size_t len, const char *word) {
    size_t n = strlen(word);
    if (len != n) return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
        if (c != word[i]) return 0;
    }
    return 1;
}

/* Checks the syntax itself (strtod would take hex, leading blanks and partial input), then
 * computes exactly in double when the digits and the power of ten are both exact (one
 * correctly rounded operation); anything harder goes to strtod. */
int parse_double(const char *s, size_t len, double *out) {
    size_t i = 0;
    int neg = 0;
    if (i < len && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
    if (i < len && !(s[i] >= '0' && s[i] <= '9') && s[i] != '.') {
        if (lower_eq(s + i, len - i, "nan")) {
            *out = neg ? -NAN : NAN;
            return 0;
        }
        if (lower_eq(s + i, len - i, "infinity") || lower_eq(s + i, len - i, "inf")) {
            *out = neg ? -INFINITY : INFINITY;
            return 0;
        }
        return -1;
    }
    uint64_t mant = 0;
    int ndig = 0, exp10 = 0, seen = 0, exact = 1;
    for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, seen++) {
        if (ndig < 19) {
            mant = mant * 10 + (uint64_t)(s[i] - '0');
            if (mant) ndig++;
        } else {
            exact = 0;
            exp10++;
        }
    }
    if (i < len && s[i] == '.') {
        for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++, seen++) {
            if (ndig < 19) {
                mant = mant * 10 + (uint64_t)(s[i] - '0');
                if (mant) ndig++;
                exp10--;
            } else {
                exact = 0;
            }
        }
    }
    if (!seen) return -1;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        int eneg = 0, edig = 0, ev = 0;
        if (i < len && (s[i] == '+' || s[i] == '-')) eneg = s[i++] == '-';
        for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, edig++)
            if (ev < 100000) ev = ev * 10 + (s[i] - '0');
        if (!edig) return -1;
        exp10 += eneg ? -ev : ev;
    }
    if (i != len) return -1;
    if (exact && mant <= (1ull << 53) && exp10 >= -22 && exp10 <= 22) {
        double d = (double)mant;
        d = exp10 < 0 ? d / EXACT_POW10[-exp10] : d * EXACT_POW10[exp10];
        *out = neg ? -d : d;
        return 0;
    }
    char small[64];
    char *tmp = len < sizeof small ? small : malloc(len + 1);
    if (!tmp) return -1;
    memcpy(tmp, s, len);
    tmp[len] = 0;
    *out = strtod(tmp, NULL);
    if (tmp != small) free(tmp);
    return 0;
}

/* }====== */

/* {====== DATES */

static int days_in_month(int64_t y, int m) {
    static const int DAYS[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) return 29;
    return DAYS[m - 1];
}

static char *put2(char *o, int v) {
    o[0] = (char)('0' + v / 10);
    o[1] = (char)('0' + v % 10);
    return o + 2;
}

int fmt_time_iso(char *buf, int64_t t_ms, int offset_min) {
    int64_t t = t_ms + (int64_t)offset_min * 60000;
    int64_t days = t / 86400000, ms = t % 86400000;
    if (ms < 0) {
        ms += 86400000;
        days--;
    }
    int64_t y;
    int mo, d;
    tz_civil_from_days(days, &y, &mo, &d);
    char *o = buf;
    if (y >= 0 && y <= 9999) {
        o = put2(o, (int)(y / 100));
        o = put2(o, (int)(y % 100));
    } else {
        o += snprintf(o, 24, "%s%06lld", y < 0 ? "-" : "+", (long long)(y < 0 ? -y : y));
    }
    *o++ = '-';
    o = put2(o, mo);
    *o++ = '-';
    o = put2(o, d);
    *o++ = 'T';
    int secs = (int)(ms / 1000);
    o = put2(o, secs / 3600);
    *o++ = ':';
    o = put2(o, secs / 60 % 60);
    *o++ = ':';
    o = put2(o, secs % 60);
    if (ms % 1000) {
        int f = (int)(ms % 1000);
        *o++ = '.';
        *o++ = (char)('0' + f / 100);
        o = put2(o, f % 100);
    }
    int off = offset_min < 0 ? -offset_min : offset_min;
    *o++ = offset_min < 0 ? '-' : '+';
    o = put2(o, off / 60 % 100);
    *o++ = ':';
    o = put2(o, off % 60);
    *o = 0;
    return (int)(o - buf);
}

// Reads exactly [n] digits at s[*i]; returns the value or -1.
static int digits_at(const char *s, size_t len, size_t *i, int n) {
    int v = 0;
    for (int k = 0; k < n; k++, (*i)++) {
        if (*i >= len || s[*i] < '0' || s[*i] > '9') return -1;
        v = v * 10 + (s[*i] - '0');
    }
    return v;
}

int parse_time_iso(const char *s, size_t len, int64_t *t_ms, int *offset_min, int *has_offset) {
    size_t i = 0;
    int y = digits_at(s, len, &i, 4);
    if (y < 0 || i >= len || s[i++] != '-') return -1;
    int mo = digits_at(s, len, &i, 2);
    if (mo < 1 || mo > 12 || i >= len || s[i++] != '-') return -1;
    int d = digits_at(s, len, &i, 2);
    if (d < 1 || d > days_in_month(y, mo)) return -1;
    int h = 0, mi = 0, sec = 0, ms = 0, off = 0, has = 0;
    if (i < len) {
        if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return -1;
        i++;
        h = digits_at(s, len, &i, 2);
        if (h < 0 || h > 23 || i >= len || s[i++] != ':') return -1;
        mi = digits_at(s, len, &i, 2);
        if (mi < 0 || mi > 59) return -1;
        if (i < len && s[i] == ':') {
            i++;
            sec = digits_at(s, len, &i, 2);
            if (sec < 0 || sec > 59) return -1;
            if (i < len && (s[i] == '.' || s[i] == ',')) {
                i++;
                int nf = 0;
                for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, nf++)
                    if (nf < 3) ms = ms * 10 + (s[i] - '0');
                if (nf == 0) return -1;
                for (; nf < 3; nf++)
                    ms *= 10;
            }
        }
        if (i < len) {
            has = 1;
            if (s[i] == 'Z' || s[i] == 'z') {
                i++;
            } else if (s[i] == '+' || s[i] == '-') {
                int sign = s[i++] == '-' ? -1 : 1;
                int oh = digits_at(s, len, &i, 2), om = 0;
                if (oh < 0 || oh > 23) return -1;
                if (i < len) {
                    if (s[i] == ':') i++;
                    om = digits_at(s, len, &i, 2);
                    if (om < 0 || om > 59) return -1;
                }
                off = sign * (oh * 60 + om);
            } else {
                return -1;
            }
            if (i != len) return -1;
        }
    }
    int64_t days = tz_days_from_civil(y, mo, d);
    *t_ms = ((days * 86400 + h * 3600 + mi * 60 + sec) - (int64_t)off * 60) * 1000 + ms;
    *offset_min = off;
    *has_offset = has;
    return 0;
}

/* }====== */
