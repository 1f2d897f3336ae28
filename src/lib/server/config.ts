/**
 * Settings read from the environment once, at start-up, and validated: a wrong value stops the
 * server with a message instead of running with a setting nobody meant.
 */
import { BlockList, isIP } from 'node:net';

// --- public limits and /metrics (issue 14: findings 3 and 12) ---------------------------------

function positiveNumber(name: string, fallback: number): number {
	const raw = process.env[name]?.trim();
	if (!raw) return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value <= 0) {
		throw new Error(`${name} must be a positive number, not "${raw}"`);
	}
	return value;
}

/**
 * The CPU time (wall milliseconds of the costly public answers) one client address may spend per
 * second, and how much it may spend at once after a quiet while.
 */
export const publicBudget = {
	msPerSecond: positiveNumber('PUBLIC_BUDGET_MS_PER_SECOND', 200),
	burstMs: positiveNumber('PUBLIC_BUDGET_BURST_MS', 1000),
	/** answers one client may have running at once (a map view needs three) */
	maxRunning: positiveNumber('PUBLIC_BUDGET_MAX_RUNNING', 4)
};

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

/** Who may read /metrics without signing in as an administrator. */
export const metricsAllow = parseAddressList(
	'METRICS_ALLOW',
	process.env.METRICS_ALLOW?.trim() || '127.0.0.1,::1'
);

/**
 * adapter-node's ADDRESS_HEADER: when set, the client address is the one the proxy forwarded;
 * when not, forwarding headers on a request mean a proxy relayed it without being trusted.
 */
export const addressHeader = process.env.ADDRESS_HEADER?.trim().toLowerCase() || null;

/**
 * BENCH_PAGES=true serves /bench/bare, the load test's baseline page (tests/load/load.ts starts its
 * servers with it); without it, as in production, the page does not exist (404).
 */
export const benchPages = process.env.BENCH_PAGES === 'true';

// --- end of public limits and /metrics ---------------------------------------------------------
