/*
 * Screening free text for personnummer and samordningsnummer (see include/folja/pnr.h).
 *
 * The text is read as a sequence of maximal ASCII digit runs.  A run can only be a number on
 * its own when it is exactly 10 or 12 digits long, or when it is 6 or 8 digits followed by '-'
 * or '+' and a run of exactly 4.  Working on whole runs is what keeps a personnummer-shaped
 * slice of a longer number (an account, a 13-digit reference) from matching: a run of any
 * other length is skipped as a whole.  The candidate then has to pass the calendar and the
 * Luhn check digit, which together let through fewer than one random ten-digit run in a
 * hundred (0.73 %).  That residue cannot be told from a real number, so it is refused too; a
 * writer who meets it can group the digits ("070 123 45 67").
 */
#include <stdbool.h>
#include <stddef.h>

#include "folja/date.h"
#include "folja/pnr.h"

/* A samordningsnummer is a personnummer with 60 added to the day of birth. */
#define SAMORDNING_DAY_OFFSET 60

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The value of @p n ASCII digits at @p s. */
static int digits_value(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Length of the digit run starting at @p s (0 when s[0] is not a digit). */
static size_t digit_run(const char *s)
{
	size_t n = 0;

	while (is_digit(s[n]))
		n++;
	return n;
}

/*
 * The Luhn check digit of the nine digits YYMMDDNNN: every other digit from the left doubled
 * (the digits of the product summed), the check digit brings the total to a multiple of ten.
 */
static int luhn_check_digit(const char nine[9])
{
	int sum = 0;

	for (int i = 0; i < 9; i++) {
		int v = (nine[i] - '0') * (i % 2 == 0 ? 2 : 1);
		sum += v / 10 + v % 10;
	}
	return (10 - sum % 10) % 10;
}

/*
 * True when @p ten (ten ASCII digits YYMMDDNNNC) is a valid number.  @p year is the full birth
 * year when the text gave the century, or -1: then 2000 + YY stands in, which accepts 29
 * February exactly when YY is divisible by four (right for 2000, lenient only for 1900).
 */
static bool ten_digits_valid(const char ten[10], int year)
{
	int yy = digits_value(ten, 2);
	int mm = digits_value(ten + 2, 2);
	int dd = digits_value(ten + 4, 2);

	if (mm < 1 || mm > 12)
		return false;
	if (dd > SAMORDNING_DAY_OFFSET)
		dd -= SAMORDNING_DAY_OFFSET;
	if (dd < 1 || dd > date_days_in_month(year < 0 ? 2000 + yy : year, mm))
		return false;
	return luhn_check_digit(ten) == ten[9] - '0';
}

/* Twelve-digit forms carry the century; only people born 1800..2099 have one. */
static bool century_plausible(const char *s)
{
	int cc = digits_value(s, 2);

	return cc >= 18 && cc <= 20;
}

/* A contiguous run of 10 or 12 digits at @p s (@p run long, no digit on either side). */
static bool run_valid(const char *s, size_t run)
{
	if (run == 10)
		return ten_digits_valid(s, -1);
	if (run == 12)
		return century_plausible(s) && ten_digits_valid(s + 2, digits_value(s, 4));
	return false;
}

/*
 * The separated forms: a date run of 6 or 8 digits at @p s, then '-' or '+', then a run of
 * exactly four.  Returns the length of the whole match, or 0.
 */
static size_t separated_match(const char *s, size_t run)
{
	char ten[10];
	int year = -1;

	if (run != 6 && run != 8)
		return 0;
	if (s[run] != '-' && s[run] != '+')
		return 0;
	if (digit_run(s + run + 1) != 4)
		return 0;
	if (run == 8) {
		if (!century_plausible(s))
			return 0;
		year = digits_value(s, 4);
	}
	for (size_t i = 0; i < 6; i++)
		ten[i] = s[run - 6 + i];
	for (size_t i = 0; i < 4; i++)
		ten[6 + i] = s[run + 1 + i];
	return ten_digits_valid(ten, year) ? run + 5 : 0;
}

bool pnr_find(const char *text, size_t *start, size_t *len)
{
	if (!text)
		return false;
	for (size_t i = 0; text[i] != '\0';) {
		size_t run = digit_run(text + i);
		size_t match = run_valid(text + i, run) ? run : separated_match(text + i, run);

		if (match) {
			if (start)
				*start = i;
			if (len)
				*len = match;
			return true;
		}
		/* A run that failed is skipped whole: its tail is glued to its head. */
		i += run ? run : 1;
	}
	return false;
}
