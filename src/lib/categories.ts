/**
 * The life-circle service categories. Codes are stable identifiers; names, tiers and flags are the
 * defaults the demo city seeds, and an administrator may edit them in the database afterwards.
 * Colours are Okabe–Ito (colour-blind safe); every category also has an icon glyph and a text label.
 */
export const categoryCodes = [
	'meal',
	'childcare',
	'clinic',
	'legal',
	'elderly_care',
	'fitness',
	'culture',
	'convenience'
] as const;

export type CategoryCode = (typeof categoryCodes)[number];

export interface CategoryDefaults {
	code: CategoryCode;
	nameZh: string;
	nameEn: string;
	tierMinutes: 5 | 10 | 15;
	bookable: boolean;
	colour: string;
	icon: string;
	sortOrder: number;
}

export const defaultCategories: readonly CategoryDefaults[] = [
	{
		code: 'meal',
		nameZh: '老年助餐',
		nameEn: 'Meal assistance',
		tierMinutes: 5,
		bookable: true,
		colour: '#E69F00',
		icon: '餐',
		sortOrder: 1
	},
	{
		code: 'childcare',
		nameZh: '托育',
		nameEn: 'Childcare',
		tierMinutes: 5,
		bookable: true,
		colour: '#56B4E9',
		icon: '托',
		sortOrder: 2
	},
	{
		code: 'clinic',
		nameZh: '社区卫生',
		nameEn: 'Clinic',
		tierMinutes: 5,
		bookable: true,
		colour: '#009E73',
		icon: '医',
		sortOrder: 3
	},
	{
		code: 'legal',
		nameZh: '法律之家',
		nameEn: 'Legal aid',
		tierMinutes: 15,
		bookable: true,
		colour: '#0072B2',
		icon: '法',
		sortOrder: 4
	},
	{
		code: 'elderly_care',
		nameZh: '日间照料',
		nameEn: 'Elderly day care',
		tierMinutes: 5,
		bookable: true,
		colour: '#D55E00',
		icon: '老',
		sortOrder: 5
	},
	{
		code: 'fitness',
		nameZh: '健身场地',
		nameEn: 'Fitness',
		tierMinutes: 5,
		bookable: false,
		colour: '#CC79A7',
		icon: '健',
		sortOrder: 6
	},
	{
		code: 'culture',
		nameZh: '文化活动',
		nameEn: 'Culture',
		tierMinutes: 5,
		bookable: true,
		colour: '#000000',
		icon: '文',
		sortOrder: 7
	},
	{
		code: 'convenience',
		nameZh: '便民商业',
		nameEn: 'Shops & market',
		tierMinutes: 5,
		bookable: false,
		colour: '#F0E442',
		icon: '市',
		sortOrder: 8
	}
];

export function isCategoryCode(value: string): value is CategoryCode {
	return (categoryCodes as readonly string[]).includes(value);
}
