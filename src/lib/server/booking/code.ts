import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L: codes are read aloud at the door and typed by staff.
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const bookingCodeLength = 6;

export function newBookingCode(randomIndex: (n: number) => number = randomInt): string {
	let code = '';
	for (let i = 0; i < bookingCodeLength; i++) code += alphabet[randomIndex(alphabet.length)];
	return code;
}

export function normaliseBookingCode(input: string): string | null {
	const code = input.trim().toUpperCase().replace(/[\s-]/g, '');
	if (code.length !== bookingCodeLength) return null;
	for (const char of code) if (!alphabet.includes(char)) return null;
	return code;
}
