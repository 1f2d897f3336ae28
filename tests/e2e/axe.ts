import type { Page } from '@playwright/test';
import axe, { type AxeResults, type RunOptions } from 'axe-core';

/**
 * axe-core run in the page itself: the builder of @axe-core/playwright (include, exclude, withTags,
 * withRules, disableRules, options, analyze), the same rules and results, in about half the time.
 * That builder runs axe in pieces meant for pages with cross-origin frames: it injects axe, runs it
 * partially, opens a second, blank page, injects axe there again and finishes the run in it, a second
 * or more per scan on a busy machine. The portal's pages have no frames (nothing in src/ makes
 * one, and `analyze` fails if a page ever does), so one injection and `axe.run` give the same answer.
 */
export default class AxeBuilder {
	private readonly page: Page;
	private readonly includes: string[] = [];
	private readonly excludes: string[] = [];
	private option: RunOptions = {};

	constructor({ page }: { page: Page }) {
		this.page = page;
	}

	include(selector: string) {
		this.includes.push(selector);
		return this;
	}

	exclude(selector: string) {
		this.excludes.push(selector);
		return this;
	}

	/** Replaces the run options (as @axe-core/playwright's `options` does). */
	options(options: RunOptions) {
		this.option = options;
		return this;
	}

	withTags(tags: string[]) {
		this.option = { ...this.option, runOnly: { type: 'tag', values: tags } };
		return this;
	}

	withRules(rules: string[]) {
		this.option = { ...this.option, runOnly: { type: 'rule', values: rules } };
		return this;
	}

	disableRules(rules: string[]) {
		this.option = {
			...this.option,
			rules: Object.fromEntries(rules.map((rule) => [rule, { enabled: false }]))
		};
		return this;
	}

	async analyze(): Promise<AxeResults> {
		const frames = this.page.frames().length;
		if (frames > 1)
			throw new Error(`${this.page.url()} has ${frames - 1} frame(s): use @axe-core/playwright`);
		await this.page.evaluate(axe.source);
		// selectors only (as @axe-core/playwright passes them): plain data into the page
		const context: { include?: string[]; exclude: string[] } = { exclude: this.excludes };
		if (this.includes.length > 0) context.include = this.includes;
		type Runner = { run(context: unknown, options: unknown): Promise<AxeResults> };
		const results: unknown = await this.page.evaluate(
			({ context, options }) => (window as unknown as { axe: Runner }).axe.run(context, options),
			{ context, options: this.option }
		);
		return results as AxeResults;
	}
}
