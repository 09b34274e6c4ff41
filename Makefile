# pine: build, test, sanitizers, conformance, benchmarks, demo, install.
# `make` installs missing build dependencies (scripts/deps.sh) before the first build.

CC       ?= cc
PREFIX   ?= /usr/local
BUILD    ?= build
CSTD     := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN     := -Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers
OPT      ?= -O2 -g
CFLAGS   += $(CSTD) $(WARN) $(OPT) -pthread -Iinclude -Isrc -I$(BUILD)
LDLIBS   += -lcsv -lutf8proc -ledit -lm -pthread

GEN_SRC  := $(BUILD)/pine.tab.c $(BUILD)/lex.yy.c
CLI_SRC  := $(wildcard src/cli/*.c)
LIB_SRC  := $(filter-out $(CLI_SRC),$(wildcard src/*/*.c))
LIB_OBJ  := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(LIB_SRC)) \
            $(BUILD)/obj/pine.tab.o $(BUILD)/obj/lex.yy.o
CLI_OBJ  := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(CLI_SRC))
STDLIB   := $(sort $(wildcard stdlib/*.pine))

.PHONY: all deps test asan tsan valgrind fuzz fuzz-run conformance bench demo docs install clean check-format

all: $(BUILD)/pine

$(BUILD)/.deps: scripts/deps.sh
	@mkdir -p $(BUILD)
	@CC="$(CC)" sh scripts/deps.sh
	@touch $@

deps: $(BUILD)/.deps

$(BUILD)/pine.tab.c $(BUILD)/pine.tab.h &: grammar/pine.y $(BUILD)/.deps
	bison -Wall -Werror -o $(BUILD)/pine.tab.c --defines=$(BUILD)/pine.tab.h grammar/pine.y

$(BUILD)/lex.yy.c $(BUILD)/lex.yy.h &: grammar/pine.l $(BUILD)/pine.tab.h
	flex -o $(BUILD)/lex.yy.c --header-file=$(BUILD)/lex.yy.h grammar/pine.l

$(BUILD)/stdlib.inc: $(STDLIB) scripts/embed.sh
	sh scripts/embed.sh $(STDLIB) > $@

$(BUILD)/obj/%.o: src/%.c $(BUILD)/pine.tab.h $(BUILD)/lex.yy.h $(BUILD)/stdlib.inc
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

# Generated code is compiled without the extra warnings flex and bison trip over.
$(BUILD)/obj/pine.tab.o: $(BUILD)/pine.tab.c $(BUILD)/lex.yy.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Wno-unused-function -Wno-sign-compare -c $< -o $@
$(BUILD)/obj/lex.yy.o: $(BUILD)/lex.yy.c $(BUILD)/pine.tab.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Wno-unused-function -Wno-sign-compare -c $< -o $@

$(BUILD)/libpine.a: $(LIB_OBJ)
	$(AR) rcs $@ $^

$(BUILD)/pine: $(CLI_OBJ) $(BUILD)/libpine.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libpine.a $(LDLIBS)

# Unit tests: tests/unit/NAME.c -> $(BUILD)/tests/NAME, linked with libpine.a. Each prints one
# line per case starting with "pass " or "FAIL " and exits non-zero when any case failed.
UNIT_SRC := $(wildcard tests/unit/*.c)
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libpine.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libpine.a $(LDLIBS)

test: $(BUILD)/pine $(UNIT_BIN)
	@sh tests/run.sh $(BUILD)/pine $(BUILD)/tests

asan:
	$(MAKE) BUILD=build/asan OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" test

# ThreadSanitizer, built into build/tsan: first the thread test (tests/unit/test_threads.c, the
# same script in 8 sessions at once), then the whole suite. A data race makes the program that
# met it exit 66, failing its test.
TSAN := -fsanitize=thread
TSAN_RUN := TSAN_OPTIONS="halt_on_error=1 exitcode=66"

tsan:
	@sh scripts/deps.sh tsan
	$(MAKE) BUILD=build/tsan OPT="-O1 -g $(TSAN)" LDFLAGS="$(TSAN)" build/tsan/tests/test_threads
	$(TSAN_RUN) build/tsan/tests/test_threads
	$(TSAN_RUN) $(MAKE) BUILD=build/tsan OPT="-O1 -g $(TSAN)" LDFLAGS="$(TSAN)" test

# The whole suite with pine and the unit programs under valgrind's memcheck, through wrappers in
# build/valgrind/vg: a memory error or a leak makes that program exit 99, failing its test.
VALGRIND := valgrind -q --error-exitcode=99 --leak-check=full \
    --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible
VG_DIR   := build/valgrind

valgrind:
	@sh scripts/deps.sh valgrind
	$(MAKE) BUILD=$(VG_DIR) OPT="-O1 -g" $(VG_DIR)/pine $(patsubst $(BUILD)/%,$(VG_DIR)/%,$(UNIT_BIN))
	@rm -rf $(VG_DIR)/vg && mkdir -p $(VG_DIR)/vg/tests
	@for b in $(VG_DIR)/pine $(VG_DIR)/tests/*; do \
	    w=$(VG_DIR)/vg/$${b#$(VG_DIR)/}; \
	    printf '#!/bin/sh\nexec $(VALGRIND) "%s" "$$@"\n' "$$(pwd)/$$b" >"$$w" && chmod +x "$$w"; \
	done
	@PINE_TEST_TIMEOUT=120 sh tests/run.sh $(VG_DIR)/vg/pine $(VG_DIR)/vg/tests

# libFuzzer harnesses (tests/fuzz/), built with clang into build/fuzz and run one after the
# other for FUZZ_SECONDS each (tests/fuzz/run.sh). Needs clang's fuzzer runtime, which
# `scripts/deps.sh fuzz` installs; normal builds do not.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= compile vm csv
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

fuzz:
	@CC=clang sh scripts/deps.sh fuzz
	$(MAKE) BUILD=build/fuzz CC=clang OPT="-O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link" \
	    LDFLAGS="$(FUZZ_SAN)" fuzz-run

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(BUILD)/libpine.a
	$(CC) $(CFLAGS) $(LDFLAGS) -fsanitize=fuzzer -o $@ $< $(BUILD)/libpine.a $(LDLIBS)

fuzz-run: $(patsubst %,$(BUILD)/fuzz_%,$(FUZZ_TARGETS))
	@sh tests/fuzz/run.sh $(BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

conformance: $(BUILD)/pine
	@sh tests/conformance.sh $(BUILD)/pine

bench: $(BUILD)/pine
	@sh bench/run.sh $(BUILD)/pine

demo: $(BUILD)/pine
	@sh examples/demo.sh $(BUILD)/pine

docs: $(BUILD)/pine
	$(BUILD)/pine builtins --markdown > docs/builtins.md

install: $(BUILD)/pine $(BUILD)/libpine.a
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include
	install -m 755 $(BUILD)/pine $(DESTDIR)$(PREFIX)/bin/pine
	install -m 644 $(BUILD)/libpine.a $(DESTDIR)$(PREFIX)/lib/libpine.a
	install -m 644 include/pine.h $(DESTDIR)$(PREFIX)/include/pine.h

check-format:
	@sh scripts/deps.sh format
	clang-format --dry-run -Werror src/*/*.c src/*/*.h include/*.h

clean:
	rm -rf build

-include $(wildcard $(BUILD)/obj/*.d $(BUILD)/obj/*/*.d)
