# SPDX-License-Identifier: MIT
# membench - plain Makefile.  `make` builds ./membench for the host;
# `make arch-test CC=aarch64-linux-gnu-gcc` builds only the barrier layer and
# its test for another arch (no hwloc/jansson needed there).
VERSION    := 0.1.0
CC         ?= cc
PKG_CONFIG ?= pkg-config
PYTHON     ?= $(shell scripts/find-python.sh 2>/dev/null || echo /usr/bin/python3)
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
DATADIR    ?= $(PREFIX)/share/membench
MANDIR     ?= $(PREFIX)/share/man
CFLAGS     ?= -O2 -g
override CFLAGS += -std=gnu11 -pthread -Wall -Wextra -Wundef -Wshadow \
		   -Wstrict-prototypes -Wmissing-prototypes
override CPPFLAGS += -D_GNU_SOURCE -I. -Isrc -I$(GEN)

# Build products go under build/<target triplet>/ so native and cross builds coexist.
TRIPLET    := $(shell $(CC) -dumpmachine 2>/dev/null || echo unknown)
BUILD      := build/$(TRIPLET)
GEN        := $(BUILD)/gen
OBJDUMP    ?= $(if $(filter %-gcc,$(CC)),$(CC:%gcc=%objdump),objdump)
GIT_REV    := $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)

ifeq ($(V),1)
Q :=
else
Q := @
endif

DEPS_CFLAGS = $(shell $(PKG_CONFIG) --cflags hwloc jansson)
DEPS_LIBS   = $(shell $(PKG_CONFIG) --libs hwloc jansson)
# userspace-rcu (memb flavour) for litmus tests with RCU calls; optional:
# without it those tests are skipped with the reason (src/litmus/rcu.c).
URCU_LIBS  := $(shell $(PKG_CONFIG) --libs liburcu-memb 2>/dev/null)
ifneq ($(URCU_LIBS),)
DEPS_CFLAGS += -DMB_HAVE_URCU=1 $(shell $(PKG_CONFIG) --cflags liburcu-memb)
DEPS_LIBS   += $(URCU_LIBS)
endif

# The barrier layer: all that the cross-arch tests need.
ARCH_SRCS  := src/barrier/barrier.c src/barrier/barrier_fns.c src/barrier/counter.c src/barrier/disasm.c \
	      src/barrier/id.c src/barrier/ports.c
