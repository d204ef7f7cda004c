/*
 * test_cal.c - unit tests for runtime/cal.c: day numbers, month
 * arithmetic, periods and duration units.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "cal.h"

static void assert_ymd(cal_date date, int y, int m, int d)
{
	int yy = -1, mm = -1, dd = -1;
	cal_to_ymd(date, &yy, &mm, &dd);
	assert_int_equal(yy, y);
	assert_int_equal(mm, m);
	assert_int_equal(dd, d);
}

static void test_leap_years(void **state)
{
	(void)state;
	assert_true(cal_valid(2000, 2, 29));  /* divisible by 400 */
	assert_false(cal_valid(1900, 2, 29)); /* by 100, not 400 */
	assert_true(cal_valid(2024, 2, 29));  /* by 4 */
	assert_false(cal_valid(2023, 2, 29));
	assert_false(cal_valid(2100, 2, 29));
	assert_true(cal_valid(1600, 2, 29));
	assert_true(cal_valid(4, 2, 29));
	assert_int_equal(cal_days_in_month(2000, 2), 29);
	assert_int_equal(cal_days_in_month(1900, 2), 28);
	assert_int_equal(cal_days_in_month(2024, 2), 29);
	assert_int_equal(cal_days_in_month(2023, 2), 28);
}

static void test_valid_bounds(void **state)
{
	(void)state;
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	for (int m = 1; m <= 12; m++) {
		assert_int_equal(cal_days_in_month(2023, m), days[m - 1]);
		assert_true(cal_valid(2023, m, days[m - 1]));
		assert_false(cal_valid(2023, m, days[m - 1] + 1));
		assert_true(cal_valid(2023, m, 1));
		assert_false(cal_valid(2023, m, 0));
	}
	assert_false(cal_valid(2023, 0, 1));
	assert_false(cal_valid(2023, 13, 1));
	assert_false(cal_valid(2023, -1, 1));
	assert_int_equal(cal_days_in_month(2023, 0), 0);
	assert_int_equal(cal_days_in_month(2023, 13), 0);
	/* years 1..9999 */
	assert_true(cal_valid(1, 1, 1));
	assert_true(cal_valid(9999, 12, 31));
	assert_false(cal_valid(0, 1, 1));
	assert_false(cal_valid(10000, 1, 1));
	assert_false(cal_valid(-1, 1, 1));
}

static void test_known_day_numbers(void **state)
{
	(void)state;
	assert_int_equal(cal_from_ymd(1970, 1, 1), 0);
	assert_int_equal(cal_from_ymd(1970, 1, 2), 1);
	assert_int_equal(cal_from_ymd(1969, 12, 31), -1);
	assert_int_equal(cal_from_ymd(2000, 1, 1), 10957);
	assert_int_equal(cal_from_ymd(2000, 3, 1), 11017);
	assert_int_equal(cal_from_ymd(2024, 2, 29), 19782);
	assert_int_equal(cal_from_ymd(1, 1, 1), -719162);
	assert_int_equal(cal_from_ymd(9999, 12, 31), 2932896);
	assert_ymd(0, 1970, 1, 1);
	assert_ymd(11017, 2000, 3, 1);
	assert_ymd(-719162, 1, 1, 1);
	assert_ymd(2932896, 9999, 12, 31);
}

/* Every day from 1900 to 2100: consecutive numbers, and back again. */
static void test_round_trip_1900_2100(void **state)
{
	(void)state;
	cal_date expect = cal_from_ymd(1900, 1, 1);
	size_t n = 0;
	for (int y = 1900; y <= 2100; y++)
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= cal_days_in_month(y, m); d++) {
				cal_date date = cal_from_ymd(y, m, d);
				assert_int_equal(date, expect);
				assert_ymd(date, y, m, d);
				expect++;
				n++;
			}
	/* 201 years, 49 of them leap (2000 is, 1900 and 2100 are not) */
	assert_int_equal(n, 201 * 365 + 49);
	assert_int_equal(expect, cal_from_ymd(2101, 1, 1));
}

