import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The data layer is dialect-neutral (DESIGN.md "Scale beyond one machine"): modules, routes, scripts
// and tests reach the database only through awaited drizzle query builders and db/index.ts's verbs.
// SQLite-only calls would work on SQLite and fail on PostgreSQL, so they are refused here. A line
// that only looks like one (Map#get after a call) says so with `// not a query`.

const root = join(import.meta.dirname, '../../../..');
const scanned = ['src', 'scripts', 'tests'];
const skipped = [
	/^tests\/output\//,
	/^src\/lib\/server\/db\/(sqlite|postgres|index|neutral\.spec)\.ts$/,
	// the SQLite schema (its PostgreSQL twin is schema/pg, proven alike by schema-twins.spec.ts)
	/^src\/lib\/server\/db\/schema\/(columns|places|people|booking)\.ts$/
];
/** files that may use better-sqlite3 itself: the backup of a SQLite file, tests of SQLite's own locking */
const sqliteFiles = new Set(['scripts/backup.ts', 'src/lib/server/db/lock.spec.ts']);

const refused: [RegExp, string][] = [
	// .values() without arguments (SQLite's array rows), not an insert's .values({ … })
	[
		/\)\s*\.(all\(|get\(|run\(|values\(\))/,
		'a synchronous SQLite call: await the query (or .execute())'
	],
	[/\$client\b/, 'the driver’s own client: use the data layer'],
	[/\bimmediate(WhenFree)?\(/, 'immediate(): use transaction()'],
	[
		/\b(unixepoch|strftime|julianday|group_concat|ifnull|json_each|json_extract)\s*\(/i,
		'SQLite-only SQL'
	],
	[/\bglob\s+'/i, 'SQLite-only SQL']
];

function files(dir: string): string[] {
	const out: string[] = [];
	for (const name of readdirSync(dir)) {
		if (name === 'node_modules' || name.startsWith('.')) continue;
		const path = join(dir, name);
		if (statSync(path).isDirectory()) out.push(...files(path));
		else if (/\.(ts|js|svelte)$/.test(name)) out.push(path);
	}
	return out;
}

function offences(): string[] {
	const found: string[] = [];
	for (const top of scanned) {
		for (const path of files(join(root, top))) {
			const rel = relative(root, path);
			if (skipped.some((p) => p.test(rel))) continue;
			const text = readFileSync(path, 'utf8');
			for (const [pattern, why] of refused) {
				const global = new RegExp(pattern.source, pattern.flags + 'g');
				for (const match of text.matchAll(global)) {
					const lineStart = text.lastIndexOf('\n', match.index) + 1;
					const lineEnd = text.indexOf('\n', match.index + match[0].length);
					const line = text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
					if (line.includes('// not a query') || /^\s*(\/\/|\*)/.test(line)) continue;
					const lineNo = text.slice(0, match.index).split('\n').length;
					found.push(`${rel}:${lineNo}: ${why}: ${line.trim()}`);
				}
			}
			if (/from 'better-sqlite3'/.test(text) && !sqliteFiles.has(rel))
				found.push(`${rel}: imports better-sqlite3: use the data layer`);
		}
	}
	return found;
}

describe('the data layer is dialect-neutral', () => {
	it('no module, route, script or test calls SQLite directly', () => {
		expect(offences()).toEqual([]);
	});
});
