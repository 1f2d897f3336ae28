/** 0.625 → "62.5%"; shares are shown with one decimal. */
export function percent(share: number): string {
	return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

/** Colour-blind-safe (Okabe–Ito) steps for a coverage share; always shown with the figure too. */
export function shareColour(share: number): string {
	if (share >= 0.8) return '#009E73';
	if (share >= 0.5) return '#F0E442';
	if (share > 0) return '#E69F00';
	return '#D55E00';
}
