import type { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { apiError, apiFailure, pageFailure, refuse } from './refusal';

export type Parsed<T> =
	{ ok: true; data: T } | { ok: false; message: string; errors: Record<string, string> };

/** Validates with a shared schema; the first message per field, in the request's language. */
export function parse<T>(schema: z.ZodType<T>, input: unknown): Parsed<T> {
	const result = schema.safeParse(input);
	if (result.success) return { ok: true, data: result.data };
	const errors: Record<string, string> = {};
	for (const issue of result.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= issue.message;
	}
	return { ok: false, message: m.error_form_invalid(), errors };
}

/** A form's fields as strings (files are dropped), with the named fields kept as lists. */
export function formInput(
	formData: FormData,
	lists: string[] = []
): Record<string, string | string[]> {
	const input: Record<string, string | string[]> = {};
	for (const key of new Set(formData.keys())) {
		const values = formData.getAll(key).filter((v): v is string => typeof v === 'string');
		if (lists.includes(key)) input[key] = values;
		else if (values.length > 0) input[key] = values[0];
	}
	return input;
}

const secretFields = new Set(['password', 'code']);

/** What a failed form echoes back: never a password or a code, and bounded in size. */
export function echo(input: Record<string, string | string[]>): Record<string, string | string[]> {
	const values: Record<string, string | string[]> = {};
	for (const [key, value] of Object.entries(input)) {
		if (secretFields.has(key)) continue;
		values[key] = Array.isArray(value) ? value.map((v) => v.slice(0, 200)) : value.slice(0, 200);
	}
	return values;
}

/** A JSON request body, or the 4xx the API answers when there is none. */
export async function jsonBody(
	request: Request
): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^application\/json\b/i.test(type)) {
		return { ok: false, response: apiError('unsupported_media_type', m.error_json_only()) };
	}
	try {
		return { ok: true, body: await request.json() };
	} catch {
		return { ok: false, response: apiError('invalid_json', m.error_json_invalid()) };
	}
}

/** The API's answer to input that fails its schema: the first message, and one per field. */
export function invalidInput(parsed: { message: string; errors: Record<string, string> }) {
	return apiFailure(refuse('invalid_input', parsed.message, { errors: parsed.errors }));
}

/**
 * A form action's body parsed with a schema; on failure the 400 to return, with the form's name,
 * the message, the errors per field and the values echoed (never a password or code).
 */
export async function readForm<T>(request: Request, schema: z.ZodType<T>, form: string) {
	const input = formInput(await request.formData());
	const parsed = parse(schema, input);
	if (parsed.ok) return { ok: true as const, data: parsed.data, input };
	return {
		ok: false as const,
		failure: pageFailure(refuse('invalid_input', parsed.message), {
			form,
			errors: parsed.errors,
			values: echo(input)
		})
	};
}
