// Reads every .md/.markdown/.txt file under a folder and parses its frontmatter with gray-matter,
// the way a Node static-site tool loads content: the comparison point for ColdStart.
//   npm ci --prefix bench/node && /usr/bin/time node bench/node/gray-matter-load.js /tmp/corpus100k
'use strict';
const fs = require('fs');
const path = require('path');
const matter = require('gray-matter');

const root = process.argv[2];
const started = process.hrtime.bigint();
let files = 0;
let failed = 0;
const stack = [root];
while (stack.length > 0) {
  const dir = stack.pop();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      stack.push(full);
    } else if (entry.isFile() && /\.(md|markdown|txt)$/.test(entry.name)) {
      files++;
      try {
        // A fresh string each time: gray-matter caches by content, which would skip repeats.
        const parsed = matter(fs.readFileSync(full, 'utf8'));
        if (!parsed.data || typeof parsed.data !== 'object') failed++;
      } catch (e) {
        failed++;
      }
    }
  }
}
const ms = Number(process.hrtime.bigint() - started) / 1e6;
console.log(`gray-matter: ${files} files, ${failed} without frontmatter, in ${Math.round(ms)} ms`);
