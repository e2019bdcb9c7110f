/*
 * The MC146818 CMOS real-time clock (ports 0x70/0x71), read once at boot
 * for the date.  QEMU's keeps the host's UTC time (-rtc base=utc).
 * Linux: drivers/rtc/rtc-mc146818-lib.c mc146818_get_time(),
 * arch/x86/kernel/rtc.c mach_get_cmos_time().
 */
#include <pollux/drivers.h>
#include <pollux/string.h>
#include <pollux/arch/cpu.h>

#define RTC_PORT_INDEX	0x70
#define RTC_PORT_DATA	0x71

#define RTC_SECONDS	0x00
#define RTC_MINUTES	0x02
#define RTC_HOURS	0x04
#define RTC_DAY_OF_MONTH 0x07
#define RTC_MONTH	0x08
#define RTC_YEAR	0x09
#define RTC_REG_A	0x0a
#define RTC_UIP		0x80	/* an update is in progress: wait */
#define RTC_REG_B	0x0b
#define RTC_24H		0x02
#define RTC_DM_BINARY	0x04	/* else BCD */
#define RTC_HOURS_PM	0x80	/* in 12-hour mode */

static unsigned int cmos_read(u8 reg)
{
	outb(RTC_PORT_INDEX, reg);
	return inb(RTC_PORT_DATA);
}

static unsigned int bcd2bin(unsigned int v)
{
	return (v & 0x0f) + (v >> 4) * 10;
}

static void rtc_read_raw(struct rtc_regs *t, u8 century_reg)
{
	while (cmos_read(RTC_REG_A) & RTC_UIP)
		;	/* an update takes under 2 ms */
	t->sec = cmos_read(RTC_SECONDS);
	t->min = cmos_read(RTC_MINUTES);
	t->hour = cmos_read(RTC_HOURS);
	t->mday = cmos_read(RTC_DAY_OF_MONTH);
	t->mon = cmos_read(RTC_MONTH);
	t->year = cmos_read(RTC_YEAR);
	t->century = century_reg ? cmos_read(century_reg) : 0;
	t->ctrl = cmos_read(RTC_REG_B);
}

/* Seconds since 1970-01-01 00:00 UTC; mon 1..12, days from 1 March so
 * that February's leap day comes last.  Linux: kernel/time/time.c
 * mktime64() */
static s64 mktime64(unsigned int year, unsigned int mon, unsigned int day,
		    unsigned int hour, unsigned int min, unsigned int sec)
{
	s64 days;

	if ((int)(mon -= 2) <= 0) {
		mon += 12;
		year -= 1;
	}
	days = year / 4 - year / 100 + year / 400 + 367 * mon / 12 + day +
	       (s64)year * 365 - 719499;
	return ((days * 24 + hour) * 60 + min) * 60 + sec;
}

/* The registers as a date: BCD or binary, 12- or 24-hour as register B
 * says; the century from its register, else 20xx. */
s64 rtc_regs_to_time(const struct rtc_regs *regs)
{
	struct rtc_regs t = *regs;
	bool pm = !(t.ctrl & RTC_24H) && (t.hour & RTC_HOURS_PM);

	t.hour &= ~RTC_HOURS_PM;
	if (!(t.ctrl & RTC_DM_BINARY)) {
		t.sec = bcd2bin(t.sec);
		t.min = bcd2bin(t.min);
		t.hour = bcd2bin(t.hour);
		t.mday = bcd2bin(t.mday);
		t.mon = bcd2bin(t.mon);
		t.year = bcd2bin(t.year);
		t.century = bcd2bin(t.century);
	}
	if (!(t.ctrl & RTC_24H))	/* 12 AM is 0 h, 12 PM is 12 h */
		t.hour = t.hour % 12 + (pm ? 12 : 0);
	return mktime64((t.century ? t.century * 100 : 2000) + t.year, t.mon,
			t.mday, t.hour, t.min, t.sec);
}

s64 rtc_read_time(u8 century_reg)
{
	struct rtc_regs t, again;

	/* Read until two reads agree: an update may start mid-read. */
	rtc_read_raw(&again, century_reg);
	do {
		t = again;
		rtc_read_raw(&again, century_reg);
	} while (memcmp(&t, &again, sizeof(t)));
	return rtc_regs_to_time(&t);
}
