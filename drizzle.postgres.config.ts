import { defineConfig } from 'drizzle-kit';

// The PostgreSQL twin of drizzle.config.ts: `npm run db:generate` writes both dialects' migrations
// (drizzle/ for SQLite, drizzle/postgres for PostgreSQL) from their schemas.
export default defineConfig({
	schema: './src/lib/server/db/schema/pg/index.ts',
	out: './drizzle/postgres',
	dialect: 'postgresql',
	dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://localhost/lifecircle' },
	verbose: true,
	strict: true
});
