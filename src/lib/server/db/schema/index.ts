// The tables every module imports, of the database this process runs on (db/dialect.ts): SQLite's
// (./sqlite.ts) or PostgreSQL's (./pg), chosen once at import. They are typed as the SQLite ones
// (the Db type is drizzle's SQLite async type, and the twins declare the same columns with the same
// JS types: db/schema-twins.spec.ts), while at run time the PostgreSQL driver gets its own table
// objects, which map booleans, times and JSON the PostgreSQL way.
import { processDialect } from '../dialect';
import * as pg from './pg';
import * as sqlite from './sqlite';

const tables = (processDialect === 'postgres' ? pg : sqlite) as unknown as typeof sqlite;

// every table of ./sqlite.ts, by name (schema-twins.spec.ts checks none is missing)
export const {
	street,
	community,
	residence,
	serviceCategory,
	servicePoint,
	roadEdge,
	meta,
	user,
	session,
	trustedDevice,
	verificationCode,
	rateLimit,
	familyLink,
	staffScope,
	notification,
	outbox,
	auditLog,
	openingRule,
	closure,
	slot,
	booking,
	waitlistEntry,
	rating,
	servicePointRating,
	notice,
	resource,
	communityFacts,
	need,
	needSupport,
	project,
	projectNote,
	ledgerSnapshot,
	targetSnapshot,
	volunteerStation,
	volunteer,
	helpRequest,
	helpOffer,
	volunteerActivity,
	volunteerActivitySignup,
	volunteerService
} = tables;
