import { describe, expect, it, vi } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { spendPublicBudget } from './index';
import { costlyAtOnce } from '../config';

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A costly API request from its own address (so that no client's own budget is in the way). */
function costly(n: number) {
	return {
		route: { id: '/api/isochrone' },
		locals: { user: null },
		getClientAddress: () => `10.9.0.${n}`
	} as unknown as RequestEvent;
}

describe('the costly public answers of a process', () => {
	it(`are worked on ${costlyAtOnce} at a time, the others when a turn is free`, async () => {
		const resolving: number[] = [];
		const finish: (() => void)[] = [];
		const answers = Array.from({ length: costlyAtOnce + 2 }, (_, n) =>
			spendPublicBudget({
				event: costly(n + 1),
				resolve: () => {
					resolving.push(n);
					return new Promise<Response>((done) => (finish[n] = () => done(new Response('ok'))));
				}
			})
		);
		await settle();
		expect(resolving).toHaveLength(costlyAtOnce);
		finish[0]();
		// the turn is handed over after the I/O already waiting (turns.ts): wait for it
		await vi.waitFor(() => expect(resolving).toHaveLength(costlyAtOnce + 1));
		await settle();
		expect(resolving).toHaveLength(costlyAtOnce + 1);
		for (let n = 1; n < costlyAtOnce + 2; n++) {
			await settle();
			finish[n]?.();
		}
		await settle();
		finish[costlyAtOnce + 1]?.();
		expect((await Promise.all(answers)).map((r) => r.status)).toEqual(
			Array(costlyAtOnce + 2).fill(200)
		);
	});

	it('lets a cheap request through at once', async () => {
		const cheap = {
			route: { id: '/api/communities.geojson' },
			locals: { user: null },
			getClientAddress: () => '10.9.1.1'
		} as unknown as RequestEvent;
		const answer = await spendPublicBudget({
			event: cheap,
			resolve: async () => new Response('ok')
		});
		expect(answer.status).toBe(200);
	});
});
