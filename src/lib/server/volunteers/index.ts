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
// activities (group sign-ups with a booking slot's capacity rules) and hours
export {
	postActivity,
	signUp,
	cancelSignUp,
	cancelActivity,
	recordAttendance,
	approvedVolunteerOf,
	communityOfStation,
	communityOfActivity,
	type PostResult,
	type SignUpResult,
	type CancelSignUpResult,
	type StaffActivityResult
} from './activities';
export {
	upcomingOfCommunity,
	activitiesForVolunteer,
	activitiesForStaff,
	activityWithSignups,
	activeStationsOf,
	type ActivityView,
	type VolunteerActivityView,
	type StaffActivityView,
	type SignupView
} from './activity-queries';
export {
	activityInput,
	activityIdInput,
	attendanceInput,
	stationIdInput,
	activityItemChoices,
	type ActivityInput
} from './activity-schemas';
export { activityRefusal } from './activity-responses';
export {
	serviceHistory,
	totalsByYear,
	hoursOf,
	certificateOf,
	hoursPerVolunteer,
	hoursPerStation,
	monthBounds,
	type ServiceRow,
	type YearTotal,
	type Certificate,
	type VolunteerMonth,
	type StationMonth
} from './hours';
