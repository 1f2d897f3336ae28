import { committedVersion, type Db } from './db';

/**
 * How long an answer read from the database and the clock may be kept while nothing is committed:
 * what it shows by the clock (the slots still open, the notices in force, "today") is at most this
 * much older than the request. Ten seconds: a visitor cannot tell, and a page asked for a thousand
 * times a second is rendered once.
 */
export const clockSliceMs = 10_000;

/**
 * The generation of what has been read: the same text while nothing is committed to the database
 * (by any process: committedVersion) and the clock stays in one slice of `clockSliceMs`. Answers
 * kept under it (rendered pages, a point's next free slot) are never older than a commit.
 */
export async function readGeneration(db: Db, now = Date.now()): Promise<string> {
	return `${await committedVersion(db)}|${Math.floor(now / clockSliceMs)}`;
}
