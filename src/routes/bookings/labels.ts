import { m } from '$lib/paraglide/messages';

export type BookingStatus = 'booked' | 'cancelled' | 'attended' | 'no_show';

export function statusLabel(status: BookingStatus): string {
	return {
		booked: m.booking_status_booked,
		cancelled: m.booking_status_cancelled,
		attended: m.booking_status_attended,
		no_show: m.booking_status_no_show
	}[status]();
}
