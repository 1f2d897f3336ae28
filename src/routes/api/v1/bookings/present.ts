import type { BookingView } from '$lib/server/booking';

/** A booking as the JSON API shows it: times as ISO instants, no one's phone number. */
export function present(b: BookingView) {
	return {
		id: b.id,
		code: b.code,
		status: b.status,
		channel: b.channel,
		slotId: b.slotId,
		startsAt: new Date(b.startsAt).toISOString(),
		endsAt: new Date(b.endsAt).toISOString(),
		forUserId: b.forUserId,
		forName: b.forName,
		cancellable: b.cancellable,
		servicePoint: {
			id: b.servicePoint.id,
			name: b.servicePoint.name,
			address: b.servicePoint.address,
			phone: b.servicePoint.phone
		}
	};
}
