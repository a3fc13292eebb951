/* SPDX-License-Identifier: MIT */
/*
 * tests/unit_ports.c - every port's table (src/barrier/ports.h): one row
 * per registry barrier in the registry's order, every instruction with a
 * fact of what it orders, the host's port the same rows as the registry it
 * runs, and the facts the models depend on.
 */
#include <string.h>

#include "arch/arch.h"
#include "barrier/barrier.h"
#include "barrier/ports.h"
#include "check.h"

/* What insn orders on port; ~0u when unknown (no CHECK here: CHECK
 * evaluates its condition twice). */
static unsigned orders(const char *port, const char *insn)
{
	unsigned o;
	const struct mb_port *p = mb_port_find(port);

	return p && mb_port_orders(p, insn, &o) ? o : ~0u;
}

static void check_port(const struct mb_port *p)
{
	int bad_order = 0, unknown = 0;

	for (size_t i = 0; i < mb_port_nrows; i++) {
		const struct mb_port_row *r = &p->rows[i];

		if (!r->kind || strcmp(r->kind, mb_row_kind((enum mb_row)i)) ||
		    strcmp(r->type, mb_row_type((enum mb_row)i)) ||
		    strcmp(r->kind, mb_barriers[i].kind) || strcmp(r->type, mb_barriers[i].type)) {
			bad_order++;
			CHECK(0, "%s row %zu is %s.%s, the row is %s.%s", p->name, i,
			      r->kind ? r->kind : "(missing)", r->kind ? r->type : "",
			      mb_row_kind((enum mb_row)i), mb_row_type((enum mb_row)i));
			continue;
		}
		for (int f = 0; f < 2; f++) {
			const char *insn = mb_port_insn(p, i, (enum mb_flavor)f);
			unsigned o;

			if (!mb_port_orders(p, insn, &o)) {
				unknown++;
				CHECK(0, "%s %s.%s%s: '%s' has no fact of what it orders", p->name,
				      r->kind, r->type, f ? ":kernel" : "", insn);
			}
		}
	}
	/* the instructions of its RMWs, load-acquire and ordering macros too */
	for (int o = 0; o < MB_NRMW_ORDERS; o++) {
		const char *f[] = { p->rmw[o].before, p->rmw[o].after, p->cas[o].before, p->cas[o].after };

		for (size_t k = 0; k < sizeof(f) / sizeof(f[0]); k++) {
			unsigned ord;

			if (!f[k] || !mb_port_orders(p, f[k], &ord)) {
				unknown++;
				CHECK(0, "%s RMW %d: '%s' has no fact of what it orders", p->name, o,
				      f[k] ? f[k] : "(null)");
			}
		}
	}
	for (int k = 0; k < MB_NKFENCES; k++) {
		unsigned ord;

		if (p != &mb_port_lkmm && (!p->kfence[k] || !mb_port_orders(p, p->kfence[k], &ord))) {
			unknown++;
			CHECK(0, "%s kfence %d: '%s' has no fact of what it orders", p->name, k,
			      p->kfence[k] ? p->kfence[k] : "(null)");
		}
	}
	CHECK(!bad_order, "%s: rows in registry order", p->name);
	CHECK(!unknown, "%s: every instruction says what it orders", p->name);
	if (p->acquire_fence) {
		unsigned a, r;
		bool known = mb_port_orders(p, p->acquire_fence, &a) &&
			     mb_port_orders(p, p->release_fence, &r);

		CHECK(known, "%s: acquire/release fences known", p->name);
	}
}

