import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '../db';
import { outbox, user, verificationCode } from '../db/schema';
import { authenticate } from '../auth/login';
import * as registration from './registration';
import { codeLifetimeMs } from '../auth/codes';
import { shengli, useTestDatabase, wuyi } from '../testing/database';
import { freshPhone } from '../testing/accounts';
import { lastCodeTo } from '../testing/outbox';

const address = '192.0.2.1';
const details = (phone: string) => ({
	name: '新居民',
	phone,
	password: 'walk-to-the-clinic',
	communityCode: shengli,
	homeResidenceId: undefined,
	birthYear: 1960,
	consent: true
});

beforeEach(async () => {
	await useTestDatabase();
	delete process.env.CODE_LIMIT_PER_PHONE;
});

describe('registration with a verification code', () => {
	it('texts a code through the outbox, keeps only its hash, and the right code creates a resident', async () => {
		const phone = freshPhone();
		const started = await registration.start(getDb(), details(phone), address);
		expect(started.ok).toBe(true);
		if (!started.ok) return;
		const code = await lastCodeTo(phone);
		expect(code).toMatch(/^\d{6}$/);
		// sent at once (through the claim), with its template for vendor gateways
		expect(await getDb().select().from(outbox).where(eq(outbox.recipient, phone))).toMatchObject([
			{
				templateId: 'verification_code',
				templateParams: { code, minutes: '10' },
				communityCode: shengli,
				attempts: 1,
				sentAt: expect.any(Date)
			}
		]);
		const stored = await getDb().select().from(verificationCode);
		expect(JSON.stringify(stored)).not.toContain(code);
		expect(JSON.stringify(stored)).not.toContain('walk-to-the-clinic');
		expect(await registration.pendingPhone(getDb(), started.ticket)).toBe(phone);

		const done = await registration.verify(getDb(), started.ticket, code);
		expect(done.ok).toBe(true);
		const [created] = await getDb().select().from(user).where(eq(user.phone, phone));
		expect(created).toMatchObject({ role: 'resident', communityCode: shengli, birthYear: 1960 });
		expect(created?.phoneVerifiedAt).toBeInstanceOf(Date);
		expect((await authenticate(getDb(), phone, 'walk-to-the-clinic', address)).ok).toBe(true);
		// a ticket works once
		expect((await registration.verify(getDb(), started.ticket, code)).ok).toBe(false);
	});

	it('takes the community from the chosen residence and refuses a mismatch', async () => {
		const fromHome = await registration.start(
			getDb(),
			{ ...details(freshPhone()), communityCode: undefined, homeResidenceId: 2 },
			address
		);
		expect(fromHome.ok).toBe(true);
		const mismatch = await registration.start(
			getDb(),
			{ ...details(freshPhone()), communityCode: shengli, homeResidenceId: 2 },
			address
		);
		expect(mismatch).toMatchObject({
			ok: false,
			status: 400,
			errors: { homeResidenceId: expect.any(String) }
		});
		expect(wuyi).toBeTruthy();
	});

	it('five wrong codes end the ticket; an expired code does not work', async () => {
		const phone = freshPhone();
		const started = await registration.start(getDb(), details(phone), address);
		if (!started.ok) throw new Error('not started');
		const code = await lastCodeTo(phone);
		const wrong = code === '000000' ? '111111' : '000000';
		for (let i = 0; i < 4; i++)
			expect(await registration.verify(getDb(), started.ticket, wrong)).toMatchObject({
				status: 400
			});
		expect(await registration.verify(getDb(), started.ticket, wrong)).toMatchObject({
			status: 410
		});
		expect(await registration.verify(getDb(), started.ticket, code)).toMatchObject({ status: 410 });

		const again = await registration.start(getDb(), details(phone), address);
		if (!again.ok) throw new Error('not started');
		const later = Date.now() + codeLifetimeMs + 1;
		expect(
			await registration.verify(getDb(), again.ticket, await lastCodeTo(phone), later)
		).toMatchObject({
			status: 410
		});
		expect(await getDb().select().from(user).where(eq(user.phone, phone))).toEqual([]);
	});

	it('refuses a registered number and limits codes per phone with a retry time', async () => {
		const phone = freshPhone();
		const first = await registration.start(getDb(), details(phone), address);
		if (!first.ok) throw new Error('not started');
		await registration.verify(getDb(), first.ticket, await lastCodeTo(phone));
		expect(await registration.start(getDb(), details(phone), address)).toMatchObject({
			status: 400,
			errors: { phone: expect.any(String) }
		});

		process.env.CODE_LIMIT_PER_PHONE = '2';
		const limited = freshPhone();
		await registration.start(getDb(), details(limited), address);
		await registration.start(getDb(), details(limited), address);
		const refused = await registration.start(getDb(), details(limited), address);
		expect(refused).toMatchObject({ ok: false, status: 429 });
		if (!refused.ok && refused.status === 429) expect(refused.retryAfterS).toBeGreaterThan(3000);
	});
});

describe('login', () => {
	it('locks an account after five failures, with the right password too, and says when to retry', async () => {
		const phone = freshPhone();
		const started = await registration.start(getDb(), details(phone), address);
		if (!started.ok) throw new Error('not started');
		await registration.verify(getDb(), started.ticket, await lastCodeTo(phone));
		for (let i = 0; i < 5; i++) {
			expect(await authenticate(getDb(), phone, 'wrong-password', address)).toMatchObject({
				status: 400
			});
		}
		const locked = await authenticate(getDb(), phone, 'walk-to-the-clinic', address);
		expect(locked).toMatchObject({ ok: false, status: 429 });
		// another address does not unlock the account
		expect(await authenticate(getDb(), phone, 'walk-to-the-clinic', '192.0.2.99')).toMatchObject({
			status: 429
		});
	});

	it('answers an unknown number exactly like a wrong password', async () => {
		const unknown = await authenticate(getDb(), freshPhone(), 'whatever-it-is', address);
		expect(unknown).toMatchObject({ ok: false, status: 400 });
	});

	it('limits attempts per client address', async () => {
		process.env.LOGIN_LIMIT_PER_IP = '3';
		for (let i = 0; i < 3; i++)
			await authenticate(getDb(), freshPhone(), 'whatever-it-is', '198.51.100.7');
		expect(
			await authenticate(getDb(), freshPhone(), 'whatever-it-is', '198.51.100.7')
		).toMatchObject({
			status: 429
		});
		delete process.env.LOGIN_LIMIT_PER_IP;
	});
});
