"""Article pages as built by MkDocs: JSON-LD, citation meta tags, Open Graph, the citation
box, the CSL-JSON download, and links that work under a sub-path and offline."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from conftest import HOSTILE_HEADLINE, SUB_PATH_SITE_URL, build_site, make_archive, run_cli

OLYMPIC = "2022/01/29/bao-hu-ao-lin-pi-ke-biao-zhi"
LI_JIE = "2022/01/28/quan-sheng-zheng-fa-xi-tong-re-yi-2022-nian-zheng-fa-gong"
HOSTILE = "2022/01/29/fan-zha-xuan-chuan-jin-she-qu"


class Page(HTMLParser):
    """What a client reads from a page: links, meta tags, JSON-LD, citation texts."""

    def __init__(self, html: str):
        super().__init__()
        self.links: list[tuple[str, str]] = []  # (href, text)
        self.meta: list[tuple[str, str]] = []  # (name or property, content)
        self.json_ld: list[str] = []
        self.citations: list[str] = []
        self._stack: list[tuple[str, dict]] = []
        self._text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "content" in attrs and ("name" in attrs or "property" in attrs):
            self.meta.append((attrs.get("name") or attrs["property"], attrs["content"]))
        if tag in ("a", "script", "code"):
            self._stack.append((tag, attrs))
            self._text = []

    def handle_data(self, data):
        self._text.append(data)

    def handle_endtag(self, tag):
        if not self._stack or self._stack[-1][0] != tag:
            return
        _, attrs = self._stack.pop()
        text = "".join(self._text)
        if tag == "a" and "href" in attrs:
            self.links.append((attrs["href"], text.strip()))
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self.json_ld.append(text)
        elif tag == "code":
            self.citations.append(text)

    def meta_values(self, name: str) -> list[str]:
        return [content for key, content in self.meta if key == name]


def article_html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def site(rich_site) -> Path:
    return rich_site / "site"


def test_json_ld_is_a_news_article_in_an_issue_of_a_periodical(site):
    page = Page(article_html(site, OLYMPIC))
    (raw,) = page.json_ld
    data = json.loads(raw)
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == "保护奥林匹克标志" and "alternativeHeadline" not in data
    assert data["datePublished"] == "2022-01-29"
    assert data["author"] == [{"@type": "Person", "name": "陈洋根"}]
    assert data["contributor"] == [{"@type": "Person", "name": "赵文琼"}, {"@type": "Person", "name": "武露露"}]
    assert data["printEdition"] == "浙江日报 2022年1月29日 星期六"
    assert (data["printSection"], data["printPage"], data["pageStart"]) == ("政法", "4", 4)
    assert data["inLanguage"] == "zh-Hans"
    assert data["url"] == SUB_PATH_SITE_URL + OLYMPIC + "/"
    issue = data["isPartOf"]
    assert issue["@type"] == "PublicationIssue" and issue["datePublished"] == "2022-01-29"
    assert issue["url"] == SUB_PATH_SITE_URL + "2022/01/29/"
    periodical = issue["isPartOf"]
    assert periodical["@type"] == "Periodical" and periodical["name"] == "浙江日报"
    assert periodical["alternateName"] == "Zhejiang Daily"
    assert periodical["publisher"] == {"@type": "Organization", "name": "浙江日报报业集团"}


def test_json_ld_names_a_byline_that_names_no_one_as_the_body_the_citations_name():
    """本报评论员: the citations and the meta tags give it as the author; the JSON-LD did not."""
    import datetime as dt

    from build_scripts.contract.record import ArticleRecord, SourceSpan
    from build_scripts.plugins.archive.citation import Work
    from build_scripts.plugins.archive.metadata import json_ld

    def record(byline: str, authors: tuple[str, ...] = (), correspondents: tuple[str, ...] = ()) -> ArticleRecord:
        return ArticleRecord(
            id="2026-05-02-a", url="2026/05/02/a/", date=dt.date(2026, 5, 2), paper="人民日报", page=1,
            page_name="要闻", title="坚定信心", title_parts=("坚定信心",), main_title="坚定信心", byline=byline,
            authors=authors, correspondents=correspondents, dateline="", tags=(), source=SourceSpan("a.txt", 1, 9),
        )  # fmt: skip

    def author(r: ArticleRecord) -> list | None:
        return json_ld(r, url="", issue_url="", issue_label="", paper=None).get("author")

    commentator = record("本报评论员")
    assert Work.from_record(commentator).creators == ("本报评论员",)
    assert author(commentator) == [{"@type": "Organization", "name": "本报评论员"}]
    assert author(record("本报记者 李洁", ("李洁",))) == [{"@type": "Person", "name": "李洁"}]
    assert author(record("本报记者")) is None  # a role alone names no one, in the citations either
    assert author(record("本报通讯员 张三", (), ("张三",))) is None  # a correspondent: a contributor


def test_json_ld_has_kicker_as_alternative_headline(site):
    data = json.loads(Page(article_html(site, LI_JIE)).json_ld[0])
    assert data["headline"] == "全省政法系统热议2022年政法工作新看点"
    assert data["alternativeHeadline"].startswith("创新落实“除险保安”晾晒机制")
    assert "printPage" not in data  # the sample's 版 is not known: nothing is made up


def test_the_window_title_and_the_scrolled_header_show_the_main_title_not_the_kicker(site):
    """A tab, a bookmark and the header shown once the page scrolls name the article by its
    main title: the kicker printed above it (引题) would push the headline out of sight."""
    html = article_html(site, LI_JIE)
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
    assert title.startswith("全省政法系统热议2022年政法工作新看点 - "), title
    topic = re.search(r'data-md-component="header-topic">\s*<span class="md-ellipsis">(.*?)</span>', html, re.S)
    assert topic.group(1).strip() == "全省政法系统热议2022年政法工作新看点"


def test_a_headline_cannot_close_the_script_element(site):
    html = article_html(site, HOSTILE)
    assert HOSTILE_HEADLINE not in html and "<script>alert(1)" not in html
    page = Page(html)
    (raw,) = page.json_ld
    assert "</script>" not in raw
    assert json.loads(raw)["alternativeHeadline"] == HOSTILE_HEADLINE  # the text itself, not entities
    assert page.meta_values("og:title") == [f"{HOSTILE_HEADLINE} 反诈宣传进社区"]
    # a Markdown link in the body stays text
    assert not any(href.startswith("javascript:") for href, _ in page.links)


def test_citation_meta_tags_make_zotero_save_a_newspaper_article(site):
    page = Page(article_html(site, OLYMPIC))
    names = {key for key, _ in page.meta}
    # Zotero's Embedded Metadata translator: citation_journal_title would force a journal
    # article; DC.type NewsItem gives newspaperArticle.
    assert "citation_journal_title" not in names
    assert page.meta_values("DC.type") == ["NewsItem"]
    assert page.meta_values("citation_title") == ["保护奥林匹克标志"]
    assert page.meta_values("citation_author") == ["陈洋根", "赵文琼", "武露露"]
    assert page.meta_values("citation_publication_date") == ["2022/01/29"]
    assert page.meta_values("citation_firstpage") == ["4"]
    assert page.meta_values("prism.publicationName") == ["浙江日报"]
    assert page.meta_values("article:section") == ["政法"]
    assert page.meta_values("citation_public_url") == [SUB_PATH_SITE_URL + OLYMPIC + "/"]
    assert page.meta_values("og:type") == ["article"]
    assert page.meta_values("og:url") == [SUB_PATH_SITE_URL + OLYMPIC + "/"]
    assert page.meta_values("og:description") == [
        "冬奥会将至。27日,杭州市市场监管局联合上城、拱墅属地市场监管部门,对部分场所是否合法合规使用北京2022年冬奥会和冬残奥会奥林匹克标志进行检查。"
    ]
    # keywords shared with other articles of the archive (the Olympic piece says none twice)
    tags = Page(article_html(site, LI_JIE)).meta_values("article:tag")
    assert 1 <= len(tags) <= 5 and "成果" in tags


def test_citation_box_has_gbt7714_and_chicago(site):
    citations = Page(article_html(site, LI_JIE)).citations
    assert "李洁. 全省政法系统热议2022年政法工作新看点[N]. 浙江日报, 2022-01-28." in citations
    assert (
        "Li Jie 李洁, “Quansheng zhengfa xitong reyi 2022 nian zhengfa gongzuo xin kandian” "
        "全省政法系统热议2022年政法工作新看点, Zhejiang ribao 浙江日报 [Zhejiang Daily], January 28, 2022, "
        f"{SUB_PATH_SITE_URL}{LI_JIE}/." in citations
    )
    olympic = Page(article_html(site, OLYMPIC)).citations
    assert "陈洋根, 赵文琼, 武露露. 保护奥林匹克标志[N]. 浙江日报, 2022-01-29(4)." in olympic


def test_csl_json_download_next_to_the_article(site):
    page = Page(article_html(site, OLYMPIC))
    (href,) = [h for h, text in page.links if text == "下载 CSL-JSON"]
    target = (site / OLYMPIC / "index.html").parent.joinpath(href).resolve()
    (item,) = json.loads(target.read_text(encoding="utf-8"))
    assert item["type"] == "article-newspaper" and item["container-title"] == "浙江日报"
    assert item["title"] == "保护奥林匹克标志" and item["page"] == "4"
    assert item["URL"] == SUB_PATH_SITE_URL + OLYMPIC + "/"


def _resolve(site: Path, page_file: Path, href: str) -> Path | None:
    """The file a relative link on a page leads to (None for links off the site)."""
    if urlsplit(href).scheme or href.startswith(("#", "//")):
        return None
    base = "file://" + str(page_file)
    target = Path(unquote(urlsplit(urljoin(base, href)).path))
    return target / "index.html" if target.is_dir() else target


@pytest.mark.parametrize("folder", ["site", "site-offline"])
def test_every_link_on_every_article_page_leads_to_a_file(rich_site, folder):
    site = rich_site / folder
    pages = [
        p
        for p in site.glob("20[0-9][0-9]/[0-9][0-9]/[0-9][0-9]/*")
        if p.suffix in ("", ".html") and p.name not in ("index.html",) and (p.is_file() or (p / "index.html").is_file())
    ]
    pages = [p / "index.html" if p.is_dir() else p for p in pages]
    assert len(pages) == 13
    for page_file in pages:
        links = Page(page_file.read_text(encoding="utf-8")).links
        for href, _ in links:
            target = _resolve(site, page_file, href)
            assert target is None or target.is_file(), f"{page_file.relative_to(site)}: {href}"


def test_article_links_up_across_and_to_reporters(rich_site):
    site = rich_site / "site-offline"
    page_file = site / f"{OLYMPIC}.html"
    links = {text: href for href, text in Page(page_file.read_text(encoding="utf-8")).links}
    assert links["往期"] == "../../../archive/index.html"
    assert links["2022年"] == "../../../archive/2022.html#month-01"
    assert links["第4版 政法"] == "index.html#page-4"
    assert links["陈洋根"] == "../../../reporters/chen-yang-gen/index.html"
    assert links["武露露"] == "../../../reporters/wu-lu-lu/index.html"
    pager = re.search(r'<nav class="article-pager".*?</nav>', page_file.read_text(encoding="utf-8"), re.S).group(0)
    assert re.search(r'href="zhe-jiang-tong-yi-quan-sheng-feng-xian-ren-qun-guan-kong\.html" rel="prev"', pager)
    assert re.search(r'href="quan-sheng-si-fa-xing-zheng-xi-tong-dang-shi-xue-xi-jiao-yu\.html" rel="next"', pager)


def test_an_issues_first_and_last_articles_lead_on_to_the_issues_around_it(rich_site):
    """Reading article by article, the last of an issue leads on to the next issue, and the
    first back to the one before (across a year too); the archive's very first and last
    articles lead nowhere further."""
    import yaml

    def articles_of(day: str) -> list[tuple[int, Path]]:
        found = []
        for md in (rich_site / "docs" / day).glob("*.md"):
            meta = yaml.safe_load(md.read_text(encoding="utf-8").split("---\n")[1])
            if "ordinal" in meta:
                found.append((meta["ordinal"], md))
        return sorted(found)

    def pager(day: str, md: Path) -> str:
        html = (rich_site / "site-offline" / day / f"{md.stem}.html").read_text(encoding="utf-8")
        return re.search(r'<nav class="article-pager".*?</nav>', html, re.S).group(0)

    middle = articles_of("2022/01/28")
    first, last = pager("2022/01/28", middle[0][1]), pager("2022/01/28", middle[-1][1])
    assert re.search(
        r'href="../../../2021/01/28/index.html">\s*<span class="article-pager__direction">上一期</span>'
        r'\s*<span class="article-pager__title">2021年1月28日</span>',
        first,
    ), first
    assert re.search(
        r'href="../29/index.html">\s*<span class="article-pager__direction">下一期</span>'
        r'\s*<span class="article-pager__title">2022年1月29日</span>',
        last,
    ), last
    assert "上一篇" not in first and "下一篇" not in last
    assert "下一期" not in first and "上一期" not in last  # inside the issue: its articles
    oldest = articles_of("2021/01/28")[0][1]
    newest = articles_of("2022/01/29")[-1][1]
    assert "上一期" not in pager("2021/01/28", oldest) and "下一期" not in pager("2022/01/29", newest)


def test_a_pointer_to_another_page_of_the_issue_links_to_it(site):
    """（相关报道见第四版）: the reader follows it to that 版 on the issue's page."""
    links = {text: href for href, text in Page(article_html(site, HOSTILE)).links}
    assert links["第四版"] == "../#page-4"


