# Cost of one wait against N watched pipes, log-log: epoll_wait flat,
# poll and select linear.  Called by bench/run-bench.sh with target, dir
# (holding epoll_wait.dat, poll.dat, select.dat: "N cycles") and outfile.
set terminal svg size 720,480 dynamic background rgb "white"
set output outfile
set title sprintf("Cost of one wait for readiness among N pipes (%s)", target)
set xlabel "N watched pipes"
set ylabel "cycles per wait (median)"
set logscale xy
# plain numbers: gnuplot's default "1x10^6" puts its exponent above the
# top tic label, where the frame cuts it off; room above for the title
set format y "%.0f"
set tmargin 3
set key top left
set grid
plot dir."/epoll_wait.dat" using 1:2 with linespoints title "epoll\\_wait", \
     dir."/poll.dat" using 1:2 with linespoints title "poll", \
     dir."/select.dat" using 1:2 with linespoints title "select"
