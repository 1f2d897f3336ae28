import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import { maskPhone } from '$lib/phone';
import { transaction, type Db } from '../db';
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

type OpenLink = NonNullable<Awaited<ReturnType<typeof family.getOpen>>>;

async function audit(tx: Db, staffUserId: number, action: string, link: OpenLink) {
	await record(tx, {
		actorUserId: staffUserId,
		action,
		entity: 'family_link',
		entityId: link.id,
		// ids only: the audit log carries no phone numbers
		detail: { carerUserId: link.carerUserId, elderUserId: link.elderUserId }
	});
}

async function people(db: Db, link: OpenLink) {
	const [carer] = await db
		.select({ name: user.name })
		.from(user)
		.where(eq(user.id, link.carerUserId))
		.limit(1);
	const [elder] = await db
		.select({ phone: user.phone, locale: user.locale, communityCode: user.communityCode })
		.from(user)
		.where(eq(user.id, link.elderUserId!))
		.limit(1);
	return { carerName: carer?.name ?? '', elder };
}

/** Why this staff member may not act on this link, if they may not. */
function refusal(link: OpenLink | undefined, staffUserId: number): DeskResult | null {
	if (!link?.elderUserId) return { ok: false, status: 404, message: m.family_not_found() };
	if (link.carerUserId === staffUserId || link.elderUserId === staffUserId)
		return { ok: false, status: 403, message: m.desk_family_own_link() };
	return null;
}

/** Texts the elder the code for this link (rate-limited per address and per elder's phone). */
export async function sendCode(db: Db, link: OpenLink, staffUserId: number, address: string) {
	const refused = refusal(link, staffUserId);
	if (refused) return refused;
	if (link.confirmedAt) return { ok: true, already: true } satisfies DeskResult;
	const { carerName, elder } = await people(db, link);
	if (!elder) return { ok: false, status: 404, message: m.family_not_found() } satisfies DeskResult;
	const byAddress = await hit(db, limits.codeAddress(), address);
	if (!byAddress.allowed) return tooMany(byAddress.retryAfterS);
	const byPhone = await hit(db, limits.codePhone(), elder.phone);
	if (!byPhone.allowed) return tooMany(byPhone.retryAfterS);
	await codes.issue(
		db,
		{ phone: elder.phone, purpose: 'desk_link', subject: String(link.id) },
		(code, minutes) =>
			m.sms_desk_link_code({ carer: carerName, code, minutes }, { locale: elder.locale }),
		{ replace: true, templateId: 'desk_link_code', communityCode: elder.communityCode }
	);
	await transaction(db, (tx) => audit(tx, staffUserId, 'family_link.desk_code_sent', link));
	return { ok: true, phoneMasked: maskPhone(elder.phone) } satisfies DeskResult;
}

/** Confirms the link with the code the elder was texted; an already confirmed link stays as it is. */
export async function confirm(
	db: Db,
	link: OpenLink | undefined,
	staffUserId: number,
	code?: string
): Promise<DeskResult> {
	const refused = refusal(link, staffUserId);
	if (refused || !link) return refused!;
	if (link.confirmedAt) return { ok: true, already: true };
	if (code === undefined) {
		const message = m.desk_family_code_required();
		return { ok: false, status: 400, message, errors: { code: message } };
	}
	const { elder } = await people(db, link);
	const checked = elder
		? await codes.check(db, {
				phone: elder.phone,
				purpose: 'desk_link',
				subject: String(link.id),
				code
			})
		: { status: 'expired' as const };
	if (checked.status !== 'ok') {
		const message =
			checked.status === 'wrong' ? m.error_code_wrong() : m.desk_family_code_expired();
		return { ok: false, status: 400, message, errors: { code: message } };
	}
	return await transaction(db, async (tx): Promise<DeskResult> => {
		if (!(await family.confirm(tx, link.id, staffUserId)))
			return { ok: false, status: 404, message: m.family_not_found() };
		await codes.consume(tx, checked.id);
		await audit(tx, staffUserId, 'family_link.confirm_at_desk', link);
		return { ok: true };
	});
}
