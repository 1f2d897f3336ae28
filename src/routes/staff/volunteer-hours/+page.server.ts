import type { PageServerLoad } from './$types';
import { volunteerMonthOf } from './month';

export const load: PageServerLoad = (event) => volunteerMonthOf(event);
