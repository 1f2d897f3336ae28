/** Mainland China mobile numbers: 11 digits, starting 13–19. */
export const mobilePattern = /^1[3-9]\d{9}$/;

export function isMobile(value: string): boolean {
	return mobilePattern.test(value);
}

/**
 * 139****0001: how a phone number appears in any list a person sees, other than on their own
 * profile (PIPL: personal information shown only as far as needed).
 */
export function maskPhone(phone: string): string {
	return /^\d{11}$/.test(phone) ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '***';
}
