/**
 * Writes a generated city as the coverage CLI's three GeoJSON inputs (roads, services, residences),
 * for whole-process measurements: `npx tsx scripts/bench/city-files.ts <scale|province> <directory>`
 * (`province`: the ~10M-resident province of province.ts, about 300 MB of GeoJSON, a few minutes).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoCityInput } from './coverage';
import { provinceInput } from './province';

export function writeCityFiles(
	scale: number | 'province',
	directory: string
): { residences: number; services: number; lines: number } {
	const input = scale === 'province' ? provinceInput() : demoCityInput(scale);
	mkdirSync(directory, { recursive: true });
	const collection = (features: unknown[]) => ({ type: 'FeatureCollection', features });
	writeFileSync(
		join(directory, 'roads.geojson'),
		JSON.stringify(
			collection(
				input.lines.map((coordinates) => ({
					type: 'Feature',
					properties: {},
					geometry: { type: 'LineString', coordinates }
				}))
			)
		)
	);
	writeFileSync(
		join(directory, 'services.geojson'),
		JSON.stringify(
			collection(
				input.facilities.map((f) => ({
					type: 'Feature',
					properties: { id: f.id, category: f.category },
					geometry: { type: 'Point', coordinates: f.point }
				}))
			)
		)
	);
	writeFileSync(
		join(directory, 'residences.geojson'),
		JSON.stringify(
			collection(
				input.residences.map((r) => ({
					type: 'Feature',
					properties: { id: r.id, households: r.households, elderly: r.elderly },
					geometry: { type: 'Point', coordinates: r.point }
				}))
			)
		)
	);
	return {
		residences: input.residences.length,
		services: input.facilities.length,
		lines: input.lines.length
	};
}

if (import.meta.url === `file://${process.argv[1]}`) {
	console.log(
		writeCityFiles(
			process.argv[2] === 'province' ? 'province' : Number(process.argv[2] ?? 3.2),
			process.argv[3] ?? 'tests/output/city'
		)
	);
}
