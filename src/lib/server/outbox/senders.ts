import { maskPhone } from '$lib/phone';
import { log } from '../log';
import { setting } from '../config';

/** Delivers one text message; throws when the gateway refuses, so the outbox retries later. */
export interface SmsSender {
	name: string;
	send(message: OutgoingSms): Promise<void>;
}

export interface OutgoingSms {
	id: number;
	recipient: string;
	body: string;
	templateId: string | null;
	templateParams: Record<string, string> | null;
}

/**
 * Development: the message goes to the server log (phone masked) and stays in the outbox, where
 * staff can read it in demo mode (/staff/outbox). This is the one log line allowed to carry a code.
 */
export const logSender: SmsSender = {
	name: 'log',
	async send({ recipient, body }) {
		log.info('sms (development sender)', { to: maskPhone(recipient), body });
	}
};

/**
 * A generic HTTP gateway: POSTs {"to", "text", "template", "params"} as JSON to SMS_GATEWAY_URL with
 * `Authorization: Bearer $SMS_GATEWAY_TOKEN`. Vendors (Aliyun, Tencent Cloud SMS) sit behind a small
 * adapter service speaking this shape: it maps the stable template id (e.g. booking_confirmed) and its
 * params to the vendor's registered template, so no vendor SDK is needed here. `Idempotency-Key`
 * (outbox-<id>) is the same on every attempt of one message, for a gateway that drops repeats.
 */
export function httpSender(url: string, token: string | undefined): SmsSender {
	return {
		name: 'http',
		async send({ id, recipient, body, templateId, templateParams }) {
			const response = await fetch(url, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'idempotency-key': `outbox-${id}`,
					...(token ? { authorization: `Bearer ${token}` } : {})
				},
				body: JSON.stringify({
					to: recipient,
					text: body,
					template: templateId,
					params: templateParams ?? {}
				}),
				signal: AbortSignal.timeout(10_000)
			});
			await response.body?.cancel();
			if (!response.ok) throw new Error(`gateway answered ${response.status}`);
		}
	};
}

/** SMS_SENDER=log (default) or http (with SMS_GATEWAY_URL). */
export function configuredSender(env: NodeJS.ProcessEnv = process.env): SmsSender {
	if (setting('SMS_SENDER', env) === 'log') return logSender;
	const url = setting('SMS_GATEWAY_URL', env);
	if (!url) throw new Error('SMS_SENDER=http needs SMS_GATEWAY_URL');
	return httpSender(url, setting('SMS_GATEWAY_TOKEN', env));
}
