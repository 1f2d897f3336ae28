import { describe, expect, it } from 'vitest';
import { foldEmptySlots } from './fold-slots';

const slot = (id: number, extra: { cancelled?: boolean; waiting?: number } = {}) => ({
	id,
	cancelled: false,
	waiting: 0,
	...extra
});

describe('the day list folds the slots nobody booked', () => {
	const booked = new Map([
		[3, 2],
		[7, 1]
	]);
	const people = (id: number) => booked.get(id) ?? 0;

	it('folds runs of two or more empty slots and keeps booked, cancelled and waited-for ones', () => {
		const slots = [1, 2, 3, 4, 5, 6, 7, 8].map((id) =>
			slot(id, { cancelled: id === 5, waiting: id === 8 ? 1 : 0 })
		);
		const entries = foldEmptySlots(slots, people);
		expect(entries.map((e) => (e.kind === 'empty' ? e.slots.map((s) => s.id) : e.slot.id))).toEqual(
			[[1, 2], 3, 4, 5, 6, 7, 8]
		);
	});

	it('leaves a single empty slot as it is, and folds a whole empty day into one', () => {
		expect(foldEmptySlots([slot(1), slot(3)], people).map((e) => e.kind)).toEqual(['slot', 'slot']);
		const empty = foldEmptySlots(
			[10, 11, 12].map((id) => slot(id)),
			people
		);
		expect(empty).toHaveLength(1);
		expect(empty[0]).toMatchObject({ kind: 'empty' });
	});
});
