/* pine: run TradingView Pine Script (v5/v6) over your own bars.
 *
 * The embedding API. Handles are opaque; functions return PINE_OK or an error code, and the
 * message of the last error of a handle is available as text. There is no global mutable state
 * visible to callers: any number of threads may each use their own handles at once (a handle is
 * used by one thread at a time). */
#ifndef PINE_H
#define PINE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PINE_VERSION "0.1.0"

enum {
    PINE_OK = 0,
    PINE_ERR_RUNTIME = 1, /* the script stopped with a runtime error */
    PINE_ERR_DATA = 2,    /* bad bars or arguments */
    PINE_ERR_COMPILE = 3, /* the script does not compile */
};

typedef struct pine_script pine_script;
typedef struct pine_bars pine_bars;
typedef struct pine_result pine_result;

/* Compiles [len] bytes of [source], named [name] in messages (which go to stderr). Overrides
 * for inputs are "NAME=VALUE" strings ([ninputs] of them, NULL when none). */
int pine_compile(const char *name, const char *source, size_t len, const char *const *inputs,
                 int ninputs, pine_script **out);
void pine_script_free(pine_script *s);

/* Loads bars from a CSV file ("-" for standard input); [timezone] is the IANA zone for naive
 * date-times (NULL = UTC). */
int pine_bars_load(const char *path, const char *timezone, pine_bars **out);
size_t pine_bars_count(const pine_bars *b);
void pine_bars_free(pine_bars *b);

/* Runs [s] over [b]. [mintick] <= 0 infers it from the data; [timezone] NULL means UTC. */
int pine_run(const pine_script *s, const pine_bars *b, double mintick, const char *timezone,
             pine_result **out);
int pine_result_plot_count(const pine_result *r);
const char *pine_result_plot_title(const pine_result *r, int k);
/* Plot [k]'s values, one per bar (NaN where na). */
const double *pine_result_plot(const pine_result *r, int k);
/* Writes the plots in TradingView's "Export chart data" layout to [path] ("-" = stdout). */
int pine_result_write_csv(const pine_result *r, const char *path);
void pine_result_free(pine_result *r);

#ifdef __cplusplus
}
#endif

#endif
