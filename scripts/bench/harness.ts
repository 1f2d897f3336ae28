/**
 * A tiny benchmark harness: sections print as rows of one table, so others can add sections
 * (scripts/bench/*.ts exporting functions that call `measure`/`record`) without a framework.
 */
export interface BenchRow {
	section: string;
	name: string;
	value: string;
	target?: string;
	note?: string;
}

const rows: BenchRow[] = [];
let currentSection = '';

export async function section(name: string, run: () => void | Promise<void>): Promise<void> {
	currentSection = name;
	console.error(`… ${name}`);
	await run();
}

export function record(name: string, value: string, target?: string, note?: string): void {
	rows.push({ section: currentSection, name, value, target, note });
}

/** Milliseconds of one call. */
export function timeOnce<T>(run: () => T): { ms: number; result: T } {
	const start = performance.now();
	const result = run();
	return { ms: performance.now() - start, result };
}

/** Median milliseconds over `repeat` calls (after one warm-up call). */
export function medianMs(repeat: number, run: (i: number) => unknown): number {
	run(-1);
	const times: number[] = [];
	for (let i = 0; i < repeat; i++) times.push(timeOnce(() => run(i)).ms);
	times.sort((a, b) => a - b);
	return times[Math.floor(times.length / 2)];
}

/** medianMs for work that awaits (the data layer's verbs): each run awaited before the next. */
export async function medianMsAsync(
	repeat: number,
	run: (i: number) => Promise<unknown>
): Promise<number> {
	await run(-1);
	const times: number[] = [];
	for (let i = 0; i < repeat; i++) {
		const started = performance.now();
		await run(i);
		times.push(performance.now() - started);
	}
	times.sort((a, b) => a - b);
	return times[Math.floor(times.length / 2)];
}

export function formatMs(ms: number): string {
	return ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(0)} ms`;
}

export function peakRssMb(): number {
	// maxRSS is in kilobytes
	return process.resourceUsage().maxRSS / 1024;
}

export function printTable(): void {
	const header: BenchRow = {
		section: 'section',
		name: 'measure',
		value: 'value',
		target: 'target',
		note: 'note'
	};
	const all = [header, ...rows];
	const widths = (['section', 'name', 'value', 'target'] as const).map((key) =>
		Math.max(...all.map((row) => (row[key] ?? '').length))
	);
	for (const row of all) {
		const cells = [row.section, row.name, row.value, row.target ?? ''].map((cell, i) =>
			cell.padEnd(widths[i])
		);
		console.log(`| ${cells.join(' | ')} | ${row.note ?? ''}`);
	}
}
