import { describe, expect, it } from 'vitest';
import { parseSize } from './config';

describe('request body limit', () => {
	it("reads adapter-node's size syntax", () => {
		expect(parseSize('256K')).toBe(256 * 1024);
		expect(parseSize('1M')).toBe(1024 * 1024);
		expect(parseSize('1000')).toBe(1000);
		expect(parseSize('2kb')).toBe(2048);
	});

	it('falls back to 512K (the adapter default) on nonsense', () => {
		expect(parseSize(undefined)).toBe(512 * 1024);
		expect(parseSize('lots')).toBe(512 * 1024);
	});
});
