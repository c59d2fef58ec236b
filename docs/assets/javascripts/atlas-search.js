/* Lunar Atlas search: a worker that speaks Material's search protocol (SETUP -> READY, QUERY -> RESULT) and answers
   from the prebuilt index in search/atlas/ (made by scripts/lunar_atlas/search_index.py), fetching only the files a
   query needs. Material's dialog, keyboard handling and result list stay as they are.
   Every text from the data is escaped here before Material puts it into the page. */
"use strict";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
const ROOT = new URL("../../search/atlas/", self.location.href);
const APOSTROPHES = /['\u2019\u02bc\u2018`]/g;
const WORD = /[\p{L}\p{N}]+/gu;
const CJK = /([\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+)/u;
const CJK_ALL = /^[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+$/u;
const SHOWN = 20;
const FEW = 5;  // fewer documents with every query word than this, and the commonest word stops being required
const COMMON = 0.1;  // a word in more than this share of all documents ("Moon", "lunar" in a Moon atlas) only ranks

let manifest = null;
let suggest = false;
let latest = 0;   // the newest query asked
let posted = 0;   // the newest query answered
const files = new Map();

function fetchJSON(path) {
  if (!files.has(path))
    files.set(path, fetch(new URL(path, ROOT)).then(r => r.ok ? r.json() : null).catch(() => null));
  return files.get(path);
}

function fold(text) {
  return text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
}

/* The same cut as search_tokens.words: apostrophes dropped, CJK runs cut into pairs of characters. */
function words(text) {
  const out = [];
  for (const word of fold(text).replace(APOSTROPHES, "").match(WORD) || [])
    for (const part of word.split(CJK)) {
      if (!part) continue;
      if (CJK_ALL.test(part)) {
        const chars = [...part];
        if (chars.length === 1) out.push(part);
        else for (let i = 0; i < chars.length - 1; i++) out.push(chars[i] + chars[i + 1]);
      } else out.push(part);
    }
  return out;
}

/* FNV-1a of the key's UTF-8 bytes, as search_index.bucket. */
function bucket(key) {
  let value = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(key))
    value = Math.imul(value ^ byte, 0x01000193) >>> 0;
  return value % manifest.buckets;
}

function shardKey(word) {
  const first = [...word][0];
  return first > "\x7f" ? first : word.slice(0, 2);
}

async function shard(key) {
  return (await fetchJSON(`t/${bucket(key)}.json`)) || {};
}

/* Documents with a weight for one term: {document number: weight}, and whether the term's list was cut. */
function postings(value) {
  const cut = Array.isArray(value[0]);
  const flat = cut ? value[0] : value;
  const found = new Map();
  let number = 0;
  for (let i = 0; i < flat.length; i += 2) {
    number += flat[i];
    found.set(number, flat[i + 1]);
  }
  return { found, cut };
}

/* An English word without its ending, so "landing", "landed" and "lands" reach each other: -ing, -ed, -es or -s
   cut, and a doubled last letter undone ("stopped"), where at least four letters stay. */
const ENDING = /(?:ing|ed|es|s)$/;
function stem(word) {
  if (!/^[a-z]{5,}$/.test(word)) return word;
  let base = word.replace(ENDING, "");
  if (/([^aeiouls])\1$/.test(base)) base = base.slice(0, -1);
  return base.length >= 4 ? base : word;
}

/* Roman numerals from i to xxxix, as a query has them (folded), with their digits: "Apollo XI" finds "Apollo 11". */
const ROMAN = new Map(Array.from({ length: 39 }, (_, i) => {
  const n = i + 1;
  return ["x".repeat(Math.floor(n / 10)) + ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"][n % 10], String(n)];
}));

/* The documents a query word reaches: itself, words it begins (typing goes on), other forms of it (weighing
   less), its digits if it is a Roman numeral beside another word ("Apollo XI"; alone, "Xi" is a name), or else
   words one letter away. */
async function match(word, numerals) {
  const scores = new Map();
  let cut = false, exact = 0;
  const keep = (value, factor) => {
    const p = postings(value);
    cut = cut || p.cut;
    for (const [number, weight] of p.found) {
      const score = weight * factor;
      if ((scores.get(number) || 0) < score) scores.set(number, score);
    }
    return p.found.size;
  };
  const table = await shard(shardKey(word));
  const long = [...word].length > 1 || CJK_ALL.test(word);
  const base = stem(word);
  for (const [term, value] of Object.entries(table)) {
    if (term === word) exact = keep(value, 1);
    else if (long && term.startsWith(word)) keep(value, 0.6 * word.length / term.length);
    else if (base !== word && term.startsWith(base)) keep(value, 0.5 * base.length / term.length);
  }
  const digits = numerals && ROMAN.get(word);
  if (digits) {
    const numbers = await shard(shardKey(digits));
    if (digits in numbers) keep(numbers[digits], 0.9);
  }
  if (!scores.size && word.length >= 4 && !CJK_ALL.test(word)) {
    const variants = new Set([...word].map((_, i) => word.slice(0, i) + word.slice(i + 1)));
    const tables = await Promise.all([...new Set([...variants].map(shardKey))].map(shard));
    for (const t of tables)
      for (const variant of variants)
        if (variant in t) keep(t[variant], 0.5);
  }
  /* How many documents have the word itself: what says whether it is common ("landing" is not, though the words
     it begins and its other forms together reach many). */
  return { scores, cut, documents: exact || scores.size };
}

function kindOf(number) {
  return manifest.kinds.find(([, , end]) => number < end);
}

function escapeHTML(text) {
  return String(text).replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

/* The documents that have every required word (with none required, any word), each with its score: the best
   weight of each word it has, pairs of query words side by side counting half again, times its kind's rank; and
   how many of the query's words it has, common ones included, which orders before the score ("Apollo 11": the
   pages with both words before Luna 11's). */
function rank(used, required, pairs) {
  const needed = new Set(required);
  const base = required.length ? required[0].scores.keys() : new Set(used.flatMap(m => [...m.scores.keys()]));
  const ranked = [];
  for (const number of base) {
    let score = 0, has = 0, ok = true;
    for (const m of used) {
      const s = m.scores.get(number);
      if (s === undefined && needed.has(m)) { ok = false; break; }
      if (s !== undefined) has += 1;
      score += s || 0;
    }
    for (const found of pairs) score += (found.get(number) || 0) / 2;
    if (ok) ranked.push([number, score * kindOf(number)[1], has]);
  }
  return ranked;
}

async function search(query, turn) {
  const all = words(query);
  const meaningful = all.filter(w => !manifest.stop.has(w));
  const asked = [...new Set(meaningful.length ? meaningful : all)];
  if (!asked.length) return { items: [] };
  const matches = await Promise.all(asked.map(word => match(word, asked.length > 1)));
  const terms = {};
  asked.forEach((word, i) => { terms[word] = matches[i].scores.size > 0; });
  const used = matches.filter(m => m.scores.size);
  if (!used.length) return { items: [] };
  /* Two query words side by side in a name or summary ("far side") weigh more: the pair is indexed run together. */
  const pairs = await Promise.all(asked.slice(1).map(async (word, i) => {
    const pair = asked[i] + word;
    const table = /^[\x00-\x7f]+$/.test(pair) ? await shard(shardKey(pair)) : {};
    return pair in table ? postings(table[pair]).found : new Map();
  }));
  /* Every word that matched anything must match the document, unless its list was cut for being too common or
     a tenth of all documents have it: such a word says little of which page is meant, and only ranks ("Israel
     Moon" finds Beresheet, whose page says "lunar"). Where every word is that common, all are required. */
  const total = manifest.kinds[manifest.kinds.length - 1][2];
  const narrowing = used.filter(m => !m.cut && m.documents <= total * COMMON);
  const required = (narrowing.length ? narrowing : used.filter(m => !m.cut)).sort((a, b) => a.scores.size - b.scores.size);
  let ranked = rank(used, required, pairs);
  /* Too few documents have every word: the commonest then only ranks ("Indian Moon lander" also finds the
     lander whose page never says "Moon"), and the documents with every word still come first. */
  if (ranked.length < FEW && required.length > 1) ranked = rank(used, required.slice(0, -1), pairs);
  /* Still none: any word will do, and the documents with the most of them come first ("Surveyor 3 camera"). */
  if (!ranked.length && required.length > 1) ranked = rank(used, [], pairs);
  if (turn < posted) return null;  // a newer query is already answered: fetch no records for this one
  ranked.sort((a, b) => b[2] - a[2] || b[1] - a[1] || a[0] - b[0]);
  const top = ranked.slice(0, SHOWN);
  const records = new Map();
  await Promise.all([...new Set(top.map(([n]) => Math.floor(n / manifest.size)))].map(async part => {
    const rows = (await fetchJSON(`d/${part}.json`)) || [];
    rows.forEach((row, i) => records.set(part * manifest.size + i, row));
  }));
  const items = [];
  for (const [number, score] of top) {
    const row = records.get(number);
    if (!row) continue;
    const [location, title, summary] = row;
    const text = `<p class="la-search-line"><span class="la-search-kind">${escapeHTML(kindOf(number)[0])}</span> ${escapeHTML(summary)}</p>`;
    const item = { location, title: escapeHTML(title), text, score, terms };
    const hash = location.indexOf("#");
    if (hash < 0) items.push([item]);
    else {
      /* An anchored document (a quote, an event) shows under its page, as Material shows a section. */
      const page = location.slice(0, hash);
      items.push([item, { location: page, title: escapeHTML(manifest.parents[page] || page), text: "", score: 0, terms: {} }]);
    }
  }
  return { items, ...(suggest && { suggest: [] }) };
}

async function setup(options) {
  suggest = !!(options && options.suggest);
  const data = await fetchJSON("manifest.json");
  if (!data) throw new Error("search index not found");
  manifest = { ...data, stop: new Set(data.stop) };
}

addEventListener("message", async ({ data: message }) => {
  if (message.type === SETUP) {
    try {
      await setup(message.data.options);
    } catch (err) {
      console.warn(err);
    }
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    const turn = ++latest;
    let result = { items: [] };
    try {
      if (manifest) result = await search(message.data, turn);
    } catch (err) {
      console.warn(err);
    }
    /* Each answer is shown as it comes (a prefix of the query answers while the rest is typed), unless a newer
       query's answer came first. */
    if (result && turn > posted) {
      posted = turn;
      postMessage({ type: RESULT, data: result });
    }
  }
});

/* Start fetching the manifest at once: it is small, and the first query should not wait for it. */
fetchJSON("manifest.json");
