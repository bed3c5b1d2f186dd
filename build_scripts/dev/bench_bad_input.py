"""Benchmark for bad and big input (`./scripts/bench-bad-input`, or `python -m build_scripts.dev.bench_bad_input`).

Table 1: `convert` on one source file of each shape, in its own process: wall time, peak
memory, articles. The shapes are the ones that once made the parser quadratic.
Table 2: how often GB18030/Big5 detection is right, by the number of Chinese characters —
the measurement behind decoding.MIN_DETECT_BYTES.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from build_scripts.ingest.decoding import detect_chinese_encoding

ROOT = Path(__file__).resolve().parents[2]

SAMPLE = (ROOT / "source_texts/2022/2022-01-28.txt").read_text(encoding="utf-8")
TRADITIONAL = (ROOT / "tests/fixtures/bad_input/traditional.txt").read_text(encoding="utf-8")


def shapes(megabytes: float) -> dict[str, str]:
    size = int(megabytes * 2**20)

    def fill(unit: str, head: str = "") -> str:
        return head + unit * max(1, (size - len(head.encode())) // len(unit.encode()))

    return {
        "sample page, repeated": fill(SAMPLE),
        "short unpunctuated lines after a byline": fill(
            "小标题没有标点\n\n正文一段。\n\n", "标题\n\n本报记者 李洁\n\n正文。\n\n"
        ),
        "paragraph broken on every line": fill(
            "一段文字，没有句号的长长的段落还在继续写下去，一段文字，没有句号的段落\n"
        ),
        "headline-like lines only": fill("短标题一个\n\n"),
        "byline, headline, paragraph, repeated": fill("标题\n\n本报记者 李洁\n\n正文，一段\n\n"),
        "one line": fill("很长的一行，没有换行。"),
        "invisible characters everywhere": fill("正\u200b文\u3000\ufeff。\n"),
    }


def convert_once(text: str) -> tuple[float, float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        (project / "source_texts").mkdir()
        (project / "docs").mkdir()
        shutil.copy(ROOT / "source_texts/archive.yml", project / "source_texts/archive.yml")
        (project / "source_texts/2022-01-28.txt").write_text(text, encoding="utf-8")
        start = time.perf_counter()
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "build_scripts",
                "convert",
                "--source",
                str(project / "source_texts"),
                "--docs",
                str(project / "docs"),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        assert process.stdout is not None
        output = process.stdout.read().decode()
        process.stdout.close()
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"convert failed: {output}")
        articles = int(output.split(" articles")[0].rsplit(" ", 1)[1])
        return seconds, usage.ru_maxrss / 1024, articles


def detection(lengths: list[int], trials: int) -> list[tuple[int, float, float]]:
    rng = random.Random(5)
    rows = []
    for n in lengths:
        right = {"gbk": 0, "big5": 0}
        for label, text, encoding in (("gbk", SAMPLE, "gbk"), ("big5", TRADITIONAL, "cp950")):
            for _ in range(trials):
                start = rng.randrange(0, len(text) - 3 * n)
                end, count = start, 0
                while count < n and end < len(text):  # n Chinese characters, with what lies between
                    count += ord(text[end]) > 127
                    end += 1
                piece = text[start:end]
                found = detect_chinese_encoding(piece.encode(encoding))
                right[label] += found is not None and found.text == piece
        rows.append((n, 100 * right["gbk"] / trials, 100 * right["big5"] / trials))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=5.0, help="size of each file (default: %(default)s)")
    parser.add_argument("--trials", type=int, default=300, help="detection trials per length (default: %(default)s)")
    args = parser.parse_args()

    print(f"convert, one {args.megabytes:g} MB file of each shape (own process each)\n")
    print(f"| {'shape':40} | {'seconds':>7} | {'peak MB':>7} | {'articles':>8} |")
    print(f"| {'-' * 40} | {'-' * 7}:| {'-' * 7}:| {'-' * 8}:|")
    for name, text in shapes(args.megabytes).items():
        seconds, peak, articles = convert_once(text)
        print(f"| {name:40} | {seconds:7.1f} | {peak:7.0f} | {articles:8d} |", flush=True)

    print(f"\nGB18030/Big5 detection by charset-normalizer, {args.trials} random stretches each\n")
    print("| Chinese characters | GBK read right | Big5 read right |")
    print("| ------------------:| --------------:| ---------------:|")
    for n, gbk, big5 in detection([4, 6, 8, 10, 12, 16, 24, 32], args.trials):
        print(f"| {n:18d} | {gbk:13.1f}% | {big5:14.1f}% |", flush=True)


if __name__ == "__main__":
    main()
