import Papa from 'papaparse';
import { parseGeoJsonText, toWgs84, type CoordinateDatum } from '$lib/geo';
import { m } from '$lib/paraglide/messages';
import { unescapeCsvCell } from '../csv';

/** A file's rows as text cells by column name, whatever the format. */
export type Row = Record<string, string>;

export interface RejectedRow {
	/** 1-based line of the CSV (header = 1), or feature number + 1 for GeoJSON */
	line: number;
	errors: string[];
}

export type ParsedFile = { ok: true; rows: Row[] } | { ok: false; message: string };

export const maxImportBytes = 5 * 1024 * 1024;

/** CSV with a header row (UTF-8, a BOM is dropped); every listed column must be present. */
export function parseCsv(text: string, required: readonly string[]): ParsedFile {
	const parsed = Papa.parse<Row>(text.replace(/^\uFEFF/, ''), {
		header: true,
		skipEmptyLines: 'greedy',
		transformHeader: (h) => h.trim().toLowerCase()
	});
	const columns = parsed.meta.fields ?? [];
	const missing = required.filter((c) => !columns.includes(c));
	if (missing.length)
		return { ok: false, message: m.plan_import_missing_columns({ columns: missing.join(', ') }) };
	if (parsed.data.length === 0) return { ok: false, message: m.plan_import_empty() };
	return { ok: true, rows: parsed.data.map((row) => trimRow(row, unescapeCsvCell)) };
}

/** GeoJSON Point features: the coordinates become lng/lat, the properties the other cells. */
export function parseGeoJsonRows(text: string): ParsedFile {
	let geojson: Record<string, unknown>;
	try {
		geojson = parseGeoJsonText(text, 'file');
	} catch {
		return { ok: false, message: m.plan_import_unreadable() };
	}
	if (geojson.type !== 'FeatureCollection' || !Array.isArray(geojson.features))
		return { ok: false, message: m.plan_import_unreadable() };
	if (geojson.features.length === 0) return { ok: false, message: m.plan_import_empty() };
	const rows = geojson.features.map((feature: unknown): Row => {
		const f = (feature ?? {}) as {
			geometry?: { type?: string; coordinates?: unknown };
			properties?: unknown;
		};
		const properties = (
			f.properties && typeof f.properties === 'object' ? f.properties : {}
		) as Record<string, unknown>;
		const row: Row = {};
		for (const [key, value] of Object.entries(properties)) {
			if (value !== null && value !== undefined && typeof value !== 'object')
				row[key.toLowerCase()] = String(value);
		}
		const coordinates =
			f.geometry?.type === 'Point' && Array.isArray(f.geometry.coordinates)
				? f.geometry.coordinates
				: [];
		row.lng = coordinates[0] === undefined ? '' : String(coordinates[0]);
		row.lat = coordinates[1] === undefined ? '' : String(coordinates[1]);
		return row;
	});
	return { ok: true, rows };
}

/** `unescape` first: a cell our own export neutralised (`'=…`) reads back as it was typed. */
export function trimRow(row: Row, unescape: (cell: string) => string): Row {
	const out: Row = {};
	for (const [key, value] of Object.entries(row))
		out[key] = typeof value === 'string' ? unescape(value).trim() : '';
	return out;
}

/** Collects a row's errors cell by cell, so one report names every problem of the row. */
export class RowReader {
	readonly errors: string[] = [];
	constructor(private readonly row: Row) {}

	text(column: string, max: number, required = true): string {
		const value = this.row[column] ?? '';
		if (required && value === '') this.errors.push(m.plan_import_required({ column }));
		else if (value.length > max) this.errors.push(m.plan_import_too_long({ column, max }));
		return value;
	}

	number(column: string, min: number, max: number, integer = false): number {
		const raw = this.row[column] ?? '';
		const value = Number(raw);
		if (
			raw === '' ||
			!Number.isFinite(value) ||
			(integer && !Number.isInteger(value)) ||
			value < min ||
			value > max
		) {
			this.errors.push(m.plan_import_number({ column, min, max }));
			return NaN;
		}
		return value;
	}

	/**
	 * The row's lng and lat, given in the file's coordinate system, as WGS84 (what is stored);
	 * converted only when both are valid, and rounded to 1e-7° (≈ 1 cm).
	 */
	point(datum: CoordinateDatum): { lng: number; lat: number } {
		const lng = this.number('lng', -180, 180);
		const lat = this.number('lat', -90, 90);
		if (datum === 'wgs84' || Number.isNaN(lng) || Number.isNaN(lat)) return { lng, lat };
		const [wgsLng, wgsLat] = toWgs84([lng, lat], datum);
		return { lng: roundDegrees(wgsLng), lat: roundDegrees(wgsLat) };
	}

	flag(column: string, fallback: boolean): boolean {
		const value = (this.row[column] ?? '').toLowerCase();
		if (value === '') return fallback;
		if (['1', 'true', 'yes', 'y', '是'].includes(value)) return true;
		if (['0', 'false', 'no', 'n', '否'].includes(value)) return false;
		this.errors.push(m.plan_import_flag({ column }));
		return fallback;
	}

	oneOf(column: string, known: ReadonlySet<string>): string {
		const value = this.row[column] ?? '';
		if (value === '') this.errors.push(m.plan_import_required({ column }));
		else if (!known.has(value))
			this.errors.push(m.plan_import_unknown({ column, value: value.slice(0, 40) }));
		return value;
	}

	/** An optional id of an existing row to update; empty for a new row. */
	id(known: ReadonlySet<number>): number | null {
		const raw = this.row.id ?? '';
		if (raw === '') return null;
		const value = Number(raw);
		if (!Number.isInteger(value) || !known.has(value)) {
			this.errors.push(m.plan_import_unknown({ column: 'id', value: raw.slice(0, 40) }));
			return null;
		}
		return value;
	}
}

const roundDegrees = (degrees: number) => Math.round(degrees * 1e7) / 1e7;

export type ImportMode = 'partial' | 'all';

export interface ImportReport {
	/** false when nothing was written (all-or-nothing with rejected rows) */
	written: boolean;
	mode: ImportMode;
	inserted: number;
	updated: number;
	/** the rejected rows (at most the first thousand) */
	rejected: RejectedRow[];
	/** how many rows were rejected in all */
	rejectedTotal: number;
}
