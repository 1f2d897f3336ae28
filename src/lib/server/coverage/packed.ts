/**
 * The coverage engine as typed arrays on SharedArrayBuffers: built in a worker (build-worker.ts),
 * posted to the main thread and to the planning worker without copying, and turned back into an
 * engine there in a few milliseconds (no snapping, no search: only objects for the facilities and
 * residences). Also the one way the engine is built in-thread (scripts, unit tests), so both paths
 * answer the same.
 */
import Flatbush from 'flatbush';
import {
	createCoverageEngine,
	estimateCoverageEngine,
	type CoverageEngine,
	type CoverageMatrix,
	type Facility,
	type Residence,
	type WalkingNetwork
} from '$lib/geo';
import type { EdgeBuckets, PreparedCoverage } from '../../geo/prepared';
import type { SnapTable } from '../../geo/snap';
import { readSnapshot, type Db } from '../db';
import { readSource, sourceVersion } from './source';

type Shareable = Int32Array | Float64Array | Uint8Array;

/** A copy of `array` on a SharedArrayBuffer (a view of the same type). */
function share<T extends Shareable>(array: T): T {
	const Type = array.constructor as new (buffer: SharedArrayBuffer) => T;
	const copy = new Type(new SharedArrayBuffer(array.byteLength));
	copy.set(array as never);
	return copy;
}

function shareAll<T extends object>(object: T): T {
	return Object.fromEntries(
		Object.entries(object).map(([key, value]) => [
			key,
			ArrayBuffer.isView(value) ? share(value as Shareable) : value
		])
	) as T;
}

export type CoverageResidence = Residence & { communityCode: string };

export interface PackedCoverage {
	/** the data version the engine was built from (read on the same snapshot as the data) */
	version: string;
	method: 'network' | 'estimate';
	buildMs: number;
	categories: { code: string; tierMinutes: number }[];
	/** the engine's categories (the given ones first): facility categories index into it */
	engineCategories: string[];
	facilities: { id: Float64Array; category: Int32Array; lng: Float64Array; lat: Float64Array };
	residences: {
		id: Float64Array;
		lng: Float64Array;
		lat: Float64Array;
		households: Float64Array;
		elderly: Float64Array;
		children: Float64Array;
		community: Int32Array;
		communityCodes: string[];
	};
	matrix: CoverageMatrix;
	/** the network method's prepared state; absent for the estimate */
	prepared?: {
		network: WalkingNetwork;
		segmentIndex: SharedArrayBuffer;
		segmentVertex: Int32Array;
		segmentEdge: Int32Array;
		maxSnapDistanceM: number;
		facilityCategory: Int32Array;
		facilitySnap: SnapTable;
		residenceSnap: SnapTable;
		facilitiesByEdge: EdgeBuckets;
		residencesByEdge: EdgeBuckets;
	};
}

/** Reads the data and its version on one snapshot, builds the engine and its matrix, packs both. */
export async function buildPacked(db: Db): Promise<PackedCoverage> {
	const started = performance.now();
	const { version, source } = await readSnapshot(db, async (snapshot) => ({
		version: await sourceVersion(snapshot),
		source: await readSource(snapshot)
	}));
	const engine = createCoverageEngine({
		network: source.network,
		facilities: source.facilities,
		residences: source.residences,
		categories: source.categories.map((c) => c.code)
	});
	const matrix = engine.computeMatrix();
	const engineCategories = [...engine.categories];
	const communityCodes = [...new Set(source.residences.map((r) => r.communityCode))];
	const communityIndex = new Map(communityCodes.map((code, i) => [code, i]));
	const { residences, facilities } = source;
	const packed: PackedCoverage = {
		version,
		method: engine.method,
		buildMs: 0,
		categories: source.categories,
		engineCategories,
		facilities: shareAll({
			id: Float64Array.from(facilities, (f) => Number(f.id)),
			category: Int32Array.from(facilities, (f) => engineCategories.indexOf(f.category)),
			lng: Float64Array.from(facilities, (f) => f.point[0]),
			lat: Float64Array.from(facilities, (f) => f.point[1])
		}),
		residences: {
			...shareAll({
				id: Float64Array.from(residences, (r) => Number(r.id)),
				lng: Float64Array.from(residences, (r) => r.point[0]),
				lat: Float64Array.from(residences, (r) => r.point[1]),
				households: Float64Array.from(residences, (r) => r.households ?? 1),
				elderly: Float64Array.from(residences, (r) => r.elderly ?? 0),
				children: Float64Array.from(residences, (r) => r.children ?? 0),
				community: Int32Array.from(residences, (r) => communityIndex.get(r.communityCode)!)
			}),
			communityCodes
		},
		matrix: shareAll(matrix)
	};
	if (engine.method === 'network') {
		const prepared = (engine as unknown as { prepared: PreparedCoverage }).prepared;
		const index = prepared.segments.index as Flatbush & { data: ArrayBuffer };
		const segmentIndex = new SharedArrayBuffer(index.data.byteLength);
		new Uint8Array(segmentIndex).set(new Uint8Array(index.data));
		packed.prepared = {
			network: shareAll(prepared.network),
			segmentIndex,
			segmentVertex: share(prepared.segments.segmentVertex),
			segmentEdge: share(prepared.segments.segmentEdge),
			maxSnapDistanceM: prepared.maxSnapDistanceM,
			facilityCategory: share(prepared.facilityCategory),
			facilitySnap: shareAll(prepared.facilitySnap),
			residenceSnap: shareAll(prepared.residenceSnap),
			facilitiesByEdge: shareAll(prepared.facilitiesByEdge),
			residencesByEdge: shareAll(prepared.residencesByEdge)
		};
	}
	packed.buildMs = Math.round(performance.now() - started);
	return packed;
}

