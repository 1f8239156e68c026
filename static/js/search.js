// Search as you type on the /search/ page. The page already lists every
// person, topic, quote, event and figure as links; this script loads the
// build's search index, shows the search form, and replaces the full list
// with the entries that match. An entry matches when every word of the
// query occurs in its terms (accents, case and curly quotes folded), the
// rule TestSearchShippedSite checks in Go. No dependencies.
(function () {
  "use strict";
  var form = document.querySelector(".search-form");
  var input = document.getElementById("search-q");
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var all = document.getElementById("search-all");
  if (!form || !input || !results || !status || !all || !window.fetch) {
    return;
  }
  var labels = { person: "Person", topic: "Topic", page: "Page", quote: "Quote", event: "Event", figure: "Figure" };
  var order = { person: 0, topic: 1, page: 2, figure: 3, quote: 4, event: 5 };
  var limit = 50;
  var entries = [];

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, "\"").toLowerCase();
  }

  function find(query) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    var hits = entries.filter(function (e) {
      return words.every(function (w) { return e.folded.indexOf(w) >= 0; });
    });
    // Entries whose title matches come first, then by kind, then in
    // the index's order.
    hits.sort(function (a, b) {
      var ta = words.every(function (w) { return a.foldedTitle.indexOf(w) >= 0; }) ? 0 : 1;
      var tb = words.every(function (w) { return b.foldedTitle.indexOf(w) >= 0; }) ? 0 : 1;
      return ta - tb || order[a.kind] - order[b.kind] || a.index - b.index;
    });
    return hits;
  }

  function item(e) {
    var li = document.createElement("li");
    var kind = document.createElement("span");
    kind.className = "meta";
    kind.textContent = (labels[e.kind] || e.kind) + ": ";
    var a = document.createElement("a");
    a.href = e.url;
    a.textContent = e.title;
    li.appendChild(kind);
    li.appendChild(a);
    if (e.text) {
      var p = document.createElement("p");
      p.textContent = e.text;
      li.appendChild(p);
    }
    return li;
  }

  function show() {
    var query = input.value.trim();
    results.textContent = "";
    if (!query) {
      results.hidden = true;
      all.hidden = false;
      status.textContent = "";
      return;
    }
    var hits = find(query);
    hits.slice(0, limit).forEach(function (e) { results.appendChild(item(e)); });
    results.hidden = hits.length === 0;
    all.hidden = true;
    if (hits.length === 0) {
      status.textContent = "Nothing matches \u201c" + query + "\u201d.";
    } else {
      status.textContent = hits.length + (hits.length === 1 ? " result" : " results") +
        (hits.length > limit ? ", showing the first " + limit : "") + ".";
    }
  }

  fetch(form.getAttribute("data-index"))
    .then(function (r) {
      if (!r.ok) {
        throw new Error(r.status);
      }
      return r.json();
    })
    .then(function (doc) {
      entries = doc.entries.map(function (e, i) {
        e.folded = fold(e.terms);
        e.foldedTitle = fold(e.title);
        e.index = i;
        return e;
      });
      var query = new URLSearchParams(window.location.search).get("q");
      if (query) {
        input.value = query;
      }
      input.addEventListener("input", show);
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        show();
      });
      form.hidden = false;
      show();
    })
    .catch(function () {
      // Keep the full list: it works without the index.
    });
})();