def test_a_pointer_to_a_page_the_archive_lacks_stays_text(tmp_path):
    from mkdocs.structure.files import File, Files

    from build_scripts.plugins.archive.page_refs import PageReferences

    day = tmp_path / "2022" / "01" / "29"
    day.mkdir(parents=True)
    (day / "index.md").write_text("## 第4版 政法 { #page-4 }\n", encoding="utf-8")
    files = Files([File("2022/01/29/index.md", str(tmp_path), str(tmp_path / "site"), True)])
    refs = PageReferences(files)
    here = "2022/01/29/an-article.md"
    text = "（相关报道见第四版）（座谈会发言摘编见第八版）"
    assert (
        refs.linked(text, "2022/01/29/index.md", here)
        == "（相关报道见[第四版](index.md#page-4)）（座谈会发言摘编见第八版）"
    )
    # as printed in traditional characters too
    assert refs.linked("（相關報導見第四版）", "2022/01/29/index.md", here) == "（相關報導見[第四版](index.md#page-4)）"
    # a caption is written as HTML, where Markdown is not read: an HTML link, to the page's URL
    caption = '<p class="article-caption">图为大桥。本报记者 王洋摄（相关报道见第四版）</p>'
    assert refs.linked(caption, "2022/01/29/index.md", here, "2022/01/29/an-article/") == (
        '<p class="article-caption">图为大桥。本报记者 王洋摄（相关报道见<a href="../#page-4">第四版</a>）</p>'
    )


