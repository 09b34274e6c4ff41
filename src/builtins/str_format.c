/* Number → text as TradingView writes it. Every path starts from the shortest decimal that
 * reads back to the same double (Java's Double.toString digits) and rounds those digits;
 * str.format (Java DecimalFormat) and the default str.tostring settle a tie in the last digit
 * on the double's exact value, the str.tostring patterns round the digits half-up. */
#include "builtins/str_format.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/tz.h"

/* ====================================================================== text buffer */

void sb_putn(StrBuf *b, const char *s, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->s, cap);
        if (!p) abort();
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = 0;
}

void sb_puts(StrBuf *b, const char *s) {
    sb_putn(b, s, strlen(s));
}
void sb_putc(StrBuf *b, char ch) {
    sb_putn(b, &ch, 1);
}

PStr *sb_str(Vm *vm, StrBuf *b) {
    /* the buffer is freed even when the new string stops the script (size or memory limit) */
    vm_free_on_error(vm, b->s);
    PStr *s = vm_str_new(vm, b->s ? b->s : "", b->len);
    vm_free_on_error(vm, NULL);
    sb_free(b);
    return s;
}

void sb_free(StrBuf *b) {
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

/* ====================================================================== decimal digits */

/* |value| = 0.d[0]d[1]...d[n-1] × 10^point; n == 0 is zero. */
typedef struct Dec {
    char d[32];
    int n, point;
} Dec;

enum Rounding {
    ROUND_DIGITS_HALF_UP, /* the str.tostring patterns: half away from zero on the digits */
    ROUND_EXACT_HALF_UP,  /* default str.tostring: a last-digit tie goes by the exact value */
    ROUND_EXACT_HALF_EVEN /* Java DecimalFormat (str.format) */
};

static void dec_trim(Dec *x) {
    while (x->n > 0 && x->d[x->n - 1] == '0')
        x->n--;
    if (x->n == 0) x->point = 0;
}

/* The shortest digits of |v| that read back to v. */
static void dec_shortest(double v, Dec *x) {
    char buf[40];
    v = fabs(v);
    x->n = 0;
    x->point = 0;
    if (v == 0) return;
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, sizeof buf, "%.*e", p - 1, v);
        if (strtod(buf, NULL) == v || p == 17) break;
    }
    char *e = strchr(buf, 'e');
    int n = 0;
    for (char *s = buf; s < e; s++)
        if (*s >= '0' && *s <= '9') x->d[n++] = *s;
    x->n = n;
    x->point = atoi(e + 1) + 1;
    dec_trim(x);
}

/* Compares |v| exactly with the decimal d[0..len) × 10^point: -1, 0 or 1. */
static int exact_cmp(double v, const char *d, int len, int point) {
    char buf[800];
    snprintf(buf, sizeof buf, "%.760e", fabs(v));
    char *e = strchr(buf, 'e');
    int epoint = atoi(e + 1) + 1;
    if (epoint != point) return epoint > point ? 1 : -1;
    int i = 0;
    for (char *s = buf; s < e; s++) {
        if (*s < '0' || *s > '9') continue;
        char want = i < len ? d[i] : '0';
        if (*s != want) return *s > want ? 1 : -1;
        i++;
    }
    return i < len ? -1 : 0;
}

/* Rounds x (the digits of v) to [frac] fraction digits. */
static void dec_round(Dec *x, int frac, double v, enum Rounding mode) {
    int keep = x->point + frac;
    if (keep >= x->n) return;
    if (keep < 0) {
        x->n = 0;
        x->point = 0;
        return;
    }
    char r = x->d[keep];
    int up = 0;
    if (r > '5')
        up = 1;
    else if (r == '5') {
        int later = 0;
        for (int i = keep + 1; i < x->n; i++)
            later |= x->d[i] != '0';
        if (later || mode == ROUND_DIGITS_HALF_UP)
            up = 1;
        else if (keep == 0)
            up = 0; /* measured: 0.0005 → "0" at 3 decimals, 5e-11 → "0" at 10 */
        else {
            int c = exact_cmp(v, x->d, keep + 1, x->point);
            if (c != 0)
                up = c > 0;
            else
                up = mode == ROUND_EXACT_HALF_UP || ((x->d[keep - 1] - '0') & 1);
        }
    }
    x->n = keep;
    if (up) {
        int i = keep - 1;
        while (i >= 0 && x->d[i] == '9')
            x->d[i--] = '0';
        if (i >= 0)
            x->d[i]++;
        else {
            x->d[0] = '1';
            x->n = 1;
            x->point++;
        }
    }
    dec_trim(x);
}

