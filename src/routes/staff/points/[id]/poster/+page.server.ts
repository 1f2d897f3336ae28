import QRCode from 'qrcode';
import type { PageServerLoad } from './$types';
import * as servicePoints from '$lib/server/directory/service-points';
import { staffPoint } from '../../../point-access';

/**
 * The A4 poster for a service point's door: its name, hours and phone, and a QR code of its public
 * page (opening hours, booking, directions). For staff of its community and administrators.
 */
export const load: PageServerLoad = async (event) => {
	const { id } = await staffPoint(event);
	const point = (await servicePoints.get(event.locals.db, id))!;
	// the public origin (ORIGIN behind a proxy): the code is scanned from outside
	const url = `${event.url.origin}/service-points/${id}`;
	const qrSvg = await QRCode.toString(url, {
		type: 'svg',
		margin: 2,
		// printed and taped to a door: survives a scratch or a crease
		errorCorrectionLevel: 'Q'
	});
	return {
		point: {
			id,
			name: point.name,
			address: point.address,
			phone: point.phone,
			openingText: point.openingText,
			category: { nameZh: point.category.nameZh, nameEn: point.category.nameEn }
		},
		url,
		qrSvg
	};
};
