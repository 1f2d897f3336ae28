import { aliasedTable, and, asc, eq, isNull, or } from 'drizzle-orm';
import { maskPhone } from '$lib/phone';
import type { Db } from '../db';
import {
	auditLog,
	booking,
	community,
	familyLink,
	helpRequest,
	need,
	needSupport,
	notification,
	outbox,
	rating,
	residence,
	servicePoint,
	session,
	slot,
	staffScope,
	trustedDevice,
	user,
	volunteer,
	volunteerService,
	volunteerStation,
	waitlistEntry
} from '../db/schema';

/**
 * What the portal keeps about one person (PIPL 第四十五条: a person may have a copy of their
 * personal information), read for that person only: every query below is keyed by their own id
 * (or their own phone, for the messages sent to it). Left out on purpose: the password hash,
 * session and device tokens (only hashes are kept, and they are secrets), and the text of the
 * messages sent to them (a message may hold a login or reset code that is still valid: a copy
 * must not become a way to take over the account from a stolen session).
 */
export type Cell = string | number | boolean | null;
export type Record_ = Record<string, Cell>;

export interface MyData {
	exportedAt: string;
	profile: Record_;
	staffScopes: Record_[];
	bookings: Record_[];
	waitlist: Record_[];
	ratings: Record_[];
	needs: Record_[];
	needSupports: Record_[];
	familyLinks: Record_[];
	volunteering: Record_[];
	helpRequests: Record_[];
	volunteerServices: Record_[];
	sessions: Record_[];
	devices: Record_[];
	notifications: Record_[];
	messages: Record_[];
	actions: Record_[];
}

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

