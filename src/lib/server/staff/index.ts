/** The staff console: day lists, check-in, walk-ins, slot and service point management, figures. */
export * as scope from './scope';
export * as day from './day';
export * as checkin from './checkin';
export * as walkIn from './walk-in';
export * as points from './points';
export * as openingHours from './opening-hours';
export * as figures from './figures';
export * as phone from './phone';
export * as slots from './slots';
