/**
 * Generated names. They follow local naming habits (roads named after places and virtues, 小区 named
 * 花园/家园/苑) but none of them claims to be a real road, compound or facility.
 */
import type { Random } from './random';

const roadWords =
	'新华 雄关 五一 胜利 建设 兰新 迎宾 峪泉 祁连 嘉东 朝阳 明珠 南湖 紫轩 长城 体育 文化 世纪 同心 和平 富强 镜铁 讨赖 黑山 丝路 绿洲 安远 振兴 团结 友谊 光明 育才 火车站 福民 人民 昌盛 德惠 曙光 和诚 大众 利民 永乐 东安 建林 佳苑 朝晖 雍和 嘉北 魏晋 天成 酒钢 春光 锦华 泰和 康宁 安居 兴业 金川 玉门 关城'.split(
		' '
	);

const chineseDigits = '零 一 二 三 四 五 六 七 八 九'.split(' ');

/** 1 → 一, 12 → 十二, 40 → 四十: for 村民小组 and 二期-style suffixes. */
export function chineseNumeral(value: number): string {
	if (value >= 100) return String(value);
	if (value < 10) return chineseDigits[value];
	const tens = Math.floor(value / 10);
	const units = value % 10;
	return `${tens === 1 ? '' : chineseDigits[tens]}十${units ? chineseDigits[units] : ''}`;
}

/**
 * Main road names for one street grid: rows are 路 (east–west), columns 街 or 大道 (north–south);
 * negative indices name diagonal streets. Words are dealt from a shuffled pool so that a grid never
 * repeats a name; a very large grid adds 二路, 三路, ….
 */
export function roadNamer(random: Random): (axis: 'row' | 'column', index: number) => string {
	const words = random.shuffled(roadWords);
	const names = new Map<string, string>();
	let next = 0;
	return (axis, index) => {
		const key = `${axis}${index}`;
		let name = names.get(key);
		if (!name) {
			const word = words[next % words.length];
			const round = Math.floor(next / words.length);
			next++;
			const ordinal = round > 0 ? chineseNumeral(round + 1) : '';
			const suffix = axis === 'row' ? '路' : next % 3 === 0 ? '大道' : '街';
			name = `${word}${ordinal}${suffix}`;
			names.set(key, name);
		}
		return name;
	};
}

const compoundWords =
	'金港 锦绣 阳光 康乐 幸福 丽景 翠苑 馨园 瑞景 汇丰 天成 泰和 紫荆 桂园 怡景 书香 龙湖 昆仑 祁连 雄关 钢城 嘉峪 长城 明珠 南湖 朝阳 新华 和平 福苑 安居 东湖 西湖 绿洲 丝路 春华 秋实 润园 银河 金色 盛世 融创 欣苑 嘉禾 水岸 兰亭 壹号 冶金 建安 迎宾 雍和 佳和 峪苑 曙光 和诚 永乐 建林 朝晖 利民'.split(
		' '
	);
const compoundSuffixes = '小区 小区 花园 家园 苑 新村 雅居 公寓 名邸 佳苑 生活区 嘉园'.split(' ');

/** A unique 小区 name for the whole city: 钢城花园, 金港小区, 锦绣家园二期, …. */
export function compoundNamer(random: Random): () => string {
	const used = new Map<string, number>();
	return () => {
		const base = `${random.pick(compoundWords)}${random.pick(compoundSuffixes)}`;
		const seen = used.get(base) ?? 0;
		used.set(base, seen + 1);
		return seen === 0 ? base : `${base}${chineseNumeral(seen + 1)}期`;
	};
}

/** 村民小组 names: 野麻湾村一组, 野麻湾村二组, …. */
export function villageGroupName(villageName: string, group: number): string {
	return `${villageName}${chineseNumeral(group)}组`;
}

const shopWords = '惠民 邻里 嘉友 便民 金盛 好又多 家家乐 万家 鑫源 福满'.split(' ');

export function shopName(random: Random, roadName: string): string {
	const road = roadName ? `（${roadName.replace(/(路|街|大道)$/, '')}店）` : '';
	return `${random.pick(shopWords)}便利店${road}`;
}