/* The ends of the range, and every year's first day in between. */
static void test_round_trip_whole_range(void **state)
{
	(void)state;
	for (int y = 1; y <= 9999; y++) {
		cal_date jan1 = cal_from_ymd(y, 1, 1);
		assert_ymd(jan1, y, 1, 1);
		if (y > 1)
			assert_ymd(jan1 - 1, y - 1, 12, 31);
		int len = cal_from_ymd(y, 12, 31) - jan1 + 1;
		assert_int_equal(len, cal_valid(y, 2, 29) ? 366 : 365);
	}
}

static void test_add_months_clamps(void **state)
{
	(void)state;
	assert_ymd(cal_add_months(cal_from_ymd(2024, 1, 31), 1), 2024, 2, 29);
	assert_ymd(cal_add_months(cal_from_ymd(2023, 1, 31), 1), 2023, 2, 28);
	assert_ymd(cal_add_months(cal_from_ymd(2024, 1, 31), 12), 2025, 1, 31);
	assert_ymd(cal_add_months(cal_from_ymd(2024, 3, 31), -1), 2024, 2, 29);
	assert_ymd(cal_add_months(cal_from_ymd(2024, 1, 15), -1), 2023, 12, 15);
	assert_ymd(cal_add_months(cal_from_ymd(2024, 1, 15), 0), 2024, 1, 15);
	assert_ymd(cal_add_months(cal_from_ymd(2024, 2, 29), 12), 2025, 2, 28);
	assert_ymd(cal_add_months(cal_from_ymd(2024, 2, 29), 48), 2028, 2, 29);
	assert_ymd(cal_add_months(cal_from_ymd(2024, 5, 31), 1), 2024, 6, 30);
	assert_ymd(cal_add_months(cal_from_ymd(2024, 12, 31), 2), 2025, 2, 28);
	assert_ymd(cal_add_months(cal_from_ymd(2024, 1, 1), -25), 2021, 12, 1);
	assert_ymd(cal_add_months(cal_from_ymd(2000, 8, 31), 120), 2010, 8, 31);
	/* clamping is not undone by going back */
	cal_date d = cal_add_months(cal_from_ymd(2024, 1, 31), 1);
	assert_ymd(cal_add_months(d, -1), 2024, 1, 29);
}

static void test_format(void **state)
{
	(void)state;
	char buf[11];
	memset(buf, 'x', sizeof buf);
	cal_format(cal_from_ymd(2018, 12, 31), buf);
	assert_string_equal(buf, "2018-12-31");
	cal_format(0, buf);
	assert_string_equal(buf, "1970-01-01");
	cal_format(cal_from_ymd(1, 1, 1), buf);
	assert_string_equal(buf, "0001-01-01");
	cal_format(cal_from_ymd(999, 2, 3), buf);
	assert_string_equal(buf, "0999-02-03");
	cal_format(cal_from_ymd(9999, 12, 31), buf);
	assert_string_equal(buf, "9999-12-31");
}

static cal_period period(cal_period_kind kind, int year, int index)
{
	cal_period p = {kind, year, index};
	return p;
}

static void test_period_format(void **state)
{
	(void)state;
	char buf[16];
	cal_period_format(period(PERIOD_YEAR, 2016, 0), buf);
	assert_string_equal(buf, "2016");
	cal_period_format(period(PERIOD_QUARTER, 2016, 1), buf);
	assert_string_equal(buf, "2016-Q1");
	cal_period_format(period(PERIOD_MONTH, 2016, 3), buf);
	assert_string_equal(buf, "2016-03");
	cal_period_format(period(PERIOD_MONTH, 2016, 12), buf);
	assert_string_equal(buf, "2016-12");
	cal_period_format(period(PERIOD_FISCAL_YEAR, 2010, 0), buf);
	assert_string_equal(buf, "FY2010");
	cal_period_format(period(PERIOD_YEAR, 7, 0), buf);
	assert_string_equal(buf, "0007");
	cal_period_format(period(PERIOD_FISCAL_YEAR, 99, 0), buf);
	assert_string_equal(buf, "FY0099");
}

