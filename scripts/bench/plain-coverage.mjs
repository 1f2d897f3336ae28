// The baseline for the coverage CLI's whole-process time: a plain single-file JavaScript
// implementation of the same contract (nearest street segment by projection in a frame local to
// the point, the walk to and from the street counted, network distance over the noded lines,
// haversine lengths, the same CSV), written the obvious way with typed arrays and a binary heap.
//   node scripts/bench/plain-coverage.mjs ROADS SERVICES RESIDENCES SPEED_MPS MINUTES OUT.csv
import { readFileSync, writeFileSync } from 'node:fs';

const [roadsPath, servicesPath, residencesPath, speedText, minutesText, outPath] =
	process.argv.slice(2);
const speedMps = Number(speedText);
const minutes = Number(minutesText);
const cutoffM = minutes * 60 * speedMps;
const maxSnapM = 500;
const R = 6371008.8;
const rad = Math.PI / 180;

function haversine(lng1, lat1, lng2, lat2) {
	const a =
		Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
		Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
	return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}

// --- the network: every vertex a node, every pair of consecutive vertices an edge
const roads = JSON.parse(readFileSync(roadsPath, 'utf8'));
const nodeOf = new Map();
const lngs = [];
const lats = [];
const segA = [];
const segB = [];
function node(lng, lat) {
	const key = Math.round(lng * 1e7) * 4e9 + Math.round(lat * 1e7);
	let id = nodeOf.get(key);
	if (id === undefined) {
		id = lngs.length;
		nodeOf.set(key, id);
		lngs.push(lng);
		lats.push(lat);
	}
	return id;
}
for (const feature of roads.features) {
	const g = feature.geometry;
	const lines = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
	for (const line of lines) {
		let previous = node(line[0][0], line[0][1]);
		for (let i = 1; i < line.length; i++) {
			const next = node(line[i][0], line[i][1]);
			if (next !== previous) {
				segA.push(previous);
				segB.push(next);
			}
			previous = next;
		}
	}
}
const nodeCount = lngs.length;
const segmentCount = segA.length;
const segLength = new Float64Array(segmentCount);
const degree = new Int32Array(nodeCount + 1);
for (let s = 0; s < segmentCount; s++) {
	segLength[s] = haversine(lngs[segA[s]], lats[segA[s]], lngs[segB[s]], lats[segB[s]]);
	degree[segA[s] + 1]++;
	degree[segB[s] + 1]++;
}
for (let n = 0; n < nodeCount; n++) degree[n + 1] += degree[n];
const adjTo = new Int32Array(degree[nodeCount]);
const adjM = new Float64Array(degree[nodeCount]);
const fill = degree.slice(0, nodeCount);
for (let s = 0; s < segmentCount; s++) {
	let k = fill[segA[s]]++;
	adjTo[k] = segB[s];
	adjM[k] = segLength[s];
	k = fill[segB[s]]++;
	adjTo[k] = segA[s];
	adjM[k] = segLength[s];
}

// --- a uniform grid of segments for snapping (cells of 0.001°, about 100 m)
const cellDeg = 0.001;
const grid = new Map();
for (let s = 0; s < segmentCount; s++) {
	const x0 = Math.floor(Math.min(lngs[segA[s]], lngs[segB[s]]) / cellDeg);
	const x1 = Math.floor(Math.max(lngs[segA[s]], lngs[segB[s]]) / cellDeg);
	const y0 = Math.floor(Math.min(lats[segA[s]], lats[segB[s]]) / cellDeg);
	const y1 = Math.floor(Math.max(lats[segA[s]], lats[segB[s]]) / cellDeg);
	for (let x = x0; x <= x1; x++)
		for (let y = y0; y <= y1; y++) {
			const key = x * 1e6 + y;
			const list = grid.get(key);
			if (list) list.push(s);
			else grid.set(key, [s]);
		}
}
const mPerDegLat = R * rad;
// a snapped point: segment, metres to its ends, metres off the street
function snap(lng, lat) {
	const kx = mPerDegLat * Math.cos(lat * rad);
	const reachX = Math.ceil(maxSnapM / (kx * cellDeg));
	const reachY = Math.ceil(maxSnapM / (mPerDegLat * cellDeg));
	const cx = Math.floor(lng / cellDeg);
	const cy = Math.floor(lat / cellDeg);
	let best = -1;
	let bestD = Infinity;
	let bestT = 0;
	for (let ring = 0; ring <= Math.max(reachX, reachY); ring++) {
		// cells in this ring are at least (ring - 1) cells away: stop once that is farther than the best
		if (ring >= 2 && (ring - 1) * cellDeg * Math.min(kx, mPerDegLat) > bestD) break;
		for (let x = cx - ring; x <= cx + ring; x++)
			for (let y = cy - ring; y <= cy + ring; y++) {
				if (Math.max(Math.abs(x - cx), Math.abs(y - cy)) !== ring) continue;
				const list = grid.get(x * 1e6 + y);
				if (!list) continue;
				for (const s of list) {
					const ax = (lngs[segA[s]] - lng) * kx;
					const ay = (lats[segA[s]] - lat) * mPerDegLat;
					const dx = (lngs[segB[s]] - lng) * kx - ax;
					const dy = (lats[segB[s]] - lat) * mPerDegLat - ay;
					const l2 = dx * dx + dy * dy;
					let t = l2 > 0 ? -(ax * dx + ay * dy) / l2 : 0;
					t = t < 0 ? 0 : t > 1 ? 1 : t;
					const d = Math.hypot(ax + t * dx, ay + t * dy);
					if (d < bestD) {
						bestD = d;
						best = s;
						bestT = t;
					}
				}
			}
	}
	if (best < 0 || bestD > maxSnapM) return null;
	const a = segA[best];
	const b = segB[best];
	const plng = lngs[a] + bestT * (lngs[b] - lngs[a]);
	const plat = lats[a] + bestT * (lats[b] - lats[a]);
	return {
		segment: best,
		a,
		b,
		toA: haversine(plng, plat, lngs[a], lats[a]),
		toB: haversine(plng, plat, lngs[b], lats[b]),
		off: haversine(lng, lat, plng, plat)
	};
}

