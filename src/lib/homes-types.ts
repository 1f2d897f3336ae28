// The answer of /api/homes (one map tile of a planning map's homes), shared by the server that
// builds it (server/planning/homes-view.ts) and the map layer that draws it (components/homes-layer.ts).

export interface HomeInTile {
	id: number;
	name: string;
	point: [number, number];
	households: number;
	/** outside the category's tier at the speed asked for */
	uncovered: boolean;
}

/** homes counted in one cell of a tile, at their mean position */
export interface HomeCell {
	point: [number, number];
	homes: number;
	uncovered: number;
	households: number;
}

export interface HomesTile {
	z: number;
	x: number;
	y: number;
	/** homes of the tile the answer stands for (all of them, or only the uncovered ones) */
	total: number;
	/** the homes one by one when the tile holds few, else null */
	homes: HomeInTile[] | null;
	/** else the homes counted per cell */
	cells: HomeCell[] | null;
}
