/* Calendar built-ins: year, month, ... of a bar's time (variables) or of any time (functions),
 * timestamp() in its three forms, timeframe.change(), and the dayofweek.* constants. Times are
 * UNIX ms; the zone is the chart's (vm_timezone) unless a timezone argument names another. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "bars.h"
#include "builtins.h"
#include "tz.h"

/* ====================================================================== helpers */

static TzZone *zone_named(PCall *c, const PStr *name)
{
    const char *n = name && name->len ? name->data : vm_timezone(c->vm);
    TzZone *z = tz_get(n);
    if (!z) vm_error(c, "Invalid timezone: \"%s\"", n);
    return z;
}

static int64_t bar_time(PCall *c, int64_t back)
{
    const Bars *b = vm_bars(c->vm);
    int64_t i = vm_bar_index(c->vm) - back;
    if (!b || i < 0 || (size_t)i >= b->n) return PINE_NA_INT;
    return b->time[i];
}

/* Java Calendar's week of year (weeks start on Sunday; week 1 holds January 1). */
static int week_of_year(const TzTime *t)
{
    int64_t days = tz_days_from_civil(t->year, t->month, t->day);
    int64_t next = tz_days_from_civil(t->year + 1, 1, 1);
    int next_wday = (int)(((next + 4) % 7 + 7) % 7); /* 0 = Sunday */
    if (days >= next - next_wday) return 1;
    int64_t jan1 = tz_days_from_civil(t->year, 1, 1);
    int jan1_wday = (int)(((jan1 + 4) % 7 + 7) % 7);
    return (int)((days - jan1 + jan1_wday) / 7) + 1;
}

enum Field { F_YEAR, F_MONTH, F_WEEK, F_DAY, F_WDAY, F_HOUR, F_MINUTE, F_SECOND };

static int64_t field_of(PCall *c, int64_t t, const PStr *tz, enum Field f)
{
    if (t == PINE_NA_INT) return PINE_NA_INT;
    TzTime b;
    tz_breakdown(zone_named(c, tz), t, &b);
    switch (f) {
    case F_YEAR: return b.year;
    case F_MONTH: return b.month;
    case F_WEEK: return week_of_year(&b);
    case F_DAY: return b.day;
    case F_WDAY: return b.wday;
    case F_HOUR: return b.hour;
    case F_MINUTE: return b.minute;
    default: return b.second;
    }
}

#define FIELD_FNS(name, f)                                                                 \
    static void var_##name(PCall *c) { c->out[0].i = field_of(c, bar_time(c, 0), NULL, f); } \
    static void fn_##name(PCall *c) { c->out[0].i = field_of(c, c->args[0].i, c->args[1].p, f); }

FIELD_FNS(year, F_YEAR)
FIELD_FNS(month, F_MONTH)
FIELD_FNS(weekofyear, F_WEEK)
FIELD_FNS(dayofmonth, F_DAY)
FIELD_FNS(dayofweek, F_WDAY)
FIELD_FNS(hour, F_HOUR)
FIELD_FNS(minute, F_MINUTE)
FIELD_FNS(second, F_SECOND)

/* ====================================================================== timestamp */

static int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

/* Local ms of a date whose fields may overflow (month 13, day 0, minute 90), like Java's
 * lenient calendar. */
static int64_t local_ms(int64_t y, int64_t mo, int64_t d, int64_t h, int64_t mi, int64_t s)
{
    y += floor_div(mo - 1, 12);
    mo = mo - 1 - floor_div(mo - 1, 12) * 12 + 1;
    int64_t days = tz_days_from_civil(y, (int)mo, 1) + d - 1;
    return ((days * 24 + h) * 60 + mi) * 60000 + s * 1000;
}

static void timestamp_fields(PCall *c, TzZone *z, const PValue *a, int n)
{
    int64_t v[6] = {0, 1, 1, 0, 0, 0};
    for (int i = 0; i < n && i < 6; i++) {
        if (a[i].i == PINE_NA_INT) {
            c->out[0].i = PINE_NA_INT;
            return;
        }
        v[i] = a[i].i;
    }
    c->out[0].i = tz_local_to_utc(z, local_ms(v[0], v[1], v[2], v[3], v[4], v[5]));
}