const services = JSON.parse(readFileSync(servicesPath, 'utf8')).features.map((f) => ({
	id: String(f.properties.id),
	category: String(f.properties.category),
	snapped: snap(f.geometry.coordinates[0], f.geometry.coordinates[1])
}));
const residences = JSON.parse(readFileSync(residencesPath, 'utf8')).features.map((f) => ({
	id: String(f.properties.id),
	snapped: snap(f.geometry.coordinates[0], f.geometry.coordinates[1])
}));
const categories = [...new Set(services.map((s) => s.category))];

// --- one multi-source Dijkstra per category (binary heap with lazy deletion)
const dist = new Float64Array(nodeCount);
const source = new Int32Array(nodeCount);
let heapNode = new Int32Array(1024);
let heapKey = new Float64Array(1024);
let heapSize = 0;
function push(n, d) {
	if (heapSize === heapNode.length) {
		const nodes = new Int32Array(heapSize * 2);
		nodes.set(heapNode);
		heapNode = nodes;
		const keys = new Float64Array(heapSize * 2);
		keys.set(heapKey);
		heapKey = keys;
	}
	let i = heapSize++;
	while (i > 0) {
		const p = (i - 1) >> 1;
		if (heapKey[p] <= d) break;
		heapNode[i] = heapNode[p];
		heapKey[i] = heapKey[p];
		i = p;
	}
	heapNode[i] = n;
	heapKey[i] = d;
}
function pop() {
	const top = heapNode[0];
	const n = heapNode[--heapSize];
	const d = heapKey[heapSize];
	let i = 0;
	for (;;) {
		let c = 2 * i + 1;
		if (c >= heapSize) break;
		if (c + 1 < heapSize && heapKey[c + 1] < heapKey[c]) c++;
		if (heapKey[c] >= d) break;
		heapNode[i] = heapNode[c];
		heapKey[i] = heapKey[c];
		i = c;
	}
	heapNode[i] = n;
	heapKey[i] = d;
	return top;
}
function offer(n, d, s) {
	if (d < dist[n] && d <= cutoffM) {
		dist[n] = d;
		source[n] = s;
		push(n, d);
	}
}

const rows = ['residence_id,category,nearest_id,distance_m,minutes,within'];
const results = residences.map(() => new Array(categories.length));
categories.forEach((category, c) => {
	dist.fill(Infinity);
	source.fill(-1);
	const bySegment = new Map();
	services.forEach((service, i) => {
		if (service.category !== category || !service.snapped) return;
		const { a, b, toA, toB, off, segment } = service.snapped;
		offer(a, off + toA, i);
		offer(b, off + toB, i);
		const list = bySegment.get(segment);
		if (list) list.push(i);
		else bySegment.set(segment, [i]);
	});
	while (heapSize > 0) {
		const d = heapKey[0];
		const n = pop();
		if (d > dist[n]) continue;
		for (let k = degree[n]; k < degree[n + 1]; k++) offer(adjTo[k], d + adjM[k], source[n]);
	}
	residences.forEach((residence, r) => {
		const snapped = residence.snapped;
		let bestM = Infinity;
		let best = -1;
		if (snapped) {
			const { a, b, toA, toB, off, segment } = snapped;
			if (dist[a] + toA + off < bestM) [bestM, best] = [dist[a] + toA + off, source[a]];
			if (dist[b] + toB + off < bestM) [bestM, best] = [dist[b] + toB + off, source[b]];
			for (const i of bySegment.get(segment) ?? []) {
				const s = services[i].snapped;
				const direct = off + Math.abs(toA - s.toA) + s.off;
				if (direct < bestM) [bestM, best] = [direct, i];
			}
		}
		results[r][c] = bestM <= cutoffM ? [services[best].id, bestM] : null;
	});
});
residences.forEach((residence, r) => {
	categories.forEach((category, c) => {
		const found = results[r][c];
		rows.push(
			found
				? `${residence.id},${category},${found[0]},${found[1].toFixed(1)},${(found[1] / speedMps / 60).toFixed(2)},1`
				: `${residence.id},${category},,,,0`
		);
	});
});
writeFileSync(outPath, rows.join('\n') + '\n');
console.log(
	`${residences.length} residences, ${services.length} services, ${categories.length} categories`
);
