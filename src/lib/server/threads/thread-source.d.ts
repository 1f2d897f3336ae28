/** A worker entry bundled into one script by threads/source-plugin.ts. */
declare module '*?thread' {
	const source: string;
	export default source;
}