/* ====================================================================== patterns */

typedef struct Pattern {
    char prefix[64], suffix[64], nprefix[64], nsuffix[64];
    int has_neg, min_int, min_frac, max_frac, group, percent, nodigits;
    int int_hashes, has_dot; /* for DecimalFormat's reading of "#.##" as "0.##" */
} Pattern;

static void affix_append(char *dst, char ch) {
    size_t n = strlen(dst);
    if (n + 1 < 64) {
        dst[n] = ch;
        dst[n + 1] = 0;
    }
}

static int is_digit_char(char ch) {
    return ch == '#' || ch == '0' || ch == ',' || ch == '.';
}

/* Parses one subpattern of a DecimalFormat pattern; returns where it stopped (';' or end). */
static const char *parse_sub(const char *s, char *prefix, char *suffix, Pattern *p, int digits) {
    int quoted = 0, phase = 0; /* 0 prefix, 1 digits, 2 suffix */
    int seen_dot = 0, since_comma = -1;
    for (; *s; s++) {
        char ch = *s;
        if (ch == '\'') {
            if (s[1] == '\'') {
                affix_append(phase == 0 ? prefix : suffix, '\'');
                s++;
            } else
                quoted = !quoted;
            continue;
        }
        if (!quoted && ch == ';') break;
        if (!quoted && phase < 2 && is_digit_char(ch)) {
            phase = 1;
            if (!digits) continue;
            if (ch == '.')
                seen_dot = 1;
            else if (ch == ',')
                since_comma = 0;
            else if (seen_dot) {
                p->max_frac++;
                if (ch == '0') p->min_frac++;
            } else {
                if (ch == '0')
                    p->min_int++;
                else
                    p->int_hashes++;
                if (since_comma >= 0) since_comma++;
            }
            continue;
        }
        if (phase == 1) phase = 2;
        if (!quoted && ch == '%') p->percent = 1;
        affix_append(phase == 0 ? prefix : suffix, ch);
    }
    if (digits) {
        p->group = since_comma > 0 ? since_comma : 0;
        p->nodigits = phase == 0;
        p->has_dot = seen_dot;
    }
    return s;
}

static void parse_pattern(const char *pat, Pattern *p) {
    memset(p, 0, sizeof *p);
    const char *s = parse_sub(pat, p->prefix, p->suffix, p, 1);
    if (*s == ';') {
        p->has_neg = 1;
        Pattern scratch;
        memset(&scratch, 0, sizeof scratch);
        parse_sub(s + 1, p->nprefix, p->nsuffix, &scratch, 0);
    }
}

/* Writes rounded digits [x] through pattern [p]. [java] selects DecimalFormat's habits
 * ("-0", ".5" for #.#) over the chart formatter's ("0", "0.5"). */
static void render(StrBuf *b, const Dec *x, int neg, const Pattern *p, int java) {
    char ip[400], fp[64];
    int il = 0, fl = 0;
    int ndig = x->point > 0 ? x->point : 0;
    if (ndig > 350) ndig = 350;
    for (int i = 0; i < ndig; i++)
        ip[il++] = i < x->n ? x->d[i] : '0';
    while (il < p->min_int && il < 350) {
        memmove(ip + 1, ip, (size_t)il);
        ip[0] = '0';
        il++;
    }
    for (int i = 0; i < p->max_frac && i < 60; i++) {
        int k = x->point + i;
        fp[fl++] = (k >= 0 && k < x->n) ? x->d[k] : '0';
    }
    while (fl > p->min_frac && fp[fl - 1] == '0')
        fl--;
    if (il == 0) {
        if (java ? fl == 0 : p->min_frac == 0) ip[il++] = '0';
    }
    int zero = x->n == 0;
    if (neg && zero && !java && !p->nodigits) neg = 0;
    if (neg) {
        if (p->has_neg)
            sb_puts(b, p->nprefix);
        else {
            sb_putc(b, '-');
            sb_puts(b, p->prefix);
        }
    } else
        sb_puts(b, p->prefix);
    for (int i = 0; i < il; i++) {
        sb_putc(b, ip[i]);
        int left = il - 1 - i;
        if (p->group > 0 && left > 0 && left % p->group == 0) sb_putc(b, ',');
    }
    if (fl > 0) {
        sb_putc(b, '.');
        sb_putn(b, fp, (size_t)fl);
    }
    sb_puts(b, neg && p->has_neg ? p->nsuffix : p->suffix);
}