export async function collectMyData(
	db: Db,
	userId: number,
	now = new Date()
): Promise<MyData | null> {
	const [person] = await db
		.select({
			id: user.id,
			phone: user.phone,
			name: user.name,
			role: user.role,
			community: user.communityCode,
			communityName: community.name,
			homeResidence: residence.name,
			birthYear: user.birthYear,
			walkingSpeed: user.walkingSpeed,
			walkingSpeedMps: user.walkingSpeedMps,
			elderMode: user.elderMode,
			locale: user.locale,
			phoneVerifiedAt: user.phoneVerifiedAt,
			privacyNoticeVersion: user.privacyNoticeVersion,
			privacyConsentedAt: user.privacyConsentedAt,
			createdAt: user.createdAt
		})
		.from(user)
		.leftJoin(community, eq(community.code, user.communityCode))
		.leftJoin(residence, eq(residence.id, user.homeResidenceId))
		.where(and(eq(user.id, userId), isNull(user.deletedAt)))
		.limit(1);
	if (!person) return null;

	const staffScopes = await db
		.select({ community: staffScope.communityCode, street: staffScope.streetCode })
		.from(staffScope)
		.where(eq(staffScope.userId, userId))
		.orderBy(asc(staffScope.id));

	const bookings = await db
		.select({
			id: booking.id,
			code: booking.code,
			servicePoint: servicePoint.name,
			category: servicePoint.categoryCode,
			startsAt: slot.startsAt,
			endsAt: slot.endsAt,
			channel: booking.channel,
			status: booking.status,
			createdAt: booking.createdAt,
			statusChangedAt: booking.statusChangedAt,
			cancelReason: booking.cancelReason
		})
		.from(booking)
		.innerJoin(slot, eq(slot.id, booking.slotId))
		.innerJoin(servicePoint, eq(servicePoint.id, slot.servicePointId))
		.where(eq(booking.userId, userId))
		.orderBy(asc(booking.id));

	const waitlist = await db
		.select({
			id: waitlistEntry.id,
			servicePoint: servicePoint.name,
			startsAt: slot.startsAt,
			channel: waitlistEntry.channel,
			status: waitlistEntry.status,
			createdAt: waitlistEntry.createdAt
		})
		.from(waitlistEntry)
		.innerJoin(slot, eq(slot.id, waitlistEntry.slotId))
		.innerJoin(servicePoint, eq(servicePoint.id, slot.servicePointId))
		.where(eq(waitlistEntry.userId, userId))
		.orderBy(asc(waitlistEntry.id));

	const ratings = await db
		.select({
			id: rating.id,
			bookingId: rating.bookingId,
			servicePoint: servicePoint.name,
			stars: rating.stars,
			tags: rating.tags,
			comment: rating.comment,
			createdAt: rating.createdAt,
			updatedAt: rating.updatedAt,
			reply: rating.reply,
			repliedAt: rating.repliedAt
		})
		.from(rating)
		.innerJoin(booking, eq(booking.id, rating.bookingId))
		.innerJoin(slot, eq(slot.id, booking.slotId))
		.innerJoin(servicePoint, eq(servicePoint.id, slot.servicePointId))
		.where(eq(booking.userId, userId))
		.orderBy(asc(rating.id));

	const needs = await db
		.select({
			id: need.id,
			community: need.communityCode,
			category: need.categoryCode,
			text: need.text,
			place: need.place,
			lng: need.lng,
			lat: need.lat,
			public: need.public,
			status: need.status,
			answer: need.answer,
			supporters: need.supporters,
			channel: need.channel,
			createdAt: need.createdAt,
			updatedAt: need.updatedAt
		})
		.from(need)
		.where(eq(need.userId, userId))
		.orderBy(asc(need.id));

	const needSupports = await db
		.select({ needId: needSupport.needId, needText: need.text, createdAt: needSupport.createdAt })
		.from(needSupport)
		.innerJoin(need, eq(need.id, needSupport.needId))
		.where(eq(needSupport.userId, userId))
		.orderBy(asc(needSupport.needId));

	const other = aliasedTable(user, 'other_person');
	const links = await db
		.select({
			id: familyLink.id,
			carerUserId: familyLink.carerUserId,
			otherName: other.name,
			elderUserId: familyLink.elderUserId,
			invitedPhone: familyLink.invitedPhone,
			createdAt: familyLink.createdAt,
			confirmedAt: familyLink.confirmedAt,
			endedAt: familyLink.endedAt
		})
		.from(familyLink)
		.leftJoin(
			other,
			or(
				and(eq(familyLink.carerUserId, userId), eq(other.id, familyLink.elderUserId)),
				and(eq(familyLink.elderUserId, userId), eq(other.id, familyLink.carerUserId))
			)
		)
		.where(or(eq(familyLink.carerUserId, userId), eq(familyLink.elderUserId, userId)))
		.orderBy(asc(familyLink.id));

	// 志愿服务: the person as a volunteer (registrations, the hours recorded) and as someone helped or
	// asking for help (as the elder, or for a linked elder: the elder's own place is theirs to see)
	const volunteering = await db
		.select({
			id: volunteer.id,
			station: volunteerStation.name,
			items: volunteer.items,
			maxWalkingMinutes: volunteer.maxWalkingMinutes,
			status: volunteer.status,
			approvedAt: volunteer.approvedAt,
			createdAt: volunteer.createdAt
		})
		.from(volunteer)
		.innerJoin(volunteerStation, eq(volunteerStation.id, volunteer.stationId))
		.where(eq(volunteer.userId, userId))
		.orderBy(asc(volunteer.id));

	const helpRequests = await db
		.select({
			id: helpRequest.id,
			asRole: helpRequest.askedAs,
			item: helpRequest.item,
			text: helpRequest.note,
			startsAt: helpRequest.wantedStartAt,
			endsAt: helpRequest.wantedEndAt,
			status: helpRequest.status,
			createdAt: helpRequest.createdAt
		})
		.from(helpRequest)
		.where(or(eq(helpRequest.elderUserId, userId), eq(helpRequest.askedByUserId, userId)))
		.orderBy(asc(helpRequest.id));

	const volunteerServices = await db
		.select({
			item: volunteerService.item,
			servedOn: volunteerService.servedOn,
			minutes: volunteerService.minutes,
			station: volunteerStation.name
		})
		.from(volunteerService)
		.innerJoin(volunteer, eq(volunteer.id, volunteerService.volunteerId))
		.innerJoin(volunteerStation, eq(volunteerStation.id, volunteerService.stationId))
		.where(eq(volunteer.userId, userId))
		.orderBy(asc(volunteerService.id));

	const sessions = await db
		.select({
			createdAt: session.createdAt,
			expiresAt: session.expiresAt,
			device: session.userAgent
		})
		.from(session)
		.where(eq(session.userId, userId))
		.orderBy(asc(session.createdAt));

	const devices = await db
		.select({
			createdAt: trustedDevice.createdAt,
			lastUsedAt: trustedDevice.lastUsedAt,
			expiresAt: trustedDevice.expiresAt
		})
		.from(trustedDevice)
		.where(eq(trustedDevice.userId, userId))
		.orderBy(asc(trustedDevice.createdAt));

	const notifications = await db
		.select({
			kind: notification.kind,
			payload: notification.payload,
			createdAt: notification.createdAt,
			readAt: notification.readAt
		})
		.from(notification)
		.where(eq(notification.userId, userId))
		.orderBy(asc(notification.id));

	const messages = await db
		.select({
			channel: outbox.channel,
			template: outbox.templateId,
			createdAt: outbox.createdAt,
			sentAt: outbox.sentAt
		})
		.from(outbox)
		.where(eq(outbox.recipient, person.phone))
		.orderBy(asc(outbox.id));

	const actions = await db
		.select({
			action: auditLog.action,
			entity: auditLog.entity,
			entityId: auditLog.entityId,
			createdAt: auditLog.createdAt
		})
		.from(auditLog)
		.where(eq(auditLog.actorUserId, userId))
		.orderBy(asc(auditLog.id));

	return {
		exportedAt: now.toISOString(),
		profile: {
			...person,
			phoneVerifiedAt: iso(person.phoneVerifiedAt),
			privacyConsentedAt: iso(person.privacyConsentedAt),
			createdAt: iso(person.createdAt)
		},
		staffScopes,
		// the channel says who made a booking (online: the person, proxy: family, phone/desk: staff);
		// who exactly is another person's data
		bookings: bookings.map((b) => ({
			...b,
			startsAt: iso(b.startsAt),
			endsAt: iso(b.endsAt),
			createdAt: iso(b.createdAt),
			statusChangedAt: iso(b.statusChangedAt)
		})),
		waitlist: waitlist.map((w) => ({
			...w,
			startsAt: iso(w.startsAt),
			createdAt: iso(w.createdAt)
		})),
		ratings: ratings.map((r) => ({
			...r,
			tags: r.tags.join('、'),
			createdAt: iso(r.createdAt),
			updatedAt: iso(r.updatedAt),
			repliedAt: iso(r.repliedAt)
		})),
		needs: needs.map((n) => ({ ...n, createdAt: iso(n.createdAt), updatedAt: iso(n.updatedAt) })),
		needSupports: needSupports.map((s) => ({ ...s, createdAt: iso(s.createdAt) })),
		familyLinks: links.map((l) => {
			const asCarer = l.carerUserId === userId;
			return {
				id: l.id,
				asRole: asCarer ? 'carer' : 'elder',
				otherPerson: l.otherName,
				// the number a carer typed is the elder's: shown masked, as on the family page
				invitedPhone: asCarer ? maskPhone(l.invitedPhone) : null,
				createdAt: iso(l.createdAt),
				confirmedAt: iso(l.confirmedAt),
				endedAt: iso(l.endedAt)
			};
		}),
		volunteering: volunteering.map((v) => ({
			...v,
			items: v.items.join('、'),
			approvedAt: iso(v.approvedAt),
			createdAt: iso(v.createdAt)
		})),
		helpRequests: helpRequests.map((h) => ({
			...h,
			startsAt: iso(h.startsAt),
			endsAt: iso(h.endsAt),
			createdAt: iso(h.createdAt)
		})),
		volunteerServices,
		sessions: sessions.map((s) => ({
			...s,
			createdAt: iso(s.createdAt),
			expiresAt: iso(s.expiresAt)
		})),
		devices: devices.map((d) => ({
			createdAt: iso(d.createdAt),
			lastUsedAt: iso(d.lastUsedAt),
			expiresAt: iso(d.expiresAt)
		})),
		notifications: notifications.map((n) => ({
			kind: n.kind,
			payload: JSON.stringify(n.payload),
			createdAt: iso(n.createdAt),
			readAt: iso(n.readAt)
		})),
		messages: messages.map((o) => ({
			...o,
			createdAt: iso(o.createdAt),
			sentAt: iso(o.sentAt)
		})),
		actions: actions.map((a) => ({ ...a, createdAt: iso(a.createdAt) }))
	};
}
