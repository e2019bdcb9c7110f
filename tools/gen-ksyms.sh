#!/bin/sh
# Writes the kernel symbol table (function start addresses and names,
# sorted) as NASM source for the .ksyms section; with no ELF argument, an
# empty table for the first link.  Used by panic backtraces
# (kernel/lib/ksyms.c).  Linux: scripts/kallsyms.c.
set -e
echo "section .ksyms"
echo "global ksyms_count, ksyms_addrs, ksyms_offsets, ksyms_names"
echo "align 8"
if [ -z "$1" ]; then
	echo "ksyms_count: dq 0"
	echo "ksyms_addrs:"
	echo "ksyms_offsets:"
	echo "ksyms_names: db 0"
	exit 0
fi
nm -n --defined-only "$1" | awk '$2 ~ /^[tT]$/ && $1 ~ /^ffffffff8/ { print $1, $3 }' > "$2.tmp"
n=$(wc -l < "$2.tmp")
echo "ksyms_count: dq $n"
echo "ksyms_addrs:"
awk '{ print "\tdq 0x" $1 }' "$2.tmp"
echo "ksyms_offsets:"
awk 'BEGIN { off = 0 } { print "\tdd " off; off += length($2) + 1 }' "$2.tmp"
echo "ksyms_names:"
awk '{ print "\tdb \"" $2 "\", 0" }' "$2.tmp"
rm -f "$2.tmp"
