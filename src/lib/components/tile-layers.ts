import type * as Leaflet from 'leaflet';
import type { TileSettings } from '$lib/tiles';

/**
 * The configured raster tiles, and their label layer (天地图's cva) in a pane of its own between the
 * tiles and the overlays: names stay above the base map and under the bands and markers.
 */
export function showTiles(L: typeof Leaflet, map: Leaflet.Map, tiles: TileSettings): void {
	const options = { maxZoom: 18, subdomains: tiles.subdomains };
	L.tileLayer(tiles.url, { ...options, attribution: tiles.attribution }).addTo(map);
	if (!tiles.labelUrl) return;
	const pane = map.createPane('tile-labels');
	pane.style.zIndex = '350';
	pane.style.pointerEvents = 'none';
	L.tileLayer(tiles.labelUrl, { ...options, pane: 'tile-labels' }).addTo(map);
}
