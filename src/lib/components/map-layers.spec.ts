import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Leaflet sets a string tooltip or popup with innerHTML. Names come from the database and from
// imports, so every tooltip and popup of the maps must be given a DOM node built with textContent.
// The browser test (admin-planning.e2e.ts) imports a residence named with markup; this one keeps
// every call site, present and future, on the safe helpers.
const sources = ['src/lib/components/map-layers.ts', 'src/lib/components/MapView.svelte'];
const contentCalls =
	/\.(bindTooltip|bindPopup|setContent|setTooltipContent|setPopupContent)\(\s*([^,)]*)/g;

describe('map tooltips and popups are text, never HTML from data', () => {
	it('passes only nodes built from text to Leaflet', () => {
		const calls = sources.flatMap((file) =>
			[...readFileSync(file, 'utf8').matchAll(contentCalls)].map((match) => ({
				file,
				method: match[1],
				argument: match[2].trim()
			}))
		);
		expect(calls.length).toBeGreaterThanOrEqual(3);
		for (const call of calls)
			expect(call.argument, `${call.file} ${call.method}`).toMatch(/^(textContent|popupContent)\(/);
	});
});
