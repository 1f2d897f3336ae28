/**
 * Security headers and the CSP on every page: every route in the access table that can be read (its
 * public sample, or each personal GET probe as the administrator, who may read the most), and an
 * error page.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { routes } from './access-table';
import { newClient, signedInClient } from './accounts-helpers';

let anonymous: APIRequestContext;
let admin: APIRequestContext;

test.beforeAll(async () => {
	anonymous = await newClient();
	admin = await signedInClient('13900000099');
});
test.afterAll(async () => {
	await anonymous.dispose();
	await admin.dispose();
});

const pages: { path: string; as: 'anonymous' | 'admin' }[] = [];
for (const rule of Object.values(routes)) {
	if (rule.access === 'public' && rule.sample) pages.push({ path: rule.sample, as: 'anonymous' });
	if (rule.access === 'personal')
		for (const probe of rule.probes)
			if ((probe.method ?? 'GET') === 'GET' && !probe.headers)
				pages.push({ path: probe.path, as: 'admin' });
}
pages.push({ path: '/no-such-page', as: 'anonymous' });

test('every page sends the CSP and the security headers', async () => {
	expect(pages.length).toBeGreaterThan(20);
	for (const { path, as } of pages) {
		const response = await (as === 'admin' ? admin : anonymous).get(path); // not a query
		const headers = response.headers();
		const label = `${path} (${as}, ${response.status()})`;
		expect(response.status(), label).toBeLessThan(500);
		expect(headers['x-content-type-options'], label).toBe('nosniff');
		expect(headers['x-frame-options'], label).toBe('DENY');
		expect(headers['referrer-policy'], label).toBe('strict-origin-when-cross-origin');
		expect(headers['permissions-policy'], label).toContain('microphone=()');
		if (headers['content-type']?.startsWith('text/html')) {
			const csp = headers['content-security-policy'] ?? '';
			expect(csp, label).toContain("default-src 'self'");
			expect(csp, label).toContain("object-src 'none'");
			expect(csp, label).toContain("frame-ancestors 'none'");
			expect(csp, label).toContain("form-action 'self'");
			expect(csp, label).not.toContain("'unsafe-eval'");
			// WebAssembly compilation only (the check-in QR polyfill), never JS eval
			expect(csp, label).toMatch(
				/script-src 'self' 'wasm-unsafe-eval'( 'nonce-[^']+'| 'sha256-[^']+')*(;|$)/
			);
		}
	}
});

test('the session cookie is httpOnly and SameSite=Lax; nothing sets a cookie readable by scripts but the language', async () => {
	const client = await newClient();
	const response = await client.post('/api/v1/auth/login', {
		data: { phone: '13900000001', password: 'jyg-demo-2026' }
	});
	const cookies = response.headersArray().filter((h) => h.name.toLowerCase() === 'set-cookie');
	const session = cookies.find((c) => c.value.startsWith('session='))?.value ?? '';
	expect(session).toContain('HttpOnly');
	expect(session).toContain('SameSite=Lax');
	// a signed-in page view does not rewrite the cookie (only a sliding renewal does)
	const page = await client.get('/');
	expect(page.headersArray().some((h) => /^session=/.test(h.value))).toBe(false);
	await client.dispose();
});
