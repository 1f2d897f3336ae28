import { defineCustomServerStrategy, isLocale } from '$lib/paraglide/runtime';

// ?lang=en (or zh-CN) on any URL chooses the language for that request; the hook also stores it.
defineCustomServerStrategy('custom-query', {
	getLocale: (request) => {
		const lang = request ? new URL(request.url).searchParams.get('lang') : null;
		return lang && isLocale(lang) ? lang : undefined;
	}
});
