# Sourced by tools/test-all.sh, tests/slab/run.sh and tests/gdb/run.sh:
# LOCKDEP_ERE matches the first line of each report of the lock checker
# (kernel/locking/lockdep.c) and of refcount_t, as tools/run-elf's
# LOCKDEP_REPORT does.  make test fails on any boot whose kernel log has one.
LOCKDEP_ERE='^(WARNING: (possible (circular|recursive) locking|inconsistent lock state|bad unlock balance|lock held when returning|lock not held|mutex |refcount_t: )|BUG: (sleeping function called|scheduling while atomic|spinlock lockup|lock used before|MAX_LOCK))'

# lockdep_silent LOG...: shows each report found, with a "not ok" line per
# log that has one; returns how many logs had one (the caller's failures)
lockdep_silent() {
	found=0
	for log; do
		[ -f "$log" ] || continue
		if grep -qE "$LOCKDEP_ERE" "$log"; then
			grep -E -A 30 "$LOCKDEP_ERE" "$log" | head -n 60
			echo "not ok - lock checker report in $(basename "$log")"
			found=$((found + 1))
		fi
	done
	return $found
}
