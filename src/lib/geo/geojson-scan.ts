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

// the bytes the scan looks for
const [QUOTE, BACKSLASH, COMMA, COLON, OPEN_ARRAY, CLOSE_ARRAY, OPEN_OBJECT, CLOSE_OBJECT] =
	Array.from('"\\,:[]{}', (c) => c.charCodeAt(0));
const [MINUS, PLUS, DOT, ZERO, NINE] = Array.from('-+.09', (c) => c.charCodeAt(0));

/** the characters after a backslash other than u: " \\ / b f n r t */
const simpleEscapes = [0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74];

function isHexDigit(c: number | undefined): boolean {
	return (
		c !== undefined &&
		((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66))
	);
}

const exactPowersOfTen = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A growable typed array (doubled when full). */
class Growable<T extends Float64Array | Int32Array> {
	length = 0;
	constructor(
		public values: T,
		private readonly make: (length: number) => T
	) {}
	push(value: number): void {
		if (this.length === this.values.length) {
			const grown = this.make(this.values.length * 2);
			grown.set(this.values);
			this.values = grown;
		}
		this.values[this.length++] = value;
	}
	trimmed(): T {
		return this.values.slice(0, this.length) as T;
	}
}
type Doubles = Growable<Float64Array>;
const doubles = (): Doubles => new Growable(new Float64Array(1024), (n) => new Float64Array(n));
const ints = () => new Growable(new Int32Array(1024), (n) => new Int32Array(n));

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

	/**
	 * Passes over a JSON string at the cursor (checking it); returns where its body ends (the
	 * closing quote) and whether it holds escapes (bit 1) or non-ASCII bytes (bit 2).
	 */
	stringEnd(): number {
		this.expect(QUOTE);
		const { bytes } = this;
		let at = this.at;
		let kind = 0;
		for (;;) {
			const c = bytes[at];
			if (c === QUOTE) break;
			if (c === undefined || c < 0x20) this.giveUp();
			if (c === BACKSLASH) {
				kind |= 1;
				const escape = bytes[at + 1];
				if (escape === 0x75) {
					// \uXXXX: four hexadecimal digits
					for (let i = 2; i < 6; i++) if (!isHexDigit(bytes[at + i])) this.giveUp();
					at += 6;
				} else if (simpleEscapes.includes(escape)) at += 2;
				else this.giveUp();
				continue;
			}
			if (c >= 0x80) kind |= 2;
			at++;
		}
		this.at = at + 1;
		this.stringKind = kind;
		return at;
	}
	stringKind = 0;

	/** A JSON string at the cursor, decoded. */
	string(): string {
		this.skipSpace();
		const start = this.at + 1;
		const end = this.stringEnd();
		const { bytes } = this;
		if (this.stringKind & 1) {
			try {
				return JSON.parse(utf8.decode(bytes.subarray(start - 1, end + 1))) as string;
			} catch {
				return this.giveUp();
			}
		}
		const body = bytes.subarray(start, end);
		if (this.stringKind === 0 && body.length < 64) {
			return String.fromCharCode.apply(null, body as never);
		}
		try {
			return utf8.decode(body);
		} catch {
			return this.giveUp();
		}
	}

	/** The index in `names` of the string at the cursor, -1 when it is none of them. */
	stringIndex(names: Names): number {
		this.skipSpace();
		const start = this.at + 1;
		const end = this.stringEnd();
		if (this.stringKind & 1) {
			this.at = start - 1;
			return names.text.indexOf(this.string());
		}
		const { bytes } = this;
		const length = end - start;
		for (let k = 0; k < names.bytes.length; k++) {
			const name = names.bytes[k];
			if (name.length !== length) continue;
			let i = 0;
			while (i < length && bytes[start + i] === name[i]) i++;
			if (i === length) return k;
		}
		return -1;
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
			this.stringEnd();
		} else if (c === OPEN_OBJECT) {
			if (!this.open(OPEN_OBJECT, CLOSE_OBJECT)) return;
			do {
				this.stringEnd();
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

	/**
	 * Reads an object's members, handing each key's index in `keys` (-1: another key) to `member`
	 * with the cursor on its value. A repeated known key gives up (JSON.parse keeps the last one;
	 * the scan reads each once).
	 */
	object(keys: Names, member: (key: number) => void): void {
		if (this.skipSpace() !== OPEN_OBJECT) this.giveUp();
		if (!this.open(OPEN_OBJECT, CLOSE_OBJECT)) return;
		let seen = 0;
		do {
			const key = this.stringIndex(keys);
			this.expect(COLON);
			if (key >= 0) {
				if (seen & (1 << key)) this.giveUp();
				seen |= 1 << key;
				member(key);
			} else this.skipValue();
		} while (this.more(CLOSE_OBJECT));
	}

	/** The string value at the cursor must be `names`' one (else give up). */
	word(names: Names): number {
		if (this.skipSpace() !== QUOTE) this.giveUp();
		const index = this.stringIndex(names);
		if (index < 0) this.giveUp();
		return index;
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

/** Strings compared as bytes (keys and type names; at most 31 of them). */
export interface Names {
	text: string[];
	bytes: Uint8Array[];
}

export function names(...text: string[]): Names {
	const encoder = new TextEncoder();
	return { text, bytes: text.map((name) => encoder.encode(name)) };
}

const collectionKeys = names('type', 'features');
const featureKeys = names('type', 'geometry', 'id', 'properties');
const geometryKeys = names('type', 'coordinates');
const featureCollection = names('FeatureCollection');
const feature = names('Feature');
const lineTypes = names('LineString', 'MultiLineString');
const pointType = names('Point');

/** The top object: a FeatureCollection whose features `eachFeature` reads. */
function collection(scanner: Scanner, eachFeature: () => void): void {
	let sawType = false;
	let sawFeatures = false;
	scanner.object(collectionKeys, (key) => {
		if (key === 0) {
			scanner.word(featureCollection);
			sawType = true;
		} else {
			sawFeatures = true;
			if (!scanner.open(OPEN_ARRAY, CLOSE_ARRAY)) return;
			do eachFeature();
			while (scanner.more(CLOSE_ARRAY));
		}
	});
	scanner.end();
	if (!sawType || !sawFeatures) scanner.giveUp();
}

/**
 * The lines of a FeatureCollection of LineString / MultiLineString features, as parseGeoJsonNetwork
 * returns them. Throws ScanGaveUp for anything else.
 */
export function scanGeoJsonLines(bytes: Uint8Array): FlatLines {
	const scanner = new Scanner(bytes);
	const coordinates = doubles();
	const lineStart = ints();
	collection(scanner, () => {
		let isFeature = false;
		let sawGeometry = false;
		scanner.object(featureKeys, (key) => {
			if (key === 0) {
				scanner.word(feature);
				isFeature = true;
			} else if (key === 1) {
				sawGeometry = true;
				geometry();
			} else scanner.skipValue();
		});
		if (!isFeature || !sawGeometry) scanner.giveUp();
	});
	lineStart.push(coordinates.length / 2);
	return { coordinates: coordinates.trimmed(), lineStart: lineStart.trimmed() };

	function geometry(): void {
		let type = -1;
		// the coordinates may come before the type: read them as lines, and check the depth after
		let depth = -1;
		const linesBefore = lineStart.length;
		scanner.object(geometryKeys, (key) => {
			if (key === 0) type = scanner.word(lineTypes);
			else depth = lineOrLines();
		});
		const lines = lineStart.length - linesBefore;
		if (type === 0 && depth === 2 && lines === 1) return;
		if (type === 1 && (depth === 3 || (depth === 0 && lines === 0))) return;
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
	const coordinates = doubles();
	// property keys: id, then the wanted and required ones
	const propertyNames = [...new Set(['id', ...wanted, ...required])];
	if (propertyNames.length > 31) throw new Error('at most 30 properties can be read');
	const propertyKeys = names(...propertyNames);
	const columns = propertyNames.map(() => [] as (string | number | boolean | null | undefined)[]);
	const requiredKeys = required.map((name) => propertyNames.indexOf(name));
	const values: (string | number | boolean | null | undefined)[] = [];
	const seenIds = new Set<string>();
	collection(scanner, () => {
		let featureId: unknown;
		let isFeature = false;
		let sawPoint = false;
		let sawProperties = false;
		values.length = 0;
		values.length = propertyNames.length;
		const before = coordinates.length;
		scanner.object(featureKeys, (key) => {
			if (key === 0) {
				scanner.word(feature);
				isFeature = true;
			} else if (key === 1) sawPoint = point();
			else if (key === 2) featureId = scanner.primitive();
			else {
				sawProperties = true;
				scanner.object(propertyKeys, (name) => (values[name] = scanner.primitive()));
			}
		});
		if (!isFeature || !sawPoint || coordinates.length !== before + 2) scanner.giveUp();
		const rawId = sawProperties && values[0] != null ? values[0] : featureId;
		if ((typeof rawId !== 'string' && typeof rawId !== 'number') || rawId === '') scanner.giveUp();
		const id = String(rawId);
		if (seenIds.has(id)) scanner.giveUp();
		seenIds.add(id);
		for (const name of requiredKeys) {
			const value = values[name];
			if (value === undefined || value === null || value === '') scanner.giveUp();
		}
		ids.push(id);
		for (let k = 0; k < propertyNames.length; k++) columns[k].push(values[k]);
	});
	const flat = coordinates.trimmed();
	return {
		ids,
		lng: Float64Array.from({ length: ids.length }, (_, i) => flat[2 * i]),
		lat: Float64Array.from({ length: ids.length }, (_, i) => flat[2 * i + 1]),
		properties: Object.fromEntries(
			wanted.map((name) => [name, columns[propertyNames.indexOf(name)]])
		)
	};

	function point(): boolean {
		let isPoint = false;
		let sawCoordinates = false;
		scanner.object(geometryKeys, (key) => {
			if (key === 0) isPoint = scanner.word(pointType) === 0;
			else {
				sawCoordinates = true;
				scanner.position(coordinates);
			}
		});
		return isPoint && sawCoordinates;
	}
}
