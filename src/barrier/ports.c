/* SPDX-License-Identifier: MIT */
/*
 * src/barrier/ports.c - every port's barrier table (src/barrier/ports.h),
 * expanded from the host-independent parts of arch/: nothing here names
 * an instruction.
 */
#include <pthread.h>
#include <string.h>

#include "arch/aarch64_table.h"
#include "arch/arm_table.h"
#include "arch/c11_emitted.h"
#include "arch/common_table.h"
#include "arch/lkmm_table.h"
#include "arch/ppc64_table.h"
#include "arch/riscv_table.h"
#include "arch/x86_table.h"
#include "barrier/ports.h"

/* Rows by designated index (src/barrier/id.h): none missing, none out of place. */
#define ROW_(k, t, emit, kern, note)	[MB_ROW_##k##_##t] = { #k, #t, emit, kern, note },
#define SAME_(k, t, emit, kern, note)	[MB_ROW_##k##_##t] = { #k, #t, emit, emit, note },
#define C11_(t, emit)			[MB_ROW_c11_##t] = { "c11", #t, emit, emit, "" },
#define ROWS_(arch, c11) \
	{ arch(ROW_) MB_COMPILER_TABLE(SAME_) c11(C11_) MB_TAIL_TABLE(SAME_) }

static const struct mb_port_row x86_64_rows[] = ROWS_(MB_X86_64_ROWS, MB_C11_EMITTED_X86_64);
static const struct mb_port_row i386_rows[] = ROWS_(MB_I386_ROWS, MB_C11_EMITTED_I386);
static const struct mb_port_row aarch64_rows[] = ROWS_(MB_AARCH64_ROWS, MB_C11_EMITTED_AARCH64);
static const struct mb_port_row armv7_rows[] = ROWS_(MB_ARMV7_ROWS, MB_C11_EMITTED_ARMV7);
static const struct mb_port_row armv8_rows[] = ROWS_(MB_ARMV8_A32_ROWS, MB_C11_EMITTED_ARMV8);
static const struct mb_port_row riscv64_rows[] = ROWS_(MB_RISCV_ROWS, MB_C11_EMITTED_RISCV64);
static const struct mb_port_row riscv32_rows[] = ROWS_(MB_RISCV_ROWS, MB_C11_EMITTED_RISCV32);
static const struct mb_port_row ppc64le_rows[] = ROWS_(MB_PPC64_ROWS, MB_C11_EMITTED_PPC64LE);

#define LKMM_ROW_(k, t, linux_name, meaning)	[MB_ROW_##k##_##t] = { #k, #t, meaning, meaning, "" },
static const struct mb_port_row lkmm_rows[] = { MB_LKMM_ROWS(LKMM_ROW_) };

#define FACT_(insn, orders)	{ insn, orders },
static const struct mb_insn_fact x86_insns[] = { MB_X86_INSNS(FACT_) };
static const struct mb_insn_fact arm_insns[] = { MB_ARM_INSNS(FACT_) };
static const struct mb_insn_fact riscv_insns[] = { MB_RISCV_INSNS(FACT_) };
static const struct mb_insn_fact ppc64_insns[] = { MB_PPC64_INSNS(FACT_) };
static const struct mb_insn_fact lkmm_insns[] = { MB_LKMM_INSNS(FACT_) };
static const struct mb_insn_fact common_insns[] = { MB_COMMON_INSNS(FACT_) };

#define N_(a)	(sizeof(a) / sizeof((a)[0]))
#define INSNS_(a)	.insns = a, .ninsns = N_(a)

const size_t mb_port_nrows = MB_NROWS;
#define FULL_(a)	_Static_assert(N_(a) == MB_NROWS, #a " has every row")
FULL_(x86_64_rows);
FULL_(i386_rows);
FULL_(aarch64_rows);
FULL_(armv7_rows);
FULL_(armv8_rows);
FULL_(riscv64_rows);
FULL_(riscv32_rows);
FULL_(ppc64le_rows);
FULL_(lkmm_rows);

