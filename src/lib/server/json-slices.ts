/**
 * JSON.stringify for answers that may be huge (a big city's residence layer: 660,000 features, seconds
 * of serialising in one go): the text is the same as JSON.stringify's, but an array of more than
 * `sliceLength` items, at the top or as a property of the top object (a FeatureCollection's
 * `features`), is written a slice at a time, with the event loop free between slices.
 */
import { nextTurn } from './event-loop';

const sliceLength = 2000;

/** What JSON.stringify writes for an array item: `null` where it would leave a property out. */
function item(value: unknown): string {
	return JSON.stringify(value) ?? 'null';
}

async function arrayText(items: unknown[]): Promise<string> {
	const parts: string[] = [];
	for (let from = 0; from < items.length; from += sliceLength) {
		if (from > 0) await nextTurn();
		parts.push(
			items
				.slice(from, from + sliceLength)
				.map(item)
				.join(',')
		);
	}
	return `[${parts.join(',')}]`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
	const prototype = Object.getPrototypeOf(value);
	return (prototype === Object.prototype || prototype === null) && !('toJSON' in value);
}

export async function jsonInSlices(value: unknown): Promise<string> {
	if (Array.isArray(value)) return value.length > sliceLength ? arrayText(value) : item(value);
	if (!isPlainObject(value)) return JSON.stringify(value);
	const large = Object.values(value).some(
		(property) => Array.isArray(property) && property.length > sliceLength
	);
	if (!large) return JSON.stringify(value);
	const members: string[] = [];
	for (const [key, property] of Object.entries(value)) {
		const text =
			Array.isArray(property) && property.length > sliceLength
				? await arrayText(property)
				: JSON.stringify(property);
		// JSON.stringify leaves out undefined, functions and symbols
		if (text !== undefined) members.push(`${JSON.stringify(key)}:${text}`);
	}
	return `{${members.join(',')}}`;
}
