/**
 * Planning searches off the event loop: the best-k suggestion search takes from a few hundred
 * milliseconds to seconds on a city of a million people, so it runs in the planning worker on the
 * engine the request sees (its shared arrays are posted, not copied). Requests queue there one
 * after another; the server keeps answering everyone else meanwhile.
 */
import type { CoverageState } from '../coverage';
import { startThread, type Thread } from '../threads';
import type { SuggestionInput, SuggestionSearch } from './best-sites';

let thread: Thread | undefined;

export async function searchInWorker(
	state: CoverageState,
	input: SuggestionInput
): Promise<SuggestionSearch> {
	if (!thread) {
		const { default: source } = await import('./search-worker?thread');
		thread ??= startThread(source, 'planning-search');
	}
	return thread.call<SuggestionSearch>({ packed: state.packed, input });
}
