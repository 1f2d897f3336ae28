import type { Db } from '../db';
import * as communities from './communities';
import * as residences from './residences';
import * as servicePoints from './service-points';
import type { ServicePointFilter } from './service-points';

type Position = [number, number];
interface PointFeature<P> {
	type: 'Feature';
	id: string | number;
	geometry: { type: 'Point'; coordinates: Position };
	properties: P;
}

function pointFeature<P>(
	id: string | number,
	coordinates: Position,
	properties: P
): PointFeature<P> {
	return { type: 'Feature', id, geometry: { type: 'Point', coordinates }, properties };
}

const collection = <F>(features: F[]) => ({ type: 'FeatureCollection' as const, features });

/** Communities as points at their service centres (no boundary polygons are published). */
export async function communitiesCollection(db: Db) {
	return collection(
		(await communities.list(db)).map((c) =>
			pointFeature(c.code, c.centre, {
				code: c.code,
				name: c.name,
				kind: c.kind,
				street: c.streetCode,
				streetName: c.streetName
			})
		)
	);
}

export async function servicePointsCollection(db: Db, filter: ServicePointFilter) {
	return collection(
		(await servicePoints.list(db, filter)).map(
			({ id, point, name, categoryCode, communityCode, address, phone, openingText }) =>
				pointFeature(id, point, {
					id,
					name,
					category: categoryCode,
					community: communityCode,
					address,
					phone,
					openingText
				})
		)
	);
}

export async function residencesCollection(
	db: Db,
	filter: { community?: string; bbox?: residences.Bbox }
) {
	const features = [];
	for await (const page of residences.listInPages(db, filter))
		for (const r of page)
			features.push(
				pointFeature(r.id, r.point, {
					id: r.id,
					name: r.name,
					community: r.communityCode,
					households: r.households,
					residents: r.residents,
					elders: r.elderly60plus,
					children0to3: r.children0to3
				})
			);
	return collection(features);
}
