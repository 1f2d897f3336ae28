/**
 * Asks the service worker to keep pages on this phone for use without signal (the bookings lists ask
 * for their slips). Nothing happens where there is no service worker (an old browser, a test
 * without one); the worker checks every path against its own rules.
 */
export function keepOffline(paths: string[]): void {
	if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
	void navigator.serviceWorker.ready.then((registration) =>
		registration.active?.postMessage({ type: 'keep', paths })
	);
}