static void test_period_cmp(void **state)
{
	(void)state;
	cal_period q1 = period(PERIOD_QUARTER, 2016, 1);
	cal_period q2 = period(PERIOD_QUARTER, 2016, 2);
	cal_period q4_15 = period(PERIOD_QUARTER, 2015, 4);
	assert_int_equal(cal_period_cmp(q1, q2), -1);
	assert_int_equal(cal_period_cmp(q2, q1), 1);
	assert_int_equal(cal_period_cmp(q1, q1), 0);
	assert_int_equal(cal_period_cmp(q4_15, q1), -1); /* year first */
	assert_int_equal(cal_period_cmp(period(PERIOD_MONTH, 2016, 12),
					period(PERIOD_MONTH, 2017, 1)), -1);
	assert_int_equal(cal_period_cmp(period(PERIOD_MONTH, 2016, 10),
					period(PERIOD_MONTH, 2016, 9)), 1);
	assert_int_equal(cal_period_cmp(period(PERIOD_YEAR, 2016, 0),
					period(PERIOD_YEAR, 2016, 0)), 0);
	/* different kinds order by kind: year, quarter, month, fiscal year */
	assert_int_equal(cal_period_cmp(period(PERIOD_YEAR, 2020, 0), q1), -1);
	assert_int_equal(cal_period_cmp(q1, period(PERIOD_MONTH, 2000, 1)), -1);
	assert_int_equal(cal_period_cmp(period(PERIOD_FISCAL_YEAR, 1990, 0),
					period(PERIOD_MONTH, 2020, 1)), 1);
}

static void test_unit_parse(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		cal_unit unit;
	} good[] = {
		{"year", UNIT_YEARS}, {"years", UNIT_YEARS},
		{"month", UNIT_MONTHS}, {"months", UNIT_MONTHS},
		{"week", UNIT_WEEKS}, {"weeks", UNIT_WEEKS},
		{"day", UNIT_DAYS}, {"days", UNIT_DAYS},
		{"hour", UNIT_HOURS}, {"hours", UNIT_HOURS},
		{"minute", UNIT_MINUTES}, {"minutes", UNIT_MINUTES},
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		cal_unit u = (cal_unit)99;
		assert_true(cal_unit_parse(good[i].s, strlen(good[i].s), &u));
		assert_int_equal(u, good[i].unit);
		bool plural = good[i].s[strlen(good[i].s) - 1] == 's';
		assert_string_equal(cal_unit_name(good[i].unit, plural), good[i].s);
	}
	static const char *const bad[] = {
		"", "Years", "yr", "yrs", "dayss", "d", "second", "seconds",
		"years ", " day", "mins",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cal_unit u = UNIT_HOURS;
		assert_false(cal_unit_parse(bad[i], strlen(bad[i]), &u));
		assert_int_equal(u, UNIT_HOURS);
	}
	/* the length bounds the word */
	cal_unit u = UNIT_YEARS;
	assert_true(cal_unit_parse("daysx", 4, &u));
	assert_int_equal(u, UNIT_DAYS);
	assert_true(cal_unit_parse("days", 3, &u));
	assert_int_equal(u, UNIT_DAYS);
	assert_false(cal_unit_parse("weeks", 2, &u));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_valid_bounds),
		cmocka_unit_test(test_known_day_numbers),
		cmocka_unit_test(test_round_trip_1900_2100),
		cmocka_unit_test(test_round_trip_whole_range),
		cmocka_unit_test(test_add_months_clamps),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_period_format),
		cmocka_unit_test(test_period_cmp),
		cmocka_unit_test(test_unit_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
