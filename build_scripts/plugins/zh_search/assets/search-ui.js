/* The search box in the header of every page and the search page (检索), over search.js.
 *
 * Everything shown comes from the index as text (textContent, never innerHTML): headlines and
 * article text are the archive's source text, which may hold anything. The page's settings
 * come from the <script type="application/json" id="zh-search-config"> our templates write:
 * where the index and the search page are, the index's version, and whether the site has
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
  engine.useScripts(here(config.index), config.key);

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
      const found = await engine.search(query);
      const shown = found.results.slice(0, BOX_RESULTS);
      const articles = await Promise.all(shown.map((r) => engine.article(r)));
      if (mine !== latest) return;
      meta.replaceChildren();
      if (!found.total) {
        meta.textContent = noResults(query, false);
      } else {
        meta.append(found.missing ? `${allButOne(found)} ` : `找到 ${found.total} 篇文章 `);
        const all = document.createElement("a");
        all.href = searchPageHref({ q: query.trim() });
        all.className = "zh-search-all";
        all.textContent = "全部结果（可筛选、排序）→";
        meta.append(all);
      }
      list.replaceChildren(...articles.map(boxItem));
      box.dataset.shown = query; // what the results are for (tests and assistive tools wait on it)
    }
  }

  function boxItem(article) {
    const item = document.createElement("li");
    item.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = resultHref(article);
    const body = document.createElement("article");
    body.className = "md-search-result__article md-typeset";
    const title = headline(document.createElement("h1"), article);
    const line = document.createElement("p");
    line.className = "zh-search-details";
    line.textContent = details(article);
    body.append(title, line, snippet(article));
    link.append(body);
    item.append(link);
    return item;
  }

  // --------------------------------------------------------------------------------------
  // The search page: filters, sort, pages; its state lives in the address (shareable)
  // --------------------------------------------------------------------------------------

  async function setUpPage(root) {
    const form = root.querySelector("form");
    const status = root.querySelector(".zh-search-status");
    const list = root.querySelector(".zh-search-results");
    const pager = root.querySelector(".zh-search-pager");
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
        status.textContent = "输入要检索的词语：多个词用空格分开，须全部出现；用引号（\"…\"）检索一个完整的短语。";
        list.replaceChildren();
        pager.replaceChildren();
        root.dataset.shown = "";
        return;
      }
      status.textContent = "正在检索…";
      const found = await engine.search(query, {
        from: params.from || undefined, to: params.to || undefined,
        reporter: params.reporter, pageName: params.page_name, sort: params.sort || "relevance",
      });
      const pages = Math.max(1, Math.ceil(found.total / PAGE_SIZE));
      const page = Math.min(pages, Math.max(1, Number(params.p) || 1));
      const shown = found.results.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
      const articles = await Promise.all(shown.map((r) => engine.article(r)));
      if (mine !== latest) return;
      const count = found.missing ? allButOne(found) : `共 ${found.total} 篇文章`;
      status.textContent = found.total ? `${count}，第 ${page} / ${pages} 页` : noResults(query, filtered);
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