/** What the queries read: the engine, its matrix and the residences as the database has them. */
export interface UnpackedCoverage {
	engine: CoverageEngine;
	matrix: CoverageMatrix;
	facilities: Facility[];
	residences: CoverageResidence[];
}

type EngineFromPrepared = new (prepared: PreparedCoverage) => CoverageEngine;
let networkEngine: EngineFromPrepared | undefined;

/**
 * The network engine around an already prepared coverage. $lib/geo exports only
 * createCoverageEngine, which prepares (indexes and snaps) again; its class is taken from a
 * one-street engine. The swap tests compare this engine's answers with a freshly built one's.
 */
function engineFromPrepared(prepared: PreparedCoverage): CoverageEngine {
	networkEngine ??= Object.getPrototypeOf(
		createCoverageEngine({
			network: [
				[
					[0, 0],
					[0.001, 0]
				]
			],
			facilities: [],
			residences: []
		})
	).constructor as EngineFromPrepared;
	return new networkEngine(prepared);
}

/**
 * Steps of unpacking: a generator that pauses every few thousand objects, so the main thread can
 * unpack a big city between requests (runSliced) instead of in one ~50–100 ms block; runSync does
 * it in one go (workers, scripts).
 */
export type Steps<T> = Generator<void, T, void>;

const sliceSize = 4096;

function* objects<T>(count: number, make: (i: number) => T): Steps<T[]> {
	const out = new Array<T>(count);
	for (let i = 0; i < count; i++) {
		out[i] = make(i);
		if (i % sliceSize === sliceSize - 1) yield;
	}
	return out;
}

export function runSync<T>(steps: Steps<T>): T {
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
	}
}

export async function runSliced<T>(steps: Steps<T>): Promise<T> {
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
		await new Promise((resolve) => setImmediate(resolve));
	}
}

/** Residence indices per community code, and the index of each residence id. */
export function* indexResidences(residences: readonly CoverageResidence[]): Steps<{
	byCommunity: Map<string, number[]>;
	indexById: Map<string, number>;
}> {
	const byCommunity = new Map<string, number[]>();
	const indexById = new Map<string, number>();
	for (let index = 0; index < residences.length; index++) {
		const r = residences[index];
		indexById.set(r.id, index);
		const list = byCommunity.get(r.communityCode);
		if (list) list.push(index);
		else byCommunity.set(r.communityCode, [index]);
		if (index % sliceSize === sliceSize - 1) yield;
	}
	return { byCommunity, indexById };
}

export function* unpack(packed: PackedCoverage): Steps<UnpackedCoverage> {
	const f = packed.facilities;
	const facilities: Facility[] = yield* objects(f.id.length, (i) => ({
		id: String(f.id[i]),
		category: packed.engineCategories[f.category[i]],
		point: [f.lng[i], f.lat[i]]
	}));
	const r = packed.residences;
	const residences: CoverageResidence[] = yield* objects(r.id.length, (i) => ({
		id: String(r.id[i]),
		point: [r.lng[i], r.lat[i]],
		households: r.households[i],
		elderly: r.elderly[i],
		children: r.children[i],
		communityCode: r.communityCodes[r.community[i]]
	}));
	yield;
	const p = packed.prepared;
	const engine = p
		? engineFromPrepared({
				network: p.network,
				segments: {
					network: p.network,
					index: Flatbush.from(p.segmentIndex),
					segmentVertex: p.segmentVertex,
					segmentEdge: p.segmentEdge
				},
				maxSnapDistanceM: p.maxSnapDistanceM,
				facilities,
				residences,
				categories: packed.engineCategories,
				facilityCategory: p.facilityCategory,
				facilitySnap: p.facilitySnap,
				residenceSnap: p.residenceSnap,
				facilitiesByEdge: p.facilitiesByEdge,
				residencesByEdge: p.residencesByEdge
			})
		: estimateCoverageEngine(facilities, residences, { categories: packed.engineCategories });
	return { engine, matrix: packed.matrix, facilities, residences };
}
