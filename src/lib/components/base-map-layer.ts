// The offline vector base map (city outline, ~9,000 street edges, community labels) as canvas tiles.
// One Leaflet polyline of every street re-projected and redrew the whole city in one long task at
// start-up and after each zoom; here the streets are projected once (in slices), indexed, and each
// tile draws only the streets that cross it, a slice at a time, so no task holds the main thread long.
import type * as Leaflet from 'leaflet';
import Flatbush from 'flatbush';
import { toDisplay, type DisplayCrs } from '$lib/map-crs';
import type { BaseMap } from './map-types';
import { slices, yieldToMain } from './main-thread';

type L = typeof Leaflet;

export const baseMapStyle = {
	outline: { stroke: '#7a8a99', width: 2, fill: '#eef2f5' },
	streets: { stroke: '#b8c2cc', width: 1.5 }
} as const;

/** Streets in Leaflet's zoom-0 pixels (multiply by 2^z for zoom z), edge i = points starts[i]…starts[i+1]. */
export interface PreparedBaseMap {
	outline: Float64Array[][];
	starts: Uint32Array;
	xy: Float64Array;
	index: Flatbush;
	bounds: Leaflet.LatLngBounds;
	communities: BaseMap['communities'];
}

export async function prepareBaseMap(
	L: L,
	crs: Leaflet.CRS,
	base: BaseMap,
	displayCrs: DisplayCrs
): Promise<PreparedBaseMap> {
	const slice = slices('map:base-map');
	const bounds = L.latLngBounds([]);
	const project = (point: [number, number], into: Float64Array, at: number) => {
		const [lng, lat] = toDisplay(point, displayCrs);
		const latLng = L.latLng(lat, lng);
		bounds.extend(latLng);
		const pixel = crs.latLngToPoint(latLng, 0);
		into[at] = pixel.x;
		into[at + 1] = pixel.y;
	};
	const outline = base.outline.map((polygon) =>
		polygon.map((ring) => {
			const xy = new Float64Array(ring.length * 2);
			ring.forEach((point, i) => project(point, xy, i * 2));
			return xy;
		})
	);
	const starts = new Uint32Array(base.streets.length + 1);
	for (let i = 0; i < base.streets.length; i++) starts[i + 1] = starts[i] + base.streets[i].length;
	const xy = new Float64Array(starts[base.streets.length] * 2);
	const index = new Flatbush(Math.max(1, base.streets.length));
	for (let i = 0; i < base.streets.length; i++) {
		let minX = Infinity;
		let minY = Infinity;
		let maxX = -Infinity;
		let maxY = -Infinity;
		for (let p = starts[i]; p < starts[i + 1]; p++) {
			project(base.streets[i][p - starts[i]], xy, p * 2);
			minX = Math.min(minX, xy[p * 2]);
			maxX = Math.max(maxX, xy[p * 2]);
			minY = Math.min(minY, xy[p * 2 + 1]);
			maxY = Math.max(maxY, xy[p * 2 + 1]);
		}
		index.add(minX, minY, maxX, maxY);
		if (slice.due()) await slice.next();
	}
	if (base.streets.length === 0) index.add(0, 0, 0, 0);
	index.finish();
	slice.end();
	return { outline, starts, xy, index, bounds, communities: base.communities };
}

interface TileJob {
	canvas: HTMLCanvasElement;
	coords: Leaflet.Coords;
	done: Leaflet.DoneCallback;
	cancelled: boolean;
}

