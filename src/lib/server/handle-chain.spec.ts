import { describe, expect, it } from 'vitest';
import type { Handle, RequestEvent, ResolveOptions } from '@sveltejs/kit';
import { chain } from './handle-chain';

type Resolve = Parameters<Handle>[0]['resolve'];

/** Runs a handle as SvelteKit would, with a final resolve that records what reached it. */
async function run(handle: Handle, event = { id: 'request' } as unknown as RequestEvent) {
	const reached: { event?: RequestEvent; options?: ResolveOptions } = {};
	const resolve: Resolve = async (event, options) => {
		reached.event = event;
		reached.options = options;
		return new Response('page', { headers: { 'x-steps': '' } });
	};
	const response = await handle({ event, resolve });
	return { response, reached };
}

describe('chaining the server hooks', () => {
	it('runs each handle around the next, in order, with the same event object', async () => {
		const steps: string[] = [];
		const step =
			(name: string): Handle =>
			async ({ event, resolve }) => {
				steps.push(`${name} before`);
				const response = await resolve(event);
				steps.push(`${name} after`);
				return response;
			};
		const event = { id: 'one request' } as unknown as RequestEvent;
		const { reached } = await run(chain(step('first'), step('second'), step('third')), event);
		expect(steps).toEqual([
			'first before',
			'second before',
			'third before',
			'third after',
			'second after',
			'first after'
		]);
		expect(reached.event).toBe(event);
	});

	it('stops where a handle answers without resolving', async () => {
		let later = false;
		const refuse: Handle = () => new Response('no', { status: 403 });
		const after: Handle = ({ event, resolve }) => {
			later = true;
			return resolve(event);
		};
		const { response, reached } = await run(chain(refuse, after));
		expect(response.status).toBe(403);
		expect(later).toBe(false);
		expect(reached.event).toBeUndefined();
	});

	it('passes an event a handle replaced on to the next', async () => {
		const replaced = { id: 'replaced' } as unknown as RequestEvent;
		const replace: Handle = ({ resolve }) => resolve(replaced);
		const { reached } = await run(chain(replace, ({ event, resolve }) => resolve(event)));
		expect(reached.event).toBe(replaced);
	});

	it('transforms a page chunk as sequence does: the inner handle first, then the outer', async () => {
		const transform =
			(mark: string): Handle =>
			({ event, resolve }) =>
				resolve(event, { transformPageChunk: ({ html }) => `${html}${mark}` });
		const { reached } = await run(
			chain(transform('[outer]'), ({ event, resolve }) => resolve(event), transform('[inner]'))
		);
		const html = await reached.options!.transformPageChunk!({ html: 'page', done: true });
		expect(html).toBe('page[inner][outer]');
	});

	it("keeps the outer handle's header filter and preload, and a lone option as it is", async () => {
		const outerFilter = () => true;
		const innerFilter = () => false;
		const outer: Handle = ({ event, resolve }) =>
			resolve(event, { filterSerializedResponseHeaders: outerFilter });
		const inner: Handle = ({ event, resolve }) =>
			resolve(event, {
				filterSerializedResponseHeaders: innerFilter,
				preload: ({ type }) => type === 'js'
			});
		const { reached } = await run(chain(outer, inner));
		expect(reached.options!.filterSerializedResponseHeaders).toBe(outerFilter);
		expect(reached.options!.preload!({ type: 'js', path: '/a.js' })).toBe(true);
		const lone = { transformPageChunk: ({ html }: { html: string }) => html };
		const { reached: alone } = await run(chain(({ event, resolve }) => resolve(event, lone)));
		expect(alone.options).toBe(lone);
	});

	it('resolves at once when there is no handle', async () => {
		const { response } = await run(chain());
		expect(await response.text()).toBe('page');
	});
});
