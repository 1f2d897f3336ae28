import { getTableColumns } from 'drizzle-orm';
import type { SQLiteInsertValue, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from './types';
import { nextTurn } from '../event-loop';

// One statement binds at most 32,766 values on SQLite and 65,535 on PostgreSQL: a multi-row insert
// stays under both, counting every column of the table (an omitted one is bound as its default).
const valuesPerStatement = 30_000;

/**
 * Inserts rows in as few statements as the bound-value limits allow (inside the caller's transaction):
 * one statement per row made an import of 600,000 residences a round trip per row on PostgreSQL.
 * Between statements the event loop is free: the transaction stays open (other writes of this
 * process wait for it, as always), while other requests are answered — a 600,000-row write was
 * 2.8 s in one piece on the request loop.
 */
export async function insertInChunks<T extends SQLiteTable>(
	tx: Db,
	table: T,
	rows: readonly SQLiteInsertValue<T>[]
): Promise<void> {
	const columns = Object.keys(getTableColumns(table)).length;
	const size = Math.max(1, Math.floor(valuesPerStatement / columns));
	for (let i = 0; i < rows.length; i += size) {
		if (i > 0) await nextTurn();
		await tx.insert(table).values(rows.slice(i, i + size) as SQLiteInsertValue<T>[]);
	}
}
