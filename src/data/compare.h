/* The comparison core of `pine test`: reference CSV files read as text tables, plot columns
 * paired by title and rows by time, values compared within tolerances (na only equals na),
 * and trade lists (TradingView's "List of trades" or a translation's one-row-per-trade file)
 * compared trade by trade. Reports in text, JSON and JUnit XML. */
#ifndef PINE_COMPARE_H
#define PINE_COMPARE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "data/bars.h"
#include "data/tz.h"

/* {====== TABLES */

/* A CSV file as text: a header and rows of cells (',', ';' or tab; quotes, BOM, CRLF). */
typedef struct CmpTable {
    const char *path;
    int ncols;
    char **names; /* ncols header names, trimmed */
    size_t nrows;
    char **cells; /* nrows * ncols, row-major; missing trailing cells are "" */
    long *lines;  /* file line of each row */
} CmpTable;

/* Reads [path]. On error prints `path:line: problem` to stderr and returns -1. */
int cmp_table_load(const char *path, CmpTable *t);
void cmp_table_free(CmpTable *t);
static inline const char *cmp_cell(const CmpTable *t, size_t row, int col) {
    return t->cells[row * (size_t)t->ncols + (size_t)col];
}
/* The column whose normalized name equals [name]'s (cmp_same_title), or -1. */
int cmp_table_column(const CmpTable *t, const char *name);

/* Whether two titles name the same thing: case, spaces and underscores ignored
 * ("Fast SMA" = "fast_sma" = "FASTSMA"). */
int cmp_same_title(const char *a, const char *b);

/* }====== */

/* {====== TIMES AND NUMBERS */

/* A time as written in a reference: UNIX seconds or milliseconds, or ISO 8601. [naive] is set
 * for a date-time without an offset; its [t] is then wall-clock ms (as if UTC). */
typedef struct CmpTime {
    int64_t t;
    int naive;
    int offset_min; /* the offset it was written with (0 for UNIX times) */
} CmpTime;

/* Whether two written times are the same instant; a naive time is compared with the other's
 * wall-clock time. */
int cmp_same_time(const CmpTime *a, const CmpTime *b);

int cmp_parse_time(const char *s, CmpTime *out);

/* The time columns of a table: [*tcol] a time/datetime/timestamp/date column (or an unnamed
 * first column, as pandas writes an index), [*ccol] a separate clock column ("Date,Time" in
 * backtrader's files) or -1. Returns 0, or -1 when there is none. */
int cmp_time_columns(const CmpTable *t, int *tcol, int *ccol);
/* The time of [row]; returns 0 or -1 when it is not a time. */
int cmp_row_time(const CmpTable *t, size_t row, int tcol, int ccol, CmpTime *out);

/* Reads a cell as a number: "", "NaN", "nan", "na", "None", "null" are na (NaN);
 * "true"/"false" are 1/0; commas as thousands separators are not accepted. Returns 0 or -1. */
int cmp_parse_value(const char *s, double *out);

typedef struct CmpTol {
    double abs_tol, rel_tol;
} CmpTol;

#define CMP_DEFAULT_ABS_TOL 1e-9
#define CMP_DEFAULT_REL_TOL 1e-9

/* Whether [got] matches [expected]: both na, or |got - expected| <= abs_tol, or
 * <= rel_tol * max(|got|, |expected|). */
int cmp_values_match(double expected, double got, const CmpTol *tol);

/* }====== */

/* The offset (minutes) bar [i] is shown with: the one its row was written with (ISO data),
 * else [zone]'s (NULL: UTC). */
int cmp_bar_offset(const Bars *b, TzZone *zone, size_t i);
/* Writes bar [i]'s time as ISO 8601 with that offset ("Z" for UTC); buf holds 48 bytes. */
void cmp_bar_time(char *buf, const Bars *b, TzZone *zone, size_t i);

/* {====== PLOT COLUMNS */

/* What one plot column's comparison found. Bars are indices into the run's bars. */
typedef struct CmpColumn {
    const char *title;    /* the plot's */
    const char *ref_name; /* the reference column's, or NULL when unpaired */
    size_t compared, differing;
    long first_bar; /* -1 when all match */
    double first_expected, first_got;
    long worst_bar; /* the largest numeric difference (-1 when none is numeric) */
    double worst_expected, worst_got;
} CmpColumn;

void cmp_column_init(CmpColumn *c, const char *title, const char *ref_name);
/* Adds the pair of values at [bar]. */
void cmp_column_add(CmpColumn *c, long bar, double expected, double got, const CmpTol *tol);

/* Everything a report needs besides the columns. */
typedef struct CmpReport {
    const char *script, *data, *expect;
    CmpTol tol;
    size_t nbars;        /* bars the script ran on */
    size_t ref_rows;     /* rows of the reference */
    size_t matched_rows; /* reference rows that fell on a bar */
    CmpColumn *cols;
    int ncols;
    const char **unpaired_refs; /* reference columns no plot was paired with */
    int nunpaired_refs;
    /* trades (--expect-trades): the text of cmp_trades_compare, NULL when not compared */
    const char *trades_report;
    int trades_differing;
    /* renders the time of a bar for messages: writes into buf (64 bytes) */
    void (*bar_time)(char *buf, long bar, void *ud);
    void *ud;
} CmpReport;

/* Number of paired columns that differ, plus one when the trades differ. */
int cmp_report_differing(const CmpReport *r);
void cmp_report_text(const CmpReport *r, FILE *out);
void cmp_report_json(const CmpReport *r, FILE *out);
void cmp_report_junit(const CmpReport *r, FILE *out);

/* }====== */

/* {====== TRADES */

/* One closed (or still open) trade, from either layout. */
typedef struct CmpTrade {
    long number; /* Trade # or the row order */
    int dir;     /* +1 long, -1 short, 0 unknown */
    CmpTime entry_time, exit_time;
    int has_exit;                             /* 0 for a trade still open */
    double entry_price, exit_price, qty, pnl; /* NaN when the file has no such column */
    char entry_signal[64], exit_signal[64];
    char entry_time_text[48], exit_time_text[48];
    char entry_price_text[32], exit_price_text[32], qty_text[32], pnl_text[32];
    long line; /* file line of its (first) row */
} CmpTrade;

typedef struct CmpTrades {
    CmpTrade *v;
    size_t n;
    int has_signals; /* the file names signals (TradingView's layout) */
} CmpTrades;

/* Reads a trade list: TradingView's "List of trades" export (Trade #, Type, Date/Time,
 * Signal, Price <cur>, Position size (qty), Net P&L <cur>, ...; two rows per trade), or one row
 * per trade with the columns documented in docs/translations.md (entry_time, entry_price,
 * exit_time, exit_price, direction or a signed size, pnl; backtrader's names dtopen, dtclose,
 * priceopen, priceclose, pnlcomm are accepted). Returns 0, or -1 after a message. */
int cmp_trades_load(const char *path, CmpTrades *out);
void cmp_trades_free(CmpTrades *t);

/* Compares [got] with the reference [ref] trade by trade, paired by entry time (numbers within
 * the tolerance or within the reference's displayed rounding), and writes a report to [out].
 * Returns the number of differing, missing and extra trades. */
int cmp_trades_compare(const CmpTrades *ref, const CmpTrades *got, const CmpTol *tol, FILE *out);

/* }====== */

#endif
