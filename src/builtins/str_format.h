/* Number → text the way TradingView writes it: str.tostring's formatter, str.format's
 * (Java MessageFormat/DecimalFormat) and Java's Double.toString (array.join). Shared by
 * str.c and array.c; the rules and the measurements behind them are in
 * docs/builtins-notes-str-array-color-time.md. */
#ifndef PINE_STR_FORMAT_H
#define PINE_STR_FORMAT_H

#include <stddef.h>
#include "builtins/builtins.h"
#include "data/tz.h"

/* A growable text buffer on the C heap; sb_str turns it into a VM string and frees it. */
typedef struct StrBuf {
    char *s;
    size_t len, cap;
} StrBuf;

void sb_putn(StrBuf *b, const char *s, size_t n);
void sb_puts(StrBuf *b, const char *s);
void sb_putc(StrBuf *b, char ch);
PStr *sb_str(Vm *vm, StrBuf *b);
void sb_free(StrBuf *b);

/* str.tostring(x) of a float: up to 10 decimals, "1E21" notation from 1e21 up. */
void fmt_tostring_default(StrBuf *b, double v);
/* str.tostring(x, format): a pattern such as "#.##", "0.000", "#,###.##" or one of the
 * format.* keywords ("mintick", "percent", "volume", "price", "inherit"). */
void fmt_tostring_pattern(StrBuf *b, double v, const char *pattern, double mintick);
/* Java's Double.toString: "5.0", "0.3333333333333333", "1.0E8", "9.9E-4". */
void fmt_java_double(StrBuf *b, double v);
/* Java DecimalFormat with [pattern] ("#,##0.###", "#.##", "0.00%", ...). */
void fmt_decimal(StrBuf *b, double v, const char *pattern);

/* One value of a generic `T` (VM form) as str.tostring writes it; [type] is its type in [tt]. */
void fmt_value_tostring(StrBuf *b, const TypeTable *tt, PValue v, Type type);
/* One element of an array as array.join writes it. */
void fmt_value_join(StrBuf *b, const TypeTable *tt, PValue v, Type type);

/* str.format: Java MessageFormat over [args] (VM form) of the given [types]; `{n,date}` and
 * `{n,time}` format UNIX ms in [zone] (NULL: printed as numbers). Returns 0, or -1 with the
 * error (TradingView's wording) in [err] of [errcap] bytes. */
int fmt_message(StrBuf *b, const TypeTable *tt, const char *pattern, const PValue *args,
                const Type *types, int nargs, TzZone *zone, char *err, size_t errcap);

/* Writes UNIX time [ms] in zone [z] with a Java SimpleDateFormat [pattern]: y M d H h k K m s S
 * E a Z X z D u and 'quoted' text. */
void fmt_time_pattern(StrBuf *b, int64_t ms, const char *pattern, TzZone *z);

#endif
