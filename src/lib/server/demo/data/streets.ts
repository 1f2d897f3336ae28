/**
 * The 5 real sub-districts of 嘉峪关市 (2 街道, 3 镇), converted by hand-run script from streets-towns.csv
 * (National Bureau of Statistics 统计用区划代码 2023; see PROVENANCE.md).
 */

export interface StreetRecord {
	code: string;
	name: string;
	kind: '街道' | '镇';
}

export const streetRecords: readonly StreetRecord[] = [
	{ code: '620201001', name: '雄关街道', kind: '街道' },
	{ code: '620201002', name: '钢城街道', kind: '街道' },
	{ code: '620201100', name: '新城镇', kind: '镇' },
	{ code: '620201101', name: '峪泉镇', kind: '镇' },
	{ code: '620201102', name: '文殊镇', kind: '镇' }
];
