import type { Db } from '../db';
import { subject } from '../outbox';
import { deliver, payloadOf, type NoticeSlot } from './deliver';
import { recipientsOf } from './recipients';

/**
 * After an attended appointment: the person (and the carer who booked for them) are asked in the portal to
 * rate it. Only account holders can rate, so guests get nothing, and no text message is sent for the asking.
 */
export async function notifyRatingRequested(
	tx: Db,
	input: { bookingId: number; slot: NoticeSlot; now: number }
): Promise<void> {
	const { forName, bookedByName, recipients } = await recipientsOf(tx, input.bookingId);
	const payload = payloadOf(input.slot, forName, {
		bookingId: input.bookingId,
		code: null,
		bookedByName
	});
	await deliver(tx, {
		kind: 'rating_requested',
		payload,
		recipients: recipients.filter((r) => r.userId !== null),
		about: subject('booking', input.bookingId),
		topic: 'rating_requested',
		now: input.now,
		communityCode: input.slot.point.communityCode,
		sms: false
	});
}

/** A staff answer to a rating reaches the person (and carer) in the portal and by text message. */
export async function notifyRatingReplied(
	tx: Db,
	input: { bookingId: number; ratingId: number; slot: NoticeSlot; reply: string; now: number }
): Promise<void> {
	const { forName, recipients } = await recipientsOf(tx, input.bookingId);
	const payload = payloadOf(input.slot, forName, { bookingId: input.bookingId, code: null });
	await deliver(tx, {
		kind: 'rating_replied',
		payload: { ...payload, reply: input.reply },
		recipients: recipients.filter((r) => r.userId !== null),
		about: subject('rating', input.ratingId),
		topic: `replied:${input.now}`,
		now: input.now,
		communityCode: input.slot.point.communityCode
	});
}
