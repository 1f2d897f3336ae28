import { createEvent } from 'ics';
import type { BookingView } from './queries';

export interface CalendarText {
	title: string;
	description: string;
}

/** An iCalendar file for one booking, with an alarm 2 hours before; times in UTC (calendars convert). */
export function calendarFile(view: BookingView, text: CalendarText): string {
	const { error, value } = createEvent({
		uid: `booking-${view.id}@lifecircle`,
		productId: 'lifecircle/booking',
		start: view.startsAt,
		startInputType: 'utc',
		startOutputType: 'utc',
		end: view.endsAt,
		endInputType: 'utc',
		endOutputType: 'utc',
		title: text.title,
		description: text.description,
		location: `${view.servicePoint.name}, ${view.servicePoint.address}`,
		geo: { lat: view.servicePoint.lat, lon: view.servicePoint.lng },
		status: view.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
		busyStatus: 'BUSY',
		alarms: [{ action: 'display', description: text.title, trigger: { hours: 2, before: true } }]
	});
	if (error || !value) throw error ?? new Error('calendar file not created');
	return value;
}
