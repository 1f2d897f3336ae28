// The planning maps' homes, fetched a map tile at a time from /api/homes for what is in view (a big
// city's homes are never all on the page): single homes where a tile holds few, counted cells
// where it holds many. A MapView `overlay`: it receives the loaded Leaflet module and the map, and
// returns its own removal.
import type * as Leaflet from 'leaflet';
import { fromDisplay, type DisplayCrs } from '$lib/map-crs';
import { circleLayer } from './map-layers';
import type { MapCircle } from './map-types';
import type { HomeCell, HomeInTile, HomesTile } from '$lib/homes-types';

export type MapOverlay = (L: typeof Leaflet, map: Leaflet.Map, crs: DisplayCrs) => () => void;

export interface HomesOverlayOptions {
	category: string;
	speed?: string;
	/** every home (grey covered, black not) or only the uncovered ones */
	which: 'all' | 'uncovered';
	homeLabel: (home: HomeInTile) => string;
	cellLabel: (cell: HomeCell) => string;
}

const minZoom = 9;
const maxZoom = 18;
/** a view never asks for more tiles than this (a very large screen at the lowest zoom) */
const maxTiles = 64;

/** The Web Mercator tile numbers (x, y) holding a point at zoom `z`. */
export function tileOf(point: [number, number], z: number): [number, number] {
	const n = 2 ** z;
	const [lng, lat] = point;
	const x = Math.floor(((lng + 180) / 360) * n);
	const rad = (Math.max(-85, Math.min(85, lat)) * Math.PI) / 180;
	const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
	return [Math.max(0, Math.min(n - 1, x)), Math.max(0, Math.min(n - 1, y))];
}

/** The tiles covering a view (south-west and north-east corners, WGS84) at zoom `z`, at most `maxTiles`. */
export function tilesInView(
	southWest: [number, number],
	northEast: [number, number],
	z: number
): { x: number; y: number }[] {
	const [x0, y1] = tileOf(southWest, z);
	const [x1, y0] = tileOf(northEast, z);
	const tiles: { x: number; y: number }[] = [];
	for (let y = y0; y <= y1; y++)
		for (let x = x0; x <= x1; x++) if (tiles.length < maxTiles) tiles.push({ x, y });
	return tiles;
}

/** radius in pixels of a cell of `homes` homes: grows with the square root, never past 16 */
export const cellRadius = (homes: number) => Math.min(16, 4 + Math.sqrt(homes) / 2);

export function tileCircles(tile: HomesTile, options: HomesOverlayOptions): MapCircle[] {
	const homes = (tile.homes ?? []).map((home) => ({
		point: home.point,
		radius: home.uncovered ? 2.5 : 2,
		fill: home.uncovered ? '#000' : '#8a8a8a',
		stroke: home.uncovered ? '#000' : '#8a8a8a',
		label: options.homeLabel(home)
	}));
	const cells = (tile.cells ?? []).map((cell) => ({
		point: cell.point,
		radius: cellRadius(cell.homes),
		fill: cell.uncovered > 0 ? '#000' : '#8a8a8a',
		stroke: '#fff',
		label: options.cellLabel(cell)
	}));
	return [...cells, ...homes];
}

export function homesOverlay(options: HomesOverlayOptions): MapOverlay {
	return (L, map, crs) => {
		const group = L.layerGroup().addTo(map);
		const element = map.getContainer();
		const shown = new Map<string, { layer?: Leaflet.LayerGroup; tile?: HomesTile }>();
		const aborts = new Map<string, AbortController>();
		const query = new URLSearchParams({ category: options.category, which: options.which });
		if (options.speed) query.set('speed', options.speed);

		// what the map shows, for people reading the page's state and for browser tests
		const report = () => {
			let homes = 0;
			let cells = 0;
			for (const { tile } of shown.values()) {
				homes += tile?.homes?.length ?? 0;
				cells += tile?.cells?.length ?? 0;
			}
			element.dataset.homes = String(homes);
			element.dataset.homeCells = String(cells);
			element.dataset.homesLoaded = String(aborts.size === 0);
		};

		const update = () => {
			const z = Math.max(minZoom, Math.min(maxZoom, Math.round(map.getZoom())));
			const bounds = map.getBounds();
			const southWest = fromDisplay([bounds.getWest(), bounds.getSouth()], crs);
			const northEast = fromDisplay([bounds.getEast(), bounds.getNorth()], crs);
			const wanted = new Set(tilesInView(southWest, northEast, z).map((t) => `${z}/${t.x}/${t.y}`));
			for (const [key, entry] of shown) {
				if (wanted.has(key)) continue;
				entry.layer?.remove();
				shown.delete(key);
				aborts.get(key)?.abort();
				aborts.delete(key);
			}
			for (const key of wanted) {
				if (shown.has(key)) continue;
				const entry: { layer?: Leaflet.LayerGroup; tile?: HomesTile } = {};
				shown.set(key, entry);
				const [tz, tx, ty] = key.split('/');
				const abort = new AbortController();
				aborts.set(key, abort);
				fetch(`/api/homes?${query}&z=${tz}&x=${tx}&y=${ty}`, { signal: abort.signal })
					.then((response) => (response.ok ? (response.json() as Promise<HomesTile>) : null))
					.then((tile) => {
						if (shown.get(key) !== entry || !tile) return;
						entry.tile = tile;
						entry.layer = circleLayer(L, tileCircles(tile, options), crs);
						group.addLayer(entry.layer);
					})
					.catch(() => undefined)
					.finally(() => {
						if (aborts.get(key) === abort) aborts.delete(key);
						report();
					});
			}
			report();
		};

		map.on('moveend', update);
		update();
		return () => {
			map.off('moveend', update);
			for (const abort of aborts.values()) abort.abort();
			aborts.clear();
			group.remove();
		};
	};
}
