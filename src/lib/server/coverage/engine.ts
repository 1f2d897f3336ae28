/**
 * The coverage engine's life cycle. The engine is built from the database (packed.ts) and kept per
 * connection; every read checks the data version (one indexed row, migration 0005's triggers).
 *
 * In the server (startCoverageEngine, called at start-up) builds run in a worker thread
 * (build-worker.ts): the first right after start, the next whenever the version moves (seen by a
 * request or by a once-a-second check). Until a new engine is ready the current one keeps
 * answering; then it is swapped in one assignment. Builds never overlap: changes that arrive during
 * a build start one more build when it ends, of whatever the data is then, so quick changes coalesce
 * into one rebuild, the same version is never built twice in a row, and an engine older than the
 * current one is never swapped in. A failed build keeps the current engine and is shown in /healthz.
 *
 * Without startCoverageEngine (scripts, unit tests of other modules) the engine is built in-thread
 * on first use and rebuilt as soon as the version moves, as before.
 */
import { databaseUrlOf, sqliteImage, type Db } from '../db';
import { log } from '../log';
import { startThread, type Thread } from '../threads';
import {
	buildPacked,
	indexResidences,
	runSliced,
	runSync,
	unpack,
	type CoverageResidence,
	type PackedCoverage,
	type Steps
} from './packed';
import { sourceVersion } from './source';
import type { BuildRequest } from './build-worker';
import type { CoverageEngine, CoverageMatrix, Facility } from '$lib/geo';

export interface CoverageState {
	version: string;
	engine: CoverageEngine;
	matrix: CoverageMatrix;
	source: {
		facilities: Facility[];
		residences: CoverageResidence[];
		categories: { code: string; tierMinutes: number }[];
	};
	tierMinutesByCategory: Record<string, number>;
	residenceIndexById: Map<string, number>;
	/** residence indices per community code */
	residencesByCommunity: Map<string, number[]>;
	/** the shared arrays it was made from (the planning worker wraps the same memory) */
	packed: PackedCoverage;
	builtAt: number;
}

export type CoverageBuilder = (db: Db) => Promise<PackedCoverage>;

interface Slot {
	state?: CoverageState;
	/** set by startCoverageEngine: build in the background with this */
	builder?: CoverageBuilder;
	building?: Promise<void>;
	/** an in-thread build (without a builder) that callers wanting the same version wait for */
	inThread?: { version: string; packed: Promise<PackedCoverage> };
	/** the version whose build failed (not retried until the data changes again) */
	failedVersion?: string;
	lastError?: { message: string; version: string; at: number };
	builds: number;
	failures: number;
	timer?: ReturnType<typeof setInterval>;
}

const slots = new WeakMap<Db, Slot>();

function slotOf(db: Db): Slot {
	let slot = slots.get(db);
	if (!slot) {
		slot = { builds: 0, failures: 0 };
		slots.set(db, slot);
	}
	return slot;
}

function* stateSteps(packed: PackedCoverage): Steps<CoverageState> {
	const { engine, matrix, facilities, residences } = yield* unpack(packed);
	const { byCommunity, indexById } = yield* indexResidences(residences);
	return {
		version: packed.version,
		engine,
		matrix,
		source: { facilities, residences, categories: packed.categories },
		tierMinutesByCategory: Object.fromEntries(
			packed.categories.map((c) => [c.code, c.tierMinutes])
		),
		residenceIndexById: indexById,
		residencesByCommunity: byCommunity,
		packed,
		builtAt: Date.now()
	};
}

/** Versions are `v<n>` (the trigger-kept counter); without the counter, any other version is newer. */
export function isNewer(candidate: string, current: string): boolean {
	const number = (v: string) => (/^v\d+$/.test(v) ? Number(v.slice(1)) : NaN);
	const [a, b] = [number(candidate), number(current)];
	return Number.isNaN(a) || Number.isNaN(b) ? candidate !== current : a > b;
}

