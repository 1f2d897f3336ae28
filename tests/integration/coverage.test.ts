import { expect, test } from '@playwright/test';

test('isochrone bands for a point in the urban core, smaller at the elderly speed', async ({
	request
}) => {
	const residences = await (await request.get('/api/residences.geojson')).json();
	const [lng, lat] = residences.features[0].geometry.coordinates;
	const standard = await request.get(`/api/isochrone?lat=${lat}&lng=${lng}&minutes=15`);
	expect(standard.status()).toBe(200);
	expect(standard.headers()['content-type']).toContain('application/geo+json');
	const bands = await standard.json();
	expect(bands.type).toBe('FeatureCollection');
	expect(
		bands.features.map((f: { properties: { minutes: number } }) => f.properties.minutes).sort()
	).toEqual([10, 15, 5]);
	for (const band of bands.features)
		expect(['Polygon', 'MultiPolygon']).toContain(band.geometry.type);
	const elderly = await (
		await request.get(`/api/isochrone?lat=${lat}&lng=${lng}&minutes=15&speed=elderly`)
	).json();
	const fifteen = (collection: typeof bands) =>
		collection.features.find(
			(f: { properties: { minutes: number } }) => f.properties.minutes === 15
		);
	expect(fifteen(elderly).properties.distanceM).toBeLessThan(fifteen(bands).properties.distanceM);
});

test('a residence coverage lists every category with minutes and tier', async ({ request }) => {
	const response = await request.get('/api/residences/1/coverage?speed=elderly');
	expect(response.status()).toBe(200);
	const body = await response.json();
	expect(body.speedMps).toBe(0.9);
	expect(body.categories).toHaveLength(8);
	const meal = body.categories.find((c: { category: string }) => c.category === 'meal');
	expect(meal).toHaveProperty('nearestId');
	expect(meal).toHaveProperty('minutes');
	expect(typeof meal.within).toBe('boolean');
});

test('the coverage summary has every community at both speeds', async ({ request }) => {
	const body = await (await request.get('/api/coverage/summary')).json();
	expect(body.communities).toHaveLength(48);
	const first = body.communities[0];
	expect(first.standard).toHaveLength(8);
	expect(first.elderly).toHaveLength(8);
	expect(first.standard[0]).toHaveProperty('eldersCovered');
	expect(first.standard[0]).toHaveProperty('childrenCovered');
});

test('coverage endpoints refuse bad parameters with a 400 and a message', async ({ request }) => {
	for (const path of [
		'/api/isochrone?lat=200&lng=98',
		'/api/isochrone?lat=39.7&lng=98.2&minutes=20',
		'/api/isochrone?lat=39.7&lng=98.2&speed=rocket',
		'/api/isochrone?lat=%3Cscript%3E&lng=98',
		'/api/residences/abc/coverage',
		'/api/residences/1/coverage?speed=99'
	]) {
		const response = await request.get(path);
		expect(response.status(), path).toBe(400);
		expect((await response.json()).error.message, path).toBeTruthy();
	}
	expect((await request.get('/api/residences/99999999/coverage')).status()).toBe(404);
});