/* ====================================================================== str.tostring */

static void put_sci(StrBuf *b, double v, int maxfrac, const char *exp_mark) {
    Dec x;
    dec_shortest(v, &x);
    int e = x.point - 1;
    x.point = 1;
    dec_round(&x, maxfrac, v / pow(10, e), ROUND_DIGITS_HALF_UP);
    if (x.point > 1) e++;
    if (v < 0) sb_putc(b, '-');
    sb_putc(b, x.n ? x.d[0] : '0');
    if (x.n > 1) {
        sb_putc(b, '.');
        sb_putn(b, x.d + 1, (size_t)(x.n - 1));
    }
    char buf[16];
    snprintf(buf, sizeof buf, "%s%d", exp_mark, e);
    sb_puts(b, buf);
}

void fmt_tostring_default(StrBuf *b, double v) {
    if (!isfinite(v)) {
        sb_puts(b, "NaN");
        return;
    }
    if (fabs(v) >= 1e21) {
        put_sci(b, v, 10, "E");
        return;
    }
    Dec x;
    dec_shortest(v, &x);
    dec_round(&x, 10, v, ROUND_EXACT_HALF_UP);
    Pattern p;
    parse_pattern("#.##########", &p);
    render(b, &x, v < 0, &p, 0);
}

static void put_fixed(StrBuf *b, double v, int decimals, enum Rounding mode) {
    Dec x;
    Pattern p;
    memset(&p, 0, sizeof p);
    p.min_int = 1;
    p.min_frac = p.max_frac = decimals;
    dec_shortest(v, &x);
    dec_round(&x, decimals, v, mode);
    render(b, &x, v < 0, &p, 0);
}

static void put_volume(StrBuf *b, double v) {
    static const struct {
        double scale;
        const char *suffix;
    } steps[] = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "K"}};
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        if (fabs(v) >= steps[i].scale) {
            double s = v / steps[i].scale;
            Dec x;
            Pattern p;
            parse_pattern("#.###", &p);
            dec_shortest(s, &x);
            dec_round(&x, 3, s, ROUND_DIGITS_HALF_UP);
            render(b, &x, s < 0, &p, 0);
            sb_puts(b, steps[i].suffix);
            return;
        }
    }
    put_fixed(b, v, 0, ROUND_DIGITS_HALF_UP);
}

void fmt_tostring_pattern(StrBuf *b, double v, const char *pattern, double mintick) {
    if (!pattern) {
        fmt_tostring_default(b, v);
        return;
    }
    int pct = !strcmp(pattern, "percent"), vol = !strcmp(pattern, "volume");
    int mt = !strcmp(pattern, "mintick");
    if (isnan(v) || (isinf(v) && !mt)) {
        sb_puts(b, pct ? "NaN%" : vol && isinf(v) ? "NaNT" : "NaN");
        return;
    }
    if (pct) {
        put_fixed(b, v, 2, ROUND_DIGITS_HALF_UP);
        sb_putc(b, '%');
    } else if (vol)
        put_volume(b, v);
    else if (mt) {
        if (isinf(v)) {
            sb_puts(b, v < 0 ? "-Infinity" : "Infinity");
            return;
        }
        if (!(mintick > 0)) mintick = 0.01;
        Dec t;
        dec_shortest(mintick, &t);
        int decimals = t.n - t.point > 0 ? t.n - t.point : 0;
        double ticks = floor(v / mintick + 0.5);
        put_fixed(b, ticks * mintick, decimals, ROUND_DIGITS_HALF_UP);
    } else {
        Pattern p;
        parse_pattern(pattern, &p);
        if (p.percent) v *= 100;
        Dec x;
        dec_shortest(v, &x);
        dec_round(&x, p.max_frac, v, ROUND_DIGITS_HALF_UP);
        render(b, &x, v < 0 || (v == 0 && signbit(v) && p.nodigits), &p, 0);
    }
}

/* ====================================================================== Java texts */