static void timestamp_ymd(PCall *c) { timestamp_fields(c, zone_named(c, NULL), c->args, c->nargs); }

static void timestamp_tz(PCall *c)
{
    timestamp_fields(c, zone_named(c, c->args[0].p), c->args + 1, c->nargs - 1);
}

static int month_of(const char *s)
{
    static const char names[] = "janfebmaraprmayjunjulaugsepoctnovdec";
    for (int i = 0; i < 12; i++)
        if (tolower((unsigned char)s[0]) == names[i * 3] &&
            tolower((unsigned char)s[1]) == names[i * 3 + 1] &&
            tolower((unsigned char)s[2]) == names[i * 3 + 2])
            return i + 1;
    return 0;
}

static const char *num(const char *s, int64_t *v, int maxd)
{
    int k = 0;
    *v = 0;
    while (isdigit((unsigned char)*s) && k < maxd) *v = *v * 10 + (*s++ - '0'), k++;
    return k ? s : NULL;
}

/* "2020-02-20", "2020-02-20T15:30:00+0000", "2020-02-20T15:30:00Z", "20 Feb 2020 15:30 +0000",
 * "Feb 20 2020 15:30:00 GMT+3". Returns 0 and sets *ms, or -1. */
static int parse_date(const char *s, int64_t *ms)
{
    int64_t y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0, t;
    while (*s == ' ') s++;
    if (isdigit((unsigned char)*s) && isdigit((unsigned char)s[1]) && isdigit((unsigned char)s[2])) {
        if (!(s = num(s, &y, 4)) || *s++ != '-' || !(s = num(s, &mo, 2)) || *s++ != '-' ||
            !(s = num(s, &d, 2)))
            return -1;
        if (*s == 'T' || *s == ' ') s++;
    } else {
        if (isdigit((unsigned char)*s)) {
            if (!(s = num(s, &d, 2))) return -1;
            while (*s == ' ') s++;
            if (!(mo = month_of(s))) return -1;
        } else {
            while (isalpha((unsigned char)*s) && !month_of(s)) s++; /* a weekday name */
            while (*s == ',' || *s == ' ') s++;
            if (!(mo = month_of(s))) return -1;
            while (isalpha((unsigned char)*s)) s++;
            while (*s == ' ') s++;
            if (!(s = num(s, &d, 2))) return -1;
        }
        while (isalpha((unsigned char)*s)) s++;
        while (*s == ' ' || *s == ',') s++;
        if (!(s = num(s, &y, 4))) return -1;
        while (*s == ' ') s++;
    }
    if (isdigit((unsigned char)*s)) {
        if (!(s = num(s, &h, 2)) || *s++ != ':' || !(s = num(s, &mi, 2))) return -1;
        if (*s == ':' && !(s = num(s + 1, &se, 2))) return -1;
        if (*s == '.')
            for (s++; isdigit((unsigned char)*s); s++) (void)0;
    }
    while (*s == ' ') s++;
    int64_t off = 0;
    if (!strncmp(s, "GMT", 3) || !strncmp(s, "UTC", 3)) s += 3;
    if (*s == 'Z') s++;
    else if (*s == '+' || *s == '-') {
        int sign = *s++ == '-' ? -1 : 1;
        int64_t hh, mm = 0;
        const char *p = s;
        if (!(s = num(s, &hh, 2))) return -1;
        if (*s == ':') s++;
        if (isdigit((unsigned char)*s) && !(s = num(s, &mm, 2))) return -1;
        if (s - p <= 2 && hh > 23) return -1;
        off = sign * (hh * 3600 + mm * 60);
    }
    while (*s == ' ') s++;
    if (*s || mo < 1 || mo > 12 || d < 1 || d > 31) return -1;
    t = local_ms(y, mo, d, h, mi, se) - off * 1000;
    *ms = t;
    return 0;
}

static void timestamp_string(PCall *c)
{
    const PStr *s = c->args[0].p;
    int64_t ms;
    if (!s || parse_date(s->data, &ms) != 0)
        vm_error(c, "Invalid date string in timestamp(): \"%s\"", s ? s->data : "");
    c->out[0].i = ms;
}

