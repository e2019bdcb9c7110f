/* The tick and timers (kernel/proc/timer.c).  Linux: kernel/time/timer.c */
#ifndef POLLUX_TIMER_H
#define POLLUX_TIMER_H

#include <pollux/list.h>

#define HZ 1000
extern volatile u64 jiffies;

struct timer_list {
	u64 expires;			/* in jiffies */
	void (*function)(struct timer_list *);
	struct list_head entry;
	void *data;
};

void timer_init(void);
void add_timer(struct timer_list *t);
void del_timer(struct timer_list *t);

/* Ticks covering at least ms milliseconds, counting the partial tick in
 * progress: a timeout never expires early. */
static inline long msecs_to_jiffies(long ms)
{
	return ms * (HZ / 1000) + 1;
}

#endif
