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

/** True when the password (case-insensitively) is one of the common ones, or one character repeated. */
export function isCommonPassword(password: string): boolean {
	const lower = password.toLowerCase();
	return set.has(lower) || /^(.)\1+$/.test(password);
}
