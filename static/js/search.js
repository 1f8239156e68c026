// Search as you type on the /search/ page. The page already lists every
// person, topic, quote, event and figure as links; this script shows the
// search form and replaces the list with what matches, grouped by kind,
// the words found marked.
//
// The index is split so that a query downloads little whatever the size
// of the site (docs/search.md): a manifest (search/index.json), then the
// term shards of the query's words, then the document chunks of the
// results shown. The lookup here and syndicate.Searcher in Go are one
// rule written twice; internal/syndicate/search_test.mjs checks that they
// answer the same.
// Text from the index reaches the page through textContent only. No
// dependencies.
(function () {
  "use strict";

  var BUDGET = 300 * 1024; // syndicate.SearchBudget
  var SHOWN = 10; // syndicate.SearchShown
  var WORD = /[\p{L}\p{N}\p{M}]+/gu;
  var MARKS = /\p{Mn}/gu;
  var ASCII = /^[\x00-\x7f]*$/;

  // fold folds a word as the index does (syndicate.foldWord): decomposed,
  // nonspacing marks dropped, lower case, a final sigma as a sigma.
  function fold(w) {
    if (ASCII.test(w)) {
      return w.toLowerCase();
    }
    return w.normalize("NFD").replace(MARKS, "").toLowerCase().replace(/ς/g, "σ");
  }

  // tokens returns the folded words of s (syndicate.Tokens).
  function tokens(s) {
    var out = [];
    (s.match(WORD) || []).forEach(function (w) {
      var t = fold(w);
      if (t) {
        out.push(t);
      }
    });
    return out;
  }

  // endsInWord reports whether the last character of s is part of a word:
  // the last word is then still being typed and matches as a prefix.
  function endsInWord(s) {
    var chars = Array.from(s);
    return chars.length > 0 && /^[\p{L}\p{N}\p{M}]$/u.test(chars[chars.length - 1]);
  }

  // compare orders strings by code point, as Go orders them by byte.
  function compare(a, b) {
    var n = Math.min(a.length, b.length);
    for (var i = 0; i < n; i++) {
      var x = a.charCodeAt(i);
      var y = b.charCodeAt(i);
      if (x !== y) {
        if (x >= 0xd800 && y >= 0xd800) {
          x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
          y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
        }
        return x - y;
      }
    }
    return a.length - b.length;
  }

  // last returns the index of the last of the sorted starts that is not
  // after s, or -1.
  function last(starts, s) {
    var lo = 0;
    var hi = starts.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (compare(starts[mid], s) > 0) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo - 1;
  }

  function runes(s) {
    return Array.from(s).length;
  }

  // Searcher runs queries over the index whose manifest is at url. get(url)
  // resolves to {text, bytes}.
  function Searcher(url, get) {
    this.url = url;
    this.dir = url.slice(0, url.lastIndexOf("/") + 1);
    this.get = get;
    this.files = new Map(); // url -> promise of the parsed file
    this.bytes = 0; // downloaded, each file once
  }

  Searcher.prototype.fetch = function (url) {
    var self = this;
    if (!self.files.has(url)) {
      self.files.set(url, self.get(url).then(function (r) {
        self.bytes += r.bytes;
        return JSON.parse(r.text);
      }));
    }
    return self.files.get(url);
  };

  Searcher.prototype.open = function () {
    var self = this;
    return self.get(self.url).then(function (r) {
      self.bytes += r.bytes;
      self.manBytes = r.bytes;
      var m = self.man = JSON.parse(r.text);
      self.docs = m.kinds.reduce(function (n, k) { return n + k.n; }, 0);
      self.chunkEnd = [];
      var end = 0;
      m.chunks.forEach(function (n) {
        end += n;
        self.chunkEnd.push(end);
      });
      self.shards = new Map(); // index -> Map term -> postings
      return self;
    });
  };

  Searcher.prototype.file = function (kind, i) {
    return this.dir + this.man.v + "/" + kind + i + ".json";
  };

  Searcher.prototype.shardOf = function (term) {
    return last(this.man.shards, term);
  };

  Searcher.prototype.loadShard = function (i) {
    var self = this;
    if (self.shards.has(i)) {
      return Promise.resolve(self.shards.get(i));
    }
    return self.fetch(self.file("t", i)).then(function (entries) {
      if (!self.shards.has(i)) {
        var m = new Map();
        entries.forEach(function (e) {
          var post = e[1];
          var doc = 0;
          for (var j = 0; j < post.length; j++) {
            doc += Math.floor(post[j] / 16);
            post[j] = doc * 16 + post[j] % 16;
          }
          m.set(e[0], post);
        });
        self.shards.set(i, m);
      }
      return self.shards.get(i);
    });
  };

  // plan resolves to the shards a query needs (syndicate.Searcher.plan):
  // those of its words, then those of the last word's likely completions
  // while the query stays within the budget, counting every file at its
  // size whether or not it was fetched before.
  Searcher.prototype.plan = function (words, prefix) {
    var self = this;
    var m = self.man;
    var need = [];
    var seen = new Set();
    var size = self.manBytes;
    function take(i) {
      if (i >= 0 && !seen.has(i)) {
        seen.add(i);
        need.push(i);
        size += m.sizes[i];
      }
    }
    words.forEach(function (w) { take(self.shardOf(w)); });
    if (!prefix) {
      return Promise.resolve(need);
    }
    var lastWord = words[words.length - 1];
    var extra;
    if (runes(lastWord) <= 2) {
      var pi = last(m.prefixes, Array.from(lastWord)[0]);
      if (pi < 0) {
        extra = Promise.resolve([]);
      } else {
        size += m.prefixSizes[pi];
        extra = self.fetch(self.file("p", pi)).then(function (file) {
          return (file[lastWord] || []).map(function (t) { return self.shardOf(t); });
        });
      }
    } else {
      var list = [];
      for (var j = self.shardOf(lastWord) + 1; j < m.shards.length && m.shards[j].startsWith(lastWord); j++) {
        list.push(j);
      }
      extra = Promise.resolve(list);
    }
    return extra.then(function (list) {
      var room = BUDGET - size - SHOWN * m.chunkMax;
      list.forEach(function (i) {
        if (i < 0 || seen.has(i) || m.sizes[i] > room) {
          return;
        }
        room -= m.sizes[i];
        take(i);
      });
      return need;
    });
  };

  // find resolves to the documents that match query (syndicate.Searcher.Find):
  // {doc, kind, score}, the best SHOWN first and in order, then the rest in
  // document order (sort them with byRank).
  Searcher.prototype.find = function (query) {
    var self = this;
    var words = tokens(query);
    if (words.length === 0) {
      return Promise.resolve([]);
    }
    var prefix = endsInWord(query);
    return self.plan(words, prefix).then(function (need) {
      return Promise.all(need.map(function (i) { return self.loadShard(i); })).then(function () {
        return self.rank(words, prefix, need);
      });
    });
  };

  // rank scores the documents in the loaded shards need. Scores live in
  // arrays indexed by document (every score is above 0, so 0 is "not
  // found"): a word on every page of a large site is tens of thousands
  // of postings.
  Searcher.prototype.rank = function (words, prefix, need) {
    var self = this;
    var n = self.docs;
    var total = null;
    words.forEach(function (w, wi) {
      var scores = new Float64Array(n);
      function add(post, factor) {
        var idf = Math.log(1 + n / post.length);
        for (var j = 0; j < post.length; j++) {
          var sc = factor * (post[j] % 16) * idf;
          var d = (post[j] - post[j] % 16) / 16;
          if (sc > scores[d]) {
            scores[d] = sc;
          }
        }
      }
      need.forEach(function (i) {
        var sh = self.shards.get(i);
        var post = sh.get(w);
        if (post) {
          add(post, 1);
        }
        if (prefix && wi === words.length - 1) {
          sh.forEach(function (p, t) {
            if (t.length > w.length && t.startsWith(w)) {
              add(p, 0.5);
            }
          });
        }
      });
      if (total === null) {
        total = scores;
        return;
      }
      for (var d = 0; d < n; d++) {
        total[d] = total[d] > 0 && scores[d] > 0 ? total[d] + scores[d] : 0;
      }
    });
    // The best SHOWN are picked in one pass and come first, in order;
    // the rest follow in document order, sorted only when asked for
    // (byRank): ten thousand hits sort in tens of milliseconds.
    var top = [];
    var rest = [];
    var kinds = self.man.kinds;
    var k = 0;
    var end = kinds.length ? kinds[0].n : 0;
    for (var d = 0; d < n; d++) {
      while (d >= end && k + 1 < kinds.length) {
        k++;
        end += kinds[k].n;
      }
      if (total[d] > 0) {
        var h = { doc: d, kind: kinds[k].kind, score: total[d] };
        if (top.length === SHOWN && byRank(top[SHOWN - 1], h) <= 0) {
          rest.push(h);
          continue;
        }
        var at = top.length;
        while (at > 0 && byRank(top[at - 1], h) > 0) {
          at--;
        }
        top.splice(at, 0, h);
        if (top.length > SHOWN) {
          rest.push(top.pop());
        }
      }
    }
    return top.concat(rest);
  };

  // byRank orders hits best first: by score, then by document.
  function byRank(a, b) {
    return b.score - a.score || a.doc - b.doc;
  }

  Searcher.prototype.kindOf = function (doc) {
    var ks = this.man.kinds;
    for (var i = 0; i < ks.length; i++) {
      if (doc < ks[i].n) {
        return ks[i].kind;
      }
      doc -= ks[i].n;
    }
    return "";
  };

  // records resolves once each hit has its record (title, url, text,
  // body, headings), fetched with its chunk.
  Searcher.prototype.records = function (hits) {
    var self = this;
    return Promise.all(hits.map(function (h) {
      var lo = 0;
      var hi = self.chunkEnd.length;
      while (lo < hi) {
        var mid = (lo + hi) >> 1;
        if (self.chunkEnd[mid] > h.doc) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      var first = self.chunkEnd[lo] - self.man.chunks[lo];
      return self.fetch(self.file("d", lo)).then(function (recs) {
        h.record = recs[h.doc - first];
        return h;
      });
    }));
  };

  // matcher returns a test for folded words: one of the query's words, or
  // a word that starts with the last when it is still being typed.
  function matcher(query) {
    var words = tokens(query);
    var set = new Set(words);
    var stem = endsInWord(query) && words.length > 0 ? words[words.length - 1] : null;
    return function (t) {
      return set.has(t) || (stem !== null && t.startsWith(stem));
    };
  }

  var api = { tokens: tokens, fold: fold, compare: compare, matcher: matcher, byRank: byRank, Searcher: Searcher, BUDGET: BUDGET, SHOWN: SHOWN };
  if (typeof module === "object" && module.exports) {
    module.exports = api;
    return;
  }

  // The page.
  var form = document.querySelector(".search-form");
  var input = document.getElementById("search-q");
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var all = document.getElementById("search-all");
  var strings = document.getElementById("search-strings");
  if (!form || !input || !results || !status || !all || !strings || !window.fetch || !window.Promise) {
    return;
  }
  var words = {};
  Array.prototype.forEach.call(strings.content.querySelectorAll("[data-key]"), function (el) {
    words[el.getAttribute("data-key")] = el.textContent;
  });
  function say(key, args) {
    return (words[key] || key).replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(args || {}, name) ? String(args[name]) : all;
    });
  }

  // marked appends text to parent with the words match accepts in <mark>.
  function marked(parent, text, match) {
    var at = 0;
    text.replace(WORD, function (w, offset) {
      if (match(fold(w))) {
        parent.appendChild(document.createTextNode(text.slice(at, offset)));
        var m = document.createElement("mark");
        m.textContent = w;
        parent.appendChild(m);
        at = offset + w.length;
      }
      return w;
    });
    parent.appendChild(document.createTextNode(text.slice(at)));
  }

  // excerpt returns about 30 words of text around the first word match
  // accepts, or "" when none does.
  function excerpt(text, match) {
    var found = -1;
    var spans = [];
    text.replace(WORD, function (w, offset) {
      spans.push(offset);
      if (found < 0 && match(fold(w))) {
        found = spans.length - 1;
      }
      return w;
    });
    if (found < 0) {
      return "";
    }
    var from = Math.max(0, found - 10);
    var to = Math.min(spans.length, found + 20);
    var s = text.slice(spans[from], to < spans.length ? spans[to] : text.length).trim();
    return (from > 0 ? "… " : "") + s + (to < spans.length ? " …" : "");
  }

  // heading returns the first heading of rec whose words match accepts.
  function heading(rec, match) {
    var hs = rec.h || [];
    for (var i = 0; i < hs.length; i++) {
      if (tokens(hs[i][1]).some(match)) {
        return hs[i];
      }
    }
    return null;
  }

  function item(h, match) {
    var rec = h.record;
    var li = document.createElement("li");
    var a = document.createElement("a");
    var head = heading(rec, match);
    a.href = head ? rec.u + "#" + head[0] : rec.u;
    marked(a, rec.t, match);
    li.appendChild(a);
    if (rec.st === "disputed" || rec.st === "unverified") {
      var st = document.createElement("span");
      st.className = "meta search-status-label";
      st.textContent = " " + (words["status." + rec.st] || rec.st);
      li.appendChild(st);
    }
    if (rec.s) {
      var p = document.createElement("p");
      marked(p, rec.s, match);
      li.appendChild(p);
    }
    var ex = rec.b ? excerpt(rec.b, match) : "";
    if (head || ex) {
      var q = document.createElement("p");
      q.className = "search-excerpt";
      if (head) {
        var where = document.createElement("span");
        where.className = "meta";
        where.textContent = say("in", { heading: head[1] }) + " ";
        q.appendChild(where);
      }
      if (ex) {
        marked(q, ex, match);
      }
      li.appendChild(q);
    }
    return li;
  }

  var searcher = null;
  var serial = 0;

  // show runs the query in the box and shows its results, grouped by
  // kind: the best SHOWN first, more of a kind on request.
  function show() {
    var query = input.value.trim() ? input.value : "";
    var mine = ++serial;
    // The address keeps the query, so a reload or a shared link shows
    // the same results.
    if (window.history && window.history.replaceState) {
      var url = new URL(window.location.href);
      if (query) {
        url.searchParams.set("q", query);
      } else {
        url.searchParams.delete("q");
      }
      window.history.replaceState(null, "", url.href);
    }
    if (!tokens(query).length) {
      results.textContent = "";
      results.hidden = true;
      all.hidden = false;
      status.textContent = "";
      return;
    }
    var match = matcher(query);
    // Hide the full list now, while the index files download: on a large
    // site it is tens of thousands of links, and hiding it takes a while.
    all.hidden = true;
    searcher.find(query).then(function (hits) {
      var first = hits.slice(0, SHOWN);
      return searcher.records(first).then(function () { return hits; });
    }).then(function (hits) {
      if (mine !== serial) {
        return;
      }
      results.textContent = "";
      all.hidden = true;
      if (hits.length === 0) {
        results.hidden = true;
        status.textContent = say("nothing", { query: query.trim() });
        return;
      }
      status.textContent = say("found", { query: query.trim(), n: hits.length });
      var shown = new Set(hits.slice(0, SHOWN));
      searcher.man.kinds.forEach(function (k) {
        var ofKind = hits.filter(function (h) { return h.kind === k.kind; });
        if (ofKind.length === 0) {
          return;
        }
        var section = document.createElement("section");
        var h2 = document.createElement("h2");
        h2.id = "search-group-" + k.kind;
        h2.textContent = say("kind." + k.kind) + " ";
        var count = document.createElement("span");
        count.className = "meta";
        count.textContent = "(" + ofKind.length + ")";
        h2.appendChild(count);
        section.setAttribute("aria-labelledby", h2.id);
        section.appendChild(h2);
        var ol = document.createElement("ol");
        ol.className = "list search-results";
        section.appendChild(ol);
        var next = 0;
        function more(list) {
          list.forEach(function (h) { ol.appendChild(item(h, match)); });
          next += list.length;
        }
        more(ofKind.filter(function (h) { return shown.has(h); }));
        if (next < ofKind.length) {
          var button = document.createElement("button");
          button.type = "button";
          button.className = "search-more";
          button.textContent = say("more");
          button.setAttribute("aria-describedby", h2.id);
          button.addEventListener("click", function () {
            if (!ofKind.sorted) {
              ofKind.sort(byRank);
              ofKind.sorted = true;
            }
            var rest = ofKind.filter(function (h) { return !h.record; }).slice(0, SHOWN);
            searcher.records(rest).then(function () {
              ol.textContent = "";
              next = 0;
              more(ofKind.filter(function (h) { return h.record; }));
              button.hidden = next >= ofKind.length;
            });
          });
          section.appendChild(button);
        }
        results.appendChild(section);
      });
      results.hidden = false;
    }).catch(function () {
      if (mine === serial) {
        // The index is out of reach: keep the full list, which needs none.
        all.hidden = false;
        results.hidden = true;
      }
    });
  }

  function get(url) {
    // The manifest is revalidated every time (cache: "no-cache"), so it
    // always names the files of the build being served; those have the
    // build's version in their path and never change.
    var init = url === form.getAttribute("data-index") ? { cache: "no-cache" } : {};
    return fetch(url, init).then(function (r) {
      if (!r.ok) {
        throw new Error(r.status);
      }
      return r.arrayBuffer();
    }).then(function (buf) {
      return { text: new TextDecoder().decode(buf), bytes: buf.byteLength };
    });
  }

  new Searcher(form.getAttribute("data-index"), get).open().then(function (s) {
    searcher = s;
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
  }).catch(function () {
    // Keep the full list: it works without the index.
  });
})();
