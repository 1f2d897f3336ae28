export interface MapCategory {
	code: string;
	nameZh: string;
	nameEn: string;
	colour: string;
	icon: string;
	bookable?: boolean;
}

export interface MapPoint {
	id: number;
	name: string;
	categoryCode: string;
	point: [number, number];
	address?: string;
}

export interface BaseMap {
	outline: [number, number][][][];
	streets: [number, number][][];
	communities: { code: string; name: string; centre: [number, number] }[];
}
