/* The primary sidebar shows the current page's entry when it opens.
 *
 * pydata-sphinx-theme scrolls the sidebar once, on load: to the scroll
 * position it stored when the previous page was left, or else (first visit
 * in the tab) so that the last active entry is a quarter from the top. The
 * stored position belongs to the previous page: after following a link from
 * the top of the list to a page near its end, the current entry was off
 * screen. On a phone the list opens in a dialog that always starts at the
 * top. This script runs after the theme and whenever the dialog opens: if
 * the current entry is not fully visible below the sticky head (the logo
 * and the search field, _static/custom.css), it scrolls the list just
 * enough to centre it in the space left; an entry already visible is left
 * where it is.
 */
(function () {
  "use strict";

  function currentEntry(container) {
    const active = container.querySelectorAll(
      ".bd-docs-nav li.current > a, .bd-docs-nav li.active > a");
    return active.length ? active[active.length - 1] : null;
  }

  function reveal(container) {
    if (!container || container.scrollHeight <= container.clientHeight) return;
    const entry = currentEntry(container);
    if (!entry) return;
    const box = container.getBoundingClientRect();
    const head = container.querySelector(".bce-sidebar-head");
    const top = head ? head.getBoundingClientRect().bottom : box.top;
    const bottom = box.bottom;
    const r = entry.getBoundingClientRect();
    if (r.top >= top && r.bottom <= bottom) return;
    const room = bottom - top;
    container.scrollTop += r.top - top - Math.max(0, (room - r.height) / 2);
  }

  function setUp() {
    const sidebar = document.getElementById("pst-primary-sidebar");
    // After the theme's own scrollToActive (also run on DOMContentLoaded).
    window.requestAnimationFrame(() => reveal(sidebar));
    const dialog = document.getElementById("pst-primary-sidebar-modal");
    if (dialog) {
      new MutationObserver(() => {
        if (dialog.open) window.requestAnimationFrame(() => reveal(dialog));
      }).observe(dialog, { attributes: true, attributeFilter: ["open"] });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
