/* Times one stage of pine at a time, linked with build/libpine.a, so that the CSV reader, the
 * compiler, the VM and the plots writer can each be measured without the others:
 *   vmbench load BARS.csv REPS           bars_load alone
 *   vmbench exec SCRIPT BARS.csv REPS    vm_new + vm_run + vm_free, bars loaded, no output
 *   vmbench write SCRIPT BARS.csv REPS   bars_write_chart of the script's plots, bytes counted
 *   vmbench compile SCRIPT REPS          compile_script + program_free, source in memory
 *   vmbench spawn REPS CMD [ARG...]      a whole process: fork, exec, wait (start-up included)
 * Prints one line of key=value pairs: the median and the best of REPS wall-clock times, and
 * the figures derived from the median. */
#define _GNU_SOURCE /* fopencookie: a FILE that only counts bytes */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "data/bars.h"
#include "compile/compile.h"
#include "front/diag.h"
#include "vm/vm.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Sorts [t] and returns its median. */
static double median(double *t, int n)
{
    qsort(t, (size_t)n, sizeof *t, cmp_double);
    return n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static ssize_t count_write(void *cookie, const char *buf, size_t n)
{
    (void)buf;
    *(long *)cookie += (long)n;
    return (ssize_t)n;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (!s || fread(s, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(s);
        return NULL;
    }
    fclose(f);
    s[n] = 0;
    *len = (size_t)n;
    return s;
}

static Program *compile_file(const char *path)
{
    size_t len;
    char *src = read_file(path, &len);
    if (!src) {
        fprintf(stderr, "vmbench: cannot read %s\n", path);
        exit(2);
    }
    Diag d;
    diag_init(&d, path, src, len);
    Program *p = compile_script(path, src, len, NULL, &d);
    free(src);
    if (!p)
        exit(3);
    return p;
}

static void load_bars(const char *path, Bars *b)
{
    BarsLoadOptions opt = {0};
    if (bars_load(path, &opt, b) != 0)
        exit(2);
}

static int usage(void)
{
    fputs("usage: vmbench load BARS.csv REPS | exec SCRIPT BARS.csv REPS | "
          "write SCRIPT BARS.csv REPS | compile SCRIPT REPS | spawn REPS CMD [ARG...]\n",
          stderr);
    return 2;
}

/* Runs argv[0..] [reps] times with stdout and stderr silenced; prints the median and best wall
 * time and the largest peak RSS of the child. */
static int spawn(int reps, char **argv)
{
    double *t = calloc((size_t)reps, sizeof *t);
    long rss = 0;
    int status = 0;
    for (int r = 0; r < reps; r++) {
        double t0 = now();
        pid_t pid = fork();
        if (pid == 0) {
            if (!freopen("/dev/null", "w", stdout))
                _exit(127);
            execvp(argv[0], argv);
            _exit(127);
        }
        struct rusage ru;
        if (pid < 0 || wait4(pid, &status, 0, &ru) < 0)
            return 2;
        t[r] = now() - t0;
        if (ru.ru_maxrss > rss)
            rss = ru.ru_maxrss;
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "vmbench: %s failed (status %d)\n", argv[0], status);
            return 1;
        }
    }
    double m = median(t, reps);
    printf("median_s=%.6f best_s=%.6f median_ms=%.3f peak_rss_kb=%ld\n", m, t[0], m * 1e3, rss);
    free(t);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 4 && !strcmp(argv[1], "spawn")) {
        int reps = atoi(argv[2]);
        return reps >= 1 && reps <= 10000 ? spawn(reps, argv + 3) : usage();
    }
    if (argc < 4)
        return usage();
    const char *mode = argv[1];
    int reps = atoi(argv[argc - 1]);
    if (reps < 1 || reps > 10000)
        return usage();
    double *t = calloc((size_t)reps, sizeof *t);

    if (!strcmp(mode, "load") && argc == 4) {
        struct stat st;
        if (stat(argv[2], &st) != 0)
            return 2;
        size_t n = 0;
        for (int r = 0; r < reps; r++) {
            Bars b;
            double t0 = now();
            load_bars(argv[2], &b);
            t[r] = now() - t0;
            n = b.n;
            bars_free(&b);
        }
        double m = median(t, reps);
        printf("bars=%zu bytes=%lld median_s=%.6f best_s=%.6f mb_per_s=%.1f bars_per_s=%.0f "
               "peak_rss_kb=%ld\n",
               n, (long long)st.st_size, m, t[0], (double)st.st_size / m / 1e6, (double)n / m,
               peak_rss_kb());
    } else if (!strcmp(mode, "exec") && argc == 5) {
        Program *p = compile_file(argv[2]);
        Bars b;
        load_bars(argv[3], &b);
        int rc = 0;
        for (int r = 0; r < reps; r++) {
            double t0 = now();
            Vm *vm = vm_new(p, &b, NULL);
            rc |= vm_run(vm);
            vm_free(vm);
            t[r] = now() - t0;
        }
        double m = median(t, reps);
        printf("bars=%zu median_s=%.6f best_s=%.6f bars_per_s=%.0f ns_per_bar=%.1f rc=%d "
               "peak_rss_kb=%ld\n",
               b.n, m, t[0], (double)b.n / m, m * 1e9 / (double)b.n, rc, peak_rss_kb());
        bars_free(&b);
        program_free(p);
    } else if (!strcmp(mode, "write") && argc == 5) {
        Program *p = compile_file(argv[2]);
        Bars b;
        load_bars(argv[3], &b);
        Vm *vm = vm_new(p, &b, NULL);
        if (vm_run(vm) != 0)
            return 1;
        const char **titles = calloc((size_t)p->nplots + 1, sizeof *titles);
        const double **cols = calloc((size_t)p->nplots + 1, sizeof *cols);
        for (int k = 0; k < p->nplots; k++) {
            titles[k] = p->plots[k].title;
            cols[k] = vm_plot_column(vm, k);
        }
        long bytes = 0;
        for (int r = 0; r < reps; r++) {
            bytes = 0;
            FILE *f = fopencookie(&bytes, "w", (cookie_io_functions_t){.write = count_write});
            double t0 = now();
            bars_write_chart(f, &b, p->nplots, titles, cols);
            fflush(f);
            t[r] = now() - t0;
            fclose(f);
        }
        double m = median(t, reps);
        printf("bars=%zu bytes=%ld median_s=%.6f best_s=%.6f mb_per_s=%.1f bars_per_s=%.0f "
               "numbers_per_s=%.0f\n",
               b.n, bytes, m, t[0], (double)bytes / m / 1e6, (double)b.n / m,
               (double)b.n * (p->nplots + 5) / m);
        free(titles);
        free(cols);
        vm_free(vm);
        bars_free(&b);
        program_free(p);
    } else if (!strcmp(mode, "compile") && argc == 4) {
        size_t len;
        char *src = read_file(argv[2], &len);
        if (!src)
            return 2;
        size_t lines = 0;
        for (size_t i = 0; i < len; i++)
            lines += src[i] == '\n';
        for (int r = 0; r < reps; r++) {
            Diag d;
            double t0 = now();
            diag_init(&d, argv[2], src, len);
            Program *p = compile_script(argv[2], src, len, NULL, &d);
            t[r] = now() - t0;
            if (!p)
                return 3;
            program_free(p);
        }
        double m = median(t, reps);
        printf("lines=%zu median_ms=%.3f best_ms=%.3f lines_per_s=%.0f\n", lines, m * 1e3,
               t[0] * 1e3, (double)lines / m);
        free(src);
    } else {
        return usage();
    }
    free(t);
    return 0;
}
