/** The service point CSV: export writes it, import reads it (an empty id adds a new point). */
export const servicePointColumns = [
	'id',
	'name',
	'category',
	'community',
	'lng',
	'lat',
	'address',
	'phone',
	'opening_text',
	'accessible_entrance',
	'active'
] as const;
/** the columns a row may leave empty: a new point, and the facts a point has without them */
const servicePointOptional: readonly string[] = [
	'id',
	'opening_text',
	'accessible_entrance',
	'active'
];
export const servicePointRequired: string[] = servicePointColumns.filter(
	(c) => !servicePointOptional.includes(c)
);

export const residenceColumns = [
	'id',
	'name',
	'community',
	'lng',
	'lat',
	'households',
	'residents',
	'elderly_60plus',
	'children_0_3'
] as const;
export const residenceRequired = residenceColumns.filter((c) => c !== 'id');
