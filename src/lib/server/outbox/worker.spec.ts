import { afterEach, describe, expect, it, vi } from 'vitest';
import { startOutboxWorker } from './worker';

afterEach(() => {
	vi.useRealTimers();
});

describe('the outbox poller', () => {
	it('sends every interval, skipping ticks while its previous pass is still sending', async () => {
		vi.useFakeTimers();
		let finish = () => {};
		const deliver = vi.fn(() => new Promise<number>((resolve) => (finish = () => resolve(1))));
		startOutboxWorker(deliver, 1000);
		await vi.advanceTimersByTimeAsync(1000);
		expect(deliver).toHaveBeenCalledTimes(1);
		// a slow gateway: two more intervals pass while the first pass is sending
		await vi.advanceTimersByTimeAsync(2000);
		expect(deliver).toHaveBeenCalledTimes(1);
		finish();
		await vi.advanceTimersByTimeAsync(1000);
		expect(deliver).toHaveBeenCalledTimes(2);
	});

	it('keeps polling after a pass fails', async () => {
		vi.useFakeTimers();
		const deliver = vi
			.fn()
			.mockRejectedValueOnce(new Error('database is locked'))
			.mockResolvedValue(0);
		startOutboxWorker(deliver, 1000);
		await vi.advanceTimersByTimeAsync(2000);
		expect(deliver).toHaveBeenCalledTimes(2);
	});
});
