import type { Locale } from '$lib/paraglide/runtime';

/** The demo accounts of DESIGN.md (seeded by demo/seed-accounts.ts on the embedded demo city only). */
export const demoPassword = 'jyg-demo-2026';

export interface DemoAccount {
	phone: string;
	name: string;
	role: 'resident' | 'staff' | 'admin';
	/** what the account shows off, in Chinese and English */
	descriptionZh: string;
	descriptionEn: string;
}

export const demoAccounts: DemoAccount[] = [
	{
		phone: '13900000001',
		name: '王建国',
		role: 'resident',
		descriptionZh: '居民（胜利社区）',
		descriptionEn: 'Resident (Shengli community)'
	},
	{
		phone: '13900000002',
		name: '李秀兰',
		role: 'resident',
		descriptionZh: '78岁长辈（胜利社区，长辈版）',
		descriptionEn: 'Elder aged 78 (Shengli, elder mode)'
	},
	{
		phone: '13900000003',
		name: '张丽',
		role: 'resident',
		descriptionZh: '长辈的女儿（已绑定家属）',
		descriptionEn: "The elder's daughter (linked family)"
	},
	{
		phone: '13900000011',
		name: '刘芳',
		role: 'staff',
		descriptionZh: '胜利社区工作人员',
		descriptionEn: 'Staff, Shengli community'
	},
	{
		phone: '13900000012',
		name: '陈伟',
		role: 'staff',
		descriptionZh: '五一社区工作人员',
		descriptionEn: 'Staff, Wuyi community'
	},
	{
		phone: '13900000099',
		name: '赵敏',
		role: 'admin',
		descriptionZh: '市民政局管理员',
		descriptionEn: 'City administrator'
	}
];

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
