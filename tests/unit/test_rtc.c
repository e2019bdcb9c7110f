/* drivers/rtc.c: the CMOS clock's registers as a date, against glibc's
 * timegm.  Register B: 0x02 is 24-hour mode, 0x04 binary (else BCD). */
#include <pollux/drivers.h>

#include "host.h"
#include "test.h"

#define BCD_24H 0x02
#define BIN_24H 0x06
#define BCD_12H 0x00
#define BIN_12H 0x04

static long decode(u8 ctrl, u8 century, u8 year, u8 mon, u8 mday, u8 hour,
		   u8 min, u8 sec)
{
	struct rtc_regs r = { sec, min, hour, mday, mon, year, century, ctrl };

	return rtc_regs_to_time(&r);
}

int main(void)
{
	CHECK_EQ(decode(BCD_24H, 0, 0x26, 0x12, 0x06, 0x01, 0x22, 0x51),
		 host_timegm(2026, 12, 6, 1, 22, 51),
		 "BCD, 24-hour, no century register: 20xx");
	CHECK_EQ(decode(BIN_24H, 0, 26, 12, 6, 23, 59, 59),
		 host_timegm(2026, 12, 6, 23, 59, 59), "binary, 24-hour");
	CHECK_EQ(decode(BCD_24H, 0x20, 0x24, 0x02, 0x29, 0x12, 0x00, 0x00),
		 host_timegm(2024, 2, 29, 12, 0, 0),
		 "BCD century register 0x20: a leap day");
	CHECK_EQ(decode(BCD_24H, 0x19, 0x99, 0x12, 0x31, 0x23, 0x59, 0x59),
		 host_timegm(1999, 12, 31, 23, 59, 59), "century 19");
	CHECK_EQ(decode(BIN_24H, 21, 0, 3, 1, 0, 0, 0),
		 host_timegm(2100, 3, 1, 0, 0, 0),
		 "binary century 21: 2100 has no leap day");
	CHECK_EQ(decode(BCD_12H, 0, 0x26, 0x01, 0x01, 0x12, 0x30, 0x00),
		 host_timegm(2026, 1, 1, 0, 30, 0), "12-hour BCD: 12 AM is 0 h");
	CHECK_EQ(decode(BCD_12H, 0, 0x26, 0x01, 0x01, 0x92, 0x30, 0x00),
		 host_timegm(2026, 1, 1, 12, 30, 0), "12-hour BCD: 12 PM is 12 h");
	CHECK_EQ(decode(BCD_12H, 0, 0x26, 0x01, 0x01, 0x81, 0x00, 0x00),
		 host_timegm(2026, 1, 1, 13, 0, 0), "12-hour BCD: 1 PM is 13 h");
	CHECK_EQ(decode(BIN_12H, 0, 26, 7, 4, 0x80 | 11, 5, 6),
		 host_timegm(2026, 7, 4, 23, 5, 6), "12-hour binary: 11 PM");
	CHECK_EQ(decode(BIN_12H, 0, 26, 7, 4, 11, 5, 6),
		 host_timegm(2026, 7, 4, 11, 5, 6), "12-hour binary: 11 AM");
	return test_done();
}
