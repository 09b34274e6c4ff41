/* Calendar built-ins: year, month, ... of a bar's time (variables) or of any time (functions),
 * timestamp() in its three forms, timeframe.change(), and the dayofweek.* constants. Times are
 * UNIX ms; the zone is the chart's (vm_timezone) unless a timezone argument names another. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/bars.h"
#include "builtins/builtins.h"
#include "data/tz.h"

/* ====================================================================== helpers */

/* The errors, raised when the script runs and, for constant arguments, by the compiler
 * through the checks at the end of this file. */
#define BAD_ZONE "Invalid timezone: \"%s\""
#define BAD_DATE "Invalid date string in timestamp(): \"%s\""
#define BAD_TIMEFRAME "Invalid timeframe in %s(): \"%s\""
#define BAD_SESSION "Invalid session: \"%s\""

static TzZone *zone_named(PCall *c, const PStr *name) {
    const char *n = name && name->len ? name->data : vm_timezone(c->vm);
    TzZone *z = tz_get(n);
    if (!z) vm_error(c, BAD_ZONE, n);
    return z;
}

static int64_t bar_time(PCall *c, int64_t back) {
    const Bars *b = vm_bars(c->vm);
    if (!b || vm_bar_index(c->vm) - back < 0) return PINE_NA_INT;
    int64_t i = vm_bar_index(c->vm) - back - b->base;
    if (i < 0 || (size_t)i >= b->n) return PINE_NA_INT;
    return b->time[i];
}

/* Java Calendar's week of year (weeks start on Sunday; week 1 holds January 1). */
static int week_of_year(const TzTime *t) {
    int64_t days = tz_days_from_civil(t->year, t->month, t->day);
    int64_t next = tz_days_from_civil(t->year + 1, 1, 1);
    int next_wday = (int)(((next + 4) % 7 + 7) % 7); /* 0 = Sunday */
    if (days >= next - next_wday) return 1;
    int64_t jan1 = tz_days_from_civil(t->year, 1, 1);
    int jan1_wday = (int)(((jan1 + 4) % 7 + 7) % 7);
    return (int)((days - jan1 + jan1_wday) / 7) + 1;
}

enum Field { F_YEAR, F_MONTH, F_WEEK, F_DAY, F_WDAY, F_HOUR, F_MINUTE, F_SECOND };

static int64_t field_of(PCall *c, int64_t t, const PStr *tz, enum Field f) {
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

#define FIELD_FNS(name, f)                                                                         \
    static void var_##name(PCall *c) {                                                             \
        c->out[0].i = field_of(c, bar_time(c, 0), NULL, f);                                        \
    }                                                                                              \
    static void fn_##name(PCall *c) {                                                              \
        c->out[0].i = field_of(c, c->args[0].i, c->args[1].p, f);                                  \
    }

FIELD_FNS(year, F_YEAR)
FIELD_FNS(month, F_MONTH)
FIELD_FNS(weekofyear, F_WEEK)
FIELD_FNS(dayofmonth, F_DAY)
FIELD_FNS(dayofweek, F_WDAY)
FIELD_FNS(hour, F_HOUR)
FIELD_FNS(minute, F_MINUTE)
FIELD_FNS(second, F_SECOND)

/* ====================================================================== timestamp */

