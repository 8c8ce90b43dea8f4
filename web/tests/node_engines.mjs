// Every npm package the project locks must run on the Node.js of a fresh Debian 12, which is
// what scripts/setup.sh installs there. The machines samspel is developed on may have a newer
// Node, on which a package that needs one passes every other test, so only this check catches
// it. It reads each locked package's `engines.node` range from web/package-lock.json.
//
//   node web/tests/node_engines.mjs [LOCKFILE]
//
// Exit 0 when every range admits Debian 12's Node, 1 naming the packages that do not.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Debian 12's nodejs as first released (18.19.0+dfsg-6~deb12u1); its security updates are
// newer 18.x releases, so a range that admits this one admits them too.
const debian12Node = '18.19.0';

const here = dirname(fileURLToPath(import.meta.url));
const lockfile = process.argv[2] || resolve(here, '..', 'package-lock.json');
const require = createRequire(resolve(here, '..', 'package.json'));
const semver = require('semver');

const excluded = (packages) =>
  Object.entries(packages)
    .filter(([, entry]) => entry.engines && typeof entry.engines.node === 'string')
    .filter(([, entry]) => !semver.satisfies(debian12Node, entry.engines.node))
    .map(([name, entry]) => `${name || 'samspel-web'} (node ${entry.engines.node})`);

// The check must be able to fail: a package that needs Node 20 is refused, one that needs 18 is
// not.
const probe = excluded({
  'node_modules/needs-20': { engines: { node: '>=20' } },
  'node_modules/needs-18': { engines: { node: '>=18' } },
});
if (probe.length !== 1 || !probe[0].startsWith('node_modules/needs-20')) {
  console.error(`the engines check itself is broken: it excluded ${JSON.stringify(probe)}`);
  process.exit(1);
}

const lock = JSON.parse(readFileSync(lockfile, 'utf8'));
const bad = excluded(lock.packages || {});
if (bad.length > 0) {
  console.error(`${lockfile}: locked packages that do not run on Debian 12's Node.js ` +
                `${debian12Node}: ${bad.join(', ')}`);
  process.exit(1);
}
const checked = Object.values(lock.packages || {}).filter((e) => e.engines && e.engines.node);
console.log(`${checked.length} locked packages state a Node.js range; all admit ${debian12Node}`);
