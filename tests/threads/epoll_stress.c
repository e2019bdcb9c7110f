/*
 * epoll_stress: eventpoll's concurrent paths, from threads pinned one per
 * CPU (sched_setaffinity; where the kernel refuses, the threads run where
 * it puts them).  A fixed number of rounds of three races, then the
 * invariants, never a count that depends on timing:
 *
 *   1. writers -> 8 pipes (EPOLLIN | EPOLLONESHOT) -> ep <- 3 readers
 *                                                     ep -> outer <- 1 reader
 *      each reader takes an event, reads the pipe dry and re-arms it with
 *      EPOLL_CTL_MOD; the nested reader waits on outer, then takes its
 *      events from ep with a zero timeout.  Every ONESHOT event must come
 *      to exactly one reader, every byte written must be read (no lost
 *      wake-up).
 *   2. per round: an epoll fd watching 48 pipes' read ends and a dup of
 *      each; at once, one thread closes the epoll fd, one closes every
 *      pipe fd (each file's last reference: eventpoll_release_file), one
 *      runs EPOLL_CTL_DEL/MOD and epoll_wait on them, one writes: only
 *      success, EBADF, ENOENT (and EPIPE for the writes) may come back.
 *   3. one thread harvests an epoll fd with 32 always-ready LT pipes
 *      without pause while another writes 300 times into an EPOLLET
 *      pipe of the same set: every byte read, every harvest all 32.
 *   4. 4 threads, each asleep in its own epoll fd holding one shared
 *      pipe with EPOLLEXCLUSIVE: every byte written is read by one.
 * Then fds and /proc/self/status's Threads must be back at their start.
 *
 * `epoll_stress stats` then prints /proc/pollux/epoll_stats, Pollux's
 * counters of these paths (make test checks them; docs/eventpoll.md).
 */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

#include "tt.h"

#define QUIT 0xffff
#define DEADLINE_MS 20000

static int ncpus;
static atomic_ulong cpus_used;	/* a bit per CPU a thread ran on */

/* The CPU this thread runs on now, into cpus_used (for `stats`). */
static void note_cpu(void)
{
	unsigned int cpu = 0;

	if (syscall(SYS_getcpu, &cpu, NULL, NULL) == 0 && cpu < 64)
		atomic_fetch_or(&cpus_used, 1UL << cpu);
}

/* Pins the calling thread to CPU n (mod the CPU count); a kernel without
 * sched_setaffinity leaves it where it is, which the checks allow. */
static void pin(int n)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(n % ncpus, &set);
	sched_setaffinity(0, sizeof(set), &set);
	note_cpu();
}

/* Waits for *v to reach want, up to DEADLINE_MS: false if it did not (a
 * lost wake-up leaves a reader asleep and the count short). */
static bool wait_for(atomic_int *v, int want)
{
	for (int ms = 0; atomic_load(v) < want; ms += 2) {
		if (ms >= DEADLINE_MS)
			return false;
		tt_sleep_ms(2);
	}
	return true;
}

/* ------------------------------------------- 1. ONESHOT, shared and nested */
#define PIPES 8
#define WRITERS 2
#define READERS 3
#define ROUNDS 60
#define TOTAL (PIPES * ROUNDS)

static int ep, outer, quit, pipes[PIPES][2];
static atomic_int armed[PIPES], seen, doubles;

/* One event from ep: it must be armed (delivered once); read the pipe
 * dry, re-arm.  Returns false for the quit event. */
static bool take(const struct epoll_event *ev)
{
	struct epoll_event mod = { EPOLLIN | EPOLLONESHOT, { .u32 = ev->data.u32 } };
	int i = ev->data.u32;
	char buf[64];
	ssize_t n;

	if (i == QUIT)
		return false;
	if (atomic_exchange(&armed[i], 0) != 1)
		atomic_fetch_add(&doubles, 1);
	while ((n = read(pipes[i][0], buf, sizeof(buf))) > 0)
		if (atomic_fetch_add(&seen, n) + n == TOTAL)
			eventfd_write(quit, 1);
	atomic_store(&armed[i], 1);
	epoll_ctl(ep, EPOLL_CTL_MOD, pipes[i][0], &mod);
	return true;
}

static void *reader(void *arg)
{
	struct epoll_event ev[4];

	pin((long)arg);
	for (;;) {
		int n = epoll_wait(ep, ev, 4, -1);

		note_cpu();
		for (int k = 0; k < n; k++)
			if (!take(&ev[k]))
				return NULL;
	}
}