def test_a_headline_of_only_a_dash_led_piece_is_not_shown_twice():
    from build_scripts.plugins.archive.article_view import headline_pieces

    assert headline_pieces(["——记优秀法官张三"]) == ([], "记优秀法官张三", [])
    assert headline_pieces(["——记优秀法官张三", "——之二"]) == ([], "记优秀法官张三", ["——之二"])
    assert headline_pieces(["引题", "主题", "——副题"]) == (["引题"], "主题", ["——副题"])


def test_a_name_printed_with_a_space_is_linked_where_it_stands_and_shown_whole_among_others():
    from build_scripts.plugins.archive.article_view import byline_segments

    # among other names, a name spaced out to fill the line is shown whole: `张 贺 耿 磊 丁雅诵`
    # could be five people
    segments = byline_segments("本报记者 赵 鹏 周亚军", ["赵鹏", "周亚军"])
    assert segments == [("本报记者 ", None), ("赵鹏", "赵鹏"), (" ", None), ("周亚军", "周亚军")]
    assert [text for text, name in byline_segments("本报记者 张 贺 耿 磊 丁雅诵", ["张贺", "耿磊", "丁雅诵"])] == [
        "本报记者 ",
        "张贺",
        " ",
        "耿磊",
        " ",
        "丁雅诵",
    ]
    # alone too, whole: the same reporter reads alike in every byline
    assert byline_segments("本报记者 吴 丹", ["吴丹"]) == [("本报记者 ", None), ("吴丹", "吴丹")]
    # a name the byline does not spell out still gets a link of its own, once
    assert byline_segments("（本报评论员）", ["李洁"])[-1] == ("李洁", "李洁")


