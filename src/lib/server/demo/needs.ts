import { and, eq } from 'drizzle-orm';
import { transaction, type Db } from '../db';
import { need, needSupport, project, projectNote, servicePoint, user } from '../db/schema';

// A few weeks of 居民需求清单 and 民生项目清单 for the demo: plausible needs in a few communities, their
// "我也需要", staff answers, and two projects — one completed with the service point it built.

const dayMs = 86_400_000;

interface DemoNeed {
	category: string | null;
	text: string;
	daysAgo: number;
	supporters: number;
	status: 'open' | 'accepted' | 'declined' | 'project' | 'done';
	answer?: string;
	project?: 0 | 1;
}

const shengli: DemoNeed[] = [
	{
		category: 'meal',
		text: '小区老人多，希望附近有个老年食堂，中午能吃口热饭。',
		daysAgo: 26,
		supporters: 9,
		status: 'done',
		answer: '胜利社区老年助餐点已开放，欢迎预约。',
		project: 0
	},
	{
		category: 'clinic',
		text: '想有人陪同去医院看病，子女都在外地。',
		daysAgo: 21,
		supporters: 5,
		status: 'accepted',
		answer: '社区已联系志愿者队伍，下周开始试行陪诊服务。'
	},
	{
		category: 'fitness',
		text: '希望小区广场晚上能亮灯，方便散步锻炼。',
		daysAgo: 18,
		supporters: 7,
		status: 'project',
		project: 1
	},
	{
		category: null,
		text: '楼道里能不能装个扶手？上下楼腿脚不方便。',
		daysAgo: 12,
		supporters: 4,
		status: 'accepted',
		answer: '已报物业，正在排查需要加装的楼栋。'
	},
	{
		category: 'childcare',
		text: '双职工家庭，希望周末有托育或者亲子活动。',
		daysAgo: 9,
		supporters: 3,
		status: 'open'
	},
	{
		category: null,
		text: '希望小区门口能摆摊卖菜。',
		daysAgo: 7,
		supporters: 1,
		status: 'declined',
		answer: '占道经营不符合市容管理规定，附近便民市场步行约 8 分钟。'
	},
	{
		category: 'legal',
		text: '想咨询赡养纠纷方面的法律问题，有没有免费的律师？',
		daysAgo: 4,
		supporters: 0,
		status: 'open'
	},
	{
		category: 'elderly_care',
		text: '老伴失能在家，希望有人上门帮忙洗澡。',
		daysAgo: 2,
		supporters: 2,
		status: 'open'
	}
];

const elsewhere: DemoNeed[] = [
	{
		category: 'meal',
		text: '附近没有吃饭的地方，希望开个助餐点。',
		daysAgo: 15,
		supporters: 6,
		status: 'accepted',
		answer: '已纳入街道明年的助餐点选址。'
	},
	{
		category: 'convenience',
		text: '希望附近有个快递驿站。',
		daysAgo: 6,
		supporters: 3,
		status: 'open'
	}
];

/** Needs, supports, answers and two projects; returns how many needs were written. */
export async function seedNeeds(db: Db, options: { now: number }): Promise<number> {
	const { now } = options;
	const communities = await db
		.select({ code: user.communityCode })
		.from(user)
		.where(eq(user.phone, '13900000001'))
		.limit(1);
	const home = communities[0]?.code;
	if (!home) return 0;
	const [staff] = await db
		.select({ id: user.id })
		.from(user)
		.where(eq(user.phone, '13900000011'))
		.limit(1);
	const [point] = await db
		.select({ id: servicePoint.id, name: servicePoint.name })
		.from(servicePoint)
		.where(and(eq(servicePoint.communityCode, home), eq(servicePoint.categoryCode, 'meal')))
		.limit(1);
	const [wuyi] = await db
		.select({ code: user.communityCode })
		.from(user)
		.where(eq(user.phone, '13900000012'))
		.limit(1);
	let written = 0;
	await transaction(db, async (tx) => {
		const projectIds: number[] = [];
		for (const [i, p] of [
			{
				title: '胜利社区老年助餐点',
				categoryCode: 'meal',
				place: point?.name ?? '胜利社区',
				status: 'completed' as const,
				servicePointId: point?.id ?? null,
				plannedStart: 25,
				plannedEnd: 3,
				notes: [
					'已完成选址，与餐饮企业签订供餐协议。',
					'助餐点装修完成，开始试运营。',
					'正式开放，可在平台预约。'
				]
			},
			{
				title: '胜利社区广场夜间照明',
				categoryCode: 'fitness',
				place: '胜利社区文体广场',
				status: 'in_progress' as const,
				servicePointId: null,
				plannedStart: 14,
				plannedEnd: -30,
				notes: ['已报街道城建办，灯杆采购中。']
			}
		].entries()) {
			const date = (daysAgo: number) => new Date(now - daysAgo * dayMs).toISOString().slice(0, 10);
			const [row] = await tx
				.insert(project)
				.values({
					communityCode: home,
					title: p.title,
					categoryCode: p.categoryCode,
					place: p.place,
					responsibleUnit: i === 0 ? '雄关街道胜利社区居委会' : '雄关街道城建办',
					plannedStart: date(p.plannedStart),
					plannedEnd: date(p.plannedEnd),
					status: p.status,
					source: 'needs',
					servicePointId: p.servicePointId,
					createdByUserId: staff?.id ?? null,
					createdAt: new Date(now - p.plannedStart * dayMs)
				})
				.returning({ id: project.id });
			projectIds.push(row.id);
			for (const [k, text] of p.notes.entries())
				await tx.insert(projectNote).values({
					projectId: row.id,
					text,
					byUserId: staff?.id ?? null,
					createdAt: new Date(now - (p.plannedStart - 3 - k * 7) * dayMs)
				});
		}
		const lists: [string, DemoNeed[]][] = [[home, shengli]];
		if (wuyi?.code && wuyi.code !== home) lists.push([wuyi.code, elsewhere]);
		for (const [code, list] of lists) {
			const residents = await tx
				.select({ id: user.id })
				.from(user)
				.where(and(eq(user.communityCode, code), eq(user.role, 'resident')))
				.limit(40);
			if (residents.length < 2) continue;
			for (const [i, n] of list.entries()) {
				const raiser = residents[(i * 7) % residents.length].id;
				const [row] = await tx
					.insert(need)
					.values({
						communityCode: code,
						userId: raiser,
						raisedByUserId: raiser,
						channel: i % 3 === 0 ? 'elder' : 'online',
						categoryCode: n.category,
						text: n.text,
						place: i % 2 ? 'home' : 'community',
						public: true,
						status: n.status,
						answer: n.answer ?? null,
						projectId: n.project === undefined ? null : projectIds[n.project],
						createdAt: new Date(now - n.daysAgo * dayMs),
						updatedAt: n.status === 'open' ? null : new Date(now - (n.daysAgo - 1) * dayMs)
					})
					.returning({ id: need.id });
				const fans = residents.filter((r) => r.id !== raiser).slice(0, n.supporters);
				for (const [k, fan] of fans.entries())
					await tx.insert(needSupport).values({
						needId: row.id,
						userId: fan.id,
						createdAt: new Date(now - (n.daysAgo - 1) * dayMs + k * 3_600_000)
					});
				await tx.update(need).set({ supporters: fans.length }).where(eq(need.id, row.id));
				written++;
			}
		}
	});
	return written;
}
