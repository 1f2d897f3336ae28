import type { Accepted, AskerRequest, Contact, Offer } from '$lib/server/volunteers';

/** A contact as the API gives it: the masked number to show and the `tel:` link to call. */
const contactJson = (c: Contact | null) =>
	c ? { name: c.name, maskedPhone: c.maskedPhone, callUrl: `tel:${c.phone}` } : null;

const iso = (ms: number) => new Date(ms).toISOString();

export function askedJson(r: AskerRequest) {
	return {
		id: r.id,
		item: r.item,
		startsAt: iso(r.startsAt),
		endsAt: iso(r.endsAt),
		status: r.status,
		note: r.note,
		forName: r.forName,
		forSelf: r.forSelf,
		volunteer: contactJson(r.volunteer),
		canConfirm: r.canConfirm
	};
}

/** Offered, not yet accepted: no name, no address — the community and the walk. */
export function offerJson(o: Offer) {
	return {
		id: o.id,
		item: o.item,
		startsAt: iso(o.startsAt),
		endsAt: iso(o.endsAt),
		communityName: o.communityName,
		walkingMinutes: Math.ceil(o.walkingMinutes)
	};
}

export function acceptedJson(a: Accepted) {
	return {
		id: a.id,
		item: a.item,
		startsAt: iso(a.startsAt),
		endsAt: iso(a.endsAt),
		status: a.status,
		note: a.note,
		elder: contactJson(a.elder),
		walkingMinutes: Math.ceil(a.walkingMinutes),
		address: a.address
	};
}
