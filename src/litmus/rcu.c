/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/rcu.c - real RCU for litmus tests that call rcu_read_lock(),
 * rcu_read_unlock(), synchronize_rcu(): userspace-rcu's memb flavour
 * (read side: a per-thread counter and compiler barriers, as the kernel's
 * preemptible RCU; synchronize_rcu(): membarrier(2) and a wait for every
 * reader that was inside a read-side section).  Compiled test code calls
 * it through struct lt_rcu_ops (src/litmus/rt.h), so a user test's shared
 * object links nothing.  A harness thread is an RCU reader for one batch
 * at a time (online/offline): a thread that is not registered never holds
 * up a grace period.
 */
#include <stddef.h>

#include "litmus/litmus.h"

#ifndef MB_HAVE_URCU
#define MB_HAVE_URCU 0
#endif

#if MB_HAVE_URCU
#include <urcu/urcu-memb.h>

static void rcu_lock(void) { urcu_memb_read_lock(); }
static void rcu_unlock(void) { urcu_memb_read_unlock(); }
static void rcu_sync(void) { urcu_memb_synchronize_rcu(); }
static void rcu_online(void) { urcu_memb_register_thread(); }
static void rcu_offline(void) { urcu_memb_unregister_thread(); }

static const struct lt_rcu_ops rcu_ops = {
	rcu_lock, rcu_unlock, rcu_sync, rcu_online, rcu_offline,
};
const struct lt_rcu_ops *const mb_litmus_rcu = &rcu_ops;
#else
const struct lt_rcu_ops *const mb_litmus_rcu = NULL;
#endif
