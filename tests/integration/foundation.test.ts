import { expect, test } from '@playwright/test';

interface Feature {
	type: string;
	id: string | number;
	geometry: { type: string; coordinates: [number, number] };
	properties: Record<string, unknown>;
}

function expectPointCollection(body: { type: string; features: Feature[] }) {
	expect(body.type).toBe('FeatureCollection');
	expect(body.features.length).toBeGreaterThan(0);
	for (const feature of body.features) {
		expect(feature.type).toBe('Feature');
		expect(feature.geometry.type).toBe('Point');
		const [lng, lat] = feature.geometry.coordinates;
		// Jiayuguan, in WGS84 (lng, lat order).
		expect(lng).toBeGreaterThan(97.5);
		expect(lng).toBeLessThan(98.8);
		expect(lat).toBeGreaterThan(39.4);
		expect(lat).toBeLessThan(40.2);
	}
}

test('healthz answers ok when the database answers, with the coverage engine state', async ({
	request
}) => {
	// an engine route waits for the first engine; afterwards /healthz shows it ready
	expect((await request.get('/api/coverage/summary')).status()).toBe(200);
	const response = await request.get('/healthz');
	expect(response.status()).toBe(200);
	expect(await response.json()).toMatchObject({
		status: 'ok',
		engine: { ready: true, method: 'network', failures: 0, lastError: null }
	});
});

test('communities.geojson lists the 48 real communities with code, name, kind and street', async ({
	request
}) => {
	const response = await request.get('/api/communities.geojson');
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toContain('application/geo+json');
	const body = await response.json();
	expectPointCollection(body);
	expect(body.features).toHaveLength(48);
	const shengli = body.features.find((f: Feature) => f.properties.name === '胜利社区');
	expect(shengli.properties).toMatchObject({
		code: '620201001002',
		kind: '社区',
		street: '620201001'
	});
	const villages = body.features.filter((f: Feature) => f.properties.kind === '村');
	expect(villages).toHaveLength(17);
});

test('service-points.geojson filters by category and by community', async ({ request }) => {
	const all = await (await request.get('/api/service-points.geojson')).json();
	expectPointCollection(all);
	expect(all.features.length).toBeGreaterThanOrEqual(250);

	const meal = await (await request.get('/api/service-points.geojson?category=meal')).json();
	expectPointCollection(meal);
	expect(meal.features.length).toBeLessThan(all.features.length);
	expect(meal.features.every((f: Feature) => f.properties.category === 'meal')).toBe(true);
	for (const key of ['id', 'name', 'category', 'community', 'address']) {
		expect(meal.features[0].properties).toHaveProperty(key);
	}

	const community = '620201001002';
	const local = await (
		await request.get(`/api/service-points.geojson?community=${community}`)
	).json();
	expect(local.features.length).toBeGreaterThan(0);
	expect(local.features.every((f: Feature) => f.properties.community === community)).toBe(true);

	const both = await (
		await request.get(`/api/service-points.geojson?community=${community}&category=meal`)
	).json();
	expect(
		both.features.every(
			(f: Feature) => f.properties.community === community && f.properties.category === 'meal'
		)
	).toBe(true);
});

test('residences.geojson carries households and elders and filters by community', async ({
	request
}) => {
	const all = await (await request.get('/api/residences.geojson')).json();
	expectPointCollection(all);
	expect(all.features.length).toBeGreaterThanOrEqual(1000);
	const residents = all.features.reduce(
		(sum: number, f: Feature) => sum + (f.properties.residents as number),
		0
	);
	expect(Math.abs(residents - 312_700) / 312_700).toBeLessThan(0.01);
	for (const key of ['id', 'name', 'community', 'households', 'elders']) {
		expect(all.features[0].properties).toHaveProperty(key);
	}
	const community = '620201002001';
	const local = await (await request.get(`/api/residences.geojson?community=${community}`)).json();
	expect(local.features.length).toBeGreaterThan(0);
	expect(local.features.length).toBeLessThan(all.features.length);
	expect(local.features.every((f: Feature) => f.properties.community === community)).toBe(true);
});

test('bad filters get a 400 with a message in the chosen language', async ({ request }) => {
	const cases = [
		'/api/service-points.geojson?category=spaceport',
		'/api/service-points.geojson?community=12345',
		'/api/service-points.geojson?community=999999999999',
		"/api/residences.geojson?community=' or 1=1 --"
	];
	for (const path of cases) {
		const response = await request.get(path);
		expect(response.status(), path).toBe(400);
		const body = await response.json();
		expect(body.error.code, path).toMatch(/^[a-z_]+$/);
		expect(body.error.message, path).toMatch(/[\u4e00-\u9fff]/);
	}
	const english = await request.get('/api/service-points.geojson?category=spaceport&lang=en');
	expect((await english.json()).error.message).toContain('Unknown service category');
});

test('the home page is Chinese by default and English with ?lang=en, remembered by cookie', async ({
	request
}) => {
	const chinese = await request.get('/');
	expect(chinese.status()).toBe(200);
	const html = await chinese.text();
	expect(html).toContain('<html lang="zh-CN"');
	expect(html).toContain('嘉峪关市15分钟社区生活圈服务平台');
	expect(html).toContain('胜利社区');

	const english = await request.get('/?lang=en');
	const englishHtml = await english.text();
	expect(englishHtml).toContain('<html lang="en"');
	expect(englishHtml).toContain('Jiayuguan 15-Minute Community Life Circle');

	// The request context keeps cookies: the choice sticks without the parameter.
	const again = await (await request.get('/map')).text();
	expect(again).toContain('<html lang="en"');
	const back = await (await request.get('/?lang=zh-CN')).text();
	expect(back).toContain('<html lang="zh-CN"');
});

test('pages answer unknown ids with 404, not 500', async ({ request }) => {
	for (const path of [
		'/communities/620201999999',
		'/communities/abc',
		'/service-points/999999',
		'/service-points/-1',
		'/service-points/1e3'
	]) {
		expect((await request.get(path)).status(), path).toBe(404);
	}
});

test('pages carry a Content-Security-Policy and security headers', async ({ request }) => {
	const response = await request.get('/');
	const headers = response.headers();
	expect(headers['content-security-policy']).toContain("default-src 'self'");
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['x-frame-options']).toBe('DENY');
	expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
});
