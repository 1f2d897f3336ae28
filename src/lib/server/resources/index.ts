// 服务资源清单: a community's resources beside its service points, maintained by its staff.
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { transaction, type Db } from '../db';
import { meta, resource, serviceCategory } from '../db/schema';
import { record } from '../audit';
import type { ResourceInput } from './schemas';

export { resourceInput, resourceIdInput, type ResourceInput } from './schemas';

/**
 * One more public-data version: the community page and map layers are cached by it, and a resource
 * with a service category and a location counts in coverage (coverage/source.ts). Service points
 * bump it by trigger; resources here, in the writing transaction.
 */
async function bumpPublicVersion(tx: Db): Promise<void> {
	await tx
		.update(meta)
		.set({ value: sql`cast(cast(${meta.value} as bigint) + 1 as text)` })
		.where(eq(meta.key, 'public_data_version'));
}

export type AddResult = { status: 'ok'; id: number } | { status: 'unknown_category' };

export async function add(
	db: Db,
	input: { resource: ResourceInput; byUserId: number }
): Promise<AddResult> {
	const r = input.resource;
	return await transaction(db, async (tx) => {
		if (r.category) {
			const [known] = await tx
				.select({ code: serviceCategory.code })
				.from(serviceCategory)
				.where(eq(serviceCategory.code, r.category))
				.limit(1);
			if (!known) return { status: 'unknown_category' } as const;
		}
		const [row] = await tx
			.insert(resource)
			.values({
				communityCode: r.community,
				name: r.name,
				kind: r.kind,
				categoryCode: r.category ?? null,
				owner: r.owner,
				openingText: r.openingText ?? '',
				contact: r.contact ?? '',
				lng: (r.lng as number | undefined) ?? null,
				lat: (r.lat as number | undefined) ?? null
			})
			.returning({ id: resource.id });
		await record(tx, {
			actorUserId: input.byUserId,
			action: 'resource_added',
			entity: 'resource',
			entityId: row.id,
			detail: { community: r.community, kind: r.kind }
		});
		await bumpPublicVersion(tx);
		return { status: 'ok', id: row.id } as const;
	});
}

/** Takes a resource off the list (and out of coverage); the row stays for the audit log. */
export async function remove(
	db: Db,
	input: { id: number; byUserId: number }
): Promise<{ status: 'ok' } | { status: 'not_found' }> {
	return await transaction(db, async (tx) => {
		const [row] = await tx
			.update(resource)
			.set({ active: false })
			.where(and(eq(resource.id, input.id), eq(resource.active, true)))
			.returning({ id: resource.id });
		if (!row) return { status: 'not_found' } as const;
		await record(tx, {
			actorUserId: input.byUserId,
			action: 'resource_removed',
			entity: 'resource',
			entityId: row.id
		});
		await bumpPublicVersion(tx);
		return { status: 'ok' } as const;
	});
}

/** The community a resource belongs to (for the staff check), or null. */
export async function communityOf(db: Db, id: number): Promise<string | null> {
	const [row] = await db
		.select({ code: resource.communityCode })
		.from(resource)
		.where(eq(resource.id, id))
		.limit(1);
	return row?.code ?? null;
}

/** A community's resources open to residents, by name. */
export async function list(db: Db, communityCode: string) {
	const rows = await db
		.select({
			id: resource.id,
			name: resource.name,
			kind: resource.kind,
			categoryCode: resource.categoryCode,
			owner: resource.owner,
			openingText: resource.openingText,
			contact: resource.contact,
			lng: resource.lng,
			lat: resource.lat
		})
		.from(resource)
		.where(and(eq(resource.communityCode, communityCode), eq(resource.active, true)))
		.orderBy(asc(resource.name), asc(resource.id));
	return rows;
}
export type ResourceView = Awaited<ReturnType<typeof list>>[number];

/** Every open resource with a location, for the map's resource layer (public: what the community pages show). */
export async function located(db: Db) {
	const rows = await db
		.select({
			id: resource.id,
			name: resource.name,
			kind: resource.kind,
			communityCode: resource.communityCode,
			openingText: resource.openingText,
			lng: resource.lng,
			lat: resource.lat
		})
		.from(resource)
		.where(and(eq(resource.active, true), isNotNull(resource.lng), isNotNull(resource.lat)))
		.orderBy(asc(resource.id))
		.limit(5000);
	return rows.map(({ lng, lat, ...rest }) => ({
		...rest,
		point: [lng!, lat!] as [number, number]
	}));
}
