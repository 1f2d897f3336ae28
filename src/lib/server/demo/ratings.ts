import type { CategoryCode } from '$lib/categories';
import type { QuickTag } from '$lib/rating-tags';

/**
 * Generated ratings that read true: the tags fit the category and the stars, the comment says nothing the
 * tags deny, and the staff answer fits the mood (thanks for praise, an apology and what will change for a
 * complaint). Only the portal's own quick tags are used, so every tag shows in both languages.
 */
export type Sentiment = 'positive' | 'mixed' | 'negative';

export function sentimentOf(stars: number): Sentiment {
	return stars >= 4 ? 'positive' : stars <= 2 ? 'negative' : 'mixed';
}

/** 饭菜可口 only where a meal is served: meal points and day-care centres (their lunch is part of the day). */
const servesMeals = new Set<string>(['meal', 'elderly_care']);

export function positiveTags(category: string): readonly QuickTag[] {
	return servesMeals.has(category)
		? ['态度好', '准时', '环境好', '饭菜可口']
		: ['态度好', '准时', '环境好'];
}

export const negativeTags: readonly QuickTag[] = ['等待久', '不方便'];

/** Tags that cannot both be true of one visit. */
export const conflictingTags: readonly (readonly [QuickTag, QuickTag])[] = [['准时', '等待久']];

/** Every tag a rating of this category and sentiment may carry (a mixed rating: one of each kind). */
export function allowedTags(category: string, sentiment: Sentiment): readonly QuickTag[] {
	if (sentiment === 'positive') return positiveTags(category);
	if (sentiment === 'negative') return negativeTags;
	return [...positiveTags(category), ...negativeTags];
}

interface Comment {
	text: string;
	/** the tag the comment speaks to: it is chosen only when the rating carries that tag */
	about?: QuickTag;
}

type CommentBook = Partial<Record<CategoryCode | 'any', Comment[]>>;

const comments: Record<Sentiment, CommentBook> = {
	positive: {
		any: [{ text: '服务很周到，谢谢社区！' }, { text: '工作人员很耐心。', about: '态度好' }],
		meal: [
			{ text: '饭菜清淡，适合老人。', about: '饭菜可口' },
			{ text: '菜量足，价格实惠。' },
			{ text: '按时开饭，饭菜热乎。', about: '准时' }
		],
		childcare: [
			{ text: '老师很有耐心，孩子很喜欢。', about: '态度好' },
			{ text: '活动室干净明亮。', about: '环境好' }
		],
		clinic: [
			{ text: '医生问得很仔细。', about: '态度好' },
			{ text: '按预约时间就看上了。', about: '准时' },
			{ text: '候诊区干净整洁。', about: '环境好' }
		],
		legal: [
			{ text: '律师讲得很清楚，问题解决了。', about: '态度好' },
			{ text: '按约定时间开始咨询。', about: '准时' }
		],
		elderly_care: [
			{ text: '护理员很耐心，老人很满意。', about: '态度好' },
			{ text: '午饭软烂可口，老人爱吃。', about: '饭菜可口' },
			{ text: '房间干净，活动也适合老人。', about: '环境好' }
		],
		culture: [
			{ text: '活动丰富，老师教得好。', about: '态度好' },
			{ text: '活动室宽敞明亮。', about: '环境好' }
		]
	},
	mixed: {
		any: [
			{ text: '总体还行，希望周末也能开放。' },
			{ text: '服务不错，就是排队时间有点长。', about: '等待久' },
			{ text: '环境不错，但预约改时间不太方便。', about: '不方便' }
		],
		meal: [{ text: '饭菜还可以，口味可以再清淡些。' }],
		clinic: [{ text: '医生不错，就是候诊有点久。', about: '等待久' }]
	},
	negative: {
		any: [
			{ text: '排队时间太长，等了一个多小时。', about: '等待久' },
			{ text: '临时改了开放时间也没通知，白跑一趟。', about: '不方便' },
			{ text: '预约时段太少，很难约上。', about: '不方便' }
		],
		meal: [{ text: '饭菜端上桌时已经凉了。' }],
		clinic: [{ text: '候诊等了很久，也没人说明原因。', about: '等待久' }]
	}
};

/** What will change, said in the answer to a complaint about this tag. */
const changes: Record<string, string> = {
	等待久: '我们将在高峰时段增加名额，并按预约时间分批接待。',
	不方便: '今后开放时间有变动会提前在平台和公告栏通知，并简化预约步骤。',
	none: '我们已把您的意见带到社区例会上，逐项改进。'
};

const thanks = ['感谢您的认可，我们会继续努力！', '谢谢您的肯定，欢迎常来！'];

export interface GeneratedRating {
	tags: QuickTag[];
	comment: string | null;
	reply: string | null;
}

/**
 * One rating's words for a visit to a point of `category` given `stars`. `random` is the seeded source;
 * `answered` says whether staff have replied yet.
 */
export function ratingWords(
	category: string,
	stars: number,
	random: () => number,
	answered: boolean
): GeneratedRating {
	const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
	const sentiment = sentimentOf(stars);
	let tags: QuickTag[];
	if (sentiment === 'mixed') {
		tags = [];
		if (random() < 0.7) {
			const negative = pick(negativeTags);
			const positives = positiveTags(category).filter((tag) => !conflicts(tag, negative));
			tags = [pick(positives), negative];
		}
	} else tags = [pick(allowedTags(category, sentiment))];
	const book = comments[sentiment];
	const candidates = [...(book.any ?? []), ...(book[category as CategoryCode] ?? [])].filter(
		(c) => c.about === undefined || tags.includes(c.about)
	);
	const comment = random() < 0.5 && candidates.length > 0 ? pick(candidates).text : null;
	return { tags, comment, reply: answered ? replyTo(sentiment, tags, pick) : null };
}

function conflicts(a: QuickTag, b: QuickTag): boolean {
	return conflictingTags.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}

function replyTo(
	sentiment: Sentiment,
	tags: readonly QuickTag[],
	pick: <T>(items: readonly T[]) => T
): string {
	if (sentiment === 'positive') return pick(thanks);
	const complaint = tags.find((tag) => negativeTags.includes(tag)) ?? 'none';
	const opening = sentiment === 'negative' ? '很抱歉给您带来不便。' : '谢谢您的反馈。';
	return opening + changes[complaint];
}
