/* Fixed-size types for the user/kernel ABI (Linux: include/uapi/asm-generic/int-ll64.h).
 * Every uapi header uses these so it compiles freestanding in the kernel
 * and in the libc without any C library header. */
#ifndef _UAPI_TYPES_H
#define _UAPI_TYPES_H

typedef signed char        __s8;
typedef unsigned char      __u8;
typedef short              __s16;
typedef unsigned short     __u16;
typedef int                __s32;
typedef unsigned int       __u32;
typedef long long          __s64;
typedef unsigned long long __u64;

/* x86-64 kernel ABI widths (Linux: asm-generic/posix_types.h). */
typedef long               __kernel_long_t;
typedef unsigned long      __kernel_ulong_t;
typedef int                __kernel_pid_t;
typedef unsigned int       __kernel_uid_t;
typedef unsigned int       __kernel_gid_t;
typedef unsigned int       __kernel_mode_t;
typedef long               __kernel_off_t;
typedef long long          __kernel_loff_t;
typedef long               __kernel_time_t;
typedef long               __kernel_suseconds_t;
typedef int                __kernel_clockid_t;
typedef unsigned long      __kernel_size_t;
typedef long               __kernel_ssize_t;

#endif
