/**
 * GeoJSON read straight from its bytes into flat typed arrays, without JSON.parse's object graph
 * (a province's 230 MB of roads becomes about 2 GB of JavaScript arrays and objects that way; here
 * it is the bytes plus the coordinates). It reads the common shapes only — a FeatureCollection of
 * LineString / MultiLineString features, or of Point features with primitive properties — and
 * checks the JSON syntax of everything it passes over. Anything else, malformed or unusual (a
 * GeometryCollection, a position outside WGS84, a duplicate id, bad JSON), makes it give up, and
 * the caller parses the text with the object parser of import-geojson.ts, which accepts what it
 * accepts and words the error. So the two never disagree: the scan is only a faster road to the
 * same answer.
 */

/** Thrown when the scan meets something it leaves to the object parser. */
export class ScanGaveUp extends Error {
	constructor(readonly at: number) {
		super(`GeoJSON scan gave up at byte ${at}`);
	}
}

/** Lines as one array of positions: line i is positions lineStart[i] … lineStart[i + 1] - 1. */
export interface FlatLines {
	/** lng, lat interleaved */
	coordinates: Float64Array;
	lineStart: Int32Array;
}

export interface FlatPoints {
	ids: string[];
	lng: Float64Array;
	lat: Float64Array;
	/** the requested properties' values per feature (undefined where absent) */
	properties: Record<string, (string | number | boolean | null | undefined)[]>;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;

const exactPowersOfTen = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A growable Float64Array. */
class Doubles {
	values = new Float64Array(1024);
	length = 0;
	push(value: number): void {
		if (this.length === this.values.length) {
			const grown = new Float64Array(this.values.length * 2);
			grown.set(this.values);
			this.values = grown;
		}
		this.values[this.length++] = value;
	}
	trimmed(): Float64Array {
		return this.values.slice(0, this.length);
	}
}

class Ints {
	values = new Int32Array(1024);
	length = 0;
	push(value: number): void {
		if (this.length === this.values.length) {
			const grown = new Int32Array(this.values.length * 2);
			grown.set(this.values);
			this.values = grown;
		}
		this.values[this.length++] = value;
	}
	trimmed(): Int32Array {
		return this.values.slice(0, this.length);
	}
}

class Scanner {
	at = 0;
	constructor(readonly bytes: Uint8Array) {
		// a UTF-8 byte order mark is not JSON: JSON.parse refuses it, so the object parser words it
		if (bytes[0] === 0xef) this.giveUp();
	}

	giveUp(): never {
		throw new ScanGaveUp(this.at);
	}

	skipSpace(): number {
		const { bytes } = this;
		let at = this.at;
		let c = bytes[at];
		while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = bytes[++at];
		this.at = at;
		return c; // undefined past the end: every comparison with it fails
	}

	expect(byte: number): void {
		if (this.skipSpace() !== byte) this.giveUp();
		this.at++;
	}

	/** After a value in an array or object: true when another follows (a comma was read). */
	more(close: number): boolean {
		const c = this.skipSpace();
		if (c === COMMA) {
			this.at++;
			return true;
		}
		if (c !== close) this.giveUp();
		this.at++;
		return false;
	}

	/** Opens an array or object: false when it is empty (and closed). */
	open(open: number, close: number): boolean {
		this.expect(open);
		if (this.skipSpace() === close) {
			this.at++;
			return false;
		}
		return true;
	}

	/** A JSON string at the cursor, decoded. */
	string(): string {
		this.expect(QUOTE);
		const { bytes } = this;
		const start = this.at;
		let at = start;
		let ascii = true;
		let escaped = false;
		for (;;) {
			const c = bytes[at];
			if (c === QUOTE) break;
			if (c === undefined || c < 0x20) this.giveUp();
			if (c === BACKSLASH) {
				escaped = true;
				at += 2;
				continue;
			}
			if (c >= 0x80) ascii = false;
			at++;
		}
		this.at = at + 1;
		const body = bytes.subarray(start, at);
		if (escaped) {
			try {
				return JSON.parse(utf8.decode(bytes.subarray(start - 1, at + 1))) as string;
			} catch {
				return this.giveUp();
			}
		}
		if (ascii && body.length < 64) return String.fromCharCode.apply(null, body as never);
		try {
			return utf8.decode(body);
		} catch {
			return this.giveUp();
		}
	}

