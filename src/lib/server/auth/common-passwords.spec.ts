import { describe, expect, it } from 'vitest';
import { isCommonPassword } from './common-passwords';

describe('common passwords', () => {
	it.each([
		'abcdefgh',
		'ABCDEFGH',
		'12345678',
		'87654321',
		'qwertyui',
		'poiuytre',
		'asdfghjk',
		'aaaaaaaa',
		'abcd1234',
		'1234abcd',
		'1qaz2wsx',
		'zyxwvuts',
		'password1',
		'Password!',
		'woaini520',
		'admin2026',
		'abcabcabc',
		'12121212',
		'13912345678',
		'139-1234-5678',
		'+8613912345678'
	])('refuses %s', (password) => {
		expect(isCommonPassword(password)).toBe(true);
	});

	it('refuses the person’s own phone number inside the password', () => {
		expect(isCommonPassword('zhang13977776666', '13977776666')).toBe(true);
		expect(isCommonPassword('wang-77776666', '13977776666')).toBe(true);
		expect(isCommonPassword('wang-77776666', '13911112222')).toBe(false);
	});

	it.each([
		'jyg-demo-2026',
		'walk-to-the-clinic',
		'desk-duty-2026',
		'correct horse battery',
		'Lz7#qPm2'
	])('accepts %s', (password) => {
		expect(isCommonPassword(password)).toBe(false);
	});
});
