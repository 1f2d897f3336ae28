import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { isCoordinateDatum, type CoordinateDatum } from '$lib/geo';
import { wholeNumber } from '$lib/server/numbers';
import { decodeText } from '$lib/server/text-encoding';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { requireAdmin } from '$lib/server/auth/guards';
import { categoryList } from '$lib/server/planning/coverage-view';
import {
	residenceColumns,
	residenceRequired,
	servicePointColumns,
	servicePointRequired
} from '$lib/server/planning/data-columns';
import { importServicePoints } from '$lib/server/planning/service-points-data';
import { importResidences } from '$lib/server/planning/residences-data';
import { importNetwork } from '$lib/server/planning/network-data';
import { updateCategory } from '$lib/server/planning/category-data';
import {
	maxImportBytes,
	parseCsv,
	parseGeoJsonRows,
	type ImportMode,
	type ParsedFile
} from '$lib/server/planning/import-rows';

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	return {
		categories: await categoryList(event.locals.db),
		servicePointColumns,
		residenceColumns
	};
};

type Upload =
	| { ok: true; text: string; name: string; mode: ImportMode; datum: CoordinateDatum }
	| { ok: false; message: string };

async function upload(request: Request): Promise<Upload> {
	const form = await request.formData();
	const file = form.get('file');
	const mode = form.get('mode') === 'all' ? 'all' : 'partial';
	// the file's coordinate system (a form without the choice: WGS84); stored as WGS84
	const datum = form.get('coordinates') ?? 'wgs84';
	if (!isCoordinateDatum(datum)) return { ok: false, message: m.import_datum_invalid() };
	if (!(file instanceof File) || file.size === 0)
		return { ok: false, message: m.plan_import_no_file() };
	if (file.size > maxImportBytes) return { ok: false, message: m.plan_import_too_large() };
	// UTF-8 or GB18030 (Excel's "CSV" on a Chinese Windows), detected
	const decoded = decodeText(new Uint8Array(await file.arrayBuffer()));
	if (!decoded.ok) return { ok: false, message: m.import_encoding_unreadable() };
	return { ok: true, text: decoded.text, name: file.name, mode, datum };
}

const isGeoJson = (name: string, text: string) =>
	/\.(geo)?json$/i.test(name) || /^\s*\{/.test(text);

function rowsOrFail(parsed: ParsedFile, which: string) {
	return parsed.ok ? null : fail(400, { which, message: parsed.message });
}

const categoryInput = z.object({
	code: z.string().regex(/^[a-z_]{2,30}$/),
	nameZh: z.string().trim().min(1).max(40),
	nameEn: z.string().trim().min(1).max(60),
	tierMinutes: wholeNumber(5, 15, () => m.error_form_invalid()).pipe(
		z.union([z.literal(5), z.literal(10), z.literal(15)])
	)
});

export const actions: Actions = {
	servicePoints: async (event) => {
		const admin = requireAdmin(event);
		const file = await upload(event.request);
		if (!file.ok) return fail(400, { which: 'servicePoints', message: file.message });
		const parsed = parseCsv(file.text, servicePointRequired);
		if (!parsed.ok) return rowsOrFail(parsed, 'servicePoints');
		const report = await importServicePoints(
			event.locals.db,
			admin.id,
			parsed.rows,
			file.mode,
			file.datum
		);
		if (!report.written)
			return fail(400, { which: 'servicePoints', message: m.plan_import_nothing(), report });
		return { which: 'servicePoints', report };
	},
	residences: async (event) => {
		const admin = requireAdmin(event);
		const file = await upload(event.request);
		if (!file.ok) return fail(400, { which: 'residences', message: file.message });
		const parsed = isGeoJson(file.name, file.text)
			? parseGeoJsonRows(file.text)
			: parseCsv(file.text, residenceRequired);
		if (!parsed.ok) return rowsOrFail(parsed, 'residences');
		const report = await importResidences(
			event.locals.db,
			admin.id,
			parsed.rows,
			file.mode,
			file.datum
		);
		if (!report.written)
			return fail(400, { which: 'residences', message: m.plan_import_nothing(), report });
		return { which: 'residences', report };
	},
	network: async (event) => {
		const admin = requireAdmin(event);
		const file = await upload(event.request);
		if (!file.ok) return fail(400, { which: 'network', message: file.message });
		const result = await importNetwork(
			event.locals.db,
			admin.id,
			file.text,
			file.name,
			file.datum
		);
		if (!result.ok) return fail(400, { which: 'network', message: result.message });
		return { which: 'network', lines: result.lines };
	},
	category: async (event) => {
		const admin = requireAdmin(event);
		const parsed = categoryInput.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) return fail(400, { which: 'category', message: m.error_form_invalid() });
		if (!(await updateCategory(event.locals.db, admin.id, parsed.data)))
			return fail(400, { which: 'category', message: m.error_form_invalid() });
		return { which: 'category', saved: parsed.data.code };
	}
};
