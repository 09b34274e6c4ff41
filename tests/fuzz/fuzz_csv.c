/* libFuzzer harness: arbitrary bytes as a bar file through the CSV loader (bars_load reads a
 * path, so the bytes go to an in-memory file) and, when they load, back out through the chart
 * writer. Bit 0 of the first byte picks a time zone for naive date-times, bit 1 a symbol. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "data/bars.h"

#ifndef FUZZ_ENTRY
#define FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

int FUZZ_ENTRY(const uint8_t *data, size_t size);

int FUZZ_ENTRY(const uint8_t *data, size_t size) {
    static FILE *devnull;
    if (!devnull) devnull = fopen("/dev/null", "w");
    int fd = memfd_create("fuzz.csv", 0);
    if (fd < 0) return 0;
    size_t off = 0;
    while (off < size) {
        ssize_t w = write(fd, data + off, size - off);
        if (w <= 0) break;
        off += (size_t)w;
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    BarsLoadOptions opt = {NULL, NULL};
    if (size && (data[0] & 1)) opt.timezone = "America/New_York";
    if (size && (data[0] & 2)) opt.symbol = "AAPL";
    Bars b;
    if (bars_load(path, &opt, &b) == 0) {
        bars_write_chart(devnull, &b, 0, NULL, NULL);
        bars_free(&b);
    }
    close(fd);
    return 0;
}
