/* Number and time text: the shortest decimal that reads back to the same double, written the
 * way TradingView's exports (JavaScript's Number#toString) write it, and ISO 8601 times. */
#ifndef PINE_NUMFMT_H
#define PINE_NUMFMT_H

#include <stddef.h>
#include <stdint.h>

/* Writes [v] into [buf] (at least 32 bytes) like JavaScript's String(v): shortest round-trip
 * digits; plain notation for 1e-7 <= |v| < 1e21 ("0.0008199999999998209", "100", "-1.5"),
 * exponent form otherwise ("1e-7", "1.5e+21"); "NaN" for NaN, "Infinity"/"-Infinity".
 * Returns the length. */
int fmt_double(char *buf, double v);

/* Parses a decimal number (the whole of s[0..len)); returns 0 and sets *out, or -1. Accepts
 * what fmt_double writes, plus leading '+', and "nan"/"NaN" (as NaN). */
int parse_double(const char *s, size_t len, double *out);

/* Writes UNIX ms [t] as ISO 8601 with the given offset: "2022-01-03T19:00:00-05:00".
 * Returns the length; buf must hold 40 bytes. */
int fmt_time_iso(char *buf, int64_t t_ms, int offset_min);

/* Parses ISO 8601 date-times: "2022-01-02T17:00:00-05:00", "...Z", "2022-01-02 17:00:00",
 * "2022-01-02" (naive forms report has_offset = 0, time taken as UTC). Sets *t_ms and
 * *offset_min. Returns 0 or -1. */
int parse_time_iso(const char *s, size_t len, int64_t *t_ms, int *offset_min, int *has_offset);

#endif