static int64_t floor_div(int64_t a, int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

/* Local ms of a date whose fields may overflow (month 13, day 0, minute 90), like Java's
 * lenient calendar. */
static int64_t local_ms(int64_t y, int64_t mo, int64_t d, int64_t h, int64_t mi, int64_t s) {
    y += floor_div(mo - 1, 12);
    mo = mo - 1 - floor_div(mo - 1, 12) * 12 + 1;
    int64_t days = tz_days_from_civil(y, (int)mo, 1) + d - 1;
    return ((days * 24 + h) * 60 + mi) * 60000 + s * 1000;
}

static void timestamp_fields(PCall *c, TzZone *z, const PValue *a, int n) {
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

static void timestamp_ymd(PCall *c) {
    timestamp_fields(c, zone_named(c, NULL), c->args, c->nargs);
}

static void timestamp_tz(PCall *c) {
    timestamp_fields(c, zone_named(c, c->args[0].p), c->args + 1, c->nargs - 1);
}

static int month_of(const char *s) {
    static const char names[] = "janfebmaraprmayjunjulaugsepoctnovdec";
    for (int i = 0; i < 12; i++)
        if (tolower((unsigned char)s[0]) == names[i * 3] &&
            tolower((unsigned char)s[1]) == names[i * 3 + 1] &&
            tolower((unsigned char)s[2]) == names[i * 3 + 2])
            return i + 1;
    return 0;
}

static const char *num(const char *s, int64_t *v, int maxd) {
    int k = 0;
    *v = 0;
    while (isdigit((unsigned char)*s) && k < maxd)
        *v = *v * 10 + (*s++ - '0'), k++;
    return k ? s : NULL;
}

/* "2020-02-20", "2020-02-20T15:30:00+0000", "2020-02-20T15:30:00Z", "20 Feb 2020 15:30 +0000",
 * "Feb 20 2020 15:30:00 GMT+3". Returns 0 and sets *ms, or -1. */
static int parse_date(const char *s, int64_t *ms) {
    int64_t y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0, t;
    while (*s == ' ')
        s++;
    if (isdigit((unsigned char)*s) && isdigit((unsigned char)s[1]) &&
        isdigit((unsigned char)s[2])) {
        if (!(s = num(s, &y, 4)) || *s++ != '-' || !(s = num(s, &mo, 2)) || *s++ != '-' ||
            !(s = num(s, &d, 2)))
            return -1;
        if (*s == 'T' || *s == ' ') s++;
    } else {
        if (isdigit((unsigned char)*s)) {
            if (!(s = num(s, &d, 2))) return -1;
            while (*s == ' ')
                s++;
            if (!(mo = month_of(s))) return -1;
        } else {
            while (isalpha((unsigned char)*s) && !month_of(s))
                s++; /* a weekday name */
            while (*s == ',' || *s == ' ')
                s++;
            if (!(mo = month_of(s))) return -1;
            while (isalpha((unsigned char)*s))
                s++;
            while (*s == ' ')
                s++;
            if (!(s = num(s, &d, 2))) return -1;
        }
        while (isalpha((unsigned char)*s))
            s++;
        while (*s == ' ' || *s == ',')
            s++;
        if (!(s = num(s, &y, 4))) return -1;
        while (*s == ' ')
            s++;
    }
    if (isdigit((unsigned char)*s)) {
        if (!(s = num(s, &h, 2)) || *s++ != ':' || !(s = num(s, &mi, 2))) return -1;
        if (*s == ':' && !(s = num(s + 1, &se, 2))) return -1;
        if (*s == '.')
            for (s++; isdigit((unsigned char)*s); s++)
                (void)0;
    }
    while (*s == ' ')
        s++;
    int64_t off = 0;
    if (!strncmp(s, "GMT", 3) || !strncmp(s, "UTC", 3)) s += 3;
    if (*s == 'Z')
        s++;
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
    while (*s == ' ')
        s++;
    if (*s || mo < 1 || mo > 12 || d < 1 || d > 31) return -1;
    t = local_ms(y, mo, d, h, mi, se) - off * 1000;
    *ms = t;
    return 0;
}

static void timestamp_string(PCall *c) {
    const PStr *s = c->args[0].p;
    int64_t ms;
    if (!s || parse_date(s->data, &ms) != 0) vm_error(c, BAD_DATE, s ? s->data : "");
    c->out[0].i = ms;
}

/* ====================================================================== timeframe.change */

/* Splits timeframe [tf] into a count and a unit letter (minutes when there is none); "" is the
 * chart's own, [chart_secs] seconds (a day when unknown). Returns -1 when more than one letter
 * follows the count. */
static int timeframe_split(const char *tf, int64_t chart_secs, int64_t *n, char *unit) {
    const char *s = tf;
    *n = 0;
    while (isdigit((unsigned char)*s))
        *n = *n * 10 + (*s++ - '0');
    if (s == tf) *n = 1;
    *unit = *s ? *s : 'm';
    if (*s && s[1]) return -1;
    if (!*tf) {
        *n = chart_secs > 0 ? chart_secs : 86400;
        *unit = 'S';
    }
    return 0;
}

/* Which period of timeframe [tf] local time [t] falls in; -1 for an unknown timeframe. */
static int period_key(const char *tf, int64_t chart_secs, int64_t local, int64_t *key) {
    int64_t n;
    char unit;
    if (timeframe_split(tf, chart_secs, &n, &unit) != 0 || n <= 0) return -1;
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

/* ====================================================================== time() */

/* The local time (ms) where the period [key] of timeframe [tf] starts (see period_key). */
static int64_t period_start(const char *tf, int64_t chart_secs, int64_t key) {
    int64_t n;
    char unit;
    timeframe_split(tf, chart_secs, &n, &unit);
    switch (unit) {
    case 'S': return key * n * 1000;
    case 'm': return key * n * 60000;
    case 'H': return key * n * 3600000;
    case 'D': return key * n * 86400000;
    case 'W': return (key * n * 7 - 3) * 86400000;
    default: {
        int64_t months = key * n, y = floor_div(months, 12);
        int m = (int)(months - y * 12) + 1;
        return tz_days_from_civil(y, m, 1) * 86400000;
    }
    }
}

/* One range of a session string: minutes of the day and the weekdays it applies to. */
typedef struct SessionRange {
    int start, end; /* minutes after local midnight; end <= start: the range crosses midnight */
    unsigned days;  /* bit d (1 = Sunday ... 7 = Saturday) */
} SessionRange;

/* Parses TradingView's session text: "0930-1600", "0930-1200,1300-1600", "1700-1600:23456",
 * "24x7". Returns the number of ranges (at most [max]), or -1 when it is not a session. */
static int parse_session(const char *s, SessionRange *r, int max) {
    if (!strcmp(s, "24x7")) {
        r[0] = (SessionRange){0, 0, 0xFE};
        return 1;
    }
    const char *colon = strchr(s, ':');
    unsigned days = 0xFE;
    if (colon) {
        days = 0;
        for (const char *d = colon + 1; *d; d++) {
            if (*d < '1' || *d > '7') return -1;
            days |= 1u << (*d - '0');
        }
        if (!days) return -1;
    }
    int n = 0;
    const char *p = s;
    while (p < (colon ? colon : s + strlen(s))) {
        int v[2];
        for (int k = 0; k < 2; k++) {
            if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]) ||
                !isdigit((unsigned char)p[2]) || !isdigit((unsigned char)p[3]))
                return -1;
            int hh = (p[0] - '0') * 10 + (p[1] - '0'), mm = (p[2] - '0') * 10 + (p[3] - '0');
            if (hh > 24 || mm > 59 || (hh == 24 && mm)) return -1;
            v[k] = hh * 60 + mm;
            p += 4;
            if (k == 0 && *p++ != '-') return -1;
        }
        if (n == max) return -1;
        r[n++] = (SessionRange){v[0] % 1440, v[1] % 1440, days};
        if (*p == ',')
            p++;
        else if (p != (colon ? colon : s + strlen(s)))
            return -1;
    }
    return n;
}