/** A grid layer whose tiles are drawn one after another, each in slices of the main thread. */
export function baseMapTiles(L: L, prepared: PreparedBaseMap): Leaflet.GridLayer {
	const jobs: TileJob[] = [];
	const byTile = new Map<HTMLElement, TileJob>();
	let drawing = false;

	async function drawTile(job: TileJob, tileSize: Leaflet.Point) {
		const slice = slices('map:base-map');
		const ratio = Math.min(2, window.devicePixelRatio || 1);
		const context = job.canvas.getContext('2d');
		if (!context) return;
		context.scale(ratio, ratio);
		const scale = 2 ** job.coords.z;
		const originX = job.coords.x * tileSize.x;
		const originY = job.coords.y * tileSize.y;
		context.lineCap = 'round';
		context.lineJoin = 'round';

		for (const polygon of prepared.outline) {
			context.beginPath();
			for (const ring of polygon) {
				for (let i = 0; i < ring.length; i += 2) {
					const x = ring[i] * scale - originX;
					const y = ring[i + 1] * scale - originY;
					if (i === 0) context.moveTo(x, y);
					else context.lineTo(x, y);
				}
				context.closePath();
			}
			context.fillStyle = baseMapStyle.outline.fill;
			context.fill('evenodd');
			context.strokeStyle = baseMapStyle.outline.stroke;
			context.lineWidth = baseMapStyle.outline.width;
			context.stroke();
		}

		// the outline's fill can be a large path at a close zoom: the streets start in a slice of their own
		if (slice.due()) {
			await slice.next();
			if (job.cancelled) return;
		}
		// the streets crossing this tile (and its edge, for the line width)
		const margin = 2;
		const ids = prepared.index.search(
			(originX - margin) / scale,
			(originY - margin) / scale,
			(originX + tileSize.x + margin) / scale,
			(originY + tileSize.y + margin) / scale
		);
		const { starts, xy } = prepared;
		context.strokeStyle = baseMapStyle.streets.stroke;
		context.lineWidth = baseMapStyle.streets.width;
		context.beginPath();
		// stroked every few hundred streets, so a slice's last stroke stays small too
		let pending = 0;
		for (const id of ids) {
			let lastX = xy[starts[id] * 2] * scale - originX;
			let lastY = xy[starts[id] * 2 + 1] * scale - originY;
			context.moveTo(lastX, lastY);
			for (let p = starts[id] + 1; p < starts[id + 1]; p++) {
				const x = xy[p * 2] * scale - originX;
				const y = xy[p * 2 + 1] * scale - originY;
				// simplified for the zoom shown: points closer than a pixel to the last one add nothing
				if (p < starts[id + 1] - 1 && Math.abs(x - lastX) < 1 && Math.abs(y - lastY) < 1) continue;
				context.lineTo(x, y);
				lastX = x;
				lastY = y;
			}
			if (++pending < 256) continue;
			context.stroke();
			context.beginPath();
			pending = 0;
			if (slice.due()) {
				await slice.next();
				if (job.cancelled) return;
			}
		}
		context.stroke();
		slice.end();
	}

	async function drainQueue(layer: Leaflet.GridLayer) {
		if (drawing) return;
		drawing = true;
		try {
			for (let job = jobs.shift(); job; job = jobs.shift()) {
				if (job.cancelled) continue;
				await drawTile(job, layer.getTileSize());
				byTile.delete(job.canvas);
				if (!job.cancelled) job.done(undefined, job.canvas);
				// the next tile starts in a task of its own
				await yieldToMain();
			}
		} finally {
			drawing = false;
		}
	}

	const Tiles: new (options: Leaflet.GridLayerOptions) => Leaflet.GridLayer = L.GridLayer.extend({
		createTile(this: Leaflet.GridLayer, coords: Leaflet.Coords, done: Leaflet.DoneCallback) {
			const canvas = document.createElement('canvas');
			const size = this.getTileSize();
			const ratio = Math.min(2, window.devicePixelRatio || 1);
			canvas.width = size.x * ratio;
			canvas.height = size.y * ratio;
			const job = { canvas, coords, done, cancelled: false };
			jobs.push(job);
			byTile.set(canvas, job);
			void drainQueue(this);
			return canvas;
		}
	});
	const layer = new Tiles({
		bounds: prepared.bounds.pad(0.05),
		// no drawing in the middle of a pinch or a zoom animation
		updateWhenZooming: false,
		keepBuffer: 1
	});
	const cancel = (tile: HTMLElement) => {
		const job = byTile.get(tile);
		if (job) job.cancelled = true;
		byTile.delete(tile);
	};
	layer.on('tileunload', (event) => cancel((event as Leaflet.TileEvent).tile));
	layer.on('remove', () => {
		for (const tile of [...byTile.keys()]) cancel(tile);
		jobs.length = 0;
	});
	return layer;
}

/**
 * Community names at zoom 13 and closer: plain positioned labels (no tooltips, whose placement reads
 * layout once per label), added in slices.
 */
export function communityLabels(
	L: L,
	map: Leaflet.Map,
	communities: BaseMap['communities'],
	displayCrs: DisplayCrs
): Leaflet.LayerGroup {
	// under the service point markers (and their clusters), over the bands and routes
	if (!map.getPane('labels')) map.createPane('labels').style.zIndex = '450';
	const labels = L.layerGroup();
	let built = false;
	const build = async () => {
		built = true;
		const slice = slices('map:labels');
		for (const community of communities) {
			const text = document.createElement('span');
			// DOM text, never HTML: names come from the database
			text.className = 'community-tooltip';
			text.textContent = community.name;
			const [lng, lat] = toDisplay(community.centre, displayCrs);
			L.marker([lat, lng], {
				icon: L.divIcon({ className: 'community-label', html: text, iconSize: [0, 0] }),
				interactive: false,
				keyboard: false,
				pane: 'labels'
			}).addTo(labels);
			if (slice.due()) await slice.next();
		}
		slice.end();
	};
	const toggle = () => {
		if (map.getZoom() < 13) {
			labels.removeFrom(map);
			return;
		}
		labels.addTo(map);
		if (!built) void build();
	};
	map.on('zoomend', toggle);
	toggle();
	return labels;
}
