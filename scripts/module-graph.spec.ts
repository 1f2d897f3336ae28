import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

// docs/architecture.md: between the server modules (the folders of src/lib/server), dependencies
// go one way. A cycle through several folders (auth → elder → coverage → booking → accounts → auth
// was one) is as much a knot as a two-way import, so the whole folder graph is checked.
const serverRoot = 'src/lib/server';

function sourceFiles(directory: string): string[] {
	return readdirSync(directory).flatMap((name) => {
		const path = join(directory, name);
		if (statSync(path).isDirectory()) return name === 'testing' ? [] : sourceFiles(path);
		return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
	});
}

/** The server module a path belongs to: its first folder under src/lib/server (or its file name). */
function moduleOf(path: string): string {
	const [first, ...rest] = relative(serverRoot, path).split(sep);
	return rest.length > 0 ? first : first.replace(/\.ts$/, '');
}

/** Module → the modules it imports (relative or $lib/server paths; types included). */
export function moduleGraph(): Map<string, Set<string>> {
	const graph = new Map<string, Set<string>>();
	for (const file of sourceFiles(serverRoot)) {
		const from = moduleOf(file);
		for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)) {
			const target = specifier.startsWith('.')
				? normalize(join(dirname(file), specifier))
				: specifier.startsWith('$lib/server/')
					? join(serverRoot, specifier.slice('$lib/server/'.length))
					: null;
			if (!target?.startsWith(serverRoot + sep)) continue;
			const to = moduleOf(target.endsWith('.ts') ? target : `${target}${sep}index.ts`);
			if (to !== from) {
				if (!graph.has(from)) graph.set(from, new Set());
				graph.get(from)!.add(to);
			}
		}
	}
	return graph;
}

/** Every cycle's edges, as "a → b (back: b → … → a)". */
export function cycles(graph: Map<string, Set<string>>): string[] {
	const pathBetween = (start: string, goal: string): string[] | null => {
		const previous = new Map<string, string | null>([[start, null]]);
		const queue = [start];
		while (queue.length > 0) {
			const at = queue.shift()!;
			if (at === goal) {
				const path = [goal];
				while (previous.get(path[0])) path.unshift(previous.get(path[0])!);
				return path;
			}
			for (const next of graph.get(at) ?? []) {
				if (!previous.has(next)) {
					previous.set(next, at);
					queue.push(next);
				}
			}
		}
		return null;
	};
	const found: string[] = [];
	for (const [from, targets] of graph) {
		for (const to of targets) {
			const back = pathBetween(to, from);
			if (back) found.push(`${from} → ${to} (back: ${back.join(' → ')})`);
		}
	}
	return found;
}

describe('server modules depend on each other one way', () => {
	it('has no cycle between the folders of src/lib/server', () => {
		expect(cycles(moduleGraph())).toEqual([]);
	});

	it('finds a cycle through several modules when there is one', () => {
		const graph = new Map([
			['auth', new Set(['elder'])],
			['elder', new Set(['coverage'])],
			['coverage', new Set(['auth'])],
			['db', new Set<string>()]
		]);
		expect(cycles(graph)).toHaveLength(3);
		expect(cycles(new Map([['auth', new Set(['db'])]]))).toEqual([]);
	});

	it('reads the real imports (booking depends on the outbox, never the other way)', () => {
		const graph = moduleGraph();
		expect(graph.get('booking')?.has('outbox')).toBe(true);
		expect(graph.get('outbox')?.has('booking') ?? false).toBe(false);
	});
});