/* Woken through outer (ep's ->poll), then takes from ep without waiting. */
static void *nested_reader(void *arg)
{
	struct epoll_event ev[4];

	pin((long)arg);
	for (;;) {
		epoll_wait(outer, ev, 1, -1);
		int n = epoll_wait(ep, ev, 4, 0);

		for (int k = 0; k < n; k++)
			if (!take(&ev[k]))
				return NULL;
	}
}

static void *writer(void *arg)
{
	long me = (long)arg;

	pin(me);
	for (int r = 0; r < ROUNDS; r++) {
		for (int i = me; i < PIPES; i += WRITERS)
			write(pipes[i][1], "x", 1);
		if (r % 8 == 0)
			sched_yield();
	}
	return NULL;
}

static void oneshot_race(void)
{
	pthread_t t[WRITERS + READERS + 1];
	struct epoll_event ev = { EPOLLIN, { .u32 = QUIT } };
	int nt = 0;
	bool done;

	ep = epoll_create1(0);
	outer = epoll_create1(0);
	quit = eventfd(0, 0);
	epoll_ctl(ep, EPOLL_CTL_ADD, quit, &ev);
	ev = (struct epoll_event){ EPOLLIN, { .u32 = 0 } };
	epoll_ctl(outer, EPOLL_CTL_ADD, ep, &ev);
	for (int i = 0; i < PIPES; i++) {
		pipe2(pipes[i], O_NONBLOCK);
		atomic_store(&armed[i], 1);
		ev = (struct epoll_event){ EPOLLIN | EPOLLONESHOT, { .u32 = i } };
		epoll_ctl(ep, EPOLL_CTL_ADD, pipes[i][0], &ev);
	}
	for (long i = 0; i < READERS; i++)
		pthread_create(&t[nt++], NULL, reader, (void *)(i + 1));
	pthread_create(&t[nt++], NULL, nested_reader, (void *)0L);
	for (long i = 0; i < WRITERS; i++)
		pthread_create(&t[nt++], NULL, writer, (void *)i);

	done = wait_for(&seen, TOTAL);
	CHECK(done, "no lost wake-up: the 480 bytes written into 8 pipes were all read, "
	      "through the shared and the nested epoll");
	if (!done) {
		CHECK_EQ(atomic_load(&seen), TOTAL, "bytes read");
		exit(tt_done());
	}
	CHECK_EQ(atomic_load(&doubles), 0,
		 "EPOLLONESHOT: each event came to exactly one reader");
	for (int i = 0; i < nt; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < PIPES; i++) {
		close(pipes[i][0]);
		close(pipes[i][1]);
	}
	close(quit);
	close(outer);
	close(ep);
}

/* --------------------------------------- 2. close, dup, DEL, MOD at once */
#define CHURN_PIPES 48
#define CHURN_ROUNDS 50

static int cep, crd[CHURN_PIPES], cdup[CHURN_PIPES], cwr[CHURN_PIPES];
static pthread_barrier_t start, end;
static atomic_int odd_errors, closing;

/* A failure must be one the race explains: the fd or the item gone.
 * Another is counted, and named on stderr. */
static void expect(int ret, const char *what, bool epipe_ok)
{
	if (ret < 0 && errno != EBADF && errno != ENOENT &&
	    !(epipe_ok && errno == EPIPE)) {
		fprintf(stderr, "# %s: %s\n", what, tt_errname(errno));
		atomic_fetch_add(&odd_errors, 1);
	}
}

static void *churn(void *arg)
{
	long role = (long)arg;
	struct epoll_event ev[8];

	pin(role);
	for (int r = 0; r < CHURN_ROUNDS; r++) {
		pthread_barrier_wait(&start);
		for (int i = 0; i < CHURN_PIPES; i++) {
			struct epoll_event mod = { EPOLLIN | EPOLLET, { .u32 = i } };

			switch (role) {
			case 0:	/* ep_clear_and_put, once the closes begin */
				while (i == 0 && !atomic_load(&closing))
					sched_yield();
				if (i == 0)
					close(cep);
				break;
			case 1:		/* each pipe's last read reference */
				close(crd[i]);
				atomic_store(&closing, 1);
				close(cdup[i]);
				break;
			case 2:
				expect(epoll_ctl(cep, EPOLL_CTL_DEL, crd[i], NULL), "DEL", false);
				expect(epoll_ctl(cep, EPOLL_CTL_MOD, cdup[i], &mod), "MOD", false);
				expect(epoll_wait(cep, ev, 8, 0), "epoll_wait", false);
				break;
			case 3:
				expect(write(cwr[i], "y", 1), "write", true);
				break;
			}
		}
		pthread_barrier_wait(&end);
	}
	return NULL;
}

