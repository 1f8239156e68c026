// Tests of search.js under Node.js (make test runs it when node is
// installed; CI installs it): the tokenizer on the cases of
// syndicate.TestTokens, and the lookup on the index that
// syndicate.TestSearchFixture writes to internal/syndicate/testdata/search
// with the answers of the Go lookup beside it. Run: node internal/syndicate/search_test.mjs
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

const require = createRequire(import.meta.url);
const search = require("../../static/js/search.js");
const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, "testdata", "search");

let failed = 0;
function fail(msg) {
  failed++;
  console.error("FAIL: " + msg);
}

const tokenCases = [
  ["Lavrov met Rubio.", ["lavrov", "met", "rubio"]],
  ["U.S.-Russia talks, 18 Feb 2025", ["u", "s", "russia", "talks", "18", "feb", "2025"]],
  ["$300 billion", ["300", "billion"]],
  ["Russia’s “frozen” assets", ["russia", "s", "frozen", "assets"]],
  ["Café crème, naïve RÉSUMÉ", ["cafe", "creme", "naive", "resume"]],
  ["Cafe\u0301 (decomposed)", ["cafe", "decomposed"]],
  ["Сергей Лавров, МИД России", ["сергеи", "лавров", "мид", "россии"]],
  ["Ёлка и ёж", ["елка", "и", "еж"]],
  ["قال لافروف: العقوبات", ["قال", "لافروف", "العقوبات"]],
  ["لافْرُوف", ["لافروف"]],
  ["ΣΟΦΟΣ σοφός", ["σοφοσ", "σοφοσ"]],
  ["İstanbul STRASSE straße", ["istanbul", "strasse", "straße"]],
  ["  ", []],
  ["\u0301", []],
];
for (const [input, want] of tokenCases) {
  const got = search.tokens(input);
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    fail(`tokens(${JSON.stringify(input)}) = ${JSON.stringify(got)}; want ${JSON.stringify(want)}`);
  }
}

// compare orders by code point, as Go orders strings by byte.
const ordered = ["", "a", "ab", "b", "é", "\uffff", "\u{1F600}"];
for (let i = 0; i + 1 < ordered.length; i++) {
  if (!(search.compare(ordered[i], ordered[i + 1]) < 0)) {
    fail(`compare(${JSON.stringify(ordered[i])}, ${JSON.stringify(ordered[i + 1])}) >= 0`);
  }
}

// The highlighting rule: the query's words, the last also as a prefix.
const m = search.matcher("foreign lav");
if (!m("foreign") || !m("lavrov") || m("foreigner") || m("rubio")) {
  fail("matcher(\"foreign lav\") accepts the wrong words");
}

function get(url) {
  const data = readFileSync(path.join(fixture, url));
  return Promise.resolve({ text: data.toString("utf8"), bytes: data.length });
}

const answers = JSON.parse(readFileSync(path.join(fixture, "answers.json"), "utf8"));
for (const a of answers) {
  const s = await new search.Searcher("search/index.json", get).open();
  const hits = (await s.find(a.query)).slice(0, search.SHOWN);
  await s.records(hits);
  const got = hits.map((h) => `${h.kind} ${h.record.u} ${h.score.toFixed(6)}`);
  if (JSON.stringify(got) !== JSON.stringify(a.hits)) {
    fail(`search ${JSON.stringify(a.query)} = ${JSON.stringify(got)}; the Go lookup answers ${JSON.stringify(a.hits)}`);
  }
  if (s.bytes !== a.bytes) {
    fail(`search ${JSON.stringify(a.query)} downloaded ${s.bytes} bytes; the Go lookup ${a.bytes}`);
  }
}

if (failed > 0) {
  process.exit(1);
}
console.log(`search.js: ${tokenCases.length} tokenizer cases and ${answers.length} queries agree with the Go lookup`);
