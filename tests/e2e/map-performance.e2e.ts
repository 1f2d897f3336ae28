import AxeBuilder from './axe';
import { expect, test, type Page } from '@playwright/test';
import { openPage } from './helpers';

/**
 * The map's start-up work (projecting and drawing ~9,000 streets, hundreds of markers) is cut into
 * slices that give the main thread back; each slice is a `performance.measure` named map:…. Before,
 * the streets were one Leaflet polyline drawn in a single task of half a second or more on this
 * machine (Lighthouse's total blocking time on /map was over 2 s).
 */
interface Timing {
	name: string;
	start: number;
	duration: number;
}

async function recordLongTasks(page: Page) {
	await page.addInitScript(() => {
		const tasks: { start: number; duration: number }[] = [];
		(window as unknown as { longTasks: typeof tasks }).longTasks = tasks;
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries())
				tasks.push({ start: entry.startTime, duration: entry.duration });
		}).observe({ type: 'longtask', buffered: true });
	});
}

async function timings(page: Page): Promise<{ slices: Timing[]; longTasks: Timing[] }> {
	return page.evaluate(() => ({
		slices: performance
			.getEntriesByType('measure')
			.filter((entry) => entry.name.startsWith('map:'))
			.map((entry) => ({ name: entry.name, start: entry.startTime, duration: entry.duration })),
		longTasks: (
			window as unknown as { longTasks: { start: number; duration: number }[] }
		).longTasks.map((task) => ({ name: 'longtask', ...task }))
	}));
}

/** The slices must stay short whatever the machine's load: they end at a clock deadline (8 ms). */
const sliceCeilingMs = 150;

function expectSliced(all: Timing[], name: string, minimum: number) {
	const slices = all.filter((slice) => slice.name === name);
	expect(slices.length, `${name} slices`).toBeGreaterThanOrEqual(minimum);
	const longest = Math.max(...slices.map((slice) => slice.duration));
	expect(longest, `longest ${name} slice (ms)`).toBeLessThan(sliceCeilingMs);
}

/** Long tasks (over 50 ms) in which the map's own drawing ran. */
function longTasksWithMapWork(longTasks: Timing[], slices: Timing[]): Timing[] {
	return longTasks.filter((task) =>
		slices.some(
			(slice) =>
				slice.start >= task.start - 1 &&
				slice.start + slice.duration <= task.start + task.duration + 1
		)
	);
}

test('/map starts in slices: the base map as canvas tiles, streets and clustered markers never one long task', async ({
	browser
}) => {
	const page = await openPage(browser, 'phone');
	await recordLongTasks(page);
	await page.goto('/map?home=none');
	await page.locator('.map-wrap').scrollIntoViewIfNeeded();
	await expect(page.locator('.map-wrap')).toHaveAttribute('data-map-status', 'ready', {
		timeout: 90_000
	});
	// the streets are canvas tiles, each drawn from the spatial index
	await expect
		.poll(() => page.locator('.leaflet-tile-container canvas.leaflet-tile-loaded').count())
		.toBeGreaterThanOrEqual(2);
	await expect(page.locator('.community-tooltip').first()).toBeAttached();
	// every service point is in (single markers plus cluster counts)
	const listed = Number((await page.locator('#list-title').innerText()).match(/\d+/)![0]);
	await expect
		.poll(() =>
			page.evaluate(() =>
				[...document.querySelectorAll('.leaflet-marker-icon')].reduce(
					(sum, icon) =>
						sum +
						(icon.classList.contains('marker-cluster')
							? Number(icon.textContent)
							: icon.classList.contains('point-marker')
								? 1
								: 0),
					0
				)
			)
		)
		.toBe(listed);

	const { slices, longTasks } = await timings(page);
	// preparing ~9,000 streets and drawing the tiles in view takes several slices, none long
	expectSliced(slices, 'map:base-map', 3);
	expectSliced(slices, 'map:markers', 1);
	const blocking = longTasksWithMapWork(longTasks, slices);
	expect(
		Math.max(0, ...blocking.map((task) => task.duration)),
		`long tasks with map drawing: ${JSON.stringify(blocking)}`
	).toBeLessThan(sliceCeilingMs + 100);
	await page.context().close();
});

test('/map with a home: markers added in slices, not tab stops, no overlapping small targets (axe target-size)', async ({
	browser
}) => {
	const page = await openPage(browser, 'phone');
	await recordLongTasks(page);
	const residences = await (await page.request.get('/api/residences.geojson')).json();
	await page.goto(`/map?home=r:${residences.features[0].properties.id}`);
	await page.locator('.map-wrap').scrollIntoViewIfNeeded();
	await expect(page.locator('.map-wrap')).toHaveAttribute('data-map-status', 'ready', {
		timeout: 90_000
	});
	await expect.poll(() => page.locator('.point-marker').count()).toBeGreaterThan(100);
	const { slices } = await timings(page);
	expectSliced(slices, 'map:markers', 1);
	// the life-circle list beside the map is the keyboard path to the same points
	await expect(page.locator('.point-marker[tabindex]')).toHaveCount(0);
	await expect(page.locator('.home-marker')).toHaveAttribute('tabindex', '0');
	const axe = await new AxeBuilder({ page }).withRules(['target-size']).analyze();
	expect(axe.violations).toEqual([]);
	await page.context().close();
});

test('a service point page loads its map only when it is scrolled near (phone), slot names start with their label', async ({
	browser
}) => {
	const page = await openPage(browser, 'phone');
	const points = await (await page.request.get('/api/service-points.geojson?category=meal')).json();
	await page.goto(`/service-points/${points.features[0].properties.id}`);
	await expect(page.locator('button.slot').first()).toBeVisible();
	// hydrated, with every module it asked for loaded (an eager map would have fetched Leaflet by now)
	await page.waitForLoadState('networkidle');
	// far below the slots on a phone: nothing of Leaflet yet
	await expect(page.locator('.map-wrap')).toHaveAttribute('data-map-status', 'loading');
	await expect(page.locator('.leaflet-container')).toHaveCount(0);
	const axe = await new AxeBuilder({ page }).withRules(['label-content-name-mismatch']).analyze();
	expect(axe.violations).toEqual([]);
	await page.locator('.map-wrap').scrollIntoViewIfNeeded();
	await expect(page.locator('.map-wrap')).toHaveAttribute('data-map-status', 'ready', {
		timeout: 90_000
	});
	await expect(page.locator('.leaflet-marker-icon.point-marker')).toHaveCount(1);
	await page.context().close();
});
