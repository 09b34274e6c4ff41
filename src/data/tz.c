/* Time zones: TZif (RFC 8536) files from the system database, the POSIX TZ rule in their
 * footer for instants past the last listed transition, fixed offsets, and the calendar. */
#include "data/tz.h"

#include <ctype.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ====================================================================== calendar */

int64_t tz_days_from_civil(int64_t y, int m, int d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void tz_civil_from_days(int64_t z, int64_t *y, int *m, int *d) {
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int64_t floor_div(int64_t a, int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

/* ====================================================================== zones */

/* One POSIX rule date: Mm.w.d (kind 'M'), Jn (kind 'J', no Feb 29) or n (kind 'D', 0-based). */
typedef struct RuleDate {
    char kind;
    int m, w, d, n;
    int time; /* seconds after local midnight */
} RuleDate;

typedef struct PosixRule {
    int std_off, dst_off, has_dst; /* seconds east of UTC */
    RuleDate start, end;
} PosixRule;

struct TzZone {
    char *name;
    int64_t *trans; /* transition instants, seconds */
    uint8_t *idx;   /* type index after each transition */
    int32_t *utoff; /* offset of each type */
    int ntrans, ntypes, first_std;
    int has_rule;
    PosixRule rule;
    int id; /* order of loading: the slot of its interval in each thread's `last` */
    TzZone *next;
};

/* The zones loaded so far: a list that only grows and whose zones never change once published.
 * Threads walk it without a lock; a miss is loaded and prepended under [load_lock]. */
static _Atomic(TzZone *) zones;
static int nzones;
static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;

/* The offset interval [lo, hi) (ms) of each thread's last lookup in a zone, so a per-bar
 * lookup is a comparison; kept per thread because zones are shared. Direct-mapped by zone id. */
typedef struct Interval {
    const TzZone *z;
    int64_t lo, hi;
    int off;
} Interval;

enum { NLAST = 8 };
static _Thread_local Interval last[NLAST];

static int64_t be(const unsigned char *p, int n) {
    uint64_t v = 0;
    for (int i = 0; i < n; i++)
        v = v << 8 | p[i];
    if (n == 4) return (int32_t)(uint32_t)v;
    return (int64_t)v;
}

static const char *parse_num(const char *s, int *v) {
    *v = 0;
    if (!isdigit((unsigned char)*s)) return NULL;
    while (isdigit((unsigned char)*s))
        *v = *v * 10 + (*s++ - '0');
    return s;
}

/* "[+-]hh[:mm[:ss]]" → seconds. */
static const char *parse_hms(const char *s, int *secs) {
    int sign = 1, h, m = 0, sec = 0;
    if (*s == '+' || *s == '-') sign = *s++ == '-' ? -1 : 1;
    if (!(s = parse_num(s, &h))) return NULL;
    if (*s == ':') {
        if (!(s = parse_num(s + 1, &m))) return NULL;
        if (*s == ':' && !(s = parse_num(s + 1, &sec))) return NULL;
    }
    *secs = sign * (h * 3600 + m * 60 + sec);
    return s;
}

static const char *parse_abbr(const char *s) {
    if (*s == '<') {
        while (*s && *s != '>')
            s++;
        return *s ? s + 1 : NULL;
    }
    const char *b = s;
    while (isalpha((unsigned char)*s))
        s++;
    return s - b >= 3 ? s : NULL;
}

static const char *parse_rule_date(const char *s, RuleDate *r) {
    r->time = 7200;
    if (*s == 'M') {
        r->kind = 'M';
        if (!(s = parse_num(s + 1, &r->m)) || *s != '.' || !(s = parse_num(s + 1, &r->w)) ||
            *s != '.' || !(s = parse_num(s + 1, &r->d)))
            return NULL;
    } else if (*s == 'J') {
        r->kind = 'J';
        if (!(s = parse_num(s + 1, &r->n))) return NULL;
    } else {
        r->kind = 'D';
        if (!(s = parse_num(s, &r->n))) return NULL;
    }
    if (*s == '/' && !(s = parse_hms(s + 1, &r->time))) return NULL;
    return s;
}

/* POSIX TZ strings such as "EST5EDT,M3.2.0,M11.1.0" or "<+03>-3". Offsets there are west of
 * UTC; they are stored east. Returns 0 or -1. */
static int parse_posix(const char *s, PosixRule *r) {
    memset(r, 0, sizeof *r);
    int off;
    if (!(s = parse_abbr(s)) || !(s = parse_hms(s, &off))) return -1;
    r->std_off = -off;
    if (!*s) return 0;
    if (!(s = parse_abbr(s))) return -1;
    r->has_dst = 1;
    r->dst_off = r->std_off + 3600;
    if (*s && *s != ',') {
        if (!(s = parse_hms(s, &off))) return -1;
        r->dst_off = -off;
    }
    if (*s != ',' || !(s = parse_rule_date(s + 1, &r->start))) return -1;
    if (*s != ',' || !(s = parse_rule_date(s + 1, &r->end))) return -1;
    return 0;
}

static int is_leap(int64_t y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Local seconds since the epoch (in the offset in force before it) when [r] happens in [y]. */
static int64_t rule_local(const RuleDate *r, int64_t y) {
    int64_t day;
    if (r->kind == 'M') {
        int64_t first = tz_days_from_civil(y, r->m, 1);
        int wd = (int)((first + 4) % 7 + 7) % 7; /* 0 = Sunday */
        int d = 1 + (r->d - wd + 7) % 7 + (r->w - 1) * 7;
        static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        int len = mdays[r->m - 1] + (r->m == 2 && is_leap(y));
        while (d > len)
            d -= 7;
        day = first + d - 1;
    } else if (r->kind == 'J') {
        day = tz_days_from_civil(y, 1, 1) + r->n - 1 + (is_leap(y) && r->n >= 60);
    } else
        day = tz_days_from_civil(y, 1, 1) + r->n;
    return day * 86400 + r->time;
}

/* Offset from the footer rule at [t] seconds; sets [lo, hi) to the interval it holds in. */
static int rule_offset(const PosixRule *r, int64_t t, int64_t *lo, int64_t *hi) {
    if (!r->has_dst) {
        *lo = INT64_MIN / 2;
        *hi = INT64_MAX / 2;
        return r->std_off;
    }
    int64_t y;
    int m, d;
    tz_civil_from_days(floor_div(t + r->std_off, 86400), &y, &m, &d);
    int64_t edges[6];
    int offs[6];
    int n = 0;
    for (int64_t yy = y - 1; yy <= y + 1; yy++) {
        int64_t s = rule_local(&r->start, yy) - r->std_off; /* UTC instant DST begins */
        int64_t e = rule_local(&r->end, yy) - r->dst_off;
        edges[n] = s;
        offs[n++] = r->dst_off;
        edges[n] = e;
        offs[n++] = r->std_off;
    }
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (edges[j] < edges[i]) {
                int64_t te = edges[i];
                edges[i] = edges[j];
                edges[j] = te;
                int to = offs[i];
                offs[i] = offs[j];
                offs[j] = to;
            }
    int off = offs[n - 1] == r->dst_off ? r->std_off : r->dst_off;
    *lo = INT64_MIN / 2;
    *hi = edges[0];
    for (int i = 0; i < n; i++) {
        if (t >= edges[i]) {
            off = offs[i];
            *lo = edges[i];
            *hi = i + 1 < n ? edges[i + 1] : INT64_MAX / 2;
        }
    }
    return off;
}

static int load_tzif(TzZone *z, const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    unsigned char *buf = NULL;
    size_t len = 0, cap = 0, got;
    do {
        if (len + 65536 > cap) {
            cap = cap ? cap * 2 : 131072;
            unsigned char *nb = realloc(buf, cap);
            if (!nb) abort();
            buf = nb;
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
    } while (got > 0);
    fclose(f);
    int rc = -1;
    if (len < 44 || memcmp(buf, "TZif", 4)) goto done;
    const unsigned char *h = buf;
    int tsize = 4;
    size_t off = 0;
    for (int pass = 0; pass < 2; pass++) {
        if (off + 44 > len) goto done;
        h = buf + off;
        int64_t isut = be(h + 20, 4), isstd = be(h + 24, 4), leap = be(h + 28, 4);
        int64_t timecnt = be(h + 32, 4), typecnt = be(h + 36, 4), charcnt = be(h + 40, 4);
        size_t body = (size_t)(timecnt * tsize + timecnt + typecnt * 6 + charcnt +
                               leap * (tsize + 4) + isstd + isut);
        if (pass == 0 && h[4] >= '2') {
            off += 44 + body;
            tsize = 8;
            continue;
        }
        const unsigned char *p = h + 44;
        if ((size_t)(p - buf) + body > len || typecnt < 1) goto done;
        z->ntrans = (int)timecnt;
        z->ntypes = (int)typecnt;
        z->trans = malloc(sizeof(int64_t) * (size_t)(timecnt + 1));
        z->idx = malloc((size_t)timecnt + 1);
        z->utoff = malloc(sizeof(int32_t) * (size_t)typecnt);
        for (int64_t i = 0; i < timecnt; i++)
            z->trans[i] = be(p + i * tsize, tsize);
        p += timecnt * tsize;
        for (int64_t i = 0; i < timecnt; i++)
            z->idx[i] = p[i] < typecnt ? p[i] : 0;
        p += timecnt;
        z->first_std = 0;
        for (int64_t i = typecnt - 1; i >= 0; i--) {
            z->utoff[i] = (int32_t)be(p + i * 6, 4);
            if (!p[i * 6 + 4]) z->first_std = (int)i;
        }
        p += typecnt * 6 + charcnt + leap * (tsize + 4) + isstd + isut;
        if (tsize == 8 && (size_t)(p - buf) < len && *p == '\n') {
            const unsigned char *e = memchr(p + 1, '\n', len - (size_t)(p + 1 - buf));
            if (e && e > p + 1) {
                char rule[128];
                size_t n = (size_t)(e - p - 1);
                if (n < sizeof rule) {
                    memcpy(rule, p + 1, n);
                    rule[n] = 0;
                    z->has_rule = parse_posix(rule, &z->rule) == 0;
                }
            }
        }
        rc = 0;
        break;
    }
done:
    free(buf);
    return rc;
}

/* "UTC+5", "GMT-3:30", "UTC+0530", "+05:00": the offset in seconds, or -1 when not one. */
static int parse_fixed(const char *s, int *secs) {
    if (!strncmp(s, "UTC", 3) || !strncmp(s, "GMT", 3)) s += 3;
    if (!*s) {
        *secs = 0;
        return 0;
    }
    if (*s != '+' && *s != '-') return -1;
    int sign = *s++ == '-' ? -1 : 1, h = 0, m = 0, nd = 0;
    while (isdigit((unsigned char)*s) && nd < 4) {
        h = h * 10 + (*s++ - '0');
        nd++;
    }
    if (nd == 0) return -1;
    if (nd > 2) {
        m = h % 100;
        h /= 100;
    } else if (*s == ':') {
        s++;
        if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1])) return -1;
        m = (s[0] - '0') * 10 + s[1] - '0';
        s += 2;
    }
    if (*s || h > 18 || m > 59) return -1;
    *secs = sign * (h * 3600 + m * 60);
    return 0;
}

static TzZone *find(TzZone *z, const char *name) {
    for (; z; z = z->next)
        if (!strcmp(z->name, name)) return z;
    return NULL;
}

/* Reads the zone [name] (fixed offset or TZif file), or NULL. */
static TzZone *load(const char *name) {
    TzZone *z = calloc(1, sizeof *z);
    if (!z) abort();
    int fixed;
    if (parse_fixed(name, &fixed) == 0) {
        z->has_rule = 1;
        z->rule.std_off = fixed;
    } else {
        if (strstr(name, "..") || name[0] == '/') {
            free(z);
            return NULL;
        }
        const char *dir = getenv("TZDIR");
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", name);
        if (load_tzif(z, path) != 0) {
            free(z->trans);
            free(z->idx);
            free(z->utoff);
            free(z);
            return NULL;
        }
    }
    z->name = strdup(name);
    if (!z->name) abort();
    return z;
}

TzZone *tz_get(const char *name) {
    if (!name) name = "";
    TzZone *z = find(atomic_load_explicit(&zones, memory_order_acquire), name);
    if (z) return z;
    pthread_mutex_lock(&load_lock);
    TzZone *head = atomic_load_explicit(&zones, memory_order_relaxed);
    z = find(head, name);
    if (!z && (z = load(name))) {
        z->id = nzones++;
        z->next = head;
        atomic_store_explicit(&zones, z, memory_order_release);
    }
    pthread_mutex_unlock(&load_lock);
    return z;
}

int tz_offset(TzZone *z, int64_t utc_ms) {
    Interval *c = &last[z->id % NLAST];
    if (c->z == z && utc_ms >= c->lo && utc_ms < c->hi) return c->off;
    int64_t t = floor_div(utc_ms, 1000), lo, hi;
    int off;
    if (z->ntrans == 0 || t >= z->trans[z->ntrans - 1]) {
        if (z->has_rule) {
            off = rule_offset(&z->rule, t, &lo, &hi);
            if (z->ntrans > 0 && lo < z->trans[z->ntrans - 1]) lo = z->trans[z->ntrans - 1];
        } else {
            off = z->ntrans ? z->utoff[z->idx[z->ntrans - 1]] : z->utoff[0];
            lo = z->ntrans ? z->trans[z->ntrans - 1] : INT64_MIN / 2;
            hi = INT64_MAX / 2;
        }
    } else if (t < z->trans[0]) {
        off = z->utoff[z->first_std];
        lo = INT64_MIN / 2;
        hi = z->trans[0];
    } else {
        int a = 0, b = z->ntrans - 1; /* trans[a] <= t < trans[b] */
        while (b - a > 1) {
            int mid = (a + b) / 2;
            if (z->trans[mid] <= t)
                a = mid;
            else
                b = mid;
        }
        off = z->utoff[z->idx[a]];
        lo = z->trans[a];
        hi = z->trans[b];
    }
    c->z = z;
    c->lo = lo <= INT64_MIN / 2000 ? INT64_MIN : lo * 1000;
    c->hi = hi >= INT64_MAX / 2000 ? INT64_MAX : hi * 1000;
    c->off = off;
    return off;
}

int64_t tz_local_to_utc(TzZone *z, int64_t local_ms) {
    int before = tz_offset(z, local_ms - 86400000);
    int after = tz_offset(z, local_ms + 86400000);
    int64_t u = local_ms - (int64_t)before * 1000;
    if (tz_offset(z, u) == before) return u;
    u = local_ms - (int64_t)after * 1000;
    if (tz_offset(z, u) == after) return u;
    return local_ms - (int64_t)before * 1000; /* in a gap: moved forward by the gap */
}

int tz_offset_at(const char *name, int64_t utc_ms, int *offset_sec) {
    TzZone *z = tz_get(name);
    if (!z) return -1;
    *offset_sec = tz_offset(z, utc_ms);
    return 0;
}

int tz_local_to_utc_at(const char *name, int64_t local_ms, int64_t *utc_ms) {
    TzZone *z = tz_get(name);
    if (!z) return -1;
    *utc_ms = tz_local_to_utc(z, local_ms);
    return 0;
}

void tz_breakdown(TzZone *z, int64_t utc_ms, TzTime *o) {
    o->offset = tz_offset(z, utc_ms);
    int64_t local = utc_ms + (int64_t)o->offset * 1000;
    int64_t days = floor_div(local, 86400000);
    int64_t rest = local - days * 86400000;
    tz_civil_from_days(days, &o->year, &o->month, &o->day);
    o->hour = (int)(rest / 3600000);
    o->minute = (int)(rest / 60000 % 60);
    o->second = (int)(rest / 1000 % 60);
    o->ms = (int)(rest % 1000);
    o->wday = (int)(((days + 4) % 7 + 7) % 7) + 1;
    o->yday = (int)(days - tz_days_from_civil(o->year, 1, 1)) + 1;
}
