/* Checks of typed text (see checks.h). GB 11643-1999: 6-digit address, 8-digit birth date,
 * 3-digit sequence (odd male, even female), check character by ISO 7064 MOD 11-2. */
#include "screen.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

scr_status check_today(char out[11]) {
    time_t now = time(NULL) + 8 * 3600;
    struct tm utc;
    if (!gmtime_r(&now, &utc)) return SCR_ERR_ARGUMENT;
    return strftime(out, 11, "%Y-%m-%d", &utc) == 10 ? SCR_OK : SCR_ERR_ARGUMENT;
}

static int days_in_month(int year, int month) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

static int digits_at(const char *s, size_t n) {
    int value = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i])) return -1;
        value = value * 10 + (s[i] - '0');
    }
    return value;
}

static scr_check date_parts(const char *text, int *year, int *month, int *day) {
    if (!text || strlen(text) != 10 || text[4] != '-' || text[7] != '-') return CHECK_DATE_FORMAT;
    *year = digits_at(text, 4);
    *month = digits_at(text + 5, 2);
    *day = digits_at(text + 8, 2);
    if (*year < 0 || *month < 0 || *day < 0) return CHECK_DATE_FORMAT;
    if (*year < 1800 || *month < 1 || *month > 12 || *day < 1 || *day > days_in_month(*year, *month))
        return CHECK_DATE_IMPOSSIBLE;
    return CHECK_OK;
}

scr_check check_date(const char *text) {
    int y, m, d;
    return date_parts(text, &y, &m, &d);
}

scr_check check_past_date(const char *text, const char *today) {
    scr_check c = check_date(text);
    if (c != CHECK_OK) return c;
    return today && strcmp(text, today) > 0 ? CHECK_DATE_FUTURE : CHECK_OK;
}

scr_check check_birth_date(const char *text, const char *today) {
    scr_check c = check_past_date(text, today);
    if (c != CHECK_OK || !today) return c;
    int y, m, d, ty, tm, td;
    if (date_parts(today, &ty, &tm, &td) != CHECK_OK) return CHECK_OK;
    date_parts(text, &y, &m, &d);
    /* 18 on the 18th birthday (29 February: on 1 March in common years). */
    int age = ty - y - ((tm < m || (tm == m && td < d)) ? 1 : 0);
    return age >= 18 ? CHECK_DATE_TOO_OLD : CHECK_OK;
}

scr_check check_month(const char *text) {
    if (!text || strlen(text) != 7 || text[4] != '-') return CHECK_MONTH_FORMAT;
    int y = digits_at(text, 4), m = digits_at(text + 5, 2);
    return y < 1800 || m < 1 || m > 12 ? CHECK_MONTH_FORMAT : CHECK_OK;
}

scr_check check_identity_number(const char *text, scr_identity *out) {
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char checks[] = "10X98765432";
    char number[19];
    size_t n = 0;
    for (const char *p = text ? text : ""; *p; p++) {
        if (*p == ' ' || *p == '\t') continue;
        if (n == 18) return CHECK_ID_LENGTH;
        number[n++] = *p == 'x' ? 'X' : *p;
    }
    if (n != 18) return CHECK_ID_LENGTH;
    number[18] = '\0';
    int sum = 0;
    for (int i = 0; i < 17; i++) {
        if (!isdigit((unsigned char)number[i])) return CHECK_ID_DIGITS;
        sum += (number[i] - '0') * weights[i];
    }
    char date[11];
    snprintf(date, sizeof date, "%.4s-%.2s-%.2s", number + 6, number + 10, number + 12);
    if (check_date(date) != CHECK_OK) return CHECK_ID_DATE;
    if (out) {
        memcpy(out->birth_date, date, sizeof date);
        out->sex = ((number[16] - '0') % 2) ? 1 : 2;
        out->expected_check = checks[sum % 11];
    }
    return number[17] == checks[sum % 11] ? CHECK_OK : CHECK_ID_CHECK_CHARACTER;
}

scr_check check_identity_agrees(const scr_identity *id, const char *birth_date, int sex) {
    if (birth_date && *birth_date && strcmp(birth_date, id->birth_date) != 0) return CHECK_ID_BIRTH_DATE;
    if (sex && sex != id->sex) return CHECK_ID_SEX;
    return CHECK_OK;
}

scr_check check_village(const char *text, const char *jurisdiction) {
    static const size_t segments[][2] = {{0, 2}, {2, 2}, {4, 2}, {6, 3}, {9, 3}};
    if (!text || strlen(text) != 12) return CHECK_VILLAGE_FORMAT;
    for (size_t i = 0; i < 12; i++)
        if (!isdigit((unsigned char)text[i])) return CHECK_VILLAGE_FORMAT;
    for (size_t s = 0; s < 5; s++)
        if (digits_at(text + segments[s][0], segments[s][1]) == 0) return CHECK_VILLAGE_ZERO;
    if (jurisdiction && *jurisdiction && strncmp(text, jurisdiction, strlen(jurisdiction)) != 0)
        return CHECK_VILLAGE_OUTSIDE;
    return CHECK_OK;
}
