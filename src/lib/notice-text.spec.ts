import { describe, expect, it } from 'vitest';
import { noticeText, portalText, type NoticePayload } from './notice-text';

// 2026-12-01 11:00 in Jiayuguan
const startsAt = Date.parse('2026-12-01T03:00:00Z');
const base: NoticePayload = {
	bookingId: 7,
	slotId: 3,
	code: 'K7P2QX',
	servicePointId: 1,
	servicePointName: '胜利社区老年助餐点',
	phone: '09376211111',
	startsAt,
	endsAt: startsAt + 30 * 60_000,
	forName: '李秀兰',
	bookedByName: '张丽'
};

describe('booking notices speak to their reader and name who did what for whom', () => {
	it('tells the elder that her family member booked for her, in the second person', () => {
		const text = noticeText('booking_confirmed', { ...base, audience: 'family' }, 'zh-CN');
		expect(text).toBe(
			'【嘉峪关生活圈】您的家人张丽为您预约了 12月1日周二 11:00 的胜利社区老年助餐点，预约码 K7P2QX。'
		);
	});

	it('tells the carer the same, naming the elder', () => {
		expect(noticeText('booking_confirmed', { ...base, audience: 'carer' }, 'zh-CN')).toBe(
			'【嘉峪关生活圈】您已为李秀兰预约 12月1日周二 11:00 的胜利社区老年助餐点，预约码 K7P2QX。'
		);
	});

	it('tells a person who booked for themself, without naming them', () => {
		const text = noticeText('booking_confirmed', { ...base, audience: 'self' }, 'zh-CN');
		expect(text).toContain('您已预约 12月1日周二 11:00 的胜利社区老年助餐点');
		expect(text).not.toContain('李秀兰');
		expect(text).not.toContain('张丽');
	});

	it('says community staff booked when they did, on the phone or at the desk', () => {
		expect(noticeText('booking_confirmed', { ...base, audience: 'staff' }, 'zh-CN')).toContain(
			'社区工作人员为您预约了'
		);
	});

	it('reminders, waitlist places, cancellations and rating requests keep the same voice', () => {
		const family = { ...base, audience: 'family' as const, reason: '设备检修' };
		const carer = { ...base, audience: 'carer' as const, reason: '设备检修' };
		expect(noticeText('booking_reminder', family, 'zh-CN')).toBe(
			'【嘉峪关生活圈】提醒：您的家人张丽为您预约的胜利社区老年助餐点将于 12月1日周二 11:00 开始，预约码 K7P2QX。'
		);
		expect(noticeText('booking_reminder', carer, 'zh-CN')).toContain(
			'提醒：您为李秀兰预约的胜利社区老年助餐点'
		);
		expect(noticeText('waitlist_promoted', carer, 'zh-CN')).toContain(
			'候补成功：您为李秀兰预约的胜利社区老年助餐点（12月1日周二 11:00）已约上'
		);
		expect(noticeText('booking_cancelled_by_staff', family, 'zh-CN')).toContain(
			'您的家人张丽为您预约的胜利社区老年助餐点（12月1日周二 11:00）已由工作人员取消：设备检修'
		);
		expect(noticeText('booking_cancelled_closure', carer, 'zh-CN')).toContain(
			'您为李秀兰预约的 12月1日周二 11:00 的时段已取消'
		);
		expect(noticeText('rating_requested', family, 'zh-CN')).toContain(
			'您的家人张丽为您预约的胜利社区老年助餐点（12月1日周二 11:00）已完成'
		);
		expect(
			noticeText('waitlist_cleared', { ...base, audience: 'self', reason: '设备检修' }, 'zh-CN')
		).toContain('您在 12月1日周二 11:00 的候补已取消');
	});

	it('a cancellation by the family names who cancelled, to the elder and to the carer', () => {
		const byCarer = { ...base, cancelledBy: 'carer' as const, cancelledByName: '张丽' };
		expect(
			noticeText('booking_cancelled_by_family', { ...byCarer, audience: 'family' }, 'zh-CN')
		).toBe('【嘉峪关生活圈】您的家人张丽取消了您 12月1日周二 11:00 在胜利社区老年助餐点的预约。');
		expect(
			portalText('booking_cancelled_by_family', { ...byCarer, audience: 'carer' }, 'zh-CN')
		).toBe('您已取消李秀兰 12月1日周二 11:00 在胜利社区老年助餐点的预约。');
		const byElder = { ...base, cancelledBy: 'person' as const, cancelledByName: '李秀兰' };
		expect(
			portalText('booking_cancelled_by_family', { ...byElder, audience: 'carer' }, 'zh-CN')
		).toBe('李秀兰取消了您为其预约的 12月1日周二 11:00 胜利社区老年助餐点。');
	});

	it('speaks English to English readers', () => {
		expect(noticeText('booking_confirmed', { ...base, audience: 'family' }, 'en')).toMatch(
			/^\[Life Circle\] Your family member 张丽 booked for you: 胜利社区老年助餐点, .*code K7P2QX\.$/
		);
		expect(noticeText('booking_reminder', { ...base, audience: 'carer' }, 'en')).toContain(
			'Reminder: your booking for 李秀兰 at 胜利社区老年助餐点'
		);
	});

	it('reads a notice stored before the reader was recorded as before (third person)', () => {
		expect(portalText('booking_confirmed', base, 'zh-CN')).toBe(
			'李秀兰已预约胜利社区老年助餐点，12月1日周二 11:00，预约码 K7P2QX。'
		);
	});

	it('the portal shows the text without the sender tag', () => {
		expect(portalText('booking_confirmed', { ...base, audience: 'carer' }, 'zh-CN')).toMatch(
			/^您已为李秀兰预约/
		);
		expect(portalText('booking_confirmed', { ...base, audience: 'carer' }, 'en')).toMatch(
			/^You booked for 李秀兰/
		);
	});
});
