/**
 * Every environment variable the portal reads, in one list: its schema (zod), its default and who
 * reads it. The server validates them all at start-up (`readConfig`), so a wrong value stops it
 * with a message instead of running with a setting nobody meant; modules read their setting with
 * `setting(name)`, which parses the current value (tests set variables between calls). README's
 * configuration table and `.env.example` are checked against this list by config.spec.ts.
 */
import { BlockList, isIP } from 'node:net';
import { z } from 'zod';
import { parseDisplayCrs } from '$lib/map-crs';
import { isTileTemplate, parseSubdomains } from '$lib/tiles';

/** Who reads a variable: the server (this module), the launcher or adapter-node, the browser, tests. */
type Reader = 'server' | 'launcher' | 'browser' | 'tests';

interface Variable<T> {
	schema: z.ZodType<T>;
	/** the literal default (README shows it in backticks, .env.example as the value) */
	default?: string;
	/** README's default when it is not a literal (computed, or from elsewhere) */
	shownDefault?: string;
	reader: Reader;
	/** also in .env.example (the settings an operator sets; not the test suite's own) */
	example: boolean;
}

function variable<T>(schema: z.ZodType<T>, options: Omit<Variable<T>, 'schema'>): Variable<T> {
	return { schema, ...options };
}

/** adapter-node's size syntax: 512K, 1M, or bytes; anything else is the fallback. */
export function parseSize(value: string | undefined, fallback = 512 * 1024): number {
	const match = /^(\d+)\s*([KMG]?)B?$/i.exec(value?.trim() ?? '');
	if (!match) return fallback;
	const unit = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[match[2].toUpperCase()] ?? 1;
	return Number(match[1]) * unit;
}

/** IPv4-mapped IPv6 (::ffff:127.0.0.1, a dual-stack socket's view of an IPv4 client) as IPv4. */
export function plainAddress(address: string): string {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	return mapped ? mapped[1] : address;
}

/** A comma list of addresses and CIDR ranges (`127.0.0.1,::1,10.0.0.0/8`) as a block list. */
export function parseAddressList(name: string, raw: string): BlockList {
	const list = new BlockList();
	for (const entry of raw.split(',').map((part) => part.trim())) {
		if (!entry) continue;
		const [address, prefixText, extra] = entry.split('/');
		const family = isIP(address);
		const prefix = prefixText === undefined ? undefined : Number(prefixText);
		const maxPrefix = family === 6 ? 128 : 32;
		if (
			family === 0 ||
			extra !== undefined ||
			(prefix !== undefined && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= maxPrefix))
		) {
			throw new Error(`${name}: "${entry}" is not an IP address or CIDR range`);
		}
		const type = family === 6 ? 'ipv6' : 'ipv4';
		if (prefix === undefined) list.addAddress(address, type);
		else list.addSubnet(address, prefix, type);
	}
	return list;
}

/** Whether an address is on a list made by parseAddressList. */
export function listed(list: BlockList, address: string): boolean {
	const plain = plainAddress(address);
	const family = isIP(plain);
	return family !== 0 && list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
}

const text = z.string().optional();
const optionalText = text.transform((value) => value?.trim() || undefined);
/** `false` turns it off; anything else (or nothing) leaves it on */
const onUnlessFalse = text.transform((value) => value !== 'false');

/** A tile address with {z}, {x} and {y} (and {s} for PUBLIC_TILE_SUBDOMAINS), or nothing. */
const tileTemplate = text.refine((value) => !value?.trim() || isTileTemplate(value.trim()), {
	message: 'must be an http(s) tile template with {z}, {x} and {y}'
});

/** A limit: a positive whole number, else the default (a typo keeps the safe default, as before). */
function limit(fallback: number) {
	return variable(z.coerce.number().int().positive().catch(fallback), {
		default: String(fallback),
		reader: 'server',
		example: true
	});
}

/** A positive number; anything else stops the server (these shape how much one client may spend). */
function positive(fallback: number) {
	return variable(
		text.transform((raw, context) => {
			const trimmed = raw?.trim();
			if (!trimmed) return fallback;
			const value = Number(trimmed);
			if (Number.isFinite(value) && value > 0) return value;
			context.addIssue({
				code: 'custom',
				message: `must be a positive number, not "${raw}"`
			});
			return z.NEVER;
		}),
		{ default: String(fallback), reader: 'server', example: true }
	);
}

