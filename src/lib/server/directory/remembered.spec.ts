import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db';
import { remembered } from './remembered';

describe('remembered', () => {
	it('builds once per key and connection, and again under a new key', () => {
		const db = openDatabase(':memory:');
		const other = openDatabase(':memory:');
		let builds = 0;
		const build = () => ({ n: ++builds });
		expect(remembered(db, 'v1|home', build)).toEqual({ n: 1 });
		expect(remembered(db, 'v1|home', build)).toEqual({ n: 1 });
		expect(remembered(other, 'v1|home', build)).toEqual({ n: 2 });
		expect(remembered(db, 'v2|home', build)).toEqual({ n: 3 });
	});
});
