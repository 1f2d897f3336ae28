import { m } from '$lib/paraglide/messages';
import { formatWhen } from '$lib/time-format';
import type { Locale } from '$lib/paraglide/runtime';
import { itemName } from '$lib/volunteer-text';

/**
 * What a booking notification says, in the reader's language and in the second person: the text
 * message and the portal's notification centre use the same words (the portal without the sender
 * tag). Pure: the server sends it, the notifications page renders it.
 */

export type NoticeKind =
	| 'booking_confirmed'
	| 'booking_reminder'
	| 'waitlist_promoted'
	| 'booking_cancelled_by_staff'
	| 'booking_cancelled_closure'
	| 'booking_cancelled_by_family'
	| 'waitlist_cleared'
	| 'rating_requested'
	| 'rating_replied'
	| 'notice_published'
	| 'need_updated'
	| 'help_offered'
	| 'help_accepted'
	| 'help_escalated'
	| 'help_done'
	| 'help_cancelled';

/**
 * Who reads the notice, which decides who "您" is and who is named as having done it:
 * - `self`: the person, who booked for themself;
 * - `family`: the person, booked for by a linked carer (named: "您的家人张丽为您预约了…");
 * - `staff`: the person, booked for by community staff on the phone or at the desk;
 * - `carer`: the carer who booked for the person (named: "您已为李秀兰预约…").
 */
export type NoticeAudience = 'self' | 'family' | 'staff' | 'carer';

/** What a notification row carries; the text is made when it is read, in the reader's language. */
export interface NoticePayload {
	bookingId: number | null;
	slotId: number;
	code: string | null;
	servicePointId: number;
	servicePointName: string;
	phone: string;
	startsAt: number;
	endsAt: number;
	/** the person the booking is for */
	forName: string;
	reason?: string;
	before?: '24h' | '2h';
	/** a staff answer to the person's rating */
	reply?: string;
	/** absent on notices stored before the wording named who did what (read in the third person) */
	audience?: NoticeAudience;
	/** the carer who booked, for the `family` and `carer` audiences */
	bookedByName?: string;
	/** booking_cancelled_by_family: who cancelled (a carer, or the person themself) and their name */
	cancelledBy?: 'carer' | 'person';
	cancelledByName?: string;
	/** notice_published: the 通知公告 (its title only; the page shows the body) and the reader's community */
	noticeId?: number;
	title?: string;
	communityCode?: string;
	/** need_updated: the need, its new status and an excerpt of its text (reply: the answer) */
	needId?: number;
	needStatus?: string;
	needText?: string;
	/** help_*: the help request, its item (a volunteerItems code) and who is helping or asked */
	helpRequestId?: number;
	item?: string;
	volunteerName?: string;
}

/** "您已预约" / "您的家人张丽为您预约了" / "您已为李秀兰预约": who booked, for whom. */
function actor(p: NoticePayload, audience: NoticeAudience, o: { locale: Locale }): string {
	const by = p.bookedByName ?? '';
	switch (audience) {
		case 'self':
			return m.notice_actor_self({}, o);
		case 'family':
			return m.notice_actor_family({ by }, o);
		case 'staff':
			return m.notice_actor_staff({}, o);
		case 'carer':
			return m.notice_actor_carer({ name: p.forName }, o);
	}
}

/** "您预约的" / "您的家人张丽为您预约的" / "您为李秀兰预约的": whose booking it is. */
function whose(p: NoticePayload, audience: NoticeAudience, o: { locale: Locale }): string {
	const by = p.bookedByName ?? '';
	switch (audience) {
		case 'self':
			return m.notice_whose_self({}, o);
		case 'family':
			return m.notice_whose_family({ by }, o);
		case 'staff':
			return m.notice_whose_staff({}, o);
		case 'carer':
			return m.notice_whose_carer({ name: p.forName }, o);
	}
}