static void close_race(void)
{
	pthread_t t[4];

	pthread_barrier_init(&start, NULL, 5);
	pthread_barrier_init(&end, NULL, 5);
	for (long i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, churn, (void *)i);
	for (int r = 0; r < CHURN_ROUNDS; r++) {
		cep = epoll_create1(0);
		for (int i = 0; i < CHURN_PIPES; i++) {
			int p[2];
			struct epoll_event ev = { EPOLLIN, { .u32 = i } };

			pipe(p);
			crd[i] = p[0];
			cwr[i] = p[1];
			cdup[i] = dup(p[0]);
			epoll_ctl(cep, EPOLL_CTL_ADD, crd[i], &ev);
			epoll_ctl(cep, EPOLL_CTL_ADD, cdup[i], &ev);
		}
		atomic_store(&closing, 0);
		pthread_barrier_wait(&start);
		pthread_barrier_wait(&end);
		for (int i = 0; i < CHURN_PIPES; i++)
			close(cwr[i]);
	}
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&start);
	pthread_barrier_destroy(&end);
	CHECK_EQ(atomic_load(&odd_errors), 0,
		 "50 rounds of close(epfd) | close(pipe, dup) | DEL, MOD, epoll_wait | write: "
		 "only EBADF, ENOENT, EPIPE");
}

/* ------------------------------------------ 3. a harvest and a callback */
#define LT_PIPES 32
#define ET_BYTES 300

static int hep, lt[LT_PIPES][2], et[2];
static atomic_int et_seen, short_harvests, harvesting;

/* Harvests all the time: 32 always-ready LT items, so most of its time is
 * spent between ep_start_scan and ep_done_scan, where the writer's
 * callbacks must go on ovflist.  Every harvest must report all 32. */
static void *harvester(void *arg)
{
	struct epoll_event ev[LT_PIPES + 1];
	char buf[64];
	ssize_t n;

	pin((long)arg);
	while (atomic_load(&et_seen) < ET_BYTES) {
		int got = epoll_wait(hep, ev, LT_PIPES + 1, 1000), lts = 0;

		for (int k = 0; k < got; k++) {
			if (ev[k].data.u32 != QUIT) {
				lts++;
				continue;
			}
			while ((n = read(et[0], buf, sizeof(buf))) > 0)
				atomic_fetch_add(&et_seen, n);
		}
		if (lts != LT_PIPES)
			atomic_fetch_add(&short_harvests, 1);
		atomic_store(&harvesting, 1);
	}
	return NULL;
}

/* Writes once the harvests run (else, alone on its CPU, it could be done
 * before the first one). */
static void *et_writer(void *arg)
{
	pin((long)arg);
	while (!atomic_load(&harvesting))
		sched_yield();
	for (int i = 0; i < ET_BYTES; i++) {
		write(et[1], "e", 1);
		sched_yield();
	}
	return NULL;
}

static void harvest_race(void)
{
	struct epoll_event ev = { EPOLLIN | EPOLLET, { .u32 = QUIT } };
	pthread_t h, w;

	hep = epoll_create1(0);
	pipe2(et, O_NONBLOCK);
	epoll_ctl(hep, EPOLL_CTL_ADD, et[0], &ev);
	for (int i = 0; i < LT_PIPES; i++) {
		pipe(lt[i]);
		write(lt[i][1], "l", 1);
		ev = (struct epoll_event){ EPOLLIN, { .u32 = i } };
		epoll_ctl(hep, EPOLL_CTL_ADD, lt[i][0], &ev);
	}
	pthread_create(&h, NULL, harvester, (void *)0L);
	pthread_create(&w, NULL, et_writer, (void *)1L);
	CHECK(wait_for(&et_seen, ET_BYTES),
	      "an ET pipe written 300 times during harvests: every byte read");
	pthread_join(w, NULL);
	pthread_join(h, NULL);
	CHECK_EQ(atomic_load(&short_harvests), 0,
		 "... and every harvest reported all 32 ready LT pipes");
	for (int i = 0; i < LT_PIPES; i++) {
		close(lt[i][0]);
		close(lt[i][1]);
	}
	close(et[0]);
	close(et[1]);
	close(hep);
}

/* ------------------------------------------------ 4. EPOLLEXCLUSIVE herd */
#define HERD 4
#define HERD_BYTES 50

