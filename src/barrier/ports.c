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
#define INSNS_(a)	a, N_(a)

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

const struct mb_port mb_ports[] = {
	{ "x86_64",  "x86_64",           MB_X86_MODEL,   x86_64_rows,  INSNS_(x86_insns), NULL, NULL },
	{ "i386",    "i386",             MB_X86_MODEL,   i386_rows,    INSNS_(x86_insns), NULL, NULL },
	{ "aarch64", "aarch64",          MB_ARMV8_MODEL, aarch64_rows, INSNS_(arm_insns), NULL, NULL },
	{ "armv7",   "arm v7",           MB_ARMV7_MODEL, armv7_rows,   INSNS_(arm_insns), NULL, NULL },
	{ "armv8",   "arm v8 (AArch32)", MB_ARMV8_MODEL, armv8_rows,   INSNS_(arm_insns), NULL, NULL },
	{ "riscv64", "riscv64",          MB_RVWMO_MODEL, riscv64_rows, INSNS_(riscv_insns),
	  MB_RV_ACQUIRE_FENCE, MB_RV_RELEASE_FENCE },
	{ "riscv32", "riscv32",          MB_RVWMO_MODEL, riscv32_rows, INSNS_(riscv_insns),
	  MB_RV_ACQUIRE_FENCE, MB_RV_RELEASE_FENCE },
	{ "ppc64le", "ppc64le",          MB_POWER_MODEL, ppc64le_rows, INSNS_(ppc64_insns),
	  MB_PPC_ACQUIRE_FENCE, MB_PPC_RELEASE_FENCE },
};
const size_t mb_nports = N_(mb_ports);

const struct mb_port mb_port_lkmm = {
	"lkmm", "LKMM", "LKMM", lkmm_rows, INSNS_(lkmm_insns), NULL, NULL
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
