// @no-database: the connections are only keys of the cache here (in-memory SQLite whatever the run:
// a PostgreSQL run would repeat the same test), nothing is read or written through them.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db';
import { remembered } from './remembered';

describe('remembered', () => {
	it('builds once per key and connection, and again under a new key', async () => {
		const db = openDatabase(':memory:');
		const other = openDatabase(':memory:');
		let builds = 0;
		const build = () => ({ n: ++builds });
		expect(await remembered(db, 'v1|home', build)).toEqual({ n: 1 });
		expect(await remembered(db, 'v1|home', build)).toEqual({ n: 1 });
		expect(await remembered(other, 'v1|home', build)).toEqual({ n: 2 });
		expect(await remembered(db, 'v2|home', build)).toEqual({ n: 3 });
	});

	it('builds once for requests that arrive during the build, and again after a failure', async () => {
		const db = openDatabase(':memory:');
		let builds = 0;
		const slow = async () => {
			builds++;
			await new Promise((resolve) => setTimeout(resolve, 5));
			return builds;
		};
		expect(await Promise.all([remembered(db, 'k', slow), remembered(db, 'k', slow)])).toEqual([
			1, 1
		]);
		await expect(
			remembered(db, 'failing', async () => {
				throw new Error('no');
			})
		).rejects.toThrow('no');
		expect(await remembered(db, 'failing', () => 'yes')).toBe('yes');
	});
});