void fmt_java_double(StrBuf *b, double v) {
    if (isnan(v)) {
        sb_puts(b, "NaN");
        return;
    }
    if (isinf(v)) {
        sb_puts(b, v < 0 ? "-Infinity" : "Infinity");
        return;
    }
    if (signbit(v)) sb_putc(b, '-');
    Dec x;
    dec_shortest(v, &x);
    if (x.n == 0) {
        sb_puts(b, "0.0");
        return;
    }
    double a = fabs(v);
    if (a >= 1e-3 && a < 1e7) {
        if (x.point <= 0) sb_putc(b, '0');
        for (int i = 0; i < x.point; i++)
            sb_putc(b, i < x.n ? x.d[i] : '0');
        sb_putc(b, '.');
        if (x.n <= x.point) sb_putc(b, '0');
        for (int i = x.point; i < x.n; i++)
            sb_putc(b, i < 0 ? '0' : x.d[i]);
        return;
    }
    char buf[16];
    sb_putc(b, x.d[0]);
    sb_putc(b, '.');
    if (x.n > 1)
        sb_putn(b, x.d + 1, (size_t)(x.n - 1));
    else
        sb_putc(b, '0');
    snprintf(buf, sizeof buf, "E%d", x.point - 1);
    sb_puts(b, buf);
}

void fmt_decimal(StrBuf *b, double v, const char *pattern) {
    Pattern p;
    parse_pattern(pattern, &p);
    if (isnan(v)) {
        sb_puts(b, "NaN");
        return;
    }
    int neg = signbit(v) != 0;
    if (isinf(v)) {
        sb_puts(b, neg ? (p.has_neg ? p.nprefix : "-") : p.prefix);
        if (neg && !p.has_neg) sb_puts(b, p.prefix);
        sb_puts(b, "\xE2\x88\x9E");
        sb_puts(b, neg && p.has_neg ? p.nsuffix : p.suffix);
        return;
    }
    if (p.min_int == 0 && p.min_frac == 0 && p.int_hashes > 0 && p.has_dot) p.min_int = 1;
    if (p.percent) v *= 100;
    Dec x;
    dec_shortest(v, &x);
    dec_round(&x, p.max_frac, v, ROUND_EXACT_HALF_EVEN);
    render(b, &x, neg, &p, 1);
}

/* ====================================================================== values */

/* `[a, b, c]` with each element written by [put]; "NaN" for an na array. */
static void put_array(StrBuf *b, const TypeTable *tt, PValue v,
                      void (*put)(StrBuf *, const TypeTable *, PValue, Type)) {
    const PArray *a = v.p;
    if (!a) {
        sb_puts(b, "NaN");
        return;
    }
    Type elem = type_elem(tt, a->gc.type);
    sb_putc(b, '[');
    for (int32_t i = 0; i < a->len; i++) {
        if (i) sb_puts(b, ", ");
        put(b, tt, a->items[i], elem);
    }
    sb_putc(b, ']');
}

void fmt_value_tostring(StrBuf *b, const TypeTable *tt, PValue v, Type type) {
    char buf[32];
    switch (type) {
    case T_STRING:
        if (v.p) sb_putn(b, ((PStr *)v.p)->data, ((PStr *)v.p)->len);
        return;
    case T_BOOL: sb_puts(b, isnan(v.f) ? "NaN" : v.f != 0 ? "true" : "false"); return;
    case T_INT:
    case T_COLOR:
        if (isnan(v.f))
            sb_puts(b, "NaN");
        else {
            snprintf(buf, sizeof buf, "%lld", (long long)v.f);
            sb_puts(b, buf);
        }
        return;
    }
    if (type_kind(tt, type) == TK_ARRAY)
        put_array(b, tt, v, fmt_value_tostring);
    else
        fmt_tostring_default(b, v.f);
}

void fmt_value_join(StrBuf *b, const TypeTable *tt, PValue v, Type type) {
    if (type == T_FLOAT)
        fmt_java_double(b, v.f);
    else
        fmt_value_tostring(b, tt, v, type);
}

/* A value inside str.format without a format type: MessageFormat's own text. */
static void message_value(StrBuf *b, const TypeTable *tt, PValue v, Type type) {
    if (type == T_INT || type == T_FLOAT || type == T_COLOR)
        fmt_decimal(b, v.f, "#,##0.###");
    else if (type_kind(tt, type) == TK_ARRAY)
        put_array(b, tt, v, fmt_value_join);
    else
        fmt_value_tostring(b, tt, v, type);
}

