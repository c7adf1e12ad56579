/*
 * checks.h: what the screen can check as the worker types, before anything is sent: dates, months,
 * GB 11643 resident identity numbers (check character, birth date, sex), 12-digit village codes.
 * Pure functions on text; the server checks everything again.
 */
#ifndef SCREEN_CHECKS_H
#define SCREEN_CHECKS_H

#include "status.h"

/* What is wrong with typed text; CHECK_OK when nothing is. The screen words each in both languages. */
typedef enum scr_check {
    CHECK_OK = 0,
    CHECK_DATE_FORMAT,        /* not YYYY-MM-DD */
    CHECK_DATE_IMPOSSIBLE,    /* no such day */
    CHECK_DATE_FUTURE,        /* after today */
    CHECK_DATE_TOO_OLD,       /* 18 or older today (a child's birth date) */
    CHECK_MONTH_FORMAT,       /* not YYYY-MM */
    CHECK_ID_LENGTH,          /* not 18 characters */
    CHECK_ID_DIGITS,          /* one of the first 17 is not a digit */
    CHECK_ID_DATE,            /* characters 7-14 are not a real date */
    CHECK_ID_CHECK_CHARACTER, /* the 18th character is not the one the first 17 call for */
    CHECK_ID_BIRTH_DATE,      /* the number's birth date is not the one typed */
    CHECK_ID_SEX,             /* the number's sex is not the one chosen */
    CHECK_VILLAGE_FORMAT,     /* not 12 digits */
    CHECK_VILLAGE_ZERO,       /* a segment of zeros: a county or township, not a village */
    CHECK_VILLAGE_OUTSIDE,    /* outside the worker's jurisdiction */
    CHECK_NUMBER,             /* not a whole number (or out of range) */
    CHECK_DECIMAL             /* not a number */
} scr_check;

/* Today's date in China Standard Time (UTC+8), as the server counts days: "2026-11-23". */
scr_status check_today(char out[11]);

/* A calendar date "YYYY-MM-DD". */
scr_check check_date(const char *text);
/* A date not after `today`. */
scr_check check_past_date(const char *text, const char *today);
/* A child's birth date: a past date on which the child is under 18 on `today`. */
scr_check check_birth_date(const char *text, const char *today);
/* A month "YYYY-MM". */
scr_check check_month(const char *text);

/* What an identity number encodes. */
typedef struct scr_identity {
    char birth_date[11];
    /* 1 male (odd sequence), 2 female (even): the values of kiosk.core.v1.Sex. */
    int sex;
    /* For CHECK_ID_CHECK_CHARACTER: the character the number needs. */
    char expected_check;
} scr_identity;

/* A GB 11643 number (spaces removed, 'x' taken as 'X'). Fills *out when the number is well formed. */
scr_check check_identity_number(const char *text, scr_identity *out);
/* The number against a typed birth date ("" to skip) and sex (0 to skip). */
scr_check check_identity_agrees(const scr_identity *id, const char *birth_date, int sex);

/* A 12-digit village code inside `jurisdiction` (a code prefix; "" or NULL allows any). */
scr_check check_village(const char *text, const char *jurisdiction);

#endif