def _built_alone(tmp_path: Path, text: str) -> tuple[Path, Path]:
    """A project holding one page of 2022-01-29, converted and built: (the project, the
    built page of its one article)."""
    project = make_archive(tmp_path, {"2022/2022-01-29_05_经济.txt": text}, with_sample=False)
    converted = run_cli("convert", "--source", str(project / "source_texts"), "--docs", str(project / "docs"))
    assert converted.returncode == 0, converted.stderr
    built = build_site(project)
    assert built.returncode == 0, built.stderr
    (page_file,) = (project / "site/2022/01/29").glob("*/index.html")
    return project, page_file


# a talk in cases, each credited at its end: no byline printed, its compilers named in the text
_TALK_IN_CASES = (
    "让老街区焕发新活力（城市更新故事会）\n\n"
    "老街区的更新，关键在于留住烟火气，也要让居民的日子越过越好。\n\n"
    "（本报记者王小明整理）\n\n案例一\n\n小巷子里的大变化\n\n"
    "我们先从最窄的巷子改起，把电线入地，把路面铺平，居民都说好。\n\n"
    "（本报记者李小红整理）\n"
)


def test_an_article_credited_only_in_its_text_names_its_credited_in_its_header(tmp_path):
    """A talk whose cases are credited at their ends has no byline of its own: the header
    still names everyone credited, each linked to their page."""
    _, page_file = _built_alone(tmp_path, _TALK_IN_CASES)
    byline = re.search(r'<p class="article-byline">(.*?)</p>', page_file.read_text(encoding="utf-8"), re.S)
    assert byline is not None
    assert re.findall(r'<a href="[^"]*reporters/[^"]*">([^<]+)</a>', byline.group(1)) == ["王小明", "李小红"]


