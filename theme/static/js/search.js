/* Search page only; how it works (Khmer words as runs of character clusters): docs/search.md */
(() => {
  const form = document.querySelector("form[data-search]");
  if (!form) return;
  const d = form.dataset, $ = (id) => document.getElementById(id), box = $("search-results"), list = box.querySelector("ol");
  const K = "\u1780-\u17ff\u19e0-\u19ff", KH = new RegExp(`[${K}]`);
  const CL = new RegExp(d.cl, "g"), SP = new RegExp(`([${K}])(\\.(?= \ue000)| (?=[${K}]))`, "g");
  const enc = (c) => c.replace(/[\u17b4-\u17d3\u17dd]/g, (m) => String.fromCharCode(m.charCodeAt() - 276)) + "\u16ea";
  const plain = (s) => s.replace(/\u16ea/g, "").replace(/[\u16a0-\u16c9]/g, (m) => String.fromCharCode(m.charCodeAt() + 276))
    .replace(SP, "$1").replace(/\ue000/g, "");
  const el = (tag, text) => Object.assign(document.createElement(tag), { textContent: text || "" });
  const say = (text, n) => ($("search-status").textContent = text.replace("{n}", String(n).replace(/\d/g, (x) => d.digits[x])));
  let pf, seq = 0;
  const run = async (q) => {
    const n = ++seq;
    if (!q.trim()) return;
    say(d.searching);
    list.textContent = "";
    try {
      pf = pf || import(d.bundle + "pagefind.js").then((m) => m.createInstance({ basePath: d.bundle, noWorker: true }));
      const P = await pf, at = {}, has = (t, id, p) => at[t].get(id)?.has(p), S = window.Intl && Intl.Segmenter;
      const find = async (seg) => {
        ws = (seg ? Array.from(new S(document.documentElement.lang, { granularity: "word" }).segment(q), (s) => s.isWordLike ? s.segment : "")
          : q.split(/\s+/)).map((x) => (KH.test(x) ? x.match(CL)?.map(enc) : x && [x.toLowerCase()])).filter((x) => x?.length);
        const terms = [...new Set(ws.flat())];
        for (const t of terms) at[t] = at[t] || new Map((await P.search(t)).results.map((r) => [r.id, new Set(r.words)]));
        return (await P.search(terms.join(" "))).results.filter((r) =>
          ws.every((w) => [...at[w[0]].get(r.id) || []].some((p) => w.every((t, i) => has(t, r.id, p + i)))));
      };
      let ws, found = await find();
      if (!found.length && S) found = await find(1);
      const kw = ws.map((w) => plain(w.join(""))).filter((w) => KH.test(w));
      const shown = (await Promise.all(found.slice(0, d.max).map((r) => r.data()))).filter((x) => kw.every((w) => plain(x.content).includes(w)));
      if (n != seq) return;
      for (const x of shown) {
        const li = el("li"), a = el("a", x.meta.title), p = el("p"), t = plain(x.content), i = t.indexOf(kw[0]);
        const s = t.lastIndexOf(" ", i - d.excerpt / 3) + 1, e = t.indexOf(" ", i + d.excerpt / 2);
        if (kw.length) p.append(s ? "… " : "", t.slice(s, i), el("mark", kw[0]), t.slice(i + kw[0].length, e < 0 ? t.length : e) + (e < 0 ? "" : " …"));
        else p.innerHTML = plain(x.excerpt);
        a.href = d.site + x.url;
        li.append(a, el("p", x.meta.audience), p);
        li.children[1].className = "meta";
        list.append(li);
      }
      box.hidden = !shown.length;
      say(shown.length ? (found.length > d.max ? d.more : d.found) : d.none, shown.length);
    } catch (err) {
      pf = null;
      say(d.failed);
    }
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    run(form.q.value);
  });
  const q = new URLSearchParams(location.search).get("q");
  if (q) run((form.q.value = q));
})();
