import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// The module boundaries of docs/architecture.md, as eslint.config.js enforces them: each rule
// fires on a small snippet placed where it applies, and stays quiet where it does not.
const eslint = new ESLint({ overrideConfigFile: 'eslint.config.js' });

async function restricted(code: string, filePath: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath });
	return result.messages
		.filter((message) => message.ruleId === '@typescript-eslint/no-restricted-imports')
		.map((message) => message.message);
}

describe('module boundaries (eslint.config.js)', () => {
	it('keeps routes away from the database layer, types included', async () => {
		const page = 'src/routes/x/+page.server.ts';
		expect(
			await restricted("import { getDb } from '$lib/server/db';\ngetDb();\n", page)
		).toHaveLength(1);
		expect(
			await restricted("import type { Db } from '$lib/server/db';\nexport type T = Db;\n", page)
		).toHaveLength(1);
		expect(
			await restricted("import { user } from '$lib/server/db/schema';\nexport { user };\n", page)
		).toHaveLength(1);
		expect(
			await restricted(
				"import { user } from '../../lib/server/db/schema';\nexport { user };\n",
				page
			)
		).toHaveLength(1);
		expect(
			await restricted(
				"import * as c from '$lib/server/directory/communities';\nexport { c };\n",
				page
			)
		).toEqual([]);
	});

	it('keeps $lib/geo pure: nothing from the server', async () => {
		const geo = 'src/lib/geo/x.ts';
		expect(
			await restricted("import { log } from '$lib/server/log';\nlog.info('x');\n", geo)
		).toHaveLength(1);
		expect(
			await restricted("import type { Db } from '../server/db';\nexport type T = Db;\n", geo)
		).toHaveLength(1);
		expect(
			await restricted("import { haversineM } from './projection';\nhaversineM;\n", geo)
		).toEqual([]);
	});

	it('keeps shared components away from the server', async () => {
		expect(
			await restricted(
				"import type { Home } from '$lib/server/coverage';\nexport type T = Home;\n",
				'src/lib/components/x.ts'
			)
		).toHaveLength(1);
	});

	it('lets server modules use the database layer', async () => {
		expect(
			await restricted(
				"import type { Db } from '../db';\nexport type T = Db;\n",
				'src/lib/server/directory/x.ts'
			)
		).toEqual([]);
	});
});
