/** A day list entry: a slot with people (or alone), or a run of consecutive slots nobody booked. */
export type DayEntry<S> = { kind: 'slot'; slot: S } | { kind: 'empty'; slots: S[] };

interface FoldableSlot {
	id: number;
	cancelled: boolean;
	waiting: number;
}

/**
 * Folds runs of two or more consecutive empty slots (not cancelled, nobody booked or waiting), so
 * a clinic day of 15-minute slots reads as the people who come, not as a page of empty cards.
 */
export function foldEmptySlots<S extends FoldableSlot>(
	slots: readonly S[],
	activeBookings: (slotId: number) => number
): DayEntry<S>[] {
	const entries: DayEntry<S>[] = [];
	let run: S[] = [];
	const flush = () => {
		if (run.length >= 2) entries.push({ kind: 'empty', slots: run });
		else for (const slot of run) entries.push({ kind: 'slot', slot });
		run = [];
	};
	for (const slot of slots) {
		if (!slot.cancelled && slot.waiting === 0 && activeBookings(slot.id) === 0) {
			run.push(slot);
			continue;
		}
		flush();
		entries.push({ kind: 'slot', slot });
	}
	flush();
	return entries;
}
