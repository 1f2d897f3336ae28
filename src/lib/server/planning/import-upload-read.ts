import { closeSync, createReadStream, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import Papa from 'papaparse';
import { m } from '$lib/paraglide/messages';
import type { Db } from '../db';
import { log } from '../log';
import { unescapeCsvCell } from '../csv';
import { decodeText, decodingStream, detectFileEncoding } from '../text-encoding';
import { residenceRequired, servicePointRequired } from './data-columns';
import { parseGeoJsonRows, trimRow, maxImportBytes, type Row } from './import-rows';
import { ImportBatch } from './import-table';
import type { Upload } from './import-upload';
import { residenceImporter } from './residences-data';
import { servicePointImporter } from './service-points-data';
import { importNetwork } from './network-data';

/**
 * Reading and writing a completely received upload (import-upload.ts keeps the uploads): the
 * staged file is read as a stream, a CSV row at a time with other requests served every
 * `rowsPerStep` rows, and the good rows are written in one transaction (or none of them). The
 * upload's state, counts and report are updated as it goes, for the page that polls them.
 */

/** what the readers fill: an ImportBatch of any kind of row */
type RowSink = Pick<ImportBatch<{ id: number | null }>, 'add' | 'rows' | 'finish'>;

/** rows checked between two pauses that let other requests run */
const rowsPerStep = 2000;

/** Reads the staged file, then writes its good rows; the upload says how far it got. */
export async function readAndWrite(db: Db, upload: Upload): Promise<void> {
	try {
		if (upload.kind === 'network') {
			if (upload.size > maxImportBytes) {
				upload.message = m.plan_import_network_too_large();
				upload.state = 'failed';
				return;
			}
			const decoded = decodeText(readFileSync(upload.file));
			if (!decoded.ok) {
				upload.message = m.import_encoding_unreadable();
				upload.state = 'failed';
				return;
			}
			const result = await importNetwork(
				db,
				upload.actorUserId,
				decoded.text,
				upload.name,
				upload.datum
			);
			upload.read = upload.size;
			if (result.ok) upload.lines = result.lines;
			else upload.message = result.message;
			upload.state = result.ok ? 'done' : 'failed';
			return;
		}
		const batch: RowSink =
			upload.kind === 'residences'
				? new ImportBatch(await residenceImporter(db, upload.actorUserId, upload.datum))
				: new ImportBatch(await servicePointImporter(db, upload.actorUserId, upload.datum));
		const required = upload.kind === 'residences' ? residenceRequired : servicePointRequired;
		const problem =
			upload.kind === 'residences' && isGeoJsonFile(upload)
				? await readGeoJson(upload, batch)
				: await readCsv(upload, batch, required);
		if (problem) {
			upload.message = problem;
			upload.state = 'failed';
			return;
		}
		upload.state = 'writing';
		// the reader's last step has returned: the write starts on a fresh turn of the event loop
		await new Promise((resolve) => setImmediate(resolve));
		const writing = performance.now();
		const report = await batch.finish(db, upload.mode);
		log.info('import written', {
			kind: upload.kind,
			rows: upload.rows,
			written: report.written,
			ms: Math.round(performance.now() - writing)
		});
		upload.report = report;
		if (!report.written) upload.message = m.plan_import_nothing();
		upload.state = report.written ? 'done' : 'failed';
	} catch {
		upload.message = m.plan_import_unreadable();
		upload.state = 'failed';
	} finally {
		rmSync(upload.file, { force: true });
		upload.touched = Date.now();
	}
}

function isGeoJsonFile(upload: Upload): boolean {
	if (/\.(geo)?json$/i.test(upload.name)) return true;
	const start = Buffer.alloc(64);
	const descriptor = openSync(upload.file, 'r');
	try {
		readSync(descriptor, start, 0, 64, 0);
	} finally {
		closeSync(descriptor);
	}
	return /^\s*\{/.test(start.toString('utf8').replace(/^\uFEFF/, ''));
}

/** GeoJSON has no row boundaries to stream on: it is read whole, so it keeps the 5 MB limit. */
async function readGeoJson(upload: Upload, batch: RowSink): Promise<string | null> {
	if (upload.size > maxImportBytes) return m.plan_import_geojson_too_large();
	const decoded = decodeText(readFileSync(upload.file));
	if (!decoded.ok) return m.import_encoding_unreadable();
	const parsed = parseGeoJsonRows(decoded.text);
	if (!parsed.ok) return parsed.message;
	for (let i = 0; i < parsed.rows.length; i++) {
		batch.add(parsed.rows[i], i + 2);
		upload.rows = i + 1;
		if ((i + 1) % rowsPerStep === 0) await new Promise((resolve) => setImmediate(resolve));
	}
	upload.read = upload.size;
	return null;
}

/**
 * A CSV read as a stream, a row at a time, pausing every `rowsPerStep` rows; decoded from its
 * detected encoding (UTF-8 or GB18030) by a decoder that keeps a character split between chunks.
 */
async function readCsv(
	upload: Upload,
	batch: RowSink,
	required: readonly string[]
): Promise<string | null> {
	const encoding = await detectFileEncoding(upload.file);
	if (!encoding) return m.import_encoding_unreadable();
	return new Promise((resolve) => {
		const bytes = createReadStream(upload.file);
		bytes.on('data', (chunk) => (upload.read += chunk.length));
		const stream = bytes.pipe(decodingStream(encoding));
		// a read error ends the parse through the decoder (pipe does not pass errors on)
		bytes.on('error', (error) => stream.destroy(error));
		stream.on('close', () => bytes.destroy());
		let line = 1;
		let problem: string | null = null;
		Papa.parse<Row>(stream, {
			header: true,
			skipEmptyLines: 'greedy',
			transformHeader: (h) =>
				h
					.replace(/^\uFEFF/, '')
					.trim()
					.toLowerCase(),
			step: (results, parser) => {
				if (line === 1) {
					const columns = results.meta.fields ?? [];
					const missing = required.filter((c) => !columns.includes(c));
					if (missing.length) {
						problem = m.plan_import_missing_columns({ columns: missing.join(', ') });
						parser.abort();
						return;
					}
				}
				line++;
				batch.add(trimRow(results.data, unescapeCsvCell), line);
				upload.rows = batch.rows;
				if (batch.rows % rowsPerStep === 0) {
					parser.pause();
					setImmediate(() => parser.resume());
				}
			},
			complete: () => {
				stream.destroy();
				if (!problem && batch.rows === 0) problem = m.plan_import_empty();
				resolve(problem);
			},
			error: () => {
				stream.destroy();
				resolve(m.plan_import_unreadable());
			}
		});
	});
}
