// 志愿服务 (issue 19): stations, volunteers, help requests matched by walking minutes, hours.
export {
	volunteerItems,
	volunteerStatuses,
	helpRequestStatuses,
	type VolunteerItem,
	type FreeTime
} from '../db/schema/volunteers';
export {
	createStation,
	updateStation,
	setStationActive,
	getStation,
	stationsOf,
	openStations,
	type Station,
	type StationResult
} from './stations';
export {
	register,
	setStatus,
	volunteerOf,
	communityOfVolunteer,
	volunteersOfCommunities,
	type MyVolunteer,
	type RegisterResult,
	type StatusAction,
	type StatusResult,
	type StaffVolunteer,
	type VolunteerStatus
} from './registration';
export { match, type Candidate } from './matching';
export { ask, askLimit, minNoticeMs, type AskResult } from './ask';
export {
	accept,
	confirm,
	cancel,
	escalateDue,
	escalateAfterMs,
	type AcceptResult,
	type ConfirmResult,
	type CancelResult
} from './answer';
export {
	requestsFor,
	boardOf,
	servicesOf,
	registrationsOf,
	requestsOfCommunities,
	type AskerRequest,
	type Offer,
	type Accepted,
	type Service,
	type StaffRequest,
	type HelpStatus,
	type Contact
} from './queries';
export { elderByPhoneInScope, type Actor } from './people';
export {
	dayParts,
	usualMinutes,
	readyTimes,
	isFree,
	freeTimesFromTicks,
	ticksOf,
	isTheDay,
	type DayPart
} from './rules';
export {
	stationInput,
	registerInput,
	helpRequestInput,
	staffHelpInput,
	confirmInput,
	noteMaxLength,
	type StationInput,
	type RegisterInput,
	type HelpRequestInput
} from './schemas';
export { volunteerRefusal } from './responses';
