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

/** A coloured circle with a label (e.g. a community's coverage share, a proposed new site). */
export interface MapCircle {
	point: [number, number];
	/** radius in pixels */
	radius: number;
	fill: string;
	stroke?: string;
	/** always shown beside the circle when `permanent`, else on hover and focus */
	label: string;
	permanent?: boolean;
}
