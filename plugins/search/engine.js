// The search itself, imported by search.js on the first search; reads what plugins/search/index.py writes.
// How it works and why: docs/search.md. Names are short on purpose: every byte is downloaded.
const K = "\u1780-\u17ff\u19e0-\u19ff", HEAD = 5, cache = {}; // HEAD: weight of a word in a heading
let table, d;
const once = (key, make) => (cache[key] ||= make().catch((e) => { delete cache[key]; throw e; }));
// One file of the index, gzip-compressed by the build (unpacked here unless the host already did).
const get = (name) => once(name, async () => {
  const r = await fetch(`${d.bundle}${document.documentElement.lang}/${name}.bin`);
  if (!r.ok) throw Error(r.status);
  const b = await r.blob(), [x, y] = new Uint8Array(await b.slice(0, 2).arrayBuffer());
  return new Response(x == 31 && y == 139 ? b.stream().pipeThrough(new DecompressionStream("gzip")) : b).json();
});
// Khmer digits as Latin ones, one character for one (so positions in the text stay the same).
const digits = (s) => s.replace(/[\u17e0-\u17e9]/g, (c) => c.charCodeAt() - 6112);
const fold = (s) => digits(s.toLowerCase()).normalize("NFD").replace(/\p{M}/gu, "");
// The beginning that other forms of an English word share: "passwords" and "reporting" find "password", "report".
const stem = (s) => s.replace(/^(.{4,}?)(?:ies|es|s|ing|ed|ly|e|y)$/u, "$1");

// A query word as tokens (as segment.py cuts the pages): {k: key, c: is a Khmer cluster}.
const tokens = (word) => Array.from(word.matchAll(new RegExp(`(${d.cl})|([\u17e0-\u17e9]+|(?:(?![${K}])[\\p{L}\\p{N}])+)`, "gu")),
  (m) => ({ k: m[1] || fold(m[2]), c: !!m[1] }));
// The keys that prove a word at a place: [offset in the word, key, match as beginning]. Khmer clusters
// are keyed by pairs (index.py), and every other pair is enough: each cluster is in one of them.
const terms = (w) => {
  const out = [];
  for (let i = 0; i < w.length; i++) {
    const t = w[i], n = w[i + 1];
    if (!t.c) out.push([i, n ? t.k : stem(t.k), !n]);
    else if (n?.c) out.push([i++, `${t.k} ${n.k}`]);
    else if (!n && w[i - 1]?.c) out.push([i - 1, `${w[i - 1].k} ${t.k}`]);
    else out.push([i, t.k + " ", !n]);
  }
  return out;
};
// Pages and positions of a key (or of every key it begins): Map page -> Map position -> weight.
const look = async (key, begins) => {
  const at = (k) => { let i = -1; while (table.c[i + 1] <= k) i++; return i; }, from = Math.max(0, at(key)), hits = new Map();
  const chunks = await Promise.all(table.f.slice(from, at(begins ? key + "\uffff" : key) + 1).map(get));
  for (const chunk of chunks) for (const k in chunk) if (begins ? k.startsWith(key) : k == key) {
    // Another form of an English word counts fully, a longer word that begins with it half.
    const f = chunk[k], part = key.endsWith(" ") || k.length - key.length < 4 ? 1 : 0.5;
    for (let i = 0, page = 0; i < f.length; ) {
      page += f[i++];
      const m = hits.get(page) || new Map();
      for (let n = f[i++], p = 0; n--; ) {
        const v = f[i++];
        p += Math.abs(v);
        m.set(p, Math.max(m.get(p) || 0, part * (v < 0 ? HEAD : 1)));
      }
      hits.set(page, m);
    }
  }
  return hits;
};
// Where a word stands in each page: Map page -> [weighted count, first position].
const places = async (w) => {
  const ts = terms(w), hits = await Promise.all(ts.map(([, k, b]) => look(k, b))), found = new Map();
  for (const [page, first] of hits[0]) {
    let tf = 0, at = 0;
    for (const [p, weight] of first) {
      const s = p - ts[0][0];
      if (ts.every(([o], j) => hits[j].get(page)?.has(s + o))) (tf += weight), (at = at ? Math.min(at, s) : s);
    }
    if (tf) found.set(page, [tf, at]);
  }
  return found;
};
// Pages that hold every word, best first (BM25 over the weighted counts).
const rank = async (words) => {
  const all = await Promise.all(words.map(places)), n = table.p.length, avg = table.p.reduce((a, p) => a + p[1], 0) / n;
  return [...all[0].keys()].filter((page) => all.every((m) => m.has(page))).map((page) => {
    let score = 0;
    for (const m of all) {
      const tf = m.get(page)[0];
      score += Math.log(1 + (n - m.size + 0.5) / (m.size + 0.5)) * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * table.p[page][1] / avg));
    }
    return [score, page, all[0].get(page)[1]];
  }).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
};
const el = (tag, text) => Object.assign(document.createElement(tag), { textContent: text || "" });
const say = (text, n) => (document.getElementById("search-status").textContent = text.replace("{n}", String(n).replace(/\d/g, (x) => d.digits[x])));

export async function run(f, q, current) {
  d = f.dataset;
  const box = document.getElementById("search-results"), list = box.querySelector("ol");
  list.textContent = "";
  table = await get("meta");
  // First each run between spaces must appear as typed; if no page has them all, the words the
  // browser's segmenter finds in the query must each appear somewhere in the page.
  const split = (parts) => parts.map(tokens).filter((w) => w.length);
  let words = split(q.split(/[\s\p{P}]+/u)), found = words.length ? await rank(words) : [];
  if (!found.length && window.Intl?.Segmenter) {
    const seg = new Intl.Segmenter(document.documentElement.lang, { granularity: "word" }).segment(q);
    words = split(Array.from(seg, (s) => (s.isWordLike ? s.segment : "")));
    found = words.length ? await rank(words) : [];
  }
  // Only the piece of each page's text that holds its first match is downloaded.
  const shown = await Promise.all(found.slice(0, d.max).map(async ([, page, at]) => {
    const piece = Math.floor((at - 1) / table.s);
    return [await get(`${table.p[page][0]}-${piece}`), piece];
  }));
  if (!current()) return;
  const w = words[0] || [], mark = new RegExp(w.map((t, i) => (i == w.length - 1 && !t.c ? stem(t.k) : t.k)).join(""), "iu");
  for (const [x, piece] of shown) {
    const li = el("li"), a = el("a", x.t), p = el("p"), t = x.x.trim(), m = mark.exec(digits(t)), i = m ? m.index : 0;
    const s = t.lastIndexOf(" ", i - d.excerpt / 3) + 1, e = t.indexOf(" ", i + d.excerpt / 2), end = e < 0 ? t.length : e;
    p.append(s || piece ? "… " : "", t.slice(s, i));
    if (m) p.append(el("mark", t.substr(i, m[0].length)));
    p.append(t.slice(i + (m ? m[0].length : 0), end) + (e < 0 ? "" : " …"));
    a.href = d.site + x.u;
    li.append(a, el("p", x.a), p);
    li.children[1].className = "meta";
    list.append(li);
  }
  box.hidden = !shown.length;
  say(shown.length ? (found.length > d.max ? d.more : d.found) : d.none, shown.length);
}
