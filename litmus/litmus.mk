# SPDX-License-Identifier: MIT
# litmus/litmus.mk - included by the Makefile: every litmus/*.litmus is
# translated to C at build time by the host tool litmus2c
# (LITMUS2C_SRCS: src/tool/litmus2c.c, the parser and generator, built with
# the host compiler so cross builds work) and compiled into membench:
#
#   litmus/X.litmus -> $(GEN)/litmus/X.c -> $(BUILD)/litmus/X.o
#                      objdump -d of X.o -> $(GEN)/litmus/X.asm.c  (--show-asm)
#   all tests       -> $(GEN)/litmus/registry.c  (src/litmus/registry.h)
#   arch/*.h src/litmus/rt.h -> $(GEN)/litmus_headers.c (user tests at run time)

HOSTCC        ?= cc
HOST_CFLAGS   ?= -O2
LITMUS2C      := $(BUILD)/host/litmus2c
LITMUS_FILES  := $(sort $(wildcard litmus/*.litmus))
LITMUS_NAMES  := $(notdir $(LITMUS_FILES:.litmus=))
LITMUS_C      := $(LITMUS_NAMES:%=$(GEN)/litmus/%.c)
LITMUS_OBJS   := $(LITMUS_NAMES:%=$(BUILD)/litmus/%.o) \
		 $(LITMUS_NAMES:%=$(BUILD)/litmus/%.asm.o) \
		 $(BUILD)/litmus/registry.o $(BUILD)/litmus/headers.o
LITMUS_HDRS   := $(sort $(wildcard arch/*.h)) src/litmus/rt.h
GEN_OBJS      += $(LITMUS_OBJS)

# The translator's sources: the parser, the generator, barrier ids (no arch code).
# The parser is src/litmus/parse*.c (src/litmus/parse_int.h lists them) and ast.c.
LITMUS2C_SRCS := src/tool/litmus2c.c $(sort $(wildcard src/litmus/parse*.c)) src/litmus/ast.c \
		 src/litmus/gen.c src/litmus/gen_asm.c src/barrier/id.c
$(LITMUS2C): $(LITMUS2C_SRCS) src/litmus/gen.h src/litmus/ast.h src/litmus/parse_int.h \
		src/barrier/id.h arch/lkmm_table.h
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -std=gnu11 -pthread -D_GNU_SOURCE -I. -Isrc -o $@ $(LITMUS2C_SRCS)

$(GEN)/litmus/%.c: litmus/%.litmus $(LITMUS2C)
	@mkdir -p $(dir $@)
	@echo "  LITMUS  $<"
	$(Q)$(LITMUS2C) -o $@ $<

$(BUILD)/litmus/%.o: $(GEN)/litmus/%.c $(LITMUS_HDRS)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# What each thread function really is, read back from the object; with no
# usable objdump the table is empty and --show-asm says so.
$(GEN)/litmus/%.asm.c: $(BUILD)/litmus/%.o $(LITMUS2C)
	$(Q){ $(OBJDUMP) -d --no-show-raw-insn $< 2>/dev/null || true; } | \
		$(LITMUS2C) --asm litmus/$*.litmus > $@.tmp && mv $@.tmp $@

$(GEN)/litmus/registry.c: $(LITMUS_FILES) $(LITMUS2C) litmus/litmus.mk
	@mkdir -p $(dir $@)
	$(Q)$(LITMUS2C) --registry $(LITMUS_FILES) > $@.tmp && mv $@.tmp $@

$(GEN)/litmus_headers.c: $(LITMUS_HDRS) $(LITMUS2C)
	@mkdir -p $(dir $@)
	$(Q)$(LITMUS2C) --embed $(LITMUS_HDRS) > $@.tmp && mv $@.tmp $@

$(BUILD)/litmus/headers.o: $(GEN)/litmus_headers.c src/litmus/registry.h src/litmus/rt.h
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

.SECONDARY: $(LITMUS_C) $(LITMUS_C:.c=.asm.c) $(GEN)/litmus/registry.c
