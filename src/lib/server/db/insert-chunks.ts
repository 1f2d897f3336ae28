import { getTableColumns } from 'drizzle-orm';
import type { SQLiteInsertValue, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from './types';

// One statement binds at most 32,766 values on SQLite and 65,535 on PostgreSQL: a multi-row insert
// stays under both, counting every column of the table (an omitted one is bound as its default).
const valuesPerStatement = 30_000;

/**
 * Inserts rows in as few statements as the bound-value limits allow (inside the caller's transaction):
 * one statement per row made an import of 600,000 residences a round trip per row on PostgreSQL.
 */
export async function insertInChunks<T extends SQLiteTable>(
	tx: Db,
	table: T,
	rows: readonly SQLiteInsertValue<T>[]
): Promise<void> {
	const columns = Object.keys(getTableColumns(table)).length;
	const size = Math.max(1, Math.floor(valuesPerStatement / columns));
	for (let i = 0; i < rows.length; i += size)
		await tx.insert(table).values(rows.slice(i, i + size) as SQLiteInsertValue<T>[]);
}
