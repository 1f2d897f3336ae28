/**
 * The start and end tags of an XML document, read in one pass. Each character is looked at a
 * bounded number of times: comments, CDATA sections, processing instructions and declarations are
 * skipped with one indexOf each, attribute values with one indexOf for the closing quote. (The
 * regular expressions this replaces — a lazy `<!--[\s\S]*?-->` among them — rescanned the rest of
 * the file from every unclosed `<!--` or `<tag`: 192 KB of `<!--` took 8 s.)
 */

export interface XmlTag {
	name: string;
	/** `</name>` */
	closing: boolean;
	/** `<name … />` */
	selfClosing: boolean;
	attributes: Record<string, string>;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXml(value: string): string {
	if (!value.includes('&')) return value;
	return value.replace(
		/&(amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g,
		(whole, name: string) => {
			if (name[0] !== '#') return entities[name];
			const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
			return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
		}
	);
}

/** letters, digits and _ : . - (enough for OSM's element and attribute names) */
function isNameChar(code: number): boolean {
	return (
		(code >= 97 && code <= 122) ||
		(code >= 65 && code <= 90) ||
		(code >= 48 && code <= 58) ||
		code === 95 ||
		code === 46 ||
		code === 45 ||
		code > 127
	);
}

function isSpace(code: number): boolean {
	return code === 32 || code === 9 || code === 10 || code === 13;
}

/** "line L" of an offset, for messages (counted only when there is something to report) */
function lineOf(xml: string, offset: number): string {
	let line = 1;
	for (let i = xml.indexOf('\n'); i !== -1 && i < offset; i = xml.indexOf('\n', i + 1)) line++;
	return `line ${line}`;
}

/** Sections skipped whole: where they start and what ends them. */
const skipped: [start: string, end: string, what: string][] = [
	['<!--', '-->', 'a comment'],
	['<![CDATA[', ']]>', 'a CDATA section'],
	['<?', '?>', 'a processing instruction'],
	['<!', '>', 'a declaration']
];

export function* xmlTags(xml: string): Generator<XmlTag> {
	let i = 0;
	for (;;) {
		const lt = xml.indexOf('<', i);
		if (lt === -1) return;
		const section = skipped.find(([start]) => xml.startsWith(start, lt));
		if (section) {
			const [start, end, what] = section;
			const close = xml.indexOf(end, lt + start.length);
			if (close === -1) throw new Error(`${what} at ${lineOf(xml, lt)} is not closed`);
			i = close + end.length;
			continue;
		}
		let j = lt + 1;
		const closing = xml.charCodeAt(j) === 47; // '/'
		if (closing) j++;
		const nameStart = j;
		while (j < xml.length && isNameChar(xml.charCodeAt(j))) j++;
		const name = xml.slice(nameStart, j);
		if (!name) throw new Error(`a "<" that starts no tag at ${lineOf(xml, lt)}`);
		const attributes: Record<string, string> = {};
		let selfClosing = false;
		for (;;) {
			while (j < xml.length && isSpace(xml.charCodeAt(j))) j++;
			if (j >= xml.length) throw new Error(`the tag <${name}> at ${lineOf(xml, lt)} is not closed`);
			if (xml[j] === '>') break;
			if (xml.startsWith('/>', j)) {
				selfClosing = true;
				j++;
				break;
			}
			const attributeStart = j;
			while (j < xml.length && isNameChar(xml.charCodeAt(j))) j++;
			const attribute = xml.slice(attributeStart, j);
			while (j < xml.length && isSpace(xml.charCodeAt(j))) j++;
			if (!attribute || xml[j] !== '=') {
				throw new Error(`the tag <${name}> at ${lineOf(xml, lt)} has a malformed attribute`);
			}
			j++;
			while (j < xml.length && isSpace(xml.charCodeAt(j))) j++;
			const quote = xml[j];
			const close = quote === '"' || quote === "'" ? xml.indexOf(quote, j + 1) : -1;
			if (close === -1) {
				throw new Error(
					`the attribute ${attribute} of <${name}> at ${lineOf(xml, lt)} is not quoted and closed`
				);
			}
			attributes[attribute] = decodeXml(xml.slice(j + 1, close));
			j = close + 1;
		}
		i = j + 1;
		yield { name, closing, selfClosing, attributes };
	}
}