/* The start (local minutes, in [local_day] terms) of the session range holding local time
 * [local], or -1 when none does. A range crossing midnight belongs to the day it starts. */
static int64_t session_start(const SessionRange *r, int n, int64_t local) {
    int64_t day = floor_div(local, 86400000);
    int minute = (int)((local - day * 86400000) / 60000);
    int wday = (int)(floor_div(day + 4, 7) * -7 + day + 4) + 1; /* 1970-01-01 was a Thursday */
    for (int k = 0; k < n; k++) {
        const SessionRange *s = &r[k];
        int whole = s->start == s->end;
        if (s->start < s->end || whole) {
            if ((whole || (minute >= s->start && minute < s->end)) && (s->days >> wday & 1))
                return day * 1440 + (whole ? 0 : s->start);
        } else if (minute >= s->start) {
            if (s->days >> wday & 1) return day * 1440 + s->start;
        } else if (minute < s->end) {
            int prev = wday == 1 ? 7 : wday - 1;
            if (s->days >> prev & 1) return (day - 1) * 1440 + s->start;
        }
    }
    return -1;
}

/* time(timeframe, session, timezone) and time_close(...): the open (close) time of the bar of
 * [timeframe] that holds the current bar, na when the bar is outside [session]. Periods are
 * counted in the session's time zone (the chart's by default); intraday periods inside a
 * session start at the session's start (Reference Manual, time()). */