# a brief whose reporter is credited in brackets after the dateline, as the paper prints it
_BRACKETED_BYLINE = (
    "某部门发言人就近期热点问题答记者问\n\n"
    "本报北京1月28日电  （记者王小明）某部门发言人28日就近期热点问题回答了记者提问。\n\n"
    "发言人表示，有关工作正在有序推进，将及时向社会公布进展。\n"
)


def test_a_byline_printed_in_brackets_after_the_dateline_heads_the_page_without_them(tmp_path):
    """The header shows `记者王小明` as every other byline is shown (and lists show it), not
    `（记者王小明）`; the name is linked."""
    _, page_file = _built_alone(tmp_path, _BRACKETED_BYLINE)
    byline = re.search(r'<p class="article-byline">(.*?)</p>', page_file.read_text(encoding="utf-8"), re.S)
    assert byline is not None
    assert re.sub(r"<[^>]+>", "", byline.group(1)) == "记者王小明"
    assert re.findall(r'<a href="[^"]*reporters/[^"]*">([^<]+)</a>', byline.group(1)) == ["王小明"]


@pytest.mark.parametrize("fixture", sorted((Path(__file__).parent / "fixtures" / "layouts").glob("*.txt")), ids=str)
def test_an_articles_subheads_are_the_headings_its_page_prints(fixture):
    """The record's `subheads` (what search names a section by) are the page's `## ` headings,
    a heading printed in two pieces one heading — on every layout fixture."""
    from build_scripts.parse.parser import parse_page
    from build_scripts.writers import mdtext
    from build_scripts.writers.article_pages import body_markdown

    second_line = re.compile(r' <span class="subhead-second-line">(.*?)</span>')
    for article in parse_page(fixture.read_text(encoding="utf-8")).articles:
        printed = [part[3:] for part in body_markdown(article).rstrip("\n").split("\n\n") if part.startswith("## ")]
        assert [mdtext.escape(h) for h in article.subheads] == [second_line.sub(r" \1", h) for h in printed]


def test_a_numbered_heading_below_another_is_a_heading_of_its_own():
    """`第二章  总则` / `第一节  适用范围`: a chapter's heading, then its first section's — two
    headings, not one printed in two pieces (`强基固本` / `筑牢…大厦`, which stays one)."""
    from build_scripts.parse.model import Article, Kind, Segment
    from build_scripts.writers.article_pages import body_markdown

    def article(*blocks: tuple[Kind, str]) -> Article:
        return Article([Segment(kind, text, n, n) for n, (kind, text) in enumerate(blocks, start=1)])

    law = article(
        (Kind.HEADLINE, "某某条例"),
        (Kind.SUBHEAD, "第二章  申请"),
        (Kind.SUBHEAD, "第一节  申请范围"),
        (Kind.PARAGRAPH, "第十条  有下列情形之一的，可以依照本条例申请。"),
    )
    assert law.subheads == ["第二章  申请", "第一节  申请范围"]
    assert "## 第二章  申请\n\n## 第一节  申请范围\n\n" in body_markdown(law)
    listed = article(
        (Kind.HEADLINE, "某某指南"),
        (Kind.SUBHEAD, "二、办理流程"),
        (Kind.SUBHEAD, "1、线上申请"),
        (Kind.PARAGRAPH, "登录平台，填写申请表。"),
    )
    assert listed.subheads == ["二、办理流程", "1、线上申请"]
    two_pieces = article(
        (Kind.HEADLINE, "某某评论"),
        (Kind.SUBHEAD, "强基固本"),
        (Kind.SUBHEAD, "筑牢精神大厦"),
        (Kind.PARAGRAPH, "文化是一个民族的灵魂。"),
    )
    assert two_pieces.subheads == ["强基固本 筑牢精神大厦"]


