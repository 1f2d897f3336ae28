/**
 * The next turn of the event loop: long work on the request thread (a big city's export) goes a slice
 * at a time, so that the requests waiting meanwhile are answered between the slices.
 */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
