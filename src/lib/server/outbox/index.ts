// One outbox: messages queued in the transaction that causes them, delivered by one claimed pass.
export {
	enqueue,
	enqueueAll,
	dropFor,
	messageKey,
	recentSms,
	subject,
	type OutgoingMessage,
	type Subject
} from './queue';
export { deliverDue, pollMs } from './deliver';
export { startOutboxWorker } from './worker';
