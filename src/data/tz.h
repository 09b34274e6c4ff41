/* Time zones and the calendar: UTC ↔ local time for IANA zones (read from the system's TZif
 * files), fixed offsets written the TradingView way ("UTC+5", "GMT-3:30", "UTC+0530"), and
 * civil-date arithmetic. Zones are loaded once and shared for the life of the process; each
 * thread remembers the offset interval of its last lookup in a zone, so a per-bar call is a
 * comparison. Safe to call from any number of threads. */
#ifndef PINE_TZ_H
#define PINE_TZ_H

#include <stdint.h>

typedef struct TzZone TzZone;

/* The zone called [name] ("America/New_York", "UTC", "GMT+3", "UTC-03:30", "Etc/GMT-2"), or
 * NULL when there is no such zone. NULL or "" is UTC. The result lives until exit. */
TzZone *tz_get(const char *name);

/* Seconds east of UTC in [z] at UNIX time [utc_ms]. */
int tz_offset(TzZone *z, int64_t utc_ms);

/* The UTC instant of local wall time [local_ms] (ms since 1970-01-01 local) in [z]. A wall time
 * repeated by a backward shift takes the earlier instant; one skipped by a forward shift is
 * moved forward by the gap (Java's ZonedDateTime rules). */
int64_t tz_local_to_utc(TzZone *z, int64_t local_ms);

/* Convenience forms by name: return 0, or -1 for an unknown zone. */
int tz_offset_at(const char *name, int64_t utc_ms, int *offset_sec);
int tz_local_to_utc_at(const char *name, int64_t local_ms, int64_t *utc_ms);

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. Month 1..12. */
int64_t tz_days_from_civil(int64_t y, int m, int d);
void tz_civil_from_days(int64_t days, int64_t *y, int *m, int *d);

/* A UTC instant broken down in a zone. */
typedef struct TzTime {
    int64_t year;
    int month, day, hour, minute, second, ms;
    int wday;   /* 1 = Sunday ... 7 = Saturday (Pine's dayofweek) */
    int yday;   /* 1..366 */
    int offset; /* seconds east of UTC */
} TzTime;

void tz_breakdown(TzZone *z, int64_t utc_ms, TzTime *out);

#endif
