/* SPDX-License-Identifier: MIT */
/*
 * src/platform/stop.h - SIGINT/SIGTERM as a request to stop: the handler
 * only records the signal; the engines poll mb_stop_requested() between
 * (and inside) their runs, finish nothing new, and let main() report what
 * finished, write the result marked interrupted and exit 128 + signal.
 */
#ifndef MB_STOP_H
#define MB_STOP_H

/* Install the handlers (once, for a run). */
void mb_stop_install(void);
/* 0, or the signal that asked the run to stop. */
int mb_stop_requested(void);

#endif
