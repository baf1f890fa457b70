/* Kennisbank goede praktijken: the site's search (the header box on every page and the search
 * page praktijken/), on Pagefind.
 *
 * Plain JavaScript, no build step. Pagefind's index is static and chunked: nothing of it is
 * downloaded until someone searches (the header box loads Pagefind when it gets focus, the search
 * page when its address holds a search). Values from the index are never inserted as HTML: text
 * goes in through textContent; Pagefind's excerpts are parsed in an inert document and only their
 * text and <mark> elements are copied.
 *
 * The search page keeps its whole state in the address (q, regio, thema, jaar, status, sort), so a
 * search can be shared and bookmarked. Contract for tests outside the repository: the result list
 * is #zoekresultaten with data-status "bezig" while searching and "klaar" when shown; a spelling
 * suggestion is the text of #zoeksuggestie.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  // The site root: this file is <root>/assets/zoeken.js (works on a sub-path too).
  var ROOT = new URL("../", script ? script.src : window.location.href);
  var PAGE_SIZE = 10;
  var QUICK_RESULTS = 5;
  // Sort orders: the result ids (Pagefind's page ids) in that order, a file per sort written at
  // build time (build_tools/site_search.py), downloaded only when someone sorts. Not Pagefind's
  // own sort keys: those sit in the metadata file every first query downloads (67 kB at 10,000
  // practices).
  var SORTS = { nieuwste: "volgorde-nieuwste.json", titel: "volgorde-titel.json" };
  var FACETS = ["regio", "thema", "jaar", "status"];
  // Every filter: the facets (with counts) and the organisation (a name typed or chosen from a
  // list; no counts: at 10,000 practices there are thousands of organisations).
  var FILTERS = FACETS.concat(["organisatie"]);
  var MULTI = { regio: true, thema: true };
  // A filter on every facet key, for preload(): it makes Pagefind load those filter chunks.
  var FACET_CHUNKS = { regio: { any: [] }, thema: { any: [] }, jaar: { any: [] }, status: { any: [] } };

  // --- Pagefind, loaded once, on first use -----------------------------------------------------
  var pagefindPromise = null;

  // Pagefind searches in its Web Worker (12 kB more on the first query): a search that matches
  // thousands of practices takes Pagefind tens of milliseconds, and the page keeps responding
  // to typing meanwhile. A large site has several indexes, merged into every search with
  // Pagefind's mergeIndex; pagefind/delen.json lists the others and the ids of their word
  // lists, records that are never a result (see build_tools/site_search.py).
  function pagefind() {
    if (!pagefindPromise) {
      var options = { baseUrl: ROOT.pathname, excerptLength: 26 };
      var parts = fetch(new URL("pagefind/delen.json", ROOT).href).then(function (r) {
        return r.ok ? r.json() : null;
      }).catch(function () { return null; });
      pagefindPromise = Promise.all([import(new URL("pagefind/pagefind.js", ROOT).href), parts]).then(function (loaded) {
        var pf = loaded[0];
        var list = loaded[1] || {};
        var others = Array.isArray(list.delen) ? list.delen : [];
        var skip = new Set(Array.isArray(list.weglaten) ? list.weglaten : []);
        return pf.options(options).then(function () {
          return Promise.all(others.map(function (part) {
            return pf.mergeIndex(new URL(part, ROOT).pathname, options);
          }));
        }).then(function () {
          return {
            init: pf.init,
            preload: pf.preload,
            filters: pf.filters,
            search: function (term, searchOptions) {
              return pf.search(term, searchOptions).then(function (found) {
                if (found && skip.size) {
                  found.results = found.results.filter(function (r) { return !skip.has(r.id); });
                }
                return found;
              });
            }
          };
        });
      });
    }
    return pagefindPromise;
  }

  // While the visitor types (after the field got focus, see warmUp), the index chunks of the
  // words typed so far load, as Pagefind's own debouncedSearch does: by the pause that starts
  // the search they are mostly there. From five letters on: a chunk holds a range of words, and
  // the chunk of "werkg" is mostly that of "werkgevers", while "werk" can sit in another one
  // (at 10,000 practices that was 66 kB more for "werkgevers"; see BENCHMARKS.md).
  function preloadTyped(text) {
    var words = text.trim().split(/\s+/);
    if (pagefindPromise && words[words.length - 1].length >= 5) {
      pagefindPromise.then(function (pf) { return pf.preload(text.trim()); }).catch(function () { return null; });
    }
  }

  // Called when a search field gets focus: Pagefind and its fixed part (the WebAssembly module
  // and the metadata) and the region names load while the visitor types, not after.
  function warmUp() {
    pagefind().then(function (pf) { return pf.init(); }).catch(function () { return null; });
    loadJson("regio-aliassen.json").catch(function () { return null; });
  }

  // --- small helpers ---------------------------------------------------------------------------
  function fold(text) {
    return (text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function words(text) {
    return fold(text).match(/[a-z0-9]+/g) || [];
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  // Pagefind's excerpt (entities encoded, matched words in <mark>) rebuilt from text nodes.
  function excerptNodes(html) {
    var doc = new DOMParser().parseFromString("<p>" + (html || "") + "</p>", "text/html");
    var out = document.createDocumentFragment();
    doc.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeType === 1 && node.tagName === "MARK") {
        out.appendChild(el("mark", null, node.textContent));
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  // The practice's slug from a result URL (…/praktijken/<slug>/).
  function resultHref(url) {
    return new URL(url, window.location.origin).href;
  }

  // --- data written at build time (downloaded only when needed) --------------------------------
  var jsonCache = {};

  function loadJson(name) {
    if (!jsonCache[name]) {
      jsonCache[name] = fetch(new URL("praktijken/" + name, ROOT).href).then(function (r) {
        if (!r.ok) {
          throw new Error(name + ": HTTP " + r.status);
        }
        return r.json();
      });
    }
    return jsonCache[name];
  }

  // Region names and aliases typed in the text field: {"eindhoven": ["zuidoost-brabant", "Zuidoost-Brabant"]}.
  // Longest spellings first, so "rijk van nijmegen" wins over "nijmegen".
  function findRegions(query, aliases) {
    var text = " " + words(query).join(" ") + " ";
    var found = [];
    Object.keys(aliases).sort(function (a, b) { return b.length - a.length; }).forEach(function (spelling) {
      var needle = " " + spelling + " ";
      if (text.indexOf(needle) !== -1) {
        text = text.replace(needle, " ");
        found.push({ spelling: spelling, slug: aliases[spelling][0], name: aliases[spelling][1] });
      }
    });
    return { rest: text.trim(), regions: found };
  }

  // "Bedoelde je …?": the closest word of the practices for each query word that is not one of them.
  function editDistance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) {
      return max + 1;
    }
    var prev2 = null;
    var prev = [];
    var i;
    var j;
    for (j = 0; j <= b.length; j++) {
      prev.push(j);
    }
    for (i = 1; i <= a.length; i++) {
      var cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          v = Math.min(v, prev2[j - 2] + 1); // a swap of two letters counts as one edit
        }
        cur.push(v);
        best = Math.min(best, v);
      }
      if (best > max) {
        return max + 1;
      }
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  function suggest(query, list) {
    // list.woorden: the words of the practices, most frequent first
    var known = {};
    var folded = list.woorden.map(function (w) {
      var f = fold(w);
      known[f] = true;
      return f;
    });
    var changed = false;
    var out = query.split(/\s+/).filter(Boolean).map(function (raw) {
      var w = fold(raw).replace(/[^a-z0-9]/g, "");
      if (w.length < 4 || known[w] || /\d/.test(w)) {
        return raw;
      }
      var max = w.length < 7 ? 1 : 2;
      var best = null;
      var bestD = max + 1;
      for (var k = 0; k < folded.length && bestD > 1; k++) {
        var d = editDistance(w, folded[k], max);
        if (d < bestD) {
          bestD = d;
          best = list.woorden[k];
        }
      }
      if (best) {
        changed = true;
        return best;
      }
      return raw;
    });
    return changed ? out.join(" ") : null;
  }

  // --- the header box: quick results while typing, Enter opens the search page ------------------
  function initHeader() {
    var form = document.getElementById("kb-kopzoek");
    if (!form || form.dataset.kbReady) {
      return;
    }
    form.dataset.kbReady = "1";
    var input = form.querySelector("input[name=q]");
    var list = document.getElementById("kb-kopzoek-lijst");
    var status = document.getElementById("kb-kopzoek-status");
    var options = [];
    var active = -1;
    var timer = null;
    var latest = 0;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function setActive(index) {
      options.forEach(function (o, i) {
        o.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    // Options hold text only (an option's children are presentational); a click or Enter opens it.
    function option(id, href, title, meta) {
      var li = el("li", "kb-kopzoek__optie");
      li.id = id;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.setAttribute("data-href", href);
      li.appendChild(el("span", "kb-kopzoek__titel", title));
      if (meta) {
        li.appendChild(el("span", "kb-kopzoek__meta", meta));
      }
      li.addEventListener("mousedown", function (event) { event.preventDefault(); });
      li.addEventListener("click", function () { window.location.href = href; });
      list.appendChild(li);
      options.push(li);
    }

    function show(results, total, query) {
      list.textContent = "";
      options = [];
      results.forEach(function (r, i) {
        option("kb-kopzoek-optie-" + i, resultHref(r.url), r.meta.title,
          [r.meta.regio, r.meta.jaar].filter(Boolean).join(" · "));
      });
      option("kb-kopzoek-optie-alle", searchPageUrl(query), total
        ? "Alle " + plural(total, "resultaat", "resultaten") + " voor “" + query + "”"
        : "Zoeken naar “" + query + "” op de zoekpagina", null);
      list.lastChild.classList.add("kb-kopzoek__alle");
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
      status.textContent = total ? plural(total, "praktijk", "praktijken") + " gevonden; kies met de pijltjestoetsen"
        : "Geen praktijken gevonden";
    }

    function searchPageUrl(query) {
      var url = new URL("praktijken/", ROOT);
      if (query) {
        url.searchParams.set("q", query);
      }
      return url.href;
    }

    function run() {
      var query = input.value.trim();
      var ticket = ++latest;
      if (!query) {
        close();
        status.textContent = "";
        return;
      }
      // A region or place name in the query filters on that region, as on the search page
      // ("jongeren eindhoven": "jongeren" in Zuidoost-Brabant).
      var aliases = loadJson("regio-aliassen.json").catch(function () { return {}; });
      Promise.all([pagefind(), aliases]).then(function (loaded) {
        var found = findRegions(query, loaded[1]);
        var regions = found.regions.map(function (f) { return f.slug; });
        if (!regions.length) {
          return loaded[0].search(query);
        }
        return loaded[0].search(found.rest || null, { filters: { regio: { any: regions } } });
      }).then(function (search) {
        if (ticket !== latest || !search) {
          return null;
        }
        return Promise.all(search.results.slice(0, QUICK_RESULTS).map(function (r) { return r.data(); }))
          .then(function (data) {
            if (ticket === latest) {
              show(data, search.results.length, query);
            }
          });
      }).catch(function (err) {
        status.textContent = "Zoeken lukt nu niet.";
        if (window.console) {
          window.console.warn(err);
        }
      });
    }

    input.addEventListener("focus", warmUp);
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      preloadTyped(input.value);
      timer = window.setTimeout(run, 120);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && options.length && !list.hidden) {
        event.preventDefault();
        setActive((active + 1) % options.length);
      } else if (event.key === "ArrowUp" && options.length && !list.hidden) {
        event.preventDefault();
        setActive(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === "Escape") {
        if (!list.hidden) {
          event.preventDefault();
          close();
        } else {
          input.value = "";
        }
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.href = options[active].getAttribute("data-href");
      }
    });
    form.addEventListener("focusout", function (event) {
      if (!form.contains(event.relatedTarget)) {
        window.setTimeout(close, 150);
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.location.href = searchPageUrl(input.value.trim());
    });
  }

  // --- the search page ---------------------------------------------------------------------------
  function initPage() {
    var form = document.getElementById("kb-zoek");
    var results = document.getElementById("zoekresultaten");
    if (!form || !results || form.dataset.kbReady) {
      return;
    }
    form.dataset.kbReady = "1";
    var q = document.getElementById("kb-zoek-q");
    var count = document.getElementById("kb-zoek-aantal");
    var note = document.getElementById("kb-zoek-melding");
    var suggestion = document.getElementById("zoeksuggestie");
    var aliasNote = document.getElementById("kb-zoek-regionoot");
    var help = document.getElementById("kb-zoek-hulp");
    var more = document.getElementById("kb-zoek-meer");
    var staticParts = Array.prototype.slice.call(document.querySelectorAll("[data-kb-zonder-zoekopdracht]"));
    var staticItems = Array.prototype.slice.call(results.children);
    var staticCount = count.textContent;
    var sortSelect = document.getElementById("kb-zoek-sort");
    var orgInput = document.getElementById("kb-zoek-organisatie");
    var orgList = document.getElementById("kb-zoek-organisaties");
    var known = {};
    FACETS.concat(["sort"]).forEach(function (name) { known[name] = {}; });
    form.querySelectorAll("input[name], option").forEach(function (control) {
      var name = control.tagName === "OPTION" ? control.parentNode.name : control.name;
      if (known[name] && control.value) {
        known[name][control.value] = control;
      }
    });
    var latest = 0;
    var shown = [];
    var current = null; // the state last searched
    var countsWanted = false; // set once the visitor goes to the filters
    var ignoreRegions = false; // "zoek letterlijk": the words stay text, not a region filter

    function readState() {
      var params = new URLSearchParams(window.location.search);
      var state = { q: (params.get("q") || "").trim(), regio: [], thema: [], jaar: "", status: "", sort: "",
        organisatie: (params.get("organisatie") || "").trim() };
      var unknown = [];
      FACETS.concat(["sort"]).forEach(function (name) {
        params.getAll(name).forEach(function (value) {
          if (!value) {
            return;
          }
          if (!known[name][value]) {
            unknown.push(name + "=" + value);
          } else if (MULTI[name]) {
            if (state[name].indexOf(value) === -1) {
              state[name].push(value);
            }
          } else {
            state[name] = value;
          }
        });
      });
      ignoreRegions = params.get("letterlijk") === "1";
      return { state: state, unknown: unknown };
    }

    function formState() {
      var state = { q: q.value.trim(), regio: [], thema: [], jaar: "", status: "", sort: sortSelect.value,
        organisatie: orgInput.value.trim() };
      form.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
        state[box.name].push(box.value);
      });
      state.jaar = form.querySelector("[name=jaar]").value;
      state.status = form.querySelector("[name=status]").value;
      return state;
    }

    function writeForm(state) {
      q.value = state.q;
      form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        box.checked = state[box.name].indexOf(box.value) !== -1;
      });
      form.querySelector("[name=jaar]").value = state.jaar;
      form.querySelector("[name=status]").value = state.status;
      sortSelect.value = state.sort;
      orgInput.value = state.organisatie;
      updateChosen(state);
    }

    function queryString(state, extra) {
      var params = new URLSearchParams();
      if (state.q) {
        params.set("q", state.q);
      }
      ["regio", "thema"].forEach(function (name) {
        state[name].forEach(function (v) { params.append(name, v); });
      });
      ["organisatie", "jaar", "status", "sort"].forEach(function (name) {
        if (state[name]) {
          params.set(name, state[name]);
        }
      });
      if (extra) {
        Object.keys(extra).forEach(function (k) { params.set(k, extra[k]); });
      }
      var text = params.toString();
      return text ? "?" + text : "";
    }

    function isEmpty(state) {
      return !state.q && !hasFilter(state, []) && !state.sort;
    }

    function updateChosen(state) {
      form.querySelectorAll("details[data-facet]").forEach(function (details) {
        var chosen = details.querySelector(".kb-facet__gekozen");
        var n = state[details.getAttribute("data-facet")].length;
        chosen.textContent = n ? "(" + n + " gekozen)" : "";
      });
    }

    function filtersFor(state, regions, without) {
      var filters = {};
      var regio = state.regio.concat(regions.filter(function (r) { return state.regio.indexOf(r) === -1; }));
      if (without !== "regio" && regio.length) {
        filters.regio = { any: regio };
      }
      if (without !== "thema" && state.thema.length) {
        filters.thema = { any: state.thema };
      }
      if (without !== "jaar" && state.jaar) {
        filters.jaar = state.jaar;
      }
      if (without !== "status" && state.status) {
        filters.status = state.status;
      }
      if (without !== "organisatie" && state.organisatie) {
        filters.organisatie = state.organisatie;
      }
      return filters;
    }

    // A filter option's count; an option that would give nothing is disabled unless chosen.
    function setCount(node, n, disable) {
      var control = node.tagName === "OPTION" ? node : node.querySelector("input");
      if (node.tagName === "OPTION") {
        node.textContent = node.getAttribute("data-label") + " (" + n + ")";
      } else {
        node.querySelector("[data-n]").textContent = "(" + n + ")";
      }
      control.disabled = disable && n === 0 && !(control.checked || control.selected);
    }

    function setCounts(facet, counts) {
      form.querySelectorAll("[data-facet-name=" + facet + "]").forEach(function (node) {
        setCount(node, (counts && counts[node.getAttribute("data-facet-value")]) || 0, true);
      });
    }

    // Before the counts for this search are known, the options show none (never stale ones).
    function clearCounts() {
      form.querySelectorAll("[data-facet-name]").forEach(function (node) {
        if (node.tagName === "OPTION") {
          node.textContent = node.getAttribute("data-label");
        } else {
          node.querySelector("[data-n]").textContent = "";
        }
      });
    }

    function hasFilter(state, regions) {
      return !!(state.regio.length || regions.length || state.thema.length || state.jaar || state.status
        || state.organisatie);
    }

    function restoreStatic() {
      results.textContent = "";
      staticItems.forEach(function (item) { results.appendChild(item); });
      staticParts.forEach(function (p) { p.hidden = false; });
      count.textContent = staticCount;
      help.hidden = true;
      more.hidden = true;
      suggestion.textContent = "";
      suggestion.hidden = true;
      aliasNote.hidden = true;
      form.querySelectorAll("[data-facet-name]").forEach(function (node) {
        setCount(node, Number(node.getAttribute("data-n0")), false);
      });
      results.setAttribute("data-status", "klaar");
    }

    function resultItem(r) {
      var li = el("li", "kb-resultaat");
      var h = el("h2", "kb-resultaat__titel");
      var a = el("a", null, r.meta.title);
      a.href = resultHref(r.url);
      h.appendChild(a);
      li.appendChild(h);
      var meta = [r.meta.regio, r.meta.thema, r.meta.jaar].filter(Boolean).join(" · ");
      li.appendChild(el("p", "kb-resultaat__meta", meta));
      var p = el("p", "kb-resultaat__fragment");
      p.appendChild(excerptNodes(r.excerpt));
      li.appendChild(p);
      return li;
    }

    // Shows a batch of results, unless a newer search (ticket) has taken the list over while the
    // batch's data was loading: then nothing is added, so no result shows twice.
    function appendResults(batch, ticket) {
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (data) {
        if (ticket !== latest) {
          return null;
        }
        data.forEach(function (d) { results.appendChild(resultItem(d)); });
        return data;
      });
    }

    // The results in a sort order (order.ids: every practice's result id in that order); results
    // the order does not know (a site built in between) go last, by relevance.
    var ranks = new WeakMap(); // order file -> Map(result id -> place), made once per file

    function sorted(found, order) {
      if (!order) {
        return found;
      }
      var rank = ranks.get(order);
      if (!rank) {
        rank = new Map();
        order.ids.forEach(function (id, i) { rank.set(id, i); });
        ranks.set(order, rank);
      }
      var last = order.ids.length;
      return found.map(function (r, i) { return { r: r, i: i, k: rank.has(r.id) ? rank.get(r.id) : last }; })
        .sort(function (a, b) { return a.k - b.k || a.i - b.i; })
        .map(function (x) { return x.r; });
    }

    // The organisation name as the index has it ("" when no practice has it; the name itself
    // while the index's organisation list is not known).
    function knownOrganisation(name, totals) {
      var names = totals && totals.organisatie;
      if (!name || !names || Object.prototype.hasOwnProperty.call(names, name)) {
        return name;
      }
      var wanted = fold(name).replace(/\s+/g, " ");
      return Object.keys(names).filter(function (k) { return fold(k).replace(/\s+/g, " ") === wanted; })[0] || "";
    }

    // The organisations to choose from (the field's list), loaded when the field gets focus.
    function fillOrganisations() {
      if (orgList.options.length) {
        return;
      }
      pagefind().then(function (pf) { return pf.filters(); }).then(function (filters) {
        if (orgList.options.length) {
          return;
        }
        Object.keys((filters && filters.organisatie) || {}).sort(function (a, b) { return a.localeCompare(b, "nl"); })
          .forEach(function (name) {
            var option = document.createElement("option");
            option.value = name;
            orgList.appendChild(option);
          });
      }).catch(function () { return null; });
    }

    function describe(state, n) {
      var text = plural(n, "praktijk", "praktijken") + " gevonden";
      if (state.q) {
        text += " voor “" + state.q + "”";
      }
      return text;
    }

    // The words of the query that none of the shown excerpts contain (probably misspelt).
    function missingWords(query, data) {
      var seen = words(data.map(function (d) { return d.excerpt + " " + d.meta.title; }).join(" "));
      return words(query).filter(function (w) {
        return w.length >= 4 && !seen.some(function (s) { return s.indexOf(w) === 0 || w.indexOf(s) === 0 && s.length >= 4; });
      });
    }

    function showSuggestion(state, text) {
      suggestion.textContent = "";
      if (!text || fold(text) === fold(state.q)) {
        suggestion.hidden = true;
        return;
      }
      suggestion.appendChild(document.createTextNode("Bedoelde je: "));
      var a = el("a", null, text);
      a.href = queryString(Object.assign({}, state, { q: text })) || "./";
      a.addEventListener("click", function (event) {
        event.preventDefault();
        navigate(Object.assign({}, state, { q: text }), true);
      });
      suggestion.appendChild(a);
      suggestion.appendChild(document.createTextNode("?"));
      suggestion.hidden = false;
    }

    function showAliasNote(state, found) {
      aliasNote.textContent = "";
      if (!found.length) {
        aliasNote.hidden = true;
        return;
      }
      var names = found.map(function (f) { return "“" + f.spelling + "” → " + f.name; }).join(", ");
      aliasNote.appendChild(document.createTextNode("Gezocht in de regio: " + names + ". "));
      var b = el("button", "kb-linkknop", "Zoek deze woorden als tekst");
      b.type = "button";
      b.addEventListener("click", function () {
        ignoreRegions = true;
        window.history.pushState(null, "", window.location.pathname + queryString(state, { letterlijk: "1" }));
        run(state);
      });
      aliasNote.appendChild(b);
      aliasNote.hidden = false;
    }

    function facetLabel(name, value) {
      var control = known[name] && known[name][value];
      if (!control) {
        return value;
      }
      var label = control.tagName === "OPTION" ? control : control.closest("label");
      return (label.getAttribute("data-label") || label.textContent).trim();
    }

    // Zero results: ways on (drop a filter, with its count; the Landelijk practices; contribute).
    function showHelp(pf, state, term, regions) {
      var list = help.querySelector("ul");
      list.textContent = "";
      var drops = [];
      FILTERS.forEach(function (name) {
        var values = MULTI[name] ? state[name] : (state[name] ? [state[name]] : []);
        if (!values.length) {
          return;
        }
        var without = Object.assign({}, state);
        without[name] = MULTI[name] ? [] : "";
        drops.push(pf.search(term, { filters: filtersFor(without, name === "regio" ? [] : regions) }).then(function (s) {
          return { name: name, values: values, state: without, n: s ? s.results.length : 0 };
        }));
      });
      if (term && hasFilter(state, regions)) {
        drops.push(pf.search(null, { filters: filtersFor(state, regions) }).then(function (s) {
          return { name: "q", values: [state.q], state: Object.assign({}, state, { q: "" }), n: s ? s.results.length : 0 };
        }));
      }
      return Promise.all(drops).then(function (options) {
        options.forEach(function (o) {
          var li = el("li");
          var labels = o.name === "q" ? ["de zoekwoorden “" + state.q + "”"]
            : o.values.map(function (v) { return facetLabel(o.name, v); });
          var a = el("a", null, "Zonder " + labels.join(" of ") + ": " + plural(o.n, "praktijk", "praktijken"));
          a.href = queryString(o.state) || "./";
          a.addEventListener("click", function (event) {
            event.preventDefault();
            navigate(o.state, true);
          });
          li.appendChild(a);
          list.appendChild(li);
        });
        help.hidden = false;
      });
    }

    function run(state) {
      var ticket = ++latest;
      current = state;
      updateChosen(state);
      if (isEmpty(state)) {
        restoreStatic();
        return Promise.resolve();
      }
      results.setAttribute("data-status", "bezig");
      results.setAttribute("aria-busy", "true");
      staticParts.forEach(function (p) { p.hidden = true; });
      var pfRef;
      var found = { rest: state.q, regions: [] };
      var aliases = state.q && !ignoreRegions ? loadJson("regio-aliassen.json").catch(function () { return {}; })
        : Promise.resolve({});
      return Promise.all([pagefind(), aliases]).then(function (loaded) {
        pfRef = loaded[0];
        if (state.q && !ignoreRegions) {
          found = findRegions(state.q, loaded[1]);
        }
        var regions = found.regions.map(function (f) { return f.slug; });
        var term = found.rest ? found.rest : (state.q && !found.regions.length ? state.q : null);
        var options = { filters: filtersFor(state, regions) };
        // without its order file (not found), a sorted search shows the results by relevance
        var order = SORTS[state.sort] ? loadJson(SORTS[state.sort]).catch(function () { return null; })
          : Promise.resolve(null);
        // Facet counts need the filter chunks of the four facets (their counts then come with
        // every search; not Pagefind's filters(), which also loads the large organisation
        // filter). They are loaded only when a filter is chosen or the visitor goes to the
        // filters, so a first query downloads only what its results need (see BENCHMARKS.md).
        var counting = countsWanted || hasFilter(state, regions);
        var facetChunks = counting ? pfRef.preload(term, { filters: FACET_CHUNKS }) : Promise.resolve();
        var searches = facetChunks.then(function () {
          var list = [pfRef.search(term, options)];
          // facet counts: for a facet with a choice, the counts without that facet's own choice
          FACETS.forEach(function (name) {
            var chosen = MULTI[name] ? state[name].length || (name === "regio" && regions.length) : state[name];
            list.push(chosen && counting ? pfRef.search(term, { filters: filtersFor(state, regions, name) }) : null);
          });
          list.push(order);
          return Promise.all(list);
        });
        return searches.then(function (all) {
          if (ticket !== latest) {
            return null;
          }
          var main = all[0];
          var organisation = knownOrganisation(state.organisatie, main.totalFilters);
          if (organisation !== state.organisatie) {
            // a name in another case or without its accents: the name as the practices write it;
            // a name no practice has: a visible note, and the search without it
            if (!organisation) {
              note.textContent = "Niet gebruikt (onbekende organisatie): " + state.organisatie + ".";
              note.hidden = false;
            }
            var fixed = Object.assign({}, state, { organisatie: organisation });
            window.history.replaceState(null, "", window.location.pathname + queryString(fixed,
              ignoreRegions ? { letterlijk: "1" } : null));
            writeForm(fixed);
            return run(fixed);
          }
          if (!counting) {
            clearCounts();
          }
          FACETS.forEach(function (name, i) {
            var counts = (all[i + 1] || main).filters;
            if (counts && counts[name]) {
              setCounts(name, counts[name]);
            }
          });
          shown = sorted(main.results, all[all.length - 1]);
          results.textContent = "";
          count.textContent = describe(state, shown.length);
          showAliasNote(state, found.regions);
          return appendResults(shown.slice(0, PAGE_SIZE), ticket).then(function (data) {
            if (ticket !== latest) {
              return null;
            }
            more.hidden = shown.length <= PAGE_SIZE;
            help.hidden = true;
            var waits = [];
            if (!shown.length) {
              waits.push(showHelp(pfRef, state, term, regions));
            }
            suggestion.hidden = true;
            suggestion.textContent = "";
            if (term && (shown.length < 3 || missingWords(term, data).length)) {
              waits.push(loadJson("zoekwoorden.json").then(function (list) {
                if (ticket === latest) {
                  showSuggestion(state, suggest(state.q, list));
                }
              }).catch(function () { return null; }));
            }
            return Promise.all(waits);
          });
        });
      }).catch(function (err) {
        count.textContent = "Zoeken lukt nu niet. Probeer het later opnieuw of gebruik de lijsten per regio en thema.";
        if (window.console) {
          window.console.warn(err);
        }
      }).then(function () {
        if (ticket === latest) {
          results.setAttribute("data-status", "klaar");
          results.removeAttribute("aria-busy");
        }
      });
    }

    function navigate(state, push) {
      ignoreRegions = false;
      var url = window.location.pathname + queryString(state);
      if (push) {
        window.history.pushState(null, "", url);
      } else {
        window.history.replaceState(null, "", url);
      }
      writeForm(state);
      return run(state);
    }

    form.querySelector(".kb-zoek__filters").addEventListener("focusin", function () {
      if (!countsWanted) {
        countsWanted = true;
        if (current && !isEmpty(current)) {
          run(current);
        }
      }
    });

    more.addEventListener("click", function () {
      var ticket = latest;
      var from = results.children.length;
      results.setAttribute("data-status", "bezig");
      appendResults(shown.slice(from, from + PAGE_SIZE), ticket).then(function () {
        if (ticket !== latest) {
          return;
        }
        results.setAttribute("data-status", "klaar");
        more.hidden = results.children.length >= shown.length;
        var first = results.children[from];
        if (first) {
          first.querySelector("a").focus();
        }
      });
    });

    var typing = null;
    q.addEventListener("input", function () {
      window.clearTimeout(typing);
      results.setAttribute("data-status", "bezig"); // a search is on its way
      preloadTyped(q.value);
      typing = window.setTimeout(function () { navigate(formState(), false); }, 100);
    });
    q.addEventListener("focus", warmUp);
    orgInput.addEventListener("focus", fillOrganisations);
    form.addEventListener("change", function (event) {
      if (event.target !== q) {
        navigate(formState(), true);
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(typing);
      navigate(formState(), true);
    });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { navigate(formState(), true); }, 0);
    });
    window.addEventListener("popstate", function () {
      var read = readState();
      writeForm(read.state);
      run(read.state);
    });

    var initial = readState();
    if (initial.unknown.length) {
      note.textContent = "Niet gebruikt (onbekende waarde): " + initial.unknown.join(", ") + ".";
      note.hidden = false;
    }
    writeForm(initial.state);
    form.hidden = false;
    if (!isEmpty(initial.state)) {
      // the address is cleaned of unknown values; the rest of the state stays as it was
      window.history.replaceState(null, "", window.location.pathname + queryString(initial.state,
        ignoreRegions ? { letterlijk: "1" } : null));
      run(initial.state);
    } else {
      results.setAttribute("data-status", "klaar");
    }
  }

  function init() {
    initHeader();
    initPage();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
