/**
 * The coverage matrix on worker threads: its columns (one multi-source search per category) are
 * independent, so each worker takes the next category, searches the shared graph and writes the
 * column into the shared matrix. Everything a worker reads or writes lives in SharedArrayBuffers,
 * copied there once; nothing is copied per category. The result equals computeNetworkMatrix's
 * (coverage-threads.spec.ts).
 */
import { Worker } from 'node:worker_threads';
import {
	emptyMatrix,
	facilitiesPerCategory,
	type CoverageMatrix,
	type MatrixInput
} from '../src/lib/geo/matrix';

export type WorkerRequest =
	| { type: 'input'; input: MatrixInput; matrix: SharedMatrixColumns }
	| { type: 'category'; category: number; facilities: number[]; cutoffM: number };
export type WorkerReply = { type: 'done'; category: number; ms: number };

export type SharedMatrixColumns = Pick<
	CoverageMatrix,
	'nearestFacility' | 'nearestDistanceM' | 'secondFacility' | 'secondDistanceM'
>;

type Typed = Int32Array | Float64Array | Uint8Array;

/** A copy of `array` in shared memory (the same type and contents). */
export function shared<T extends Typed>(array: T): T {
	const Type = array.constructor as new (buffer: SharedArrayBuffer) => T;
	const copy = new Type(new SharedArrayBuffer(array.byteLength));
	copy.set(array as never);
	return copy;
}

function sharedFilled<T extends Int32Array | Float64Array>(array: T, value: number): T {
	array.fill(value);
	return array;
}

/** The matrix input with every array in shared memory (only what the workers read). */
export function sharedInput(input: MatrixInput): MatrixInput {
	const { network } = input;
	return {
		categories: input.categories,
		network: {
			nodeCount: network.nodeCount,
			edgeFrom: shared(network.edgeFrom),
			edgeTo: shared(network.edgeTo),
			edgeLengthM: shared(network.edgeLengthM),
			adjacencyStart: shared(network.adjacencyStart),
			adjacencyTarget: shared(network.adjacencyTarget),
			adjacencyWeightM: shared(network.adjacencyWeightM)
		},
		facilityCategory: shared(input.facilityCategory),
		facilitySnap: {
			edge: shared(input.facilitySnap.edge),
			alongM: shared(input.facilitySnap.alongM),
			offNetworkM: shared(input.facilitySnap.offNetworkM)
		},
		residenceSnap: {
			edge: shared(input.residenceSnap.edge),
			alongM: shared(input.residenceSnap.alongM),
			offNetworkM: shared(input.residenceSnap.offNetworkM)
		},
		facilitiesByEdge: {
			start: shared(input.facilitiesByEdge.start),
			items: shared(input.facilitiesByEdge.items)
		}
	};
}

/** A pool of `size` workers running `workerUrl` (coverage-worker.js, or .ts under tsx). */
export class MatrixThreads {
	private readonly workers: Worker[];
	private failure: Error | null = null;

	constructor(workerUrl: URL, size: number) {
		// the TypeScript source (under tsx, in development) is loaded through tsx's loader
		const typescript = workerUrl.pathname.endsWith('.ts');
		const source = typescript
			? `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(workerUrl.href)}); });`
			: workerUrl;
		this.workers = Array.from({ length: size }, () => {
			const worker = new Worker(source, { eval: typescript });
			worker.on('error', (error) => (this.failure ??= error));
			return worker;
		});
	}

	get size(): number {
		return this.workers.length;
	}

	/**
	 * computeNetworkMatrix on the workers; per-category times are added to `laps`. At most one
	 * worker per category is used.
	 */
	async computeMatrix(
		input: MatrixInput,
		cutoffM: number,
		laps: string[] = []
	): Promise<CoverageMatrix> {
		const categoryCount = input.categories.length;
		// the matrix's columns live in shared memory from the start: the workers write them in place
		const empty = emptyMatrix('network', input.categories, 0, cutoffM);
		const size = input.residenceSnap.edge.length * categoryCount;
		const matrix: CoverageMatrix = {
			...empty,
			residenceCount: input.residenceSnap.edge.length,
			residenceReachable: Uint8Array.from(input.residenceSnap.edge, (edge) => (edge >= 0 ? 1 : 0)),
			nearestFacility: sharedFilled(new Int32Array(new SharedArrayBuffer(4 * size)), -1),
			nearestDistanceM: sharedFilled(new Float64Array(new SharedArrayBuffer(8 * size)), Infinity),
			secondFacility: sharedFilled(new Int32Array(new SharedArrayBuffer(4 * size)), -1),
			secondDistanceM: sharedFilled(new Float64Array(new SharedArrayBuffer(8 * size)), Infinity)
		};
		const columns: SharedMatrixColumns = {
			nearestFacility: matrix.nearestFacility,
			nearestDistanceM: matrix.nearestDistanceM,
			secondFacility: matrix.secondFacility,
			secondDistanceM: matrix.secondDistanceM
		};
		const perCategory = facilitiesPerCategory(input);
		const sharedData = sharedInput(input);
		const used = this.workers.slice(0, Math.max(1, Math.min(this.workers.length, categoryCount)));
		const times: number[] = new Array(categoryCount).fill(0);
		let next = 0;
		await Promise.all(
			used.map(
				(worker) =>
					new Promise<void>((resolve, reject) => {
						const give = () => {
							if (next >= categoryCount) {
								worker.off('message', onMessage);
								worker.off('error', reject);
								resolve();
								return;
							}
							const category = next++;
							const request: WorkerRequest = {
								type: 'category',
								category,
								facilities: perCategory[category],
								cutoffM
							};
							worker.postMessage(request);
						};
						const onMessage = (reply: WorkerReply) => {
							times[reply.category] = reply.ms;
							give();
						};
						worker.on('message', onMessage);
						worker.on('error', reject);
						if (this.failure) reject(this.failure);
						const setup: WorkerRequest = { type: 'input', input: sharedData, matrix: columns };
						worker.postMessage(setup);
						give();
					})
			)
		);
		laps.push(`per category ${times.map((ms) => Math.round(ms)).join('/')} ms`);
		return matrix;
	}

	async close(): Promise<void> {
		await Promise.all(this.workers.map((worker) => worker.terminate()));
	}
}
