import { describe, expect, it } from 'vitest';
import { parseSize } from './config';
import { sizeLabel } from './request-body';

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

	it('says the limit as people read it', () => {
		expect(sizeLabel(256 * 1024)).toBe('256 KB');
		expect(sizeLabel(1024 * 1024)).toBe('1 MB');
		expect(sizeLabel(5.5 * 1024 * 1024)).toBe('5.5 MB');
		expect(sizeLabel(1000)).toBe('1 KB');
		expect(sizeLabel(10)).toBe('1 KB');
	});
});
