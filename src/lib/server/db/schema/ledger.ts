import { sql } from 'drizzle-orm';
import {
	check,
	index,
	integer,
	real,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns';
import { user } from './people';

// The plan's ledger (规划实施工作台账): snapshots of the plan's targets and of the indicator table
// (专栏1), taken once a month by the server itself and on demand by an administrator, so the planning
// view shows each target's history. One `ledger_snapshot` per taking, its values in `target_snapshot`.

export const ledgerSnapshot = sqliteTable(
	'ledger_snapshot',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** the local (Asia/Shanghai) month of a monthly snapshot, YYYY-MM; null for one taken on demand */
		monthlyKey: text('monthly_key'),
		kind: text('kind', { enum: ['monthly', 'manual'] }).notNull(),
		/** the administrator who asked for it (null: the server's monthly check) */
		takenByUserId: integer('taken_by_user_id').references(() => user.id, {
			onDelete: 'set null'
		}),
		takenAt: createdAt()
	},
	(t) => [
		check('ledger_snapshot_kind', sql`${t.kind} in ('monthly', 'manual')`),
		// one monthly snapshot per month, however many server processes check at once
		uniqueIndex('ledger_snapshot_month').on(t.monthlyKey),
		index('ledger_snapshot_taken').on(t.takenAt)
	]
);

export const targetSnapshot = sqliteTable(
	'target_snapshot',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		snapshotId: integer('snapshot_id')
			.notNull()
			.references(() => ledgerSnapshot.id, { onDelete: 'cascade' }),
		/** a service target (planning/targets.ts) or an indicator of the plan's table (indicators/) */
		kind: text('kind', { enum: ['target', 'indicator'] }).notNull(),
		/** the target's or indicator's key */
		key: text('key').notNull(),
		level: text('level', { enum: ['city', 'street', 'community'] }).notNull(),
		/** the street's or community's code; '' for the city */
		areaCode: text('area_code').notNull(),
		/** null: no data (an indicator no community reported) */
		value: real('value'),
		goal: real('goal').notNull(),
		/** null: no data */
		met: integer('met', { mode: 'boolean' }),
		/** what the value counts (communities or points for targets, reporting communities for indicators) */
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
