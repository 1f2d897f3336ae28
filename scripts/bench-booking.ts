/** `npm run bench:booking`: only the booking throughput section of `npm run bench`. */
import { benchmarkBooking } from './bench/booking';
import { printTable, section } from './bench/harness';

await section('booking over HTTP, 50 clients', benchmarkBooking);
printTable();
