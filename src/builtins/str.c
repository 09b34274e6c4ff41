/* The str.* library and the format.* constants. Text is UTF-8; lengths and positions count
 * UTF-16 code units, as Java's String (TradingView's runtime) does. An na string reads as "". */
#include <ctype.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "builtins/builtins.h"
#include "builtins/str_format.h"
#include "data/tz.h"

/* ====================================================================== helpers */

static const char *sdata(PValue v) {
    return v.p ? ((PStr *)v.p)->data : "";
}
static size_t slen(PValue v) {
    return v.p ? ((PStr *)v.p)->len : 0;
}

static void ret_str(PCall *c, const char *s, size_t n) {
    c->out[0].p = vm_str_new(c->vm, s, n);
}

/* UTF-16 length of UTF-8 text: a 4-byte sequence is a surrogate pair. */
static int64_t u16_len(const char *s, size_t n) {
    int64_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if ((ch & 0xC0) != 0x80) k += ch >= 0xF0 ? 2 : 1;
    }
    return k;
}

/* Byte offset of UTF-16 position [pos] (clamped to the text). */
static size_t u16_to_byte(const char *s, size_t n, int64_t pos) {
    size_t i = 0;
    int64_t k = 0;
    while (i < n && k < pos) {
        unsigned char ch = (unsigned char)s[i];
        size_t w = ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : ch >= 0xC0 ? 2 : 1;
        k += ch >= 0xF0 ? 2 : 1;
        i += w;
    }
    return i > n ? n : i;
}

static const char *find(const char *h, size_t hn, const char *nd, size_t nn, size_t from) {
    if (nn == 0) return from <= hn ? h + from : NULL;
    for (size_t i = from; i + nn <= hn; i++)
        if (h[i] == nd[0] && !memcmp(h + i, nd, nn)) return h + i;
    return NULL;
}

/* ====================================================================== conversions */

static void str_tostring(PCall *c) {
    StrBuf b = {0};
    const char *fmt = c->nargs > 1 && c->args[1].p ? ((PStr *)c->args[1].p)->data : NULL;
    if (fmt && (c->tvar == T_FLOAT || c->tvar == T_INT))
        fmt_tostring_pattern(&b, c->args[0].f, fmt, vm_mintick(c->vm));
    else
        fmt_value_tostring(&b, c->types, c->args[0], c->tvar);
    c->out[0].p = sb_str(c->vm, &b);
}

/* Accepts what TradingView does: optional blanks around, an optional sign, digits with at
 * most one point and at least one digit; no exponent, no hex, no "NaN"/"Infinity". */
static void str_tonumber(PCall *c) {
    const char *s = sdata(c->args[0]);
    size_t n = slen(c->args[0]);
    while (n && (unsigned char)s[n - 1] <= ' ')
        n--;
    while (n && (unsigned char)*s <= ' ')
        s++, n--;
    size_t i = 0, digits = 0, dots = 0;
    if (i < n && (s[i] == '+' || s[i] == '-')) i++;
    for (; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            digits++;
        else if (s[i] == '.' && !dots)
            dots++;
        else
            break;
    }
    if (i != n || digits == 0) {
        c->out[0].f = NAN;
        return;
    }
    char buf[512];
    if (n >= sizeof buf) n = sizeof buf - 1;
    memcpy(buf, s, n);
    buf[n] = 0;
    c->out[0].f = strtod(buf, NULL) + 0.0;
}

static void str_format(PCall *c) {
    StrBuf b = {0};
    Type types[64];
    int n = c->nargs - 1;
    if (n > 64) n = 64;
    for (int i = 0; i < n; i++)
        types[i] = i + 1 < 8 ? c->argtype[i + 1] : c->tvar;
    char err[160];
    if (fmt_message(&b, c->types, sdata(c->args[0]), c->args + 1, types, n,
                    tz_get(vm_timezone(c->vm)), err, sizeof err)) {
        sb_free(&b);
        vm_error(c, "%s", err);
    }
    c->out[0].p = sb_str(c->vm, &b);
}

/* ====================================================================== str.format_time */

#define BAD_ZONE "Invalid timezone: %s"
#define BAD_REGEX "Invalid regular expression in str.match(): %s"

static TzZone *zone_arg(PCall *c, PValue v) {
    const char *name = v.p && ((PStr *)v.p)->len ? ((PStr *)v.p)->data : vm_timezone(c->vm);
    TzZone *z = tz_get(name);
    if (!z) vm_error(c, BAD_ZONE, name);
    return z;
}

