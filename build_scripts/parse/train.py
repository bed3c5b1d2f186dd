"""Learn the weights of the evidence models (`evidence.py`) and the prose model
(`prose.py`) from pages with their true cut.

    python -m build_scripts.parse.train CORPUS_DIR [CORPUS_DIR …] [--out FILE] [--prose-out FILE]

A corpus directory holds `source_texts/**/*.txt` and `truth.json` (for every page file,
its articles' `title_parts`, `byline`, `paragraphs`, and whether the byline was glued to
the last paragraph: the format `../shared/tools/corpus_rmrb.py` writes). The prose model
is learnt from the true paragraphs. Every block of every page is lined up with the truth,
the evidence for each decision is collected (each half of the days weighed with a prose
model learnt from the other half), and a logistic model per decision is fitted by
stochastic gradient descent in a fixed order: the same corpus gives the same files, byte
for byte. Only weights and counts are written; no text of the corpus ends up in the
package.
"""

from __future__ import annotations

import argparse
import json
import math
import random
from collections import defaultdict
from functools import cache
from pathlib import Path

from build_scripts.ingest.corrections import Corrections
from build_scripts.ingest.read import read_text
from build_scripts.parse import compiled, evidence, lexical, prose, shapes
from build_scripts.parse import patterns as p
from build_scripts.parse.layout import Unit, build_units
from build_scripts.parse.parser import _Parser
from build_scripts.problems import Report

_SPACE_RE = compiled.pattern(r"[\s\u200b-\u200f\u2060\ufeff\u00ad]+")  # and what reading removes
EPOCHS = 30
LEARNING_RATE = 0.1
L2 = 1e-4
FIXTURE_WEIGHT = 8  # a fixture decision counts as this many corpus decisions of one copy of the pages


def _norm(text: str) -> str:
    return _SPACE_RE.sub("", text or "")


def _truth_stream(page: dict) -> list[tuple[int, str, str]]:
    """(article, kind, text) in the order the page prints them: H/h headline pieces, B the
    byline on its own line, P paragraphs, G a byline glued to the last paragraph."""
    out: list[tuple[int, str, str]] = []
    for n, article in enumerate(page["articles"]):
        out += [(n, "H" if k == 0 else "h", part) for k, part in enumerate(article["title_parts"])]
        glued = article.get("trailing_byline")
        if article["byline"] and not glued:
            out.append((n, "B", article["byline"]))
        out += [(n, "P", para) for para in article["paragraphs"]]
        if article["byline"] and glued:
            out.append((n, "G", article["byline"]))
    return [(n, kind, _norm(text)) for n, kind, text in out if _norm(text)]


def gold_labels(units: list[Unit], page: dict) -> list[str]:
    """The true label of every unit: H (opens an article), h (a further headline piece),
    B (byline), P (starts a paragraph), C (carries on the paragraph above); `+G` when a
    byline is glued to its end."""
    stream = _truth_stream(page)
    owner: list[int] = []
    starts: list[int] = []
    for i, (_, _, text) in enumerate(stream):
        starts.append(len(owner))
        owner += [i] * len(text)
    labels, pos = [], 0
    for unit in units:
        text = _norm(unit.text)
        if pos + len(text) > len(owner):
            raise ValueError(f"line {unit.line}: the text runs past its truth")
        item = owner[pos]
        kind = stream[item][1]
        label = ("P" if kind == "G" else kind) if pos == starts[item] else "C"
        end = pos + len(text) - 1
        if stream[owner[end]][1] == "G" and kind != "G":
            label += "+G"
        labels.append(label)
        pos += len(text)
    return labels


def _previous_state(units: list[Unit], labels: list[str], i: int) -> str:
    if i == 0:
        return "start"
    before, label = units[i - 1].text, labels[i - 1]
    if label.endswith("+G") or p.is_end_credit(before) or p.glued_end_credit(before):
        return "end"
    return {"H": "headline", "h": "headline", "B": "byline"}.get(label[0], "paragraph")


