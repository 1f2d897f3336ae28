import { m } from '$lib/paraglide/messages';

/** A rule's length as people say it: 30 分钟, 2 小时, 1 天, 1 小时 30 分钟 (never "120 分钟"). */
export function formatMinutes(minutes: number): string {
	const days = Math.floor(minutes / 1440);
	const hours = Math.floor((minutes % 1440) / 60);
	const rest = minutes % 60;
	const parts = [
		days > 0 ? m.duration_days({ n: days }) : '',
		hours > 0 ? m.duration_hours({ n: hours }) : '',
		rest > 0 || minutes === 0 ? m.duration_minutes({ n: rest }) : ''
	];
	return parts.filter(Boolean).join(' ');
}
