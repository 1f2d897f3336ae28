import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';

/** 2026年12月1日 / December 1, 2026 (Asia/Shanghai): when facts were last confirmed. */
export function formatDate(instantMs: number, locale: Locale): string {
	return new Intl.DateTimeFormat(locale, {
		timeZone: 'Asia/Shanghai',
		year: 'numeric',
		month: 'long',
		day: 'numeric'
	}).format(instantMs);
}

/** An indicator's value as the plan writes it: shares as percentages, the rest with one decimal. */
export function indicatorNumber(value: number, unit: string): string {
	if (unit === 'share') return `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
	return (Math.round(value * 10) / 10).toFixed(1);
}

/** The plan's indicators (专栏1); their definitions live in `$lib/server/indicators`. */
export type IndicatorKey =
	| 'centre_rural'
	| 'centre_urban'
	| 'commercial_share'
	| 'centre_per_100_households'
	| 'self_service_urban'
	| 'workers_per_10000_urban'
	| 'activity_share';

/** Each indicator's name in the reader's language, as the plan words it. */
export const indicatorNames: Record<IndicatorKey, () => string> = {
	centre_rural: m.indicators_name_centre_rural,
	centre_urban: m.indicators_name_centre_urban,
	commercial_share: m.indicators_name_commercial_share,
	centre_per_100_households: m.indicators_name_centre_per_100_households,
	self_service_urban: m.indicators_name_self_service_urban,
	workers_per_10000_urban: m.indicators_name_workers_per_10000_urban,
	activity_share: m.indicators_name_activity_share
};

/** A value with its unit: 62.5% · 31.2 平方米 · 25.0 人 */
export function indicatorValue(value: number, unit: string): string {
	const number = indicatorNumber(value, unit);
	if (unit === 'm2_per_100_households') return m.indicators_unit_m2({ value: number });
	if (unit === 'per_10000') return m.indicators_unit_people({ value: number });
	return number;
}
