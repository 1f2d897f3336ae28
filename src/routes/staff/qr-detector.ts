/**
 * A QR detector for the check-in scanner: the browser's own BarcodeDetector where it reads QR codes
 * (Android, macOS, ChromeOS), otherwise the `barcode-detector` polyfill (ZXing compiled to
 * WebAssembly). Its wasm file is served by the portal itself, never a CDN: the desk may be offline.
 * The CSP allows it with script-src 'wasm-unsafe-eval' (WebAssembly compilation only, no JS eval).
 */
export interface QrDetector {
	detect(source: ImageBitmapSource): Promise<{ rawValue: string }[]>;
}
type DetectorClass = {
	new (options: { formats: string[] }): QrDetector;
	getSupportedFormats?: () => Promise<string[]>;
};

let installing: Promise<DetectorClass> | undefined;

async function nativeDetector(): Promise<DetectorClass | null> {
	const native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
	if (!native) return null;
	const formats = await native.getSupportedFormats?.().catch((): string[] => []);
	return formats?.includes('qr_code') ? native : null;
}

/**
 * The BarcodeDetector class to use, installed on `window` when the polyfill is needed (so the page
 * and its tests see one class). Loaded on first use: the console costs nothing more until then.
 */
export function qrDetectorClass(): Promise<DetectorClass> {
	installing ??= (async () => {
		const native = await nativeDetector();
		if (native) return native;
		const [{ BarcodeDetector, prepareZXingModule }, { default: wasmUrl }] = await Promise.all([
			import('barcode-detector/ponyfill'),
			import('zxing-wasm/reader/zxing_reader.wasm?url')
		]);
		prepareZXingModule({
			overrides: {
				locateFile: (path: string, prefix: string) =>
					path.endsWith('.wasm') ? new URL(wasmUrl, location.href).href : prefix + path
			}
		});
		(globalThis as { BarcodeDetector?: unknown }).BarcodeDetector = BarcodeDetector;
		return BarcodeDetector as unknown as DetectorClass;
	})();
	installing.catch(() => (installing = undefined));
	return installing;
}
