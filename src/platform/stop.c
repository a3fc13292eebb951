/* SPDX-License-Identifier: MIT */
/* src/platform/stop.c - see src/platform/stop.h. */
#include <signal.h>
#include <string.h>

#include "platform/stop.h"

static volatile sig_atomic_t stop_sig;

static void on_signal(int sig)
{
	if (!stop_sig)
		stop_sig = sig;
}

void mb_stop_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESETHAND;	/* a second signal ends the process at once */
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: blocking calls return EINTR */
	for (int i = 0; i < 2; i++) {
		int sig = i ? SIGTERM : SIGINT;
		struct sigaction old;

		/* Ignored when we started (a script's background job, nohup): stays ignored. */
		if (sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		sigaction(sig, &sa, NULL);
	}
}

int mb_stop_requested(void)
{
	return stop_sig;
}
