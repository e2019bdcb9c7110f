# Sourced by tools/test-all.sh and tests/gdb/run.sh: LOCKDEP_ERE matches
# the first line of each report of the lock checker
# (kernel/locking/lockdep.c) and of refcount_t, as tools/run-elf's
# LOCKDEP_REPORT does.  make test fails on any boot whose kernel log has one.
LOCKDEP_ERE='^(WARNING: (possible (circular|recursive) locking|inconsistent lock state|bad unlock balance|lock held when returning|lock not held|mutex |refcount_t: )|BUG: (sleeping function called|scheduling while atomic|spinlock lockup|lock used before|MAX_LOCK))'
