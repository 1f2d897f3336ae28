/**
 * Who may do what: every route in src/routes, classified. authorisation.test.ts fails when a
 * route is missing here (or listed here but gone), and runs every probe as every role.
 *
 * To add a route: key it by its route id (the folder under src/routes, e.g.
 * '/bookings/[id]'), then either
 *   - { access: 'public', sample: '/a/real/path' }  — no personal data; anonymous gets 200 at sample
 *   - { access: 'auth' }                            — login, registration and logout themselves
 *   - { access: 'personal', probes: [...] }         — reads or writes personal data
 * A probe is one request made as each role in `expect` (roles left out are not checked, e.g. a
 * route whose owner has not yet written all of its expectations). Outcomes: 'ok' (200), 'login'
 * (303 to /login?next=…), or a status (400, 401, 403, 404, …). `secret` is text (a full phone
 * number, a name) that only the roles in `seenBy` may find in the response.
 */

export const roles = [
	'anonymous',
	'resident',
	'otherResident',
	'carer',
	'staff',
	'otherStaff',
	'admin'
] as const;
export type Role = (typeof roles)[number];

/**
 * The demo accounts playing each role. The subject of the personal data is the resident:
 * 13900000002, an elder of 胜利社区, whose daughter (13900000003) is a confirmed carer.
 */
export const accounts: Record<Exclude<Role, 'anonymous'>, string> = {
	resident: '13900000002',
	otherResident: '13900000001',
	carer: '13900000003',
	staff: '13900000011',
	otherStaff: '13900000012',
	admin: '13900000099'
};

export type Outcome = 'ok' | 'login' | number;

export interface Probe {
	method?: 'GET' | 'POST' | 'DELETE';
	path: string;
	/** sent as a form (an action, as a browser without JavaScript would) */
	form?: Record<string, string>;
	/** sent as JSON (the API) */
	json?: unknown;
	/** extra request headers (e.g. a proxy's X-Forwarded-For) */
	headers?: Record<string, string>;
	expect: Partial<Record<Role, Outcome>>;
	secret?: { text: string; seenBy: Role[] };
}

export type RouteAccess =
	| { access: 'public'; sample?: string }
	| { access: 'auth' }
	| { access: 'personal'; probes: Probe[] };

const signedIn = (outcome: Outcome, anonymous: Outcome = 'login') => ({
	anonymous,
	resident: outcome,
	otherResident: outcome,
	carer: outcome,
	staff: outcome,
	otherStaff: outcome,
	admin: outcome
});

const staffOfTheCommunity = (anonymous: Outcome = 'login', others: Outcome = 'ok') => ({
	anonymous,
	resident: 403,
	otherResident: 403,
	carer: 403,
	staff: others,
	otherStaff: 403,
	admin: others
});

/** A planning page: the administrator only among the demo roles; `text` only the administrator sees. */
const planning = (path: string, text: string): RouteAccess => ({
	access: 'personal',
	probes: [
		{
			path,
			expect: { ...signedIn(403), admin: 'ok' },
			secret: { text, seenBy: ['admin'] }
		}
	]
});

/**
 * The month (YYYY-MM, Asia/Shanghai) of six days ago: the demo city's past activity at 胜利社区,
 * attended by its demo volunteer 赵志愿, is on that day.
 */
const volunteerMonth = new Date(Date.now() + 8 * 3_600_000 - 6 * 86_400_000)
	.toISOString()
	.slice(0, 7);

/** The demo family link (carer 13900000003 → elder 13900000002) is the first one seeded. */
const demoLinkId = '1';