int main(void)
{
	const struct mb_port *host = mb_port_find(MB_ARCH_PORT);

	CHECK(mb_port_nrows == mb_nbarriers, "%zu rows per port, %zu in the registry",
	      mb_port_nrows, mb_nbarriers);
	for (size_t p = 0; p < mb_nports; p++)
		check_port(&mb_ports[p]);
	check_port(&mb_port_lkmm);
	CHECK(mb_port_find("nonesuch") == NULL, "unknown port -> NULL");

	/* The host's port is the registry it runs: the same arch rows. */
	CHECK(host != NULL && !strcmp(host->model, MB_ARCH_MODEL), "the host %s is a port, of model %s",
	      MB_ARCH_PORT, MB_ARCH_MODEL);
	for (size_t i = 0; host && i < mb_nbarriers; i++) {
		const struct mb_barrier *b = &mb_barriers[i];

		if (!strcmp(b->kind, "c11"))
			continue;	/* the registry names the C call; the port what it compiles to */
		CHECK(!strcmp(host->rows[i].insn, b->insn) &&
		      !strcmp(host->rows[i].kernel_insn,
			      mb_barrier_has_kernel_variant(i) ? b->kernel_insn : b->insn),
		      "host port %s.%s = registry ('%s' / '%s')", b->kind, b->type,
		      host->rows[i].insn, host->rows[i].kernel_insn);
	}

	/* The name lists (CLI checks, advise) are exactly the rows' kinds and types, each once. */
	{
		const char *const *mb_kinds = mb_row_kinds(), *const *mb_types = mb_row_types();
		size_t nk = 0, nt = 0, seen_k = 0, seen_t = 0;

		for (; mb_kinds[nk]; nk++)
			seen_k += mb_row_find(mb_kinds[nk], "general") >= 0;
		for (; mb_types[nt]; nt++) {
			bool any = false;

			for (size_t i = 0; i < mb_nbarriers; i++)
				any |= !strcmp(mb_barriers[i].type, mb_types[nt]);
			seen_t += any;
		}
		for (size_t i = 0; i < mb_nbarriers; i++) {
			bool k = false, t = false;

			for (size_t j = 0; j < nk; j++)
				k |= !strcmp(mb_kinds[j], mb_barriers[i].kind);
			for (size_t j = 0; j < nt; j++)
				t |= !strcmp(mb_types[j], mb_barriers[i].type);
			if (!k || !t)
				seen_k = 0;
		}
		CHECK(seen_k == nk && seen_t == nt && nk == 7 && nt == 6,
		      "mb_kinds/mb_types name every row's kind and type, and nothing else");
	}

	/* The facts the verdicts turn on. */
	CHECK(orders("aarch64", "dsb st") == (MB_ORD_WW | MB_ORD_WR),
	      "dsb st orders store->store and store->load");
	CHECK(orders("aarch64", "dmb ishst") == MB_ORD_WW, "dmb ishst orders store->store only");
	CHECK(orders("aarch64", "dsb ld") == orders("aarch64", "dmb ishld"), "dsb ld orders as dmb ld");
	CHECK(orders("riscv64", "fence r,rw") == (MB_ORD_RR | MB_ORD_RW), "fence r,rw: load->all");
	CHECK(orders("riscv64", "fence iorw,ow") == (MB_ORD_RW | MB_ORD_WW), "fence iorw,ow: all->store");
	CHECK(orders("riscv64", "fence iorw,iorw") == MB_ORD_FULL, "fence iorw,iorw is full");
	CHECK(orders("ppc64le", "lwsync") == (MB_ORD_PAIRS & ~MB_ORD_WR), "lwsync: all but store->load");
	CHECK(orders("ppc64le", "sync") == MB_ORD_FULL, "sync is full and strong (cumulative)");
	CHECK(orders("ppc64le", "nonesuch") == ~0u, "an instruction no table has is unknown");
	CHECK(orders("x86_64", "lfence") == (MB_ORD_RR | MB_ORD_RW) &&
	      orders("x86_64", "sfence") == MB_ORD_WW, "lfence/sfence do not order store->load");
	CHECK(orders("x86_64", "lock orq $0x0,(%rsp)") == MB_ORD_FULL, "a locked or is full");
	/* How the ports run the kernel's own orderings (src/litmus/march_lower.c reads these). */
	{
		const struct mb_port *x86 = mb_port_find("x86_64"), *a64 = mb_port_find("aarch64");
		const struct mb_port *v7 = mb_port_find("armv7"), *rv = mb_port_find("riscv64");
		const struct mb_port *ppc = mb_port_find("ppc64le");

		CHECK(x86->rmw_locked && !*x86->kfence[MB_KF_before_atomic] &&
		      !*x86->kfence[MB_KF_after_spinlock], "x86: RMWs locked, smp_mb__*() barrier()");
		CHECK(a64->rmw[MB_RMW_mb].acq && a64->rmw[MB_RMW_mb].rel &&
		      a64->cas[MB_RMW_acquire].acq && !a64->cas[MB_RMW_acquire].rel &&
		      !a64->rmw[MB_RMW_relaxed].acq, "aarch64: LSE AL / A / none");
		CHECK(orders("aarch64", a64->acquire_insn) == MB_ORD_ACQ &&
		      orders("aarch64", a64->release_insn) == MB_ORD_REL, "aarch64: ldar / stlr");
		CHECK(v7->cas_fail_after && !strcmp(v7->cas[MB_RMW_acquire].after, "dmb ish") &&
		      !strcmp(v7->acquire_fence, "dmb ish") && !v7->acquire_insn &&
		      orders("armv7", v7->kfence[MB_KF_after_spinlock]) == MB_ORD_FULL,
		      "armv7: dmb ish around RMWs and after a plain load-acquire");
		CHECK(rv->rmw[MB_RMW_acquire].acq && !*rv->rmw[MB_RMW_acquire].after &&
		      !rv->cas[MB_RMW_acquire].acq &&
		      orders("riscv64", rv->cas[MB_RMW_acquire].after) == (MB_ORD_RR | MB_ORD_RW) &&
		      rv->cas[MB_RMW_mb].rel && orders("riscv64", rv->cas[MB_RMW_mb].after) == MB_ORD_FULL,
		      "riscv64: AMOs .aq/.rl, LR/SC with fences, sc.w.rl + fence rw,rw");
		CHECK(orders("ppc64le", ppc->cas[MB_RMW_acquire].after) == MB_ORD_ISYNC &&
		      orders("ppc64le", ppc->rmw[MB_RMW_mb].before) == MB_ORD_FULL &&
		      !ppc->cas_fail_after && !strcmp(ppc->kfence[MB_KF_after_unlock_lock], "sync"),
		      "ppc64le: isync after acquire, sync around mb, after_unlock_lock sync");
	}
#if MB_HAVE_KERNEL_RMW
	/* The host's port names the ordering macros its asm runs. */
	{
#define KF_(name, insn)	insn,
		static const char *const kf[] = { MB_KFENCE_TABLE(KF_) };
#undef KF_
		int same = host != NULL;

		for (int k = 0; host && k < MB_NKFENCES; k++)
			same &= !strcmp(host->kfence[k], kf[k]);
		CHECK(same, "host port's smp_mb__*() are the asm's (MB_KFENCE_TABLE)");
	}
#endif
	CHECK(!strcmp(mb_port_insn(mb_port_find("riscv64"), (size_t)MB_ROW_c11_read,
				   MB_EMITTED), "fence iorw,iorw"),
	      "riscv64 c11.read is what GCC emits");
	return CHECK_DONE();
}
