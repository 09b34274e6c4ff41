/* OHLCV bars loaded from a CSV file (csv_read.c, libcsv) and the chart-data export
 * (csv_write.c). Times are UNIX milliseconds, UTC, like Pine's `time`. */
#ifndef PINE_BARS_H
#define PINE_BARS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef enum TimeForm {
    TIME_UNIX_S,   /* 1672639200 */
    TIME_UNIX_MS,  /* 1672639200000 */
    TIME_ISO,      /* 2022-01-02T17:00:00-05:00 (offset kept per row in utc_offset_min) */
} TimeForm;

typedef struct Bars {
    size_t n, cap;
    int64_t *time;            /* UNIX ms, UTC */
    double *open, *high, *low, *close, *volume; /* volume is NaN where absent */
    int16_t *utc_offset_min;  /* TIME_ISO: the offset each row was written with; else NULL */
    TimeForm time_form;
    int has_volume;
    int price_decimals;       /* most decimals seen in a price field (to infer mintick) */
    char symbol[64];          /* from a symbol column, else empty */
} Bars;

typedef struct BarsLoadOptions {
    const char *timezone; /* IANA name for naive date-times; NULL = UTC */
    const char *symbol;   /* pick this symbol from a multi-symbol file; NULL = the only one */
} BarsLoadOptions;

/* Loads [path] ("-" = standard input). On error prints `file:line: column: problem` to
 * stderr and returns -1 (exit code 2 for the CLI); 0 on success. */
int bars_load(const char *path, const BarsLoadOptions *opt, Bars *out);
void bars_free(Bars *b);

/* Writes TradingView's "Export chart data" layout:
 * time,open,high,low,close,<titles...>,Volume ; NaN for na; numbers in the shortest form that
 * reads back to the same double (numfmt.h); time in the input's form. cols[k][i] is the value
 * of column k at bar i. Returns 0, or -1 on a write error. */
int bars_write_chart(FILE *out, const Bars *b, int ncols, const char *const *titles,
                     const double *const *cols);

#endif
