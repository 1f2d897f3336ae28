/**
 * What a person typed, chose or ticked before the page hydrated is kept, and acted on.
 *
 * On a slow phone the server's form is on the screen seconds before SvelteKit's JavaScript has run,
 * and people start typing. Svelte 5's hydration then undoes it (svelte 5.57,
 * internal/client/dom/elements/attributes.js):
 * - `value={…}` and `checked={…}`: `set_value` / `set_checked` compare with the value they last wrote,
 *   which at hydration is none, so they always write the page's own value over what was typed
 *   (`bind:value` / `bind:checked` are spared: they take the element's value while hydrating);
 * - `onchange` / `oninput`: attached only at hydration, so a choice made before (a community chosen
 *   to load its residences) is never acted on, although the element still shows it.
 *
 * The browser itself says what the person changed: an element whose value differs from its default
 * (`defaultValue`, `defaultChecked`, `defaultSelected`: the markup the server sent) was changed on
 * this page (typed, chosen, or put back by the browser's own form restoring). `noteChanges` reads
 * those before hydration touches them (the root layout's script runs before any of the page's
 * elements hydrate, in the same task); `restore` puts them back once the page has hydrated and fires
 * `input` and `change` on each, as the person's own change would have, so bound state learns the
 * value and handlers do their work (the residences load). Forms without JavaScript never run it.
 *
 * No inline script in app.html: the defaults already hold the server's values, so nothing has to be
 * recorded before the scripts arrive, and the CSP's script hashes stay as SvelteKit makes them. A link
 * tapped before hydration needs nothing either: it is a plain link, the browser navigates, and the
 * page hydrating meanwhile does not stop it (tests/e2e/hydration.e2e.ts).
 *
 * Cost: one querySelectorAll of the page's form fields and a comparison each (a page has tens); on a
 * page nobody touched nothing is written or fired.
 */

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** What one changed field held, and how to find it again if hydration replaced the element. */
type Change = {
	element: Field;
	key: string;
	value: string;
	checked: boolean;
	selected: boolean[];
};

/** Kinds of input whose value a person cannot type or a script cannot put back. */
const untouchable = new Set(['hidden', 'file', 'submit', 'button', 'reset', 'image']);

/** The options a form reset would select: those with the attribute, else the browser's choice. */
function selectChanged(select: HTMLSelectElement): boolean {
	const options = [...select.options];
	if (select.multiple) return options.some((o) => o.selected !== o.defaultSelected);
	// a single select without a `selected` attribute shows its first option that is not disabled
	const shown =
		options.findLast((o) => o.defaultSelected) ?? options.find((o) => !o.disabled) ?? null;
	return select.selectedIndex !== (shown ? shown.index : -1);
}

function changed(field: Field): boolean {
	if (field instanceof HTMLSelectElement) return selectChanged(field);
	if (field instanceof HTMLInputElement && field.type === 'checkbox')
		return field.checked !== field.defaultChecked;
	// a radio is chosen, never unticked: the chosen one carries the change (the others follow it)
	if (field instanceof HTMLInputElement && field.type === 'radio')
		return field.checked && !field.defaultChecked;
	return field.value !== field.defaultValue;
}

/** Form index, name and position among its namesakes: the same field in a re-created form. */
function keyOf(field: Field): string {
	const form = field.form;
	const forms = [...document.forms];
	const namesakes = [
		...(form ?? document).querySelectorAll<Field>(`[name="${CSS.escape(field.name)}"]`)
	];
	return `${form ? forms.indexOf(form) : -1}|${field.name}|${namesakes.indexOf(field)}`;
}

function find(key: string): Field | null {
	const [formIndex, name, position] = key.split('|');
	const form = Number(formIndex) >= 0 ? document.forms[Number(formIndex)] : null;
	const namesakes = (form ?? document).querySelectorAll<Field>(`[name="${CSS.escape(name)}"]`);
	return namesakes[Number(position)] ?? null;
}

let noted = false;

/**
 * The fields the person changed on the server's page; call it before the page hydrates. Only the
 * first call in a page's life reads anything: later pages are drawn by the client, nothing to keep.
 */
export function noteChanges(): Change[] {
	if (typeof document === 'undefined' || noted) return [];
	noted = true;
	const notes: Change[] = [];
	for (const field of document.querySelectorAll<Field>('input, textarea, select')) {
		if (field instanceof HTMLInputElement && untouchable.has(field.type)) continue;
		if (!changed(field)) continue;
		notes.push({
			element: field,
			key: field.name ? keyOf(field) : '',
			value: field.value,
			checked: field instanceof HTMLInputElement && field.checked,
			selected: field instanceof HTMLSelectElement ? [...field.options].map((o) => o.selected) : []
		});
	}
	return notes;
}

/** Puts each noted change back (only where hydration undid it) and lets the page act on it. */
export function restore(notes: Change[]) {
	for (const note of notes) {
		const field = note.element.isConnected ? note.element : note.key ? find(note.key) : null;
		if (!field) continue;
		if (field instanceof HTMLSelectElement) {
			[...field.options].forEach((o, i) => {
				if (o.selected !== (note.selected[i] ?? false)) o.selected = note.selected[i] ?? false;
			});
		} else if (field instanceof HTMLInputElement && /^(checkbox|radio)$/.test(field.type)) {
			if (field.checked !== note.checked) field.checked = note.checked;
		} else if (field.value !== note.value) {
			// only when it differs: writing the same value would move the caret of a person still typing
			field.value = note.value;
		}
		field.dispatchEvent(new Event('input', { bubbles: true }));
		field.dispatchEvent(new Event('change', { bubbles: true }));
	}
}
