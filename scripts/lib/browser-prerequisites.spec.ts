import { describe, expect, it } from 'vitest';
import { missingPackages, planFor } from './browser-prerequisites.js';

const machineWith = (files: string[], packages: string[], chromiumPath = '/usr/bin/chromium') => ({
	chromiumPath,
	exists: (path: string) => files.includes(path),
	packageInstalled: (name: string) => packages.includes(name)
});

describe('what npm test needs from a fresh machine', () => {
	it('needs nothing when Debian chromium and the CJK fonts are there', () => {
		const missing = missingPackages(machineWith(['/usr/bin/chromium'], ['fonts-noto-cjk']));
		expect(missing).toEqual([]);
		expect(planFor(missing, { isRoot: false, hasApt: true })).toEqual({ action: 'none' });
	});

	it('installs both through apt when it runs as root on a fresh machine', () => {
		const missing = missingPackages(machineWith([], []));
		expect(planFor(missing, { isRoot: true, hasApt: true })).toEqual({
			action: 'install',
			packages: ['chromium', 'fonts-noto-cjk']
		});
	});

	it('stops at once with the exact command when it is not root', () => {
		const plan = planFor(missingPackages(machineWith(['/usr/bin/chromium'], [])), {
			isRoot: false,
			hasApt: true
		});
		expect(plan.action).toBe('stop');
		if (plan.action === 'stop')
			expect(plan.message).toContain('sudo apt-get install -y fonts-noto-cjk');
	});

	it('never installs over a browser the person pointed CHROMIUM_PATH at', () => {
		const missing = missingPackages(machineWith([], ['fonts-noto-cjk'], '/opt/chrome/chrome'));
		const plan = planFor(missing, { isRoot: true, hasApt: true });
		expect(plan.action).toBe('stop');
		if (plan.action === 'stop') expect(plan.message).toContain('CHROMIUM_PATH');
	});

	it('stops without apt (not Debian) instead of guessing a package manager', () => {
		const plan = planFor(missingPackages(machineWith([], [])), { isRoot: true, hasApt: false });
		expect(plan.action).toBe('stop');
	});
});