/** The text message (and, without its sender tag, the portal's notice) for one reader. */
export function noticeText(kind: NoticeKind, p: NoticePayload, locale: Locale): string {
	const o = { locale };
	// a community notice is about no booking: it has no time or service point
	if (kind === 'notice_published') return m.notices_sms({ title: p.title ?? '' }, o);
	if (kind === 'need_updated') return needText(p, o);
	if (isHelpKind(kind)) return helpText(kind, p, locale);
	const time = formatWhen(p.startsAt, locale);
	const point = p.servicePointName;
	const code = p.code ?? '';
	const reason = p.reason ?? '';
	if (p.audience) {
		const a = p.audience;
		switch (kind) {
			case 'booking_confirmed':
				return m.sms_to_booking_confirmed({ actor: actor(p, a, o), point, time, code }, o);
			case 'booking_reminder':
				return m.sms_to_booking_reminder({ whose: whose(p, a, o), point, time, code }, o);
			case 'waitlist_promoted':
				return m.sms_to_waitlist_promoted({ whose: whose(p, a, o), point, time, code }, o);
			case 'booking_cancelled_by_staff':
				return m.sms_to_booking_cancelled_by_staff(
					{ whose: whose(p, a, o), point, time, reason, phone: p.phone },
					o
				);
			case 'booking_cancelled_closure':
				return m.sms_to_booking_cancelled_closure(
					{ whose: whose(p, a, o), point, time, reason, phone: p.phone },
					o
				);
			case 'rating_requested':
				return m.sms_to_rating_requested({ whose: whose(p, a, o), point, time }, o);
			case 'booking_cancelled_by_family':
				return cancelledByFamily(p, a, { point, time }, o);
			case 'waitlist_cleared':
			case 'rating_replied':
				break;
		}
	}
	const args = { point, time, name: p.forName };
	switch (kind) {
		case 'booking_confirmed':
			return m.sms_booking_confirmed({ ...args, code }, o);
		case 'booking_reminder':
			return m.sms_booking_reminder({ ...args, code }, o);
		case 'waitlist_promoted':
			return m.sms_waitlist_promoted({ ...args, code }, o);
		case 'booking_cancelled_by_staff':
			return m.sms_booking_cancelled_by_staff({ ...args, reason, phone: p.phone }, o);
		case 'booking_cancelled_closure':
			return m.sms_booking_cancelled_closure({ ...args, reason, phone: p.phone }, o);
		case 'waitlist_cleared':
			return p.audience === 'self'
				? m.sms_to_waitlist_cleared({ point, time, reason }, o)
				: m.sms_waitlist_cleared({ ...args, reason }, o);
		case 'rating_requested':
			return m.sms_rating_requested(args, o);
		case 'rating_replied':
			return m.sms_rating_replied({ ...args, reply: p.reply ?? '' }, o);
		case 'booking_cancelled_by_family':
			return cancelledByFamily(p, 'family', { point, time }, o);
	}
}

/** A family member cancelled: the elder is told who, the carer who cancelled or booked is told too. */
function cancelledByFamily(
	p: NoticePayload,
	audience: NoticeAudience,
	args: { point: string; time: string },
	o: { locale: Locale }
): string {
	if (audience !== 'carer')
		return m.sms_to_cancelled_by_family({ ...args, by: p.cancelledByName ?? '' }, o);
	return p.cancelledBy === 'person'
		? m.sms_to_cancelled_by_person({ ...args, name: p.forName }, o)
		: m.sms_to_cancelled_for_person({ ...args, name: p.forName }, o);
}

/** A need's person or supporter is told its new status and the answer (need_updated). */
function needText(p: NoticePayload, o: { locale: Locale }): string {
	const statusText: Record<string, (i: object, o: { locale: Locale }) => string> = {
		open: m.needs_status_open,
		accepted: m.needs_status_accepted,
		merged: m.needs_status_merged,
		project: m.needs_status_project,
		declined: m.needs_status_declined,
		done: m.needs_status_done
	};
	const args = {
		text: p.needText ?? '',
		status: (statusText[p.needStatus ?? 'open'] ?? m.needs_status_open)({}, o),
		answer: p.reply ?? ''
	};
	const text =
		(p.audience as string) === 'supporter'
			? m.needs_notice_supporter(args, o)
			: m.needs_notice_self(args, o);
	return text.trim();
}

/** The same words in the portal, without the text message's sender tag. */
export function portalText(kind: NoticeKind, p: NoticePayload, locale: Locale): string {
	return noticeText(kind, p, locale).replace(/^(【[^】]*】|\[[^\]]*\])\s*/, '');
}

export type HelpNoticeKind = Extract<NoticeKind, `help_${string}`>;

export function isHelpKind(kind: NoticeKind): kind is HelpNoticeKind {
	return kind.startsWith('help_');
}

/** A help request's people: the volunteers offered it, the elder and carer, the station's staff. */
function helpText(kind: HelpNoticeKind, p: NoticePayload, locale: Locale): string {
	const o = { locale };
	const args = {
		item: itemName(p.item ?? 'other', locale),
		time: formatWhen(p.startsAt, locale),
		name: p.forName ?? '',
		volunteer: p.volunteerName ?? ''
	};
	switch (kind) {
		case 'help_offered':
			return m.volunteer_sms_offered(args, o);
		case 'help_accepted':
			return m.volunteer_sms_accepted(args, o);
		case 'help_escalated':
			return m.volunteer_sms_escalated(args, o);
		case 'help_done':
			return m.volunteer_sms_done(args, o);
		default:
			return m.volunteer_sms_cancelled(args, o);
	}
}
