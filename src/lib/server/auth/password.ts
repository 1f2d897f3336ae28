import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id minimums (19 MiB, 2 passes): ~30 ms here, slow enough for attackers, fine for people.
const options = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
	return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}
