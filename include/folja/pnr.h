/*
 * The de-identification guard: finding personnummer and samordningsnummer in free text.
 *
 * Följa's registers (lex Sarah, decisions not executed) are de-identified by rule, so every
 * free-text field is screened before it is stored and one that holds something that looks
 * like a Swedish personal identity number is refused with 422.  "Looks like" is deliberately
 * narrow, because a controller's text is full of other numbers (amounts "1 234 567", dates
 * "2021-03-04", phone numbers, "Dnr 2019/ASN 0036 10") and a guard that cries wolf gets
 * worked around:
 *
 *   YYMMDDNNNC  YYMMDD-NNNC  YYMMDD+NNNC        (10 digits, '+' marks age 100 or more)
 *   YYYYMMDDNNNC  YYYYMMDD-NNNC  YYYYMMDD+NNNC  (12 digits, century 18, 19 or 20)
 *
 * standing alone as a digit run (no digit glued on either side), with a real month, a day that
 * exists in that month (a samordningsnummer adds 60 to the day: 61..91), and a Luhn check
 * digit C computed over the ten-digit form YYMMDDNNN.  Only '-' and '+' separate the date from
 * the last four; a space, '/', '.' or a dash other than U+002D does not make a match.  With a
 * two-digit year, 29 February is accepted when YY is divisible by four (the century is unknown,
 * and 2000 was a leap year).
 *
 * Pure: no allocation, no locale (digits are ASCII '0'..'9').
 */
#ifndef FOLJA_PNR_H
#define FOLJA_PNR_H

#include <stdbool.h>
#include <stddef.h>

/**
 * Finds the first personnummer or samordningsnummer in @p text.
 *
 * @param text   NUL-terminated text (UTF-8 or any ASCII-compatible encoding); borrowed.
 * @param start  if not NULL, receives the byte offset of the match.
 * @param len    if not NULL, receives its length in bytes (10, 11, 12 or 13).
 * @return true when a match was found; false otherwise (and for @p text NULL), in which case
 *         @p start and @p len are left untouched.
 */
bool pnr_find(const char *text, size_t *start, size_t *len);

#endif
