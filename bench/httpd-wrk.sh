#!/bin/sh
# The demo HTTP server (user/demo-httpd.c) in Pollux, loaded from the host through
# QEMU's forwarded port (user networking, virtio-net): requests per second
# and latency from Debian's wrk at 1 and 2 CPUs, then how many concurrent
# connections the server holds (bench/hold.py).  Real time, not -icount:
# the figures move with the host's load, so they are a rough picture.
#
# usage: bench/httpd-wrk.sh [SECONDS]     (make bench-net; default 5 s a run)
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-5}
tmp=$(mktemp -d)
trap 'kill $qpid 2>/dev/null || true; rm -rf "$tmp"' EXIT

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# Boots Pollux with demo-httpd on $1 CPUs, host port $2 forwarded to its port 80;
# returns once it answers.  No allocator or lock checks: the figures are
# those of the code, not of its debugging.
boot() {
	"$top/tools/run-elf" --timeout 3600 --smp "$1" --net "$2" \
		--cmdline "slub_debug=- lockdep.prove_locking=0" \
		"$top/build/user/demo-httpd" -q > "$tmp/console" 2>&1 &
	qpid=$!
	for i in $(seq 120); do
		grep -q "httpd: ready" "$tmp/console" 2>/dev/null && return 0
		sleep 1
	done
	echo "bench: demo-httpd did not start"; cat "$tmp/console"; exit 1
}

"$top/bench/need-tool.sh" wrk wrk || exit 1
printf "%-5s %-6s %12s %12s %12s %10s\n" cpus conns "requests/s" "lat avg" "lat p99" errors
for cpus in 1 2; do
	port=$(free_port)
	boot "$cpus" "$port"
	for c in 1 10 100; do
		wrk -t1 -c"$c" -d"${secs}s" --latency "http://127.0.0.1:$port/" \
			> "$tmp/wrk" 2>&1 || true
		rps=$(awk '/^Requests\/sec/ { print $2 }' "$tmp/wrk")
		avg=$(awk '$1 == "Latency" { print $2; exit }' "$tmp/wrk")
		p99=$(awk '$1 == "99%" { print $2 }' "$tmp/wrk")
		err=$(awk '/Socket errors|Non-2xx/ { e = e $0 " " } END { print e ? e : "0" }' "$tmp/wrk")
		printf "%-5s %-6s %12s %12s %12s %10s\n" "$cpus" "$c" "${rps:-?}" \
			"${avg:-?}" "${p99:-?}" "$err"
	done
	if [ "$cpus" = 1 ]; then
		python3 "$top/bench/hold.py" "$port" 10000
	fi
	kill "$qpid" 2>/dev/null || true
	wait "$qpid" 2>/dev/null || true
done
