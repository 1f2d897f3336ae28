/** A need's status: open (new), accepted (受理), merged (合并到…), project (转为民生项目), declined (不纳入), done (its project completed). */
export type NeedStatus = 'open' | 'accepted' | 'merged' | 'project' | 'declined' | 'done';
export type NeedChannel = 'online' | 'elder' | 'desk' | 'phone';

/** A need as the public list shows it: never a name or a phone. */
export interface PublicNeed {
	id: number;
	category: string;
	text: string;
	status: NeedStatus;
	supporters: number;
	answer: string | null;
	createdAt: number;
	place: 'home' | 'community';
	lng: number | null;
	lat: number | null;
	mergedIntoId: number | null;
	projectId: number | null;
}
