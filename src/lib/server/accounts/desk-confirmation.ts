import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import { maskPhone } from '$lib/phone';
import { immediate, type Db } from '../db';
import { user } from '../db/schema';
import { record } from '../audit';
import * as codes from '../auth/codes';
import { tooMany, type LoginRefused } from '../auth/login';
import { hit, limits } from '../auth/rate-limit';
import * as family from './family';

/**
 * Staff confirm a family link at the community desk only with the elder present: a code is texted
 * to the elder's phone and the elder tells it to the staff member. Staff who are a party to the link
 * (carer or elder) cannot confirm it, and every code sent and every confirmation is audited with
 * who, what and when (issue 14, finding 7). The caller checks that the staff member serves the
 * elder's community.
 */

export type DeskResult =
	| { ok: true; phoneMasked?: string; already?: boolean }
	| { ok: false; status: 400 | 403 | 404; message: string; errors?: Record<string, string> }
	| LoginRefused;

type OpenLink = NonNullable<ReturnType<typeof family.getOpen>>;

function audit(db: Db, staffUserId: number, action: string, link: OpenLink) {
	record(db, {
		actorUserId: staffUserId,
		action,
		entity: 'family_link',
		entityId: link.id,
		// ids only: the audit log carries no phone numbers
		detail: { carerUserId: link.carerUserId, elderUserId: link.elderUserId }
	});
}

function people(db: Db, link: OpenLink) {
	const carer = db
		.select({ name: user.name })
		.from(user)
		.where(eq(user.id, link.carerUserId))
		.get();
	const elder = db
		.select({ phone: user.phone, locale: user.locale, communityCode: user.communityCode })
		.from(user)
		.where(eq(user.id, link.elderUserId!))
		.get();
	return { carerName: carer?.name ?? '', elder };
}

/** Why this staff member may not act on this link, if they may not. */
function refusal(db: Db, link: OpenLink | undefined, staffUserId: number): DeskResult | null {
	if (!link?.elderUserId) return { ok: false, status: 404, message: m.family_not_found() };
	if (link.carerUserId === staffUserId || link.elderUserId === staffUserId)
		return { ok: false, status: 403, message: m.desk_family_own_link() };
	return null;
}

/** Texts the elder the code for this link (rate-limited per address and per elder's phone). */
export async function sendCode(db: Db, link: OpenLink, staffUserId: number, address: string) {
	const refused = refusal(db, link, staffUserId);
	if (refused) return refused;
	if (link.confirmedAt) return { ok: true, already: true } satisfies DeskResult;
	const { carerName, elder } = people(db, link);
	if (!elder) return { ok: false, status: 404, message: m.family_not_found() } satisfies DeskResult;
	const byAddress = hit(db, limits.codeAddress(), address);
	if (!byAddress.allowed) return tooMany(byAddress.retryAfterS);
	const byPhone = hit(db, limits.codePhone(), elder.phone);
	if (!byPhone.allowed) return tooMany(byPhone.retryAfterS);
	await codes.issue(
		db,
		{ phone: elder.phone, purpose: 'desk_link', subject: String(link.id) },
		(code, minutes) =>
			m.sms_desk_link_code({ carer: carerName, code, minutes }, { locale: elder.locale }),
		{ replace: true, templateId: 'desk_link_code', communityCode: elder.communityCode }
	);
	audit(db, staffUserId, 'family_link.desk_code_sent', link);
	return { ok: true, phoneMasked: maskPhone(elder.phone) } satisfies DeskResult;
}

/** Confirms the link with the code the elder was texted; an already confirmed link stays as it is. */
export function confirm(
	db: Db,
	link: OpenLink | undefined,
	staffUserId: number,
	code?: string
): DeskResult {
	const refused = refusal(db, link, staffUserId);
	if (refused || !link) return refused!;
	if (link.confirmedAt) return { ok: true, already: true };
	if (code === undefined) {
		const message = m.desk_family_code_required();
		return { ok: false, status: 400, message, errors: { code: message } };
	}
	const { elder } = people(db, link);
	const checked = elder
		? codes.check(db, { phone: elder.phone, purpose: 'desk_link', subject: String(link.id), code })
		: { status: 'expired' as const };
	if (checked.status !== 'ok') {
		const message =
			checked.status === 'wrong' ? m.error_code_wrong() : m.desk_family_code_expired();
		return { ok: false, status: 400, message, errors: { code: message } };
	}
	return immediate(db, (db) => {
		if (!family.confirm(db, link.id, staffUserId))
			return { ok: false, status: 404, message: m.family_not_found() };
		codes.consume(db, checked.id);
		audit(db, staffUserId, 'family_link.confirm_at_desk', link);
		return { ok: true };
	});
}
