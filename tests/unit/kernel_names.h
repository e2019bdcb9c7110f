/*
 * Forced in (gcc -include) before every unit-test compile of kernel code
 * and of the tests themselves, never of host.c or the test framework.
 *
 * Kernel functions whose names clash with the host C library become
 * k_NAME, so one test binary holds both: the kernel's strcmp is tested
 * against the host's, and the framework's own printing never runs
 * kernel code.
 */
#define memcpy k_memcpy
#define memmove k_memmove
#define memset k_memset
#define memcmp k_memcmp
#define strlen k_strlen
#define strnlen k_strnlen
#define strcmp k_strcmp
#define strncmp k_strncmp
#define strchr k_strchr
#define strlcpy k_strlcpy
#define strncpy k_strncpy
#define vsnprintf k_vsnprintf
#define snprintf k_snprintf