/* ====================================================================== str.format */

static int keyword_is(const char *s, const char *kw) {
    while (*s == ' ')
        s++;
    size_t n = strlen(kw);
    for (size_t i = 0; i < n; i++)
        if (!s[i] || (s[i] | 0x20) != kw[i]) return 0;
    for (s += n; *s; s++)
        if (*s != ' ') return 0;
    return 1;
}

/* ====== dates and times (Java SimpleDateFormat) ====== */

static const char *const month_names[] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};
static const char *const day_names[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                        "Thursday", "Friday", "Saturday"};

static void put_num(StrBuf *b, int64_t v, int width) {
    char buf[48];
    if (width > 20) width = 20;
    snprintf(buf, sizeof buf, "%0*lld", width, (long long)v);
    sb_puts(b, buf);
}

static void put_offset(StrBuf *b, int off, int colon) {
    char buf[16];
    int a = off < 0 ? -off : off;
    snprintf(buf, sizeof buf, colon ? "%c%02d:%02d" : "%c%02d%02d", off < 0 ? '-' : '+', a / 3600,
             a / 60 % 60);
    sb_puts(b, buf);
}

void fmt_time_pattern(StrBuf *b, int64_t ms, const char *f, TzZone *z) {
    TzTime t;
    tz_breakdown(z, ms, &t);
    while (*f) {
        char ch = *f;
        if (ch == '\'') {
            if (f[1] == '\'') {
                sb_putc(b, '\'');
                f += 2;
                continue;
            }
            for (f++; *f && !(*f == '\'' && f[1] != '\''); f++) {
                if (*f == '\'') f++;
                sb_putc(b, *f);
            }
            if (*f) f++;
            continue;
        }
        int n = 1;
        while (f[n] == ch)
            n++;
        f += n;
        switch (ch) {
        case 'y': put_num(b, n == 2 ? t.year % 100 : t.year, n == 2 ? 2 : n); break;
        case 'M':
            if (n >= 4)
                sb_puts(b, month_names[t.month - 1]);
            else if (n == 3)
                sb_putn(b, month_names[t.month - 1], 3);
            else
                put_num(b, t.month, n);
            break;
        case 'd': put_num(b, t.day, n); break;
        case 'D': put_num(b, t.yday, n); break;
        case 'H': put_num(b, t.hour, n); break;
        case 'k': put_num(b, t.hour ? t.hour : 24, n); break;
        case 'K': put_num(b, t.hour % 12, n); break;
        case 'h': put_num(b, t.hour % 12 ? t.hour % 12 : 12, n); break;
        case 'm': put_num(b, t.minute, n); break;
        case 's': put_num(b, t.second, n); break;
        case 'S': put_num(b, t.ms, n); break;
        case 'E':
            if (n >= 4)
                sb_puts(b, day_names[t.wday - 1]);
            else
                sb_putn(b, day_names[t.wday - 1], 3);
            break;
        case 'u': put_num(b, t.wday == 1 ? 7 : t.wday - 1, n); break;
        case 'a': sb_puts(b, t.hour < 12 ? "AM" : "PM"); break;
        case 'Z': put_offset(b, t.offset, 0); break;
        case 'X':
            if (t.offset == 0)
                sb_putc(b, 'Z');
            else
                put_offset(b, t.offset, n >= 3);
            break;
        case 'z':
            if (t.offset == 0)
                sb_puts(b, "UTC");
            else {
                sb_puts(b, "GMT");
                put_offset(b, t.offset, 1);
            }
            break;
        default:
            for (int i = 0; i < n; i++)
                sb_putc(b, ch);
        }
    }
}

