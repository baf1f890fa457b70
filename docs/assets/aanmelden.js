/* "Praktijk aanmelden": checks the form with the validator's rules and produces the practice file.
 *
 * Plain JavaScript, no build step, no server. The rules and vocabularies come from the
 * <script type="application/json" id="kb-vocab"> block that build_tools/form.py writes at build
 * time from build_tools/validate.py and the vocabulary files. Every text the contributor types
 * is written as a double-quoted YAML string with backslash, quote, newline and control
 * characters escaped, so no input can break the front matter.
 */
(function () {
  "use strict";

  var dataNode = document.getElementById("kb-vocab");
  var form = document.getElementById("kb-form");
  if (!dataNode || !form) return;
  var data = JSON.parse(dataNode.textContent);
  var rules = data.rules;
  var emailRe = new RegExp(rules.emailPattern);
  var slugRe = new RegExp(rules.slugPattern);
  // The validator's character rule (build_tools/textutil.py), not JavaScript's own idea of
  // white space: "u" makes a surrogate pair one character, so only lone surrogates match.
  var forbiddenRe = new RegExp("[" + rules.forbiddenChars + "]", "u");
  var spaceRunRe = new RegExp("[" + rules.whitespace + "]+", "u");
  var spaceCharRe = new RegExp("^[" + rules.whitespace + "]$", "u");

  // --- YAML ------------------------------------------------------------------------------
  function hex(code, width) {
    var s = code.toString(16).toUpperCase();
    while (s.length < width) s = "0" + s;
    return s;
  }

  /** A YAML double-quoted scalar for any string. */
  function yamlString(value) {
    var out = '"';
    for (var i = 0; i < value.length; i++) {
      var ch = value.charAt(i);
      var code = value.charCodeAt(i);
      if (ch === "\\") out += "\\\\";
      else if (ch === '"') out += '\\"';
      else if (ch === "\n") out += "\\n";
      else if (ch === "\r") out += "\\r";
      else if (ch === "\t") out += "\\t";
      else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) out += "\\x" + hex(code, 2);
      else if (code === 0x2028 || code === 0x2029 || code === 0xfeff || code === 0xfffe || code === 0xffff) {
        out += "\\u" + hex(code, 4);
      } else if (code >= 0xd800 && code <= 0xdbff) {
        var next = value.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) { out += ch + value.charAt(i + 1); i++; }
        else out += "\\uFFFD"; // a lone surrogate cannot be stored
      } else if (code >= 0xdc00 && code <= 0xdfff) out += "\\uFFFD";
      else out += ch;
    }
    return out + '"';
  }

  function yamlList(key, items, indent) {
    var pad = indent || "";
    return pad + key + ":\n" + items.map(function (item) { return pad + "  - " + yamlString(item) + "\n"; }).join("");
  }

  // --- text helpers mirroring build_tools/textutil.py and validate.py ---------------------
  /** Leading and trailing white space removed (the validator's white space, see above). */
  function trim(value) {
    var chars = Array.from(value);
    var start = 0;
    var end = chars.length;
    while (start < end && spaceCharRe.test(chars[start])) start++;
    while (end > start && spaceCharRe.test(chars[end - 1])) end--;
    return chars.slice(start, end).join("");
  }

  /** The validator's view of a text: whitespace collapsed when it spans lines, else trimmed. */
  function cleanText(value) {
    if (value.indexOf("\n") >= 0) return value.split(spaceRunRe).filter(Boolean).join(" ");
    return trim(value);
  }

  /** The validator's message for a forbidden character in a value, or null. */
  function forbiddenProblem(value) {
    var match = forbiddenRe.exec(value);
    if (!match) return null;
    var code = match[0].codePointAt(0).toString(16).toUpperCase();
    while (code.length < 4) code = "0" + code;
    return "bevat een teken dat niet is toegestaan (U+" + code + ", een onzichtbaar of ongeldig teken); verwijder het";
  }

  function slugify(text, maxLength) {
    maxLength = maxLength || rules.slugMax;
    var s = text.toLowerCase().replace(/\u00df/g, "ss").normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
    s = s.replace(/['\u2019]/g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    if (s.length > maxLength) {
      var cut = s.slice(0, maxLength);
      s = cut.indexOf("-") >= 0 ? cut.slice(0, cut.lastIndexOf("-")) : cut;
    }
    return s.replace(/^-+|-+$/g, "");
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  }

  // --- reading the form --------------------------------------------------------------------
  function el(id) { return document.getElementById(id); }
  function val(id) { return el(id).value; }
  function checked(name) {
    return Array.prototype.slice.call(form.querySelectorAll('input[name="' + name + '"]:checked'))
      .map(function (box) { return box.value; });
  }
  function lines(value, separator) {
    return value.split(separator).map(trim).filter(Boolean);
  }

  function readValues() {
    var body = {};
    rules.sections.forEach(function (heading) {
      body[heading] = trim(val("kb-body-" + heading.toLowerCase()).replace(/\r\n?/g, "\n"));
    });
    return {
      title: trim(val("kb-title")),
      description: trim(val("kb-description").replace(/\r\n?/g, "\n")),
      region: checked("kb-region"),
      themes: checked("kb-themes"),
      organisations: lines(val("kb-organisations"), /\r?\n/),
      year: trim(val("kb-year")),
      status: val("kb-status"),
      funding: trim(val("kb-funding")),
      contact: {
        name: trim(val("kb-contact-name")),
        organisation: trim(val("kb-contact-organisation")),
        email: trim(val("kb-contact-email")),
        phone: trim(val("kb-contact-phone"))
      },
      link: { title: trim(val("kb-link-title")), url: trim(val("kb-link-url")) },
      tags: lines(val("kb-tags"), ","),
      body: body,
      slug: trim(val("kb-slug")).replace(/\.md$/, "")
    };
  }

  // --- checks: the same rules, the same wording as kennisbank validate ----------------------
  function lengthProblem(value, bounds) {
    var n = Array.from(cleanText(value)).length; // code points, like Python's len()
    if (!n) return "is leeg";
    if (n < bounds[0] || n > bounds[1]) {
      return "moet " + bounds[0] + " tot " + bounds[1] + " tekens lang zijn (nu " + n + ")";
    }
    return null;
  }

  function isWebUrl(url) {
    if (!/^https?:\/\//i.test(url) || /\s/.test(url)) return false;
    try { return Boolean(new URL(url).host); } catch (e) { return false; }
  }

  /** field id -> message, for every problem. */
  function check(v) {
    var problems = {};
    var p;
    if ((p = lengthProblem(v.title, rules.title))) problems["kb-title"] = "Titel " + p + ".";
    if ((p = lengthProblem(v.description, rules.description))) problems["kb-description"] = "Samenvatting " + p + ".";
    if (!v.region.length) problems["kb-region"] = "Kies minstens één arbeidsmarktregio (of Landelijk).";
    if (!v.themes.length) problems["kb-themes"] = "Kies minstens één thema.";
    if (!v.organisations.length) problems["kb-organisations"] = "Noem minstens één organisatie.";
    var thisYear = new Date().getFullYear();
    if (!v.year) problems["kb-year"] = "Vul het startjaar in.";
    else if (!/^[0-9]{4}$/.test(v.year)) problems["kb-year"] = "Het startjaar moet een jaartal zijn, bijvoorbeeld 2018.";
    else if (+v.year < rules.minYear || +v.year > thisYear) {
      problems["kb-year"] = "Het startjaar " + v.year + " valt buiten " + rules.minYear + "–" + thisYear + ".";
    }
    if (v.status && rules.statuses.indexOf(v.status) < 0) problems["kb-status"] = "Kies een geldige status.";
    var c = v.contact;
    if ((c.organisation || c.email || c.phone) && !c.name) {
      problems["kb-contact-name"] = "Vul de naam van de contactpersoon in (verplicht bij contactgegevens).";
    }
    if (c.email && !emailRe.test(c.email)) problems["kb-contact-email"] = "'" + c.email + "' is geen geldig e-mailadres.";
    if (v.link.title && !v.link.url) problems["kb-link-url"] = "Vul ook het webadres in.";
    if (v.link.url && !v.link.title) problems["kb-link-title"] = "Vul ook de titel van de link in.";
    if (v.link.url && !isWebUrl(v.link.url)) {
      problems["kb-link-url"] = "'" + v.link.url + "' is geen geldig webadres; alleen http:// of https:// is toegestaan.";
    }
    if (v.organisations.length > rules.maxItems.organisations) {
      problems["kb-organisations"] = "Noem hooguit " + rules.maxItems.organisations + " organisaties (nu " + v.organisations.length + ").";
    }
    if (v.tags.length > rules.maxItems.tags) {
      problems["kb-tags"] = "Geef hooguit " + rules.maxItems.tags + " trefwoorden (nu " + v.tags.length + ").";
    }
    // Every text value: the validator refuses control characters and the like (one rule).
    var texts = [["kb-title", "Titel", [v.title]], ["kb-description", "Samenvatting", [v.description]],
      ["kb-organisations", "Organisatie", v.organisations], ["kb-funding", "Financiering", [v.funding]],
      ["kb-contact-name", "Naam", [c.name]], ["kb-contact-organisation", "Organisatie", [c.organisation]],
      ["kb-contact-email", "E-mailadres", [c.email]], ["kb-contact-phone", "Telefoonnummer", [c.phone]],
      ["kb-link-title", "Titel van de link", [v.link.title]], ["kb-link-url", "Webadres", [v.link.url]],
      ["kb-tags", "Trefwoord", v.tags]];
    texts.forEach(function (entry) {
      entry[2].forEach(function (text) {
        var problem = forbiddenProblem(text);
        if (problem && !problems[entry[0]]) problems[entry[0]] = entry[1] + " " + problem + ".";
      });
    });
    var hasBody = rules.sections.some(function (h) { return v.body[h]; });
    if (!hasBody) problems["kb-body"] = "Schrijf onder minstens één kopje iets over de praktijk.";
    if (!v.slug) problems["kb-slug"] = "Vul een bestandsnaam in.";
    else if (v.slug.length > rules.slugMax) {
      problems["kb-slug"] = "De bestandsnaam is " + v.slug.length + " tekens lang; maximaal " + rules.slugMax + ".";
    } else if (!slugRe.test(v.slug)) {
      problems["kb-slug"] = "Bestandsnaam '" + v.slug + "' is ongeldig: gebruik alleen kleine letters, cijfers en " +
        "enkele koppeltekens, bijvoorbeeld '" + (slugify(v.slug) || "mijn-praktijk") + "'.";
    }
    return problems;
  }

  // --- producing the file -------------------------------------------------------------------
  function practiceFile(v) {
    var y = "---\n";
    y += "title: " + yamlString(v.title) + "\n";
    y += "description: " + yamlString(v.description) + "\n";
    y += v.region.length === 1 ? "region: " + yamlString(v.region[0]) + "\n" : yamlList("region", v.region);
    y += yamlList("themes", v.themes);
    y += yamlList("organisations", v.organisations);
    y += "year: " + parseInt(v.year, 10) + "\n";
    if (v.status) y += "status: " + yamlString(v.status) + "\n";
    if (v.funding) y += "funding: " + yamlString(v.funding) + "\n";
    var c = v.contact;
    if (c.name) {
      y += "contact:\n";
      rules.contactFields.forEach(function (key) {
        if (c[key]) y += "  " + key + ": " + yamlString(c[key]) + "\n";
      });
    }
    if (v.link.title && v.link.url) {
      y += "links:\n  - title: " + yamlString(v.link.title) + "\n    url: " + yamlString(v.link.url) + "\n";
    }
    if (v.tags.length) y += yamlList("tags", v.tags);
    y += "date: " + today() + "\n";
    y += "---\n";
    var body = "";
    rules.sections.forEach(function (heading) {
      if (v.body[heading]) body += "\n## " + heading + "\n\n" + v.body[heading] + "\n";
    });
    return y + body;
  }

  function githubUrl(slug, text) {
    return data.newFileUrl + "?filename=" + encodeURIComponent(data.practicesDir + "/" + slug + ".md").replace(/%2F/g, "/") +
      "&value=" + encodeURIComponent(text);
  }

  // --- showing problems -----------------------------------------------------------------------
  var summary = el("kb-summary");
  var result = el("kb-result");
  var message = el("kb-message");

  function setError(id, text) {
    var target = el(id);
    var box = el(id + "-error");
    if (!target || !box) return;
    box.textContent = text || "";
    box.hidden = !text;
    var controls = target.matches("input, textarea, select") ? [target] :
      Array.prototype.slice.call(target.querySelectorAll("input, textarea"));
    controls.forEach(function (control) {
      if (text) control.setAttribute("aria-invalid", "true"); else control.removeAttribute("aria-invalid");
    });
    var field = target.closest(".kb-field, .kb-group, .kb-body");
    if (field) field.classList.toggle("kb-invalid", Boolean(text));
  }

  var ERROR_IDS = ["kb-title", "kb-description", "kb-region", "kb-themes", "kb-organisations", "kb-year",
    "kb-status", "kb-funding", "kb-contact-name", "kb-contact-organisation", "kb-contact-email", "kb-contact-phone",
    "kb-link-title", "kb-link-url", "kb-tags", "kb-body", "kb-slug"];

  function showProblems(problems, only) {
    ERROR_IDS.forEach(function (id) {
      if (!only || only.indexOf(id) >= 0) setError(id, problems[id]);
    });
  }

  function showSummary(problems) {
    var ids = ERROR_IDS.filter(function (id) { return problems[id]; });
    summary.textContent = "";
    if (!ids.length) { summary.hidden = true; return; }
    var title = document.createElement("p");
    title.className = "kb-summary-title";
    title.textContent = ids.length === 1 ? "Er is 1 ding om te verbeteren:" : "Er zijn " + ids.length + " dingen om te verbeteren:";
    summary.appendChild(title);
    var list = document.createElement("ul");
    ids.forEach(function (id) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + id;
      link.textContent = problems[id];
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var target = el(id);
        var focusable = target.matches("input, textarea, select") ? target :
          target.querySelector("input:not([data-kb-filter]), textarea");
        // Scroll the whole field (label and error too) into view; its scroll-margin-top keeps it
        // below the sticky header.
        var field = target.closest(".kb-field, .kb-group, .kb-body") || target;
        (focusable || target).focus({ preventScroll: true });
        field.scrollIntoView({ block: "start" });
      });
      item.appendChild(link);
      list.appendChild(item);
    });
    summary.appendChild(list);
    summary.hidden = false;
  }

  // --- wiring ----------------------------------------------------------------------------------
  var slugEdited = false;
  el("kb-title").addEventListener("input", function () {
    if (!slugEdited) el("kb-slug").value = slugify(val("kb-title"));
  });
  el("kb-slug").addEventListener("input", function () { slugEdited = val("kb-slug") !== ""; });

  // Check a field when leaving it. While a mouse button or finger is down the check waits until
  // it is released: an error appearing under the pointer would move the button being clicked.
  var touched = {};
  var pending = [];
  var pointerDown = false;
  function flush() {
    if (!pending.length) return;
    var ids = pending;
    pending = [];
    showProblems(check(readValues()), ids);
  }
  document.addEventListener("pointerdown", function () { pointerDown = true; }, true);
  document.addEventListener("pointerup", function () {
    pointerDown = false;
    setTimeout(flush, 0);
  }, true);
  document.addEventListener("pointercancel", function () { pointerDown = false; flush(); }, true);
  form.addEventListener("focusout", function (event) {
    if (event.target.hasAttribute("data-kb-filter")) return;
    var field = event.target.closest("[data-field], .kb-group, .kb-body");
    if (!field) return;
    var id = field.getAttribute("data-field") || field.id;
    if (id === "kb-contact" || id === "kb-link") id = event.target.id;
    touched[id] = true;
    var related = id === "kb-contact-organisation" || id === "kb-contact-phone" ? "kb-contact-name" : null;
    var ids = [id];
    if (related && touched[related]) ids.push(related);
    if (id === "kb-link-title") ids.push("kb-link-url");
    if (id === "kb-link-url") ids.push("kb-link-title");
    if (id === "kb-title" && !slugEdited) ids.push("kb-slug");
    ids.filter(function (i) { return touched[i] || i === id; }).forEach(function (i) {
      if (pending.indexOf(i) < 0) pending.push(i);
    });
    if (!pointerDown) flush();
  });
  form.addEventListener("change", function (event) {
    if (event.target.type === "checkbox") {
      var id = event.target.name;
      touched[id] = true;
      showProblems(check(readValues()), [id]);
    }
  });

  var currentText = "";
  var currentSlug = "";
  var currentTitle = "";

  // --- the routes: GitHub, e-mail, download, copy ---------------------------------------------
  // Browsers and GitHub refuse very long addresses; beyond this the file goes to GitHub as an upload.
  var GITHUB_URL_MAX = 7500;
  // Mail programs accept about 2,000 characters in a mailto: address; beyond it the file is attached.
  var MAILTO_MAX = 2000;

  function mailtoUrl(subject, body) {
    return "mailto:" + data.contactEmail + "?subject=" + encodeURIComponent(subject) +
      "&body=" + encodeURIComponent(body.replace(/\r?\n/g, "\r\n"));
  }

  /** The mailto: address with the file as its text, or (too long) with a note to attach the file. */
  function mailRoute(slug, title, text) {
    var subject = "Praktijk aanmelden: " + title;
    var full = mailtoUrl(subject, "Hierbij meld ik een praktijk aan voor de kennisbank.\n\n" + text);
    if (full.length <= MAILTO_MAX) return { url: full, attach: false };
    return {
      url: mailtoUrl(subject, "Hierbij meld ik een praktijk aan voor de kennisbank. Het bestand " + slug +
        ".md zit als bijlage bij dit bericht."),
      attach: true
    };
  }

  function showLong(prefix, isLong) {
    var shortText = el(prefix + "-short");
    var longText = el(prefix + "-long");
    if (shortText) shortText.hidden = isLong;
    if (longText) longText.hidden = !isLong;
  }

  function showRoutes() {
    Array.prototype.forEach.call(document.querySelectorAll(".kb-slug-file"), function (node) {
      node.textContent = currentSlug + ".md";
    });
    var github = el("kb-github");
    if (github) {
      var url = githubUrl(currentSlug, currentText);
      var tooLong = url.length > GITHUB_URL_MAX || !data.uploadUrl;
      github.href = tooLong && data.uploadUrl ? data.uploadUrl : url;
      github.textContent = tooLong ? "Upload het bestand op GitHub" : "Open als voorstel op GitHub";
      showLong("kb-github", tooLong);
    }
    var mail = el("kb-mail");
    if (mail) {
      var route = mailRoute(currentSlug, currentTitle, currentText);
      mail.href = route.url;
      showLong("kb-mail", route.attach);
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var values = readValues();
    var problems = check(values);
    ERROR_IDS.forEach(function (id) { touched[id] = true; });
    showProblems(problems);
    showSummary(problems);
    if (Object.keys(problems).length) {
      result.hidden = true;
      summary.focus();
      return;
    }
    currentText = practiceFile(values);
    currentSlug = values.slug;
    currentTitle = cleanText(values.title);
    el("kb-output").value = currentText;
    el("kb-filename").textContent = data.practicesDir + "/" + currentSlug + ".md";
    message.textContent = "";
    showRoutes();
    result.hidden = false;
    el("kb-result-title").focus();
  });

  /** The contributor sent the practice on its way: the draft is no longer needed. */
  function submitted() {
    draft.clear();
    dirty = false;
  }

  var githubLink = el("kb-github");
  if (githubLink) githubLink.addEventListener("click", submitted);
  var mailLink = el("kb-mail");
  if (mailLink) mailLink.addEventListener("click", submitted);

  function download() {
    var blob = new Blob([currentText], { type: "text/markdown;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = currentSlug + ".md";
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
    message.textContent = "Het bestand " + currentSlug + ".md is gedownload.";
    submitted();
  }
  Array.prototype.forEach.call(document.querySelectorAll(".kb-download"), function (button) {
    button.addEventListener("click", download);
  });

  el("kb-copy").addEventListener("click", function () {
    var output = el("kb-output");
    function fallback() {
      output.focus();
      output.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      message.textContent = ok ? "De tekst is gekopieerd." :
        "Kopiëren lukte niet automatisch: de tekst is geselecteerd, kopieer hem met Ctrl+C (of Cmd+C).";
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(currentText).then(function () {
        message.textContent = "De tekst is gekopieerd.";
      }, fallback);
    } else {
      fallback();
    }
  });

  // --- the region filter: narrow the checkboxes while typing (names and aliases) ---------------
  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, "");
  }
  var regionWords = {};
  data.regions.forEach(function (r) {
    regionWords[r.name] = [r.name].concat(r.aliases || []).map(fold);
  });
  Array.prototype.forEach.call(form.querySelectorAll("[data-kb-filter]"), function (box) {
    var group = el(box.getAttribute("data-kb-filter"));
    var status = el(box.id + "-status");
    var checks = Array.prototype.slice.call(group.querySelectorAll(".kb-check"));
    function apply() {
      var wanted = fold(box.value);
      var shown = 0;
      checks.forEach(function (item) {
        var input = item.querySelector("input");
        var words = regionWords[input.value] || [fold(input.value)];
        var ok = !wanted || input.checked || words.some(function (w) { return w.indexOf(wanted) >= 0; });
        item.hidden = !ok;
        if (ok) shown += 1;
      });
      status.textContent = !wanted ? "" : shown === 0 ? "Geen regio gevonden met '" + box.value.trim() + "'." :
        shown === 1 ? "1 regio gevonden." : shown + " regio's gevonden.";
    }
    box.addEventListener("input", apply);
    box.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      event.preventDefault(); // Enter in the filter must not make the file
      var visible = checks.filter(function (item) { return !item.hidden && !item.querySelector("input").checked; });
      if (visible.length === 1) visible[0].querySelector("input").click();
    });
  });

  // --- the draft: kept in this browser only, offered back on return ----------------------------
  var DRAFT_KEY = "kennisbank-aanmelden-concept";
  var draft = {
    controls: function () {
      return Array.prototype.slice.call(form.querySelectorAll("input, textarea, select"))
        .filter(function (c) { return c.id && !c.hasAttribute("data-kb-filter"); });
    },
    read: function () {
      try { return JSON.parse(window.localStorage.getItem(DRAFT_KEY) || "null"); } catch (e) { return null; }
    },
    save: function () {
      var fields = {};
      var filled = false;
      draft.controls().forEach(function (c) {
        if (c.type === "checkbox") { if (c.checked) { fields[c.id] = true; filled = true; } }
        else if (c.value) { fields[c.id] = c.value; filled = true; }
      });
      try {
        if (filled) {
          window.localStorage.setItem(DRAFT_KEY, JSON.stringify(
            { saved: new Date().toISOString(), slugEdited: slugEdited, fields: fields }));
        } else {
          window.localStorage.removeItem(DRAFT_KEY);
        }
      } catch (e) { /* storage full or switched off: the warning before leaving still protects the input */ }
    },
    clear: function () {
      try { window.localStorage.removeItem(DRAFT_KEY); } catch (e) { /* nothing stored */ }
    },
    restore: function (saved) {
      draft.controls().forEach(function (c) {
        var value = saved.fields[c.id];
        if (c.type === "checkbox") c.checked = value === true;
        else if (typeof value === "string") c.value = value;
      });
      slugEdited = Boolean(saved.slugEdited);
    }
  };

  var dirty = false;
  var offering = false; // while the draft is offered back, typing does not overwrite it
  var saveTimer = null;
  function changed() {
    dirty = true;
    if (offering) return;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(draft.save, 300);
  }
  form.addEventListener("input", function (event) {
    if (!event.target.hasAttribute("data-kb-filter")) changed();
  });
  form.addEventListener("change", function (event) {
    if (!event.target.hasAttribute("data-kb-filter")) changed();
  });
  window.addEventListener("beforeunload", function (event) {
    if (!dirty) return undefined;
    if (!offering) draft.save();
    event.preventDefault();
    event.returnValue = ""; // older browsers need a value to show their warning
    return "";
  });

  var saved = draft.read();
  var notice = el("kb-draft");
  if (saved && saved.fields && notice) {
    offering = true;
    var when = new Date(saved.saved);
    if (!isNaN(when.getTime())) {
      el("kb-draft-when").textContent = "Uw browser bewaarde op " + when.toLocaleDateString("nl-NL",
        { day: "numeric", month: "long" }) + " om " + when.toLocaleTimeString("nl-NL",
        { hour: "2-digit", minute: "2-digit" }) + " een concept.";
    }
    notice.hidden = false;
    el("kb-draft-restore").addEventListener("click", function () {
      draft.restore(saved);
      offering = false;
      notice.hidden = true;
      el("kb-title").focus();
    });
    el("kb-draft-discard").addEventListener("click", function () {
      draft.clear();
      offering = false;
      notice.hidden = true;
      if (dirty) draft.save();
      el("kb-title").focus();
    });
  }

  // The form works: show it (without JavaScript the <noscript> text explains the alternatives).
  form.hidden = false;

  // For tests and curious developers: the pure functions.
  window.kbAanmelden = { yamlString: yamlString, slugify: slugify, check: check, practiceFile: practiceFile,
    readValues: readValues, githubUrl: githubUrl, mailRoute: mailRoute, cleanText: cleanText };
})();
