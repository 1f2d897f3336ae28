/**
 * `npm run lighthouse [-- --runs N] [-- --assert]`: Lighthouse 12 (its default mobile emulation: a
 * mid-range phone, 4× CPU slow-down, slow 4G simulated) on the built portal with the demo city, for the
 * pages people open first. Prints performance, accessibility, best practices and SEO per page (median of
 * the runs by performance) and writes every report to tests/output/lighthouse/.
 *
 * Targets (issue "Journeys"): performance ≥ 95, accessibility 100, SEO ≥ 95. `--assert` exits 1 below
 * them. Lighthouse's performance score is simulated from one trace; on a busy machine it drops, so
 * compare runs made on a quiet one (the figures in the README say how busy the machine was).
 */
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { outputDir, privateBuild, removeDatabase, startServer } from '../support/server';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const assert = process.argv.includes('--assert');
const targets = { performance: 95, accessibility: 100, seo: 95 } as const;
const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

interface PageScore {
	page: string;
	scores: Record<(typeof categories)[number], number>;
	tbtMs: number;
	lcpMs: number;
	failedAudits: string[];
}

async function pagesToMeasure(origin: string): Promise<{ name: string; path: string }[]> {
	const residences = await fetch(`${origin}/api/residences.geojson`).then((r) => r.json());
	const communities = await fetch(`${origin}/api/communities.geojson`).then((r) => r.json());
	const points = await fetch(`${origin}/api/service-points.geojson?category=meal`).then((r) =>
		r.json()
	);
	const residenceId = residences.features[0].properties.id;
	const communityCode = communities.features[0].properties.code;
	const servicePointId = points.features[0].properties.id;
	return [
		{ name: 'home', path: '/' },
		{ name: 'map', path: '/map' },
		{ name: 'map with a home', path: `/map?home=r:${residenceId}` },
		{ name: 'service point', path: `/service-points/${servicePointId}` },
		{ name: 'community', path: `/communities/${communityCode}` },
		{ name: '长辈版 home', path: '/elder' }
	];
}

async function measure(url: string, port: number, name: string, run: number): Promise<PageScore> {
	const result = await lighthouse(url, {
		port,
		output: 'json',
		logLevel: 'error',
		onlyCategories: [...categories]
	});
	if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
	const { lhr } = result;
	const dir = join(outputDir, 'lighthouse');
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, `${name.replace(/\W+/g, '-')}-${run}.json`), result.report as string);
	const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
	const failedAudits = Object.values(lhr.audits)
		.filter(
			(audit) =>
				audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode !== 'informative'
		)
		.filter(
			(audit) => audit.scoreDisplayMode !== 'notApplicable' && audit.scoreDisplayMode !== 'manual'
		)
		.map((audit) => audit.id);
	return {
		page: name,
		scores: {
			performance: score('performance'),
			accessibility: score('accessibility'),
			'best-practices': score('best-practices'),
			seo: score('seo')
		},
		tbtMs: Math.round(lhr.audits['total-blocking-time']?.numericValue ?? 0),
		lcpMs: Math.round(lhr.audits['largest-contentful-paint']?.numericValue ?? 0),
		failedAudits
	};
}

const database = join(outputDir, 'lighthouse.db');
removeDatabase(database);
const server = await startServer({ buildDir: privateBuild('lighthouse'), database });
const chrome = await chromeLauncher.launch({
	chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	chromeFlags: [
		'--headless=new',
		'--no-sandbox',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync'
	]
});
let failures = 0;
try {
	const load = loadavg()[0].toFixed(1);
	console.log(`Lighthouse ${runs}× per page on ${server.origin} (load average ${load})`);
	const rows: PageScore[] = [];
	// LIGHTHOUSE_PAGES=map,community measures only the pages whose name contains one of the words
	const only = process.env.LIGHTHOUSE_PAGES?.split(',').filter(Boolean);
	const measured = (await pagesToMeasure(server.origin)).filter(
		(page) => !only || only.some((word) => page.name.includes(word))
	);
	for (const page of measured) {
		const scores: PageScore[] = [];
		for (let run = 1; run <= runs; run++)
			scores.push(await measure(server.origin + page.path, chrome.port, page.name, run));
		scores.sort((a, b) => a.scores.performance - b.scores.performance);
		const median = scores[Math.floor(scores.length / 2)];
		rows.push(median);
		const below = (Object.keys(targets) as (keyof typeof targets)[]).filter(
			(category) => median.scores[category] < targets[category]
		);
		if (below.length > 0) failures++;
		console.log(
			`${page.name.padEnd(16)} ${page.path.padEnd(28)} perf ${median.scores.performance} · a11y ${median.scores.accessibility} · best practices ${median.scores['best-practices']} · SEO ${median.scores.seo} · TBT ${median.tbtMs} ms · LCP ${median.lcpMs} ms` +
				(below.length > 0
					? `  below target: ${below.join(', ')} (${median.failedAudits.join(', ')})`
					: '')
		);
	}
	writeFileSync(join(outputDir, 'lighthouse.json'), JSON.stringify(rows, null, '\t'));
} finally {
	await chrome.kill();
	await server.stop();
}
if (assert && failures > 0) {
	console.error(`${failures} page(s) below the targets`);
	process.exit(1);
}