/** Whether `packed` may replace the current engine (it must be newer); logs when not. */
function admissible(slot: Slot, packed: PackedCoverage): boolean {
	if (!slot.state || isNewer(packed.version, slot.state.version)) return true;
	log.warn('coverage engine discarded: not newer than the current one', {
		built: packed.version,
		current: slot.state.version
	});
	return false;
}

/** The swap: one assignment, so every request sees either the old engine or the new one. */
function install(slot: Slot, state: CoverageState, where: string, unpackMs: number): void {
	slot.state = state;
	slot.builds++;
	log.info('coverage engine built', {
		where,
		version: state.version,
		method: state.packed.method,
		edges: state.packed.prepared?.network.edgeCount ?? 0,
		facilities: state.source.facilities.length,
		residences: state.source.residences.length,
		ms: state.packed.buildMs,
		unpackMs: Math.round(unpackMs)
	});
}

/**
 * A worker's engine on the main thread: unpacked in slices between requests (a few ms each), then
 * swapped in if it is still newer than the current one. False when it was not.
 */
async function installSliced(slot: Slot, packed: PackedCoverage): Promise<boolean> {
	if (!admissible(slot, packed)) return false;
	const started = performance.now();
	const state = await runSliced(stateSteps(packed));
	if (!admissible(slot, packed)) return false;
	install(slot, state, 'worker', performance.now() - started);
	return true;
}

/**
 * Starts a background build unless one is running (it re-checks when it ends) or the engine is of
 * the current data (`version`, when the caller has just read it). Resolves once a build, if one is
 * needed, has started.
 */
async function refresh(db: Db, slot: Slot, known?: string): Promise<void> {
	if (slot.building || !slot.builder) return;
	const version = known ?? (await sourceVersion(db));
	// another caller may have started a build while the version was read
	if (slot.building) return;
	if (slot.state?.version === version || slot.failedVersion === version) return;
	slot.building = slot.builder(db).then(
		async (packed) => {
			// a build never reads older data than asked for; if one did, it is not retried in a loop
			slot.failedVersion = (await installSliced(slot, packed)) ? undefined : version;
		},
		(error: unknown) => {
			slot.failures++;
			slot.failedVersion = version;
			const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
			slot.lastError = { message, version, at: Date.now() };
			log.error('coverage engine build failed; the current engine keeps answering', {
				version,
				current: slot.state?.version ?? null,
				error: message
			});
		}
	);
	void slot.building.finally(() => {
		slot.building = undefined;
		// changes during the build: one more build, of whatever the data is now
		void check(db, slot);
	});
}

/** refresh() from a timer or a finished build: nobody waits for it, so a failure is only logged. */
async function check(db: Db, slot: Slot): Promise<void> {
	try {
		await refresh(db, slot);
	} catch (error) {
		log.error('coverage engine: the data version could not be read', {
			error: error instanceof Error ? error.message : String(error)
		});
	}
}

/**
 * The engine for the database. In the server: the newest built engine (a rebuild is started when
 * the data moved on); in-thread elsewhere, always of the current data.
 */
export async function coverageState(db: Db): Promise<CoverageState> {
	const slot = slotOf(db);
	const version = await sourceVersion(db);
	if (slot.state?.version === version) return slot.state;
	if (slot.builder) {
		await refresh(db, slot, version);
		if (slot.state) return slot.state;
		// only a caller that did not wait for the first engine (see waitForCoverage) gets here
		log.warn('coverage engine needed before the first build: built on the event loop');
	}
	// callers that arrive while the same data is built share the build
	if (slot.inThread?.version !== version) {
		const build = { version, packed: buildPacked(db) };
		slot.inThread = build;
		void build.packed
			.finally(() => {
				if (slot.inThread === build) slot.inThread = undefined;
			})
			.catch(() => {});
	}
	const packed = await slot.inThread.packed;
	if (slot.state?.packed !== packed && admissible(slot, packed))
		install(slot, runSync(stateSteps(packed)), 'in-thread', 0);
	return slot.state!;
}

