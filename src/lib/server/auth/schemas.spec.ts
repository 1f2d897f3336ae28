import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from '../validation';
import { maskPhone } from '$lib/phone';
import * as schemas from './schemas';

const valid = {
	name: '王建国',
	phone: '13912345678',
	password: 'walk-to-the-clinic',
	communityCode: '620201001002',
	birthYear: '',
	consent: 'on'
};

describe('input schemas', () => {
	it('refuses a registration without consent to the privacy notice (unticked, false, absent)', () => {
		for (const consent of [undefined, false, 'off', '']) {
			const result = parse(schemas.registration, { ...valid, consent });
			expect(result.ok, String(consent)).toBe(false);
			if (!result.ok) expect(result.errors.consent).toBeTruthy();
		}
		const unticked = parse(schemas.registration, { ...valid, consent: undefined });
		expect(unticked.ok || unticked.errors.consent).toMatch(/个人信息保护说明|privacy/);
		expect(parse(schemas.registration, { ...valid, consent: true }).ok).toBe(true);
	});

	it('a password change refuses the person’s own phone as the new password', () => {
		const change = schemas.passwordChange('13912345678');
		expect(parse(change, { currentPassword: 'x', password: '13912345678' }).ok).toBe(false);
		expect(parse(change, { currentPassword: 'x', password: 'walk-to-the-clinic' }).ok).toBe(true);
	});

	it('a login asks for a bearer token only with token: true (or a ticked box)', () => {
		expect(parse(schemas.tokenWanted, { token: true })).toMatchObject({ data: { token: true } });
		expect(parse(schemas.tokenWanted, {})).toMatchObject({ data: { token: false } });
		expect(parse(schemas.tokenWanted, [1])).toMatchObject({ data: { token: false } });
		expect(parse(schemas.tokenWanted, { token: 'yes' }).ok).toBe(false);
	});

	it('accepts a normal registration and turns form strings into values', () => {
		const result = parse(schemas.registration, {
			...valid,
			birthYear: '1950',
			homeResidenceId: ''
		});
		expect(result).toMatchObject({
			ok: true,
			data: { birthYear: 1950, homeResidenceId: undefined }
		});
	});

	it.each([
		['phone', { phone: '23912345678' }],
		['phone', { phone: '1391234567' }],
		['phone', { phone: 13912345678 }],
		['name', { name: '' }],
		['name', { name: 'x'.repeat(10_000) }],
		['name', { name: '<script>alert(1)</script>' }],
		['name', { name: ['王'] }],
		['password', { password: 'short' }],
		['password', { password: '12345678' }],
		['password', { password: 'Password' }],
		['password', { password: 'aaaaaaaaaa' }],
		['password', { password: '13912345678' }],
		['password', { password: 'abcdefgh' }],
		['password', { password: 'zhang-12345678' }],
		['communityCode', { communityCode: '' }],
		['birthYear', { birthYear: '1850' }],
		['birthYear', { birthYear: 'soon' }],
		['birthYear', { birthYear: String(new Date().getFullYear() + 1) }]
	])('refuses a bad %s', (field, change) => {
		const result = parse(schemas.registration, { ...valid, ...change });
		expect(result.ok).toBe(false);
		if (!result.ok) expect(Object.keys(result.errors)).toContain(field);
	});

	it('accepts a residence instead of a community', () => {
		const result = parse(schemas.registration, {
			...valid,
			communityCode: '',
			homeResidenceId: '7'
		});
		expect(result).toMatchObject({ ok: true, data: { homeResidenceId: 7 } });
	});

	it('needs a custom speed only when the walking speed is custom', () => {
		const base = { name: '李', communityCode: '620201001002', locale: 'zh-CN' };
		expect(parse(schemas.profile, { ...base, walkingSpeed: 'slow' }).ok).toBe(true);
		expect(parse(schemas.profile, { ...base, walkingSpeed: 'custom' }).ok).toBe(false);
		expect(
			parse(schemas.profile, { ...base, walkingSpeed: 'custom', walkingSpeedMps: '5' }).ok
		).toBe(false);
		const custom = parse(schemas.profile, {
			...base,
			walkingSpeed: 'custom',
			walkingSpeedMps: '0.8',
			elderMode: 'on'
		});
		expect(custom).toMatchObject({ ok: true, data: { walkingSpeedMps: 0.8, elderMode: true } });
		expect(parse(schemas.profile, { ...base, walkingSpeed: 'fast' }).ok).toBe(false);
	});

	it('staff need a scope; administrators do not', () => {
		const staff = { name: '刘芳', phone: '13812345678', password: 'desk-duty-2026', role: 'staff' };
		expect(parse(schemas.staffAccount, staff).ok).toBe(false);
		expect(parse(schemas.staffAccount, { ...staff, communityCodes: '620201001002' }).ok).toBe(true);
		expect(parse(schemas.staffAccount, { ...staff, role: 'admin' }).ok).toBe(true);
		expect(parse(schemas.staffAccount, { ...staff, role: 'resident' }).ok).toBe(false);
	});

	it('accepts exactly the 11-digit mainland mobile numbers (property)', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 14 }), (text) => {
				const ok = parse(schemas.phone, text).ok;
				expect(ok).toBe(/^1[3-9]\d{9}$/.test(text.trim()));
			})
		);
	});

	it('masks phone numbers as 139****0001', () => {
		expect(maskPhone('13900000001')).toBe('139****0001');
		expect(maskPhone('x')).toBe('***');
	});
});
