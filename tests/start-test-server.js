// Starts `npm start` (scripts/start.js) on a fresh database, keeping the server log for tests to read.
// TEST_SEEDED_DATABASE (scripts/test-all.js) names a SQLite file where tests/support/seed-database.ts
// seeded the demo city beside the build: the server starts on a copy of it, as it would have left an
// empty one (a PostgreSQL database is copied by scripts/postgres-test-server.js --fresh).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, createWriteStream, mkdirSync, rmSync } from 'node:fs';

const database = process.env.DATABASE_URL ?? 'tests/output/e2e.db';
const port = process.env.PORT ?? 'default';
mkdirSync('tests/output', { recursive: true });
for (const suffix of ['', '-wal', '-shm']) rmSync(database + suffix, { force: true });
const seeded = process.env.TEST_SEEDED_DATABASE;
if (seeded && !/^postgres(ql)?:\/\//.test(seeded) && !/^postgres(ql)?:\/\//.test(database))
	cpSync(seeded, database);

// Build if the sources changed (as `npm start` does), then run a private copy of the build.
const build = spawnSync(process.execPath, ['scripts/start.js', '--build-only'], {
	stdio: 'inherit'
});
if (build.status !== 0) process.exit(build.status ?? 1);
const buildDir = `tests/output/build-${port}`;
rmSync(buildDir, { recursive: true, force: true });
cpSync('build', buildDir, { recursive: true });

const logFile = createWriteStream(`tests/output/server-${port}.log`);
const server = spawn(process.execPath, ['scripts/start.js'], {
	// one process: some tests rely on one process's memory (the public budget's 429s)
	env: { ...process.env, DATABASE_URL: database, BUILD_DIR: buildDir, WORKERS: '1' },
	stdio: ['ignore', 'pipe', 'pipe']
});
for (const stream of [server.stdout, server.stderr]) {
	stream.pipe(logFile, { end: false });
	stream.pipe(process.stdout);
}
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM']))
	process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
