// Preloaded with `node --import` by the benchmarks: at exit, writes the process's peak resident set
// (kilobytes, getrusage's maximum, worker threads included) to the file PEAK_RSS_FILE names.
import { writeFileSync } from 'node:fs';

const file = process.env.PEAK_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
