// What the browser tests need from the machine, and how `npm test` gets it: Debian's Chromium (never a
// browser download) and the Noto CJK fonts, without which Chinese renders as boxes in screenshots.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const fontPackage = 'fonts-noto-cjk';

/**
 * The Debian packages missing for the browser tests.
 * @param {{ chromiumPath: string, exists: (path: string) => boolean, packageInstalled: (name: string) => boolean }} machine
 * @returns {string[]}
 */
export function missingPackages(machine) {
	const missing = [];
	// A custom CHROMIUM_PATH is the person's own browser: only the default one comes from Debian.
	if (!machine.exists(machine.chromiumPath)) {
		if (machine.chromiumPath === '/usr/bin/chromium') missing.push('chromium');
		else missing.push(`chromium (or a browser at CHROMIUM_PATH=${machine.chromiumPath})`);
	}
	if (!machine.packageInstalled(fontPackage)) missing.push(fontPackage);
	return missing;
}

/**
 * What to do about them: nothing, install them (as root, apt can), or stop at once with the command to run.
 * @param {string[]} missing
 * @param {{ isRoot: boolean, hasApt: boolean }} who
 * @returns {{ action: 'none' } | { action: 'install', packages: string[] } | { action: 'stop', message: string }}
 */
export function planFor(missing, who) {
	if (missing.length === 0) return { action: 'none' };
	const packages = missing.map((name) => name.split(' ')[0]);
	const custom = missing.some((name) => name.includes('CHROMIUM_PATH'));
	if (who.isRoot && who.hasApt && !custom) return { action: 'install', packages };
	const command = `sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`;
	return {
		action: 'stop',
		message:
			`The browser tests need ${missing.join(' and ')}, which this machine does not have.\n` +
			(custom
				? `Point CHROMIUM_PATH at an installed Chromium, or unset it and run:\n  ${command}\n`
				: `Run this once, then npm test again:\n  ${command}\n`)
	};
}

/** The real machine, as `missingPackages` and `planFor` see it. */
export function thisMachine() {
	const hasDpkg = existsSync('/usr/bin/dpkg-query');
	return {
		machine: {
			chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			exists: existsSync,
			/** @param {string} name */
			packageInstalled: (name) =>
				hasDpkg
					? spawnSync('dpkg-query', ['-W', '-f=${Status}', name], {
							encoding: 'utf8'
						}).stdout.includes('install ok installed')
					: // Not Debian: look for the fonts where fontconfig would
						spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).stdout?.includes('Noto') ===
						true
		},
		who: {
			isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
			hasApt: existsSync('/usr/bin/apt-get')
		}
	};
}

/** Makes sure the browser tests can run; returns false (after saying why) when they cannot. */
export function ensureBrowserPrerequisites() {
	const { machine, who } = thisMachine();
	const plan = planFor(missingPackages(machine), who);
	if (plan.action === 'none') return true;
	if (plan.action === 'stop') {
		console.error(`\n${plan.message}`);
		return false;
	}
	console.log(
		`\n=== installing ${plan.packages.join(' ')} from Debian (the browser tests need them)`
	);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
	const install =
		update.status === 0 &&
		spawnSync('apt-get', ['install', '-y', '-qq', ...plan.packages], { stdio: 'inherit', env });
	if (!install || install.status !== 0) {
		console.error(`\nInstalling ${plan.packages.join(' ')} failed; see apt-get's message above.`);
		return false;
	}
	return planFor(missingPackages(machine), who).action === 'none';
}