def test_a_bracketed_label_opening_a_paragraph_is_set_in_bold():
    """`【点评】` alone on its line, `【事件】` run into the text: the parts of a column, which
    its page prints in bold. Brackets inside the text, or around more than a label, are text."""
    import markdown

    from build_scripts.parse.model import Article, Kind, Segment
    from build_scripts.writers.article_pages import body_markdown

    blocks = [
        (Kind.HEADLINE, "暖心接力（暖闻热评）"),
        (Kind.PARAGRAPH, "【事件】前不久，一家医院里发生了一件暖心事。"),
        (Kind.PARAGRAPH, "【点评】"),
        (Kind.PARAGRAPH, "暖心故事的开篇，是一份陪伴的需求。"),
        (Kind.PARAGRAPH, "他说【这不是标签】也不加粗。"),
        (Kind.PARAGRAPH, "【一个很长很长的方括号里的句子】不是标签。"),
    ]
    body = body_markdown(Article([Segment(kind, text, n, n) for n, (kind, text) in enumerate(blocks, start=1)]))
    html = markdown.markdown(body)
    assert "<p><strong>【事件】</strong>前不久，一家医院里发生了一件暖心事。</p>" in html
    assert "<p><strong>【点评】</strong></p>" in html
    assert "<p>他说【这不是标签】也不加粗。</p>" in html
    assert "<p>【一个很长很长的方括号里的句子】不是标签。</p>" in html


def test_a_poems_lines_are_set_as_verse_and_prose_is_not():
    """A poem (six or more short lines without a full stop) is set close together, as verse:
    its page wraps its lines in `article-verse`; an article of prose is not wrapped."""
    from build_scripts.parse.parser import parse_page
    from build_scripts.writers.article_pages import body_markdown

    lines = [
        "春风吹过田野",
        "麦苗绿了一片",
        "燕子从南方回来",
        "带着远方的消息",
        "河水解冻了",
        "孩子们奔跑着",
        "把风筝放上天空",
    ]
    (poem,) = parse_page("春天的信（诗歌）\n\n林 木\n\n" + "\n\n".join(lines) + "\n").articles
    assert body_markdown(poem) == '<div class="article-verse" markdown>\n\n' + "\n\n".join(lines) + "\n\n</div>\n"
    prose = "春天来了（随笔）\n\n林 木\n\n" + "\n\n".join(line + "，万物复苏，处处生机。" for line in lines) + "\n"
    (essay,) = parse_page(prose).articles
    assert "article-verse" not in body_markdown(essay)


# a commentary whose sections are headed in two lines, a label over a heading
_HEADED_IN_TWO_LINES = (
    "奋力书写文化繁荣新篇章\n\n本报评论员\n\n"
    "文化是一个国家、一个民族的灵魂。新时代以来，我们坚定文化自信，文化事业和文化产业繁荣发展。\n\n"
    "强基固本\n\n筑牢中华民族精神大厦\n\n"
    "推动文化繁荣、建设文化强国，必须用党的创新理论凝心铸魂，宣讲团把道理讲到群众心坎上。\n\n"
    "文化为民\n\n文化建设着眼于人、落脚于人\n\n"
    "社区书房、乡村戏台、城市书店遍布城乡，群众在家门口就能享受到丰富多彩的文化生活。\n"
)