static void str_format_time(PCall *c) {
    int64_t t = c->args[0].i == PINE_NA_INT ? 0 : c->args[0].i;
    const char *f = c->args[1].p ? sdata(c->args[1]) : "yyyy-MM-dd'T'HH:mm:ssZ";
    StrBuf b = {0};
    fmt_time_pattern(&b, t, f, zone_arg(c, c->args[2]));
    c->out[0].p = sb_str(c->vm, &b);
}

/* ====================================================================== queries */

static void str_length(PCall *c) {
    c->out[0].i = u16_len(sdata(c->args[0]), slen(c->args[0]));
}

static void str_contains(PCall *c) {
    c->out[0].i =
        find(sdata(c->args[0]), slen(c->args[0]), sdata(c->args[1]), slen(c->args[1]), 0) != NULL;
}

static void str_startswith(PCall *c) {
    size_t n = slen(c->args[1]);
    c->out[0].i = n <= slen(c->args[0]) && !memcmp(sdata(c->args[0]), sdata(c->args[1]), n);
}

static void str_endswith(PCall *c) {
    size_t n = slen(c->args[1]), m = slen(c->args[0]);
    c->out[0].i = n <= m && !memcmp(sdata(c->args[0]) + m - n, sdata(c->args[1]), n);
}

static void str_pos(PCall *c) {
    const char *s = sdata(c->args[0]);
    const char *p = find(s, slen(c->args[0]), sdata(c->args[1]), slen(c->args[1]), 0);
    c->out[0].i = p ? u16_len(s, (size_t)(p - s)) : PINE_NA_INT;
}

/* ====================================================================== transformations */

static void map_case(PCall *c, int upper) {
    const char *s = sdata(c->args[0]);
    size_t n = slen(c->args[0]);
    StrBuf b = {0};
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t w =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (w <= 0) {
            sb_putc(&b, s[i++]);
            continue;
        }
        utf8proc_uint8_t enc[4];
        cp = upper ? utf8proc_toupper(cp) : utf8proc_tolower(cp);
        utf8proc_ssize_t k = utf8proc_encode_char(cp, enc);
        sb_putn(&b, (const char *)enc, (size_t)k);
        i += (size_t)w;
    }
    c->out[0].p = sb_str(c->vm, &b);
}

static void str_upper(PCall *c) {
    map_case(c, 1);
}
static void str_lower(PCall *c) {
    map_case(c, 0);
}

/* Java's String.trim: strips characters <= U+0020 at both ends. */
static void str_trim(PCall *c) {
    const char *s = sdata(c->args[0]);
    size_t n = slen(c->args[0]), a = 0;
    while (a < n && (unsigned char)s[a] <= ' ')
        a++;
    while (n > a && (unsigned char)s[n - 1] <= ' ')
        n--;
    ret_str(c, s + a, n - a);
}

/* Replaces the [occurrence]th (0-based) match of the target, counting overlapping matches;
 * an empty target inserts at that character position. */
static void str_replace(PCall *c) {
    const char *s = sdata(c->args[0]), *t = sdata(c->args[1]), *r = sdata(c->args[2]);
    size_t n = slen(c->args[0]), tn = slen(c->args[1]), rn = slen(c->args[2]);
    int64_t occ = c->args[3].i == PINE_NA_INT ? 0 : c->args[3].i;
    if (occ < 0) {
        ret_str(c, s, n);
        return;
    }
    size_t at;
    if (tn == 0)
        at = u16_to_byte(s, n, occ);
    else {
        const char *p = NULL;
        size_t from = 0;
        for (int64_t k = 0; k <= occ; k++) {
            p = find(s, n, t, tn, from);
            if (!p) {
                ret_str(c, s, n);
                return;
            }
            from = (size_t)(p - s) + 1;
        }
        at = (size_t)(p - s);
    }
    StrBuf b = {0};
    sb_putn(&b, s, at);
    sb_putn(&b, r, rn);
    if (at + tn <= n) sb_putn(&b, s + at + tn, n - at - tn);
    c->out[0].p = sb_str(c->vm, &b);
}

/* Java's String.replace: left to right, no overlaps; an empty target inserts everywhere. */
static void str_replace_all(PCall *c) {
    const char *s = sdata(c->args[0]), *t = sdata(c->args[1]), *r = sdata(c->args[2]);
    size_t n = slen(c->args[0]), tn = slen(c->args[1]), rn = slen(c->args[2]);
    StrBuf b = {0};
    if (tn == 0) {
        sb_putn(&b, r, rn);
        for (size_t i = 0; i < n;) {
            size_t j = i + 1;
            while (j < n && ((unsigned char)s[j] & 0xC0) == 0x80)
                j++;
            sb_putn(&b, s + i, j - i);
            sb_putn(&b, r, rn);
            i = j;
        }
    } else {
        size_t i = 0;
        const char *p;
        while ((p = find(s, n, t, tn, i))) {
            sb_putn(&b, s + i, (size_t)(p - s) - i);
            sb_putn(&b, r, rn);
            i = (size_t)(p - s) + tn;
        }
        sb_putn(&b, s + i, n - i);
    }
    c->out[0].p = sb_str(c->vm, &b);
}

