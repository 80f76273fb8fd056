/* Search page only: the form. The search itself (engine.js, beside the index) loads on the first search: docs/search.md */
(() => {
  const form = document.querySelector("form[data-search]");
  if (!form) return;
  const d = form.dataset, status = document.getElementById("search-status");
  let engine, seq = 0;
  const run = async (q) => {
    const n = ++seq;
    if (!q.trim()) return;
    status.textContent = d.searching;
    try {
      engine = engine || import(d.engine);
      await (await engine).run(form, q, () => n == seq);
    } catch (err) {
      engine = null;
      if (n == seq) status.textContent = d.failed;
    }
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    run(form.q.value);
  });
  const q = new URLSearchParams(location.search).get("q");
  if (q) run((form.q.value = q));
})();
