import { getTableColumns, getTableName, is, sql, SQL, type Column } from 'drizzle-orm';
import type { SQLiteInsertValue, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { dialectOf, exec, insertInChunks, type Db } from '../db';
import { nextTurn } from '../event-loop';

// The demo city's big tables (a month of bookings: ~109,000 rows) on PostgreSQL. drizzle's
// multi-row insert binds every value as a parameter of its own and builds the statement from one
// piece per value: the seed's bookings took ~6.4 s of the test server's ~19 s start on PostgreSQL.
// Here a statement carries its rows as one JSON parameter, turned back into rows by the server
// (json_to_recordset, typed by the columns' own SQL types): the same rows, the same column values
// (each value through its column's own mapping, as drizzle sends it). SQLite keeps insertInChunks
// (in-process: no round trips to save).

/** Rows per statement: about 1 MB of JSON each; the event loop is free between statements. */
const rowsPerStatement = 5_000;

/** Column types whose driver values JSON carries exactly (epoch-ms times are bigint). */
const jsonSafeTypes = new Set([
	'integer',
	'bigint',
	'text',
	'boolean',
	'double precision',
	'jsonb'
]);

/**
 * A value as the statement's JSON carries it: its column's driver value, but a jsonb column's value
 * itself (its driver value is that value as JSON text, which the server parses: the same document).
 */
function driverValue(column: Column, value: unknown): unknown {
	if (value === null || value === undefined) return null;
	return column.getSQLType() === 'jsonb' ? value : column.mapToDriverValue(value);
}

/**
 * Inserts rows inside the caller's transaction, as insertInChunks(tx, table, rows) does: on
 * PostgreSQL a JSON parameter per statement. Omitted values are handled as drizzle does (the
 * column's defaultFn, else its SQL default); where that cannot be said in one statement (a column
 * with an SQL default given in some rows only, a value that is SQL, a type JSON does not carry
 * exactly), insertInChunks does it.
 */
export async function insertMany<T extends SQLiteTable>(
	tx: Db,
	table: T,
	rows: readonly SQLiteInsertValue<T>[]
): Promise<void> {
	const plan = dialectOf(tx) === 'postgres' ? planOf(table, rows) : undefined;
	if (!plan) return insertInChunks(tx, table, rows);
	const names = plan.map(({ column }) => sql.identifier(column.name));
	const types = plan.map(
		({ column }) => sql`${sql.identifier(column.name)} ${sql.raw(column.getSQLType())}`
	);
	for (let i = 0; i < rows.length; i += rowsPerStatement) {
		if (i > 0) await nextTurn();
		const records = rows.slice(i, i + rowsPerStatement).map((row) => {
			const record: Record<string, unknown> = {};
			for (const { key, column, missing } of plan) {
				const value = (row as Record<string, unknown>)[key];
				record[column.name] = value === undefined ? missing() : driverValue(column, value);
			}
			return record;
		});
		await exec(
			tx,
			sql`insert into ${sql.identifier(getTableName(table))} (${sql.join(names, sql`, `)})
				select * from json_to_recordset(${JSON.stringify(records)}::json)
				as r(${sql.join(types, sql`, `)})`
		);
	}
}

interface Planned {
	key: string;
	column: Column;
	/** the value of an omitted one (undefined in the row) */
	missing: () => unknown;
}

/** Which columns the statement names and how an omitted value is filled; undefined: not here. */
function planOf(table: SQLiteTable, rows: readonly object[]): Planned[] | undefined {
	if (rows.length === 0) return undefined;
	const plan: Planned[] = [];
	for (const [key, column] of Object.entries(getTableColumns(table)) as [string, Column][]) {
		// generated columns, as drizzle leaves them out of an insert (not in its declared types)
		if ((column as unknown as { shouldDisableInsert(): boolean }).shouldDisableInsert()) continue;
		let given = 0;
		for (const row of rows) {
			const value = (row as Record<string, unknown>)[key];
			if (value === undefined) continue;
			given++;
			if (is(value, SQL)) return undefined;
			if (typeof value === 'number' && !Number.isFinite(value)) return undefined;
		}
		const fill = column.defaultFn ?? (!column.default ? column.onUpdateFn : undefined);
		// never given and no function: the column's SQL default (or null), as drizzle's `default`
		if (given === 0 && !fill) continue;
		if (!jsonSafeTypes.has(column.getSQLType())) return undefined;
		if (fill) {
			plan.push({
				key,
				column,
				missing: () => {
					const value = fill();
					if (is(value, SQL)) throw new Error(`insertMany: ${key}'s default is SQL`);
					return driverValue(column, value);
				}
			});
		} else if (given < rows.length && column.hasDefault) {
			// some rows would take the SQL default: one statement cannot say so per row
			return undefined;
		} else plan.push({ key, column, missing: () => null });
	}
	return plan;
}