export const variables = {
	// a SQLite file path (or file:path), or postgres://user:password@host:port/database for PostgreSQL
	DATABASE_URL: variable(
		text.transform((value) => value?.replace(/^file:/, '') || './data/lifecircle.db'),
		{ default: './data/lifecircle.db', reader: 'server', example: true }
	),
	// connections each server process keeps open to PostgreSQL (unused on SQLite)
	DATABASE_POOL_SIZE: limit(10),
	PORT: variable(text, { default: '3000', reader: 'launcher', example: true }),
	HOST: variable(text, { default: '0.0.0.0', reader: 'launcher', example: true }),
	ORIGIN: variable(text, {
		shownDefault: '`http://localhost:$PORT`',
		reader: 'launcher',
		example: true
	}),
	SEED_DEMO: variable(onUnlessFalse, { default: 'true', reader: 'server', example: true }),
	DEMO_ACCOUNTS: variable(onUnlessFalse, { default: 'true', reader: 'server', example: true }),
	PUBLIC_TILE_URL: variable(tileTemplate, { reader: 'browser', example: true }),
	// 天地图's place names (cva) over its base map (vec); read with the others by $lib/tiles
	PUBLIC_TILE_LABEL_URL: variable(tileTemplate, { reader: 'browser', example: true }),
	PUBLIC_TILE_SUBDOMAINS: variable(
		text.refine((value) => parseSubdomains(value) !== null, {
			message: 'must be a comma list (01,02,03), a range (0-7) or letters (abc)'
		}),
		{ default: 'abc', reader: 'browser', example: true }
	),
	PUBLIC_TILE_CRS: variable(text.transform(parseDisplayCrs), {
		default: 'wgs84',
		reader: 'browser',
		example: true
	}),
	PUBLIC_TILE_ATTRIBUTION: variable(text, { reader: 'browser', example: true }),
	TEST_PORT: variable(text, {
		shownDefault: 'from the process id',
		reader: 'tests',
		example: false
	}),
	BUILD_DIR: variable(text, { default: 'build', reader: 'launcher', example: false }),
	// read by scripts/cluster.js (workerCount), which applies the same rule before any server starts
	WORKERS: variable(
		text.refine((value) => !value?.trim() || /^[1-9]\d*$/.test(value.trim()), {
			message: 'must be a whole number ≥ 1'
		}),
		{ shownDefault: 'cores, at most 4', reader: 'launcher', example: true }
	),
	SMS_SENDER: variable(z.enum(['log', 'http']).default('log'), {
		default: 'log',
		reader: 'server',
		example: true
	}),
	SMS_GATEWAY_URL: variable(optionalText, { reader: 'server', example: true }),
	SMS_GATEWAY_TOKEN: variable(optionalText, { reader: 'server', example: true }),
	LOGIN_LIMIT_PER_ACCOUNT: limit(5),
	LOGIN_LIMIT_PER_IP: limit(60),
	CODE_LIMIT_PER_PHONE: limit(5),
	CODE_LIMIT_PER_IP: limit(20),
	INVITE_LIMIT_PER_ACCOUNT: limit(5),
	INVITE_LIMIT_PER_IP: limit(20),
	BOOKING_PERSON_LIMIT: limit(5),
	// minutes a help request waits for a volunteer to accept before it goes to the station's staff
	HELP_ESCALATE_MINUTES: limit(30),
	OUTBOX_POLL_SECONDS: variable(z.coerce.number().positive().catch(30), {
		default: '30',
		reader: 'server',
		example: true
	}),
	CHROMIUM_PATH: variable(text, { default: '/usr/bin/chromium', reader: 'tests', example: false }),
	// read by scripts/test-all.js and scripts/postgres-test-server.js
	TEST_POSTGRES: variable(z.enum(['off', 'db', 'all']).optional(), {
		default: 'all',
		reader: 'tests',
		example: false
	}),
	POSTGRES_BIN: variable(text, {
		shownDefault: "Debian's newest `/usr/lib/postgresql/*/bin`",
		reader: 'tests',
		example: false
	}),
	BODY_SIZE_LIMIT: variable(
		text.transform((value) => parseSize(value)),
		{ default: '256K', reader: 'server', example: true }
	),
	PUBLIC_BUDGET_MS_PER_SECOND: positive(200),
	PUBLIC_BUDGET_BURST_MS: positive(1000),
	PUBLIC_BUDGET_MAX_RUNNING: positive(4),
	PUBLIC_COSTLY_AT_ONCE: positive(2),
	// megabytes of rendered public pages each server process keeps for visitors (0: none kept)
	PAGE_CACHE_MB: variable(
		text.transform((raw, context) => {
			const trimmed = raw?.trim();
			if (!trimmed) return 32;
			const value = Number(trimmed);
			if (Number.isFinite(value) && value >= 0) return value;
			context.addIssue({ code: 'custom', message: `must be a number ≥ 0, not "${raw}"` });
			return z.NEVER;
		}),
		{ default: '32', reader: 'server', example: true }
	),
	IMPORT_UPLOADS_PER_ADMIN: limit(2),
	IMPORT_UPLOADS_MAX: limit(4),
	IMPORT_UPLOAD_IDLE_SECONDS: limit(120),
	METRICS_ALLOW: variable(
		text.transform((value) => parseAddressList('METRICS_ALLOW', value?.trim() || '127.0.0.1,::1')),
		{ default: '127.0.0.1,::1', reader: 'server', example: true }
	),
	ADDRESS_HEADER: variable(
		text.transform((value) => value?.trim().toLowerCase() || null),
		{ reader: 'server', example: true }
	),
	PRINT_HONESTY: variable(text, { reader: 'tests', example: false }),
	BENCH_PAGES: variable(
		text.transform((value) => value === 'true'),
		{ reader: 'tests', example: false }
	)
};

