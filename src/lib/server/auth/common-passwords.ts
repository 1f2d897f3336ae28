/**
 * The passwords most often found in leaked Chinese and international lists (8 characters or more,
 * since shorter ones fail the length rule anyway). Small on purpose: it stops the obvious guesses
 * a rate-limited attacker would try first.
 */
const common = [
	'12345678',
	'123456789',
	'1234567890',
	'87654321',
	'11111111',
	'00000000',
	'88888888',
	'66666666',
	'99999999',
	'12341234',
	'11223344',
	'12121212',
	'147258369',
	'123123123',
	'5201314520',
	'52013145',
	'woaini1314',
	'woaini520',
	'iloveyou',
	'password',
	'password1',
	'password123',
	'passw0rd',
	'p@ssw0rd',
	'qwertyui',
	'qwerty123',
	'1qaz2wsx',
	'1q2w3e4r',
	'qwe12345',
	'abc12345',
	'abcd1234',
	'a1234567',
	'a12345678',
	'aa123456',
	'admin123',
	'admin888',
	'asdfghjk',
	'zxcvbnm1',
	'iloveyou1',
	'sunshine',
	'princess',
	'football',
	'baseball',
	'welcome1',
	'11111111a',
	'jiayuguan',
	'lifecircle'
];

const set = new Set(common);

/** Words people build passwords from, then add a number or a mark to satisfy a rule. */
const stems = [
	'password',
	'passw0rd',
	'iloveyou',
	'woaini',
	'admin',
	'welcome',
	'jiayuguan',
	'lifecircle'
];

/**
 * Runs people type without thinking: the alphabet, the digits, keyboard rows and columns, and each of
 * them backwards. A password made of at most two such runs (`abcd1234`, `qwertyui`, `1qaz2wsx`) is among
 * the first an attacker tries.
 */
const sequences = [
	'abcdefghijklmnopqrstuvwxyz',
	'01234567890',
	'qwertyuiop',
	'asdfghjkl',
	'zxcvbnm',
	'1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
	'qazwsxedcrfvtgbyhnujmikolp'
].flatMap((run) => [run, [...run].reverse().join('')]);

/** The length of the longest keyboard/alphabet run (or repeated character) starting at `from`. */
function runLength(text: string, from: number): number {
	let longest = 1;
	while (from + longest < text.length && text[from + longest] === text[from]) longest++;
	for (const sequence of sequences) {
		let length = 0;
		while (from + length < text.length && sequence.includes(text.slice(from, from + length + 1)))
			length++;
		longest = Math.max(longest, length);
	}
	return longest;
}

function isRuns(text: string, maxRuns: number): boolean {
	let from = 0;
	for (let runs = 0; runs < maxRuns && from < text.length; runs++) {
		const length = runLength(text, from);
		if (length < 3) return false;
		from += length;
	}
	return from >= text.length;
}

const mobileLike = /^\+?(86)?1[3-9]\d{9}$/;

/**
 * True when the password (case-insensitively) is one of the common ones, a keyboard or alphabet run,
 * a short pattern repeated, a common word with a number or mark added, a mobile number, or contains
 * the person's own phone number (or its last eight digits).
 */
export function isCommonPassword(password: string, ownPhone?: string): boolean {
	const lower = password.toLowerCase();
	if (set.has(lower) || isRuns(lower, 2) || /^(.{1,4})\1+.{0,2}$/.test(lower)) return true;
	const stem = lower.replace(/[\d\W_]{1,4}$/u, '');
	if (stems.includes(stem) || set.has(stem)) return true;
	if (mobileLike.test(lower.replace(/[\s-]/g, ''))) return true;
	const digits = ownPhone?.replace(/\D/g, '') ?? '';
	return digits.length >= 8 && lower.replace(/\D/g, '').includes(digits.slice(-8));
}
