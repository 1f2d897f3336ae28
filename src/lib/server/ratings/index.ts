/** Ratings: residents rate attended appointments; staff answer and follow up; summaries for pages. */
export * from './ratings';
export * from './queries';
