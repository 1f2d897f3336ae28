import type { Db } from '../db';
import { createCoverageEngine, type CoverageEngine, type CoverageMatrix } from '$lib/geo';
import { readSource, sourceVersion, type CoverageSource } from './source';
import { log } from '../log';

export interface CoverageState {
	version: string;
	engine: CoverageEngine;
	matrix: CoverageMatrix;
	source: CoverageSource;
	tierMinutesByCategory: Record<string, number>;
	residenceIndexById: Map<string, number>;
	/** residence indices per community code */
	residencesByCommunity: Map<string, number[]>;
}

let current: CoverageState | undefined;

function build(db: Db, version: string): CoverageState {
	const started = performance.now();
	const source = readSource(db);
	const engine = createCoverageEngine({
		network: source.network,
		facilities: source.facilities,
		residences: source.residences,
		categories: source.categories.map((c) => c.code)
	});
	const matrix = engine.computeMatrix();
	const residencesByCommunity = new Map<string, number[]>();
	source.residences.forEach((r, index) => {
		const list = residencesByCommunity.get(r.communityCode);
		if (list) list.push(index);
		else residencesByCommunity.set(r.communityCode, [index]);
	});
	log.info('coverage engine built', {
		method: engine.method,
		edges: source.network.length,
		facilities: source.facilities.length,
		residences: source.residences.length,
		ms: Math.round(performance.now() - started)
	});
	return {
		version,
		engine,
		matrix,
		source,
		tierMinutesByCategory: Object.fromEntries(
			source.categories.map((c) => [c.code, c.tierMinutes])
		),
		residenceIndexById: new Map(source.residences.map((r, index) => [r.id, index])),
		residencesByCommunity
	};
}

/**
 * The engine for the database as it is now: built once, cached per process, and rebuilt when
 * service points, residences, categories or the network change (checked by a cheap fingerprint).
 */
export function coverageState(db: Db): CoverageState {
	const version = sourceVersion(db);
	if (current?.version !== version) current = build(db, version);
	return current;
}

/**
 * The fingerprint of everything the engine and the public map layers are computed from: answers
 * cached under one version (ETags, answer-cache.ts) are valid until it changes.
 */
export function dataVersion(db: Db): string {
	return sourceVersion(db);
}
