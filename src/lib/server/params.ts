/** A positive integer id from a route or query parameter, or null. */
export function parseId(value: string | null | undefined): number | null {
	if (!value || !/^[1-9]\d{0,15}$/.test(value)) return null;
	const id = Number(value);
	return Number.isSafeInteger(id) ? id : null;
}
