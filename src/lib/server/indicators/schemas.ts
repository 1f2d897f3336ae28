import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { decimalNumber, wholeNumber } from '../numbers';

/** The staff form's facts: areas in m² (up to ~10 km² of floor), people counted whole. */
const area = decimalNumber(0, 9_999_999, () => m.facts_error_area());
const people = wholeNumber(0, 10_000, () => m.facts_error_count());
const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());

export const communityCode = z
	.string({ error: () => m.error_form_invalid() })
	.regex(/^\d{12}$/, { error: () => m.error_form_invalid() });

export const factsInput = z
	.object(
		{
			centreAreaM2: area,
			activityAreaM2: area,
			totalBuildingAreaM2: area,
			commercialServiceAreaM2: area,
			selfService: checkbox,
			committeeMembers: people,
			fullTimeWorkers: people,
			gridWorkers: people,
			publicWelfareWorkers: people
		},
		{ error: () => m.error_form_invalid() }
	)
	.refine((f) => f.activityAreaM2 <= f.centreAreaM2, {
		path: ['activityAreaM2'],
		error: () => m.facts_error_activity_exceeds()
	})
	.refine((f) => f.commercialServiceAreaM2 <= f.totalBuildingAreaM2, {
		path: ['commercialServiceAreaM2'],
		error: () => m.facts_error_commercial_exceeds()
	});