/* Formats one `{index,type,style}` [seg] into [b]; returns 0, or -1 with a message in [err]. */
static int message_arg(StrBuf *b, const TypeTable *tt, const StrBuf *seg, const PValue *args,
                       const Type *types, int nargs, TzZone *zone, char *err, size_t errcap) {
    const char *idx = seg[1].s ? seg[1].s : "";
    const char *type = seg[2].s ? seg[2].s : "";
    const char *style = seg[3].s ? seg[3].s : "";
    char *end;
    const char *digits = idx[0] == '+' ? idx + 1 : idx;
    long n = strtol(idx, &end, 10);
    if (!*idx || *end || digits[0] < '0' || digits[0] > '9') {
        snprintf(err, errcap, "can't parse argument number: %s", idx);
        return -1;
    }
    int is_number = keyword_is(type, "number");
    if (*type && !is_number && !keyword_is(type, "date") && !keyword_is(type, "time") &&
        !keyword_is(type, "choice")) {
        snprintf(err, errcap, "unknown format type: %s", type);
        return -1;
    }
    if (n >= nargs) {
        char buf[32];
        snprintf(buf, sizeof buf, "{%ld}", n);
        sb_puts(b, buf);
        return 0;
    }
    PValue v = args[n];
    Type t = types[n];
    int numeric = t == T_INT || t == T_FLOAT || t == T_COLOR;
    int is_date = keyword_is(type, "date"), is_time = keyword_is(type, "time");
    if ((is_date || is_time) && (t == T_INT || t == T_FLOAT) && !isnan(v.f) && zone) {
        /* a UNIX time in ms, in the chart's zone, with Java's US styles */
        static const char *const DATE[] = {"MMM d, yyyy", "M/d/yy", "MMM d, yyyy", "MMMM d, yyyy",
                                           "EEEE, MMMM d, yyyy"};
        static const char *const TIME[] = {"h:mm:ss a", "h:mm a", "h:mm:ss a", "h:mm:ss a z",
                                           "h:mm:ss a z"};
        static const char *const STYLE[] = {"", "short", "medium", "long", "full"};
        const char *pattern = style;
        for (int k = 0; k < 5; k++)
            if (keyword_is(style, STYLE[k])) pattern = is_date ? DATE[k] : TIME[k];
        fmt_time_pattern(b, (int64_t)v.f, pattern, zone);
        return 0;
    }
    if (!is_number || !numeric) {
        if (numeric && isnan(v.f))
            sb_puts(b, "NaN");
        else
            message_value(b, tt, v, t);
        return 0;
    }
    if (!*style || keyword_is(style, ""))
        fmt_decimal(b, v.f, "#,##0.###");
    else if (keyword_is(style, "integer"))
        fmt_decimal(b, v.f, "#,##0");
    else if (keyword_is(style, "percent"))
        fmt_decimal(b, v.f, "#,##0%");
    else if (keyword_is(style, "currency"))
        fmt_decimal(b, v.f, "$#,##0.00;-$#,##0.00");
    else
        fmt_decimal(b, v.f, style);
    return 0;
}

int fmt_message(StrBuf *b, const TypeTable *tt, const char *pat, const PValue *args,
                const Type *types, int nargs, TzZone *zone, char *err, size_t errcap) {
    StrBuf seg[4] = {{0}};
    int part = 0, quoted = 0, depth = 0, rc = 0;
    for (const char *s = pat; *s && !rc; s++) {
        char ch = *s;
        if (part == 0) {
            if (ch == '\'') {
                if (s[1] == '\'') {
                    sb_putc(b, '\'');
                    s++;
                } else
                    quoted = !quoted;
            } else if (ch == '{' && !quoted) {
                part = 1;
                for (int i = 1; i < 4; i++)
                    sb_free(&seg[i]);
            } else
                sb_putc(b, ch);
            continue;
        }
        if (quoted) {
            sb_putc(&seg[part], ch);
            if (ch == '\'') quoted = 0;
            continue;
        }
        switch (ch) {
        case ',':
            if (part < 3)
                part++;
            else
                sb_putc(&seg[part], ch);
            break;
        case '{':
            depth++;
            sb_putc(&seg[part], ch);
            break;
        case '}':
            if (depth) {
                depth--;
                sb_putc(&seg[part], ch);
            } else {
                rc = message_arg(b, tt, seg, args, types, nargs, zone, err, errcap);
                part = 0;
            }
            break;
        case ' ':
            if (part != 2 || seg[2].len > 0) sb_putc(&seg[part], ch);
            break;
        case '\'':
            quoted = 1;
            sb_putc(&seg[part], ch);
            break;
        default: sb_putc(&seg[part], ch);
        }
    }
    if (!rc && part != 0 && depth == 0) {
        snprintf(err, errcap, "Unmatched braces in the pattern.");
        rc = -1;
    }
    for (int i = 0; i < 4; i++)
        sb_free(&seg[i]);
    return rc;
}