def test_a_heading_printed_in_two_lines_is_shown_in_two_lines_under_one_anchor(tmp_path, browser):
    """`强基固本` / `筑牢中华民族精神大厦`: one heading (one anchor, one entry in the page's
    contents, the pieces a space apart as the record names it), its second line set on a line
    of its own as the page prints it — a space alone hardly parts two runs of Chinese."""
    from conftest import serve

    project, page_file = _built_alone(tmp_path, _HEADED_IN_TWO_LINES)
    record = json.loads((project / "docs/data/articles.jsonl").read_text(encoding="utf-8"))
    assert record["subheads"] == ["强基固本 筑牢中华民族精神大厦", "文化为民 文化建设着眼于人、落脚于人"]
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    tab = context.new_page()
    with serve(project / "site") as url:
        tab.goto(url + page_file.parent.relative_to(project / "site").as_posix() + "/")
        heading = tab.locator("article h2#强基固本-筑牢中华民族精神大厦")
        assert heading.locator(".subhead-second-line").count() == 1
        # where the text of each line stands (its first line, then the second line's)
        first, second, link = heading.evaluate(
            """h => {
                const edges = (r) => ({top: r.top, bottom: r.bottom});
                const box = (node) => { const r = document.createRange(); r.selectNodeContents(node); return edges(r.getBoundingClientRect()); };
                const second = h.querySelector('.subhead-second-line').firstChild;
                return [box(h.firstChild), box(second), edges(h.querySelector('.headerlink').getBoundingClientRect())];
            }"""
        )
        assert second["top"] >= first["bottom"] - 1  # below the first line, not beside it
        assert link["top"] < second["bottom"]  # its permalink ends the second line, opens no third
        entries = tab.locator(".md-nav--secondary .md-nav__link").all_inner_texts()
        assert [" ".join(e.split()) for e in entries] == record["subheads"]
    context.close()


@pytest.mark.fast
def test_a_box_printed_under_the_same_title_every_day_is_told_apart_by_its_day_and_page():
    """126 of the 2,825 articles of 36 days of a national daily are titled 图片报道: their tabs
    and bookmarks name the day and 版 too, as does an article printed without a headline."""
    import datetime as dt

    from build_scripts.contract.labels import print_details
    from build_scripts.ingest.paper_profile import PaperProfile
    from build_scripts.plugins.archive.article_view import window_title

    printed, profile = print_details(dt.date(2026, 5, 23), 2, "要闻"), PaperProfile()
    assert window_title("图片报道", "图片报道", printed, profile) == "图片报道 · 2026年5月23日 · 第2版 要闻"
    assert window_title("图片报道", "图 片 报 道", printed, profile) == "图片报道 · 2026年5月23日 · 第2版 要闻"
    assert window_title("", "", printed, profile) == "（无标题） · 2026年5月23日 · 第2版 要闻"
    assert window_title("海岸边立起“充冷宝”", "江苏… 海岸边立起“充冷宝”", printed, profile) == "海岸边立起“充冷宝”"


@pytest.mark.parametrize(
    ("first", "opening"),
    [
        # what a page sets as paragraphs above the text: skipped
        (
            ["对话人：", "李  拯   本报评论员", "张立群   某大学校长"],
            "李拯：在两校共同迎来校庆之际，我们谈谈这种精神。",
        ),
        (["谭雅竹"], "李拯：在两校共同迎来校庆之际，我们谈谈这种精神。"),
        (["主讲人：某县某村村医  叶永红"], "李拯：在两校共同迎来校庆之际，我们谈谈这种精神。"),
        (["最高", "本报记者  徐驭尧"], "李拯：在两校共同迎来校庆之际，我们谈谈这种精神。"),
        (["编辑同志："], "李拯：在两校共同迎来校庆之际，我们谈谈这种精神。"),
        # a summary line in bold, a numbered item, a question: the text's opening
        (
            ["一代人的时间或许短暂，但一代代人接续奋斗，便能让大地永葆生机"],
            "一代人的时间或许短暂，但一代代人接续奋斗，便能让大地永葆生机",
        ),
        (["一、免去某某的部长职务；"], "一、免去某某的部长职务；"),
        (["中国海上救援力量有多强？"], "中国海上救援力量有多强？"),
        (["那一年，他十八岁……"], "那一年，他十八岁……"),
    ],
)
def test_an_articles_summary_is_its_first_paragraph_that_reads_as_text(first, opening):
    """The summary under a headline on the issue page, in search and in the page's description:
    not a label, a credit or a part's short title the page sets as a paragraph before the text."""
    from build_scripts.contract.labels import first_sentence
    from build_scripts.parse.model import Article, Kind, Segment

    texts = [*first, "李拯：在两校共同迎来校庆之际，我们谈谈这种精神。", "第二段。"]
    blocks = [(Kind.HEADLINE, "某篇文章"), *((Kind.PARAGRAPH, text) for text in texts)]
    article = Article([Segment(kind, text, n, n) for n, (kind, text) in enumerate(blocks, start=1)])
    assert first_sentence(article.opening) == opening
    # where no paragraph reads so, the first one
    only = Article([Segment(Kind.HEADLINE, "某篇文章", 1, 1), Segment(Kind.PARAGRAPH, "谭雅竹", 2, 2)])
    assert only.opening == "谭雅竹"