static void push_str(PCall *c, PArray *a, const char *s, size_t n) {
    vm_array_reserve(c, a, (int64_t)a->len + 1);
    a->items[a->len++].p = vm_str_new(c->vm, s, n);
}

/* Splits on a literal separator, keeping empty pieces; "" splits into characters. */
static void str_split(PCall *c) {
    const char *s = sdata(c->args[0]), *sep = sdata(c->args[1]);
    size_t n = slen(c->args[0]), sn = slen(c->args[1]);
    PArray *a = vm_array_new(c->vm, c->rtype, 0);
    c->out[0].p = a;
    if (sn == 0) {
        if (n == 0) push_str(c, a, "", 0);
        for (size_t i = 0; i < n;) {
            size_t j = i + 1;
            while (j < n && ((unsigned char)s[j] & 0xC0) == 0x80)
                j++;
            push_str(c, a, s + i, j - i);
            i = j;
        }
        return;
    }
    size_t i = 0;
    const char *p;
    while ((p = find(s, n, sep, sn, i))) {
        push_str(c, a, s + i, (size_t)(p - s) - i);
        i = (size_t)(p - s) + sn;
    }
    push_str(c, a, s + i, n - i);
}

static void str_substring(PCall *c) {
    const char *s = sdata(c->args[0]);
    size_t n = slen(c->args[0]);
    int64_t len = u16_len(s, n);
    int64_t from = c->args[1].i == PINE_NA_INT ? 0 : c->args[1].i;
    int64_t to = c->nargs < 3 || c->args[2].i == PINE_NA_INT ? len : c->args[2].i;
    if (from < 0 || to > len || from > to)
        vm_error(c,
                 "The 'begin_pos' and 'end_pos' arguments of 'str.substring()' must satisfy "
                 "0 <= begin_pos <= end_pos <= %lld (got %lld and %lld)",
                 (long long)len, (long long)from, (long long)to);
    size_t a = u16_to_byte(s, n, from), z = u16_to_byte(s, n, to);
    ret_str(c, s + a, z - a);
}

static void str_repeat(PCall *c) {
    int64_t k = c->args[1].i == PINE_NA_INT ? 0 : c->args[1].i;
    StrBuf b = {0};
    size_t n = slen(c->args[0]), sn = slen(c->args[2]);
    if (k > 0 && (n + sn) * (size_t)k > ((size_t)1 << 28))
        vm_error(c, "str.repeat(): the result would be too long");
    for (int64_t i = 0; i < k; i++) {
        if (i) sb_putn(&b, sdata(c->args[2]), sn);
        sb_putn(&b, sdata(c->args[0]), n);
    }
    c->out[0].p = sb_str(c->vm, &b);
}

/* ====================================================================== str.match */

typedef struct MatchState {
    char *pattern; /* the Pine regex the compiled one came from */
    regex_t re;
    int compiled;
} MatchState;

static void match_free(void *state) {
    MatchState *m = state;
    if (m->compiled) regfree(&m->re);
    free(m->pattern);
    m->pattern = NULL;
    m->compiled = 0;
}

/* Java regex → POSIX ERE for the common classes (\d \D, plus glibc's \w \W \s \S \b). */
static char *java_to_ere(const char *s) {
    StrBuf b = {0};
    int in_class = 0;
    for (; *s; s++) {
        if (*s == '\\' && s[1]) {
            char e = s[1];
            s++;
            if (e == 'd')
                sb_puts(&b, in_class ? "0-9" : "[0-9]");
            else if (e == 'D' && !in_class)
                sb_puts(&b, "[^0-9]");
            else if (e == 't')
                sb_putc(&b, '\t');
            else if (e == 'n')
                sb_putc(&b, '\n');
            else if (in_class && (e == 'w' || e == 's'))
                sb_puts(&b, e == 'w' ? "[:alnum:]_" : "[:space:]");
            else {
                sb_putc(&b, '\\');
                sb_putc(&b, e);
            }
            continue;
        }
        if (*s == '[' && !in_class)
            in_class = 1;
        else if (*s == ']' && in_class)
            in_class = 0;
        sb_putc(&b, *s);
    }
    if (!b.s) sb_puts(&b, "");
    return b.s;
}