export const routes: Record<string, RouteAccess> = {
	'/': { access: 'public', sample: '/' },
	'/map': { access: 'public', sample: '/map' },
	'/communities': { access: 'public', sample: '/communities' },
	'/communities/[code]': { access: 'public', sample: '/communities/620201001002' },
	'/service-points/[id]': { access: 'public', sample: '/service-points/1' },
	'/healthz': { access: 'public', sample: '/healthz' },
	'/api/base-map.json': { access: 'public', sample: '/api/base-map.json' },
	'/api/communities.geojson': { access: 'public', sample: '/api/communities.geojson' },
	'/api/service-points.geojson': { access: 'public', sample: '/api/service-points.geojson' },
	'/api/residences.geojson': { access: 'public', sample: '/api/residences.geojson' },
	// the planning maps' homes with their coverage, one tile (the urban core at zoom 12)
	'/api/homes': {
		access: 'personal',
		probes: [
			{
				path: '/api/homes?category=meal&which=all&z=12&x=3166&y=1553',
				expect: { ...signedIn(403, 401), admin: 'ok' },
				secret: { text: '"total"', seenBy: ['admin'] }
			}
		]
	},
	'/api/isochrone': { access: 'public' },
	'/api/coverage/summary': { access: 'public' },
	'/api/residences/[id]/coverage': { access: 'public' },
	'/api/walking-route': {
		access: 'public',
		sample: '/api/walking-route?lat=39.7529603&lng=98.2992558&to=1'
	},
	'/api/v1/service-points/[id]/slots': { access: 'public' },
	// 通知公告 (issue 18): public lists; publishing is for the community's staff
	'/notices': { access: 'public', sample: '/notices' },
	'/notices/[code]': { access: 'public', sample: '/notices/620201001002' },
	'/api/v1/notices': { access: 'public', sample: '/api/v1/notices?community=620201001002' },
	// 服务资源清单 (issue 18): maintained by the community's staff
	'/staff/resources': {
		access: 'personal',
		probes: [
			{ path: '/staff/resources', expect: { ...staffOfTheCommunity(), otherStaff: 'ok' } },
			{ path: '/staff/resources?community=620201001002', expect: staffOfTheCommunity() },
			{
				method: 'POST',
				path: '/staff/resources?/add',
				form: { community: '620201001002', name: '', kind: 'parking', owner: '' },
				expect: staffOfTheCommunity('login', 400)
			},
			{
				method: 'POST',
				path: '/staff/resources?/remove',
				form: { resourceId: '999999' },
				expect: { ...staffOfTheCommunity('login', 404), otherStaff: 404 }
			}
		]
	},
	'/staff/notices': {
		access: 'personal',
		probes: [
			{ path: '/staff/notices', expect: { ...staffOfTheCommunity(), otherStaff: 'ok' } },
			{
				// 胜利社区's staff and administrators reach validation (an empty title: nothing written)
				method: 'POST',
				path: '/staff/notices?/publish',
				form: { target: 'community:620201001002', title: '', body: '' },
				expect: staffOfTheCommunity('login', 400)
			},
			{
				method: 'POST',
				path: '/staff/notices?/publish',
				form: { target: 'city', title: '', body: '' },
				expect: { ...staffOfTheCommunity('login', 403), admin: 400 }
			},
			{
				method: 'POST',
				path: '/staff/notices?/withdraw',
				form: { noticeId: '999999' },
				expect: { ...staffOfTheCommunity('login', 404), otherStaff: 404 }
			}
		]
	},
	// 长辈版 (issue 7): the lists and times are public; booking and one's bookings are personal.
	'/elder': { access: 'public', sample: '/elder' },
	'/elder/leave': { access: 'public' },
	'/elder/enter': { access: 'public' },
	'/elder/more': { access: 'public', sample: '/elder/more' },
	'/elder/home': { access: 'public', sample: '/elder/home?community=620201001002' },
	'/elder/places/[category]': { access: 'public', sample: '/elder/places/meal?home=r:1' },
	'/elder/times/[id]': { access: 'public', sample: '/elder/times/1' },
	'/elder/confirm/[slot]': {
		access: 'personal',
		probes: [
			{ path: '/elder/confirm/1', expect: signedIn('ok') },
			{
				// for the elder (user 2): only the elder and the linked carer get past authorisation
				// (slot 1 is in the past, so they get 422 and nothing is written)
				method: 'POST',
				path: '/elder/confirm/1',
				form: { forUserId: '2' },
				expect: {
					anonymous: 'login',
					resident: 422,
					otherResident: 403,
					carer: 422,
					staff: 403,
					otherStaff: 403,
					admin: 403
				}
			}
		]
	},
	'/elder/bookings': {
		access: 'personal',
		probes: [{ path: '/elder/bookings', expect: signedIn('ok') }]
	},
	'/elder/bookings/[id]': {
		access: 'personal',
		// booking 1 is a generated resident's at 大众社区: nobody of the demo roles but the administrator
		probes: [{ path: '/elder/bookings/1', expect: { ...signedIn(404), admin: 'ok' } }]
	},
	'/elder/bookings/[id]/cancel': {
		access: 'personal',
		probes: [
			{ path: '/elder/bookings/1/cancel', expect: { ...signedIn(404), admin: 'ok' } },
			{
				method: 'POST',
				path: '/elder/bookings/1/cancel',
				form: {},
				expect: { ...signedIn(404), admin: 403 }
			}
		]
	},
	// the load test's baseline page (tests/load/load.ts): five street names, writes nothing
	'/bench/bare': { access: 'public', sample: '/bench/bare' },
	// Prometheus metrics: a scraper on the server itself, or an administrator. The tests call from
	// loopback, so the second probe relays the request as a reverse proxy would.
	'/metrics': {
		access: 'personal',
		probes: [
			{ path: '/metrics', expect: signedIn('ok', 'ok') },
			{
				path: '/metrics',
				headers: { 'x-forwarded-for': '203.0.113.7' },
				expect: { ...signedIn(403), admin: 'ok' },
				secret: { text: 'lifecircle_http_requests_total', seenBy: ['admin'] }
			}
		]
	},

	'/login': { access: 'auth' },
	'/logout': { access: 'auth' },
	'/register': { access: 'auth' },
	'/register/verify': { access: 'auth' },
	'/api/v1/auth/login': { access: 'auth' },
	'/api/v1/auth/login/code': { access: 'auth' },
	'/api/v1/auth/logout': { access: 'auth' },
	'/api/v1/auth/register': { access: 'auth' },
	'/login/reset': { access: 'auth' },
	'/api/v1/auth/password-reset': { access: 'auth' },
	'/api/v1/auth/password-reset/code': { access: 'auth' },
	'/privacy': { access: 'public', sample: '/privacy' },
	'/privacy/consent': {
		access: 'personal',
		// the demo's people have agreed (or, staff, are not asked): sent on to their home
		probes: [{ path: '/privacy/consent', expect: signedIn(303) }]
	},
	'/profile/password': {
		access: 'personal',
		probes: [
			{ path: '/profile/password', expect: signedIn('ok') },
			{ method: 'POST', path: '/profile/password', form: {}, expect: signedIn(400) }
		]
	},
	'/api/v1/me/password': {
		access: 'personal',
		probes: [{ method: 'POST', path: '/api/v1/me/password', json: {}, expect: signedIn(400, 401) }]
	},
	'/api/v1/me/privacy-consent': {
		access: 'personal',
		probes: [
			{
				method: 'POST',
				path: '/api/v1/me/privacy-consent',
				json: { version: 'old' },
				expect: signedIn(400, 401)
			}
		]
	},

	'/profile': {
		access: 'personal',
		probes: [
			{
				path: '/profile',
				expect: signedIn('ok'),
				secret: { text: '13900000002', seenBy: ['resident'] }
			},
			{
				method: 'POST',
				path: '/profile?/save',
				form: { name: '' },
				expect: signedIn(400)
			}
		]
	},
	'/profile/family': {
		access: 'personal',
		probes: [
			{
				path: '/profile/family',
				expect: signedIn('ok'),
				// the elder's name appears to the elder's own carer (and never the full number)
				secret: { text: '李秀兰', seenBy: ['carer', 'resident'] }
			},
			{
				// only the elder confirms their own link (already confirmed: a no-op for them)
				method: 'POST',
				path: '/profile/family?/confirm',
				form: { linkId: demoLinkId },
				expect: {
					anonymous: 'login',
					resident: 200,
					otherResident: 403,
					carer: 403,
					staff: 403,
					otherStaff: 403,
					admin: 403
				}
			}
		]
	},
	// 下载我的数据 (issue 20): the session's own person only; the resident's number reaches only them
	'/profile/data': {
		access: 'personal',
		probes: [{ path: '/profile/data', expect: signedIn('ok') }]
	},
	'/profile/data.json': {
		access: 'personal',
		probes: [
			{
				path: '/profile/data.json?id=1&userId=1',
				expect: signedIn('ok'),
				secret: { text: '13900000002', seenBy: ['resident'] }
			}
		]
	},
	'/profile/data.xlsx': {
		access: 'personal',
		probes: [{ path: '/profile/data.xlsx', expect: signedIn('ok') }]
	},
	'/profile/sessions': {
		access: 'personal',
		probes: [{ path: '/profile/sessions', expect: signedIn('ok') }]
	},
	'/profile/delete': {
		access: 'personal',
		probes: [
			{ path: '/profile/delete', expect: signedIn('ok') },
			// a wrong password deletes nothing, whoever asks
			{
				method: 'POST',
				path: '/profile/delete',
				form: { password: '' },
				expect: signedIn(400)
			}
		]
	},
	'/api/v1/me': {
		access: 'personal',
		probes: [
			{
				path: '/api/v1/me',
				expect: signedIn('ok', 401),
				secret: { text: '13900000002', seenBy: ['resident'] }
			}
		]
	},
	'/staff/outbox': {
		access: 'personal',
		probes: [
			{
				path: '/staff/outbox',
				expect: { ...staffOfTheCommunity(), otherStaff: 'ok' }
			}
		]
	},
	'/staff/family-links': {
		access: 'personal',
		probes: [
			{
				path: '/staff/family-links?phone=13900000002',
				expect: staffOfTheCommunity(),
				secret: { text: '李秀兰', seenBy: ['staff', 'admin', 'resident'] }
			},
			{
				// the demo link is already confirmed: a no-op for the community's staff
				method: 'POST',
				path: '/staff/family-links?/confirm',
				form: { linkId: demoLinkId },
				expect: staffOfTheCommunity()
			},
			{
				method: 'POST',
				path: '/staff/family-links?/sendCode',
				form: { linkId: demoLinkId },
				expect: staffOfTheCommunity()
			}
		]
	},
	'/admin/accounts': {
		access: 'personal',
		probes: [
			{
				path: '/admin/accounts',
				expect: { ...signedIn(403), admin: 'ok' },
				secret: { text: '13900000011', seenBy: [] }
			},
			{
				// authorisation comes before validation: only the administrator gets to a 400
				method: 'POST',
				path: '/admin/accounts?/create',
				form: { name: '', phone: 'x' },
				expect: { ...signedIn(403), admin: 400 }
			},
			// disabling and scope changes: administrators only (a bad id gets them a 400)
			{
				method: 'POST',
				path: '/admin/accounts?/disable',
				form: { userId: 'x' },
				expect: { ...signedIn(403), admin: 400 }
			},
			{
				method: 'POST',
				path: '/admin/accounts?/enable',
				form: { userId: 'x' },
				expect: { ...signedIn(403), admin: 400 }
			},
			{
				method: 'POST',
				path: '/admin/accounts?/scope',
				form: { userId: 'x' },
				expect: { ...signedIn(403), admin: 400 }
			}
		]
	},

	// The planning view: administrators; staff scoped to a whole street see their street (probed in
	// admin-planning.test.ts, the demo has no street-level staff); community staff and residents 403.
	'/admin': planning('/admin', 'data-target="meal"'),
	'/admin/coverage': planning('/admin/coverage?category=meal&sort=households&dir=desc', '胜利'),
	'/admin/coverage.csv': planning('/admin/coverage.csv', '620201001002'),
	'/admin/indicators.csv': planning('/admin/indicators.csv', '620201001002'),
	// the .xlsx beside each CSV (issue 20): the same guards; a zip, so no text to look for
	'/admin/coverage.xlsx': {
		access: 'personal',
		probes: [{ path: '/admin/coverage.xlsx', expect: { ...signedIn(403), admin: 'ok' } }]
	},
	'/admin/indicators.xlsx': {
		access: 'personal',
		probes: [{ path: '/admin/indicators.xlsx', expect: { ...signedIn(403), admin: 'ok' } }]
	},
	'/admin/service-points.xlsx': {
		access: 'personal',
		probes: [{ path: '/admin/service-points.xlsx', expect: { ...signedIn(403), admin: 'ok' } }]
	},
	'/staff/figures.xlsx': {
		access: 'personal',
		probes: [
			{ path: '/staff/figures.xlsx', expect: { ...staffOfTheCommunity(), otherStaff: 'ok' } }
		]
	},
	'/staff/points/[id]/day.xlsx': {
		access: 'personal',
		probes: [{ path: '/staff/points/4/day.xlsx', expect: staffOfTheCommunity() }]
	},
	'/admin/coverage.geojson': planning('/admin/coverage.geojson?category=meal', '620201001002'),
	'/admin/gaps': planning('/admin/gaps?category=childcare', 'data-testid="gap-list"'),
	'/admin/what-if': planning(
		'/admin/what-if?category=meal&lng=98.29&lat=39.77',
		'data-testid="what-if-result"'
	),
	'/admin/demand': planning('/admin/demand', '胜利'),
	// the ledger (台账): planners; only administrators record one on demand (probed in ledger.test.ts)
	'/admin/ledger': planning('/admin/ledger', 'data-testid="ledger-areas"'),
	'/admin/ledger/[kind]/[key]': planning(
		'/admin/ledger/area/620201001002',
		'href="/admin/ledger?year='
	),
	'/admin/ledger.csv': planning('/admin/ledger.csv?kind=target&key=meal', 'open_needs_supporters'),
	'/admin/ledger.xlsx': {
		access: 'personal',
		probes: [
			{ path: '/admin/ledger.xlsx?kind=target&key=meal', expect: { ...signedIn(403), admin: 'ok' } }
		]
	},
	'/admin/data': {
		access: 'personal',
		probes: [
			{ path: '/admin/data', expect: { ...signedIn(403), admin: 'ok' } },
			{
				// authorisation before validation; a bad form writes nothing
				method: 'POST',
				path: '/admin/data?/category',
				form: { code: 'meal', nameZh: '', nameEn: '', tierMinutes: '7' },
				expect: { ...signedIn(403), admin: 400 }
			}
		]
	},
	'/admin/data/uploads': {
		access: 'personal',
		probes: [
			{
				// an empty file is refused before anything is staged
				method: 'POST',
				path: '/admin/data/uploads',
				json: { kind: 'residences', name: 'homes.csv', mode: 'all', size: 0 },
				expect: { ...signedIn(403), admin: 400 }
			}
		]
	},
	'/admin/data/uploads/[id]': {
		access: 'personal',
		probes: [
			{ path: '/admin/data/uploads/no-such-upload', expect: { ...signedIn(403), admin: 404 } }
		]
	},
	'/admin/service-points.csv': {
		access: 'personal',
		probes: [
			{
				path: '/admin/service-points.csv',
				expect: { ...signedIn(403), admin: 'ok' },
				secret: { text: 'accessible_entrance', seenBy: ['admin'] }
			}
		]
	},

	// The booking issue's routes: anonymous access checked here; that issue adds the other roles.
	'/bookings': {
		access: 'personal',
		probes: [{ path: '/bookings', expect: { anonymous: 'login' } }]
	},
	'/bookings/[id]': {
		access: 'personal',
		probes: [{ path: '/bookings/1', expect: { anonymous: 'login' } }]
	},
	'/bookings/[id]/calendar.ics': {
		access: 'personal',
		probes: [{ path: '/bookings/1/calendar.ics', expect: { anonymous: 'login' } }]
	},
	'/bookings/[id]/slip': {
		access: 'personal',
		probes: [{ path: '/bookings/1/slip', expect: { anonymous: 'login' } }]
	},
	'/service-points/[id]/book': {
		access: 'personal',
		probes: [{ path: '/service-points/1/book', expect: { anonymous: 'login' } }]
	},
	'/notifications': {
		access: 'personal',
		probes: [{ path: '/notifications', expect: { anonymous: 'login' } }]
	},
	'/api/v1/bookings': {
		access: 'personal',
		probes: [{ path: '/api/v1/bookings', expect: { anonymous: 401 } }]
	},
	'/api/v1/bookings/[id]': {
		access: 'personal',
		probes: [{ method: 'DELETE', path: '/api/v1/bookings/1', expect: { anonymous: 401 } }]
	},

	// The staff console and ratings (issue 8). Service point 4 is 胜利社区老年助餐点 (the staff role's
	// community); the other staff member serves 五一社区. Forms with empty fields get past authorisation
	// only for those allowed (400 then, and nothing written).
	'/staff': {
		access: 'personal',
		probes: [{ path: '/staff', expect: { ...staffOfTheCommunity(), otherStaff: 'ok' } }]
	},
	'/staff/points/[id]': {
		access: 'personal',
		probes: [
			{ path: '/staff/points/4', expect: staffOfTheCommunity() },
			{
				method: 'POST',
				path: '/staff/points/4?/noShow',
				form: { bookingId: '' },
				expect: staffOfTheCommunity('login', 400)
			},
			{
				method: 'POST',
				path: '/staff/points/4?/walkIn',
				form: { slotId: '', name: '', phone: '1' },
				expect: staffOfTheCommunity('login', 400)
			}
		]
	},
	'/staff/points/[id]/manage': {
		access: 'personal',
		probes: [
			{ path: '/staff/points/4/manage', expect: staffOfTheCommunity() },
			{
				method: 'POST',
				path: '/staff/points/4/manage?/details',
				form: { name: '' },
				expect: staffOfTheCommunity('login', 400)
			}
		]
	},
	'/staff/points/[id]/print': {
		access: 'personal',
		probes: [{ path: '/staff/points/4/print', expect: staffOfTheCommunity() }]
	},
	// the door poster with the point's QR code (issue 20): staff of the community, administrators
	'/staff/points/[id]/poster': {
		access: 'personal',
		probes: [{ path: '/staff/points/4/poster', expect: staffOfTheCommunity() }]
	},
	'/staff/points/[id]/day.csv': {
		access: 'personal',
		probes: [{ path: '/staff/points/4/day.csv', expect: staffOfTheCommunity() }]
	},
	// the plan's indicator facts (issue 22): staff of the community (or its street), administrators
	'/staff/facts': {
		access: 'personal',
		probes: [
			{ path: '/staff/facts', expect: { ...staffOfTheCommunity(), otherStaff: 'ok' } },
			{ path: '/staff/facts?community=620201001002', expect: staffOfTheCommunity() },
			{
				// empty numbers: 400 for those who may write, 403 for another community's staff
				method: 'POST',
				path: '/staff/facts?/save',
				form: { community: '620201001002', centreAreaM2: '' },
				expect: staffOfTheCommunity('login', 400)
			}
		]
	},
	'/staff/figures': {
		access: 'personal',
		probes: [{ path: '/staff/figures', expect: { ...staffOfTheCommunity(), otherStaff: 'ok' } }]
	},
	'/staff/figures.csv': {
		access: 'personal',
		probes: [{ path: '/staff/figures.csv', expect: { ...staffOfTheCommunity(), otherStaff: 'ok' } }]
	},
	'/staff/ratings': {
		access: 'personal',
		probes: [
			{ path: '/staff/ratings', expect: { ...staffOfTheCommunity(), otherStaff: 'ok' } },
			{
				method: 'POST',
				path: '/staff/ratings?/reply',
				form: { ratingId: '', reply: '' },
				expect: { ...staffOfTheCommunity('login', 400), otherStaff: 400 }
			}
		]
	},
	// booking 1 is a generated resident's: nobody among the demo roles may rate it
	'/bookings/[id]/rate': {
		access: 'personal',
		probes: [
			{ path: '/bookings/1/rate', expect: signedIn(404) },
			{ method: 'POST', path: '/bookings/1/rate', form: { stars: '5' }, expect: signedIn(404) }
		]
	},
	'/api/v1/bookings/[id]/rating': {
		access: 'personal',
		probes: [
			{
				method: 'POST',
				path: '/api/v1/bookings/1/rating',
				json: { stars: 5 },
				expect: signedIn(404, 401)
			}
		]
	},

	// 居民需求清单 (issue 18). 620201001002 is 胜利社区 (the staff role's community, where the resident,
	// the other resident and the carer live); the other staff member serves 五一社区. Forms with empty or
	// unknown fields get past authorisation only for those allowed (400 or 404 then, nothing written).
	'/needs': {
		access: 'personal',
		probes: [
			{ path: '/needs?community=620201001002', expect: signedIn('ok', 'ok') },
			{ method: 'POST', path: '/needs?/raise', form: { text: '' }, expect: signedIn(400) },
			{ method: 'POST', path: '/needs?/support', form: { needId: '' }, expect: signedIn(400) },
			{
				method: 'POST',
				path: '/needs?/support',
				form: { needId: '999999' },
				expect: signedIn(404)
			}
		]
	},
	'/staff/needs': {
		access: 'personal',
		probes: [
			{ path: '/staff/needs?community=620201001002', expect: staffOfTheCommunity() },
			{
				method: 'POST',
				path: '/staff/needs?/desk',
				form: { community: '620201001002', channel: 'desk', text: '' },
				expect: staffOfTheCommunity('login', 400)
			},
			{
				method: 'POST',
				path: '/staff/needs?/triage',
				form: { needId: '999999', action: 'accept' },
				expect: { ...staffOfTheCommunity('login', 404), otherStaff: 404 }
			}
		]
	},
	'/elder/needs': {
		access: 'personal',
		probes: [
			{ path: '/elder/needs', expect: signedIn('ok') },
			{ method: 'POST', path: '/elder/needs', form: { choice: '' }, expect: signedIn(400) }
		]
	},
	'/api/v1/needs': {
		access: 'personal',
		probes: [
			{ path: '/api/v1/needs?community=620201001002', expect: signedIn('ok', 'ok') },
			{ method: 'POST', path: '/api/v1/needs', json: {}, expect: signedIn(400, 401) }
		]
	},
	'/api/v1/needs/[id]/support': {
		access: 'personal',
		probes: [{ method: 'POST', path: '/api/v1/needs/999999/support', expect: signedIn(404, 401) }]
	},
	'/projects': { access: 'public', sample: '/projects?community=620201001002' },
	'/projects/[id]': {
		access: 'personal',
		probes: [{ path: '/projects/999999', expect: signedIn(404, 404) }]
	},
	'/api/v1/projects': {
		access: 'public',
		sample: '/api/v1/projects?community=620201001002'
	},
	'/staff/projects': {
		access: 'personal',
		probes: [{ path: '/staff/projects?community=620201001002', expect: staffOfTheCommunity() }]
	},
	'/staff/projects/new': {
		access: 'personal',
		probes: [
			{ path: '/staff/projects/new?community=620201001002', expect: staffOfTheCommunity() },
			{
				method: 'POST',
				path: '/staff/projects/new',
				form: {
					community: '620201001002',
					title: '',
					category: 'meal',
					place: 'x',
					responsibleUnit: 'x',
					plannedStart: '2026-12-01',
					plannedEnd: '2026-12-31'
				},
				expect: staffOfTheCommunity('login', 400)
			}
		]
	},
	'/staff/projects/[id]': {
		access: 'personal',
		probes: [
			{
				path: '/staff/projects/999999',
				expect: { ...staffOfTheCommunity('login', 404), otherStaff: 404 }
			}
		]
	},
	// 志愿服务 (issue 19)
	'/volunteer': {
		access: 'personal',
		probes: [
			{ path: '/volunteer', expect: signedIn('ok') },
			{ method: 'POST', path: '/volunteer?/register', form: {}, expect: signedIn(400) },
			{ method: 'POST', path: '/volunteer?/accept', form: { id: '' }, expect: signedIn(400) },
			{ method: 'POST', path: '/volunteer?/accept', form: { id: '999999' }, expect: signedIn(404) },
			{ method: 'POST', path: '/volunteer?/status', form: { action: 'x' }, expect: signedIn(400) }
		]
	},
	'/help': {
		access: 'personal',
		probes: [
			{ path: '/help', expect: signedIn('ok') },
			{ method: 'POST', path: '/help?/ask', form: {}, expect: signedIn(400) },
			{ method: 'POST', path: '/help?/confirm', form: { id: '999999' }, expect: signedIn(404) },
			{ method: 'POST', path: '/help?/cancel', form: { id: '' }, expect: signedIn(400) }
		]
	},
	'/elder/help': {
		access: 'personal',
		probes: [
			{ path: '/elder/help', expect: signedIn('ok') },
			{ path: '/elder/help?item=medical_escort', expect: signedIn('ok') },
			{ path: '/elder/help?item=flying', expect: signedIn(404) },
			{ method: 'POST', path: '/elder/help?/ask', form: { item: '' }, expect: signedIn(400) },
			{ method: 'POST', path: '/elder/help?/confirm', form: { id: '' }, expect: signedIn(400) }
		]
	},
	'/staff/volunteers': {
		access: 'personal',
		probes: [
			{ path: '/staff/volunteers?community=620201001002', expect: staffOfTheCommunity() },
			{
				method: 'POST',
				path: '/staff/volunteers?/station',
				form: { community: '620201001002', name: '' },
				expect: staffOfTheCommunity('login', 400)
			},
			{
				method: 'POST',
				path: '/staff/volunteers?/volunteer',
				form: { id: '999999', action: 'approve' },
				expect: { ...staffOfTheCommunity('login', 404), otherStaff: 404 }
			},
			{
				method: 'POST',
				path: '/staff/volunteers?/stationActive',
				form: { id: '' },
				expect: { ...staffOfTheCommunity('login', 400), otherStaff: 400 }
			},
			{
				method: 'POST',
				path: '/staff/volunteers?/ask',
				form: {},
				expect: { ...staffOfTheCommunity('login', 400), otherStaff: 400 }
			},
			{
				method: 'POST',
				path: '/staff/volunteers?/request',
				form: { id: '999999', action: 'confirm' },
				expect: { ...staffOfTheCommunity('login', 404), otherStaff: 404 }
			}
		]
	},
	'/api/v1/help-requests': {
		access: 'personal',
		probes: [
			{ path: '/api/v1/help-requests', expect: signedIn('ok', 401) },
			{ method: 'POST', path: '/api/v1/help-requests', json: {}, expect: signedIn(400, 401) }
		]
	},
	'/api/v1/help-requests/[id]/accept': {
		access: 'personal',
		probes: [
			{
				method: 'POST',
				path: '/api/v1/help-requests/999999/accept',
				expect: signedIn(404, 401)
			}
		]
	},
	'/api/v1/help-requests/[id]/confirm': {
		access: 'personal',
		probes: [
			{
				method: 'POST',
				path: '/api/v1/help-requests/999999/confirm',
				expect: signedIn(404, 401)
			}
		]
	},
	'/api/v1/volunteer': {
		access: 'personal',
		probes: [
			{ path: '/api/v1/volunteer', expect: signedIn('ok', 401) },
			{ method: 'POST', path: '/api/v1/volunteer', json: {}, expect: signedIn(400, 401) }
		]
	},
	// 志愿活动 and hours (issue 19 part 2). In the demo city station 1 is 胜利社区's; its activity 1
	// is past (attended by the demo volunteer 赵志愿), activity 2 is coming
	'/staff/volunteer-activities': {
		access: 'personal',
		probes: [
			{
				path: '/staff/volunteer-activities',
				expect: { ...staffOfTheCommunity(), otherStaff: 'ok' }
			},
			{
				method: 'POST',
				path: '/staff/volunteer-activities?/post',
				form: { station: '1', title: '' },
				expect: staffOfTheCommunity('login', 400)
			},
			{
				method: 'POST',
				path: '/staff/volunteer-activities?/cancel',
				form: { activity: '1' },
				expect: staffOfTheCommunity('login', 409)
			}
		]
	},
	'/staff/volunteer-activities/[id]': {
		access: 'personal',
		probes: [
			{
				path: '/staff/volunteer-activities/1',
				expect: staffOfTheCommunity(),
				secret: { text: '赵志愿', seenBy: ['staff', 'admin'] }
			},
			{
				method: 'POST',
				path: '/staff/volunteer-activities/1?/attendance',
				form: { attended: '999999' },
				expect: staffOfTheCommunity('login', 404)
			}
		]
	},
	'/staff/volunteer-hours': {
		access: 'personal',
		probes: [
			{
				path: `/staff/volunteer-hours?month=${volunteerMonth}`,
				expect: { ...staffOfTheCommunity(), otherStaff: 'ok' },
				secret: { text: '赵志愿', seenBy: ['staff', 'admin'] }
			}
		]
	},
	'/staff/volunteer-hours.csv': {
		access: 'personal',
		probes: [
			{
				path: `/staff/volunteer-hours.csv?month=${volunteerMonth}`,
				expect: { ...staffOfTheCommunity(), otherStaff: 'ok' },
				secret: { text: '赵志愿', seenBy: ['staff', 'admin'] }
			}
		]
	},
	'/staff/volunteer-hours.xlsx': {
		access: 'personal',
		probes: [
			{
				path: `/staff/volunteer-hours.xlsx?month=${volunteerMonth}`,
				expect: { ...staffOfTheCommunity(), otherStaff: 'ok' }
			}
		]
	},
	'/volunteer/activities': {
		access: 'personal',
		probes: [
			{ path: '/volunteer/activities', expect: signedIn('ok') },
			// none of the demo roles is a volunteer
			{
				method: 'POST',
				path: '/volunteer/activities?/signup',
				form: { activity: '2' },
				expect: signedIn(403)
			},
			{
				method: 'POST',
				path: '/volunteer/activities?/cancel',
				form: { activity: '2' },
				expect: signedIn(403)
			}
		]
	},
	'/volunteer/hours': {
		access: 'personal',
		probes: [{ path: '/volunteer/hours', expect: signedIn('ok') }]
	},
	'/volunteer/hours/[year]': {
		access: 'personal',
		probes: [{ path: `/volunteer/hours/${volunteerMonth.slice(0, 4)}`, expect: signedIn(404) }]
	}
};
