/* The archive's search engine, in the reader's browser: the query cut into words as the
 * articles were, matched and ranked, over the index's files as search-files.js loads and reads
 * them (load that first; search-passage.js adds the results' articles and passages). A query
 * loads only what it needs: the lexicon files of its characters, the word-list files of its
 * words for each year it covers, opencc-js only if the query holds something it would convert,
 * and the articles of the results shown. How, step by step: maintainers/search-index.md.
 */
(function (global) {
  "use strict";

  const TITLE = 1, BYLINE = 2;
  const files = global.ArchiveSearchFiles;
  const { need, bucket, wordList } = files;
  const LONGEST_WORD = 16; // characters; jieba's dictionary has nothing longer that matters
  const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/u;
  const QUOTES = /"([^"]*)"|“([^”]*)”|「([^」]*)」|『([^』]*)』/g;
  // Two numbers joined by a middle dot name a day that names an event (`5·20`, `3·15`, `9·18`):
  // found as typed, as if quoted — apart, 3 and 15 are in `3局15分制` too.
  const DOTTED_DAY = /(?<![0-9０-９.．])[0-9０-９]{1,2}\s*[·・•]\s*[0-9０-９]{1,2}(?![0-9０-９.．])/g;
  // A number with a decimal point is one amount (`25.6%`, `3.5`): found as typed, with the percent
  // sign typed after it, as if quoted — apart, 25 and 6 stand in nearly every article.
  // A day typed in digits with its month (`5月12日`, `5月12号`) is found as typed, as if quoted,
  // wherever the text around it was cut (`本报北京5月12日电`: 12 / 日电); in other numerals it is
  // found too (五月十二日: `numberForms`). Apart, 5月 and 12 are in every May's article.
  const MONTH_DAY = /(?<![0-9０-９.．])[0-9０-９]{1,2}\s*月\s*[0-9０-９]{1,2}\s*[日号](?![0-9０-９])/g;
  const DECIMAL = /(?<![0-9０-９.．])[0-9０-９]+[.．][0-9０-９]+(?![0-9０-９]|[.．][0-9０-９])(?:\s*[%％])?/g;
  // Words of asking, not of what is asked about: a reader's question (`天舟十号是什么时候发射的`,
  // `离境退税怎么办理`) names its subject in other words, and a news article seldom prints
  // these. Outside quotes they are no condition, but rank an article holding them higher (the
  // query's last group, `optional`): those of two characters or more where the query's cut
  // makes them words, or words in a row that make one up (the archive's own lexicon may not
  // hold 怎么: cut into 怎, 么; 什么 / 时候) — never a piece of a word the cut keeps whole
  // (时候 in 小时候, 几个 in 十几个); single ones
  // where no other single character stands with them (not 的 in 美的). A query of such words
  // alone is searched as typed.
  const ASKING = new Set([
    "什么时候", "什么", "怎么样", "怎么", "怎样", "如何", "为什么", "为何", "哪里", "哪儿", "哪个",
    "哪些", "多少", "多久", "几个", "是否", "是不是", "能否", "有没有", "请问",
  ]);
  const ASKING_ALONE = new Set(["的", "了", "是", "在", "吗", "呢", "吧", "么", "谁", "哪", "几", "啥"]);
  const ASKING_PIECES = 4; // words a word of asking is cut into at most (什, 么, 时, 候)

  // ---------------------------------------------------------------------------------------
  // Text: the same normalisation as normalise.py
  // ---------------------------------------------------------------------------------------

  let toSimplified = null;

  /** Traditional → simplified with opencc-js, once it is loaded (readyFor); before, a text
   * is taken as it is — which is right for every text readyFor let through. */
  function simplified(text) {
    if (!toSimplified) {
      const OpenCC = global.OpenCC;
      if (!OpenCC) return text;
      toSimplified = OpenCC.Converter({ from: "t", to: "cn" });
    }
    const converted = toSimplified(text);
    if (converted.length === text.length) return converted;
    return Array.from(text, (c) => { const s = toSimplified(c); return s.length === c.length ? s : c; }).join("");
  }

  function normalise(text) {
    return simplified(text)
      .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
      .replace(/\u3000/g, " ")
      .replace(/[A-Z]+/g, (c) => c.toLowerCase());
  }

  let loadConverter = () => Promise.resolve(); // set by the page: loads opencc-js
  let converter = null;
  let changes = null; // what the conversion would change: {characters: Set of code points, phrases}

  function withConverter() {
    return converter || (converter = loadConverter());
  }

  /** Would opencc-js change `text`? (traditional.js: the characters it changes on their own,
   * and the few phrases it changes although none of their characters would be.) */
  async function converts(text) {
    if (!changes) {
      const data = await need("traditional");
      const bytes = files.decodeBase64(data.c), read = files.reader(bytes);
      const characters = new Set();
      for (let point = 0; read.at < bytes.length;) characters.add((point += read.next()));
      changes = { characters, phrases: data.p };
    }
    for (const c of text) if (changes.characters.has(c.codePointAt(0))) return true;
    return changes.phrases.some((phrase) => text.includes(phrase));
  }

  /** Make normalise() right for `text`: load opencc-js first if the text needs it. */
  async function readyFor(text) {
    if (!toSimplified && !global.OpenCC && text && (await converts(text))) await withConverter();
  }

  // ---------------------------------------------------------------------------------------
  // The query: quoted phrases, and runs of text cut into words like the articles were
  // ---------------------------------------------------------------------------------------

  /** Units a word is made of: a Han character, or a run of Latin letters and digits. */
  function units(text) {
    const out = [];
    for (const m of text.matchAll(/[a-z0-9]+|./gsu)) out.push(m[0]);
    return out;
  }

  function isWordUnit(unit) {
    return /^[a-z0-9]+$/.test(unit) || HAN.test(unit);
  }

  const lexicons = new Map(); // lexicon file → Map(word → frequency)

  /** The archive's words starting with the character `first`, with their frequencies. */
  async function lexicon(meta, first) {
    const name = "lex/" + bucket(first, meta.lexicon);
    let words = lexicons.get(name);
    if (!words) {
      words = new Map();
      for (const line of (await need(name)).split("\n")) {
        const space = line.lastIndexOf(" ");
        words.set(line.slice(0, space), Number(line.slice(space + 1)));
      }
      lexicons.set(name, words);
    }
    return words;
  }

  /** jieba's best cut (no HMM) of a run of word units, over the archive's own words. */
  async function cut(meta, run) {
    const dicts = await Promise.all(run.map((u) => lexicon(meta, Array.from(u)[0])));
    const logTotal = Math.log(meta.total);
    const n = run.length;
    const route = new Array(n + 1).fill(null);
    route[n] = [0, n];
    for (let i = n - 1; i >= 0; i--) {
      let best = null;
      let word = "";
      for (let j = i; j < Math.min(n, i + LONGEST_WORD); j++) {
        word += run[j];
        const freq = dicts[i].get(word);
        if (freq === undefined && j > i) continue;
        const score = Math.log(freq || 1) - logTotal + route[j + 1][0];
        if (!best || score >= best[0]) best = [score, j + 1];
      }
      route[i] = best;
    }
    const words = [];
    for (let i = 0; i < n; i = route[i][1]) words.push(run.slice(i, route[i][1]).join(""));
    return words;
  }

  /** A piece of the query as one group: its words, and where each starts (in characters)
   * relative to the first, for the phrase test. Characters typed together that the
   * dictionary does not hold as a word (算力: 算, 力) must stand together: `runs` are those
   * words, [first, end) in `words`. A quoted phrase (`exact`) keeps its text (`text`, with
   * its punctuation; `lead`: where the first word starts in it), which the article must print;
   * `tiled`: its words are all of it, so their standing together is the text printed. */
  async function group(meta, piece, exact, asking = null) {
    const words = [], at = [], runs = [];
    let run = [], runStart = 0, offset = 0;
    const flush = async () => {
      if (!run.length) return;
      let o = runStart, single = -1;
      const cutWords = await cut(meta, run);
      const asked = asking ? askingIn(cutWords) : cutWords.map(() => null);
      const closeRun = () => {
        if (single >= 0 && words.length - single > 1) runs.push([single, words.length]);
        single = -1;
      };
      cutWords.forEach((w, k) => {
        const size = Array.from(w).length;
        if (asked[k] !== null) { // (not typed together with its neighbours)
          if (asked[k]) asking.push(asked[k]);
          closeRun();
          o += size;
          return;
        }
        // (a number too: typed together with what it counts, it is printed so — 3局15分)
        const alone = (size === 1 && HAN.test(w)) || /^[0-9]+$/.test(w);
        if (alone && single < 0) single = words.length;
        if (!alone) closeRun();
        words.push(w); at.push(o); o += size;
      });
      closeRun();
      run = [];
    };
    for (const u of units(piece)) {
      if (isWordUnit(u)) { if (!run.length) runStart = offset; run.push(u); }
      else await flush();
      offset += Array.from(u).length;
    }
    await flush();
    if (!words.length) return null;
    const rel = at.map((o) => o - at[0]);
    if (!exact) return { words, rel, exact, runs };
    // Which words an article printing the phrase surely holds as words: not the single
    // characters and numbers at either end, which the text may cut with their neighbours
    // (2025年 in 2025年底; 务 / 员 of a phrase typed from the middle of 业务员, 5 of 2025).
    // Where that leaves none, only the character at either end (2025 of 2025年).
    const char = (k) => Array.from(words[k]).length === 1 && HAN.test(words[k]);
    const single = (k) => char(k) || /^[0-9]+$/.test(words[k]);
    let sure = words.map(() => true);
    for (let k = 0; k < words.length && single(k); k++) sure[k] = false;
    for (let k = words.length - 1; k >= 0 && single(k); k--) sure[k] = false;
    if (!sure.some(Boolean)) sure = words.map((w, k) => !((k === 0 || k === words.length - 1) && char(k)));
    if (!sure.some(Boolean)) sure = words.map(() => true);
    return { words, rel, exact, runs: [], text: piece, lead: at[0], tiled: words.join("") === piece, sure };
  }

  /** Which words of a query's cut are words of asking (ASKING, ASKING_ALONE): a word of asking,
   * or words in a row that make one up (怎, 么; 什么, 时候); a single particle with no single
   * character standing with it. For each word: the word of asking it starts, "" for a further
   * piece of one, null for a word of what is asked about. */
  function askingIn(words) {
    const asked = words.map(() => null);
    for (let k = 0; k < words.length; k++) {
      let joined = "", end = -1, longest = "";
      for (let m = k; m < Math.min(words.length, k + ASKING_PIECES); m++) {
        joined += words[m];
        if (ASKING.has(joined)) { end = m; longest = joined; } // the longest: 什么时候, not 什么 in it
      }
      if (end < 0) continue;
      for (let i = k; i <= end; i++) asked[i] = "";
      asked[k] = longest;
      k = end; // (nor 什么 inside 为什么)
    }
    const single = (k) => k >= 0 && k < words.length && asked[k] === null && !ASKING_ALONE.has(words[k]) &&
      Array.from(words[k]).length === 1 && HAN.test(words[k]);
    words.forEach((w, k) => {
      if (asked[k] === null && ASKING_ALONE.has(w) && !single(k - 1) && !single(k + 1)) asked[k] = w;
    });
    return asked;
  }

  /** Pieces of text between spaces, with single Han characters in a row read as one piece:
   * papers print two-character names spaced out (储 勇), and readers type them so. */
  function spacedWords(text) {
    const pieces = [];
    let single = false;
    for (const piece of text.split(/\s+/)) {
      if (!piece) continue;
      const alone = Array.from(piece).length === 1 && HAN.test(piece);
      if (alone && single) pieces[pieces.length - 1] += piece;
      else pieces.push(piece);
      single = alone;
    }
    return pieces;
  }

  /** The query as groups of words: each quoted phrase is one (found only as written), and
   * each run of text between spaces is one (its words anywhere; together, a bonus). */
  async function parse(meta, query) {
    await readyFor(query);
    const pieces = [];
    let rest = "", last = 0;
    for (const m of query.matchAll(QUOTES)) {
      rest += query.slice(last, m.index) + " ";
      last = m.index + m[0].length;
      pieces.push([normalise(m[1] ?? m[2] ?? m[3] ?? m[4]).trim(), true]);
    }
    rest = (rest + query.slice(last)).replace(DOTTED_DAY, (dotted) => {
      pieces.push([normalise(dotted).replace(/\s+/g, "").replace(/[・•]/g, "·"), true]); // (as the paper prints it)
      return " ";
    }).replace(MONTH_DAY, (day) => {
      pieces.push([normalise(day).replace(/\s+/g, ""), true]);
      return " ";
    }).replace(DECIMAL, (amount) => {
      pieces.push([normalise(amount).replace(/\s+/g, ""), true]);
      return " ";
    });
    for (const piece of spacedWords(normalise(rest))) pieces.push([piece, false]);
    const askedIn = pieces.map(([, exact]) => (exact ? null : [])); // each piece's words of asking, in order
    const groups = (await Promise.all(pieces.map(([piece, exact], n) => group(meta, piece, exact, askedIn[n])))).filter(Boolean);
    const asking = askedIn.flatMap((words) => words || []);
    if (!asking.length) return groups;
    if (!groups.length) return (await Promise.all(pieces.map(([piece, exact]) => group(meta, piece, exact)))).filter(Boolean);
    // The words of asking are no condition, but an article that holds them (in its headline:
    // `中国乒乓球为什么强`) ranks higher: the last group, `optional`.
    groups.push({ words: [...new Set(asking)], rel: [], exact: false, runs: [], optional: true });
    return groups;
  }

  // ---------------------------------------------------------------------------------------
  // Matching
  // ---------------------------------------------------------------------------------------

  /** Index of each doc of `docs` (sorted) in `list.docs`, or -1. */
  function positionsIn(list, docs) {
    const out = new Int32Array(docs.length);
    let j = 0;
    for (let i = 0; i < docs.length; i++) {
      while (j < list.docs.length && list.docs[j] < docs[i]) j++;
      out[i] = j < list.docs.length && list.docs[j] === docs[i] ? j : -1;
    }
    return out;
  }

  function intersect(a, b) {
    const out = [];
    let i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) i++;
      else if (a[i] > b[j]) j++;
      else { out.push(a[i]); i++; j++; }
    }
    return Int32Array.from(out);
  }

  /** Where the group stands in the article as written — each word where the query has it,
   * relative to the first — as offsets of its first word; words whose offsets were not loaded
   * count as present. At most `most` places. */
  function phraseStarts(rel, offsets, most = Infinity) {
    const found = [];
    const anchor = offsets.findIndex((o) => o);
    if (anchor < 0) return found;
    outer: for (const start of offsets[anchor]) {
      const first = start - rel[anchor];
      for (let k = 0; k < rel.length; k++) {
        if (offsets[k] && !binaryHas(offsets[k], first + rel[k])) continue outer;
      }
      found.push(first);
      if (found.length >= most) break;
    }
    return found;
  }

  /** Does a phrase found first at `start` (`phraseStarts`) stand in the headline? The
   * headline is the first line indexed, so the words the phrase begins with are there the
   * first time the article prints them: the phrase is the headline's where it stands at that
   * first occurrence (never across the line's end: the words would not stand in a row). A
   * headline printing the words apart and again together (rare) is not taken for one that
   * prints them so. */
  function atHead(rel, offsets, start) {
    const anchor = offsets.findIndex((o) => o);
    return anchor >= 0 && offsets[anchor][0] === start + rel[anchor];
  }

  const SPACED = "%spaced"; // the filter word of the articles that print characters spaced out (index_files.py)
  const RUN_GAP = 2; // characters a run may skip once: the marks a headline prints inside it
  const SPACED_GAP = 3; // spaces a name spaced out may have between its characters (`王  琳`)

  /** Where the characters of a run stand together in the article: in a row, or in two parts
   * of two characters or more with one or two characters between them — the marks of a
   * headline printed 海岸边立起“充冷宝” and typed 立起充冷宝 (the quotation marks left out) —, or
   * in two parts of any length with up to three spaces between them — a two-character name
   * spaced out to the width of three in a list of names (`王  琳`, typed 王琳). A part of one
   * character is never let apart by anything else: 算 and 力 in 计算能力 are not 算力. The
   * ways they stand, as [{starts, rel, gap, spaces}]: `phraseStarts` of `rel` (the
   * characters' places as printed), `gap` [from, size] relative to a start where characters
   * were skipped (null in a row) — what is printed there is the search's to check
   * (`marksOnly`: marks, or with `spaces` spaces only). The first way found only, unless `every`;
   * none with spaces unless `spacedOut` (the article prints characters so: the index's `%spaced`). */
  function runStands(rel, offsets, most = 1, every = false, spacedOut = true) {
    const found = [];
    const starts = phraseStarts(rel, offsets, most);
    if (starts.length) { found.push({ starts, rel, gap: null }); if (!every) return found; }
    for (let cut = 1; cut <= rel.length - 1; cut++) {
      const marks = cut >= 2 && cut <= rel.length - 2;
      for (let size = 1; size <= Math.max(RUN_GAP, SPACED_GAP); size++) {
        const spaces = !marks || size > RUN_GAP;
        if (spaces && (size > SPACED_GAP || !spacedOut)) continue;
        const printed = rel.map((r, k) => (k < cut ? r : r + size));
        const at = phraseStarts(printed, offsets, most);
        if (!at.length) continue;
        found.push({ starts: at, rel: printed, gap: [rel[cut - 1] + 1, size], spaces });
        if (!every) return found;
      }
    }
    return found;
  }

  // what may stand between the two parts of a run: marks and spaces, not a character of a word
  // or the end of a paragraph; or, where a part is one character, spaces only
  const WORD_OR_BREAK = /[\p{L}\p{N}\n]/u;
  const NOT_A_SPACE = /[^ \u00a0\u3000]/u; // (the article's file prints the ideographic space as it was)

  /** Of the ways a run stands (`runStands`), those where only marks were skipped and where
   * its words whose offsets were not loaded — the commonest (的, 是), counted as present
   * wherever needed — are printed in their places: the characters printed there, in the
   * article's file. `words`: the run's words, `offsets` theirs (null: not loaded). Without
   * that check, 美丽的家 found every 家 (苏家, 0家) as 的家. */
  async function marksOnly(meta, result, ways, words, offsets) {
    const unloaded = words.map((word, k) => (offsets[k] ? null : word));
    const kept = [];
    for (const way of ways) {
      if (!way.gap && !unloaded.some(Boolean)) { kept.push(way); continue; }
      const starts = [];
      for (const start of way.starts.slice(0, MAY_CHECK)) {
        if (way.gap) {
          const printed = await printedChars(meta, result, start + way.gap[0], way.gap[1]);
          if (!printed || printed.some((c) => (way.spaces ? NOT_A_SPACE : WORD_OR_BREAK).test(c))) continue;
        }
        if (await printedIn(meta, result, start, way.rel, unloaded)) starts.push(start);
      }
      if (starts.length) kept.push({ ...way, starts });
    }
    return kept;
  }

  /** Does the article print each of `words` (null: none to check) at `start` + its place in
   * `rel`? */
  async function printedIn(meta, result, start, rel, words) {
    for (const [k, word] of words.entries()) {
      if (word === null) continue;
      const printed = await printedChars(meta, result, start + rel[k], Array.from(word).length);
      if (!printed) return false;
      await readyFor(printed.join(""));
      if (normalise(printed.join("")) !== word) return false;
    }
    return true;
  }

  function binaryHas(array, value) {
    let lo = 0, hi = array.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (array[mid] === value) return true;
      if (array[mid] < value) lo = mid + 1; else hi = mid - 1;
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------
  // Searching
  // ---------------------------------------------------------------------------------------

  const K1 = 1.2;
  // The score's parts (searchYear, ranked): the query's words standing together; the
  // headline holding all of them, or a share of them; bm25 against the best of the results
  const PHRASE = 2, TITLE_ALL = 3, TITLE_PART = 2, CONTENT = 3;

  const LAST = 1000; // taken from the score of an article of a 版 ranked last: below any other

  /** Articles of the 版 the index ranks last (meta.rankLast: advertisements) and the boxes
   * that list an issue's stories (meta.boxes: 导读, the list "%box") go after every other
   * match, in their own order. */
  async function rankLast(meta, years, perYear) {
    const words = (meta.rankLast || []).map((name) => "#" + name).concat(meta.boxes ? ["%box"] : []);
    if (!words.length) return;
    await Promise.all(years.map(async (year, n) => {
      const lists = await Promise.all(words.map((word) => wordList(meta, year, word, false)));
      for (const result of perYear[n]) {
        if (lists.some((list) => binaryHas(list.docs, result.doc))) result.base -= LAST;
      }
    }));
  }

  /** A bound of the time searched, as the address holds it: a year (`2026`), a month
   * (`2026-05`) or a day (`2026-05-12`, a query naming its issue); null when there is none. */
  function bound(value) {
    const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(String(value || "").trim());
    return m ? { year: Number(m[1]), month: m[2] ? Number(m[2]) : 0, day: m[3] ? Number(m[3]) : 0 } : null;
  }

  /** The articles of `year` between the bounds, as [first, end) of its numbers: a year's
   * articles are numbered in date order, and `year.months` says where each month starts, and
   * each of its days with an issue ([month, start, [day, articles before it in the month, …]]). */
  function monthRange(year, from, to, page = {}) {
    const starts = year.months || [];
    const start = (month, day) => {
      const at = starts.findIndex(([m]) => Number(m) >= month);
      if (at < 0) return year.articles;
      const [m, first, days] = starts[at];
      if (!day || Number(m) > month) return first;
      for (let k = 0; k < (days || []).length; k += 2) if (days[k] >= day) return first + days[k + 1];
      return at + 1 < starts.length ? starts[at + 1][1] : year.articles;
    };
    const first = from && from.year === year.year && from.month ? start(from.month, from.day) : 0;
    const end = !(to && to.year === year.year && to.month) ? year.articles
      : to.day ? start(to.month, to.day + 1) : start(to.month + 1, 0);
    return [first, end, againIn(year, from, to, page)];
  }

  /** The articles of `year` printed again on a later day between the bounds, on the 版 asked
   * for if one is (`page`: {page, pageName}; `year.again`: [MM-DD, number, 版, 版名, after,
   * between], as the index lists them): a search of that day's issue, or of its 版, finds them
   * too. Each number, to where it then stood (its first such day's): `at`, after article
   * `after` and `between` copies printed after it, where a day's list in the order printed
   * puts it, and `day` (YYYY-MM-DD) and `page`, that day and 版 (0: none): the result is
   * that copy. */
  function againIn(year, from, to, page = {}) {
    const key = (y, m, d) => y * 10000 + m * 100 + d;
    const low = from ? key(from.year, from.month || 1, from.day || 1) : 0;
    const high = to ? key(to.year, to.month || 12, to.day || 31) : Infinity;
    const found = new Map();
    for (const [day, number, onPage, pageName, after, between] of year.again || []) {
      const at = key(year.year, Number(day.slice(0, 2)), Number(day.slice(3, 5)));
      if (at < low || at > high) continue;
      if ((page.page && Number(onPage) !== Number(page.page)) || (page.pageName && pageName !== page.pageName)) continue;
      // (between the two articles: the copies in the order printed; an index without the
      // place, of an older format, keeps its number)
      const place = Number.isFinite(after) ? after + (1 + (between || 0)) / (2 + (between || 0)) : number;
      if (!found.has(number)) found.set(number, { at: place, day: `${year.year}-${day}`, page: Number(onPage) || 0 });
    }
    return found;
  }

  const onAPage = (filter) => filter.startsWith("#") || filter.startsWith("%p"); // a 版's filter word

  /** Matches of `groups` in one year, each {year, doc, score, context, i}: `context` (shared
   * by the year's results) and `i` say where the words stand in the article, for its passage.
   * No groups and no filters: every article of the year. `range`: its articles searched. */
  async function searchYear(meta, year, groups, filters, range) {
    const words = [], required = new Set();
    for (const g of groups) {
      g.words.forEach((w, k) => {
        if (!words.includes(w)) words.push(w);
        if (!g.optional && (!g.exact || g.sure[k])) required.add(w);
      });
    }
    const base = await Promise.all(words.map((w) => wordList(meta, year, w, false)));
    const listOf = new Map(words.map((w, i) => [w, base[i]]));
    // the articles that print characters spaced out (`王  琳`): only there may a run's characters
    // stand with spaces between them (a query of runs only: a list of a year's few articles)
    const spaced = groups.some((g) => g.runs.length) ? (await wordList(meta, year, SPACED, false)).docs : null;
    let docs = null;
    for (const w of required) docs = docs ? intersect(docs, listOf.get(w).docs) : listOf.get(w).docs;
    // an article's 版 filters are those of its first printing: printed again on a day of the
    // bounds, it is taken by where it then stood (`againIn`), past the others (`unpaged`)
    let unpaged = docs;
    for (const f of filters) {
      const list = (await wordList(meta, year, f, false)).docs;
      docs = docs ? intersect(docs, list) : list;
      if (!onAPage(f)) unpaged = unpaged ? intersect(unpaged, list) : list;
    }
    const every = () => Int32Array.from({ length: year.articles }, (_, i) => i);
    if (!docs) docs = every();
    const standsAt = new Map(); // an article printed again: where it stood that day (`againIn`)
    if (range && (range[0] > 0 || range[1] < year.articles)) {
      const inside = (d) => d >= range[0] && d < range[1];
      const again = range[2] || new Map();
      const extra = (unpaged || every()).filter((d) => again.has(d) && !inside(d));
      docs = docs.filter(inside);
      if (extra.length) docs = Int32Array.from([...docs, ...extra]).sort();
      for (const d of extra) standsAt.set(d, again.get(d));
    }
    if (!docs.length) return [];
    // Offsets: always for quoted phrases; for characters that must stand together unless
    // kept apart for one of the commonest words (的, 是: a bitmap), whose offsets are the
    // largest a query could load — where few articles hold the rest of the query, their texts
    // show where such a word stands (`marksOnly`), where many do (新的: every article with 新),
    // one file of offsets costs less than hundreds of articles; for other groups only where
    // they are cheap to load.
    const inRun = (g, k) => g.runs.some(([first, end]) => k >= first && k < end);
    const cheap = (w) => !listOf.get(w).apart;
    const fewToRead = docs.length <= READ_AT_MOST;
    const want = groups.map((g) => g.words.map((w, k) =>
      g.optional ? false : g.exact ? g.words.length > 1 || !g.tiled
        : (inRun(g, k) && (cheap(w) || !listOf.get(w).dense || !fewToRead)) || (g.words.length > 1 && cheap(w))));
    await Promise.all(groups.flatMap((g, n) => g.words.map((w, k) => want[n][k] ? wordList(meta, year, w, true) : null)));
    const where = new Map(words.map((w) => [w, positionsIn(listOf.get(w), docs)]));
    const offsetsOf = (w, i) => {
      const list = listOf.get(w);
      const j = where.get(w)[i];
      return !list.offsets ? null : j < 0 ? [] : list.offsets[j];
    };
    // (what the passages mark: not the words of asking, the last group)
    const context = { groups: groups.filter((g) => !g.optional), offsetsOf, phrases: new Map(), printed: new Map() };
    const idf = new Map(words.map((w) => {
      const df = listOf.get(w).docs.length;
      return [w, Math.log(1 + (year.articles - df + 0.5) / (df + 0.5))];
    }));
    const results = [], unsure = [];
    for (let i = 0; i < docs.length; i++) {
      let score = 0, phrases = 0, exactMissing = false, allTitle = true, byline = false, bm25 = 0, inTitle = 0;
      let headed = true; // every run of words the query types together stands so in the headline
      for (const w of words) {
        const list = listOf.get(w);
        const j = where.get(w)[i];
        if (j < 0) { if (required.has(w)) allTitle = false; continue; }
        const tf = list.info[j] >> 3, fields = list.info[j] & 7;
        if (!(fields & TITLE)) { if (required.has(w)) allTitle = false; } else inTitle++;
        if (fields & BYLINE) byline = true;
        const weighted = tf + (fields & TITLE ? 3 : 0);
        bm25 += idf.get(w) * (weighted * (K1 + 1)) / (weighted + K1);
      }
      const standing = [], check = [], runsToCheck = [];
      for (const [n, g] of groups.entries()) {
        if (g.optional) { phrases++; continue; }
        const offsets = g.words.map((w, k) => (want[n][k] ? offsetsOf(w, i) : null));
        let runMissing = false;
        for (const [first, end] of g.runs) {
          const rel = g.rel.slice(first, end), runOffsets = offsets.slice(first, end);
          const spacedOut = spaced !== null && binaryHas(spaced, docs[i]);
          const ways = runStands(rel, runOffsets, 1, false, spacedOut);
          if (!ways.length) { runMissing = true; break; }
          // not in a row, or with a word whose offsets were not loaded: it stands only where the
          // characters skipped are marks and that word is printed (checked below)
          if (ways[0].gap || runOffsets.some((o) => !o)) {
            runsToCheck.push([runStands(rel, runOffsets, MAY_CHECK, true, spacedOut), g.words.slice(first, end), runOffsets]);
          }
        }
        if (runMissing) {
          exactMissing = true;
          break;
        }
        if (g.exact) {
          // The words where the phrase's words stand; then, unless they are the phrase, the
          // characters printed there.
          if (g.tiled && g.words.length === 1) { phrases++; continue; }
          const tiled = g.tiled ? phraseStarts(g.rel, offsets, 1) : [];
          if (tiled.length) { phrases++; standing.push(n); headed &&= atHead(g.rel, offsets, tiled[0]); continue; }
          const starts = phraseStarts(g.rel, offsets.map((o, k) => (g.sure[k] ? o : null)), MAY_CHECK);
          if (!starts.length) { exactMissing = true; break; }
          check.push([n, starts]);
          continue;
        }
        if (g.words.length < 2) { phrases++; continue; }
        const starts = phraseStarts(g.rel, offsets, 1);
        if (starts.length) { phrases++; standing.push(n); headed &&= atHead(g.rel, offsets, starts[0]); }
      }
      if (exactMissing) continue;
      const allPhrases = phrases + check.length === groups.length;
      if (groups.length) {
        // What the article is about outweighs where the words stand: its headline holding the
        // query (all of it, or a share), and how often it names the words against the article
        // that names them most (`ranked`) — an article naming `伦敦世乒赛` once in passing
        // ranks below the report headed `…世乒赛…` that names them throughout; then the words
        // standing together.
        if (allPhrases && groups.some((g) => !g.optional && g.words.length > 1)) score += PHRASE;
        if (allTitle) score += allPhrases && headed ? TITLE_ALL + 1 : TITLE_ALL;
        else score += TITLE_PART * (inTitle / words.length);
        if (byline) score += 1;
      }
      if (standing.length || check.length) context.phrases.set(i, standing.concat(check.map(([n]) => n)));
      const again = standsAt.get(docs[i]); // (found on a day it was printed again: that day's copy)
      const day = again ? Number(again.day.slice(5, 7)) * 100 + Number(again.day.slice(8, 10)) : dayOf(year, docs[i]);
      const result = { year: year.year, day, doc: docs[i], at: again ? again.at : docs[i], on: again && { day: again.day, page: again.page }, base: score, score, bm25, context, i };
      if (check.length || runsToCheck.length) unsure.push([result, check, runsToCheck]);
      results.push(result);
    }
    if (!unsure.length) return results;
    const wrong = new Set();
    await Promise.all(unsure.map(async ([result, check, runsToCheck]) => {
      for (const [n, starts] of check) {
        const found = await printedAt(meta, result, groups[n], starts);
        if (!found.length) { wrong.add(result); return; }
        context.printed.set(result.i + ":" + n, found);
      }
      for (const [ways, words, offsets] of runsToCheck) {
        if (!(await marksOnly(meta, result, ways, words, offsets)).length) { wrong.add(result); return; }
      }
    }));
    return wrong.size ? results.filter((r) => !wrong.has(r)) : results;
  }

  const MAY_CHECK = 64; // places of a quoted phrase checked in one article
  const READ_AT_MOST = 64; // articles whose texts are read for a common word of a run (searchYear)

  /** Of `starts` (offsets of a quoted phrase's first word in an article's indexed head and
   * text), those where the article prints the phrase's text, as offsets of the text: in its
   * headline, its byline, the names added to it, its dateline (本报北京5月12日电, cut 12 /
   * 日电) or its text. */
  async function printedAt(meta, result, group, starts) {
    const phrase = Array.from(group.text), size = phrase.length;
    const found = [];
    for (const start of starts.map((s) => s - group.lead)) {
      const printed = await printedChars(meta, result, start, size);
      if (!printed) continue;
      await readyFor(printed.join(""));
      if (Array.from(normalise(printed.join(""))).every((c, k) => c === phrase[k])) found.push(start);
    }
    return found;
  }

  /** The `size` characters the article prints at offset `start` of its indexed head and text
   * (in its headline, the rest of its head — byline, names, dateline — or its text), from its
   * file and the parts of its text; null across two of them, or beyond its text. */
  async function printedChars(meta, result, start, size) {
    const name = result.year + "/d/" + result.doc;
    const file = await need(name);
    const part = meta.textPart;
    const title = Array.from(file.t).length;
    let printed = null;
    if (start >= 0 && start + size <= title) printed = Array.from(file.t).slice(start, start + size);
    else if (start > title && start + size <= file.h) {
      printed = Array.from(file.e).slice(start - title - 1, start - title - 1 + size);
    } else if (start >= file.h) {
      const from = start - file.h, first = Math.floor(from / part);
      const last = Math.min(file.k - 1, Math.floor((from + size - 1) / part));
      const parts = [];
      for (let k = first; k <= last; k++) parts.push(k === 0 ? file.x : (await need(name + "-" + k)).x);
      printed = Array.from(parts.join("")).slice(from - first * part, from - first * part + size);
    }
    return printed && printed.length === size ? printed : null;
  }

  // ---------------------------------------------------------------------------------------
  // Numbers: the paper prints 神舟二十二号 and 70周年, readers type 神舟22号 and 七十周年
  // ---------------------------------------------------------------------------------------

  const NUMERALS = "〇一二三四五六七八九";
  const UNITS = ["", "十", "百", "千"];
  // A number in Chinese numerals as the paper writes one below ten thousand: 十四, 二十二,
  // 一百零五, 两千 (a digit is followed by its unit, so 十四五 — the plan — is no number).
  const CHINESE_NUMBER = /^(?:([一二两三四五六七八九])千)?(?:[零〇]?([一二两三四五六七八九])百)?(?:[零〇]?([一二三四五六七八九])?(十))?(?:[零〇]?([一二三四五六七八九]))?$/u;
  // A single Chinese numeral is a number before what it counts (五月一日, 三名航天员), not in
  // words (统一, 五一).
  const COUNTED = /^[月日号名位个次届项家]/u;
  // A number typed as part of something else is left alone: 5G, 3.5, 5%, 10:30, 2024-2025, 5·20.
  const PART_OF = /[A-Za-z0-9０-９.．%％:：\-－/／·・•]/u;
  const MOST_NUMBERS = 3; // in other numerals one by one, in every combination (8 searches)

  /** 22 → 二十二, 10 → 十, 105 → 一百零五; a year (four digits before 年) digit by digit:
   * 2026年 → 二〇二六年. Null for what the paper would not print in Chinese numerals. */
  function inChinese(digits, next) {
    if (digits.length > 4 || digits.startsWith("0")) return null;
    if (digits.length === 4) return next === "年" ? Array.from(digits, (d) => NUMERALS[Number(d)]).join("") : null;
    let out = "", gap = false;
    Array.from(digits, Number).forEach((d, i) => {
      const unit = digits.length - 1 - i;
      if (d === 0) { gap = out !== ""; return; }
      if (gap) { out += "零"; gap = false; }
      out += (d === 1 && unit === 1 && out === "" ? "" : NUMERALS[d]) + UNITS[unit];
    });
    return out;
  }

  /** 二十二 → 22, 七十 → 70, 二〇二六 (before 年) → 2026, 五 (before 月) → 5; null for anything
   * else (五一, 十分, 一百一 — said for 110, written 一百一十). */
  function inDigits(run, next) {
    const value = (c) => (c === "两" ? 2 : NUMERALS.indexOf(c === "零" ? "〇" : c));
    if (/^[〇零一二三四五六七八九]{4}$/u.test(run) && next === "年") return Array.from(run, value).join("");
    if (Array.from(run).length === 1) return COUNTED.test(next) ? String(run === "十" ? 10 : value(run)) : null;
    const m = CHINESE_NUMBER.exec(run);
    if (!m || !/[十百千]/u.test(run)) return null;
    const [, thousands, hundreds, tens, ten, ones] = m;
    const n = (thousands ? value(thousands) * 1000 : 0) + (hundreds ? value(hundreds) * 100 : 0)
      + (ten ? (tens ? value(tens) : 1) * 10 : 0) + (ones ? value(ones) : 0);
    // only the number's written form: read back, it must be what was typed
    return inChinese(String(n), "") === run.replace(/两/gu, "二").replace(/〇/gu, "零") ? String(n) : null;
  }

  /** Where the query holds a number, outside quoted phrases (found only as typed), and the
   * number in the other numerals: [{at, length, other}]. */
  function numbersIn(query) {
    const quoted = [...query.matchAll(QUOTES)].map((m) => [m.index, m.index + m[0].length]);
    const found = [];
    for (const m of query.matchAll(/[0-9０-９]+|[〇零一二两三四五六七八九十百千]+/gu)) {
      const at = m.index, end = at + m[0].length, before = query[at - 1] ?? "", next = query[end] ?? "";
      if (quoted.some(([from, to]) => at >= from && at < to)) continue;
      let other;
      if (/[0-9０-９]/u.test(m[0])) {
        // a number among Chinese text: not part of a code or an amount, nor typed alone
        if (PART_OF.test(before) || PART_OF.test(next) || !(HAN.test(before) || HAN.test(next))) continue;
        other = inChinese(m[0].replace(/[０-９]/gu, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)), next);
      } else {
        other = inDigits(m[0], next);
      }
      if (other) found.push({ at, length: m[0].length, other });
    }
    return found;
  }

  /** The query with its numbers written the other way, one by one and together: readers mix
   * them (十四届 22次), and the paper prints years in digits, craft and sessions in words. */
  function numberForms(query) {
    const numbers = numbersIn(query);
    const masks = numbers.length > MOST_NUMBERS ? [(1 << numbers.length) - 1] : [];
    for (let mask = 1; numbers.length <= MOST_NUMBERS && mask < 1 << numbers.length; mask++) masks.push(mask);
    return masks.map((mask) => {
      let out = "", last = 0;
      numbers.forEach((n, k) => {
        if (!(mask & (1 << k))) return;
        out += query.slice(last, n.at) + n.other;
        last = n.at + n.length;
      });
      return out + query.slice(last);
    });
  }

  /** The articles that match the query's groups of words and the filters, unordered, each
   * with its `base` score (`searchYear`, an article of a 版 ranked last lowered by LAST) and
   * its bm25: `ranked` weighs in the bm25 against the best of all that are ranked together. */
  async function matches(meta, groups, options) {
    const filters = [];
    if (options.reporter && options.reporter.trim()) {
      await readyFor(options.reporter);
      filters.push("@" + spacedWords(normalise(options.reporter)).join(" "));
    }
    if (options.pageName) filters.push("#" + options.pageName);
    if (options.page) filters.push("%p" + options.page); // a 版 by its number (头版: 1)
    if (!groups.length && !filters.length && !options.from && !options.to) return [];
    // from and to: a year (2026) or a month (2026-05), the months of the years between
    let from = bound(options.from), to = bound(options.to);
    const order = (b) => b.year * 10000 + (b.month || 0) * 100 + (b.day || 0);
    if (from && to && order(from) > order(to)) [from, to] = [to, from]; // (picked the other way round: 5月 to 4月)
    const years = meta.years.filter((y) => (!from || y.year >= from.year) && (!to || y.year <= to.year));
    const page = { page: options.page, pageName: options.pageName };
    const perYear = await Promise.all(years.map((y) => searchYear(meta, y, groups, filters, monthRange(y, from, to, page))));
    if (groups.length && (options.sort || "relevance") === "relevance") await rankLast(meta, years, perYear);
    return perYear.flat();
  }

  /** Lists of matches (`matches`: of the query's forms, or of its tries leaving a word out) as
   * one list in the order asked for: each article once, at its best score — its base score
   * and CONTENT × its bm25 against the best bm25 of them all (not of the articles ranked last). */
  function ranked(lists, sort) {
    const all = lists.flat(), counted = (r) => r.base > -LAST / 2;
    let best = 0;
    for (const r of all) if (counted(r)) best = Math.max(best, r.bm25);
    const byKey = new Map();
    for (const r of all) {
      r.score = r.base + (best > 0 && counted(r) ? CONTENT * (r.bm25 / best) : 0);
      const key = r.year + ":" + r.doc, seen = byKey.get(key);
      if (!seen || r.score > seen.score) byKey.set(key, r);
    }
    return sorted([...byKey.values()], sort);
  }

  /** No article holds every word: those that hold all but one of them (each word typed
   * without quotes, or each run of characters that must stand together, left out in turn, in
   * every form of the query's numbers), with `missing`: the words one or another of them
   * lacks, in the query's order. A reader's question names its subject in words the article
   * may not print (`…拿了几个冠军`, the report says `包揽…双冠`). Null for a query of fewer than
   * three such words — left out, one would be the query's only other word —, unless it asked
   * (words of asking, the optional group): a question's subject alone is what it is about
   * (`冬奥会什么时候开幕`). */
  async function allButOne(meta, forms, options) {
    const tries = forms.flatMap((groups) => {
      const parts = droppable(groups);
      if (parts.length < (groups.some((g) => g.optional) ? 2 : 3)) return [];
      return parts.map((part) => [part.text, without(groups, part)]);
    });
    const lists = await Promise.all(tries.map(([, groups]) => matches(meta, groups, options)));
    const missing = [...new Set(tries.filter((_, n) => lists[n].length).map(([text]) => text))];
    if (!missing.length) return null;
    const results = ranked(lists, options.sort || "relevance");
    return { total: results.length, results, groups: forms[0], missing };
  }

  /** The parts of a query `allButOne` may leave out: each word of a group typed
   * without quotes, a run of characters that must stand together as one ({group, words, text}). */
  function droppable(groups) {
    const parts = [];
    groups.forEach((g, n) => {
      if (g.exact || g.optional) return;
      g.words.forEach((w, k) => {
        const run = g.runs.find(([first, end]) => k >= first && k < end);
        if (run && run[0] !== k) return;
        const words = run ? Array.from({ length: run[1] - run[0] }, (_, i) => run[0] + i) : [k];
        parts.push({ group: n, words, text: words.map((i) => g.words[i]).join("") });
      });
    });
    return parts;
  }

  /** The groups without one part (`droppable`): a group left without words goes. */
  function without(groups, part) {
    return groups.flatMap((g, n) => {
      if (n !== part.group) return [g];
      const keep = g.words.map((_, k) => !part.words.includes(k));
      if (!keep.some(Boolean)) return [];
      return [regroup(g, keep)];
    });
  }

  /** A group typed without quotes with only the words `keep` says (runs kept whole or not at all). */
  function regroup(g, keep) {
    const index = [];
    keep.forEach((kept, k) => { if (kept) index.push(k); });
    const moved = new Map(index.map((k, n) => [k, n]));
    const at = index.map((k) => g.rel[k]);
    return {
      words: index.map((k) => g.words[k]),
      rel: at.map((o) => o - at[0]),
      exact: false,
      runs: g.runs.filter(([first]) => moved.has(first)).map(([first, end]) => [moved.get(first), moved.get(end - 1) + 1]),
    };
  }

  /** Results in the order asked for: relevance (then newest), newest or oldest first (an
   * article printed again, by where it stood on the day searched: `at`). */
  /** Results newest first, or oldest first: by the day they were printed, and a day's in the
   * order printed (its front page's lead first, not its last brief). */
  function sorted(results, sort) {
    const newer = (a, b) => b.year - a.year || b.day - a.day;
    const printed = (a, b) => a.at - b.at;
    if (sort === "newest") results.sort((a, b) => newer(a, b) || printed(a, b));
    else if (sort === "oldest") results.sort((a, b) => -newer(a, b) || printed(a, b));
    else results.sort((a, b) => b.score - a.score || newer(a, b) || printed(a, b));
    return results;
  }

  /** The day an article of `year` was printed (as MMDD), from where each of its days starts
   * (`year.months`: [month, start, [day, articles before it in the month, …]]). */
  function dayOf(year, number) {
    if (!year.dayStarts) {
      const starts = []; // [first number, MMDD], rising
      for (const [month, first, days] of year.months || []) {
        const of = days && days.length ? days : [0, 0]; // (a month whose days are not listed: one)
        for (let k = 0; k < of.length; k += 2) starts.push([first + of[k + 1], Number(month) * 100 + of[k]]);
      }
      year.dayStarts = starts;
    }
    const starts = year.dayStarts;
    let low = 0, high = starts.length - 1, day = 0;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (starts[mid][0] <= number) { day = starts[mid][1]; low = mid + 1; } else high = mid - 1;
    }
    return day;
  }

  let metaPromise = null;

  const ArchiveSearch = {
    loadedNames: files.loadedNames,
    normalise,
    readyFor,
    phraseStarts,
    runStands,
    marksOnly,
    bucket,
    setLoader: files.setLoader,
    useScripts: files.useScripts,
    /** How the page loads opencc-js (a function returning a promise): only when a query or a
     * passage holds something it would convert. */
    useConverter(load) { loadConverter = load; },
    /** Load opencc-js now (for scripts that compare conversions). */
    ready() { return withConverter(); },
    /** Forget everything loaded (for measuring a first query again). */
    reset() { files.reset(); lexicons.clear(); metaPromise = null; },
    meta() { return metaPromise || (metaPromise = need("meta")); },

    /** The query's words as the engine will look for them (for showing and testing). */
    async words(query) { return parse(await this.meta(), query); },

    /** {total, results: [{year, doc, score, …}]} sorted by `sort` (relevance|newest|oldest).
     * Filters alone (no words) list every article they let through, newest first. */
    async search(query, options = {}) {
      const meta = await this.meta();
      // 神舟22号 finds 神舟二十二号 too: each article once, at its best score
      const forms = await Promise.all([query, ...numberForms(query)].map((q) => parse(meta, q)));
      const lists = await Promise.all(forms.map((groups) => matches(meta, groups, options)));
      const sort = options.sort || "relevance";
      if (lists.some((list) => list.length)) {
        const results = ranked(lists, sort);
        return { total: results.length, results, groups: forms[0] };
      }
      return (await allButOne(meta, forms, options)) || { total: 0, results: [], groups: forms[0] };
    },

    /** `search` for the query's numbers exactly as typed. */
    async searchAsTyped(query, options = {}) {
      const meta = await this.meta();
      return this.searchGroups(meta, await parse(meta, query), options);
    },

    /** `search` for the query's groups of words (`parse`). */
    async searchGroups(meta, groups, options = {}) {
      const results = ranked([await matches(meta, groups, options)], options.sort || "relevance");
      return { total: results.length, results, groups };
    },

    /** Everyone named in a byline, most articles first: [[name, count], …]. */
    names() { return need("names"); },
  };

  Object.assign(global.ArchiveSearch, ArchiveSearch);
})(typeof globalThis !== "undefined" ? globalThis : this);