/** Resolves with an engine once one exists (the first build), rejects if that build failed. */
export async function coverageReady(db: Db): Promise<CoverageState> {
	const slot = slotOf(db);
	if (!slot.builder) return coverageState(db);
	while (!slot.state) {
		await refresh(db, slot);
		// a build may have started and finished while refresh() read the version
		if (slot.state) break;
		if (!slot.building) throw new Error(`coverage engine unavailable: ${slot.lastError?.message}`);
		await slot.building;
	}
	return slot.state;
}

/** Resolves when no build is running and the engine is of the current data (or its build failed). */
export async function coverageSettled(db: Db): Promise<CoverageState | undefined> {
	const slot = slotOf(db);
	if (!slot.builder) return coverageState(db);
	for (;;) {
		await refresh(db, slot);
		if (!slot.building) return slot.state;
		await slot.building;
	}
}

let buildThread: Thread | undefined;

/**
 * What the build worker opens: the same database by its URL, or a copy of an in-memory SQLite
 * database (tests), which no other connection can open.
 */
export function buildRequest(db: Db): BuildRequest {
	const url = databaseUrlOf(db);
	return url === undefined ? { image: sqliteImage(db) } : { url };
}

/** Builds in the coverage worker: it opens the same database (an in-memory one is copied). */
export const buildInWorker: CoverageBuilder = async (db) => {
	if (!buildThread) {
		const { default: source } = await import('./build-worker?thread');
		buildThread ??= startThread(source, 'coverage-build');
	}
	return buildThread.call<PackedCoverage>(buildRequest(db));
};

/** How often the server looks at the data version without a request asking (imports, edits). */
const checkEveryMs = 1000;

/**
 * Server start-up: from now on this connection's engine is built in the background (the first
 * build starts at once; start-up does not wait for it).
 */
export function startCoverageEngine(db: Db, builder: CoverageBuilder = buildInWorker): void {
	const slot = slotOf(db);
	slot.builder = builder;
	void check(db, slot);
	slot.timer ??= setInterval(() => void check(db, slot), checkEveryMs);
	slot.timer.unref();
}

/** Stops background builds for this connection (tests). */
export function stopCoverageEngine(db: Db): void {
	const slot = slotOf(db);
	if (slot.timer) clearInterval(slot.timer);
	slots.delete(db);
}

export interface EngineStatus {
	ready: boolean;
	version: string | null;
	method: string | null;
	builtAt: string | null;
	buildMs: number | null;
	building: boolean;
	builds: number;
	failures: number;
	lastError: { message: string; version: string; at: string } | null;
}

/** What /healthz shows about the engine (no query: it must stay instant). */
export function engineStatus(db: Db): EngineStatus {
	const slot = slotOf(db);
	const state = slot.state;
	return {
		ready: state !== undefined,
		version: state?.version ?? null,
		method: state?.packed.method ?? null,
		builtAt: state ? new Date(state.builtAt).toISOString() : null,
		buildMs: state?.packed.buildMs ?? null,
		building: slot.building !== undefined,
		builds: slot.builds,
		failures: slot.failures,
		lastError: slot.lastError
			? { ...slot.lastError, at: new Date(slot.lastError.at).toISOString() }
			: null
	};
}

/**
 * The fingerprint of everything the engine and the public map layers are computed from: answers
 * cached under one version (ETags, answer-cache.ts) are valid until it changes.
 */
export function dataVersion(db: Db): Promise<string> {
	return sourceVersion(db);
}

/**
 * The version of the engine that answers now: the key for cached answers computed by the engine
 * (during a rebuild it is older than dataVersion, and those answers must not be cached under the
 * new version).
 */
export async function coverageVersion(db: Db): Promise<string> {
	return (await coverageState(db)).version;
}

/**
 * The key for cached answers that read both the data (names, homes) and the engine (coverage): an
 * answer built during a rebuild is not kept under the new data version once the new engine answers.
 */
export async function dataAndCoverageVersion(db: Db): Promise<string> {
	return `${await dataVersion(db)} ${await coverageVersion(db)}`;
}
