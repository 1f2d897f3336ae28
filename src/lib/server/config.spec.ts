import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readConfig, setting, variables, type Name } from './config';

const names = Object.keys(variables) as Name[];

/** README's configuration table: variable → default cell (a row may name several variables). */
function readmeDefaults(): Map<string, string> {
	const readme = readFileSync('README.md', 'utf8');
	const section = readme.split(/^## /m).find((part) => part.startsWith('Configuration')) ?? '';
	const defaults = new Map<string, string>();
	for (const line of section
		.split('\n')
		.filter((l) => l.startsWith('|'))
		.slice(2)) {
		const [variableCell, defaultCell] = line
			.slice(1, -1)
			.split('|')
			.map((cell) => cell.trim());
		for (const name of variableCell.match(/[A-Z][A-Z0-9_]+/g) ?? [])
			defaults.set(name, defaultCell);
	}
	return defaults;
}

/** .env.example: variable → value. */
function exampleValues(): Map<string, string> {
	const example = readFileSync('.env.example', 'utf8');
	return new Map(
		example
			.split('\n')
			.filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
			.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])
	);
}

describe('the one list of environment variables', () => {
	it('is the list README documents, with the same defaults', () => {
		const documented = readmeDefaults();
		expect([...documented.keys()].sort()).toEqual([...names].sort());
		for (const name of names) {
			const { default: literal, shownDefault } = variables[name];
			const expected = shownDefault ?? (literal === undefined ? '—' : `\`${literal}\``);
			expect(documented.get(name), name).toBe(expected);
		}
	});

	it('is the list .env.example sets, with the defaults as values', () => {
		const example = exampleValues();
		const operators = names.filter((name) => variables[name].example);
		expect([...example.keys()].sort()).toEqual([...operators].sort());
		for (const name of operators)
			expect(example.get(name), name).toBe(variables[name].default ?? '');
	});

	it('reads the defaults from an empty environment and refuses a wrong value with its name', () => {
		expect(readConfig({})).toMatchObject({
			DATABASE_URL: './data/lifecircle.db',
			LOGIN_LIMIT_PER_IP: 60,
			OUTBOX_POLL_SECONDS: 30,
			BODY_SIZE_LIMIT: 512 * 1024,
			SEED_DEMO: true,
			SMS_SENDER: 'log'
		});
		expect(setting('DATABASE_URL', { DATABASE_URL: 'file:/tmp/x.db' })).toBe('/tmp/x.db');
		const wrong = { PUBLIC_BUDGET_BURST_MS: '-1', SMS_SENDER: 'pigeon' };
		expect(() => readConfig(wrong)).toThrow(/PUBLIC_BUDGET_BURST_MS: must be a positive number/);
		expect(() => readConfig(wrong)).toThrow(/SMS_SENDER/);
		expect(() => readConfig({ SMS_SENDER: 'http' })).toThrow(/SMS_GATEWAY_URL/);
	});
});
