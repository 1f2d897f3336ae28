import { describe, expect, it } from 'vitest';
import { Turns } from './turns';

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('turns for the costly answers', () => {
	it('lets at most `atOnce` work at a time, the others in order of arrival', async () => {
		const turns = new Turns(2);
		const started: number[] = [];
		const ends: (() => void)[] = [];
		const work = Array.from({ length: 5 }, (_, i) =>
			turns.take().then((end) => {
				started.push(i);
				ends[i] = end;
			})
		);
		await settle();
		expect(started).toEqual([0, 1]);
		expect([turns.working, turns.waiting]).toEqual([2, 3]);
		ends[1]();
		await settle();
		expect(started).toEqual([0, 1, 2]);
		// ending twice gives no extra turn
		ends[1]();
		await settle();
		expect(started).toEqual([0, 1, 2]);
		ends[0]();
		ends[2]();
		await settle();
		expect(started).toEqual([0, 1, 2, 3, 4]);
		ends[3]();
		ends[4]();
		await Promise.all(work);
		// given back a pass of the event loop later
		expect(turns.working).toBe(2);
		await settle();
		expect([turns.working, turns.waiting]).toEqual([0, 0]);
	});

	it('hands a turn over only after what was already waiting on the event loop', async () => {
		const turns = new Turns(1);
		const order: string[] = [];
		const end = await turns.take();
		const next = turns.take().then((end) => {
			order.push('next costly answer');
			end();
		});
		await settle();
		// a cheap request's socket event, ready before the turn ends
		setImmediate(() => order.push('cheap request'));
		end();
		await next;
		expect(order).toEqual(['cheap request', 'next costly answer']);
	});

	it('renders at most `atOnce` answers in one pass of the event loop, however short each is', async () => {
		// the server starts each request in a setImmediate of its own: requests read in one poll
		// begin in one pass of the loop, and a warm render runs from start to end inside it
		const turns = new Turns(1);
		const order: string[] = [];
		const request = (name: string) =>
			new Promise<void>((done) =>
				setImmediate(async () => {
					const end = await turns.take();
					order.push(name);
					// a cheap request (/healthz) read while this one rendered
					if (name === 'first') setImmediate(() => order.push('cheap request'));
					end();
					done();
				})
			);
		await Promise.all([request('first'), request('second'), request('third')]);
		expect(order).toEqual(['first', 'cheap request', 'second', 'third']);
	});

	it('never has more working than allowed under a random load', async () => {
		const turns = new Turns(3);
		let working = 0;
		let most = 0;
		await Promise.all(
			Array.from({ length: 200 }, async (_, i) => {
				const end = await turns.take();
				working++;
				most = Math.max(most, working);
				for (let k = 0; k < i % 4; k++) await settle();
				working--;
				end();
			})
		);
		await settle();
		expect(most).toBe(3);
		expect([turns.working, turns.waiting]).toEqual([0, 0]);
	});
});
