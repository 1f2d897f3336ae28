/**
 * Runs after every HTTP and browser test (a Playwright project that depends on both), over the log
 * the test server wrote during the whole run: no full phone number, session token, password or
 * verification code may be in it (PIPL; DESIGN.md "Reliability and security").
 *
 * One block is left out on purpose: the demo accounts banner that `npm start` prints at start-up
 * (DEMO_ACCOUNTS=true) lists the public demo numbers and their published password; it is not a log of
 * anyone's activity. The development SMS sender logs message texts with the number masked; a
 * verification code may appear only there (README: SMS_SENDER=log).
 */
import { expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';

const logFile = `tests/output/server-${process.env.TEST_PORT}.log`;

function lines(): string[] {
	const all = readFileSync(logFile, 'utf8').split('\n');
	const out: string[] = [];
	let inBanner = false;
	for (const line of all) {
		if (line.startsWith('Demo accounts (password ')) inBanner = true;
		else if (inBanner && !/^\s+1\d{10}\s/.test(line)) inBanner = false;
		if (!inBanner) out.push(line);
	}
	return out;
}

/** The text a line carries: a JSON line's string values (counts are numbers), else the line. */
function stringsOf(line: string): string[] {
	try {
		const { time: _time, ...fields } = JSON.parse(line) as Record<string, unknown>;
		return Object.values(fields).filter((v): v is string => typeof v === 'string');
	} catch {
		return [line];
	}
}

test('the server log of the whole run holds no phone number, token, password or code', () => {
	expect(existsSync(logFile), logFile).toBe(true);
	const log = lines();
	expect(log.filter((l) => l.includes('"message":"request"')).length).toBeGreaterThan(100);
	const problems: string[] = [];
	for (const line of log) {
		if (/(?<!\d)1[3-9]\d{9}(?!\d)/.test(line)) problems.push(`phone number: ${line}`);
		if (/(?<![a-z2-7])[a-z2-7]{32}(?![a-z2-7])/.test(line)) problems.push(`token-like: ${line}`);
		if (/jyg-demo-2026|walk-to-the-clinic|"password"|"token"|session=/i.test(line))
			problems.push(`secret: ${line}`);
		const isSms = line.includes('"message":"sms (development sender)"');
		if (!isSms && stringsOf(line).some((text) => /(?<!\d)\d{6}(?!\d)/.test(text)))
			problems.push(`six digits (a code?): ${line}`);
	}
	expect(problems.slice(0, 20)).toEqual([]);
});

test('request log lines carry only method, route id, status and duration', () => {
	const requests = lines()
		.filter((l) => l.includes('"message":"request"'))
		.map((l) => JSON.parse(l) as Record<string, unknown>);
	expect(requests.length).toBeGreaterThan(100);
	const fields = ['level', 'message', 'method', 'ms', 'route', 'status', 'time'].sort().join();
	// one expect over the offending lines, not two per line: thousands of expect() calls took 16 s
	// at the end of the run, with the other worker idle
	const offending = requests.filter(
		(entry) =>
			Object.keys(entry).sort().join() !== fields ||
			// a route id (/bookings/[id]), never a path with ids or query strings
			/\?|\/\d+(\/|$)/.test(String(entry.route))
	);
	expect(offending.slice(0, 20)).toEqual([]);
});
