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
 *   YYMMDDNNNC  YYYYMMDDNNNC                   one run of 10 or 12 digits
 *   YYMMDD?NNNC  YYYYMMDD?NNNC                 a date run, one separator, four digits
 *   YY?MM?DD-NNNC  YYYY?MM?DD-NNNC             a date in groups, a dash or '+', four digits
 *
 * standing alone (no digit glued on either side), with a real month, a day that exists in that
 * month (a samordningsnummer adds 60 to the day: 61..91), and a Luhn check digit C computed
 * over the ten-digit form YYMMDDNNN; a twelve-digit form's century is 18, 19 or 20.  With a
 * two-digit year, 29 February is accepted when YY is divisible by four (the century is
 * unknown, and 2000 was a leap year).
 *
 * The text is UTF-8 and is normalised before it is matched, so that what reads as a number is
 * screened as one:
 *   - a digit is any Unicode decimal digit (general category Nd: "６４", Arabic-Indic, ...);
 *   - format characters (category Cf: soft hyphen U+00AD, zero-width space U+200B, word
 *     joiner U+2060, BOM U+FEFF, bidi controls) are ignored, as if absent: "6408", U+200B,
 *     "233234" is one run of ten digits;
 *   - a separator ('?' above) is a space (space, TAB, category Zs such as the no-break space),
 *     a dash ('-', category Pd such as U+2011 and the en dash U+2013, U+2212 minus), '+'
 *     (also U+FE62, U+FF0B; '+' marks age 100 or more), or a mark ('_', '/', '.' and their
 *     full-width forms).  Exactly one stands between date and number, except that a dash or
 *     '+' may have spaces around it ("640823 – 3234").  Inside a grouped date each '?' is
 *     exactly one separator of any kind.
 *   - after a grouped date only a dash or '+' introduces the four ("64 08 23-3234"), never a
 *     space alone: "Möte 2021-03-04 1400" is a date and a time.  Nor does a grouped date match
 *     when its four digits go on as a group (a dash, '+' or mark and a digit follow), since
 *     "2021-03-03-2021-03-28" is a range of dates.
 * Anything else (letters, ':', ',', a line break, two separators, ill-formed UTF-8) ends a
 * candidate.  Ordinary numbers stay free: "2021-03-04", "1 234 567 kr", "070-123 45 67",
 * "Dnr 2019/ASN 0036 10", an account "1234-5678-9012", a 13-digit reference.
 *
 * Pure: no allocation, no locale, no I/O; the Unicode tables are compiled in.
 */
#ifndef FOLJA_PNR_H
#define FOLJA_PNR_H

#include <stdbool.h>
#include <stddef.h>

/**
 * Finds the first personnummer or samordningsnummer in @p text.
 *
 * @param text   NUL-terminated UTF-8 text; borrowed.  Ill-formed bytes are read as other
 *               characters (they end a candidate), never as digits.
 * @param start  if not NULL, receives the byte offset in @p text of the match's first digit.
 * @param len    if not NULL, receives the match's length in bytes, from its first digit to
 *               just after its last (format characters and separators inside included; at
 *               least 10).
 * @return true when a match was found; false otherwise (and for @p text NULL), in which case
 *         @p start and @p len are left untouched.
 */
bool pnr_find(const char *text, size_t *start, size_t *len);

#endif
