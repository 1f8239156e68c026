// Measures search.js over a built site: for each query, the bytes it
// downloads and the time from having its files (read into memory first,
// as if downloaded) to the first results with their records: parsing the
// JSON, decoding postings, scoring, ranking. docs/search.md records the
// numbers for the synthetic corpus of 10,000 pages:
//
//   go run ./internal/corpus/corpusgen -n 10000 -o /tmp/c10k
//   bin/briefing build -s /tmp/c10k -d /tmp/c10k/public -q
//   node internal/syndicate/search_bench.mjs /tmp/c10k/public delegations Number432 "frozen assets" sanct s
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { performance } from "node:perf_hooks";

const require = createRequire(import.meta.url);
const search = require("../../static/js/search.js");
const [site, ...queries] = process.argv.slice(2);
if (!site || queries.length === 0) {
  console.error("usage: node search_bench.mjs SITE-FOLDER QUERY...");
  process.exit(2);
}

function reader(files) {
  return (url) => {
    let data = files.get(url);
    if (!data) {
      data = readFileSync(path.join(site, url));
      files.set(url, data);
    }
    return Promise.resolve({ text: data.toString("utf8"), bytes: data.length });
  };
}

async function run(query, get) {
  const s = await new search.Searcher("search/index.json", get).open();
  const hits = await s.find(query);
  await s.records(hits.slice(0, search.SHOWN));
  return { s, hits };
}

for (const query of queries) {
  const files = new Map();
  // The first run reads the files (the download); the timed runs start
  // from them in memory, each with a new Searcher, so every run parses
  // and decodes everything again.
  const { s, hits } = await run(query, reader(files));
  const times = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    await run(query, reader(files));
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`${JSON.stringify(query)}: ${s.bytes} bytes in ${files.size} files, ${hits.length} hits, first results in ${times[10].toFixed(1)} ms (median of 20; slowest ${times[19].toFixed(1)} ms)`);
}
