/**
 * Independent checks that a generated rating reads true, for the demo tests. The sets are written out
 * here rather than taken from the generator, so a slip in the generator cannot approve itself.
 */
import { expect } from 'vitest';

const praise = ['态度好', '准时', '环境好'];
const complaint = ['等待久', '不方便'];
/** Tags a point of the category may earn from a happy visitor. */
const positiveByCategory: Record<string, string[]> = {
	meal: [...praise, '饭菜可口'],
	elderly_care: [...praise, '饭菜可口'],
	childcare: praise,
	clinic: praise,
	legal: praise,
	culture: praise,
	fitness: praise,
	convenience: praise
};

/** Words in a comment that deny a tag. */
export const contradictions: Record<string, string[]> = {
	态度好: ['态度差', '不耐烦', '没人理'],
	准时: ['等了', '排队', '推迟', '晚了', '很久', '候诊有点久'],
	环境好: ['环境差', '脏', '吵'],
	饭菜可口: ['难吃', '太咸', '凉了', '不好吃'],
	等待久: ['不用等', '到了就能办', '准时', '按时', '按预约时间就'],
	不方便: ['很方便', '预约方便', '方便快捷']
};

/** Comments that praise, and comments that complain: one must not stand on a rating of the other kind. */
const praiseWords = [
	'谢谢社区',
	'很耐心',
	'很满意',
	'很喜欢',
	'干净',
	'清楚',
	'适合老人',
	'实惠',
	'可口'
];
const complaintWords = ['太长', '白跑', '很难', '凉了', '很久', '没人说明'];

const thanksWords = ['感谢', '谢谢'];
const apologyWords = ['抱歉', '对不起'];
const changeWords = ['将', '会', '改进'];

export interface RatingRow {
	category: string;
	stars: number;
	tags: string[];
	comment: string | null;
	reply: string | null;
}

export function expectRatingReadsTrue(row: RatingRow): void {
	const context = JSON.stringify(row);
	const positive = positiveByCategory[row.category];
	expect(positive, context).toBeDefined();
	if (row.stars >= 4)
		expect(
			row.tags.every((t) => positive.includes(t)),
			context
		).toBe(true);
	else if (row.stars <= 2)
		expect(
			row.tags.every((t) => complaint.includes(t)),
			context
		).toBe(true);
	else {
		// 3 stars: nothing, or one good and one bad thing said
		expect([0, 2], context).toContain(row.tags.length);
		if (row.tags.length === 2) {
			expect(row.tags.filter((t) => positive.includes(t)).length, context).toBe(1);
			expect(row.tags.filter((t) => complaint.includes(t)).length, context).toBe(1);
		}
	}
	expect(row.tags.includes('准时') && row.tags.includes('等待久'), context).toBe(false);
	if (row.comment !== null) {
		for (const tag of row.tags)
			for (const word of contradictions[tag] ?? [])
				expect(row.comment.includes(word), `${context}: ${word}`).toBe(false);
		if (row.stars >= 4)
			expect(
				complaintWords.some((w) => row.comment!.includes(w)),
				context
			).toBe(false);
		if (row.stars <= 2)
			expect(
				praiseWords.some((w) => row.comment!.includes(w)),
				context
			).toBe(false);
	}
	if (row.reply !== null) {
		const thanks = thanksWords.some((w) => row.reply!.includes(w));
		const apology = apologyWords.some((w) => row.reply!.includes(w));
		if (row.stars >= 4) expect(thanks && !apology, context).toBe(true);
		if (row.stars <= 2) {
			expect(apology && !row.reply.includes('认可'), context).toBe(true);
			expect(
				changeWords.some((w) => row.reply!.includes(w)),
				context
			).toBe(true);
		}
		if (row.stars === 3) expect(row.reply.includes('认可'), context).toBe(false);
	}
}
