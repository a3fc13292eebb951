/* SPDX-License-Identifier: MIT */
/* src/platform/host.h - fill a result's host record from this machine. */
#ifndef MB_PLATFORM_HOST_H
#define MB_PLATFORM_HOST_H

#include "result/result.h"

/* Fill host from this machine (hwloc, uname, counter); cycles fields left to the cost engine. */
void mb_host_fill(struct mb_host *h);

#endif /* MB_PLATFORM_HOST_H */
