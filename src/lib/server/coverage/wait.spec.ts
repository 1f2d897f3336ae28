// coverage/wait.ts lists the routes whose answers come from the engine (they wait for the first
// engine after a start). This reads the routes' imports so that a route that starts using the
// engine cannot be forgotten there (it would build the engine on the event loop at start-up).
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { needsEngine } from './wait';

/** What the coverage module exports that reads the engine (the rest reads only the database). */
const engineNames = new Set([
	'coverageState',
	'coverageReady',
	'coverageVersion',
	'dataAndCoverageVersion',
	'coverageSummary',
	'communityCoverage',
	'isochrones',
	'residenceCoverage',
	'lifeCircle',
	'coverageCard',
	'walkingRoute'
]);

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((entry) => {
		const path = join(dir, entry);
		if (statSync(path).isDirectory()) return files(path);
		return /\.(ts|js)$/.test(entry) && !/\.(spec|test)\.ts$/.test(entry) ? [path] : [];
	});
}

interface Import {
	file: string | null;
	names: string[];
	spec: string;
}

function importsOf(file: string): Import[] {
	const text = readFileSync(file, 'utf8');
	const found: Import[] = [];
	for (const match of text.matchAll(/^import\s+(?!type\s)([\s\S]*?)\s+from\s+'([^']+)'/gm)) {
		const [, clause, spec] = match;
		const names = [...clause.matchAll(/\b([A-Za-z_$][\w$]*)\b(?:\s+as\s+\w+)?/g)]
			.map((m) => m[1])
			.filter((n) => n !== 'type' && n !== 'as');
		const base = spec.startsWith('$lib/')
			? resolve('src/lib', spec.slice(5))
			: spec.startsWith('.')
				? resolve(dirname(file), spec)
				: null;
		const target = base
			? ([`${base}.ts`, join(base, 'index.ts'), base].find(
					(p) => existsSync(p) && statSync(p).isFile()
				) ?? null)
			: null;
		found.push({ file: target && relative('.', target), names, spec });
	}
	return found;
}

const coverageDir = 'src/lib/server/coverage';
const isCoverageBarrel = (i: Import) => i.file === `${coverageDir}/index.ts`;

/** Server modules (outside coverage/) that read the engine, directly or through another one. */
function engineModules(): Set<string> {
	const modules = files('src/lib/server').filter((f) => !f.startsWith(coverageDir));
	const engine = new Set<string>();
	for (let changed = true; changed;) {
		changed = false;
		for (const file of modules) {
			if (engine.has(file)) continue;
			const reads = importsOf(file).some(
				(i) =>
					(i.file?.startsWith(coverageDir) && i.names.some((n) => engineNames.has(n))) ||
					(i.file !== null && engine.has(i.file))
			);
			if (reads) {
				engine.add(file);
				changed = true;
			}
		}
	}
	return engine;
}

function routeId(file: string): string {
	const dir = dirname(relative('src/routes', file));
	return dir === '.' ? '/' : `/${dir.replace(/\([^)]*\)\//g, '')}`;
}

describe('the routes that wait for the first engine', () => {
	it('include every route whose server code reads the engine', () => {
		const engine = engineModules();
		expect(engine.has('src/lib/server/planning/what-if.ts')).toBe(true);
		const usesEngine = (file: string, seen = new Set<string>()): boolean =>
			importsOf(file).some(
				(i) =>
					(isCoverageBarrel(i) && i.names.some((n) => engineNames.has(n))) ||
					(i.file !== null && engine.has(i.file)) ||
					// a helper next to the route (preferences.ts, an action module)
					(i.file !== null &&
						i.file.startsWith('src/routes') &&
						!seen.has(i.file) &&
						usesEngine(i.file, seen.add(i.file)))
			);
		const routes = files('src/routes').filter((f) =>
			/\/\+(page\.server|layout\.server|server)\.ts$/.test(f)
		);
		const reading = routes.filter((f) => usesEngine(f)).map(routeId);
		expect(reading).toContain('/map');
		expect(reading).toContain('/admin/what-if');
		expect(reading.filter((id) => !needsEngine(id))).toEqual([]);
		// and the list is not everything: pages that do not read the engine answer during its build
		const others = routes.map(routeId).filter((id) => !needsEngine(id));
		expect(others).toContain('/login');
		expect(others).toContain('/healthz');
	});
});
