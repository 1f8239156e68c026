// The preview server's live reload: briefing serve injects this script into
// every page it serves (never into a built site). It listens for rebuilds
// over Server-Sent Events, reloads the page when its file changed, and shows
// build errors over the page until they are fixed.
(function () {
  "use strict";
  var base = document.currentScript.src.replace(/livereload\.js(\?.*)?$/, "");
  var root = new URL("../", base).pathname;
  function page() {
    var p = decodeURIComponent(location.pathname);
    if (p.indexOf(root) === 0) p = p.slice(root.length);
    if (p === "" || p.charAt(p.length - 1) === "/") p += "index.html";
    return p;
  }
  var overlay = null;
  function show(errors) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.className = "briefing-overlay";
      overlay.setAttribute("role", "alert");
      document.body.appendChild(overlay);
    }
    overlay.textContent = "The site did not build. You are looking at the last version that did.\n\n" + errors.join("\n");
  }
  function hide() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }
  var events = new EventSource(base + "events");
  events.addEventListener("update", function (e) {
    var m = JSON.parse(e.data);
    if (m.errors && m.errors.length) {
      show(m.errors);
      return;
    }
    hide();
    if (m.all || (m.changed || []).indexOf(page()) >= 0) {
      location.reload();
    }
  });
})();
