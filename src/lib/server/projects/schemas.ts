import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { recordId } from '../numbers';

/** One schema per input: the staff form (from needs, a gap or a what-if result) and its updates. */
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: () => m.projects_error_date() });
const blankToUndefined = (value: unknown) =>
	value === '' || value === null || value === undefined ? undefined : value;
const coordinate = (min: number, max: number) =>
	z.preprocess(
		(v) => (typeof v === 'string' && /^-?\d{1,3}(\.\d{1,8})?$/.test(v) ? Number(v) : v),
		z
			.number({ error: () => m.needs_error_point() })
			.min(min, { error: () => m.needs_error_point() })
			.max(max, { error: () => m.needs_error_point() })
	);

export const projectInput = z
	.object({
		community: z.string().regex(/^\d{12}$/, { error: () => m.needs_error_community() }),
		title: z
			.string({ error: () => m.projects_error_title() })
			.trim()
			.min(1, { error: () => m.projects_error_title() })
			.max(100, { error: () => m.projects_error_title() }),
		category: z
			.string()
			.trim()
			.min(1, { error: () => m.needs_error_category() })
			.max(40),
		place: z
			.string({ error: () => m.projects_error_place() })
			.trim()
			.min(1, { error: () => m.projects_error_place() })
			.max(200, { error: () => m.projects_error_place() }),
		responsibleUnit: z
			.string({ error: () => m.projects_error_unit() })
			.trim()
			.min(1, { error: () => m.projects_error_unit() })
			.max(100, { error: () => m.projects_error_unit() }),
		plannedStart: date,
		plannedEnd: date,
		source: z.preprocess(
			(v) => blankToUndefined(v) ?? 'staff',
			z.enum(['needs', 'gap', 'whatif', 'staff'])
		),
		lng: z.preprocess(blankToUndefined, coordinate(-180, 180).optional()),
		lat: z.preprocess(blankToUndefined, coordinate(-90, 90).optional()),
		/** the needs it answers (a form sends one field per need) */
		needs: z.preprocess(
			(v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
			z.array(recordId(() => m.error_bad_id())).max(50)
		)
	})
	.refine((v) => v.plannedEnd >= v.plannedStart, {
		path: ['plannedEnd'],
		error: () => m.projects_error_date()
	})
	.refine((v) => (v.lng === undefined) === (v.lat === undefined), {
		path: ['lng'],
		error: () => m.needs_error_point()
	});
export type ProjectInput = z.infer<typeof projectInput>;

export const projectUpdateInput = z.object({
	status: z.enum(['planned', 'in_progress', 'completed', 'terminated'], {
		error: () => m.projects_error_status()
	}),
	note: z.preprocess(
		blankToUndefined,
		z
			.string()
			.trim()
			.max(1000, { error: () => m.projects_error_note() })
			.optional()
	),
	/** the service point a completed project added */
	servicePointId: z.preprocess(blankToUndefined, recordId(() => m.error_bad_id()).optional()),
	/** completing creates the new service point at the project's place (a checkbox: "on") */
	createPoint: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
	/** the new point's name (the project's title when blank) */
	pointName: z.preprocess(
		blankToUndefined,
		z
			.string()
			.trim()
			.min(1)
			.max(100, { error: () => m.projects_error_point_name() })
			.optional()
	)
});
export type ProjectUpdateInput = z.infer<typeof projectUpdateInput>;