/* ====================================================================== timeframe.change */

/* Which period of timeframe [tf] local time [t] falls in; -1 for an unknown timeframe. */
static int period_key(const char *tf, int64_t chart_secs, int64_t local, int64_t *key)
{
    int64_t n = 0;
    const char *s = tf;
    while (isdigit((unsigned char)*s)) n = n * 10 + (*s++ - '0');
    if (s == tf) n = 1;
    char unit = *s ? *s : 'm';
    if (*s && s[1]) return -1;
    if (!*tf) {
        n = chart_secs > 0 ? chart_secs : 86400;
        unit = 'S';
    }
    if (n <= 0) return -1;
    int64_t days = floor_div(local, 86400000);
    switch (unit) {
    case 'S': *key = floor_div(local, n * 1000); return 0;
    case 'm': *key = floor_div(local, n * 60000); return 0;
    case 'H': *key = floor_div(local, n * 3600000); return 0;
    case 'D': *key = floor_div(days, n); return 0;
    case 'W': *key = floor_div(floor_div(days + 3, 7), n); return 0;
    case 'M': {
        int64_t y;
        int m, d;
        tz_civil_from_days(days, &y, &m, &d);
        *key = floor_div(y * 12 + m - 1, n);
        return 0;
    }
    default: return -1;
    }
}

static void timeframe_change(PCall *c)
{
    const PStr *tf = c->args[0].p;
    int64_t t = bar_time(c, 0), p = bar_time(c, 1), k0, k1;
    TzZone *z = zone_named(c, NULL);
    if (t == PINE_NA_INT) {
        c->out[0].i = 0;
        return;
    }
    const char *spec = tf ? tf->data : "";
    int64_t secs = vm_timeframe_seconds(c->vm);
    if (period_key(spec, secs, t + tz_offset(z, t) * 1000LL, &k0) != 0)
        vm_error(c, "Invalid timeframe in timeframe.change(): \"%s\"", spec);
    if (p == PINE_NA_INT) {
        c->out[0].i = 1;
        return;
    }
    period_key(spec, secs, p + tz_offset(z, p) * 1000LL, &k1);
    c->out[0].i = k0 != k1;
}

/* ====================================================================== tables */

#define FIELD_DEFS(name)                                                                     \
    {#name " -> series int", var_##name, 0, BF_VAR, NULL},                                  \
    {#name "(series int time, series string timezone = na) -> series int", fn_##name, 0,    \
     BF_PURE, NULL}

const BuiltinDef time_builtins[] = {
    FIELD_DEFS(year),
    FIELD_DEFS(month),
    FIELD_DEFS(weekofyear),
    FIELD_DEFS(dayofmonth),
    FIELD_DEFS(dayofweek),
    FIELD_DEFS(hour),
    FIELD_DEFS(minute),
    FIELD_DEFS(second),
    {"timestamp(series int year, series int month, series int day, series int hour = 0, series "
     "int minute = 0, series int second = 0) -> series int",
     timestamp_ymd, 0, BF_PURE, NULL},
    {"timestamp(series string timezone, series int year, series int month, series int day, "
     "series int hour = 0, series int minute = 0, series int second = 0) -> series int",
     timestamp_tz, 0, BF_PURE, NULL},
    {"timestamp(series string dateString) -> series int", timestamp_string, 0, BF_PURE, NULL},
    {"timeframe.change(series string timeframe) -> series bool", timeframe_change, 0, 0, NULL},
    {0, 0, 0, 0, 0},
};

const ConstDef time_consts[] = {
    {"dayofweek.sunday", "const int", {.i = 1}, NULL},
    {"dayofweek.monday", "const int", {.i = 2}, NULL},
    {"dayofweek.tuesday", "const int", {.i = 3}, NULL},
    {"dayofweek.wednesday", "const int", {.i = 4}, NULL},
    {"dayofweek.thursday", "const int", {.i = 5}, NULL},
    {"dayofweek.friday", "const int", {.i = 6}, NULL},
    {"dayofweek.saturday", "const int", {.i = 7}, NULL},
    {0, 0, {0}, 0},
};