/*
 * Kernel RMW rows, per arch table's columns: the access annotations and the
 * fences around each ordering (arch/<arch>_table.h's MB_*_ORDERS).
 */
#define KF_(name, insn)	[MB_KF_##name] = insn,
#define FENCED_(ord, before, after)	[MB_RMW_##ord] = { 0, 0, before, after },
#define A64_(ord, a, l, ld, st, after)	[MB_RMW_##ord] = { a, l, "", "" },
#define RV_AMO_(ord, aq, rl, before, sc_rl, after)	[MB_RMW_##ord] = { aq, rl, "", "" },
#define RV_CAS_(ord, aq, rl, before, sc_rl, after)	[MB_RMW_##ord] = { 0, sc_rl, before, after },
#define NONE_	{ [MB_RMW_relaxed] = { 0, 0, "", "" }, [MB_RMW_acquire] = { 0, 0, "", "" }, \
		  [MB_RMW_release] = { 0, 0, "", "" }, [MB_RMW_mb] = { 0, 0, "", "" } }

#define X86_(nm, r) \
	{ .name = nm, .label = nm, .model = MB_X86_MODEL, .rows = r, INSNS_(x86_insns), \
	  .rmw = NONE_, .cas = NONE_, .rmw_locked = MB_X86_RMW_LOCKED, \
	  .kfence = { MB_X86_KFENCES(KF_) } }
#define RV_(nm, r) \
	{ .name = nm, .label = nm, .model = MB_RVWMO_MODEL, .rows = r, INSNS_(riscv_insns), \
	  .acquire_fence = MB_RV_ACQUIRE_FENCE, .release_fence = MB_RV_RELEASE_FENCE, \
	  .rmw = { MB_RV_ORDERS(RV_AMO_) }, .cas = { MB_RV_ORDERS(RV_CAS_) }, \
	  .cas_fail_after = MB_RV_CAS_FAIL_AFTER, .kfence = { MB_RISCV_KFENCES(KF_) } }

const struct mb_port mb_ports[] = {
	X86_("x86_64", x86_64_rows),
	X86_("i386", i386_rows),
	{ .name = "aarch64", .label = "aarch64", .model = MB_ARMV8_MODEL, .rows = aarch64_rows,
	  INSNS_(arm_insns),
	  .acquire_insn = MB_A64_LOAD_ACQUIRE, .release_insn = MB_A64_STORE_RELEASE,
	  .rmw = { MB_A64_ORDERS(A64_) }, .cas = { MB_A64_ORDERS(A64_) },
	  .kfence = { MB_ARM_KFENCES(KF_) } },
	{ .name = "armv7", .label = "arm v7", .model = MB_ARMV7_MODEL, .rows = armv7_rows,
	  INSNS_(arm_insns),
	  .acquire_fence = MB_ARMV7_ACQUIRE_FENCE, .release_fence = MB_ARMV7_RELEASE_FENCE,
	  .rmw = { MB_ARM_ORDERS(FENCED_) }, .cas = { MB_ARM_ORDERS(FENCED_) },
	  .cas_fail_after = MB_ARM_CAS_FAIL_AFTER, .kfence = { MB_ARM_KFENCES(KF_) } },
	{ .name = "armv8", .label = "arm v8 (AArch32)", .model = MB_ARMV8_MODEL, .rows = armv8_rows,
	  INSNS_(arm_insns),
	  .acquire_insn = MB_A32_LOAD_ACQUIRE, .release_insn = MB_A32_STORE_RELEASE,
	  .rmw = { MB_ARM_ORDERS(FENCED_) }, .cas = { MB_ARM_ORDERS(FENCED_) },
	  .cas_fail_after = MB_ARM_CAS_FAIL_AFTER, .kfence = { MB_ARM_KFENCES(KF_) } },
	RV_("riscv64", riscv64_rows),
	RV_("riscv32", riscv32_rows),
	{ .name = "ppc64le", .label = "ppc64le", .model = MB_POWER_MODEL, .rows = ppc64le_rows,
	  INSNS_(ppc64_insns),
	  .acquire_fence = MB_PPC_ACQUIRE_FENCE, .release_fence = MB_PPC_RELEASE_FENCE,
	  .rmw = { MB_PPC_ORDERS(FENCED_) }, .cas = { MB_PPC_ORDERS(FENCED_) },
	  .cas_fail_after = MB_PPC_CAS_FAIL_AFTER, .kfence = { MB_PPC64_KFENCES(KF_) } },
};
const size_t mb_nports = N_(mb_ports);