	/** A JSON number at the cursor, exactly as JSON.parse reads it. */
	number(): number {
		const { bytes } = this;
		this.skipSpace();
		const start = this.at;
		let at = start;
		let negative = false;
		if (bytes[at] === MINUS) {
			negative = true;
			at++;
		}
		let mantissa = 0;
		let digits = 0;
		let exponent = 0;
		let c = bytes[at];
		if (c === ZERO) {
			c = bytes[++at];
		} else if (c > ZERO && c <= NINE) {
			while (c >= ZERO && c <= NINE) {
				mantissa = mantissa * 10 + (c - ZERO);
				digits++;
				c = bytes[++at];
			}
		} else this.giveUp();
		if (c === DOT) {
			c = bytes[++at];
			if (!(c >= ZERO && c <= NINE)) this.giveUp();
			while (c >= ZERO && c <= NINE) {
				mantissa = mantissa * 10 + (c - ZERO);
				if (mantissa !== 0) digits++;
				exponent--;
				c = bytes[++at];
			}
		}
		let general = false;
		if (c === 0x65 || c === 0x45) {
			general = true;
			c = bytes[++at];
			if (c === PLUS || c === MINUS) c = bytes[++at];
			if (!(c >= ZERO && c <= NINE)) this.giveUp();
			while (c >= ZERO && c <= NINE) c = bytes[++at];
		}
		this.at = at;
		// digits ≤ 15: the mantissa is an exact integer, and one multiplication or division by an
		// exact power of ten rounds correctly (Clinger's fast path), as JSON.parse does
		if (!general && digits <= 15 && exponent >= -22) {
			const value = exponent === 0 ? mantissa : mantissa / exactPowersOfTen[-exponent];
			return negative ? -value : value;
		}
		return Number(String.fromCharCode.apply(null, bytes.subarray(start, at) as never));
	}

	/** Passes over any JSON value, checking its syntax. */
	skipValue(): void {
		const c = this.skipSpace();
		if (c === QUOTE) {
			this.string();
		} else if (c === OPEN_OBJECT) {
			if (!this.open(OPEN_OBJECT, CLOSE_OBJECT)) return;
			do {
				this.string();
				this.expect(COLON);
				this.skipValue();
			} while (this.more(CLOSE_OBJECT));
		} else if (c === OPEN_ARRAY) {
			if (!this.open(OPEN_ARRAY, CLOSE_ARRAY)) return;
			do this.skipValue();
			while (this.more(CLOSE_ARRAY));
		} else if (c === MINUS || (c >= ZERO && c <= NINE)) {
			this.number();
		} else {
			this.literal();
		}
	}

	/** true, false or null. */
	literal(): boolean | null {
		for (const [word, value] of [
			['true', true],
			['false', false],
			['null', null]
		] as const) {
			if (this.matches(word)) {
				this.at += word.length;
				return value;
			}
		}
		return this.giveUp();
	}

	private matches(word: string): boolean {
		for (let i = 0; i < word.length; i++) {
			if (this.bytes[this.at + i] !== word.charCodeAt(i)) return false;
		}
		return true;
	}

	/** A string, number, boolean or null value; objects and arrays are left to the object parser. */
	primitive(): string | number | boolean | null {
		const c = this.skipSpace();
		if (c === QUOTE) return this.string();
		if (c === MINUS || (c >= ZERO && c <= NINE)) return this.number();
		if (c === OPEN_OBJECT || c === OPEN_ARRAY) return this.giveUp();
		return this.literal();
	}

	/** Reads an object's members, handing each key to `member` with the cursor on its value. */
	object(member: (key: string) => void): void {
		if (!this.open(OPEN_OBJECT, CLOSE_OBJECT)) return;
		do {
			const key = this.string();
			this.expect(COLON);
			member(key);
		} while (this.more(CLOSE_OBJECT));
	}

