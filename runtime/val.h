/*
 * val.h - runtime values: one small tagged struct, passed by value.
 *
 * Ownership: a val owns nothing.  Text points either into a loaded table's
 * arena (stable for the run) or, for rows being streamed, into the input
 * buffer (valid only during the row callback).  A reference (VAL_REF) keeps
 * both the text as written and the index of what it names, resolved once
 * by the loader: a row of another dataset, a competency of a framework, a
 * profile of the model, a level of a scale.
 */
#ifndef RUBRIC_VAL_H
#define RUBRIC_VAL_H

#include <stdbool.h>
#include <stdint.h>

#include "cal.h"
#include "num.h"

typedef enum val_kind {
	VAL_NONE,   /* no value: an optional field left empty, or no data */
	VAL_NA,     /* recorded as not applicable */
	VAL_NUM,
	VAL_TEXT,
	VAL_REF,    /* text naming something, with its index in `ref` */
	VAL_DATE,
	VAL_PERIOD,
	VAL_BOOL,
	VAL_DURATION,
} val_kind;

typedef struct val {
	val_kind kind;
	uint32_t len;      /* VAL_TEXT, VAL_REF: bytes of s */
	const char *s;     /* VAL_TEXT, VAL_REF */
	union {
		num n;
		int32_t ref;
		cal_date date;
		cal_period period;
		bool b;
		cal_duration dur;
	} u;
} val;

static inline val val_none(void) { val v = {0}; v.kind = VAL_NONE; return v; }
static inline val val_num(num n) { val v = {0}; v.kind = VAL_NUM; v.u.n = n; return v; }
static inline val val_bool(bool b) { val v = {0}; v.kind = VAL_BOOL; v.u.b = b; return v; }

#endif
