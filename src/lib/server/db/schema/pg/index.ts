// The PostgreSQL twin of the schema (../places.ts, ../people.ts, ../booking.ts): the same tables,
// columns, JS types, defaults, checks, keys and indexes, which db/schema-twins.spec.ts proves.
// drizzle.postgres.config.ts reads it from here.
export * from './places';
export * from './people';
export * from './booking';
export * from './notices';
export * from './indicators';
export * from './needs';
export * from './ledger';
export * from './volunteers';
