// Copy the front-end libraries the web application serves from node_modules/ into the
// package's git-ignored static/vendor/ folder, and write a manifest of what was copied.
// Run by `make assets` after `npm ci`; the server refuses to start without these files.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const target = join(here, "..", "src", "dadkhah", "web", "static", "vendor");

// [package, file inside the package, name under vendor/]
const FILES = [
  ["htmx.org", "dist/htmx.min.js", "htmx.min.js"],
  ["leaflet", "dist/leaflet.js", "leaflet/leaflet.js"],
  ["leaflet", "dist/leaflet.css", "leaflet/leaflet.css"],
  ["leaflet", "dist/images", "leaflet/images"],
  ["vis-timeline", "standalone/umd/vis-timeline-graph2d.min.js", "vis-timeline/vis-timeline-graph2d.min.js"],
  ["vis-timeline", "styles/vis-timeline-graph2d.min.css", "vis-timeline/vis-timeline-graph2d.min.css"],
  ["cytoscape", "dist/cytoscape.min.js", "cytoscape.min.js"],
  ["chart.js", "dist/chart.umd.min.js", "chart.umd.min.js"],
  ["vazirmatn", "fonts/webfonts/Vazirmatn[wght].woff2", "fonts/Vazirmatn-wght.woff2"],
  ["vazirmatn", "OFL.txt", "fonts/Vazirmatn-OFL.txt"],
];

rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
const manifest = {};
for (const [pkg, from, to] of FILES) {
  const version = JSON.parse(readFileSync(join(modules, pkg, "package.json"), "utf8")).version;
  mkdirSync(dirname(join(target, to)), { recursive: true });
  cpSync(join(modules, pkg, from), join(target, to), { recursive: true });
  manifest[to] = `${pkg}@${version}`;
}
writeFileSync(join(target, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`copied ${FILES.length} vendor files to ${target}`);
