import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { m } from '$lib/paraglide/messages';
import { localDate } from '$lib/time';
import { certificateOf, hoursOf } from '$lib/server/volunteers';

/** The printable certificate of my hours in one year (A4; 404 for a year without services). */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const year = /^(20\d\d)$/.test(event.params.year) ? Number(event.params.year) : null;
	if (year === null) error(404, { code: 'not_found', message: m.error_not_found() });
	const certificate = await certificateOf(event.locals.db, user.id, year);
	if (!certificate)
		error(404, { code: 'not_found', message: m.volunteer_certificate_none({ year }) });
	return {
		certificate: {
			...certificate,
			hours: hoursOf(certificate.minutes),
			items: certificate.items.map((i) => ({ ...i, hours: hoursOf(i.minutes) }))
		},
		issuedOn: localDate(Date.now())
	};
};
