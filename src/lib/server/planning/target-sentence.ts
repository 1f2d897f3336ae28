import { m } from '$lib/paraglide/messages';
import { targetNames, type TargetKey } from '$lib/plan-targets';
import type { TargetChange } from './targets';

/** What a target counts, in words: 村 are not 社区, so mixed targets say both. */
function unitOf(key: TargetKey): string {
	if (key === 'legal_urban') return m.plan_unit_urban();
	if (key === 'legal_rural') return m.plan_unit_rural();
	if (key === 'hours') return m.plan_unit_points();
	if (key === 'volunteer_station') return m.volunteer_target_unit_centres();
	return m.plan_unit_communities();
}

const percent = (share: number) => `${(Math.round(share * 1000) / 10).toFixed(1)}%`;

/** "老年助餐覆盖社区 77.1% → 79.2%，达标还差 1 个社区或村" */
export function describeTargetChange(change: TargetChange): string {
	const values = {
		target: targetNames[change.key](),
		before: percent(change.before.value),
		after: percent(change.after.value)
	};
	if (change.missing > 0)
		return m.plan_target_effect_short({
			...values,
			missing: change.missing,
			unit: unitOf(change.key)
		});
	return change.before.met
		? m.plan_target_effect_met(values)
		: m.plan_target_effect_reached(values);
}

/** One sentence per target the category has, or a sentence saying it has none. */
export function describeTargetChanges(changes: readonly TargetChange[]): string[] {
	return changes.length === 0 ? [m.plan_target_effect_none()] : changes.map(describeTargetChange);
}
