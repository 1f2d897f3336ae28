import { describe, expect, it } from 'vitest';
import { Column, getTableName, is, SQL, StringChunk, Table } from 'drizzle-orm';
import {
	getTableConfig as pgConfig,
	integer,
	pgTable,
	primaryKey,
	text as textColumn,
	type PgColumnBuilderBase,
	type PgTable
} from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as pg from './schema/pg';
import * as runtime from './schema';
import * as sqlite from './schema/sqlite';

// The schema exists twice, once per dialect (schema/*.ts for SQLite, schema/pg/*.ts for PostgreSQL):
// this proves they declare the same tables, columns (name, not null, default, primary key, the JS
// type the code sees, enum values), foreign keys, indexes (partial ones with the same condition)
// and check names. Check bodies are the one place they may differ (SQLite's glob, a boolean's = 1).

/** A condition as written: its text with columns by name (the same in both dialects' schema files). */
function text(condition: SQL | undefined): string | undefined {
	if (!condition) return undefined;
	return condition.queryChunks
		.map((chunk) => {
			if (is(chunk, StringChunk)) return chunk.value.join('');
			if (is(chunk, Column)) return chunk.name;
			if (is(chunk, SQL)) return text(chunk);
			return String(chunk);
		})
		.join('');
}

/** What the code sees of a column's values: a custom type is known by what it maps a value to. */
function jsType(column: Column): string {
	if (column.dataType !== 'custom') return column.dataType;
	return column.mapFromDriverValue(0) instanceof Date ? 'date' : 'custom';
}

type Config = ReturnType<typeof sqliteConfig> | ReturnType<typeof pgConfig>;

/** A table's declaration in dialect-free terms. */
function shape(config: Config) {
	const compositeKeys = config.primaryKeys.flatMap((key) => key.columns.map((c) => c.name));
	return {
		name: config.name,
		columns: config.columns.map((column) => {
			const generated =
				(column as { autoIncrement?: boolean }).autoIncrement === true ||
				(column as { generatedIdentity?: unknown }).generatedIdentity !== undefined;
			return {
				name: column.name,
				notNull: column.notNull,
				primary: column.primary || compositeKeys.includes(column.name),
				/** a database default, 'generated' for ids the database hands out */
				default: generated
					? 'generated'
					: !column.hasDefault
						? undefined
						: is(column.default, SQL)
							? 'sql'
							: JSON.stringify(column.default),
				type: jsType(column),
				enumValues: column.enumValues
			};
		}),
		primaryKeys: config.primaryKeys.map((key) => key.getName()),
		foreignKeys: config.foreignKeys
			.map((key) => {
				const reference = key.reference();
				return {
					columns: reference.columns.map((c) => c.name),
					target: getTableName(reference.foreignTable),
					targetColumns: reference.foreignColumns.map((c) => c.name),
					onDelete: key.onDelete ?? 'no action'
				};
			})
			.sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
		indexes: config.indexes
			.map(({ config: index }) => ({
				name: index.name,
				columns: index.columns.map((c) => (c as { name: string }).name),
				unique: index.unique,
				where: text(index.where)
			}))
			.sort((a, b) => String(a.name).localeCompare(String(b.name))),
		checks: config.checks.map((check) => check.name).sort(),
		uniqueConstraints: config.uniqueConstraints.map((unique) => unique.getName())
	};
}

const tablesOf = (module: Record<string, unknown>) =>
	Object.fromEntries(Object.entries(module).filter(([, value]) => is(value, Table))) as Record<
		string,
		Table
	>;
const sqliteTables = tablesOf(sqlite);
const pgTables = tablesOf(pg);

describe('the SQLite and PostgreSQL schemas', () => {
	it('export the same tables under the same names', () => {
		expect(Object.keys(pgTables).sort()).toEqual(Object.keys(sqliteTables).sort());
		expect(Object.keys(sqliteTables).length).toBeGreaterThan(20);
	});

	it('are what schema/index.ts offers, every table of this process’s dialect', () => {
		expect(Object.keys(tablesOf(runtime)).sort()).toEqual(Object.keys(sqliteTables).sort());
		const chosen = process.env.TEST_DATABASE_URL?.startsWith('postgres') ? pgTables : sqliteTables;
		for (const [name, table] of Object.entries(tablesOf(runtime))) expect(table).toBe(chosen[name]);
	});

	for (const name of Object.keys(sqliteTables)) {
		it(`declare ${name} alike`, () => {
			const twin = pgTables[name];
			expect(twin, `schema/pg has no ${name}`).toBeDefined();
			expect(shape(pgConfig(twin as PgTable))).toEqual(
				shape(sqliteConfig(sqliteTables[name] as SQLiteTable))
			);
		});
	}

	it('would notice a column added to one twin only', () => {
		const twin = (columns: Record<string, PgColumnBuilderBase>) =>
			shape(pgConfig(pgTable('meta', columns, (t) => [primaryKey({ columns: [t.key] })])));
		const meta = shape(sqliteConfig(sqlite.meta));
		const same = { key: textColumn('key').notNull(), value: textColumn('value').notNull() };
		expect(twin(same)).toEqual(meta);
		expect(twin({ ...same, extra: integer('extra') })).not.toEqual(meta);
		expect(twin({ ...same, value: textColumn('value') })).not.toEqual(meta);
	});
});
