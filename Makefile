# Rubric - build, test and install.
#
#   make            build ./rubric (and check the stdlib with it)
#   make setup      install the build dependencies on Debian (flex, bison,
#                   cmocka, OpenSSL's libcrypto)
#   make test       the whole test suite (what CI runs)
#   make test-asan  the whole test suite under AddressSanitizer + UBSan
#   make test-tsan  the whole test suite under ThreadSanitizer
#   make install PREFIX=/usr/local
#
# CFLAGS is yours to set; the warning set and the sanitizers live in their
# own variables so overriding CFLAGS never drops them.

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share/rubric
MANDIR    ?= $(PREFIX)/share/man/man1

CC        ?= cc
BISON     ?= bison
FLEX      ?= flex
CFLAGS    ?= -O2 -g
B         ?= build
SANITIZE  ?=

VERSION   := 0.1.0

# No built-in rules: they would regenerate C files from .y and .l files.
MAKEFLAGS += -r
.SUFFIXES:

WARN      := -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
             -Wmissing-prototypes -Wwrite-strings -Wformat=2 -Wvla -Werror
# bison's and flex's output is not ours to fix; keep the strict set off it.
GENWARN   := -std=c11 -Wall -Wno-unused-function -Wno-sign-compare \
             -Wno-unused-but-set-variable -Werror
CPPFLAGS  += -D_XOPEN_SOURCE=700 -DRUBRIC_VERSION='"$(VERSION)"' \
             -Ilang -Iruntime -I$(B)/gen
ALLFLAGS   = $(CPPFLAGS) $(CFLAGS) $(SANITIZE) -pthread -MMD -MP
# SHA-256 of the files read, for the provenance of reports (lang/digest.c);
# threads for reading a large file in two parts at once (runtime/load.c).
LDLIBS    += -lcrypto -pthread

