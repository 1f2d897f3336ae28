/**
 * The planning worker (started by searches.ts through threads/): the suggestion search on the
 * engine the server has, wrapped around the same shared memory (kept until the version moves).
 */
import { serveThread } from '../threads/serve';
import { indexResidences, runSync, unpack, type PackedCoverage } from '../coverage/packed';
import { searchSuggestions, type SearchState, type SuggestionInput } from './best-sites';

let cached: { version: string; state: SearchState } | undefined;

function stateFor(packed: PackedCoverage): SearchState {
	if (cached?.version !== packed.version) {
		const { engine, matrix, residences } = runSync(unpack(packed));
		const { byCommunity } = runSync(indexResidences(residences));
		cached = {
			version: packed.version,
			state: { engine, matrix, residences, residencesByCommunity: byCommunity }
		};
	}
	return cached.state;
}

serveThread((request: { packed: PackedCoverage; input: SuggestionInput }) => ({
	value: searchSuggestions(stateFor(request.packed), request.input)
}));
