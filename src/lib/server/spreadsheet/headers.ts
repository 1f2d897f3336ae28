import { m } from '$lib/paraglide/messages';

/**
 * The readers' names of the export columns (the CSVs keep the machine names, documented in the
 * README; the .xlsx files show these). A column without one here shows its machine name.
 */
const headers: Record<string, () => string> = {
	community_code: m.xlsx_col_community_code,
	community_name: m.xlsx_col_community_name,
	street: m.xlsx_col_street,
	kind: m.xlsx_col_kind,
	category: m.xlsx_col_category,
	tier_minutes: m.xlsx_col_tier_minutes,
	speed: m.xlsx_col_speed,
	speed_mps: m.xlsx_col_speed_mps,
	households: m.xlsx_col_households,
	households_covered: m.xlsx_col_households_covered,
	household_share: m.xlsx_col_household_share,
	elderly_60plus: m.xlsx_col_elderly_60plus,
	elderly_covered: m.xlsx_col_elderly_covered,
	children_0_3: m.xlsx_col_children_0_3,
	children_covered: m.xlsx_col_children_covered,
	level: m.xlsx_col_level,
	code: m.xlsx_col_code,
	name: m.xlsx_col_name,
	indicator: m.xlsx_col_indicator,
	unit: m.xlsx_col_unit,
	over: m.xlsx_col_over,
	base_2020: m.xlsx_col_base_2020,
	value: m.xlsx_col_value,
	target_2025: m.xlsx_col_target_2025,
	status: m.xlsx_col_status,
	communities_reported: m.xlsx_col_communities_reported,
	communities_total: m.xlsx_col_communities_total,
	facts_state: m.xlsx_col_facts_state,
	facts_confirmed_at: m.xlsx_col_facts_confirmed_at,
	id: m.xlsx_col_id,
	community: m.xlsx_col_community,
	lng: m.xlsx_col_lng,
	lat: m.xlsx_col_lat,
	address: m.xlsx_col_address,
	phone: m.xlsx_col_phone,
	opening_text: m.xlsx_col_opening_text,
	accessible_entrance: m.xlsx_col_accessible_entrance,
	active: m.xlsx_col_active,
	year: m.xlsx_col_year,
	area_code: m.xlsx_col_area_code,
	area_name: m.xlsx_col_area_name,
	key: m.xlsx_col_key,
	snapshot_at: m.xlsx_col_snapshot_at,
	snapshot_kind: m.xlsx_col_snapshot_kind,
	goal: m.xlsx_col_goal,
	met: m.xlsx_col_met,
	gap: m.xlsx_col_gap,
	missing: m.xlsx_col_missing,
	missing_latest: m.xlsx_col_missing_latest,
	projects: m.xlsx_col_projects,
	open_needs: m.xlsx_col_open_needs,
	open_needs_supporters: m.xlsx_col_open_needs_supporters,
	month: m.xlsx_col_month,
	station: m.xlsx_col_station,
	volunteer: m.xlsx_col_volunteer,
	volunteers: m.xlsx_col_volunteers,
	services: m.xlsx_col_services,
	minutes: m.xlsx_col_minutes,
	hours: m.xlsx_col_hours
};

/**
 * The header row of an .xlsx for these machine column names; `names` gives the reader's name of a
 * column whose machine name means something else in this export (the ledger's `kind` is target or
 * indicator, not 社区/村).
 */
export function columnHeaders(
	columns: readonly string[],
	names: Record<string, string> = {}
): string[] {
	return columns.map((column) => names[column] ?? headers[column]?.() ?? column);
}

/** True when every column has a reader's name (the exports' tests check their columns with it). */
export function hasHeader(column: string): boolean {
	return column in headers;
}
