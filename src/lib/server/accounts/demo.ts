import type { Locale } from '$lib/paraglide/runtime';
import { demoAccounts, demoPassword } from '../demo/seed-accounts';

/** The demo accounts the login page lists (on the embedded demo city only): phone and what each shows. */
export function demoSignIns(locale: Locale): {
	password: string;
	accounts: { phone: string; description: string }[];
} {
	return {
		password: demoPassword,
		accounts: demoAccounts.map((a) => ({
			phone: a.phone,
			description: locale === 'en' ? a.descriptionEn : a.descriptionZh
		}))
	};
}
