/**
 * `npm run test:load [-- --short] [-- --baseline BUILD_DIR]`: the throughput run (load.ts), then
 * the stall run (stall.ts: /healthz under greedy clients and during an engine rebuild), with the
 * same arguments; exits 1 if either failed.
 */
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
// --baseline is stall.ts's (load.ts compares builds with BUILD_DIR)
const loadArgs = args.filter((arg, i) => arg !== '--baseline' && args[i - 1] !== '--baseline');
let failed = false;
for (const [script, scriptArgs] of [
	['tests/load/load.ts', loadArgs],
	['tests/load/stall.ts', args]
] as const) {
	const run = spawnSync('npx', ['tsx', script, ...scriptArgs], { stdio: 'inherit' });
	if (run.status !== 0) {
		console.error(`${script} failed (${run.status ?? run.signal})`);
		failed = true;
	}
}
process.exit(failed ? 1 : 0);
