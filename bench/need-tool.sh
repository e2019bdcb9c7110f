#!/bin/sh
# usage: bench/need-tool.sh COMMAND PACKAGE
# The benchmarks' own tools (gnuplot, wrk) are checked where they are used,
# not by tools/install-deps.sh: when COMMAND is missing, Debian's PACKAGE
# is installed as there, with apt-get as root or through sudo, without the
# recommended packages, saying so.  Exit status 0 iff COMMAND is there then.
command -v "$1" >/dev/null 2>&1 && exit 0
echo "bench: $1 is missing: installing Debian's $2" \
	"(apt-get install --no-install-recommends $2)" >&2
if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2 &&
	$sudo apt-get install -y -qq --no-install-recommends "$2" >&2 || true
command -v "$1" >/dev/null 2>&1 && exit 0
echo "bench: no $1; run 'apt-get install --no-install-recommends $2' as root" >&2
exit 1