	end(): void {
		if (this.skipSpace() !== undefined) this.giveUp();
	}

	/** A position [lng, lat, …] inside WGS84 ranges (further members are passed over). */
	position(into: Doubles): void {
		this.expect(OPEN_ARRAY);
		const lng = this.number();
		this.expect(COMMA);
		const lat = this.number();
		if (!(Math.abs(lng) <= 180 && Math.abs(lat) <= 90)) this.giveUp();
		while (this.more(CLOSE_ARRAY)) this.skipValue();
		into.push(lng);
		into.push(lat);
	}
}

/** Notes an object's key; gives up on a repeated one. */
function memberOnce(seen: Set<string>, key: string, scanner: Scanner): void {
	// JSON.parse keeps the last of repeated keys; the scan reads each once, so it leaves them
	if (seen.has(key)) scanner.giveUp();
	seen.add(key);
}

/**
 * The lines of a FeatureCollection of LineString / MultiLineString features, as parseGeoJsonNetwork
 * returns them. Throws ScanGaveUp for anything else.
 */
export function scanGeoJsonLines(bytes: Uint8Array): FlatLines {
	const scanner = new Scanner(bytes);
	const coordinates = new Doubles();
	const lineStart = new Ints();
	let isCollection = false;
	let sawFeatures = false;
	const top = new Set<string>();
	scanner.object((key) => {
		memberOnce(top, key, scanner);
		if (key === 'type') {
			if (scanner.primitive() !== 'FeatureCollection') scanner.giveUp();
			isCollection = true;
		} else if (key === 'features') {
			sawFeatures = true;
			if (!scanner.open(OPEN_ARRAY, CLOSE_ARRAY)) return;
			do feature();
			while (scanner.more(CLOSE_ARRAY));
		} else scanner.skipValue();
	});
	scanner.end();
	if (!isCollection || !sawFeatures) scanner.giveUp();
	lineStart.push(coordinates.length / 2);
	return { coordinates: coordinates.trimmed(), lineStart: lineStart.trimmed() };

	function feature(): void {
		let isFeature = false;
		let sawGeometry = false;
		const seen = new Set<string>();
		scanner.object((key) => {
			memberOnce(seen, key, scanner);
			if (key === 'type') {
				if (scanner.primitive() !== 'Feature') scanner.giveUp();
				isFeature = true;
			} else if (key === 'geometry') {
				sawGeometry = true;
				geometry();
			} else scanner.skipValue();
		});
		if (!isFeature || !sawGeometry) scanner.giveUp();
	}

	function geometry(): void {
		let type: unknown;
		// the coordinates may come before the type: read them as lines, and check the depth after
		let depth = -1;
		const linesBefore = lineStart.length;
		const seen = new Set<string>();
		scanner.object((key) => {
			memberOnce(seen, key, scanner);
			if (key === 'type') type = scanner.primitive();
			else if (key === 'coordinates') depth = lineOrLines();
			else scanner.skipValue();
		});
		const lines = lineStart.length - linesBefore;
		if (type === 'LineString' && depth === 2 && lines === 1) return;
		if (type === 'MultiLineString' && (depth === 3 || (depth === 0 && lines === 0))) return;
		scanner.giveUp();
	}

	/** [[lng, lat], …] (depth 2, one line) or [[[lng, lat], …], …] (depth 3); [] is depth 0. */
	function lineOrLines(): number {
		scanner.expect(OPEN_ARRAY);
		if (scanner.skipSpace() === CLOSE_ARRAY) {
			scanner.at++;
			return 0;
		}
		// peek: a position's array holds numbers, a line's holds arrays
		const save = scanner.at;
		scanner.expect(OPEN_ARRAY);
		const inner = scanner.skipSpace();
		scanner.at = save;
		if (inner === OPEN_ARRAY) {
			do line(true);
			while (scanner.more(CLOSE_ARRAY));
			return 3;
		}
		line(false);
		return 2;
	}

	/** The positions of one line; `open` when its `[` is still to be read (else it was). */
	function line(open: boolean): void {
		if (open) scanner.expect(OPEN_ARRAY);
		const first = coordinates.length;
		lineStart.push(first / 2);
		do scanner.position(coordinates);
		while (scanner.more(CLOSE_ARRAY));
		if (coordinates.length - first < 4) scanner.giveUp(); // a line needs two positions
	}
}

/**
 * Point features with ids, as parseGeoJsonPoints reads them: `wanted` properties are returned,
 * `required` ones must be present and non-empty. Throws ScanGaveUp for anything else.
 */
export function scanGeoJsonPoints(
	bytes: Uint8Array,
	wanted: readonly string[],
	required: readonly string[] = []
): FlatPoints {
	const scanner = new Scanner(bytes);
	const ids: string[] = [];
	const coordinates = new Doubles();
	const properties: FlatPoints['properties'] = Object.fromEntries(wanted.map((name) => [name, []]));
	const seenIds = new Set<string>();
	const read = new Set([...wanted, ...required]);
	let isCollection = false;
	let sawFeatures = false;
	const top = new Set<string>();
	scanner.object((key) => {
		memberOnce(top, key, scanner);
		if (key === 'type') {
			if (scanner.primitive() !== 'FeatureCollection') scanner.giveUp();
			isCollection = true;
		} else if (key === 'features') {
			sawFeatures = true;
			if (!scanner.open(OPEN_ARRAY, CLOSE_ARRAY)) return;
			do feature();
			while (scanner.more(CLOSE_ARRAY));
		} else scanner.skipValue();
	});
	scanner.end();
	if (!isCollection || !sawFeatures) scanner.giveUp();
	const flat = coordinates.trimmed();
	return {
		ids,
		lng: Float64Array.from({ length: ids.length }, (_, i) => flat[2 * i]),
		lat: Float64Array.from({ length: ids.length }, (_, i) => flat[2 * i + 1]),
		properties
	};

	function feature(): void {
		let featureId: unknown;
		let propertyId: unknown;
		let sawPoint = false;
		let sawProperties = false;
		const values = new Map<string, unknown>();
		const seen = new Set<string>();
		const before = coordinates.length;
		scanner.object((key) => {
			memberOnce(seen, key, scanner);
			if (key === 'id') featureId = scanner.primitive();
			else if (key === 'geometry') sawPoint = point();
			else if (key === 'properties') {
				sawProperties = true;
				if (scanner.skipSpace() !== OPEN_OBJECT) scanner.giveUp();
				const seenProperties = new Set<string>();
				scanner.object((name) => {
					memberOnce(seenProperties, name, scanner);
					if (name === 'id') propertyId = scanner.primitive();
					else if (read.has(name)) values.set(name, scanner.primitive());
					else scanner.skipValue();
				});
			} else scanner.skipValue();
		});
		if (!sawPoint || coordinates.length !== before + 2) scanner.giveUp();
		const rawId = sawProperties && propertyId != null ? propertyId : featureId;
		if ((typeof rawId !== 'string' && typeof rawId !== 'number') || rawId === '') scanner.giveUp();
		const id = String(rawId);
		if (seenIds.has(id)) scanner.giveUp();
		seenIds.add(id);
		for (const name of required) {
			const value = values.get(name);
			if (value === undefined || value === null || value === '') scanner.giveUp();
		}
		ids.push(id);
		for (const name of wanted)
			properties[name].push(values.get(name) as string | number | undefined);
	}

	function point(): boolean {
		let type: unknown;
		let sawCoordinates = false;
		const seen = new Set<string>();
		if (scanner.skipSpace() !== OPEN_OBJECT) scanner.giveUp();
		scanner.object((key) => {
			memberOnce(seen, key, scanner);
			if (key === 'type') type = scanner.primitive();
			else if (key === 'coordinates') {
				sawCoordinates = true;
				scanner.position(coordinates);
			} else scanner.skipValue();
		});
		return type === 'Point' && sawCoordinates;
	}
}
