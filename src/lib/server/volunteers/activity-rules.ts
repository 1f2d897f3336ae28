/**
 * The rules of a station's group activities (志愿活动), pure so they are tested apart from the
 * database: who may sign up, when, and how many. The same capacity rule as a booking slot: the
 * places taken are a counter kept in the transaction that adds or cancels a sign-up, and a sign-up
 * is refused when no place is left.
 */

/** Minutes an activity counts as service when attended: its length, at most one day's record. */
export const maxServiceMinutes = 1440;

export interface ActivityState {
	startsAt: number;
	endsAt: number;
	capacity: number;
	signedUpCount: number;
	cancelled: boolean;
}

export type SignUpRefusal = 'cancelled' | 'started' | 'full';

/** Why a volunteer cannot take a place now, or null when a place is free. */
export function signUpRefusal(activity: ActivityState, now: number): SignUpRefusal | null {
	if (activity.cancelled) return 'cancelled';
	if (activity.startsAt <= now) return 'started';
	if (placesLeft(activity) < 1) return 'full';
	return null;
}

export function placesLeft(activity: Pick<ActivityState, 'capacity' | 'signedUpCount'>): number {
	return Math.max(0, activity.capacity - activity.signedUpCount);
}

/** A sign-up can be given back until the activity starts (the place then goes to someone else). */
export function canCancelSignUp(activity: ActivityState, now: number): boolean {
	return !activity.cancelled && activity.startsAt > now;
}

/** Attendance is recorded once the activity has started (not for one still to come). */
export function canRecordAttendance(activity: ActivityState, now: number): boolean {
	return !activity.cancelled && activity.startsAt <= now;
}

/** The service minutes an attended activity gives: its length, bounded to one day's record. */
export function serviceMinutesOf(activity: Pick<ActivityState, 'startsAt' | 'endsAt'>): number {
	const minutes = Math.round((activity.endsAt - activity.startsAt) / 60_000);
	return Math.min(maxServiceMinutes, Math.max(1, minutes));
}
