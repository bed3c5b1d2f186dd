"""The paper's identity, from `archive.yml` alone: the site's name and description (and so
every `<title>`, the header, the logo's label and `og:site_name`), the language of its pages,
and the about page.

Nothing in `mkdocs.yml` or `docs/` names the paper, so converting another paper's texts
renames the whole site. A hand-written `docs/about.md` replaces the generated about page.
"""

from __future__ import annotations

from build_scripts.contract.urls import ARCHIVE_INDEX, DATA_PAGE, REPORTERS_INDEX, TAGS_INDEX
from build_scripts.ingest.archive_config import ArchiveConfig
from build_scripts.writers import mdtext

ABOUT_PAGE = "about.md"


def about_markdown(archive: ArchiveConfig) -> str:
    paper = archive.paper
    # 《人民日报》（People's Daily，人民日报社出版，北京）: the title in book marks alone, what
    # else names the paper after it
    publisher = paper.publisher + ("" if paper.publisher.endswith("出版") else "出版") if paper.publisher else ""
    about = [paper.title_en, publisher, paper.place]
    details = "，".join(mdtext.escape(x) for x in about if x)
    lines = [
        "---\ntitle: 关于本档案\n---\n",
        "# 关于本档案\n",
        f"本站收录《{mdtext.escape(paper.title)}》"
        + (f"（{details}）" if details else "")
        + "各期的全文，由原始版面文本自动切分为单篇文章：\n",
        f"- **浏览**：从[首页](index.md)或[往期]({ARCHIVE_INDEX})的日历按日期进入每一期，再按版面进入文章；"
        f"也可按[记者]({REPORTERS_INDEX})或[标签]({TAGS_INDEX})查找。",
        "- **检索**：页面顶部的搜索框支持中文全文检索。",
        "- **引用**：每篇文章都有固定网址 `/年/月/日/文章名/`，发布后不会改变；文章页的“引用本文”一栏给出 "
        "GB/T 7714 与 Chicago 格式的引文和 CSL-JSON 文件。",
        f"- **下载**：全部文章的文本与元数据见[数据]({DATA_PAGE})页（JSON Lines 与 CSV，也可按年份下载）。\n",
    ]
    # Readers are asked to report a mistake only where the archivist says how (their own words,
    # Markdown as written in archive.yml's `about`); otherwise the printed paper is the reference.
    found = "文章正文按原文照录；标题、署名、电头与段落由程序识别，"
    if archive.about:
        lines += [found + "如有错漏，欢迎指正。\n", archive.about + "\n"]
    else:
        lines.append(found + "可能有错漏，请以报纸原版为准。\n")
    return "\n".join(lines)
