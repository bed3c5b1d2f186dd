"""The prose model (parse/prose.py) weighs whether a break falls in mid-sentence; training
(parse/train.py) learns it and the join weights from pages with their true cut, the same
files from the same pages. All the text here is invented."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from build_scripts.parse import evidence, prose, train

_PLACES = ["河西镇", "东山村", "南湖区", "北坡乡", "青石县", "柳溪街道"]
_PEOPLE = ["王师傅", "李大姐", "赵老师", "陈技术员", "刘村长", "周站长"]
_DOINGS = [
    "带着乡亲们修整灌溉水渠",
    "在试验田里比较新旧两种稻种",
    "把合作社的账目一笔笔公开",
    "组织志愿者清理河道垃圾",
    "向来访的客人介绍当地的茶园",
    "为留守老人送去新做的棉被",
]


def _paragraphs(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        place, person, doing, other = rng.choice(_PLACES), rng.choice(_PEOPLE), rng.choice(_DOINGS), rng.choice(_DOINGS)
        out.append(f"近日，在{place}，{person}正{doing}。大家说，{person}这些年一直{other}，从来没有停过。")
    return out


@pytest.fixture
def restore_models():
    yield
    prose.try_model(None)
    evidence.try_weights({})
    evidence.forget()


def test_a_break_inside_a_clause_runs_on_and_a_paragraph_that_closed_does_not():
    model = prose.Prose(prose.learn(_paragraphs(1, 300)))
    inside = model.runs_on("近日，在河西镇，王师傅正带着乡亲们修", "整灌溉水渠。")
    closed = model.runs_on(
        "大家说，王师傅这些年一直为留守老人送去新做的棉被，从来没有停过", "近日，在东山村，李大姐正在试验田里"
    )
    assert inside > closed + 3
    assert model.opens_clause("近日") > 0 > model.opens_clause("水渠")
    assert model.closes_clause("棉被") > 0 > model.closes_clause("乡亲们")


def test_the_shipped_model_tells_a_word_cut_by_a_break_from_a_paragraph_that_ended():
    model = prose.model()
    cut = model.runs_on("他们在实验室里反复测", "试新材料的性能。")
    ended = model.runs_on("清洁能源替代，减碳成效持续释放", "在山东省某县，一家工厂开始改造生产线。")
    assert cut > ended + 3


def test_the_tables_keep_only_what_was_seen_often():
    once = "独一无二的句子只出现过一次"
    table = prose.learn([*_paragraphs(2, 200), once])
    seen = {context + char for context, (_, _, chars) in table.grams.items() for char in chars}
    assert not any(once[k : k + 3] in seen for k in range(len(once) - 2) if len(once[k : k + 3]) == 3)
    assert "独一无二" not in table.words
    assert all(n >= prose.MIN_COUNT for _, _, n in table.words.values())


def test_the_same_paragraphs_give_the_same_bytes_and_read_back_the_same():
    table = prose.learn(_paragraphs(3, 100))
    data = prose.dump(table)
    assert data == prose.dump(prose.learn(_paragraphs(3, 100)))
    read = prose.load(data)  # its entries as JSON gives them (lists): the same numbers
    assert {c: tuple(e) for c, e in read.grams.items()} == table.grams
    assert {w: tuple(e) for w, e in read.words.items()} == table.words
    assert prose.dump(read) == data


def _corpus(root, days=("2024-03-01", "2024-03-02", "2024-03-03", "2024-03-04")):
    """Pages in the blank layout with their true cut, as the corpus tool writes them: some
    paragraphs cut by a page break in mid-sentence, a sub-head without end punctuation."""
    rng = random.Random(7)
    truth = {}
    for day in days:
        name = f"{day}_01_要闻.txt"
        lines, articles = [], []
        for k in range(3):
            title = f"{rng.choice(_PLACES)}的新变化（第{k + 1}篇）"
            paragraphs = _paragraphs(rng.randrange(10**6), 5)
            paragraphs.insert(2, f"{rng.choice(_PEOPLE)}的心愿")
            lines += [title, "", "本报记者 张明", ""]
            for paragraph in paragraphs:
                if len(paragraph) > 30 and rng.random() < 0.5:
                    cut = rng.randrange(12, len(paragraph) - 8)
                    lines += [paragraph[:cut], "", paragraph[cut:], ""]
                else:
                    lines += [paragraph, ""]
            articles.append({"title_parts": [title], "byline": "本报记者 张明", "paragraphs": paragraphs})
        (root / "source_texts" / "2024").mkdir(parents=True, exist_ok=True)
        (root / "source_texts" / "2024" / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        truth[name] = {"date": day, "page": 1, "page_name": "要闻", "articles": articles}
    (root / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    return root


def test_training_gives_the_same_files_from_the_same_pages_and_weighs_the_prose(tmp_path, restore_models):
    corpus = _corpus(tmp_path / "corpus")
    outputs = []
    for run in (1, 2):
        weights, tables = tmp_path / f"weights{run}.json", tmp_path / f"prose{run}.json.gz"
        assert train.main([str(corpus), "--out", str(weights), "--prose-out", str(tables)]) == 0
        outputs.append((weights.read_bytes(), tables.read_bytes()))
    assert outputs[0] == outputs[1]
    join = json.loads(outputs[0][0])["models"]["join"]
    assert any(name.startswith("runs_on") for name in join)
    assert prose.load(outputs[0][1]).words  # the word tables were learnt and written


def test_each_half_of_the_days_is_weighed_with_a_model_learnt_from_the_other(tmp_path):
    corpus = _corpus(tmp_path / "corpus")
    first, second = train.halves([corpus])
    days = {name[:10] for name in first[corpus]}, {name[:10] for name in second[corpus]}
    assert days == ({"2024-03-01", "2024-03-03"}, {"2024-03-02", "2024-03-04"})


def test_a_page_in_two_corpora_is_read_once_by_the_prose_model(tmp_path, restore_models):
    """The same days laid out twice (blank and indent, or two seeds) are the same prose:
    counted twice, rare grams would pass the model's threshold of counts."""
    corpus = _corpus(tmp_path / "corpus")
    again = tmp_path / "again"
    shutil.copytree(corpus, again)
    outputs = []
    for corpora in ([corpus], [corpus, again]):
        tables = tmp_path / f"prose{len(corpora)}.json.gz"
        assert train.main([*map(str, corpora), "--out", str(tmp_path / "w.json"), "--prose-out", str(tables)]) == 0
        outputs.append(tables.read_bytes())
    assert outputs[0] == outputs[1]


def test_a_fixture_decision_weighs_as_much_against_every_copy_of_the_pages(tmp_path, restore_models):
    """The same days laid out twice give each page twice: a fixture's decision then counts
    twice as much, or the fixtures' conventions would fade — the decisions trained on are
    exactly twice those of one copy."""
    corpus = _corpus(tmp_path / "corpus")
    again = tmp_path / "again"
    shutil.copytree(corpus, again)
    assert train.copies_of_a_page([corpus]) == 1 and train.copies_of_a_page([corpus, again]) == 2
    assert train.copies_of_a_page([corpus, _corpus(tmp_path / "other", days=("2024-04-01",))]) == 1
    fixtures = Path(__file__).parent / "fixtures" / "layouts"
    counts = []
    for corpora in ([corpus], [corpus, again]):
        weights = tmp_path / f"w{len(corpora)}.json"
        argv = [*map(str, corpora), "--fixtures", str(fixtures), "--out", str(weights)]
        assert train.main([*argv, "--prose-out", str(tmp_path / "p.json.gz")]) == 0
        counts.append(json.loads(weights.read_text(encoding="utf-8"))["trained_on"])
    assert counts[1] == {model: 2 * n for model, n in counts[0].items()}