SRCS       := $(filter-out $(ARCH_SRCS),$(wildcard src/*/*.c))
# src/tool/ holds host tools (litmus/litmus.mk builds them), not membench.
SRCS       := $(filter-out src/tool/%,$(SRCS))
ARCH_OBJS  := $(ARCH_SRCS:src/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen_disasm.o
OBJS       := $(SRCS:src/%.c=$(BUILD)/obj/%.o)
# Extra generated objects (litmus tests compiled to C) are added by litmus.mk.
GEN_OBJS   :=

.PHONY: asan-build unit all deps run test test-unit test-cross test-asan bench install uninstall clean arch-test \
	fuzz fuzz-targets
all: membench

-include litmus/litmus.mk

membench: $(BUILD)/membench
	$(Q)ln -sf $< $@

$(BUILD)/membench: $(ARCH_OBJS) $(OBJS) $(GEN_OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(DEPS_LIBS) -ldl -lm

# version.h only has to exist first; the -MMD files say who really includes it.
$(BUILD)/obj/%.o: src/%.c | $(GEN)/version.h
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(DEPS_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

# The arch layer must build without hwloc/jansson (cross targets lack them).
$(ARCH_OBJS): DEPS_CFLAGS :=

$(BUILD)/obj/gen_disasm.o: $(GEN)/disasm.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# What each barrier really emits, read back from the object (src/barrier/disasm.h).
$(GEN)/disasm.c: $(BUILD)/obj/barrier/barrier_fns.o scripts/disasm.sh
	@mkdir -p $(dir $@)
	@echo "  DISASM  $<"
	$(Q)sh scripts/disasm.sh $(OBJDUMP) $< > $@.tmp && mv $@.tmp $@

$(GEN)/version.h: FORCE
	@mkdir -p $(dir $@)
	@printf '#define MB_VERSION "%s"\n#define MB_GIT_REV "%s"\n#define MB_BUILD_CFLAGS "%s"\n' \
		'$(VERSION)' '$(GIT_REV)' '$(subst ",,$(CFLAGS))' > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@
FORCE:

# ---- tests -------------------------------------------------------------
ARCH_TEST := $(BUILD)/arch_test
arch-test: $(ARCH_TEST)
$(ARCH_TEST): tests/arch_test.c $(ARCH_OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(ARCH_TEST_LDFLAGS)

# C unit tests: tests/unit_*.c, each linked with everything but main.o.
UNIT_SRCS  := $(wildcard tests/unit_*.c)
UNIT_BINS  := $(UNIT_SRCS:tests/%.c=$(BUILD)/tests/%)
LIB_OBJS    = $(ARCH_OBJS) $(filter-out $(BUILD)/obj/commands/main.o,$(OBJS)) $(GEN_OBJS)
$(BUILD)/tests/%: tests/%.c $(LIB_OBJS)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(CC) $(CPPFLAGS) $(DEPS_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(DEPS_LIBS) -ldl -lm
unit: $(UNIT_BINS)

# The offline gates link without hwloc (and without the barrier layer):
# the result model and its JSON, compare, check, stats and src/base.
OFFLINE_OBJS := $(addprefix $(BUILD)/obj/,base/base.o result/result.o result/json_read.o \
		result/json_get.o result/json_read_cost.o result/json_read_litmus.o \
		result/json_num.o result/json_write.o result/fleet.o result/fleet_merge.o \
		result/json_scan.o commands/compare.o commands/compare_match.o \
		commands/compare_judge.o commands/compare_print.o commands/check.o stats/stats.o \
		stats/mwu.o)
$(BUILD)/tests/unit_offline: tests/unit_offline.c $(OFFLINE_OBJS)
	@mkdir -p $(dir $@)
	@echo "  LD      $@ (no hwloc)"
	$(Q)$(CC) $(CPPFLAGS) $(shell $(PKG_CONFIG) --cflags jansson) $(CFLAGS) $(LDFLAGS) -o $@ $^ \
		$(shell $(PKG_CONFIG) --libs jansson) -lm

deps:
	$(Q)sh scripts/deps.sh

run: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)mkdir -p results
	./membench --json results/
	$(Q)$(PYTHON) scripts/plot.py --outdir results/plots $$(ls -t results/*.json | head -n 1)

test:
	$(Q)CROSS=1 sh scripts/deps.sh
	$(Q)$(MAKE) --no-print-directory all $(ARCH_TEST) unit
	$(Q)$(MAKE) --no-print-directory asan-build
	$(Q)PYTHON=$(PYTHON) SAN_BUILD=$(SAN_BUILD) sh tests/run.sh

# The same unit tests, and the shell tests of input handling, under
# AddressSanitizer + UndefinedBehaviorSanitizer, from a build of their own
# (tests/run.sh runs them after the plain ones).
SAN_BUILD  := build/asan-$(TRIPLET)
SAN_CFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
asan-build:
	$(Q)$(MAKE) --no-print-directory BUILD=$(SAN_BUILD) CFLAGS="$(SAN_CFLAGS)" \
		LDFLAGS="-fsanitize=address,undefined" $(SAN_BUILD)/membench unit
test-asan: asan-build
	$(Q)PYTHON=$(PYTHON) SAN_BUILD=$(SAN_BUILD) SAN_ONLY=1 MB_SKIP_CROSS=1 sh tests/run.sh

# libFuzzer on the .litmus parser and the JSON reader (Debian's clang), each
# for FUZZ_SECONDS; new inputs collect in build/fuzz/corpus/<target>/.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_BUILD   := build/fuzz
FUZZ_CFLAGS  := -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined
fuzz:
	$(Q)$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) CFLAGS="$(FUZZ_CFLAGS)" \
		LDFLAGS="-fsanitize=address,undefined" fuzz-targets
	$(Q)mkdir -p $(FUZZ_BUILD)/corpus/litmus $(FUZZ_BUILD)/corpus/json
	$(FUZZ_BUILD)/fuzz_litmus -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
		$(FUZZ_BUILD)/corpus/litmus litmus/
	$(FUZZ_BUILD)/fuzz_json -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 -max_len=131072 \
		$(FUZZ_BUILD)/corpus/json results/ tests/fixtures/
# The library as an archive, so each harness links only what it reaches; the
# cost contexts are left out (instrumenting them takes many minutes).
FUZZ_LIB := $(BUILD)/libmembench-fuzz.a
$(FUZZ_LIB): $(ARCH_OBJS) $(filter-out $(BUILD)/obj/commands/main.o $(BUILD)/obj/cost/ctx.o,$(OBJS))
	$(Q)rm -f $@ && $(AR) rcs $@ $^
fuzz-targets: $(BUILD)/fuzz_litmus $(BUILD)/fuzz_json
$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_LIB)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(CC) $(CPPFLAGS) $(DEPS_CFLAGS) $(CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $^ \
		$(DEPS_LIBS) -ldl -lm

test-cross:
	$(Q)sh tests/cross.sh

bench: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)PYTHON=$(PYTHON) sh scripts/bench.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/litmus $(DESTDIR)$(DATADIR)/scripts \
		$(DESTDIR)$(DATADIR)/docs/schema
	install -m 755 $(BUILD)/membench $(DESTDIR)$(BINDIR)/membench
	install -m 644 litmus/*.litmus litmus/README $(DESTDIR)$(DATADIR)/litmus/
	install -m 755 scripts/plot.py $(DESTDIR)$(DATADIR)/scripts/
	install -m 644 scripts/plot_*.py $(DESTDIR)$(DATADIR)/scripts/	# plot.py imports them from beside itself
	install -m 644 docs/schema/*.json $(DESTDIR)$(DATADIR)/docs/schema/	# plot.py validates with it
	install -d $(DESTDIR)$(MANDIR)/man1
	install -m 644 man/membench.1 $(DESTDIR)$(MANDIR)/man1/membench.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/membench $(DESTDIR)$(MANDIR)/man1/membench.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build membench

-include $(wildcard $(BUILD)/obj/*.d $(BUILD)/obj/*/*.d)
