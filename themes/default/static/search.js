// kensho site search: reads ?q=, looks the words up in the character-bigram index the
// build wrote under search/ (see src/search/index.rs for the format; this file follows
// Index::query there step by step), and lists what it found with the words marked.
// No server, no framework, no innerHTML: every piece of content is set as text.
(function () {
  'use strict';

  var form = document.getElementById('search-form');
  var input = document.getElementById('search-q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  // The links to the list pages: what the page offers without JavaScript, and beside an
  // empty query or one that found nothing.
  var lists = document.getElementById('search-lists');
  var listsNote = document.getElementById('search-lists-note');
  if (!form || !input || !status || !list) return;

  var root = list.getAttribute('data-root') || '';
  var base = root + 'search/';
  // Documents files fetched for one query at most; beyond that the query is too broad.
  var MAX_FILES = 24;
  var MAX_SHOWN = 100;
  var EXCERPT = 120;
  var BEFORE = 30;

  // --- normalisation (src/search/text.rs) ---
  var SPACE = /\p{White_Space}+/u;
  var BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
  function normalize(s) {
    return s.replace(BIDI, '').normalize('NFKC').split(SPACE).filter(Boolean).join(' ');
  }
  function fold(s) {
    var out = '';
    for (var c of s) {
      var l = c.toLowerCase();
      out += l.length === c.length && Array.from(l).length === 1 ? l : c;
    }
    return out;
  }
  function terms(q) {
    var seen = [];
    fold(normalize(q)).split(' ').forEach(function (t) {
      if (t && seen.indexOf(t) < 0) seen.push(t);
    });
    return seen;
  }
  // A word's forms (Index::query's alternatives): the word, then for each of the site's
  // other forms (meta.also, [search] words in site.toml) it holds, the word as the pages
  // write it.
  function alternatives(term, also) {
    var forms = [term];
    (also || []).forEach(function (o) {
      if (term.indexOf(o[0]) >= 0) {
        var form = term.split(o[0]).join(o[1]);
        if (forms.indexOf(form) < 0) forms.push(form);
      }
    });
    return forms;
  }
  function wordKeys(w) {
    var chars = Array.from(w);
    if (chars.length === 1) return [w];
    var keys = [];
    for (var i = 0; i + 1 < chars.length; i++) {
      var k = chars[i] + chars[i + 1];
      if (keys.indexOf(k) < 0) keys.push(k);
    }
    return keys;
  }

  // --- index files (src/search/index.rs) ---
  var encoder = new TextEncoder();
  function fnv1a(s) {
    var h = 0x811c9dc5;
    var bytes = encoder.encode(s);
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
  }
  var cache = new Map();
  function load(name) {
    if (!cache.has(name)) {
      cache.set(name, fetch(base + name).then(function (r) {
        if (!r.ok) throw new Error(name + ': ' + r.status);
        return r.json();
      }));
    }
    return cache.get(name);
  }
  function pad(n) {
    return String(n).padStart(3, '0');
  }
  function postings(meta, key) {
    var shard = fnv1a(key) & (meta.shards - 1);
    return load('shard-' + pad(shard) + '.json').then(function (s) {
      var d = Object.prototype.hasOwnProperty.call(s, key) ? s[key] : [];
      var ids = new Array(d.length);
      var id = 0;
      for (var i = 0; i < d.length; i++) ids[i] = id += d[i];
      return ids;
    });
  }
  function union(a, b) {
    var out = [];
    for (var i = 0, j = 0; i < a.length || j < b.length;) {
      if (j >= b.length || (i < a.length && a[i] < b[j])) out.push(a[i++]);
      else if (i >= a.length || b[j] < a[i]) out.push(b[j++]);
      else { out.push(a[i]); i++; j++; }
    }
    return out;
  }
  function intersect(a, b) {
    var out = [];
    for (var i = 0, j = 0; i < a.length && j < b.length;) {
      if (a[i] < b[j]) i++;
      else if (a[i] > b[j]) j++;
      else { out.push(a[i]); i++; j++; }
    }
    return out;
  }
  function fileOf(meta, id) {
    var lo = 0;
    var hi = meta.files.length - 2;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (meta.files[mid] <= id) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  function count(hay, w) {
    var n = 0;
    for (var i = hay.indexOf(w); i >= 0; i = hay.indexOf(w, i + w.length)) n++;
    return n;
  }

  // The documents a query finds, best first; partial when too many candidates to check.
  // A document is a candidate for a word when it holds every key of one of its forms.
  function search(terms_) {
    return load('meta.json').then(function (meta) {
      var words = terms_.map(function (t) { return alternatives(t, meta.also); });
      var keys = [];
      var formKeys = words.map(function (forms) {
        return forms.map(function (f) {
          var ks = wordKeys(f);
          ks.forEach(function (k) { if (keys.indexOf(k) < 0) keys.push(k); });
          return ks;
        });
      });
      return Promise.all(keys.map(function (k) { return postings(meta, k); })).then(function (found) {
        var ids = function (k) { return found[keys.indexOf(k)]; };
        var cand = formKeys.map(function (forms) {
          return forms.map(function (ks) { return ks.map(ids).reduce(intersect); }).reduce(union);
        }).reduce(intersect);
        var files = [];
        cand.forEach(function (id) {
          var f = fileOf(meta, id);
          if (files.indexOf(f) < 0) files.push(f);
        });
        var partial = files.length > MAX_FILES;
        files = files.slice(0, MAX_FILES);
        return Promise.all(files.map(function (f) { return load('docs-' + pad(f) + '.json'); })).then(function (loaded) {
          var hits = [];
          cand.forEach(function (id) {
            var fi = files.indexOf(fileOf(meta, id));
            if (fi < 0) return;
            var row = loaded[fi][id - meta.files[files[fi]]];
            var doc = { id: id, kind: meta.kinds[row[0]] || '', title: row[1], url: row[2], context: row[3], text: row[4] };
            var hay = fold(doc.title + '\n' + doc.text);
            var holds = function (text) {
              return function (forms) { return forms.some(function (f) { return text.indexOf(f) >= 0; }); };
            };
            if (!words.every(holds(hay))) return;
            var ftitle = fold(doc.title);
            doc.titleWords = words.filter(holds(ftitle)).length;
            doc.count = [].concat.apply([], words).reduce(function (n, f) { return n + count(hay, f); }, 0);
            hits.push(doc);
          });
          hits.sort(function (a, b) { return b.titleWords - a.titleWords || b.count - a.count || a.id - b.id; });
          // The words as site.toml writes them, where a word was looked for in another form.
          var also = [];
          terms_.forEach(function (t) {
            (meta.also || []).forEach(function (o) {
              if (t.indexOf(o[0]) >= 0 && also.indexOf(o[2]) < 0) also.push(o[2]);
            });
          });
          return { hits: hits, partial: partial, forms: [].concat.apply([], words), also: also };
        });
      });
    });
  }

  // --- showing results ---
  // Append text[from, to) to el, the words' occurrences (found in the folded text,
  // whose offsets are the text's) in <mark>.
  function marked(el, text, words, from, to) {
    var ftext = fold(text);
    var ranges = [];
    words.forEach(function (w) {
      for (var i = ftext.indexOf(w, from); i >= 0 && i < to; i = ftext.indexOf(w, i + w.length)) {
        ranges.push([i, Math.min(i + w.length, to)]);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var at = from;
    ranges.forEach(function (r) {
      var a = Math.max(r[0], at);
      if (r[1] <= a) return;
      if (a > at) el.append(text.slice(at, a));
      var m = document.createElement('mark');
      m.textContent = text.slice(a, r[1]);
      el.append(m);
      at = r[1];
    });
    if (at < to) el.append(text.slice(at, to));
  }
  function isLow(text, i) {
    var c = text.charCodeAt(i);
    return c >= 0xdc00 && c <= 0xdfff;
  }
  function excerpt(el, text, words) {
    var ftext = fold(text);
    var first = -1;
    words.forEach(function (w) {
      var i = ftext.indexOf(w);
      if (i >= 0 && (first < 0 || i < first)) first = i;
    });
    var from = first < 0 ? 0 : Math.max(0, first - BEFORE);
    if (from > 0 && isLow(text, from)) from++;
    var to = Math.min(text.length, from + EXCERPT);
    if (to < text.length && isLow(text, to)) to++;
    if (from > 0) el.append('…');
    marked(el, text, words, from, to);
    if (to < text.length) el.append('…');
  }
  function item(doc, words) {
    var li = document.createElement('li');
    li.className = 'search-result';
    var head = document.createElement('p');
    head.className = 'search-result-title';
    var kind = document.createElement('span');
    kind.className = 'tag';
    kind.textContent = doc.kind;
    var a = document.createElement('a');
    a.href = root + doc.url;
    marked(a, doc.title, words, 0, doc.title.length);
    head.append(kind, ' ', a);
    li.append(head);
    if (doc.context) {
      var ctx = document.createElement('p');
      ctx.className = 'search-result-context';
      ctx.textContent = doc.context;
      li.append(ctx);
    }
    if (doc.text) {
      var p = document.createElement('p');
      p.className = 'search-result-excerpt';
      excerpt(p, doc.text, words);
      li.append(p);
    }
    return li;
  }

  var siteTitle = document.title.split(' | ').slice(1).join(' | ') || document.title;
  function show(message, title) {
    status.textContent = message;
    if (title) document.title = title + ' | ' + siteTitle;
  }
  function showLists(note) {
    if (!lists) return;
    lists.hidden = !note;
    if (note && listsNote) listsNote.textContent = note;
  }

  // The words come from the page (search.html's data-* attributes, the site's labels),
  // so a site in another language searches in its own words.
  var words_ = list.dataset;
  function say(key, vars) {
    var text = words_[key] || '';
    Object.keys(vars || {}).forEach(function (name) {
      text = text.split('{' + name + '}').join(String(vars[name]));
    });
    return text;
  }
  // 「移住」でも探しました: the forms the site's words added to the query.
  function also(res) {
    return res.also.length ? say('also', { forms: res.also.join(words_.alsoGap || ', ') }) : '';
  }
  function sentences() {
    return Array.prototype.filter.call(arguments, Boolean).join(words_.gap || '');
  }

  var q = new URLSearchParams(window.location.search).get('q') || '';
  input.value = q;
  showLists(null);
  var words = terms(q);
  var shown = normalize(q);
  if (!words.length) {
    show(say('prompt'));
    showLists(say('listsToo'));
    return;
  }
  show(say('searching', { query: shown }));
  search(words).then(function (res) {
    var hits = res.hits;
    list.replaceChildren();
    if (!hits.length) {
      list.hidden = true;
      showLists(say('listsToo'));
      show(sentences(say('noneFound', { query: shown }), also(res), say(res.partial ? 'partial' : 'noneAdvice')),
        say('resultsTitle', { query: shown, count: 0 }));
      return;
    }
    hits.slice(0, MAX_SHOWN).forEach(function (doc) { list.append(item(doc, res.forms)); });
    list.hidden = false;
    var vars = { query: shown, count: hits.length };
    show(sentences(say(res.partial ? 'foundPartial' : 'found', vars), also(res),
      hits.length > MAX_SHOWN ? say('more', { count: MAX_SHOWN }) : '',
      res.partial ? say('partial') : ''),
      say('resultsTitle', vars));
  }).catch(function () {
    list.hidden = true;
    showLists(say('listsOnly'));
    show(say('loadFailed'));
  });
})();
