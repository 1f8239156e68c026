// visits.js marks, on the home page and topic pages, what was added or
// corrected since the reader's previous visit. Elements that can be new
// carry data-changed="YYYY[-MM[-DD]]" (a content date, never the clock);
// the page's container carries data-since, the briefing's newest date,
// and data-since-label, the mark's words in the site's language.
// The newest date a reader has seen is kept in localStorage under a key
// per briefing (data-since-key, its base path); the value read at the
// start of a browser session is held in sessionStorage for the rest of
// it, so that every page of one visit compares with the previous visit.
// Nothing is sent anywhere. Without JavaScript, or without storage, the
// page stays as it is.
(function () {
  "use strict";
  var root = document.querySelector("[data-since]");
  if (!root) return;
  var key = "briefing-seen:" + (root.getAttribute("data-since-key") || "/");
  var prev, stored;
  try {
    stored = localStorage.getItem(key) || "";
    prev = sessionStorage.getItem(key);
    if (prev === null) {
      prev = stored;
      sessionStorage.setItem(key, prev);
    }
  } catch (e) {
    return;
  }
  var seen = root.getAttribute("data-since") || "";
  var items = document.querySelectorAll("[data-changed]");
  for (var i = 0; i < items.length; i++) {
    // A date marks the item it dates: <li><time data-changed=…> marks the <li>.
    var el = items[i].tagName === "TIME" ? items[i].parentNode : items[i];
    var d = items[i].getAttribute("data-changed");
    if (d > seen) seen = d;
    if (!prev || d <= prev) continue;
    el.classList.add("since-visit");
    var label = document.createElement("span");
    label.className = "since-visit-label";
    label.textContent = items[i].getAttribute("data-changed-label") || root.getAttribute("data-since-label") || "New since your last visit";
    el.insertBefore(document.createTextNode(" "), el.firstChild);
    el.insertBefore(label, el.firstChild);
  }
  try {
    if (seen > stored) localStorage.setItem(key, seen);
  } catch (e) {
    // Storage full or refused: nothing to remember, nothing lost.
  }
})();
