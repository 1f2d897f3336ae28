import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';

/**
 * Imported text files come as UTF-8 or, from Excel and WPS on a Chinese Windows ("CSV (逗号分隔)"),
 * as GB18030 (GBK's superset, the national standard). Detection: a byte-order mark says it; else a
 * file that is valid UTF-8 is UTF-8 (Chinese GBK text is almost never valid UTF-8: its lead bytes
 * are followed by bytes UTF-8 cannot continue with); else GB18030 if it decodes as such; else the
 * file is refused. Node's full ICU brings the GB18030 decoder: no dependency needed.
 */
export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

function byBom(bytes: Uint8Array): TextEncodingName | null {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
	return null;
}

function decodes(encoding: TextEncodingName, bytes: Uint8Array): boolean {
	try {
		new TextDecoder(encoding, { fatal: true }).decode(bytes);
		return true;
	} catch {
		return false;
	}
}

export function detectEncoding(bytes: Uint8Array): TextEncodingName | null {
	const bom = byBom(bytes);
	if (bom) return bom;
	if (decodes('utf-8', bytes)) return 'utf-8';
	if (decodes('gb18030', bytes)) return 'gb18030';
	return null;
}

export type DecodedText = { ok: true; text: string; encoding: TextEncodingName } | { ok: false };

/** A whole file's text, its encoding detected (a byte-order mark is dropped). */
export function decodeText(bytes: Uint8Array): DecodedText {
	const encoding = detectEncoding(bytes);
	if (!encoding) return { ok: false };
	return { ok: true, text: new TextDecoder(encoding).decode(bytes), encoding };
}

/** Whether a file on disk decodes completely as `encoding`, read as a stream (files up to 256 MB). */
async function fileDecodes(path: string, encoding: TextEncodingName): Promise<boolean> {
	const decoder = new TextDecoder(encoding, { fatal: true });
	try {
		for await (const chunk of createReadStream(path))
			decoder.decode(chunk as Uint8Array, { stream: true });
		decoder.decode();
		return true;
	} catch {
		return false;
	}
}

/** The encoding of a staged file, by the same rules as `detectEncoding` (one or two passes). */
export async function detectFileEncoding(path: string): Promise<TextEncodingName | null> {
	const head = new Uint8Array(3);
	const stream = createReadStream(path, { start: 0, end: 2 });
	let filled = 0;
	for await (const chunk of stream) {
		head.set(chunk as Uint8Array, filled);
		filled += (chunk as Uint8Array).length;
	}
	const bom = byBom(head.subarray(0, filled));
	if (bom) return bom;
	if (await fileDecodes(path, 'utf-8')) return 'utf-8';
	if (await fileDecodes(path, 'gb18030')) return 'gb18030';
	return null;
}

/** Bytes in, text out (a character split across two chunks is kept for the next one). */
export function decodingStream(encoding: TextEncodingName): Transform {
	const decoder = new TextDecoder(encoding);
	return new Transform({
		decodeStrings: true,
		readableObjectMode: true,
		transform(chunk: Buffer, _encoding, done) {
			const text = decoder.decode(chunk, { stream: true });
			done(null, text || undefined);
		},
		flush(done) {
			const rest = decoder.decode();
			done(null, rest || undefined);
		}
	});
}