const struct mb_port mb_port_lkmm = {
	.name = "lkmm", .label = "LKMM", .model = "LKMM", .rows = lkmm_rows, INSNS_(lkmm_insns),
	.rmw = NONE_, .cas = NONE_,
};

/* Every table must list every row, in one order. */
_Static_assert(N_(i386_rows) == N_(x86_64_rows) && N_(aarch64_rows) == N_(x86_64_rows) &&
	       N_(armv7_rows) == N_(x86_64_rows) && N_(armv8_rows) == N_(x86_64_rows) &&
	       N_(riscv64_rows) == N_(x86_64_rows) && N_(riscv32_rows) == N_(x86_64_rows) &&
	       N_(ppc64le_rows) == N_(x86_64_rows) && N_(lkmm_rows) == N_(x86_64_rows),
	       "every port lists every kind x type");

const struct mb_port *mb_port_find(const char *name)
{
	if (!strcmp(name, mb_port_lkmm.name))
		return &mb_port_lkmm;
	for (size_t i = 0; i < mb_nports; i++)
		if (!strcmp(mb_ports[i].name, name))
			return &mb_ports[i];
	return NULL;
}

const char *mb_port_insn(const struct mb_port *p, size_t row, enum mb_flavor f)
{
	if (row >= mb_port_nrows)
		return NULL;
	return f == MB_KERNEL ? p->rows[row].kernel_insn : p->rows[row].insn;
}

/* Every row's instructions as people read them, built once. */
#define MB_SHOWN_LEN	64
static char shown_tab[N_(mb_ports) + 1][N_(x86_64_rows)][2][MB_SHOWN_LEN];
static pthread_once_t shown_once = PTHREAD_ONCE_INIT;

static const struct mb_port *port_at(size_t i)
{
	return i < mb_nports ? &mb_ports[i] : &mb_port_lkmm;
}

static void shown_fill(void)
{
	for (size_t p = 0; p <= mb_nports; p++)
		for (size_t r = 0; r < mb_port_nrows; r++)
			for (int f = 0; f < 2; f++)
				mb_insn_shown(mb_port_insn(port_at(p), r, (enum mb_flavor)f),
					      shown_tab[p][r][f], MB_SHOWN_LEN);
}

const char *mb_port_insn_shown(const struct mb_port *p, size_t row, enum mb_flavor f)
{
	size_t i = p == &mb_port_lkmm ? mb_nports : (size_t)(p - mb_ports);

	if (row >= mb_port_nrows || i > mb_nports || (unsigned)f > MB_KERNEL)
		return NULL;
	pthread_once(&shown_once, shown_fill);
	return shown_tab[i][row][f];
}

bool mb_port_orders(const struct mb_port *p, const char *insn, unsigned *orders)
{
	for (size_t i = 0; i < p->ninsns; i++)
		if (!strcmp(p->insns[i].insn, insn)) {
			*orders = p->insns[i].orders;
			return true;
		}
	for (size_t i = 0; i < N_(common_insns); i++)
		if (!strcmp(common_insns[i].insn, insn)) {
			*orders = common_insns[i].orders;
			return true;
		}
	return false;
}

const char *mb_insn_shown(const char *insn, char *buf, size_t len)
{
	size_t j = 0;

	if (!len)
		return buf;
	for (size_t i = 0; insn[i] && j + 1 < len; i++) {
		if (insn[i] == '%' && insn[i + 1] == '%')
			i++;
		buf[j++] = insn[i];
	}
	buf[j] = '\0';
	return buf;
}
