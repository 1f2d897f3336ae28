// Drawing helpers for MapView, the only component that loads Leaflet: they receive the loaded
// module rather than importing it, so nothing here touches `window` on the server.
import type * as Leaflet from 'leaflet';
import type { LngLat } from '$lib/geo';
import { toDisplay, type DisplayCrs } from '$lib/map-crs';
import type { MapCategory, MapCircle, MapPoint } from './map-types';

type L = typeof Leaflet;

export const lightCategoryColours = ['#F0E442', '#E69F00', '#56B4E9'];
/** one hue, darker for nearer: 5, 10, 15 minutes */
export const bandColours: Record<number, string> = { 5: '#08519c', 10: '#3182bd', 15: '#9ecae1' };

export function latLng(point: LngLat, crs: DisplayCrs): [number, number] {
	const [lng, lat] = toDisplay(point, crs);
	return [lat, lng];
}

/**
 * Tooltip and popup content as a DOM node: Leaflet puts a string in with innerHTML, and names come
 * from the database and imports, so a name with markup must read as text, never become elements.
 */
export function textContent(text: string): HTMLElement {
	const span = document.createElement('span');
	span.textContent = text;
	return span;
}

function categoryIcon(L: L, category: MapCategory, selected: boolean) {
	const icon = document.createElement('span');
	icon.className = selected ? 'point-icon selected' : 'point-icon';
	icon.style.background = category.colour;
	icon.style.color = lightCategoryColours.includes(category.colour) ? '#000' : '#fff';
	icon.textContent = category.icon;
	return L.divIcon({ className: 'point-marker', html: icon, iconSize: [26, 26] });
}

function popupContent(point: MapPoint): HTMLElement {
	// DOM nodes, never HTML strings: names come from the database.
	const box = document.createElement('div');
	const link = document.createElement('a');
	link.href = `/service-points/${point.id}`;
	link.textContent = point.name;
	box.append(link);
	if (point.address) {
		const address = document.createElement('div');
		address.textContent = point.address;
		box.append(address);
	}
	return box;
}

export interface PointLayerOptions {
	categories: MapCategory[];
	english: boolean;
	crs: DisplayCrs;
	selectedId?: number | null;
	onselect?: (id: number) => void;
	/** a markercluster group factory when clustering is wanted */
	clusterGroup?: () => Leaflet.LayerGroup;
	/** false: markers are not tab stops (a list beside the map offers the same points) */
	keyboard?: boolean;
}

export function pointLayer(
	L: L,
	points: MapPoint[],
	options: PointLayerOptions
): Leaflet.LayerGroup {
	const byCode = new Map(options.categories.map((c) => [c.code, c]));
	const layer = options.clusterGroup ? options.clusterGroup() : L.layerGroup();
	for (const point of points) {
		const category = byCode.get(point.categoryCode);
		if (!category) continue;
		const marker = L.marker(latLng(point.point, options.crs), {
			icon: categoryIcon(L, category, point.id === options.selectedId),
			title: `${point.name} (${options.english ? category.nameEn : category.nameZh})`,
			alt: point.name,
			keyboard: options.keyboard ?? true
		}).bindPopup(popupContent(point));
		if (options.onselect) marker.on('click', () => options.onselect?.(point.id));
		layer.addLayer(marker);
	}
	return layer;
}

export function homeLayer(L: L, home: LngLat, label: string, crs: DisplayCrs): Leaflet.Layer {
	const icon = document.createElement('span');
	icon.className = 'home-icon';
	icon.textContent = '家';
	return L.marker(latLng(home, crs), {
		icon: L.divIcon({ className: 'home-marker', html: icon, iconSize: [34, 34] }),
		title: label,
		alt: label,
		zIndexOffset: 1000,
		keyboard: true
	});
}

export interface BandCollection {
	type: 'FeatureCollection';
	features: {
		geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: number[][][] | number[][][][] };
		properties: { minutes: number };
	}[];
}

export function bandLayer(L: L, bands: BandCollection, crs: DisplayCrs): Leaflet.LayerGroup {
	const group = L.layerGroup();
	const ring = (coordinates: number[][]) => coordinates.map((p) => latLng([p[0], p[1]], crs));
	// Largest first, so the nearer bands are drawn on top.
	const sorted = [...bands.features].sort((a, b) => b.properties.minutes - a.properties.minutes);
	for (const band of sorted) {
		const polygons =
			band.geometry.type === 'Polygon'
				? [band.geometry.coordinates as number[][][]]
				: (band.geometry.coordinates as number[][][][]);
		L.polygon(
			polygons.map((polygon) => polygon.map(ring)),
			{
				color: bandColours[band.properties.minutes] ?? '#3182bd',
				weight: 1.5,
				fillColor: bandColours[band.properties.minutes] ?? '#3182bd',
				fillOpacity: 0.18,
				interactive: false
			}
		).addTo(group);
	}
	return group;
}

export function routeLayer(L: L, coordinates: LngLat[], crs: DisplayCrs): Leaflet.Layer {
	return L.polyline(
		coordinates.map((p) => latLng(p, crs)),
		{
			color: '#d55e00',
			weight: 5,
			opacity: 0.9,
			dashArray: '1 8',
			lineCap: 'round',
			interactive: false
		}
	);
}

export function circleLayer(L: L, circles: MapCircle[], crs: DisplayCrs): Leaflet.LayerGroup {
	const group = L.layerGroup();
	for (const circle of circles) {
		L.circleMarker(latLng(circle.point, crs), {
			radius: circle.radius,
			color: circle.stroke ?? '#333',
			weight: 1.5,
			fillColor: circle.fill,
			fillOpacity: 0.75
		})
			.bindTooltip(textContent(circle.label), {
				permanent: circle.permanent ?? false,
				direction: 'bottom',
				offset: [0, circle.radius],
				className: 'circle-tooltip'
			})
			.addTo(group);
	}
	return group;
}
