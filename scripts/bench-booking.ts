/**
 * `npm run bench:booking`: the booking throughput section of `npm run bench`, on SQLite and, in the same
 * run, on PostgreSQL with one and with two app server processes (a throw-away cluster, or POSTGRES_URL's
 * server: tests/load/postgres.ts), with each one's created/s over SQLite's. BENCH_BOOKING_BACKENDS=sqlite
 * measures SQLite only.
 */
import { benchmarkBookingOn } from './bench/booking';
import { printTable, record, section } from './bench/harness';
import { loadPostgres } from '../tests/load/postgres';

const backends = (process.env.BENCH_BOOKING_BACKENDS ?? 'sqlite,postgres').split(',');
let sqlite = 0;
await section('booking over HTTP, 50 clients, SQLite', async () => {
	sqlite = await benchmarkBookingOn();
});
if (backends.includes('postgres')) {
	const postgres = await loadPostgres();
	try {
		for (const workers of [1, 2]) {
			await section(
				`booking over HTTP, 50 clients, PostgreSQL, ${workers} process(es)`,
				async () => {
					const created = await benchmarkBookingOn({ backend: 'postgres', workers, postgres });
					record(
						`created/s ÷ SQLite's (same run)`,
						`${(created / sqlite).toFixed(2)}×`,
						'',
						`${postgres.describe}`
					);
				}
			);
		}
	} finally {
		await postgres.stop();
	}
}
printTable();
