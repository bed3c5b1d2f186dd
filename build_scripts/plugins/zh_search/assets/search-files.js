/* The search index's files in the reader's browser: loading them and reading their word lists.
 *
 * Every file of the index (written by build_scripts/plugins/zh_search/index_files.py; its
 * format is in maintainers/search-index.md) is a script calling ArchiveSearch.loaded(name,
 * data). Browsers load scripts from file://, where they refuse fetch(), so the same files
 * serve a web server and the offline bundle. search.js (the query) builds on this.
 */
(function (global) {
  "use strict";

  const FNV_OFFSET = 0x811c9dc5, FNV_PRIME = 0x01000193;

  const store = new Map(); // file name → its data, once loaded
  const waiting = new Map(); // file name → {promise, resolve, reject}
  let fetchFile = null; // (name, failed) → starts loading the file; set by setLoader
  const loadedNames = []; // in order: what a query made the browser load

  const KEPT_FILES = 3000; // a long session forgets the oldest year files beyond this many

  function loaded(name, data) {
    store.set(name, data);
    if (store.size > KEPT_FILES) forgetOldest();
    const wait = waiting.get(name);
    if (wait) {
      waiting.delete(name);
      wait.resolve(data);
    }
  }

  /** Drop the oldest half of the loaded year files (word lists, articles) and every decoded
   * list: a reader who searches all afternoon keeps a browser tab of bounded size. */
  function forgetOldest() {
    const years = [...store.keys()].filter((name) => /^\d{4}\//.test(name));
    for (const name of years.slice(0, years.length >> 1)) store.delete(name);
    lists.clear();
  }

  function need(name) {
    if (store.has(name)) return Promise.resolve(store.get(name));
    let wait = waiting.get(name);
    if (!wait) {
      wait = {};
      wait.promise = new Promise((resolve, reject) => { wait.resolve = resolve; wait.reject = reject; });
      waiting.set(name, wait);
      loadedNames.push(name);
      fetchFile(name, (error) => { waiting.delete(name); wait.reject(error); });
    }
    return wait.promise;
  }

  /** In a page: each file is a <script> next to `base` (a URL ending in /). The index's key
   * (a digest of what it indexes) tells a browser's cache one index's files from another's:
   * `meta` is loaded anew on each page (a query string of its own), and names the key that
   * every other file is then asked for with (`?v=KEY`). The pages themselves do not name it:
   * a new article would otherwise change every page of the site (and a year's pages could not
   * be kept from the last build: ship/sharded_build.py). */
  function scriptLoader(base) {
    const anew = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
    const add = (name, version, failed) => {
      const script = document.createElement("script");
      script.src = base + name + ".js?v=" + version;
      script.async = true;
      script.onload = () => script.remove();
      script.onerror = () => { script.remove(); failed(new Error("search index file missing: " + name)); };
      document.head.appendChild(script);
    };
    return (name, failed) => {
      if (name === "meta") add(name, anew, failed);
      else need("meta").then((meta) => add(name, meta.key, failed), failed);
    };
  }

  /** The file a word is in: 32-bit FNV-1a over its code points (postings.py, `bucket`). */
  function bucket(word, buckets) {
    let h = FNV_OFFSET;
    for (const ch of word) h = Math.imul(h ^ ch.codePointAt(0), FNV_PRIME) >>> 0;
    return h % buckets;
  }

  // ---------------------------------------------------------------------------------------
  // Word lists
  // ---------------------------------------------------------------------------------------

  function decodeBase64(text) {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  function reader(bytes, at = 0) {
    return {
      get at() { return at; },
      next() {
        let n = 0, shift = 0, b;
        do { b = bytes[at++]; n += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
        return n;
      },
      skip(n) { at += n; },
    };
  }

  const TITLE = 1, BYLINE = 2;

  /** A word's articles in one year: ids, tf/fields, and (if loaded) offsets. */
  function decodeList(bytes, withCounts) {
    const read = reader(bytes);
    const count = read.next();
    const docs = new Int32Array(count);
    const info = withCounts ? new Int32Array(count) : null;
    let doc = -1;
    for (let i = 0; i < count; i++) {
      doc += read.next() + 1;
      docs[i] = doc;
      if (withCounts) info[i] = read.next();
    }
    return { docs, info, rest: bytes.subarray(read.at) };
  }

  /** A word in very many of the year's articles: a bitmap, then the articles holding it in
   * the headline and in the byline. Its counts are not kept: each article counts it once
   * until its offsets are read (withOffsets). */
  function decodeDense(bytes, articles) {
    const read = reader(bytes);
    const count = read.next();
    const docs = new Int32Array(count), info = new Int32Array(count).fill(1 << 3);
    const start = read.at, size = (articles + 7) >> 3;
    let i = 0;
    for (let b = 0; b < size; b++) {
      for (let bits = bytes[start + b]; bits; bits &= bits - 1) docs[i++] = (b << 3) + 31 - Math.clz32(bits & -bits);
    }
    read.skip(size);
    for (const flag of [TITLE, BYLINE]) {
      let doc = -1, j = 0;
      for (let n = read.next(); n > 0; n--) {
        doc += read.next() + 1;
        while (docs[j] < doc) j++;
        info[j] |= flag;
      }
    }
    return { docs, info, rest: bytes.subarray(read.at) };
  }

  /** A dense list's offsets, kept with it: each article's count of the word is read from them.
   * (Offsets kept apart leave the counts at one, so that a query ranks the same whether or
   * not an earlier one loaded them.) */
  function withOffsets(list, bytes) {
    list.offsets = decodeOffsets(bytes, null, list.docs.length);
    list.offsets.forEach((found, i) => { list.info[i] = (found.length << 3) | (list.info[i] & 7); });
  }

  /** Each article's offsets, in order. `info` gives how many an article has; without it (a
   * dense word) the number stands before each article's offsets. */
  function decodeOffsets(bytes, info, articles) {
    const read = reader(bytes);
    const offsets = [];
    for (let i = 0; i < articles; i++) {
      const tf = info ? info[i] >> 3 : read.next();
      const list = new Int32Array(tf);
      let previous = 0;
      for (let k = 0; k < tf; k++) { previous += read.next(); list[k] = previous; }
      offsets.push(list);
    }
    return offsets;
  }

  const lists = new Map(); // "year word" → decoded list

  /** A word's list in a year: {docs, info, offsets (null until loaded), apart, dense}. */
  async function wordList(meta, year, word, wantOffsets) {
    const key = year.year + " " + word;
    let list = lists.get(key);
    if (!list) {
      const n = bucket(word, year.files);
      const shard = await need(year.year + "/" + n);
      const entry = shard[word];
      if (entry === undefined) list = { docs: new Int32Array(0), info: new Int32Array(0), offsets: [], apart: false };
      else if (entry[0] === "~") {
        const apart = entry[1] === "!";
        const decoded = decodeDense(decodeBase64(entry.slice(apart ? 2 : 1)), year.articles);
        list = { docs: decoded.docs, info: decoded.info, offsets: null, apart, dense: true, shard: n };
        if (!apart) withOffsets(list, decoded.rest);
      } else {
        const filter = word[0] === "@" || word[0] === "#" || word[0] === "%";
        const apart = entry[0] === "!";
        const decoded = decodeList(decodeBase64(apart ? entry.slice(1) : entry), !filter);
        list = { docs: decoded.docs, info: decoded.info, offsets: null, apart, shard: n };
        if (!filter && !apart) list.offsets = decodeOffsets(decoded.rest, decoded.info, decoded.docs.length);
      }
      lists.set(key, list);
    }
    if (wantOffsets && !list.offsets) {
      const other = await need(year.year + "/o" + list.shard);
      list.offsets = decodeOffsets(decodeBase64(other[word]), list.dense ? null : list.info, list.docs.length);
    }
    return list;
  }

  global.ArchiveSearch = Object.assign(global.ArchiveSearch || {}, { loaded });
  global.ArchiveSearchFiles = {
    need, bucket, wordList, loadedNames, decodeBase64, reader,
    setLoader(loader) { fetchFile = loader; },
    useScripts(base) { fetchFile = scriptLoader(base); },
    reset() { store.clear(); lists.clear(); loadedNames.length = 0; },
  };
})(typeof globalThis !== "undefined" ? globalThis : this);
