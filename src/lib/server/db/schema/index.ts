// The database schema, one file per area; drizzle.config.ts reads it from here.
export * from './places';
export * from './people';
export * from './booking';
