// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			message: string;
			code?: string;
		}
		interface Locals {
			/** 长辈版: the large-text, simplified mode */
			elderMode: boolean;
		}
	}
}

export {};
