/* The search box in the header of every page and the search page (检索), over search.js.
 *
 * Everything shown comes from the index as text (textContent, never innerHTML): headlines and
 * article text are the archive's source text, which may hold anything. The page's settings
 * come from the <script type="application/json" id="zh-search-config"> our templates write:
 * where the index and the search page are, and whether the site has
 * directory URLs (hosted) or .html files (the offline bundle).
 */
(function () {
  "use strict";

  const NO_TITLE = "（无标题）";
  const PAGE_SIZE = 10;
  const BOX_RESULTS = 8;
  const NO_RESULTS = "没有找到符合条件的文章";

  const configElement = document.getElementById("zh-search-config");
  if (!configElement || !window.ArchiveSearch) return;
  const config = JSON.parse(configElement.textContent);
  const here = (url) => new URL(url, location.href).href;
  const engine = window.ArchiveSearch;
  engine.useScripts(here(config.index));

  // opencc-js (traditional → simplified) is loaded only for a query, or a passage, holding
  // something it would convert — not for the many searches typed in simplified characters.
  engine.useConverter(() => new Promise((resolve) => {
    const script = document.createElement("script");
    script.src = here(config.opencc);
    script.onload = script.onerror = () => resolve();
    document.head.appendChild(script);
  }));

  // --------------------------------------------------------------------------------------
  // One result as the reader sees it
  // --------------------------------------------------------------------------------------

  function articleHref(url) {
    return here(config.base + (config.directoryUrls ? url : url.replace(/\/$/, ".html")));
  }

  /** A result's link: to its article, and there to the sub-head of the section that matched. */
  function resultHref(article) {
    const href = articleHref(article.u);
    return article.section ? href + "#" + encodeURIComponent(article.section.anchor) : href;
  }

  function chineseDate(iso) {
    const [y, m, d] = iso.split("-").map(Number);
    return `${y}年${m}月${d}日`;
  }

  function pageLabel(page, name) {
    if (page === null || page === undefined) return name || "";
    return `第${page}版` + (name ? " " + name : "");
  }

  /** Another place an identical article was printed ([url, date, 版, 版名] of `article.a`):
   * 第2版 on the same day, with its date on another. */
  function elsewhere(article, [, date, page, name]) {
    return (date === article.d ? "" : chineseDate(date)) + (page === null || page === undefined ? name || "" : `第${page}版`);
  }

  /** 又见第2版: where else an identical article was printed ("" if nowhere). */
  function alsoPrinted(article) {
    if (!article.a || !article.a.length) return "";
    return "又见" + [...new Set(article.a.map((place) => elsewhere(article, place)))].join("、");
  }

  function details(article) {
    const line = [chineseDate(article.d), pageLabel(article.p, article.n), article.b, alsoPrinted(article)];
    return line.filter(Boolean).join(" · ");
  }

  /** [text, marked] pieces as text and <mark>s, into `element`. */
  function marked(element, pieces, squeeze) {
    for (const [text, mark] of pieces) {
      const shown = squeeze ? text.replace(/\s+/g, " ") : text;
      if (!mark) { element.append(shown); continue; }
      const highlight = document.createElement("mark");
      highlight.textContent = shown;
      element.append(highlight);
    }
    return element;
  }

  /** The headline into `element`, the query's words in it marked; then the sub-head of the
   * section that matched (环球扫描 › 美媒：美伊框架协议…: which item of a column of short news). */
  function headline(element, article) {
    if (!article.t) element.textContent = NO_TITLE;
    else marked(element, article.title, false);
    if (article.section) {
      const section = document.createElement("span");
      section.className = "zh-search-section";
      section.textContent = " › " + article.section.heading;
      element.append(section);
    }
    return element;
  }

  /** The passage of the article's text where the query stands, what matched marked. */
  function snippet(article) {
    const paragraph = document.createElement("p");
    paragraph.className = "zh-search-snippet";
    if (article.before) paragraph.append("…");
    marked(paragraph, article.passage, true);
    if (article.after) paragraph.append("…");
    return paragraph;
  }

  /** What to try when nothing was found, for what was asked. */
  function noResults(query, filtered) {
    const hints = ["检查用字是否有误", "减少检索词"];
    if (filtered) hints.push("去掉部分筛选条件");
    if (/["“「『]/.test(query)) hints.push("引号内的短语须与原文一字不差，可去掉引号再试");
    // Small Latin letters only: a reader trying pinyin, which the index does not hold (APEC is a word).
    if (/^[\sa-z']+$/.test(query) && /[aeiouv]/.test(query)) hints.push("用汉字检索（不支持拼音）");
    // 繁体 and 简体 are matched already, and so are numbers (22, 二十二): retyping them is no use.
    return `${NO_RESULTS}。可${hints.join("，")}。（繁体字、简体字已互相对应；数字写作22或二十二均可。）`;
  }

  /** What the results are, when no article holds every word (the engine's `allButOne`). */
  function allButOne(found) {
    const which = found.missing.map((w) => `「${w}」`).join("或");
    return `没有文章含全部检索词；以下 ${found.total} 篇文章缺其中一个（${which}）`;
  }

  // --------------------------------------------------------------------------------------
  // A day the query names: a link to that day's issue, where the archive holds it
  // --------------------------------------------------------------------------------------

  // 2026-05-12, 2026/5/12, 2026.5.12, 2026年5月12日, 20260512; then 5月12日 (号) of any year held. Read
  // in the text as typed (full-width digits too): the words left are searched as typed.
  const D = "[0-9０-９]";
  const FULL_DATE = new RegExp(`(?<!${D})(${D}{4})\\s*(?:[-/.／．－]\\s*(${D}{1,2})\\s*[-/.／．－]\\s*(${D}{1,2})(?!${D})`
    + `|年\\s*(${D}{1,2})\\s*月\\s*(${D}{1,2})\\s*[日号]?)`, "g");
  const MONTH_DAY = new RegExp(`(?<!${D})(${D}{1,2})\\s*月\\s*(${D}{1,2})\\s*[日号]`, "g");
  // 20260512, as file names write a day: eight digits (ASCII) standing alone between spaces,
  // the query's ends or its commas, that make a day of the calendar — not 订单号20260512 or
  // 20260512-001; any other run of digits is a number of the text, never said to be no day
  const COMPACT_DATE = /(?<=^|[\s,，、;；])((?:18|19|20)[0-9]{2})(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])(?=$|[\s,，、;；])/g;
  const MOST_ISSUES = 5;
  const number = (digits) => Number(digits.normalize("NFKC"));

  /** Is it a day of the calendar (not 2月30日)? A year of null: any year (2月29日 is one). */
  function isDay(year, month, day) {
    const date = new Date(Date.UTC(year ?? 2000, month - 1, day));
    return month >= 1 && month <= 12 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  }

  /** The days the query names ([year or null, month, day] each, in order) and the query
   * without them. */
  function datesIn(query) {
    const days = [];
    const rest = query.replace(FULL_DATE, (all, year, m1, d1, m2, d2) => {
      days.push([number(year), number(m1 || m2), number(d1 || d2)]);
      return " ";
    }).replace(COMPACT_DATE, (all, year, month, day) => {
      if (!isDay(number(year), number(month), number(day))) return all;
      days.push([number(year), number(month), number(day)]);
      return " ";
    }).replace(MONTH_DAY, (all, month, day) => {
      days.push([null, number(month), number(day)]);
      return " ";
    });
    return { days: days.filter(([year, month, day]) => isDay(year, month, day)), rest };
  }

  /** The dates with their year that the query names and the calendar has not (2026年5月32日,
   * 2026-02-30): a reader meant a day, and is told there is none — nothing is searched. (A
   * month and day without a year, 2月30日, stay words of the text: `5月32日` is no date.) */
  function noSuchDays(query) {
    const wrong = [];
    query.replace(FULL_DATE, (all, year, m1, d1, m2, d2) => {
      const day = [number(year), number(m1 || m2), number(d1 || d2)];
      if (!isDay(...day)) wrong.push(day);
      return " ";
    });
    return wrong;
  }

  const notADay = (wrong) => `没有${wrong.map(dayLabel).join("、")}这一天：请检查日期。`;

  const daysNamed = (query) => datesIn(query).days;

  /** Is the query a date and nothing else (`2026-05-12`)? Its words are no search of the text. */
  function onlyDates(query) {
    const { days, rest } = datesIn(query);
    return days.length > 0 && !rest.replace(/[\s,，、;；]/g, "");
  }

  /** Has `year` an issue on that day? (`year.months`: [month, start, [day, offset, …]]) */
  function hasIssue(year, month, day) {
    const entry = (year.months || []).find(([m]) => Number(m) === month);
    return Boolean(entry && (entry[2] || []).some((d, k) => k % 2 === 0 && d === day));
  }

  /** The issues of the days the query names ({held: [[y, m, d]…], missing: days named with a
   * year that the archive lacks}); a day named without a year, in every year that has it,
   * newest first. */
  function issuesNamed(meta, query) {
    const held = [], missing = [], seen = new Set();
    for (const [year, month, day] of daysNamed(query)) {
      const years = meta.years.filter((y) => year === null || y.year === year).sort((a, b) => b.year - a.year);
      let found = false;
      for (const y of years) {
        if (!hasIssue(y, month, day)) continue;
        found = true;
        const key = `${y.year}-${month}-${day}`;
        if (!seen.has(key)) { seen.add(key); held.push([y.year, month, day]); }
      }
      if (!found && year !== null) missing.push([year, month, day]);
    }
    return { held: held.slice(0, MOST_ISSUES), missing };
  }

  /** A query naming one day, with its year, of which the archive holds the issue
   * (`2026年5月12日 头版`): its other words are searched in that issue ({query, day: the
   * bound `2026-05-12`}); any other query as it is — one naming two days too. A date with its
   * year is the paper of that day: articles seldom print one (`5月12日电`, a day named
   * without its year, is text — unless the query names a 版 too, `page`, and one year of the
   * archive has that day's issue). */
  function narrowed(meta, query, page) {
    const { days, rest } = datesIn(query);
    if (days.length !== 1) return { query, day: "" };
    let [year, month, day] = days[0];
    if (year === null) {
      const years = page ? meta.years.filter((y) => hasIssue(y, month, day)) : [];
      if (years.length !== 1) return { query, day: "" };
      year = years[0].year;
    }
    const held = meta.years.find((y) => y.year === year);
    if (!held || !hasIssue(held, month, day)) return { query, day: "" };
    return { query: rest.trim(), day: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` };
  }

  // 头版, 第四版, 第4版 standing alone in a query (once the paper's own name is left out:
  // `人民日报头版`): the 版 of that number, not words of the text
  // (头版头条, the front page's lead, is the front page: its articles come in the order printed)
  const PAGE_NAMED = new RegExp(`(^|[\\s日])(头版(?:头条)?|第([一二三四五六七八九十两]{1,3}|${D}{1,3})版)(?=\\s|$)`);
  const HAN_DIGITS = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

  /** A number up to 99 as printed (`4`, `４`, `四`, `十二`, `二十`), or 0. */
  function hanNumber(text) {
    if (new RegExp(`^${D}+$`).test(text)) return number(text);
    const [tens, ones] = text.includes("十") ? text.split("十") : [null, text];
    const digit = (c) => (c in HAN_DIGITS ? HAN_DIGITS[c] : NaN);
    const value = tens === null ? digit(ones) : (tens ? digit(tens) : 1) * 10 + (ones ? digit(ones) : 0);
    return Number.isFinite(value) ? value : 0;
  }

  /** The query without the 版 it names, and then without the paper's own name (every article
   * is the paper's): {query, page}, page 0 when it names none. */
  function pageNamed(query) {
    const text = config.paper ? query.split(config.paper).join(" ") : query;
    const m = PAGE_NAMED.exec(text);
    const page = !m ? 0 : m[2].startsWith("头版") ? 1 : hanNumber(m[3]);
    if (!page) return { query, page: 0 };
    return { query: (text.slice(0, m.index + m[1].length) + " " + text.slice(m.index + m[0].length)).trim(), page };
  }

  /** The query without a 版 it names by its name and 版 (`理论版`, `要闻版`: a name of the
   * archive's 版, `meta.pageNames`, standing alone in the query): {query, pageName}, pageName ""
   * when it names none. The name alone (`理论`) is a word of the text — unless the query names
   * an issue or a 版 by its number too (`2026年5月20日 副刊`, `5月20日 副刊`, `第20版 副刊`, as
   * the paper heads a 版): then it is the 版 asked for. */
  function pageNameNamed(meta, query) {
    const byName = pageNameAt(meta, query, "版");
    if (byName.pageName) return byName;
    const bare = pageNameAt(meta, query, "");
    if (!bare.pageName) return byName;
    const named = pageNamed(bare.query);
    return named.page || narrowed(meta, named.query, bare.pageName).day ? bare : byName;
  }

  function pageNameAt(meta, query, suffix) {
    const text = config.paper ? query.split(config.paper).join(" ") : query; // (人民日报理论版)
    const names = (meta.pageNames || []).map(([name]) => name).sort((a, b) => b.length - a.length);
    for (const name of names) {
      for (let at = text.indexOf(name + suffix); at >= 0; at = text.indexOf(name + suffix, at + 1)) {
        const end = at + name.length + suffix.length;
        if ((at === 0 || /[\s日]/.test(text[at - 1])) && (end === text.length || /\s/.test(text[end]))) {
          return { query: (text.slice(0, at) + " " + text.slice(end)).trim(), pageName: name };
        }
      }
    }
    return { query, pageName: "" };
  }

  /** `engine.search` of the query, on the 版 it names (`pageNamed`, `pageNameNamed`), in the
   * issue of the day it names (`narrowed`), which takes the place of a time filter: a day alone
   * lists that issue's articles in the order printed, unless a date order is asked for. A
   * date that is no day (`noSuchDays`) finds nothing. */
  async function searchIn(meta, query, options = {}) {
    if (noSuchDays(query).length) return { total: 0, results: [] };
    const byName = pageNameNamed(meta, query);
    const named = pageNamed(byName.query);
    const { query: words, day } = narrowed(meta, named.query, named.page || byName.pageName);
    let on = named.page ? { ...options, page: named.page } : options;
    if (byName.pageName) on = { ...on, pageName: byName.pageName };
    const pageName = byName.pageName;
    const sort = words || (on.sort && on.sort !== "relevance") ? on.sort : "oldest";
    if (day) return { ...(await engine.search(words, { ...on, from: day, to: day, sort })), day, pageName };
    return { ...(await engine.search(named.page || byName.pageName ? named.query : query, on)), pageName };
  }

  /** The address of a day's issue; at the 版 `query` names, if it names one by its number
   * (`5月12日 第5版`, `头版`: the issue page's `page-N` anchors). */
  function issueHref([year, month, day], query = "") {
    const folder = `${year}/${String(month).padStart(2, "0")}/${String(day).padStart(2, "0")}/`;
    const onPage = query ? pageNamed(query).page : 0;
    return here(config.base + folder + (config.directoryUrls ? "" : "index.html")) + (onPage ? `#page-${onPage}` : "");
  }

  const dayLabel = ([year, month, day]) => `${year}年${month}月${day}日`;
  const lacking = (missing) => missing.length ? `本库没有${missing.map(dayLabel).join("、")}的报纸。` : "";

  // --------------------------------------------------------------------------------------
  // The box in the header: the first results as you type, Enter for the search page
  // --------------------------------------------------------------------------------------

  function searchPageHref(params) {
    const url = new URL(here(config.page));
    for (const [key, value] of Object.entries(params)) if (value) url.searchParams.set(key, value);
    return url.href;
  }

  function setUpBox(box) {
    const input = box.querySelector(".md-search__input");
    const meta = box.querySelector(".md-search-result__meta");
    const list = box.querySelector(".md-search-result__list");
    const toggle = document.getElementById("__search");
    const form = box.querySelector("form");
    let timer = null, latest = 0;
    const open = (on) => { if (toggle) toggle.checked = on; };

    input.addEventListener("focus", () => open(true));
    // The header's magnifier (small screens) checks the toggle: the box opens, focus it.
    if (toggle) toggle.addEventListener("change", () => { if (toggle.checked) input.focus(); });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (input.value.trim()) location.href = searchPageHref({ q: input.value.trim() });
    });
    form.addEventListener("reset", () => { list.replaceChildren(); meta.textContent = config.placeholder; box.dataset.shown = ""; });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Escape") { open(false); input.blur(); }
      if (event.key === "ArrowDown" && list.querySelector("a")) { event.preventDefault(); list.querySelector("a").focus(); }
    });
    // Up and down move between the results, as in Material's own search.
    list.addEventListener("keydown", (event) => {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      const links = [...list.querySelectorAll("a.md-search-result__link")];
      const at = links.indexOf(document.activeElement);
      event.preventDefault();
      if (event.key === "ArrowUp" && at <= 0) input.focus();
      else links[Math.min(links.length - 1, at + (event.key === "ArrowDown" ? 1 : -1))].focus();
    });
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => run(input.value), 150);
    });
    document.addEventListener("keydown", (event) => {
      const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement?.tagName || "");
      if (!typing && (event.key === "/" || event.key === "s") && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        event.stopImmediatePropagation();
        input.focus();
      }
    }, true);

    async function run(query) {
      const mine = ++latest;
      if (!query.trim()) { list.replaceChildren(); meta.textContent = config.placeholder; box.dataset.shown = ""; return; }
      const index = await engine.meta();
      const issues = issuesNamed(index, query);
      let found = await searchIn(index, query);
      // a date alone is no search of the text: articles lacking one of its numbers are no answer
      if (onlyDates(query) && found.missing) found = { total: 0, results: [] };
      const shown = found.results.slice(0, BOX_RESULTS);
      const articles = await Promise.all(shown.map((r) => engine.article(r)));
      if (mine !== latest) return;
      meta.replaceChildren();
      if (!found.total) {
        // (a date alone that names an issue: the link to it is the answer)
        const wrong = noSuchDays(query);
        meta.textContent = wrong.length ? notADay(wrong)
          : lacking(issues.missing) + (onlyDates(query) && issues.held.length ? "" : noResults(query, false));
      } else {
        if (issues.missing.length) meta.append(lacking(issues.missing) + " ");
        meta.append(found.missing ? `${allButOne(found)} ` : `找到 ${found.total} 篇文章 `);
        const all = document.createElement("a");
        all.href = searchPageHref({ q: query.trim() });
        all.className = "zh-search-all";
        all.textContent = "全部结果（可筛选、排序）→";
        meta.append(all);
      }
      list.replaceChildren(...issues.held.map((day) => issueItem(day, query)), ...articles.map(boxItem));
      box.dataset.shown = query; // what the results are for (tests and assistive tools wait on it)
    }
  }

  /** One item of the box's list: a link to `href`, its headline, a line of details and what
   * else `parts` adds (a result's passage). */
  function boxEntry(className, href, title, detailsLine, ...parts) {
    const item = document.createElement("li");
    item.className = className;
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = href;
    const body = document.createElement("article");
    body.className = "md-search-result__article md-typeset";
    const line = document.createElement("p");
    line.className = "zh-search-details";
    line.textContent = detailsLine;
    body.append(title, line, ...parts);
    link.append(body);
    item.append(link);
    return item;
  }

  /** A day's issue, first in the box's list: a link to its table of contents (at the 版
   * the query names). */
  function issueItem(day, query) {
    const title = document.createElement("h1");
    title.textContent = `${dayLabel(day)}的报纸`;
    return boxEntry("md-search-result__item zh-search-issue", issueHref(day, query), title, "本期目录：各版及其文章");
  }

  function boxItem(article) {
    const title = headline(document.createElement("h1"), article);
    return boxEntry("md-search-result__item", resultHref(article), title, details(article), snippet(article));
  }

  // --------------------------------------------------------------------------------------
  // The search page: filters, sort, pages; its state lives in the address (shareable)
  // --------------------------------------------------------------------------------------

  async function setUpPage(root) {
    const form = root.querySelector("form");
    const status = root.querySelector(".zh-search-status");
    const list = root.querySelector(".zh-search-results");
    const pager = root.querySelector(".zh-search-pager");
    const issues = root.querySelector(".zh-search-issues");
    const meta = await engine.meta();
    // a year, or one of its months (2026-05): the months the archive holds
    for (const name of ["from", "to"]) {
      const select = form.elements[name];
      for (const { year, months } of meta.years) {
        select.append(new Option(`${year}年`, String(year)));
        for (const [month] of months || []) select.append(new Option(`${year}年${Number(month)}月`, `${year}-${month}`));
      }
    }
    for (const [name, count] of meta.pageNames) form.elements.page_name.append(new Option(`${name}（${count}）`, name));
    form.elements.reporter.addEventListener("focus", async () => {
      const datalist = root.querySelector("#zh-search-names");
      if (datalist.childElementCount) return;
      const names = await engine.names();
      datalist.replaceChildren(...names.map(([name]) => new Option(name)));
    }, { once: true });

    const state = () => Object.fromEntries(new URL(location.href).searchParams);
    // The search as the address holds it: the fields in form order, only those set.
    const canonical = (params) => {
      const out = new URLSearchParams();
      for (const key of ["q", "from", "to", "reporter", "page_name", "sort", "p"]) {
        const value = (params[key] || "").trim();
        if (value && !(key === "sort" && value === "relevance") && !(key === "p" && value === "1")) out.set(key, value);
      }
      return out;
    };
    function fill(params) {
      for (const name of ["q", "from", "to", "reporter", "page_name", "sort"]) form.elements[name].value = params[name] || "";
      // a month typed without its zero (from=2025-5) is the option 2025-05
      for (const name of ["from", "to"]) form.elements[name].value = (params[name] || "").replace(/^(\d{4})-(\d)$/, "$1-0$2");
      if (!form.elements.sort.value) form.elements.sort.value = "relevance";
    }
    function go(params, push) {
      const url = new URL(location.href);
      url.search = canonical(params).toString();
      if (push) history.pushState(null, "", url.href);
      show(params);
    }
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const params = Object.fromEntries(new FormData(form));
      go(params, true);
    });
    for (const name of ["from", "to", "page_name", "sort"]) {
      form.elements[name].addEventListener("change", () => form.requestSubmit());
    }
    window.addEventListener("popstate", () => { fill(state()); show(state()); });

    let latest = 0;
    async function show(params) {
      const mine = ++latest;
      const query = (params.q || "").trim();
      const filtered = Boolean(params.reporter || params.page_name || params.from || params.to);
      if (!query && !filtered) {
        status.textContent = "输入要检索的词语：多个词用空格分开，须全部出现；用引号（\"…\"）检索一个完整的短语；"
          + "加上日期（2026年5月12日）只查当天的报纸，加上版次（头版、第四版）或版名（理论版）只查该版。";
        list.replaceChildren();
        pager.replaceChildren();
        issues.replaceChildren();
        root.dataset.shown = "";
        return;
      }
      status.textContent = "正在检索…";
      let found = await searchIn(meta, query, {
        from: params.from || undefined, to: params.to || undefined,
        reporter: params.reporter, pageName: params.page_name, sort: params.sort || "relevance",
      });
      if (onlyDates(query) && found.missing) found = { total: 0, results: [] }; // (as in the box)
      const named = issuesNamed(meta, query);
      const pages = Math.max(1, Math.ceil(found.total / PAGE_SIZE));
      const page = Math.min(pages, Math.max(1, Number(params.p) || 1));
      const shown = found.results.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
      const articles = await Promise.all(shown.map((r) => engine.article(r)));
      if (mine !== latest) return;
      const count = found.missing ? allButOne(found) : `共 ${found.total} 篇文章`;
      status.textContent = found.total ? `${count}，第 ${page} / ${pages} 页`
        : noSuchDays(query).length ? notADay(noSuchDays(query))
        : onlyDates(query) && named.held.length ? "" : noResults(query, filtered);
      // (a day the query names is searched in place of the time filter: say so)
      if (found.day && (params.from || params.to)) status.append("（检索词中的日期代替了时间筛选）");
      if (found.pageName && params.page_name && params.page_name !== found.pageName) {
        status.append("（检索词中的版名代替了版面筛选）");
      }
      issues.replaceChildren();
      if (named.held.length) {
        issues.append("报纸：");
        named.held.forEach((day, n) => {
          if (n) issues.append("、");
          const link = document.createElement("a");
          link.href = issueHref(day, query);
          link.textContent = `${dayLabel(day)} →`;
          issues.append(link);
        });
      }
      if (named.missing.length) issues.append((named.held.length ? " " : "") + lacking(named.missing));
      list.start = (page - 1) * PAGE_SIZE + 1;
      list.replaceChildren(...articles.map(pageItem));
      pager.replaceChildren();
      if (pages > 1) {
        const link = (label, number, rel) => {
          const a = document.createElement("a");
          a.textContent = label;
          a.rel = rel;
          a.className = "md-button";
          a.href = "?" + canonical({ ...params, p: String(number) }).toString();
          a.addEventListener("click", (event) => { event.preventDefault(); go({ ...params, p: String(number) }, true); window.scrollTo(0, 0); });
          return a;
        };
        if (page > 1) pager.append(link("上一页", page - 1, "prev"));
        if (page < pages) pager.append(link("下一页", page + 1, "next"));
      }
      root.dataset.shown = canonical(params).toString(); // what is shown (tests wait on it)
    }

    fill(state());
    show(state());
  }

  function pageItem(article) {
    const item = document.createElement("li");
    item.className = "zh-search-result";
    const title = document.createElement("h2");
    const link = headline(document.createElement("a"), article);
    link.href = resultHref(article);
    title.append(link);
    const line = document.createElement("p");
    line.className = "zh-search-details";
    line.append([chineseDate(article.d), pageLabel(article.p, article.n), article.b].filter(Boolean).join(" · "));
    const also = alsoLinks(article);
    if (also) line.append(" · ", also);
    item.append(title, line, snippet(article));
    return item;
  }

  /** 又见 with a link to each other place the article was printed (the search page; in the
   * box a result is one link already, and says it in words). */
  function alsoLinks(article) {
    if (!article.a || !article.a.length) return null;
    const span = document.createElement("span");
    span.className = "zh-search-also";
    span.append("又见");
    article.a.forEach((place, n) => {
      if (n) span.append("、");
      const link = document.createElement("a");
      link.href = articleHref(place[0]);
      link.textContent = elsewhere(article, place);
      span.append(link);
    });
    return span;
  }

  for (const box of document.querySelectorAll(".zh-search-box")) setUpBox(box);
  const page = document.getElementById("zh-search-page");
  if (page) setUpPage(page);
})();