export type Name = keyof typeof variables;
type Value<N extends Name> = (typeof variables)[N] extends Variable<infer T> ? T : never;
export type Config = { [N in Name]: Value<N> };

/** One setting, parsed from the environment as it is now. */
export function setting<N extends Name>(name: N, env: NodeJS.ProcessEnv = process.env): Value<N> {
	// parsed once per value (some are read per request or per booking); a test that changes the
	// environment gets the new value
	const raw = env[name];
	const key = raw === undefined ? name : `${name}=${raw}`;
	if (parsedValues.has(key)) return parsedValues.get(key) as Value<N>;
	const parsed = (variables[name].schema as z.ZodType<Value<N>>).safeParse(raw);
	if (!parsed.success) throw new Error(problem(name, parsed.error));
	parsedValues.set(key, parsed.data);
	return parsed.data;
}

const parsedValues = new Map<string, unknown>();

function problem(name: string, error: z.ZodError): string {
	return `${name}: ${error.issues.map((issue) => issue.message).join('; ')}`;
}

/** Every setting at once, with every problem in one message: the server calls this at start-up. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const problems: string[] = [];
	const config: Record<string, unknown> = {};
	for (const name of Object.keys(variables) as Name[]) {
		const parsed = variables[name].schema.safeParse(env[name]);
		if (parsed.success) config[name] = parsed.data;
		else problems.push(problem(name, parsed.error));
	}
	if (env.SMS_SENDER === 'http' && !env.SMS_GATEWAY_URL?.trim())
		problems.push('SMS_SENDER=http needs SMS_GATEWAY_URL');
	if (problems.length > 0) throw new Error(`Configuration:\n${problems.join('\n')}`);
	return config as Config;
}

/**
 * The CPU time (wall milliseconds of the costly public answers) one client address may spend per
 * second, and how much it may spend at once after a quiet while.
 */
export const publicBudget = {
	msPerSecond: setting('PUBLIC_BUDGET_MS_PER_SECOND'),
	burstMs: setting('PUBLIC_BUDGET_BURST_MS'),
	/** answers one client may have running at once (a map view needs three) */
	maxRunning: setting('PUBLIC_BUDGET_MAX_RUNNING')
};

/**
 * The costly public answers one process works on at once, every client together; the others wait
 * their turn (public-budget/turns.ts), so that cheap requests are not stuck behind a crowd of them.
 */
export const costlyAtOnce = setting('PUBLIC_COSTLY_AT_ONCE');

/**
 * Bytes of rendered public pages one process keeps for visitors who are not signed in
 * (page-cache/): 0 renders every page for every request.
 */
export const pageCacheBytes = Math.round(setting('PAGE_CACHE_MB') * 1024 * 1024);

/**
 * Imports sent in pieces (/admin/data/uploads): how many one administrator may have under way, how
 * many all of them together (each stages up to 256 MB on disk and is read into memory), and how
 * long an upload that receives no piece counts before it is dropped.
 */
export const importUploadLimits = {
	perAdmin: setting('IMPORT_UPLOADS_PER_ADMIN'),
	max: setting('IMPORT_UPLOADS_MAX'),
	idleSeconds: setting('IMPORT_UPLOAD_IDLE_SECONDS')
};

/** Who may read /metrics without signing in as an administrator. */
export const metricsAllow = setting('METRICS_ALLOW');

/**
 * adapter-node's ADDRESS_HEADER: when set, the client address is the one the proxy forwarded;
 * when not, forwarding headers on a request mean a proxy relayed it without being trusted.
 */
export const addressHeader = setting('ADDRESS_HEADER');

/**
 * BENCH_PAGES=true serves /bench/bare, the load test's baseline page (tests/load/load.ts starts its
 * servers with it); without it, as in production, the page does not exist (404).
 */
export const benchPages = setting('BENCH_PAGES');
