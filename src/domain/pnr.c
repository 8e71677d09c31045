/*
 * Screening free text for personnummer and samordningsnummer (see include/folja/pnr.h).
 *
 * The text is read through a small cursor that decodes UTF-8 on the fly and hands out one
 * classified code point at a time: a digit (any Unicode decimal digit, with its value), a
 * space, a dash, a plus, a mark ('_', '/', '.'), or other.  Format characters (soft hyphen,
 * zero-width space, BOM, bidi controls) are stepped over as if absent, so nothing invisible
 * can split a number; offsets stay byte offsets into the original text throughout.
 *
 * On that normalised sequence the text is read as maximal digit runs.  Only a run of a length
 * that can begin a number is looked at: 10 or 12 digits alone; 6 or 8 digits followed by one
 * separator and a run of exactly 4; 2 or 4 digits opening a grouped date ("64 08 23",
 * "1964-08-23") followed by a dash or '+' and a run of exactly 4.  Working on whole runs is
 * what keeps a personnummer-shaped slice of a longer number (an account, a 13-digit reference)
 * from matching: a run that fails is skipped as a whole.  The candidate then has to pass the
 * calendar and the Luhn check digit, which together let through fewer than one random
 * ten-digit run in a hundred (0.73 %).  That residue cannot be told from a real number, so it
 * is refused too; a writer who meets it can group the digits ("070 123 45 67").
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "folja/date.h"
#include "folja/pnr.h"

/* A samordningsnummer is a personnummer with 60 added to the day of birth. */
#define SAMORDNING_DAY_OFFSET 60

/* ---------------------------------------------------------------- Unicode classes */

/*
 * The tables below were generated with Python 3.13's unicodedata (Unicode 15.1), for code
 * points beyond ASCII (ASCII is classified by hand in classify_ascii()):
 *
 *   import unicodedata as u
 *   def cps(test): return [c for c in range(0x80, 0x110000) if test(chr(c))]
 *   zeros = cps(lambda ch: u.category(ch) == 'Nd' and u.decimal(ch) == 0)
 *   assert len(cps(lambda ch: u.category(ch) == 'Nd')) == 10 * len(zeros)
 *   assert all(u.decimal(chr(z + k)) == k for z in zeros for k in range(10))
 *   def ranges(cat):               # maximal runs [lo, hi] of the category's code points
 *       r = []
 *       for c in cps(lambda ch: u.category(ch) == cat):
 *           if r and r[-1][1] == c - 1: r[-1][1] = c
 *           else: r.append([c, c])
 *       return r
 *   print(zeros, ranges('Cf'), ranges('Zs'), ranges('Pd'))
 *
 * The asserts hold because Unicode keeps every decimal digit (Nd) in a block of ten
 * consecutive code points valued 0..9, so a zero locates its block; the mathematical digits
 * U+1D7CE..U+1D7FF are five such blocks.  A later Unicode version adds blocks: regenerate then.
 */
static const uint32_t digit_zeros[] = {
	0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
	0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0,
	0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0,
	0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0,
	0x11450, 0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0,
	0x11F50, 0x16A60, 0x16AC0, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140,
	0x1E2F0, 0x1E4F0, 0x1E950, 0x1FBF0
};

struct cp_range {
	uint32_t lo, hi;   /* inclusive */
};

/* Cf, format characters: skipped as if absent. */
static const struct cp_range format_ranges[] = {
	{ 0x00AD, 0x00AD }, { 0x0600, 0x0605 }, { 0x061C, 0x061C }, { 0x06DD, 0x06DD },
	{ 0x070F, 0x070F }, { 0x0890, 0x0891 }, { 0x08E2, 0x08E2 }, { 0x180E, 0x180E },
	{ 0x200B, 0x200F }, { 0x202A, 0x202E }, { 0x2060, 0x2064 }, { 0x2066, 0x206F },
	{ 0xFEFF, 0xFEFF }, { 0xFFF9, 0xFFFB }, { 0x110BD, 0x110BD }, { 0x110CD, 0x110CD },
	{ 0x13430, 0x1343F }, { 0x1BCA0, 0x1BCA3 }, { 0x1D173, 0x1D17A }, { 0xE0001, 0xE0001 },
	{ 0xE0020, 0xE007F }
};

