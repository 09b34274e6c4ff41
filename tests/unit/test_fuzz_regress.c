/* Replays every input the fuzzers ever found a bug with (the files of tests/fuzz/regress/TARGET/)
 * through the same harness code, so each stays fixed; under `make asan` the sanitizers check
 * them too.
 * One `pass` line per input; a crash or a sanitizer report fails the program. */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define FUZZ_ENTRY fuzz_compile_one
#include "../fuzz/fuzz_compile.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_vm_one
#include "../fuzz/fuzz_vm.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_csv_one
#include "../fuzz/fuzz_csv.c"
#undef FUZZ_ENTRY

static const struct {
    const char *name;
    int (*fn)(const uint8_t *data, size_t size);
} targets[] = {
    {"compile", fuzz_compile_one},
    {"vm", fuzz_vm_one},
    {"csv", fuzz_csv_one},
};

static int failures;

static int cmp_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

// Finds tests/fuzz/regress from the current directory or above the program's own ([argv0]).
static int find_root(const char *argv0, char *out, size_t cap) {
    struct stat st;
    if (stat("tests/fuzz/regress", &st) == 0) return snprintf(out, cap, "tests/fuzz/regress"), 1;
    char dir[2048];
    snprintf(dir, sizeof dir, "%s", argv0);
    for (int up = 0; up < 6; up++) {
        char *slash = strrchr(dir, '/');
        if (!slash) break;
        *slash = 0;
        snprintf(out, cap, "%s/tests/fuzz/regress", dir);
        if (stat(out, &st) == 0) return 1;
    }
    return 0;
}

// Replays every file of [dir] through [t]'s harness.
static void replay(const char *root, int t) {
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/%s", root, targets[t].name);
    DIR *d = opendir(dir);
    if (!d) return;
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        names = realloc(names, sizeof *names * (n + 1));
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    if (n > 1) qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        char path[8400];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        FILE *f = fopen(path, "rb");
        if (!f) {
            printf("FAIL %s/%s: cannot read\n", targets[t].name, names[i]);
            failures++;
            free(names[i]);
            continue;
        }
        size_t cap = 1 << 16, len = 0, got;
        uint8_t *buf = malloc(cap);
        while ((got = fread(buf + len, 1, cap - len, f)) > 0)
            if ((len += got) == cap) buf = realloc(buf, cap *= 2);
        fclose(f);
        fprintf(stderr, "replaying %s\n", path);
        targets[t].fn(buf, len);
        printf("pass %s/%s\n", targets[t].name, names[i]);
        fflush(stdout);
        free(buf);
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv) {
    char root[4096];
    if (!find_root(argc > 0 ? argv[0] : "", root, sizeof root)) {
        printf("FAIL fuzz regressions: tests/fuzz/regress not found\n");
        return 1;
    }
    for (int t = 0; t < 3; t++) replay(root, t);
    return failures != 0;
}
