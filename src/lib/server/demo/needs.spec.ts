import { beforeAll, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { need, needSupport, project, projectNote } from '../db/schema';
import { openDemoDatabase } from '../testing/demo-database';

let db: Db;
beforeAll(async () => {
	({ db } = await openDemoDatabase(Date.parse('2026-11-26T02:00:00Z')));
}, 300_000);

describe('the demo city’s needs and projects', () => {
	it('has a few weeks of needs whose supporter counts match their supports', async () => {
		const needs = await db.select().from(need);
		expect(needs.length).toBeGreaterThanOrEqual(8);
		for (const n of needs) {
			const [row] = await db
				.select({ n: count() })
				.from(needSupport)
				.where(eq(needSupport.needId, n.id));
			expect(n.supporters).toBe(row.n);
		}
		expect(new Set(needs.map((n) => n.status))).toEqual(
			new Set(['open', 'accepted', 'declined', 'project', 'done'])
		);
		expect(needs.filter((n) => n.status === 'declined').every((n) => n.answer)).toBe(true);
	});

	it('has two projects, one completed with its service point and notes', async () => {
		const projects = await db.select().from(project);
		expect(projects).toHaveLength(2);
		const done = projects.find((p) => p.status === 'completed');
		expect(done?.servicePointId).not.toBeNull();
		const [notes] = await db
			.select({ n: count() })
			.from(projectNote)
			.where(sql`${projectNote.projectId} = ${done!.id}`);
		expect(notes.n).toBeGreaterThan(0);
		const linked = await db.select().from(need).where(eq(need.projectId, done!.id));
		expect(linked.every((n) => n.status === 'done')).toBe(true);
	});
});
