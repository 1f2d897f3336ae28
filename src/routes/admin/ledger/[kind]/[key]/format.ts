import { m } from '$lib/paraglide/messages';
import { targetNames, type TargetKey } from '$lib/plan-targets';
import { indicatorNames, indicatorValue, type IndicatorKey } from '$lib/indicators-format';

/** A target's or indicator's name in the reader's language. */
export function lineName(kind: string, key: string): string {
	return kind === 'target'
		? (targetNames[key as TargetKey]?.() ?? key)
		: (indicatorNames[key as IndicatorKey]?.() ?? key);
}

/** A value in its unit (targets are shares); – without data. */
export function shown(value: number | null, unit: string): string {
	return value === null ? '–' : indicatorValue(value, unit);
}

export function statusText(status: string): string {
	return status === 'completed'
		? m.projects_status_completed()
		: status === 'in_progress'
			? m.projects_status_in_progress()
			: m.projects_status_planned();
}
