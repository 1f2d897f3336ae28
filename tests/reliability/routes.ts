/**
 * Every request target of the app, read from src/routes: endpoints with their HTTP methods, pages,
 * and each page's form actions. The fuzzer sends to all of them, so a new route is covered the day
 * it is added.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Target {
	/** the route id, e.g. /bookings/[id] */
	route: string;
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	/** a form action's name ('default' for the unnamed one); absent for endpoints and page loads */
	action?: string;
	kind: 'endpoint' | 'page' | 'action';
}

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

function endpointMethods(source: string): Target['method'][] {
	return methods.filter((m) =>
		new RegExp(`export\\s+(const|(async\\s+)?function)\\s+${m}\\b`).test(source)
	);
}

function actionNames(source: string): string[] {
	const start = source.search(/export\s+const\s+actions\b/);
	if (start < 0) return [];
	const body = source.slice(start);
	const end = body.search(/\n\};?\s*(\n|$)/);
	const block = end > 0 ? body.slice(0, end) : body;
	return [...block.matchAll(/^\t(\w+)\s*[:(]/gm)].map((m) => m[1]);
}

export function targets(dir = 'src/routes', id = ''): Target[] {
	const found: Target[] = [];
	const route = id || '/';
	const server = join(dir, '+server.ts');
	if (existsSync(server)) {
		for (const method of endpointMethods(readFileSync(server, 'utf8')))
			found.push({ route, method, kind: 'endpoint' });
	}
	const pageServer = join(dir, '+page.server.ts');
	if (existsSync(pageServer) || existsSync(join(dir, '+page.svelte'))) {
		found.push({ route, method: 'GET', kind: 'page' });
		if (existsSync(pageServer)) {
			for (const action of actionNames(readFileSync(pageServer, 'utf8')))
				found.push({ route, method: 'POST', action, kind: 'action' });
		}
	}
	for (const entry of readdirSync(dir)) {
		const path = join(dir, entry);
		if (statSync(path).isDirectory()) found.push(...targets(path, `${id}/${entry}`));
	}
	return found;
}

/** The route's URL with its parameters filled in (`fill` gives each parameter's value). */
export function pathOf(route: string, fill: (param: string) => string): string {
	return route.replace(/\[(\w+)\]/g, (_, name: string) => {
		const value = fill(name);
		try {
			return encodeURIComponent(value);
		} catch {
			// a lone surrogate: sent as the invalid UTF-8 a careless client would send
			return '%ED%A0%80';
		}
	});
}
