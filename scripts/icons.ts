/**
 * Renders the app icons (static/icons/*.png) from their SVG sources with the system Chromium, so the
 * PNGs that Android and the install prompt need come from one drawing and no image library:
 * `npx tsx scripts/icons.ts` after editing an SVG, then commit the PNGs.
 * The maskable icon (and the Apple touch icon, which iOS rounds itself) keeps its mark inside the central 80 % circle (the platform crops the rest).
 */
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';

const folder = 'static/icons';
const outputs = [
	{ source: 'icon.svg', size: 192, file: 'icon-192.png' },
	{ source: 'icon.svg', size: 512, file: 'icon-512.png' },
	{ source: 'icon-maskable.svg', size: 180, file: 'apple-touch-icon.png' },
	{ source: 'icon-maskable.svg', size: 192, file: 'icon-maskable-192.png' },
	{ source: 'icon-maskable.svg', size: 512, file: 'icon-maskable-512.png' }
];

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu']
});
const page = await browser.newPage();
for (const { source, size, file } of outputs) {
	const svg = readFileSync(`${folder}/${source}`, 'utf8');
	await page.setViewportSize({ width: size, height: size });
	await page.setContent(
		`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`
	);
	await page.locator('svg').screenshot({ path: `${folder}/${file}`, omitBackground: true });
	console.log(`${folder}/${file} (${size}×${size})`);
}
await browser.close();
