/**
 * Structured one-line JSON logs. Never pass phone numbers, tokens or passwords here (PIPL).
 */
import { writeSync } from 'node:fs';

type Fields = Record<string, string | number | boolean | null | undefined>;

/**
 * Lines wait for the end of the current turn of the event loop and leave in one write per stream: a
 * request log line is written on every request, and one write (a system call to a pipe) per line was
 * ~7% of the server's CPU under booking load (tests/load/load.ts, --cpu-prof). What is still waiting
 * when the process exits is written synchronously, so nothing is lost on an exit or a crash.
 */
const waiting = { stdout: '', stderr: '' };
let scheduled = false;

function flush() {
	scheduled = false;
	if (waiting.stdout) process.stdout.write(waiting.stdout);
	if (waiting.stderr) process.stderr.write(waiting.stderr);
	waiting.stdout = waiting.stderr = '';
}

process.on('exit', () => {
	if (waiting.stdout) writeSync(1, waiting.stdout);
	if (waiting.stderr) writeSync(2, waiting.stderr);
	waiting.stdout = waiting.stderr = '';
});

function write(level: 'info' | 'warn' | 'error', message: string, fields: Fields = {}) {
	const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }) + '\n';
	// straight to the stream (console.log formats its arguments again)
	waiting[level === 'error' ? 'stderr' : 'stdout'] += line;
	if (!scheduled) {
		scheduled = true;
		setImmediate(flush);
	}
}

export const log = {
	info: (message: string, fields?: Fields) => write('info', message, fields),
	warn: (message: string, fields?: Fields) => write('warn', message, fields),
	error: (message: string, fields?: Fields) => write('error', message, fields)
};