static int herd[2], herd_quit;
static atomic_int herd_seen, herd_tid[HERD];

/* Is thread tid asleep?  The state letter after "(comm) " in its stat. */
static bool asleep(int tid)
{
	char path[64], buf[256], *p;
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", tid);
	f = fopen(path, "r");
	n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
	if (f)
		fclose(f);
	buf[n] = 0;
	p = strrchr(buf, ')');
	return p && p[1] == ' ' && p[2] == 'S';
}

/* Waits (up to a second) until the members sleep in epoll_wait, so that
 * the next write has exclusive waiters to choose from. */
static void herd_asleep(void)
{
	for (int i = 0; i < HERD; i++)
		for (int ms = 0; ms < 1000; ms++) {
			int tid = atomic_load(&herd_tid[i]);

			if (tid && asleep(tid))
				break;
			tt_sleep_ms(1);
		}
}

static void *herd_member(void *arg)
{
	struct epoll_event ev = { EPOLLIN | EPOLLEXCLUSIVE, { .u32 = 0 } };
	int my_ep = epoll_create1(0);
	char buf[16];
	ssize_t n;

	pin((long)arg);
	atomic_store(&herd_tid[(long)arg], tt_gettid());
	epoll_ctl(my_ep, EPOLL_CTL_ADD, herd[0], &ev);
	ev = (struct epoll_event){ EPOLLIN, { .u32 = QUIT } };
	epoll_ctl(my_ep, EPOLL_CTL_ADD, herd_quit, &ev);
	while (epoll_wait(my_ep, &ev, 1, -1) != 1 || ev.data.u32 != QUIT)
		while ((n = read(herd[0], buf, sizeof(buf))) > 0)
			atomic_fetch_add(&herd_seen, n);
	close(my_ep);
	return NULL;
}

static void exclusive_herd(void)
{
	pthread_t t[HERD];

	pipe2(herd, O_NONBLOCK);
	herd_quit = eventfd(0, 0);
	for (long i = 0; i < HERD; i++)
		pthread_create(&t[i], NULL, herd_member, (void *)i);
	for (int i = 0; i < HERD_BYTES; i++) {
		herd_asleep();
		write(herd[1], "z", 1);
	}
	CHECK(wait_for(&herd_seen, HERD_BYTES),
	      "EPOLLEXCLUSIVE, 4 threads with their own epoll on one pipe: the 50 bytes all read");
	eventfd_write(herd_quit, 1);
	for (int i = 0; i < HERD; i++)
		pthread_join(t[i], NULL);
	close(herd[0]);
	close(herd[1]);
	close(herd_quit);
}

/* ------------------------------------------------------------ baselines */
static int open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = -1;		/* the directory's own fd */

	while (d && readdir(d))
		n++;
	if (d)
		closedir(d);
	return n - 2;		/* "." and ".." */
}

static int threads(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[128];
	int n = -1;

	while (f && fgets(line, sizeof(line), f))
		sscanf(line, "Threads: %d", &n);
	if (f)
		fclose(f);
	return n;
}

/* A joined thread may still be leaving the kernel: wait a little. */
static int threads_settled(int want)
{
	int n = threads();

	for (int ms = 0; n != want && ms < 2000; ms += 2) {
		tt_sleep_ms(2);
		n = threads();
	}
	return n;
}

/* Pollux's counters, and on how many CPUs the threads were seen. */
static void print_stats(void)
{
	FILE *f = fopen("/proc/pollux/epoll_stats", "r");
	char line[128];

	printf("# cpus_used %d\n", __builtin_popcountl(atomic_load(&cpus_used)));
	while (f && fgets(line, sizeof(line), f))
		printf("# %s", line);
	if (!f)
		printf("# no /proc/pollux/epoll_stats\n");
	else
		fclose(f);
}

int main(int argc, char **argv)
{
	int fds0, threads0;

	signal(SIGPIPE, SIG_IGN);
	ncpus = sysconf(_SC_NPROCESSORS_ONLN);
	if (ncpus < 1)
		ncpus = 1;
	fds0 = open_fds();
	threads0 = threads();

	oneshot_race();
	close_race();
	harvest_race();
	exclusive_herd();

	CHECK_EQ(open_fds(), fds0, "open fds back at their start");
	CHECK_EQ(threads_settled(threads0), threads0,
		 "/proc/self/status Threads back at its start");
	if (argc > 1 && !strcmp(argv[1], "stats"))
		print_stats();
	return tt_done();
}