static void time_of(PCall *c, int closing) {
    const PStr *tfs = c->args[0].p, *ses = c->args[1].p;
    TzZone *z = zone_named(c, c->args[2].p);
    int64_t t = bar_time(c, 0);
    if (t == PINE_NA_INT) {
        c->out[0].i = PINE_NA_INT;
        return;
    }
    const char *tf = tfs ? tfs->data : "";
    int64_t secs = vm_timeframe_seconds(c->vm), key;
    int64_t local = t + tz_offset(z, t) * 1000LL;
    if (period_key(tf, secs, local, &key) != 0)
        vm_error(c, BAD_TIMEFRAME, closing ? "time_close" : "time", tf);
    int64_t start = period_start(tf, secs, key), next = period_start(tf, secs, key + 1);
    if (ses && ses->len) {
        SessionRange r[16];
        int n = parse_session(ses->data, r, 16);
        if (n < 0) vm_error(c, BAD_SESSION, ses->data);
        int64_t s0 = session_start(r, n, local);
        if (s0 < 0) {
            c->out[0].i = PINE_NA_INT;
            return;
        }
        int64_t len = next - start;
        if (len < 86400000) {
            /* intraday periods count from the session's start */
            int64_t from = s0 * 60000;
            start = from + floor_div(local - from, len) * len;
            next = start + len;
        }
    }
    int64_t at = closing ? next : start;
    c->out[0].i = tz_local_to_utc(z, at);
}

static void time_fn(PCall *c) {
    time_of(c, 0);
}
static void time_close_fn(PCall *c) {
    time_of(c, 1);
}

static void timeframe_change(PCall *c) {
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
        vm_error(c, BAD_TIMEFRAME, "timeframe.change", spec);
    if (p == PINE_NA_INT) {
        c->out[0].i = 1;
        return;
    }
    period_key(spec, secs, p + tz_offset(z, p) * 1000LL, &k1);
    c->out[0].i = k0 != k1;
}

/* ====================================================================== compile-time checks */

static const char *check_zone(const char *s, char *msg, size_t n) {
    if (!s || !*s || tz_get(s)) return NULL;
    snprintf(msg, n, BAD_ZONE, s);
    return msg;
}

static const char *check_timeframe(const char *fn, const char *s, char *msg, size_t n) {
    int64_t key;
    if (period_key(s ? s : "", 60, 0, &key) == 0) return NULL;
    snprintf(msg, n, BAD_TIMEFRAME, fn, s);
    return msg;
}

static const char *check_session(const char *s, char *msg, size_t n) {
    SessionRange r[16];
    if (!s || !*s || parse_session(s, r, 16) >= 0) return NULL;
    snprintf(msg, n, BAD_SESSION, s);
    return msg;
}

/* year(time, timezone) and the other fields */
static const char *check_field(int param, const char *s, char *msg, size_t n) {
    return param == 1 ? check_zone(s, msg, n) : NULL;
}
static const char *check_timestamp_tz(int param, const char *s, char *msg, size_t n) {
    return param == 0 ? check_zone(s, msg, n) : NULL;
}
static const char *check_timestamp_string(int param, const char *s, char *msg, size_t n) {
    int64_t ms;
    if (s && parse_date(s, &ms) == 0) return NULL;
    snprintf(msg, n, BAD_DATE, s ? s : "");
    return msg;
}
static const char *check_timeframe_change(int param, const char *s, char *msg, size_t n) {
    return check_timeframe("timeframe.change", s, msg, n);
}
static const char *check_time_args(const char *fn, int param, const char *s, char *msg, size_t n) {
    return param == 0   ? check_timeframe(fn, s, msg, n)
           : param == 1 ? check_session(s, msg, n)
                        : check_zone(s, msg, n);
}
static const char *check_time(int param, const char *s, char *msg, size_t n) {
    return check_time_args("time", param, s, msg, n);
}
static const char *check_time_close(int param, const char *s, char *msg, size_t n) {
    return check_time_args("time_close", param, s, msg, n);
}

/* ====================================================================== tables */

#define FIELD_DEFS(name)                                                                           \
    {#name " -> series int", var_##name, 0, BF_VAR, NULL}, {                                       \
#name "(series int time, series string timezone = na) -> series int", fn_##name, 0,        \
            BF_PURE, NULL, .check = check_field                                                    \
    }

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
     timestamp_tz, 0, BF_PURE, NULL, .check = check_timestamp_tz},
    {"timestamp(series string dateString) -> series int", timestamp_string, 0, BF_PURE, NULL,
     .check = check_timestamp_string},
    {"timeframe.change(series string timeframe) -> series bool", timeframe_change, 0, 0, NULL,
     .check = check_timeframe_change},
    {"time(series string timeframe, series string session = na, series string timezone = na) "
     "-> series int",
     time_fn, 0, 0, NULL, .check = check_time},
    {"time_close(series string timeframe, series string session = na, "
     "series string timezone = na) -> series int",
     time_close_fn, 0, 0, NULL, .check = check_time_close},
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