def test_a_poems_summary_is_its_first_line():
    """A poem's lines are short and many end no sentence: its first line sums it up, not the
    first that ends with a mark."""
    from build_scripts.contract.labels import first_sentence
    from build_scripts.parse.model import Article, Kind, Segment

    lines = ["山那边", "是海", "啊，多么美好的春天！", "风从南方来", "吹过田野", "吹过村庄", "吹过我的窗"]
    poem = Article(
        [Segment(Kind.HEADLINE, "春天", 1, 1), *(Segment(Kind.PARAGRAPH, t, n, n) for n, t in enumerate(lines, 2))]
    )
    assert poem.is_poem and poem.opening.startswith("山那边\n\n")
    # (a line too short to say anything goes on with the next ones)
    assert first_sentence(poem.opening, quoted=True) == "山那边 是海 啊，多么美好的春天！"


@pytest.mark.parametrize(
    ("paragraphs", "summary"),
    [
        (["“嘀嘀！”一辆快递车停在门口。快递员跳下车。"], "“嘀嘀！”一辆快递车停在门口。"),
        (
            ["来信收悉。", "你们反映的小区停车难问题，已转有关部门办理。"],
            "来信收悉。你们反映的小区停车难问题，已转有关部门办理。",
        ),
        (["理论", "《求是》杂志发表重要文章", "第二条"], "理论 《求是》杂志发表重要文章"),
        (["赢了！"], "赢了！"),  # (nothing follows it)
    ],
)
def test_a_summary_too_short_to_say_anything_goes_on_with_the_next_sentences(paragraphs, summary):
    """An opening like `“嘀嘀！”`, `封顶！`, `来信收悉。` or a contents box's `理论` tells a reader
    nothing on the issue page: the sentences after it join it, in its paragraph or the next."""
    from build_scripts.contract.labels import first_sentence
    from build_scripts.parse.model import Article, Kind, Segment

    blocks = [Segment(Kind.HEADLINE, "某篇文章", 1, 1)]
    blocks += [Segment(Kind.PARAGRAPH, text, n, n) for n, text in enumerate(paragraphs, start=2)]
    assert first_sentence(Article(blocks).opening, quoted=True) == summary


def test_an_untitled_articles_window_title_gives_its_day_and_page(tmp_path):
    """Articles printed without a headline (the rest of one from another page) read （无标题）:
    their tabs and bookmarks tell them apart by the day and 版 after it."""
    text = (Path(__file__).parent / "fixtures/layouts/continued_from_other_page.txt").read_text(encoding="utf-8")
    project = make_archive(tmp_path, {"2022/2022-01-30_02_要闻.txt": text}, with_sample=False)
    converted = run_cli("convert", "--source", str(project / "source_texts"), "--docs", str(project / "docs"))
    assert converted.returncode == 0, converted.stderr
    built = build_site(project)
    assert built.returncode == 0, built.stderr
    records = [
        json.loads(line) for line in (project / "docs/data/articles.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    (untitled,) = [r for r in records if not r["title_parts"]]
    html = (project / "site" / untitled["url"] / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title.startswith("（无标题） · 2022年1月30日 · 第2版 要闻"), title


@pytest.mark.parametrize(
    ("paragraph", "summary"),
    [
        (
            "“你好！中国”暨“茶和天下”·雅集活动在巴西举办。活动吸引了数百人。",
            "“你好！中国”暨“茶和天下”·雅集活动在巴西举办。",
        ),
        ("他说：“我们一定要把这件事干好！”大家一起鼓掌。", "他说：“我们一定要把这件事干好！”"),
        ("（记者手记：路在脚下。）改革还在继续。", "（记者手记：路在脚下。）"),
        ("“一路走来，不容易。可我们做到了", "“一路走来，不容易。可我们做到了"),  # (never closed: the paragraph)
    ],
)
def test_an_articles_summary_does_not_stop_inside_quotation_marks(paragraph, summary):
    """The summary on the issue page and in the page's description ends a sentence outside
    quotation marks and brackets: not `“你好！`."""
    from build_scripts.contract.labels import first_sentence

    assert first_sentence(paragraph, quoted=True) == summary
    # a slug made of the opening sentence (an article without a headline) is made as before:
    # its address must not move
    assert first_sentence("“你好！中国”暨活动在巴西举办。", limit=30) == "“你好！"
