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

  /** In a page: each file is a <script> next to `base` (a URL ending in /). */
  function scriptLoader(base, version) {
    return (name, failed) => {
      const script = document.createElement("script");
      script.src = base + name + ".js" + (version ? "?v=" + version : "");
      script.async = true;
      script.onload = () => script.remove();
      script.onerror = () => { script.remove(); failed(new Error("search index file missing: " + name)); };
      document.head.appendChild(script);
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

  /** A word's articles in one year: ids, tf/fields, and (if loaded) offsets. */
  function decodeList(bytes, withCounts) {
    let at = 0;
    const next = () => {
      let n = 0, shift = 0, b;
      do { b = bytes[at++]; n += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
      return n;
    };
    const count = next();
    const docs = new Int32Array(count);
    const info = withCounts ? new Int32Array(count) : null;
    let doc = -1;
    for (let i = 0; i < count; i++) {
      doc += next() + 1;
      docs[i] = doc;
      if (withCounts) info[i] = next();
    }
    return { docs, info, rest: bytes.subarray(at) };
  }

  function decodeOffsets(bytes, info) {
    let at = 0;
    const next = () => {
      let n = 0, shift = 0, b;
      do { b = bytes[at++]; n += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
      return n;
    };
    const offsets = [];
    for (let i = 0; i < info.length; i++) {
      const tf = info[i] >> 3;
      const list = new Int32Array(tf);
      let previous = 0;
      for (let k = 0; k < tf; k++) { previous += next(); list[k] = previous; }
      offsets.push(list);
    }
    return offsets;
  }

  const lists = new Map(); // "year word" → decoded list

  async function wordList(meta, year, word, wantOffsets) {
    const key = year.year + " " + word;
    let list = lists.get(key);
    if (!list) {
      const n = bucket(word, year.files);
      const shard = await need(year.year + "/" + n);
      const entry = shard[word];
      if (entry === undefined) list = { docs: new Int32Array(0), info: new Int32Array(0), offsets: [], apart: false };
      else {
        const filter = word[0] === "@" || word[0] === "#";
        const apart = entry[0] === "!";
        const decoded = decodeList(decodeBase64(apart ? entry.slice(1) : entry), !filter);
        list = { docs: decoded.docs, info: decoded.info, offsets: null, apart, shard: n };
        if (!filter && !apart) list.offsets = decodeOffsets(decoded.rest, decoded.info);
      }
      lists.set(key, list);
    }
    if (wantOffsets && !list.offsets) {
      const other = await need(year.year + "/o" + list.shard);
      list.offsets = decodeOffsets(decodeBase64(other[word]), list.info);
    }
    return list;
  }

  global.ArchiveSearch = Object.assign(global.ArchiveSearch || {}, { loaded });
  global.ArchiveSearchFiles = {
    need, bucket, wordList, loadedNames,
    setLoader(loader) { fetchFile = loader; },
    useScripts(base, version) { fetchFile = scriptLoader(base, version); },
    reset() { store.clear(); lists.clear(); loadedNames.length = 0; },
  };
})(typeof globalThis !== "undefined" ? globalThis : this);
