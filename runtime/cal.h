/*
 * cal.h - dates, periods and durations.
 *
 * A date is a day number (days since 1970-01-01, proleptic Gregorian
 * calendar), so comparing and subtracting dates is integer arithmetic.
 * A period is a reporting interval: a calendar year (2016), a quarter
 * (2016-Q1), a month (2016-03) or a fiscal year (FY2010).  A duration is an
 * amount of a calendar unit; years and months are not converted to days,
 * because their length depends on where they start.
 */
#ifndef RUBRIC_CAL_H
#define RUBRIC_CAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "num.h"

typedef int32_t cal_date;

/* Dates must lie in years 1..9999. */
bool cal_valid(int y, int m, int d);
int cal_days_in_month(int y, int m);
cal_date cal_from_ymd(int y, int m, int d);
void cal_to_ymd(cal_date date, int *y, int *m, int *d);
/* Adds n months, clamping the day to the end of the target month
 * (2024-01-31 + 1 month = 2024-02-29). */
cal_date cal_add_months(cal_date date, int months);
/* "2018-12-31"; buf needs 11 bytes. */
void cal_format(cal_date date, char *buf);

typedef enum cal_period_kind {
	PERIOD_YEAR,
	PERIOD_QUARTER,
	PERIOD_MONTH,
	PERIOD_FISCAL_YEAR,
} cal_period_kind;

typedef struct cal_period {
	cal_period_kind kind;
	int year;
	int index; /* quarter 1..4, month 1..12, else 0 */
} cal_period;

/* "2016", "2016-Q1", "2016-03", "FY2010"; buf needs 16 bytes. */
void cal_period_format(cal_period p, char *buf);
/* Orders periods of the same kind; different kinds order by kind. */
int cal_period_cmp(cal_period a, cal_period b);
/* The first and last day of a period.  A fiscal year FYn runs from
 * 1 October of n-1 to 30 September of n (the United States federal fiscal
 * year, as in the OPM performance tables). */
void cal_period_range(cal_period p, cal_date *first, cal_date *last);

typedef enum cal_unit {
	UNIT_YEARS,
	UNIT_MONTHS,
	UNIT_WEEKS,
	UNIT_DAYS,
	UNIT_HOURS,
	UNIT_MINUTES,
} cal_unit;

typedef struct cal_duration {
	num amount;
	cal_unit unit;
} cal_duration;

/* Moves a date by a whole number of years, months, weeks or days (sign +1
 * or -1), as cal_add_months for years and months.  The caller checks the
 * amount is whole and the unit is not hours or minutes. */
cal_date cal_add_duration(cal_date d, cal_duration dur, int sign);

/* Recognises "year", "years", "month", ...; false for anything else. */
bool cal_unit_parse(const char *s, size_t len, cal_unit *out);
const char *cal_unit_name(cal_unit u, bool plural);

#endif
