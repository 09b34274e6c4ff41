/* A bump allocator: the syntax tree and the checker's tables are allocated here and
 * released together in one call once the script is compiled. */
#ifndef PINE_ARENA_H
#define PINE_ARENA_H

#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;
typedef struct Arena {
    ArenaBlock *head;
} Arena;

void arena_init(Arena *a);
void arena_free(Arena *a);
/* Returns [size] zeroed bytes aligned for any type; aborts when memory is exhausted. */
void *arena_alloc(Arena *a, size_t size);
char *arena_strndup(Arena *a, const char *s, size_t n);
/* Like sprintf into the arena. */
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
