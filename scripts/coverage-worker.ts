/**
 * A worker thread of the coverage CLI (see coverage-threads.ts): receives the shared matrix input
 * once, then fills the matrix column of each category it is given.
 */
import { parentPort } from 'node:worker_threads';
import { NearestTwoSearch } from '../src/lib/geo/dijkstra';
import { fillCategoryColumn, type MatrixInput } from '../src/lib/geo/matrix';
import type { SharedMatrixColumns, WorkerReply, WorkerRequest } from './coverage-threads';

let input: MatrixInput | null = null;
let columns: SharedMatrixColumns | null = null;
let search: NearestTwoSearch | null = null;

parentPort!.on('message', (request: WorkerRequest) => {
	if (request.type === 'input') {
		input = request.input;
		columns = request.matrix;
		search = new NearestTwoSearch(input.network);
		return;
	}
	const started = performance.now();
	fillCategoryColumn(
		input!,
		request.category,
		request.facilities,
		request.cutoffM,
		search!,
		columns!
	);
	const reply: WorkerReply = {
		type: 'done',
		category: request.category,
		ms: performance.now() - started
	};
	parentPort!.postMessage(reply);
});
