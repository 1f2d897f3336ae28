import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Leaflet sets a string tooltip, popup or divIcon html with innerHTML. Names come from the database
// and from imports, so every tooltip and popup of the maps must be given a DOM node built with
// textContent, and every divIcon an element (never a string). The browser test
// (admin-planning.e2e.ts) imports a residence named with markup; this one keeps every call site,
// present and future, on the safe helpers.
const sources = [
	'src/lib/components/map-layers.ts',
	'src/lib/components/base-map-layer.ts',
	'src/lib/components/homes-layer.ts',
	'src/lib/components/MapView.svelte'
];
const contentCalls =
	/\.(bindTooltip|bindPopup|setContent|setTooltipContent|setPopupContent)\(\s*([^,)]*)/g;
const divIconHtml = /divIcon\(\{[^}]*\bhtml:\s*([^,}]*)/g;

const read = (file: string) => readFileSync(file, 'utf8');

describe('map tooltips, popups and labels are text, never HTML from data', () => {
	it('passes only nodes built from text to tooltips and popups', () => {
		const calls = sources.flatMap((file) =>
			[...read(file).matchAll(contentCalls)].map((match) => ({
				file,
				method: match[1],
				argument: match[2].trim()
			}))
		);
		expect(calls.length).toBeGreaterThanOrEqual(2);
		for (const call of calls)
			expect(call.argument, `${call.file} ${call.method}`).toMatch(/^(textContent|popupContent)\(/);
	});

	it('gives every divIcon an element whose text is set with textContent', () => {
		const icons = sources.flatMap((file) =>
			[...read(file).matchAll(divIconHtml)].map((match) => ({ file, html: match[1].trim() }))
		);
		expect(icons.length).toBeGreaterThanOrEqual(3);
		for (const icon of icons) {
			// a variable holding an element (no string, template or concatenation) …
			expect(icon.html, icon.file).toMatch(/^[A-Za-z]\w*$/);
			// … whose text was set as text
			expect(read(icon.file), icon.file).toContain(`${icon.html}.textContent =`);
		}
	});
});