static void str_match(PCall *c) {
    MatchState *m = c->state;
    const char *pat = sdata(c->args[1]);
    if (!m->pattern || strcmp(m->pattern, pat)) {
        match_free(m);
        m->pattern = strdup(pat);
        char *ere = java_to_ere(pat);
        int rc = regcomp(&m->re, ere, REG_EXTENDED);
        free(ere);
        if (rc != 0) vm_error(c, BAD_REGEX, pat);
        m->compiled = 1;
    }
    regmatch_t g;
    const char *s = sdata(c->args[0]);
    if (regexec(&m->re, s, 1, &g, 0) == 0)
        ret_str(c, s + g.rm_so, (size_t)(g.rm_eo - g.rm_so));
    else
        ret_str(c, "", 0);
}

/* ====================================================================== compile-time checks */

static const char *check_format_time(int param, const char *s, char *msg, size_t n) {
    if (param != 2 || !s || !*s || tz_get(s)) return NULL;
    snprintf(msg, n, BAD_ZONE, s);
    return msg;
}

static const char *check_match(int param, const char *s, char *msg, size_t n) {
    if (param != 1) return NULL;
    char *ere = java_to_ere(s ? s : "");
    regex_t re;
    int rc = regcomp(&re, ere, REG_EXTENDED);
    free(ere);
    if (rc == 0) {
        regfree(&re);
        return NULL;
    }
    snprintf(msg, n, BAD_REGEX, s ? s : "");
    return msg;
}

/* ====================================================================== tables */

const BuiltinDef str_builtins[] = {
    {"str.tostring(series T value) -> series string", str_tostring, 0, BF_PURE, NULL},
    {"str.tostring(series T value, series string format) -> series string", str_tostring, 0,
     BF_PURE, NULL},
    {"str.tonumber(series string string) -> series float", str_tonumber, 0, BF_PURE, NULL},
    {"str.format(series string formatString, series T ...) -> series string", str_format, 0,
     BF_PURE, NULL},
    {"str.format_time(series int time, series string format = \"yyyy-MM-dd'T'HH:mm:ssZ\", "
     "series string timezone = na) -> series string",
     str_format_time, 0, BF_PURE, NULL, .check = check_format_time},
    {"str.length(series string string) -> series int", str_length, 0, BF_PURE, NULL},
    {"str.upper(series string source) -> series string", str_upper, 0, BF_PURE, NULL},
    {"str.lower(series string source) -> series string", str_lower, 0, BF_PURE, NULL},
    {"str.contains(series string source, series string str) -> series bool", str_contains, 0,
     BF_PURE, NULL},
    {"str.startswith(series string source, series string str) -> series bool", str_startswith, 0,
     BF_PURE, NULL},
    {"str.endswith(series string source, series string str) -> series bool", str_endswith, 0,
     BF_PURE, NULL},
    {"str.pos(series string source, series string str) -> series int", str_pos, 0, BF_PURE, NULL},
    {"str.replace(series string source, series string target, series string replacement, "
     "series int occurrence = 0) -> series string",
     str_replace, 0, BF_PURE, NULL},
    {"str.replace_all(series string source, series string target, series string replacement) "
     "-> series string",
     str_replace_all, 0, BF_PURE, NULL},
    {"str.split(series string string, series string separator) -> array<string>", str_split, 0, 0,
     NULL},
    {"str.substring(series string source, series int begin_pos) -> series string", str_substring, 0,
     BF_PURE, NULL},
    {"str.substring(series string source, series int begin_pos, series int end_pos) -> series "
     "string",
     str_substring, 0, BF_PURE, NULL},
    {"str.trim(series string source) -> series string", str_trim, 0, BF_PURE, NULL},
    {"str.repeat(series string source, series int repeat, series string separator = \"\") -> "
     "series string",
     str_repeat, 0, BF_PURE, NULL},
    {"str.match(series string source, series string regex) -> series string", str_match,
     sizeof(MatchState), 0, match_free, .check = check_match},
    {0, 0, 0, 0, 0},
};

const ConstDef str_consts[] = {
    {"format.mintick", "const string", {.p = NULL}, "mintick"},
    {"format.percent", "const string", {.p = NULL}, "percent"},
    {"format.volume", "const string", {.p = NULL}, "volume"},
    {"format.price", "const string", {.p = NULL}, "price"},
    {"format.inherit", "const string", {.p = NULL}, "inherit"},
    {0, 0, {0}, 0},
};
