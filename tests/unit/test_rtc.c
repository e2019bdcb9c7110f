/* drivers/rtc.c: the CMOS clock's registers as a date, against glibc's
 * timegm.  Register B: 0x02 is 24-hour mode, 0x04 binary (else BCD). */
#include <pollux/drivers.h>

#include "host.h"
#include "test.h"

#define BCD_24H 0x02
#define BIN_24H 0x06
#define BCD_12H 0x00
#define BIN_12H 0x04

static const struct {
	struct rtc_regs regs;	/* sec, min, hour, mday, mon, year, century, B */
	int year, mon, mday, hour, min, sec;
	const char *what;
} cases[] = {
	{ { 0x51, 0x22, 0x01, 0x06, 0x12, 0x26, 0, BCD_24H },
	  2026, 12, 6, 1, 22, 51, "BCD, 24-hour, no century register: 20xx" },
	{ { 59, 59, 23, 6, 12, 26, 0, BIN_24H },
	  2026, 12, 6, 23, 59, 59, "binary, 24-hour" },
	{ { 0x00, 0x00, 0x12, 0x29, 0x02, 0x24, 0x20, BCD_24H },
	  2024, 2, 29, 12, 0, 0, "BCD century register 0x20: a leap day" },
	{ { 0x59, 0x59, 0x23, 0x31, 0x12, 0x99, 0x19, BCD_24H },
	  1999, 12, 31, 23, 59, 59, "century 19" },
	{ { 0, 0, 0, 1, 3, 0, 21, BIN_24H },
	  2100, 3, 1, 0, 0, 0, "binary century 21: 2100 has no leap day" },
	{ { 0x00, 0x30, 0x12, 0x01, 0x01, 0x26, 0, BCD_12H },
	  2026, 1, 1, 0, 30, 0, "12-hour BCD: 12 AM is 0 h" },
	{ { 0x00, 0x30, 0x92, 0x01, 0x01, 0x26, 0, BCD_12H },
	  2026, 1, 1, 12, 30, 0, "12-hour BCD: 12 PM is 12 h" },
	{ { 0x00, 0x00, 0x81, 0x01, 0x01, 0x26, 0, BCD_12H },
	  2026, 1, 1, 13, 0, 0, "12-hour BCD: 1 PM is 13 h" },
	{ { 6, 5, 0x80 | 11, 4, 7, 26, 0, BIN_12H },
	  2026, 7, 4, 23, 5, 6, "12-hour binary: 11 PM" },
	{ { 6, 5, 11, 4, 7, 26, 0, BIN_12H },
	  2026, 7, 4, 11, 5, 6, "12-hour binary: 11 AM" },
};

int main(void)
{
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK_EQ(rtc_regs_to_time(&cases[i].regs),
			 host_timegm(cases[i].year, cases[i].mon, cases[i].mday,
				     cases[i].hour, cases[i].min, cases[i].sec),
			 cases[i].what);
	return test_done();
}
