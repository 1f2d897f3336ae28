import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	doublePrecision,
	index,
	integer,
	pgTable,
	text,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';
import { user } from './people';

// (PostgreSQL twin of ../ledger.ts) The plan's ledger (台账): monthly and on-demand snapshots of the
// plan's targets and of the indicator table.

export const ledgerSnapshot = pgTable(
	'ledger_snapshot',
	{
		id: id(),
		monthlyKey: text('monthly_key'),
		kind: text('kind', { enum: ['monthly', 'manual'] }).notNull(),
		takenByUserId: integer('taken_by_user_id').references(() => user.id, {
			onDelete: 'set null'
		}),
		takenAt: createdAt()
	},
	(t) => [
		check('ledger_snapshot_kind', sql`${t.kind} in ('monthly', 'manual')`),
		uniqueIndex('ledger_snapshot_month').on(t.monthlyKey),
		index('ledger_snapshot_taken').on(t.takenAt)
	]
);

export const targetSnapshot = pgTable(
	'target_snapshot',
	{
		id: id(),
		snapshotId: integer('snapshot_id')
			.notNull()
			.references(() => ledgerSnapshot.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ['target', 'indicator'] }).notNull(),
		key: text('key').notNull(),
		level: text('level', { enum: ['city', 'street', 'community'] }).notNull(),
		areaCode: text('area_code').notNull(),
		value: doublePrecision('value'),
		goal: doublePrecision('goal').notNull(),
		met: boolean('met'),
		count: integer('count'),
		total: integer('total')
	},
	(t) => [
		check('target_snapshot_kind', sql`${t.kind} in ('target', 'indicator')`),
		check('target_snapshot_level', sql`${t.level} in ('city', 'street', 'community')`),
		uniqueIndex('target_snapshot_unique').on(t.snapshotId, t.kind, t.key, t.level, t.areaCode),
		index('target_snapshot_area').on(t.level, t.areaCode, t.key)
	]
);
