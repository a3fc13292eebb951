/* SPDX-License-Identifier: MIT */
/* src/barrier/barrier_fns.h - prototypes of src/barrier/barrier_fns.c's out-of-line barriers. */
#ifndef MB_BARRIER_FNS_H
#define MB_BARRIER_FNS_H

#define MB_OUT_OF_LINE_DECL_(kind, type, emit, kern, note) \
	void mb_fn_##kind##_##type(void); \
	void mb_fnk_##kind##_##type(void);
MB_ALL_BARRIERS(MB_OUT_OF_LINE_DECL_)
#undef MB_OUT_OF_LINE_DECL_

#endif
