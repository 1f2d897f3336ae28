/** Shared by the Vite plugin and `npm run i18n` (svelte-check needs the compiled messages too). */
export const paraglideOptions = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	// `custom-query` reads ?lang=…; the cookie keeps the choice; zh-CN otherwise.
	strategy: /** @type {const} */ (['custom-query', 'cookie', 'baseLocale'])
};
