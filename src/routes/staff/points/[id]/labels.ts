import { m } from '$lib/paraglide/messages';
import type { DayBooking } from '$lib/server/staff/day';

export function channelLabel(channel: DayBooking['channel']): string {
	return {
		online: m.staff_channel_online,
		proxy: m.staff_channel_proxy,
		phone: m.staff_channel_phone,
		desk: m.staff_channel_desk
	}[channel]();
}

export function statusLabel(status: DayBooking['status']): string {
	return {
		booked: m.staff_status_booked,
		attended: m.staff_status_attended,
		no_show: m.staff_status_no_show,
		cancelled: m.staff_status_cancelled
	}[status]();
}
