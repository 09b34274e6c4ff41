/* OHLCV bars read from a CSV file (csv_read.c, libcsv), whole or as a sliding window of a stream,
 * and the chart-data export (csv_write.c). Times are UNIX milliseconds, UTC, like Pine's `time`. */
#ifndef PINE_BARS_H
#define PINE_BARS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef enum TimeForm {
    TIME_UNIX_S,  /* 1672639200 */
    TIME_UNIX_MS, /* 1672639200000 */
    TIME_ISO,     /* 2022-01-02T17:00:00-05:00 (offset kept per row in utc_offset_min) */
} TimeForm;

/* Bars [base, base + n) of the data: bar i is element i - base of every column. A loaded file
 * has base 0; a stream's window (bars_reader_next, bars_drop_front) moves base forward. */
typedef struct Bars {
    size_t n, cap;
    int64_t base;                               /* absolute index of element 0 */
    int64_t *time;                              /* UNIX ms, UTC */
    double *open, *high, *low, *close, *volume; /* volume is NaN where absent */
    int16_t *utc_offset_min; /* TIME_ISO (the first row's form): each row's offset; else NULL */
    TimeForm time_form;
    int has_volume;
    int price_decimals; /* most decimals seen in a price field (to infer mintick) */
    char symbol[64];    /* from a symbol column, else empty */
    size_t first;       /* bars before this index are warm-up only (bars_select) */
} Bars;

typedef struct BarsLoadOptions {
    const char *timezone; /* IANA name for naive date-times; NULL = UTC */
    const char *symbol;   /* pick this symbol from a multi-symbol file; NULL = the only one */
    int sort;             /* sort rows by time instead of refusing rows out of order */
    int lenient;          /* skip bad rows (one summary on stderr) instead of failing */
    int adjusted;         /* scale open/high/low/close by Adj Close / Close (Yahoo) */
} BarsLoadOptions;

/* Loads [path] ("-" = standard input). On error prints `file:line: column: problem` to
 * stderr and returns -1 (exit code 2 for the CLI); 0 on success. */
int bars_load(const char *path, const BarsLoadOptions *opt, Bars *out);
void bars_free(Bars *b);

/* Reads bars a chunk at a time, with the checks and messages of bars_load (which is built on
 * it): the order of times is checked against the previous bar even when it has left the
 * window, line numbers count from the start of the input, and the checks of the whole file
 * (no bars, several symbols) are made when the input ends. --sort needs every row before the
 * first bar: it sorts the window when the input ends, so read it in one call (bars_load does).
 * --lenient skips rows as they come and sums them up at the end. */
typedef struct BarsReader BarsReader;
/* Opens [path] ("-" = standard input); NULL after a message on stderr. */
BarsReader *bars_reader_open(const char *path, const BarsLoadOptions *opt);
/* Appends the next bars to [window] (empty or filled by earlier calls): [max_new] of them
 * exactly when rows have no quotes, else up to a 4 KB piece of input more. Returns 1 when more
 * input may follow, 0 when the input has ended (the last bars, if any, are appended), -1
 * after a message on stderr. The window's columns may move (realloc). */
int bars_reader_next(BarsReader *r, Bars *window, size_t max_new);
void bars_reader_close(BarsReader *r);
/* Drops the first [k] bars of [b] (k <= b->n) and moves b->base past them. */
void bars_drop_front(Bars *b, size_t k);

/* Reads a --from/--to value: UNIX seconds or milliseconds, or an ISO 8601 date or date-time
 * (naive ones in [timezone], NULL = UTC). A bare date given as an [is_end] bound means the end
 * of that day. Returns 0 and sets *ms, or -1 when [text] is not a time. */
int bars_parse_bound(const char *text, const char *timezone, int is_end, int64_t *ms);

/* Keeps the bars with from_ms <= time <= to_ms plus up to [warmup] bars before them, and sets
 * b->first (and *first_out) to the index of the first bar in range. Returns 0, or -1 when no
 * bar is in range. */
int bars_select(Bars *b, int64_t from_ms, int64_t to_ms, size_t warmup, size_t *first_out);

/* The time of bar [i] as the file wrote it (UNIX seconds or ms, or ISO 8601 with its offset);
 * [buf] holds 40 bytes. Returns the length. */
int bars_time_text(const Bars *b, size_t i, char *buf);

/* Reads one time field the way the loader does: UNIX s/ms/µs by magnitude, ISO 8601 with Z or
 * an offset, naive date-times in [zone] (NULL = UTC). Sets *ms, *off_min and *form; returns 0,
 * or -1 when [s] is not a time. */
struct TzZone;
int bars_parse_time(const char *s, size_t len, struct TzZone *zone, int64_t *ms, int *off_min,
                    TimeForm *form);

/* The CSV dialect of every file pine reads (bars, io.series, pine test's references), from
 * its first bytes [s, len) (the whole first line at least): the delimiter is ',', ';' or tab,
 * whichever occurs most outside quotes on the first non-blank line, and a tab-separated file
 * keeps the spaces inside its fields. Sets libcsv's parser [p] up for it, stores the delimiter
 * in *[delim] (when not NULL) and returns the length of a UTF-8 BOM to skip (0 or 3). */
struct csv_parser;
size_t bars_csv_dialect(struct csv_parser *p, const char *s, size_t len, unsigned char *delim);

/* The other layouts `pine convert` and io.export_chart write (csv_write.c); each returns 0, or
 * -1 on a write error or an unknown zone.
 * TradingView's "Import Data": time,open,high,low,close,volume[,<titles...>] with the time as
 * `YYYY-MM-DD HH:MM:SS` (`.mmm` added when a time has milliseconds) in [timezone] (NULL = UTC);
 * na is an empty field. */
int bars_write_tv_import(FILE *out, const Bars *b, const char *timezone, int ncols,
                         const char *const *titles, const double *const *cols);
/* The bot's layout: date,open,high,low,close,volume,symbol with the date as ISO 8601 with an
 * offset (`2022-01-03 00:00:00+00:00`, what pandas writes for a tz-aware index): the offset of
 * [timezone] when given, else the input's own (UTC for UNIX times). na is an empty field. */
int bars_write_bot(FILE *out, const Bars *b, const char *timezone, const char *symbol);
/* The chart-export layout with the time always in UNIX seconds (ms when a time has a fraction
 * of a second), whatever the input's form. */
int bars_write_tv_export(FILE *out, const Bars *b);

/* Writes TradingView's "Export chart data" layout:
 * time,open,high,low,close,<titles...>,Volume ; NaN for na; numbers in the shortest form that
 * reads back to the same double (numfmt.h); time in the input's form. cols[k][i - b->base] is
 * the value of column k at bar i. Like every writer here it writes bars [b->first, b->n): warm-up
 * bars are left out. Returns 0, or -1 on a write error. */
int bars_write_chart(FILE *out, const Bars *b, int ncols, const char *const *titles,
                     const double *const *cols);

/* The same layout written as rows become final (streaming): open starts with the header line
 * (NULL when out of memory); rows writes bars [from, to) (absolute indices inside [b]'s window)
 * with cols[k][i - b->base]; close flushes and frees. rows and close return 0, or -1 on a
 * write error. */
typedef struct ChartOut ChartOut;
ChartOut *bars_chart_open(FILE *out, int ncols, const char *const *titles);
int bars_chart_rows(ChartOut *w, const Bars *b, int64_t from, int64_t to,
                    const double *const *cols);
int bars_chart_close(ChartOut *w);

#endif
