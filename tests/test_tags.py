"""Tags: keywords from jieba's TF-IDF extractor, newspaper boilerplate left out, as many as
`tags_per_article` asks, carried by front matter and articles.jsonl, with their own pages."""

from __future__ import annotations

import json

import yaml
from conftest import SAMPLE_TEXT, make_archive

from build_scripts.catalogue.tags import Tagger, load_stop_words
from build_scripts.convert import convert

OLYMPIC_TEXT = SAMPLE_TEXT.split("保护奥林匹克标志", 1)[1].split("巩固深化成果", 1)[0]


def test_keywords_say_what_the_article_is_about():
    tags = Tagger(5).tags_for("保护奥林匹克标志", OLYMPIC_TEXT)
    assert len(tags) == 5
    assert {"奥林匹克", "冬奥会"} <= set(tags)


def test_boilerplate_and_numbers_are_never_tags():
    stop_words = load_stop_words()
    assert {"本报", "记者", "通讯员", "表示", "工作", "进一步"} <= stop_words
    text = "本报记者表示，进一步做好工作。2022年，记者表示工作进一步推进。杭州数字化改革。" * 3
    tags = Tagger(10).tags_for("", text)
    assert tags and not set(tags) & stop_words
    assert not any(t.isdigit() for t in tags)
    assert "数字化" in tags


def test_same_text_same_tags():
    assert Tagger(5).tags_for("标题", SAMPLE_TEXT) == Tagger(5).tags_for("标题", SAMPLE_TEXT)


def test_count_comes_from_archive_yml_and_reaches_front_matter_and_jsonl(tmp_path):
    project = make_archive(tmp_path)
    config = project / "source_texts/archive.yml"
    config.write_text(config.read_text(encoding="utf-8") + "tags_per_article: 3\n", encoding="utf-8")
    convert(project / "source_texts", project / "docs")
    records = [
        json.loads(line) for line in (project / "docs/data/articles.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    for record in records:
        assert len(record["tags"]) == 3
        page = (project / "docs" / (record["url"].rstrip("/") + ".md")).read_text(encoding="utf-8")
        meta = yaml.safe_load(page.split("---\n", 2)[1])
        assert meta["tags"] == record["tags"]
        for tag in record["tags"]:
            tag_page = project / "docs" / meta["links"]["tags"][tag]
            assert f"# {tag}" in tag_page.read_text(encoding="utf-8")


def test_no_tags_when_the_archive_asks_for_none(tmp_path):
    project = make_archive(tmp_path)
    config = project / "source_texts/archive.yml"
    config.write_text(config.read_text(encoding="utf-8") + "tags_per_article: 0\n", encoding="utf-8")
    convert(project / "source_texts", project / "docs")
    line = (project / "docs/data/articles.jsonl").read_text(encoding="utf-8").splitlines()[0]
    assert json.loads(line)["tags"] == []
    assert sorted(p.name for p in (project / "docs/tags").iterdir()) == ["index.md"]
