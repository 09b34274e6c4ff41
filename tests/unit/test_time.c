/* Time zones and the calendar functions with an explicit time zone (no VM needed). Expected
 * instants computed by hand: 2024-03-10 is the US spring-forward day, 2024-11-03 fall-back. */
#include <stdio.h>
#include <string.h>

#include "builtins/builtins.h"
#include "data/tz.h"

extern const BuiltinDef time_builtins[];
static int failed;

static BuiltinFn fn(const char *sig)
{
    for (const BuiltinDef *d = time_builtins; d->sig; d++)
        if (!strncmp(d->sig, sig, strlen(sig))) return d->fn;
    return NULL;
}

static PStr *S(const char *s)
{
    static char buf[8][sizeof(PStr) + 64];
    static int k;
    PStr *p = (PStr *)buf[k++ % 8];
    p->len = (uint32_t)strlen(s);
    memcpy(p->data, s, p->len + 1);
    return p;
}

static void expect(const char *what, int64_t got, int64_t want)
{
    printf("%s %s", got == want ? "pass" : "FAIL", what);
    if (got != want) printf(": got %lld want %lld", (long long)got, (long long)want), failed = 1;
    printf("\n");
}

static int64_t call(const char *sig, PValue *args, int n)
{
    PValue out = {0};
    PCall c = {0};
    c.args = args;
    c.nargs = n;
    c.out = &out;
    fn(sig)(&c);
    return out.i;
}

int main(void)
{
    int off = 0;
    tz_offset_at("America/New_York", 1704067200000LL, &off); /* 2024-01-01T00:00Z */
    expect("New York offset in winter", off, -5 * 3600);
    tz_offset_at("America/New_York", 1720000000000LL, &off); /* 2024-07-03 */
    expect("New York offset in summer", off, -4 * 3600);
    tz_offset_at("America/New_York", 2540000000000LL, &off); /* 2050-06-28: footer rule */
    expect("New York offset in 2050 summer", off, -4 * 3600);
    tz_offset_at("UTC+5", 0, &off);
    expect("UTC+5", off, 5 * 3600);
    tz_offset_at("GMT-3:30", 0, &off);
    expect("GMT-3:30", off, -(3 * 3600 + 1800));
    expect("unknown zone", tz_offset_at("Mars/Olympus", 0, &off), -1);
    int64_t u = 0;
    tz_local_to_utc_at("America/New_York", 1710037800000LL, &u); /* local 2024-03-10 02:30 (gap) */
    expect("gap moves forward: 02:30 -> 07:30Z", u, 1710055800000LL);
    tz_local_to_utc_at("America/New_York", 1730597400000LL, &u); /* local 2024-11-03 01:30 (twice) */
    expect("overlap takes the earlier: 01:30 -> 05:30Z", u, 1730611800000LL);

    PValue a[7];
    a[0].p = S("UTC");
    a[1].i = 2020; a[2].i = 2; a[3].i = 20; a[4].i = 15; a[5].i = 30; a[6].i = 0;
    expect("timestamp(\"UTC\", 2020, 2, 20, 15, 30)", call("timestamp(series string timezone", a, 7), 1582212600000LL);
    a[0].p = S("America/New_York");
    expect("timestamp(NY, 2020, 2, 20, 15, 30)", call("timestamp(series string timezone", a, 7), 1582230600000LL);
    a[0].p = S("UTC"); a[1].i = 2019; a[2].i = 14; a[3].i = 20;
    expect("month 14 overflows into the next year", call("timestamp(series string timezone", a, 7), 1582212600000LL);
    a[0].p = S("2020-02-20T15:30:00+0000");
    expect("timestamp(ISO string)", call("timestamp(series string dateString", a, 1), 1582212600000LL);
    a[0].p = S("20 Feb 2020 15:30 +0000");
    expect("timestamp(RFC 2822 string)", call("timestamp(series string dateString", a, 1), 1582212600000LL);
    a[0].p = S("2020-02-20");
    expect("timestamp(date only) is UTC midnight", call("timestamp(series string dateString", a, 1), 1582156800000LL);

    PValue t[2];
    t[0].i = 1582212600000LL; /* Thursday 2020-02-20 15:30Z */
    t[1].p = S("UTC");
    expect("year", call("year(", t, 2), 2020);
    expect("month", call("month(", t, 2), 2);
    expect("dayofmonth", call("dayofmonth(", t, 2), 20);
    expect("dayofweek Thursday = 5", call("dayofweek(", t, 2), 5);
    expect("hour", call("hour(", t, 2), 15);
    expect("minute", call("minute(", t, 2), 30);
    expect("weekofyear", call("weekofyear(", t, 2), 8);
    t[1].p = S("Asia/Tokyo");
    expect("hour in Tokyo", call("hour(", t, 2), 0);
    expect("dayofmonth in Tokyo", call("dayofmonth(", t, 2), 21);
    t[0].i = 1703980800000LL; /* Sunday 2023-12-31: first day of 2024's week 1 */
    t[1].p = S("UTC");
    expect("weekofyear of Sunday 2023-12-31", call("weekofyear(", t, 2), 1);
    return failed;
}
