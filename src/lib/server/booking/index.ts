/**
 * Booking's verbs: slots, bookings, waitlists, closures, capacity, rules, slips and calendar files.
 * Everything outside this folder imports `$lib/server/booking` (or `../booking`), never a file in it.
 *
 * Who may act for whom (access) and a slot with its rules (slot-context) are exported here too: staff
 * and ratings act on bookings, so they depend on booking's surface, and booking depends on neither.
 */
export * as availability from './availability';
export * as bookings from './book';
export * as changes from './cancel';
export * as queries from './queries';
export * as waitlist from './waitlist';
export * as slips from './slip';
export { countBooked, type BookInput, type BookResult } from './book';
export type { BookingView } from './queries';
export type { SlotAvailability } from './availability';
export { setSlotCapacity } from './capacity';
export { addClosure, cancelSlotIn } from './closures';
export { setStatus } from './status';
export { materialiseSlots } from './slots';
export { calendarFile } from './calendar';
export { newBookingCode, normaliseBookingCode } from './code';
export { effectiveCapacity, personLimit } from './rules';
export {
	actor,
	actsForPerson,
	linkedElders,
	slotForStaff,
	staffCovers,
	type Actor
} from './access';
export { loadSlot, type SlotContext } from './slot-context';
export { bookingRequest, cancelRequest, slotRange, waitlistLeaveRequest } from './schemas';
export { refusal } from './responses';