LANG_SRC    := $(wildcard lang/*.c)
RUNTIME_SRC := $(wildcard runtime/*.c)
CLI_SRC     := $(wildcard cli/*.c)
GEN_SRC     := $(B)/gen/parse.tab.c $(B)/gen/lex.yy.c
STDLIB      := $(sort $(wildcard stdlib/*.rubric))

LIB_OBJ := $(patsubst %.c,$(B)/%.o,$(LANG_SRC) $(RUNTIME_SRC)) \
           $(B)/gen/parse.tab.o $(B)/gen/lex.yy.o $(B)/gen/stdlib.o
CLI_OBJ := $(patsubst %.c,$(B)/%.o,$(CLI_SRC))
LIB     := $(B)/librubric.a

UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT_SRC))

.PHONY: all setup test test-unit test-e2e test-asan test-tsan install uninstall clean \
        check-stdlib example bench

all: rubric $(B)/stdlib.checked

rubric: $(B)/rubric
	cp $< $@.tmp && mv -f $@.tmp $@

$(B)/rubric: $(CLI_OBJ) $(LIB)
	$(CC) $(CFLAGS) $(SANITIZE) -o $@ $(CLI_OBJ) $(LIB) $(LDFLAGS) $(LDLIBS)

$(LIB): $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

# The grammar: both outputs come from one bison run.
$(B)/gen/parse.tab.c $(B)/gen/parse.tab.h &: lang/parse.y
	@mkdir -p $(dir $@)
	$(BISON) -Wall -Wno-yacc -Werror -d -o $(B)/gen/parse.tab.c $<

$(B)/gen/lex.yy.c $(B)/gen/lex.yy.h &: lang/lex.l $(B)/gen/parse.tab.h
	@mkdir -p $(dir $@)
	$(FLEX) --header-file=$(B)/gen/lex.yy.h -o $(B)/gen/lex.yy.c $<

# The stdlib is embedded in the binary ...
$(B)/gen/stdlib.c: $(STDLIB) tools/embed.sh
	@mkdir -p $(dir $@)
	sh tools/embed.sh $(STDLIB) > $@.tmp && mv $@.tmp $@

# ... and checked by the same front end, so a mistake in it fails the build.
$(B)/stdlib.checked: $(B)/rubric $(STDLIB)
	$(B)/rubric check $(STDLIB)
	@touch $@

$(B)/gen/%.o: $(B)/gen/%.c $(B)/gen/parse.tab.h
	$(CC) $(ALLFLAGS) $(GENWARN) -Ilang -c -o $@ $<

$(B)/%.o: %.c $(B)/gen/parse.tab.h $(B)/gen/lex.yy.h
	@mkdir -p $(dir $@)
	$(CC) $(ALLFLAGS) $(WARN) -c -o $@ $<

# ---- tests ----------------------------------------------------------------

$(B)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALLFLAGS) $(WARN) -Wno-missing-prototypes -o $@ $< $(LIB) -lcmocka $(LDFLAGS) $(LDLIBS)

test-unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; $$t; done

# The suite runs $(B)/rubric: a sanitized build (test-asan) never replaces
# the ./rubric that `make` puts at the top.
# The second pass splits every data file that can be split (see
# runtime/load.c): each expected output must come out the same.
test-e2e: $(B)/rubric $(B)/stdlib.checked
	@RUBRIC=$(abspath $(B)/rubric) CC="$(CC)" sh tests/run-e2e.sh
	@echo "== e2e again, every ratings file read in two parts"
	@RUBRIC_SPLIT_BYTES=1 RUBRIC=$(abspath $(B)/rubric) CC="$(CC)" sh tests/run-e2e.sh

# The bench360 data generator: standalone, no library.
$(B)/gen360: tools/gen360.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -Werror -o $@ $<

# What CI runs (.ci/run) and the README's second command: installs any
# missing build dependency first, so a fresh machine needs nothing else.
test:
	@sh tools/setup-debian.sh
	$(MAKE) test-unit test-e2e

# The same suite, built apart with the sanitizers and per-object allocation.
test-asan:
	@sh tools/setup-debian.sh
	$(MAKE) B=build/asan CFLAGS="-O1 -g -fno-omit-frame-pointer -DRUBRIC_ARENA_DEBUG" \
	    SANITIZE="-fsanitize=address,undefined -fno-sanitize-recover=all" \
	    test-unit test-e2e

# The suite under ThreadSanitizer: the two-thread paths (reading a file in
# two parts, scoring and formatting in halves) run on every data file of
# the e2e cases (its second pass splits them all) and in the unit tests.
test-tsan:
	@sh tools/setup-debian.sh
	TSAN_OPTIONS="halt_on_error=1 exitcode=66" $(MAKE) B=build/tsan \
	    CFLAGS="-O1 -g" SANITIZE="-fsanitize=thread" test-unit test-e2e

# Rubric against DuckDB and pandas on generated bench360 data; not part of
# `make test`.  Installs what is missing; see bench/README.md and
# docs/performance.md.
bench: all $(B)/gen360
	BENCH_BUILD="$(B)" MAKE="$(MAKE)" sh bench/run.sh

# ---- set-up, install ----------------------------------------------------

# Installs what the build needs when it is missing (Debian; run as root or
# with sudo available).
setup:
	@sh tools/setup-debian.sh

# The README's first command: install what is missing, build, run an example.
example:
	@sh tools/setup-debian.sh
	$(MAKE) all
	./rubric check examples/mefhadic/mefhadic.rubric
	./rubric eval examples/mefhadic/mefhadic.rubric

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/stdlib $(DESTDIR)$(MANDIR)
	install -m 755 $(B)/rubric $(DESTDIR)$(BINDIR)/rubric
	install -m 644 $(STDLIB) $(DESTDIR)$(DATADIR)/stdlib/
	install -m 644 docs/rubric.1 $(DESTDIR)$(MANDIR)/rubric.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/rubric $(DESTDIR)$(MANDIR)/rubric.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build rubric

-include $(shell find $(B) -name '*.d' 2>/dev/null)
