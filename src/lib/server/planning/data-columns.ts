// The service point and residence file formats: import reads them, export writes them.

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
export const servicePointRequired = [
	'name',
	'category',
	'community',
	'lng',
	'lat',
	'address',
	'phone'
];

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
