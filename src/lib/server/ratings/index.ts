// Ratings: giving and answering them (ratings.ts), and reading them by audience.
export * from './ratings';
export * from './own';
export * from './summary';
export * from './staff-list';
export * from './community';
