// The helper moved to the db layer (the session lookup uses it too); kept here for the booking modules.
export { prepared } from '../db/prepared';
