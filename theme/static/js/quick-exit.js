/* Quick exit: the link works without this file. With it, leaving also replaces this page in the
   history (so Back does not return here) and the Esc key leaves at once. */
(function () {
  var link = document.querySelector("[data-quick-exit]");
  if (!link) return;
  function leave(event) {
    if (event) event.preventDefault();
    try { document.body.style.visibility = "hidden"; } catch (e) {}
    window.location.replace(link.href);
  }
  link.addEventListener("click", leave);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") leave(event);
  });
})();
