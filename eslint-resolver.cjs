// Import resolver for eslint-plugin-boundaries (eslint-module-utils interface v2). It resolves the
// `@/` alias and relative imports to files, which the plugin needs to classify both ends of an import;
// the stock node resolver knows neither the alias nor `.ts`/`.tsx`. Bare package names are left
// unresolved on purpose: the plugin then treats them as external, which is what they are.
const fs = require('node:fs');
const path = require('node:path');

const srcDir = path.join(__dirname, 'src');
const suffixes = ['', '.ts', '.tsx', '.js', '.jsx', '/index.ts', '/index.tsx', '/index.js'];

function isFile(candidate) {
  try {
    return fs.statSync(candidate).isFile();
  } catch {
    return false;
  }
}

exports.interfaceVersion = 2;

exports.resolve = function resolve(source, file) {
  // Vite query suffixes (`?raw`, `?url`) do not change which file is meant.
  const specifier = source.split('?')[0];
  let base;
  if (specifier.startsWith('@/')) base = path.join(srcDir, specifier.slice(2));
  else if (specifier.startsWith('./') || specifier.startsWith('../'))
    base = path.resolve(path.dirname(file), specifier);
  else return { found: false };

  // `./x.js` may name `x.ts` (TypeScript's NodeNext convention).
  const bases = /\.jsx?$/.test(base) ? [base, base.replace(/\.jsx?$/, '')] : [base];
  for (const candidateBase of bases) {
    for (const suffix of suffixes) {
      const candidate = candidateBase + suffix;
      if (isFile(candidate)) return { found: true, path: candidate };
    }
  }
  return { found: false };
};
