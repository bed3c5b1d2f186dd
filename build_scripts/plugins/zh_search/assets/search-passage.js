/* The article behind a search result, as the results show it: its headline and the passage of
 * its text where the query stands, with what matched marked (load after search.js).
 *
 * The passage is taken around a place where the query's phrase stands, or where as many of
 * its words as can be stand close together, from the offsets the index gives for every word
 * in the article; only the parts of the text that passage is in are loaded. Marked are the
 * phrases and the words as the query was cut into them — never a lone character of a piece
 * typed as one (新 of 新质生产力 inside 新闻): a phrase where it stands whole, a word where
 * the index found it as a word (or, for the few very common words whose offsets a query does
 * not load, where it is printed). Offsets and lengths count characters (code points), as the
 * index does.
 */
(function (global) {
  "use strict";

  const engine = global.ArchiveSearch;
  const { need } = global.ArchiveSearchFiles;
  const LEAD = 30; // characters shown before the first match, when the passage has room
  const MOST = 64; // places of one word or phrase considered in an article

  const chars = (text) => Array.from(text);
  const length = (word) => chars(word).length;

  /** Is this word marked on its own, where its group does not stand as a phrase? Not a single
   * character out of a longer piece: the reader typed it as part of something else. */
  const alone = (group, word) => group.words.length === 1 || length(word) > 1;

  /** The places of the query in the article (offsets in its indexed head and text), as the
   * index has them: {from, to, unit, weight}. A group standing as a phrase gives the places of
   * the phrase (one unit, worth its number of words); another gives its words (a unit each). */
  function placesOf(result, runs) {
    const { groups, offsetsOf, phrases, printed } = result.context;
    const standing = phrases.get(result.i) || [];
    const places = [];
    groups.forEach((group, n) => {
      const offsets = group.words.map((w) => offsetsOf(w, result.i));
      if (standing.includes(n)) {
        const starts = printed.get(result.i + ":" + n) || engine.phraseStarts(group.rel, offsets, MOST);
        for (const from of starts.slice(0, MOST)) {
          places.push({ from, to: from + spanOf(group), unit: String(n), weight: group.words.length });
        }
        return;
      }
      group.words.forEach((word, k) => {
        if (!offsets[k] || !alone(group, word)) return;
        for (const from of offsets[k].slice(0, MOST)) {
          places.push({ from, to: from + length(word), unit: `${n}:${k}`, weight: 1 });
        }
      });
      for (const [from, to, r, weight] of runs.get(n) || []) places.push({ from, to, unit: `${n}:r${r}`, weight });
    });
    return places;
  }

  /** Where each group's runs (characters typed together that are not a word) stand together
   * in the article, the marks printed between them included: by group, [from, to, run,
   * characters] in its indexed head and text, at most MOST places a run. */
  async function runPlacesOf(result, meta) {
    const { groups, offsetsOf } = result.context;
    const out = new Map();
    for (const [n, group] of groups.entries()) {
      const offsets = group.words.map((w) => offsetsOf(w, result.i));
      const places = [];
      for (const [r, [first, end]] of (group.runs || []).entries()) {
        const runOffsets = offsets.slice(first, end);
        const ways = engine.runStands(group.rel.slice(first, end), runOffsets, MOST, true);
        for (const way of await engine.marksOnly(meta, result, ways, group.words.slice(first, end), runOffsets)) {
          const span = way.rel[way.rel.length - 1] - way.rel[0] + 1;
          for (const start of way.starts) places.push([start + way.rel[0], start + way.rel[0] + span, r, end - first]);
        }
      }
      out.set(n, places);
    }
    return out;
  }

  /** Where the passage of `size` characters starts in the text (`head`: the length of the
   * indexed head before it): around the places worth most together, the earliest of those;
   * and where the first of those stands (-1 when the text has none). */
  function passageStart(places, head, size) {
    const body = places
      .filter((p) => p.from >= head)
      .map((p) => ({ ...p, from: p.from - head, to: p.to - head }))
      .sort((a, b) => a.from - b.from || b.to - a.to);
    let best = null;
    for (let a = 0; a < body.length; a++) {
      const units = new Map();
      let end = body[a].to;
      for (let b = a; b < body.length && body[b].to - body[a].from <= size - 10; b++) {
        units.set(body[b].unit, body[b].weight);
        end = Math.max(end, body[b].to);
      }
      let worth = 0;
      for (const weight of units.values()) worth += weight;
      if (!best || worth > best.worth) best = { worth, from: body[a].from, to: end };
    }
    if (!best) return { start: 0, at: -1 };
    const room = size - (best.to - best.from);
    return { start: Math.max(0, best.from - Math.max(0, Math.min(LEAD, Math.floor(room / 2)))), at: best.from };
  }

  /** Does the headline hold every piece of the query the article holds? Then the article as a
   * whole is what was asked for (its headline typed in the box), not the section of its text
   * where the same words come again: the result opens at the top. */
  function headlineHoldsAll(places, head) {
    const inHeadline = new Set(places.filter((p) => p.from < head).map((p) => p.unit));
    return inHeadline.size > 0 && places.every((p) => inHeadline.has(p.unit));
  }

  /** The section the text's offset `at` is in ([[offset, heading, anchor]] in order), as
   * {heading, anchor}; null before the first, or when the query matched no place in the text. */
  function sectionAt(sections, at) {
    let section = null;
    if (at < 0) return section;
    for (const [offset, heading, anchor] of sections || []) {
      if (offset > at) break;
      section = { heading, anchor };
    }
    return section;
  }

  /** Does `word` stand in `text` (an array of characters) at `at`? */
  function standsAt(text, at, word) {
    const letters = chars(word);
    if (at < 0 || at + letters.length > text.length) return false;
    return letters.every((c, k) => text[at + k] === c);
  }

  function occurrences(text, word) {
    const found = [];
    for (let at = 0; at < text.length; at++) if (standsAt(text, at, word)) found.push(at);
    return found;
  }

  const spanOf = (group) =>
    group.exact ? length(group.text) : group.rel[group.rel.length - 1] + length(group.words[group.words.length - 1]);

  /** Where a group of words stands as a phrase in `text` (normalised characters), as printed;
   * a quoted phrase where its text is printed, punctuation and all. */
  function phraseIn(text, group) {
    if (group.exact) return occurrences(text, group.text);
    return occurrences(text, group.words[0]).filter((at) =>
      group.words.every((word, k) => standsAt(text, at + group.rel[k], word)));
  }

  /** The places of the query's phrases in the first part of the text (normalised, after a
   * head of `head` characters) as printed: the index may have cut a phrase's words another
   * way at one place (jieba cuts by context), and the passage should show it there too. */
  function printedPlaces(text, head, groups) {
    const places = [];
    groups.forEach((group, n) => {
      if (group.words.length < 2 && !group.exact) return;
      for (const at of phraseIn(text, group).slice(0, MOST)) {
        places.push({ from: head + at, to: head + at + spanOf(group), unit: String(n), weight: group.words.length });
      }
    });
    return places;
  }

  /** Where a word the index places at `from` in `text` (an array of characters) ends: past its
   * last character, and past the spaces of a word printed spaced out (`李  强`: segment.py,
   * `spaced_words`); -1 where `text` does not hold all of it (it goes on past the passage). */
  function spannedTo(text, from, word) {
    let at = from;
    for (const [k, c] of chars(word).entries()) {
      while (k > 0 && at < text.length && (text[at] === " " || text[at] === "\u00a0") && text[at] !== c) at++;
      if (at >= text.length || text[at] !== c) return -1;
      at++;
    }
    return at;
  }

  /** What to mark in `text` (normalised, an array of characters) that starts at offset `base`
   * of the indexed head and text: [[from, to]] within it, in order, not overlapping. */
  function marksIn(text, base, result, runs) {
    const { groups, offsetsOf } = result.context;
    const marks = [];
    groups.forEach((group, n) => {
      if (group.words.length > 1 || group.exact) {
        const starts = phraseIn(text, group);
        if (starts.length || group.exact) {
          for (const at of starts) marks.push([at, at + spanOf(group)]);
          return;
        }
      }
      group.words.forEach((word) => {
        if (!alone(group, word)) return;
        const offsets = offsetsOf(word, result.i);
        const size = length(word);
        if (offsets) {
          for (const at of offsets) {
            const end = at >= base ? spannedTo(text, at - base, word) : -1;
            if (end >= 0) marks.push([at - base, end]);
          }
        } else {
          for (const at of occurrences(text, word)) marks.push([at, at + size]);
        }
      });
      for (const [from, to] of runs.get(n) || []) {
        if (from >= base && to <= base + text.length) marks.push([from - base, to - base]);
      }
    });
    marks.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const merged = [];
    for (const [from, to] of marks) {
      const last = merged[merged.length - 1];
      if (last && from <= last[1]) last[1] = Math.max(last[1], to);
      else merged.push([from, to]);
    }
    return merged;
  }

  /** `printed` (an array of characters) cut into [text, marked] pieces by `marks`. */
  function pieces(printed, marks) {
    const out = [];
    let at = 0;
    for (const [from, to] of marks) {
      if (from > at) out.push([printed.slice(at, from).join(""), false]);
      out.push([printed.slice(from, to).join(""), true]);
      at = to;
    }
    if (at < printed.length) out.push([printed.slice(at).join(""), false]);
    return out;
  }

  /** An article printed again, as its copy where a day's search found it (`on`: {day, page},
   * that day and 版; the day alone where no copy stood on that 版): that copy's address, date
   * and 版, the first printing among its other places (`a`). */
  function asPrintedOn(file, on) {
    const places = on ? file.a || [] : [];
    const copy = places.find(([, date, page]) => date === on.day && Number(page || 0) === on.page)
      || places.find(([, date]) => date === on.day);
    if (!copy) return file;
    const [u, d, p, n] = copy;
    return { ...file, u, d, p, n, a: [[file.u, file.d, file.p, file.n], ...file.a.filter((place) => place !== copy)] };
  }

  /** The article behind a result: its file's fields ({u, t, d, p, n, b, a, …}; of the copy of
   * the day searched, for one printed again: `asPrintedOn`), with `title`
   * and `passage` as [text, marked] pieces of the headline and of `size` characters of text,
   * `before`/`after`: whether the text goes on before and after the passage, and `section`:
   * the section what matched is in (an item of a column of short news), {heading, anchor}, or
   * null (and null where the headline holds all the query). */
  engine.article = async function article(result, size = 110) {
    const name = result.year + "/d/" + result.doc;
    const [file, meta] = await Promise.all([need(name), engine.meta()]);
    const { groups } = result.context;
    const runs = groups.length ? await runPlacesOf(result, meta) : new Map();
    const places = groups.length ? placesOf(result, runs) : [];
    if (groups.some((group) => group.words.length > 1 || group.exact)) {
      await engine.readyFor(file.x);
      places.push(...printedPlaces(chars(engine.normalise(file.x)), file.h, groups));
    }
    const part = meta.textPart;
    const found = passageStart(places, file.h, size);
    let start = Math.min(found.start, file.k * part - 1);
    const first = Math.floor(start / part);
    const last = Math.min(file.k - 1, Math.floor((start + size - 1) / part));
    const parts = [];
    for (let k = first; k <= last; k++) parts.push(k === 0 ? Promise.resolve(file) : need(name + "-" + k));
    const text = chars((await Promise.all(parts)).map((p) => p.x).join(""));
    // Near the end of the text, the passage ends with it (what matched stays in it).
    const from = Math.max(0, Math.min(start - first * part, text.length - size));
    start = first * part + from;
    const printed = text.slice(from, from + size);
    const title = chars(file.t);
    await engine.readyFor(file.t + printed.join(""));
    const marked = (shown, base) => (groups.length ? marksIn(chars(engine.normalise(shown.join(""))), base, result, runs) : []);
    return {
      ...asPrintedOn(file, result.on),
      title: pieces(title, marked(title, 0)),
      passage: pieces(printed, marked(printed, file.h + start)),
      before: start > 0,
      after: last < file.k - 1 || from + size < text.length,
      section: headlineHoldsAll(places, file.h) ? null : sectionAt(file.s, found.at),
    };
  };
})(typeof globalThis !== "undefined" ? globalThis : this);