def _credited_articles(units: list[Unit], labels: list[str]) -> list[bool]:
    """For every unit: is the article above it (the one it would continue) credited at its
    top, by a byline below the headline or a dateline opening its text?"""
    out, credited = [], False
    for unit, label in zip(units, labels, strict=True):
        out.append(credited)
        if label[0] == "H":
            credited = False
        elif label[0] == "B" or (label[0] == "P" and p.dateline_of(unit.text)):
            credited = True
    return out


@cache
def _truth(corpus: Path) -> dict[str, dict]:
    """A corpus's truth, read once: the halves, the paragraphs and the samples all ask for it."""
    return json.loads((corpus / "truth.json").read_text(encoding="utf-8"))


def paragraphs(corpus: Path, names: set[str]) -> list[str]:
    """The true paragraphs of these pages, as the prose model reads them."""
    truth = _truth(corpus)
    return [_norm(text) for name in sorted(names) for a in truth[name]["articles"] for text in a["paragraphs"]]


def first_copies(corpora: list[Path]) -> dict[Path, set[str]]:
    """The pages of the corpora, each page once: the same page in two corpora (the same days
    laid out with other breaks) is the same prose, and counted twice it would pass the prose
    model's threshold of counts that it does not reach."""
    seen: set[str] = set()
    out: dict[Path, set[str]] = {}
    for corpus in corpora:
        out[corpus] = set(_truth(corpus)) - seen
        seen |= out[corpus]
    return out


def copies_of_a_page(corpora: list[Path]) -> int:
    """How many times the corpora give each page, on average (the same days laid out with
    other breaks, five times over: 5): a fixture decision weighs as much against them as
    against one copy."""
    pages = sum(len(_truth(corpus)) for corpus in corpora)
    distinct = sum(len(names) for names in first_copies(corpora).values())
    return max(1, round(pages / max(distinct, 1)))


def halves(corpora: list[Path]) -> list[dict[Path, set[str]]]:
    """The pages in two halves by day (alternate days of the sorted dates): the evidence of
    one half is weighed by a prose model learnt from the other, so the join model learns
    how much to trust the prose model on pages it has not read — as on a user's pages."""
    dated = [(corpus, name, page.get("date", name)) for corpus in corpora for name, page in _truth(corpus).items()]
    order = {date: i % 2 for i, date in enumerate(sorted({date for _, _, date in dated}))}
    out: list[dict[Path, set[str]]] = [{corpus: set() for corpus in corpora} for _ in (0, 1)]
    for corpus, name, date in dated:
        out[order[date]][corpus].add(name)
    return out


