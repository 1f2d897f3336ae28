import { z } from 'zod';

/**
 * Whole numbers from forms (text) and JSON (numbers), strictly: `Number()` and `z.coerce` take `"0x1"`,
 * `"1e3"`, `" 5"`, `"5.0"`, `true` and `[5]` for numbers, so an id or a capacity could arrive in a form
 * nobody meant. Only a JSON integer or a canonical decimal string (no sign, no leading zero, no spaces)
 * is a whole number here.
 */
export const canonicalInteger = /^(0|[1-9]\d{0,15})$/;
/** A canonical decimal with an optional fraction (walking speeds): no exponent, no sign, no spaces. */
export const canonicalDecimal = /^(0|[1-9]\d{0,6})(\.\d{1,6})?$/;

/** The number a strict field stands for, or the value unchanged (then refused by z.number). */
function fromText(pattern: RegExp) {
	return (value: unknown) =>
		typeof value === 'string' && pattern.test(value) ? Number(value) : value;
}

/** A whole number between min and max: a JSON integer or its canonical text. */
export function wholeNumber(min: number, max: number, message: () => string) {
	return z.preprocess(
		fromText(canonicalInteger),
		z
			.number({ error: message })
			.int({ error: message })
			.min(min, { error: message })
			.max(max, { error: message })
	);
}

/** A decimal between min and max: a JSON number or its canonical text. */
export function decimalNumber(min: number, max: number, message: () => string) {
	return z.preprocess(
		fromText(canonicalDecimal),
		z.number({ error: message }).min(min, { error: message }).max(max, { error: message })
	);
}

/** A record id: a whole number from 1 up to the largest safe integer. */
export function recordId(message: () => string) {
	return wholeNumber(1, Number.MAX_SAFE_INTEGER, message);
}

/** A whole number from a route or query parameter (text only), or null. */
export function parseWholeNumber(value: string | null | undefined): number | null {
	if (!value || !canonicalInteger.test(value)) return null;
	const n = Number(value);
	return Number.isSafeInteger(n) ? n : null;
}
