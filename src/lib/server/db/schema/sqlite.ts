// The SQLite tables (drizzle.config.ts reads them from here; index.ts chooses them or pg/'s at run time).
export * from './places';
export * from './people';
export * from './booking';
export * from './notices';
export * from './indicators';
export * from './needs';
export * from './ledger';
export * from './volunteers';
