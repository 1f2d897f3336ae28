// The engine's life cycle in the server: built in a worker thread, swapped when ready, rebuilt in
// the background after a change while the old engine answers (engine.ts, build-worker.ts).
import { afterAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { PackedCoverage } from './packed';
import type { CoverageBuilder } from './engine';

const now = Date.parse('2026-11-26T02:00:00Z');
const { databaseUrlOf, openDatabase, transaction } = await import('../db');
const { openDemoDatabase } = await import('../testing/demo-database');
const { servicePoint } = await import('../db/schema');
const engine = await import('./engine');
const { buildPacked } = await import('./packed');
const { residenceCoverage } = await import('./queries');
const { lifeCircle } = await import('./life-circle');
const { needsEngine } = await import('./wait');
const { healthReport } = await import('../health');

// one connection as the server has it, one for the test's own in-thread comparisons
const { db } = await openDemoDatabase(now, 'engine');
const reference = openDatabase(databaseUrlOf(db)!);

afterAll(() => engine.stopCoverageEngine(db));

/** A builder whose builds finish only when the test says so (each build is the real worker's). */
function gatedBuilder() {
	const gates: { release: () => void; started: Promise<void> }[] = [];
	let started = 0;
	const waiting: (() => void)[] = [];
	const builder: CoverageBuilder = async (target) => {
		const built = await engine.buildInWorker(target);
		let release!: () => void;
		const gate = new Promise<void>((resolve) => (release = resolve));
		gates.push({ release, started: Promise.resolve() });
		started++;
		waiting.splice(0).forEach((wake) => wake());
		await gate;
		return built;
	};
	return {
		builder,
		/** resolves once `count` builds have produced their engine (and wait at the gate) */
		async builtCount(count: number) {
			while (started < count) await new Promise<void>((resolve) => waiting.push(resolve));
		},
		release(index: number) {
			gates[index].release();
		},
		get started() {
			return started;
		}
	};
}

/** A change to the data, as an administrator's edit makes it (bumps the version). */
const edit = (id: number, change: { active?: boolean; name?: string }) =>
	transaction(db, (tx) =>
		tx
			.update(servicePoint)
			.set({ ...change, updatedAt: new Date() })
			.where(eq(servicePoint.id, id))
	);

const mealOf = async (target: typeof db, residenceId: number) =>
	(await residenceCoverage(target, residenceId, 1.2))!.categories.find(
		(c) => c.category === 'meal'
	)!;

describe('the engine built in a worker', () => {
	it('answers exactly as the engine built in-thread', async () => {
		const packed = await engine.buildInWorker(db);
		const local = await buildPacked(reference);
		expect(packed.version).toBe(local.version);
		expect(packed.method).toBe('network');
		expect(packed.matrix.nearestFacility.buffer).toBeInstanceOf(SharedArrayBuffer);
		expect(Array.from(packed.matrix.nearestDistanceM)).toEqual(
			Array.from(local.matrix.nearestDistanceM)
		);
		expect(Array.from(packed.matrix.secondFacility)).toEqual(
			Array.from(local.matrix.secondFacility)
		);
		// the engine made from the shared arrays answers point queries as a fresh one does
		engine.startCoverageEngine(db, async () => packed);
		const state = await engine.coverageReady(db);
		const fresh = await engine.coverageState(reference);
		const home = fresh.source.residences[7].point;
		expect(state.engine.nearestFromPoint(home, { limit: 3 })).toEqual(
			fresh.engine.nearestFromPoint(home, { limit: 3 })
		);
		expect(state.engine.isochrones(home, { minutes: [5, 15] })).toEqual(
			fresh.engine.isochrones(home, { minutes: [5, 15] })
		);
		const point = fresh.source.residences[40].point;
		const hypothetical = { id: 'x', category: 'meal', point };
		expect(state.engine.whatIf(state.matrix, hypothetical)).toEqual(
			fresh.engine.whatIf(fresh.matrix, hypothetical)
		);
		expect(await lifeCircle(db, home, 1.2, now)).toEqual(
			await lifeCircle(reference, home, 1.2, now)
		);
		engine.stopCoverageEngine(db);
	});

	it('answers from the old data during a rebuild, from the new after it; quick changes coalesce', async () => {
		const gate = gatedBuilder();
		engine.startCoverageEngine(db, gate.builder);
		await gate.builtCount(1);
		gate.release(0);
		const first = await engine.coverageReady(db);
		const before = await mealOf(db, 1);

		// a change: the next read starts a rebuild and still answers from the old engine
		await edit(before.nearestId!, { active: false });
		expect(await mealOf(db, 1)).toEqual(before);
		await gate.builtCount(2);
		expect(engine.engineStatus(db)).toMatchObject({ building: true, version: first.version });
		expect(await mealOf(db, 1)).toEqual(before);

		// two more changes while that build runs: one more build afterwards, of the newest data
		const second = await mealOf(reference, 1);
		await edit(second.nearestId!, { active: false });
		expect(await mealOf(db, 1)).toEqual(before);
		await edit(3, { name: '改名' });
		expect(gate.started).toBe(2);

		gate.release(1);
		await gate.builtCount(3);
		// the second build is in: it saw the first change (and maybe more), never less
		const middle = await engine.coverageState(db);
		expect(engine.isNewer(middle.version, first.version)).toBe(true);
		expect((await mealOf(db, 1)).nearestId).not.toBe(before.nearestId);
		gate.release(2);
		const settled = (await engine.coverageSettled(db))!;
		expect(settled.version).toBe(await engine.dataVersion(db));
		expect(await mealOf(db, 1)).toEqual(await mealOf(reference, 1));
		// three builds for the three changes' two rounds: none twice of the same version
		expect(gate.started).toBe(3);
		engine.stopCoverageEngine(db);
	});

	it('keeps the old engine when a rebuild fails, and shows the failure in /healthz', async () => {
		let fail = false;
		engine.startCoverageEngine(db, async (target) => {
			if (fail)
				throw new Error("ENOENT: no such file or directory, open '/srv/lifecircle/worker.js'");
			return engine.buildInWorker(target);
		});
		const good = await engine.coverageReady(db);
		fail = true;
		await edit(3, { name: '再改名' });
		const after = await engine.coverageSettled(db);
		expect(after).toBe(good);
		expect(await mealOf(db, 1)).toEqual((await residenceCoverage(db, 1, 1.2))!.categories[0]);
		const health = await healthReport(db);
		expect(health.status).toBe('ok');
		expect(health.engine).toMatchObject({
			ready: true,
			version: good.version,
			failures: 1,
			lastError: { version: await engine.dataVersion(db) }
		});
		// /healthz is public: the message (here a path) is only in the log and engineStatus
		expect(JSON.stringify(health)).not.toContain('/srv/lifecircle');
		expect(engine.engineStatus(db).lastError?.message).toContain('/srv/lifecircle');
		// the failed version is not retried in a loop; the next change builds again
		fail = false;
		expect(engine.engineStatus(db).building).toBe(false);
		await edit(3, { name: '三改名' });
		expect((await engine.coverageSettled(db))!.version).toBe(await engine.dataVersion(db));
		engine.stopCoverageEngine(db);
	});

	it('never swaps in an engine older than the current one', async () => {
		const old: PackedCoverage = await buildPacked(reference);
		await edit(3, { name: '四改名' });
		const newer = await buildPacked(reference);
		const results = [newer, old];
		engine.startCoverageEngine(db, async () => results.shift() ?? newer);
		const first = await engine.coverageReady(db);
		expect(first.version).toBe(newer.version);
		// a build that comes back with older data (here: forced) is discarded
		await edit(3, { name: '五改名' });
		await engine.coverageSettled(db);
		expect((await engine.coverageState(db)).version).toBe(newer.version);
		engine.stopCoverageEngine(db);
	});

	it('makes requests to engine routes wait for the first engine, and no other', async () => {
		const gate = gatedBuilder();
		engine.startCoverageEngine(db, gate.builder);
		const { waitForCoverage } = await import('./wait');
		let resolved = 0;
		const event = (id: string) =>
			({ route: { id }, locals: { db } }) as unknown as Parameters<
				typeof waitForCoverage
			>[0]['event'];
		const resolve = async () => {
			resolved++;
			return new Response('ok');
		};
		const healthz = waitForCoverage({ event: event('/healthz'), resolve });
		const map = waitForCoverage({ event: event('/map'), resolve });
		await healthz;
		expect(resolved).toBe(1);
		await gate.builtCount(1);
		expect(resolved).toBe(1);
		gate.release(0);
		await map;
		expect(resolved).toBe(2);
		expect(engine.engineStatus(db).ready).toBe(true);
		engine.stopCoverageEngine(db);
	});

	it('knows which routes need the engine', () => {
		const waiting = ['/map', '/admin/what-if', '/api/isochrone'];
		const not = ['/healthz', '/login', '/service-points/[id]', '/mapping', null];
		expect([...waiting, ...not].map(needsEngine)).toEqual([
			...waiting.map(() => true),
			...not.map(() => false)
		]);
	});
});
