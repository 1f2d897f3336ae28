/**
 * Structured one-line JSON logs. Never pass phone numbers, tokens or passwords here (PIPL).
 */
type Fields = Record<string, string | number | boolean | null | undefined>;

function write(level: 'info' | 'warn' | 'error', message: string, fields: Fields = {}) {
	const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }) + '\n';
	// straight to the stream: console.log formats its arguments again (a request log line is written
	// on every request, so this is on the hot path)
	if (level === 'error') process.stderr.write(line);
	else process.stdout.write(line);
}

export const log = {
	info: (message: string, fields?: Fields) => write('info', message, fields),
	warn: (message: string, fields?: Fields) => write('warn', message, fields),
	error: (message: string, fields?: Fields) => write('error', message, fields)
};