/* Zs, space separators (no-break, thin, ideographic ...). */
static const struct cp_range space_ranges[] = {
	{ 0x00A0, 0x00A0 }, { 0x1680, 0x1680 }, { 0x2000, 0x200A }, { 0x202F, 0x202F },
	{ 0x205F, 0x205F }, { 0x3000, 0x3000 }
};

/* Pd, dash punctuation, and U+2212 MINUS SIGN (added by hand, it is Sm). */
static const struct cp_range dash_ranges[] = {
	{ 0x058A, 0x058A }, { 0x05BE, 0x05BE }, { 0x1400, 0x1400 }, { 0x1806, 0x1806 },
	{ 0x2010, 0x2015 }, { 0x2212, 0x2212 }, { 0x2E17, 0x2E17 }, { 0x2E1A, 0x2E1A },
	{ 0x2E3A, 0x2E3B }, { 0x2E40, 0x2E40 }, { 0x2E5D, 0x2E5D }, { 0x301C, 0x301C },
	{ 0x3030, 0x3030 }, { 0x30A0, 0x30A0 }, { 0xFE31, 0xFE32 }, { 0xFE58, 0xFE58 },
	{ 0xFE63, 0xFE63 }, { 0xFF0D, 0xFF0D }, { 0x10EAD, 0x10EAD }
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* What a code point is to the guard; bit values, so a set of kinds is a mask. */
enum sym_kind {
	SYM_END = 1,     /* the terminating NUL */
	SYM_DIGIT = 2,
	SYM_SPACE = 4,   /* space, TAB, Zs */
	SYM_DASH = 8,    /* '-', Pd, U+2212 */
	SYM_PLUS = 16,   /* '+', U+FE62, U+FF0B */
	SYM_MARK = 32,   /* '_', '/', '.' and their full-width forms */
	SYM_OTHER = 64,  /* everything else, ill-formed UTF-8 included */
};

/* Separators: any of them between date and number, only a dash or '+' after a grouped date. */
#define SEP_ANY (SYM_SPACE | SYM_DASH | SYM_PLUS | SYM_MARK)
#define SEP_DASH (SYM_DASH | SYM_PLUS)

static bool in_ranges(uint32_t cp, const struct cp_range *r, size_t n)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp < r[mid].lo)
			hi = mid;
		else if (cp > r[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

/* True when @p cp is a non-ASCII decimal digit; its value goes to @p value. */
static bool unicode_digit(uint32_t cp, int *value)
{
	size_t lo = 0, hi = COUNT(digit_zeros);

	/* lo ends as the number of zeros at or below cp */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (digit_zeros[mid] <= cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0 || cp - digit_zeros[lo - 1] > 9)
		return false;
	*value = (int)(cp - digit_zeros[lo - 1]);
	return true;
}

static enum sym_kind classify_ascii(uint32_t c, int *digit)
{
	if (c >= '0' && c <= '9') {
		*digit = (int)(c - '0');
		return SYM_DIGIT;
	}
	if (c == ' ' || c == '\t')
		return SYM_SPACE;
	if (c == '-')
		return SYM_DASH;
	if (c == '+')
		return SYM_PLUS;
	if (c == '_' || c == '/' || c == '.')
		return SYM_MARK;
	return SYM_OTHER;
}

static enum sym_kind classify(uint32_t cp, int *digit)
{
	if (cp < 0x80)
		return classify_ascii(cp, digit);
	if (unicode_digit(cp, digit))
		return SYM_DIGIT;
	if (in_ranges(cp, space_ranges, COUNT(space_ranges)))
		return SYM_SPACE;
	if (in_ranges(cp, dash_ranges, COUNT(dash_ranges)))
		return SYM_DASH;
	if (cp == 0xFE62 || cp == 0xFF0B)
		return SYM_PLUS;
	if (cp == 0xFF0E || cp == 0xFF0F || cp == 0xFF3F)
		return SYM_MARK;
	return SYM_OTHER;
}

/* ---------------------------------------------------------------- the cursor */

/* Stands for an ill-formed byte; no table holds it, so it classifies as other. */
#define CP_INVALID UINT32_C(0xFFFFFFFF)

/*
 * Decodes the code point at @p s into @p cp and returns its length in bytes.  An ill-formed
 * sequence (stray continuation byte, truncated, overlong, surrogate, beyond U+10FFFF) yields
 * CP_INVALID for its first byte alone.  Never reads past a NUL: NUL is no continuation byte.
 */
static size_t utf8_decode(const unsigned char *s, uint32_t *cp)
{
	static const uint32_t least[5] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t n;
	uint32_t c;

	*cp = CP_INVALID;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		n = 2;
		c = s[0] & 0x1Fu;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		n = 3;
		c = s[0] & 0x0Fu;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		n = 4;
		c = s[0] & 0x07u;
	} else {
		return 1;
	}
	for (size_t k = 1; k < n; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 1;
		c = c << 6 | (s[k] & 0x3Fu);
	}
	if (c < least[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 1;
	*cp = c;
	return n;
}

/* One classified code point of the text. */
struct sym {
	enum sym_kind kind;
	int digit;      /* its value 0..9 when kind is SYM_DIGIT */
	size_t at;      /* byte offset of the code point in the text */
	size_t next;    /* byte offset just after it (== at for SYM_END) */
};

/* The code point at or after byte @p i, format characters stepped over. */
static struct sym sym_at(const char *text, size_t i)
{
	struct sym s = { .kind = SYM_END, .digit = 0 };
	uint32_t cp;

	do {
		s.at = s.next = i;
		if (text[i] == '\0')
			return s;
		i += utf8_decode((const unsigned char *)text + i, &cp);
	} while (in_ranges(cp, format_ranges, COUNT(format_ranges)));
	s.next = i;
	s.kind = classify(cp, &s.digit);
	return s;
}

/* ---------------------------------------------------------------- runs and separators */

/* The longest run whose digits matter; longer runs are only counted. */
#define RUN_KEEP 12

/* A maximal run of digits in the normalised text. */
struct run {
	char d[RUN_KEEP];  /* its first digits as ASCII '0'..'9' */
	size_t n;          /* how many digits it holds (may exceed RUN_KEEP) */
	size_t at, end;    /* byte offsets of its first digit and just after its last */
};

/* Reads the run that starts with the digit @p first. */
static struct run run_read(const char *text, struct sym first)
{
	struct run r = { .n = 0, .at = first.at, .end = first.next };

	for (struct sym s = first; s.kind == SYM_DIGIT; s = sym_at(text, s.next)) {
		if (r.n < RUN_KEEP)
			r.d[r.n] = (char)('0' + s.digit);
		r.n++;
		r.end = s.next;
	}
	return r;
}

/* True when a run of exactly @p n digits starts at byte @p i; it goes to @p r. */
static bool run_exact(const char *text, size_t i, size_t n, struct run *r)
{
	struct sym s = sym_at(text, i);

	if (s.kind != SYM_DIGIT)
		return false;
	*r = run_read(text, s);
	return r->n == n;
}

/* Byte offset after one separator at @p i of a kind in @p kinds; 0 when there is none. */
static size_t sep_one(const char *text, size_t i, unsigned kinds)
{
	struct sym s = sym_at(text, i);

	return (s.kind & kinds) ? s.next : 0;
}

/* Byte offset of the first code point at or after @p i that is not space-like. */
static size_t skip_spaces(const char *text, size_t i)
{
	struct sym s = sym_at(text, i);

	while (s.kind == SYM_SPACE)
		s = sym_at(text, s.next);
	return s.at;
}

/* Byte offset after a dash or '+' at @p i with any spaces around it ("640823 – 3234"), or 0. */
static size_t sep_dash(const char *text, size_t i)
{
	size_t j = sep_one(text, skip_spaces(text, i), SEP_DASH);

	return j ? skip_spaces(text, j) : 0;
}

/* ---------------------------------------------------------------- calendar and check digit */

/* The value of @p n ASCII digits at @p s. */
static int digits_value(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
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

/* A date of @p n (6 or 8) ASCII digits and the last four: a valid number? */
static bool date_and_four_valid(const char *date, size_t n, const char four[4])
{
	char ten[10];
	int year = -1;

	if (n == 8) {
		if (!century_plausible(date))
			return false;
		year = digits_value(date, 4);
	}
	memcpy(ten, date + n - 6, 6);
	memcpy(ten + 6, four, 4);
	return ten_digits_valid(ten, year);
}

/* ---------------------------------------------------------------- the three forms */

/* Form 1, a run of 10 or 12 digits: "6408233234", "196408233234".  Returns the end, or 0. */
static size_t form_run(const struct run *r)
{
	bool valid = false;

	if (r->n == 10)
		valid = ten_digits_valid(r->d, -1);
	else if (r->n == 12)
		valid = century_plausible(r->d) && ten_digits_valid(r->d + 2, digits_value(r->d, 4));
	return valid ? r->end : 0;
}

/*
 * Form 2, a date run of 6 or 8 digits, one separator of any kind (a dash or '+' may have
 * spaces around it), a run of exactly four: "640823-3234", "640823 3234", "19640823/3234".
 */
static size_t form_split(const char *text, const struct run *date)
{
	struct run last;
	size_t j;

	if (date->n != 6 && date->n != 8)
		return 0;
	j = sep_dash(text, date->end);
	if (!j)
		j = sep_one(text, date->end, SEP_ANY);
	if (!j || !run_exact(text, j, 4, &last))
		return 0;
	return date_and_four_valid(date->d, date->n, last.d) ? last.end : 0;
}

/*
 * True when the digits ending at @p i go on as a group ("2021-03-03-2021-03-28" is a range
 * of dates): a dash, '+' or mark and a digit follow.  A space does not continue them.
 */
static bool group_continues(const char *text, size_t i)
{
	size_t j = sep_one(text, i, SEP_DASH | SYM_MARK);

	return j && sym_at(text, j).kind == SYM_DIGIT;
}

/*
 * Form 3, a date in groups, YY?MM?DD or YYYY?MM?DD with one separator of any kind for each
 * '?', then a dash or '+' (spaces around allowed) and a run of exactly four that does not go
 * on as a group: "64 08 23-3234", "1964-08-23-3234".  A space before the four is not enough
 * ("Möte 2021-03-04 1400" is a meeting).  @p yy is the run opening the date.
 */
static size_t form_grouped(const char *text, const struct run *yy)
{
	struct run mm, dd, last;
	char date[8];
	size_t j;

	if (yy->n != 2 && yy->n != 4)
		return 0;
	j = sep_one(text, yy->end, SEP_ANY);
	if (!j || !run_exact(text, j, 2, &mm))
		return 0;
	j = sep_one(text, mm.end, SEP_ANY);
	if (!j || !run_exact(text, j, 2, &dd))
		return 0;
	j = sep_dash(text, dd.end);
	if (!j || !run_exact(text, j, 4, &last) || group_continues(text, last.end))
		return 0;
	memcpy(date, yy->d, yy->n);
	memcpy(date + yy->n, mm.d, 2);
	memcpy(date + yy->n + 2, dd.d, 2);
	return date_and_four_valid(date, yy->n + 4, last.d) ? last.end : 0;
}

bool pnr_find(const char *text, size_t *start, size_t *len)
{
	if (!text)
		return false;
	for (size_t i = 0; text[i] != '\0';) {
		struct sym s = sym_at(text, i);
		if (s.kind == SYM_END)
			break;         /* only format characters were left */
		if (s.kind != SYM_DIGIT) {
			i = s.next;
			continue;
		}
		/* The run lengths the forms take are disjoint: one form per run. */
		struct run r = run_read(text, s);
		size_t end = form_run(&r);
		if (!end)
			end = form_split(text, &r);
		if (!end)
			end = form_grouped(text, &r);
		if (end) {
			if (start)
				*start = r.at;
			if (len)
				*len = end - r.at;
			return true;
		}
		/* A run that failed is skipped whole: its tail is glued to its head. */
		i = r.end;
	}
	return false;
}