def samples(corpus: Path, names: set[str] | None = None) -> dict[str, list[tuple[evidence.Features, int]]]:
    truth = _truth(corpus)
    out: dict[str, list[tuple[evidence.Features, int]]] = {"join": [], "headline": []}
    for name in sorted(truth):
        if names is not None and name not in names:
            continue
        path = next((corpus / "source_texts").rglob(name))
        _, body, first = read_text(name, path.read_bytes(), None, Report())
        units, layout = build_units(body, first)
        if layout.indented:
            continue  # indentation settles both decisions there
        labels = gold_labels(units, truth[name])
        # what the parser knows of the text below a line, computed as the parser does
        below = _Parser(body, first, Corrections())
        credited = _credited_articles(units, labels)
        gaps = sorted(u.gap_before for u in units[1:]) or [1]
        usual_gap = gaps[len(gaps) // 2]
        start_of, start = [], 0  # the unit that opens the article each unit is in
        for k, gold in enumerate(labels):
            start = k if gold[0] == "H" else start
            start_of.append(start)
        for i, unit in enumerate(units):
            label = labels[i][0]
            before = units[i - 1] if i else None
            if (
                before is not None
                and labels[i - 1][0] in "PCHh"
                and not labels[i - 1].endswith("+G")
                and label in "PCH"
                and not p.is_terminated(before.text)
            ):
                lead = i >= 2 and labels[i - 2][0] in "HhB"
                title = " ".join(units[k].text for k in range(start_of[i], i) if labels[k][0] in "Hh")
                alike = below._alike_from(start_of[i - 1], i - 1)  # as the parser sees the article
                out["join"].append(
                    (evidence.join_features(before.text, unit.text, lead, title, alike), int(label == "C"))
                )
            if label in "HP" and shapes.could_be_headline(unit.text):
                after = units[i + 1].text if i + 1 < len(units) else None
                start = max((k for k in range(i) if labels[k][0] == "H"), default=0)
                above = frozenset().union(*(lexical.words(u.text) for u in units[start:i]))
                after_words = frozenset().union(*(lexical.words(u.text) for u in units[i + 1 : i + 3]))
                features = evidence.headline_features(
                    unit.text,
                    before.text if before else None,
                    after,
                    unit.gap_before,
                    usual_gap,
                    _previous_state(units, labels, i),
                    credited[i],
                    below._section_ends_with_byline(i),
                    lexical.cohesion(lexical.words(unit.text), above),
                    lexical.cohesion(after_words, above),
                    lexical.cohesion(lexical.words(unit.text), after_words),
                    evidence.picture_below([u.text for u in units[i + 1 : i + 4]]),
                    tuple(
                        units[k].text
                        for k in range(start + 1, i)
                        if labels[k][0] == "P" and shapes.heading_shaped(units[k].text)
                    ),
                    any(labels[k][0] == "P" and p.dateline_of(units[k].text) for k in range(start + 1, i)),
                    below._blocks_below(i),
                    below._signed_below(i),
                    below._parallel_below(i),
                    sum(1 for k in range(start + 1, i) if labels[k][0] == "P"),
                    below._alike_from(start, i),
                    evidence.quoted_line(unit.text)
                    and any(labels[k][0] == "P" and evidence.quoted_line(units[k].text) for k in range(start + 1, i)),
                )
                out["headline"].append((features, int(label == "H")))
    return out


def fixture_headline_samples(folder: Path) -> list[tuple[evidence.Features, int]]:
    """Headline-or-not decisions from the fixture pages: the parser is run on each page and
    every line it weighs is labelled by the expected cut (does an expected article's title
    start with it?)."""
    from build_scripts.parse.score import fixtures_in, load_expected

    rows: list[tuple[evidence.Features, int]] = []
    for txt in fixtures_in(folder):
        want, _ = load_expected(txt.with_name(txt.stem + ".expected.yml"))
        titles = {_norm(article.title) for article in want if article.title}
        _, body, first = read_text(txt.name, txt.read_bytes(), None, Report())
        parser = _Parser(body, first, Corrections())
        parser.run()
        for unit, features in parser.weighed:
            rows.append((features, int(any(title.startswith(_norm(unit.text)) for title in titles))))
    return rows


def fixture_samples(folder: Path) -> list[tuple[evidence.Features, int]]:
    """Join decisions from hand-cut fixture pages (`NAME.txt` + `NAME.expected.yml`): every
    block of the text that is only the start of an expected body block was cut by a break
    (join); every expected body block that stops without terminal punctuation and is
    followed by another is a paragraph of its own (no join). The fixtures imitate other
    papers, and their breaks fall where the corpus never cuts (after a comma, a few
    characters in): the model learns from both."""
    from build_scripts.parse.score import fixtures_in, load_expected

    rows: list[tuple[evidence.Features, int]] = []
    for txt in fixtures_in(folder):
        want, _ = load_expected(txt.with_name(txt.stem + ".expected.yml"))
        _, body, first = read_text(txt.name, txt.read_bytes(), None, Report())
        units, _ = build_units(body, first)
        texts = [u.text for u in units]
        for article in want:
            blocks = [text for _, text in article.body]
            for n, block in enumerate(blocks):
                lead = n == 0
                for k, unit_text in enumerate(texts[:-1]):
                    if (
                        len(unit_text) < len(block)
                        and block.startswith(unit_text)
                        and block[len(unit_text) :].startswith(texts[k + 1][:4])
                    ):
                        rows.append((evidence.join_features(unit_text, texts[k + 1], lead, article.title), 1))
                if n + 1 < len(blocks) and not p.is_terminated(block):
                    rows.append((evidence.join_features(block, blocks[n + 1], lead, article.title), 0))
    return rows


def fit(data: list[tuple[evidence.Features, int]], seed: int = 0) -> dict[str, float]:
    """Logistic regression by stochastic gradient descent with a shrinking step; the weights
    returned are the average over the second half of the epochs (steadier than the last
    ones: a small change to the data moves them less)."""
    weights: dict[str, float] = defaultdict(float)
    total: dict[str, float] = defaultdict(float)
    order = list(range(len(data)))
    rng = random.Random(seed)
    for epoch in range(EPOCHS):
        rng.shuffle(order)
        step = LEARNING_RATE / (1 + epoch / 5)
        for i in order:
            features, label = data[i]
            z = sum(weights[k] * v for k, v in features.items())
            error = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) - label
            for k, v in features.items():
                weights[k] -= step * (error * v + L2 * weights[k])
        if epoch >= EPOCHS // 2:
            for k, v in weights.items():
                total[k] += v
    averaged = {k: v / (EPOCHS - EPOCHS // 2) for k, v in total.items()}
    return {k: round(v, 3) for k, v in sorted(averaged.items()) if abs(v) >= 0.005}


def _use_prose(table: prose.Table) -> None:
    prose.try_model(table)
    evidence.forget()  # the evidence remembered was weighed with another prose model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="+", type=Path)
    parser.add_argument(
        "--fixtures",
        type=Path,
        action="append",
        default=[],
        help="a folder of hand-cut fixture pages to learn join decisions from too",
    )
    parser.add_argument("--out", type=Path, default=evidence.WEIGHTS_FILE)
    parser.add_argument("--prose-out", type=Path, default=prose.PROSE_FILE)
    args = parser.parse_args(argv)
    data: dict[str, list[tuple[evidence.Features, int]]] = {"join": [], "headline": []}
    groups = halves(args.corpora)
    for half, other in ((groups[0], groups[1]), (groups[1], groups[0])):
        once = first_copies(list(other))
        _use_prose(
            prose.learn(text for corpus, names in other.items() for text in paragraphs(corpus, names & once[corpus]))
        )
        for corpus, names in half.items():
            for model, rows in samples(corpus, names).items():
                data[model] += rows
    table = prose.learn(
        text for corpus, names in first_copies(args.corpora).items() for text in paragraphs(corpus, names)
    )
    _use_prose(table)
    # The fixture pages are read by a first model learnt from the corpus alone (not by the
    # shipped weights): the same corpus and fixtures always give the same weights.
    evidence.try_weights({model: fit(rows) for model, rows in data.items()})
    weight = FIXTURE_WEIGHT * copies_of_a_page(args.corpora)
    for folder in args.fixtures:
        data["join"] += fixture_samples(folder) * weight
        data["headline"] += fixture_headline_samples(folder) * weight
    models = {model: fit(rows) for model, rows in data.items()}
    evidence.try_weights(models)
    counts = {model: len(rows) for model, rows in data.items()}
    args.out.write_text(
        json.dumps({"trained_on": counts, "models": models}, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
        encoding="utf-8",
    )
    args.prose_out.write_bytes(prose.dump(table))
    for model, rows in data.items():
        wrong = sum((evidence.score(model, f) > 0) != bool(y) for f, y in rows)
        print(f"{model}: {len(rows)} decisions, {len(models[model])} weights, {wrong} wrong on the training data")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
