/* The embedding API of include/pine.h: compile, load, run, read the plots, and the error codes
 * for a script that does not compile, bars that do not load and a run that stops. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pine.h"

#include "check.h"

static int compile(const char *src, const char *const *inputs, int n, pine_script **s) {
    return pine_compile("api.pine", src, strlen(src), inputs, n, s);
}

int main(void) {
    const char *src = "//@version=5\n"
                      "indicator(\"api\")\n"
                      "len = input.int(3, \"Length\")\n"
                      "plot(ta.sma(close, len), \"sma\")\n"
                      "plot(bar_index, \"i\")\n";
    pine_script *s = NULL;
    pine_bars *b = NULL;
    pine_result *r = NULL;
    check(compile(src, NULL, 0, &s) == PINE_OK && s, "compile", "failed");
    check(pine_bars_load("tests/data/basic.csv", NULL, &b) == PINE_OK && b, "load", "failed");
    if (!s || !b) return 1;
    check(pine_bars_count(b) == 10, "bar count", "%zu", pine_bars_count(b));
    check(pine_run(s, b, 0, NULL, &r) == PINE_OK, "run", "failed");
    check(pine_result_plot_count(r) == 2, "plot count", "%d", pine_result_plot_count(r));
    check(!strcmp(pine_result_plot_title(r, 0), "sma"), "plot title", "%s",
          pine_result_plot_title(r, 0));
    /* basic.csv closes 10, 11, 12, ..., 16, 14: sma(3) is na, na, 11, ..., (15+16+14)/3 = 15 */
    const double *v = pine_result_plot(r, 0);
    check(isnan(v[0]) && isnan(v[1]) && v[2] == 11 && v[9] == 15, "sma values", "%g %g %g %g",
          v[0], v[1], v[2], v[9]);
    pine_result_free(r);
    pine_script_free(s);

    /* an input override by title */
    const char *in[] = {"Length=2"};
    check(compile(src, in, 1, &s) == PINE_OK, "compile with input", "failed");
    pine_run(s, b, 0, NULL, &r);
    v = pine_result_plot(r, 0);
    check(v[1] == 10.5 && v[9] == 15, "input applied", "%g %g", v[1], v[9]);
    pine_result_free(r);
    pine_script_free(s);

    /* errors: a compile error, a bad input, a missing file, a runtime error */
    fflush(stdout);
    FILE *saved = stderr;
    stderr = fopen("/dev/null", "w");
    check(compile("//@version=5\nindicator(\"x\")\nplot(nosuch)\n", NULL, 0, &s) ==
              PINE_ERR_COMPILE,
          "compile error code", "wrong");
    const char *bad[] = {"nonsense"};
    check(compile(src, bad, 1, &s) == PINE_ERR_DATA, "malformed input code", "wrong");
    const char *unknown[] = {"Nope=1"};
    check(compile(src, unknown, 1, &s) == PINE_ERR_DATA, "unknown input code", "wrong");
    pine_bars *none = NULL;
    check(pine_bars_load("tests/data/no_such_file.csv", NULL, &none) == PINE_ERR_DATA && !none,
          "missing file code", "wrong");
    check(compile("//@version=5\nindicator(\"x\")\nruntime.error(\"stop\")\nplot(close)\n", NULL,
                  0, &s) == PINE_OK,
          "compile runtime.error", "failed");
    check(pine_run(s, b, 0, NULL, &r) == PINE_ERR_RUNTIME, "runtime error code", "wrong");
    fclose(stderr);
    stderr = saved;
    pine_result_free(r);
    pine_script_free(s);
    pine_bars_free(b);
    return failures ? 1 : 0;
}
