import { m } from '$lib/paraglide/messages';
import type { Db } from '../db';
import { hit, type Limit } from '../auth/rate-limit';
import type { Sheet, SheetCell } from '../spreadsheet';
import { collectMyData, type MyData, type Record_ } from './collect';
import { fieldLabels, sectionLabels } from './labels';

export { collectMyData, type MyData } from './collect';

/** Downloads per person and hour (JSON and .xlsx together): a copy is cheap, a flood is not. */
export const exportLimit: Limit = { name: 'my-data-export', max: 10, windowMs: 60 * 60_000 };

export type ExportAnswer =
	| { ok: true; data: MyData }
	| { ok: false; status: 404 | 429; message: string; retryAfterS?: number };

/** The person's own data, counted against their hourly limit. */
export async function exportMyData(db: Db, userId: number): Promise<ExportAnswer> {
	const limit = await hit(db, exportLimit, String(userId));
	if (!limit.allowed)
		return {
			ok: false,
			status: 429,
			message: m.mydata_rate_limited({ minutes: Math.ceil(limit.retryAfterS / 60) }),
			retryAfterS: limit.retryAfterS
		};
	const data = await collectMyData(db, userId);
	if (!data) return { ok: false, status: 404, message: m.error_not_found() };
	return { ok: true, data };
}

/** Shown in Beijing time in a spreadsheet (the JSON keeps ISO 8601 in UTC). */
const shanghai = new Intl.DateTimeFormat('sv-SE', {
	timeZone: 'Asia/Shanghai',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit'
});
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function cell(value: Record_[string]): SheetCell {
	if (typeof value === 'string' && isoInstant.test(value)) return shanghai.format(new Date(value));
	return value;
}

function listSheet(name: string, rows: Record_[]): Sheet {
	const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))];
	return {
		name,
		columns: keys.map((key) => fieldLabels[key]?.() ?? key),
		rows: rows.map((row) => keys.map((key) => cell(row[key] ?? null)))
	};
}

/** One tab per section: the profile as field/value lines, each list with a header row. */
export function myDataSheets(data: MyData): Sheet[] {
	const { exportedAt, profile, ...lists } = data;
	return [
		{
			name: sectionLabels.profile(),
			columns: [m.mydata_field(), m.mydata_value()],
			rows: [
				...Object.entries(profile).map(([key, value]) => [
					fieldLabels[key]?.() ?? key,
					cell(value)
				]),
				[m.mydata_title(), cell(exportedAt)]
			]
		},
		...(Object.keys(lists) as (keyof typeof lists)[]).map((section) =>
			listSheet(sectionLabels[section](), lists[section])
		)
	];
}
