import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeText, decodingStream, detectEncoding, detectFileEncoding } from './text-encoding';

const text = 'name,community\n胜利社区老年助餐点,620201001002\n镜铁区·五一社区,620201001003\n';
/** the same text as Excel on a Chinese Windows saves it: GB18030 (these characters as in GBK) */
/** (encoded by Python's gb18030 codec, independently of Node's ICU decoder under test) */
const gb18030 = Buffer.from(
	'6e616d652c636f6d6d756e6974790acaa4c0fbc9e7c7f8c0cfc4ead6fab2cdb5e32c3632303230313030313030320abe' +
		'b5ccfac7f8a1a4cee5d2bbc9e7c7f82c3632303230313030313030330a',
	'hex'
);

const folder = mkdtempSync(join(tmpdir(), 'encoding-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('text encoding of imported files', () => {
	it('reads GB18030 bytes (as Excel saves a Chinese CSV) as the same text', () => {
		// the fixture is GB18030: not valid UTF-8, and decodes to the text
		expect(detectEncoding(gb18030)).toBe('gb18030');
		expect(decodeText(gb18030)).toEqual({ ok: true, text, encoding: 'gb18030' });
	});

	it('reads UTF-8 with and without a byte-order mark, dropping the mark', () => {
		const utf8 = Buffer.from(text);
		expect(decodeText(utf8)).toEqual({ ok: true, text, encoding: 'utf-8' });
		const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]);
		expect(decodeText(withBom)).toEqual({ ok: true, text, encoding: 'utf-8' });
	});

	it('reads UTF-16 with a byte-order mark (Excel’s "Unicode text")', () => {
		const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
		expect(decodeText(utf16)).toEqual({ ok: true, text, encoding: 'utf-16le' });
	});

	it('refuses bytes that are neither UTF-8 nor GB18030', () => {
		expect(decodeText(Buffer.from([0x61, 0xff, 0x62]))).toEqual({ ok: false });
		expect(decodeText(Buffer.from([0x81, 0x20, 0x30]))).toEqual({ ok: false });
	});

	it('detects a staged file’s encoding by the same rules, and streams its text in any chunking', async () => {
		const cases: [Buffer, string | null][] = [
			[gb18030, 'gb18030'],
			[Buffer.from(text), 'utf-8'],
			[Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'utf-8'],
			[Buffer.from([0x61, 0xff, 0x62]), null]
		];
		for (const [i, [bytes, expected]] of cases.entries()) {
			const path = join(folder, `f${i}`);
			writeFileSync(path, bytes);
			expect(await detectFileEncoding(path)).toBe(expected);
		}
		// one byte per chunk: every two-byte character is split across chunks
		const chunks = [...gb18030].map((byte) => Buffer.from([byte]));
		let streamed = '';
		for await (const piece of Readable.from(chunks).pipe(decodingStream('gb18030')))
			streamed += piece;
		expect(streamed).toBe(text);
	});
});
