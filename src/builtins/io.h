/* Confined file access for built-ins that read or write files (io.*, strategy.export_markers):
 * only inside the script's folder and --output-dir, symbolic links included. */
#ifndef PINE_IO_H
#define PINE_IO_H

#include <stddef.h>
#include <stdio.h>

#include "builtins/builtins.h"

/* Resolves [path] for function [fn] (relative to the script's folder when reading, to
 * --output-dir when writing) and checks that it stays inside them. Writes the canonical path to
 * [out] (PATH_MAX bytes) and returns NULL, or returns the message written to [err]. */
const char *io_confine(Vm *vm, const char *fn, const char *path, int for_write, char *out,
                       char *err, size_t errcap);
/* Opens the canonical path [real] without following a symbolic link put there since it was
 * checked (O_NOFOLLOW). NULL with errno set on failure. */
FILE *io_open(const char *real, int for_write);

#endif
