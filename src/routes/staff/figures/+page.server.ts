import type { PageServerLoad } from './$types';
import { monthOf } from './month';

export const load: PageServerLoad = (event) => monthOf(event);
