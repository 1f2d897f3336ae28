import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';

const load = (locale: string): Record<string, string> =>
	JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8'));
const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('messages', () => {
	const zh = load('zh-CN');
	const en = load('en');

	it('has every key in both zh-CN and en', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
	});

	it('uses the same parameters in both languages', () => {
		for (const key of Object.keys(zh)) {
			if (key === '$schema') continue;
			expect(params(en[key]), key).toEqual(params(zh[key]));
		}
	});

	it('has no empty message', () => {
		for (const [key, text] of [...Object.entries(zh), ...Object.entries(en)]) {
			expect(text.trim().length, key).toBeGreaterThan(0);
		}
	});
});
