/* The embedded standard library: the stdlib folder turned into C strings by scripts/embed.sh. */
#ifndef PINE_STDLIB_PINE_H
#define PINE_STDLIB_PINE_H

int stdlib_count(void);
const char *stdlib_name(int i);
const char *stdlib_source(int i);

#endif
