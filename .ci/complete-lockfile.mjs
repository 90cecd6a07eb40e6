// npm records an optional platform binary in package-lock.json only when the
// registry serves it; ours carries just the Linux x64 builds (e.g. of deno and
// tailwind's oxide), and `npm ci` then refuses the lock as out of sync. This adds
// the missing optional entries, marked with their os/cpu so npm skips them here.
import fs from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages;
const OSES = ['darwin', 'win32', 'linux', 'freebsd', 'android', 'openbsd', 'netbsd', 'sunos', 'aix'];
const CPUS = [
  ['arm64', 'arm64'],
  ['x64', 'x64'],
  ['ia32', 'ia32'],
  ['ppc64', 'ppc64'],
  ['s390x', 's390x'],
  ['wasm32', 'wasm32'],
  ['arm', 'arm-'],
  ['arm', '-arm'],
];

const added = [];
for (const [key, meta] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const nested = `${key ? `${key}/` : ''}node_modules/${dep}`;
    if (packages[`node_modules/${dep}`] || packages[nested]) continue;
    const os = OSES.find((o) => dep.includes(o));
    const cpu = CPUS.find(([, pattern]) => dep.includes(pattern))?.[0];
    packages[`node_modules/${dep}`] = {
      version,
      optional: true,
      ...(cpu ? { cpu: [cpu] } : {}),
      ...(os ? { os: [os] } : {}),
    };
    added.push(`${dep}@${version}`);
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)),
);
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
if (added.length) console.log(`package-lock.json: added optional platform entries ${added.join(', ')}`);
