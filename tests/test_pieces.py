"""A generated file given as pieces (writers/pieces.py): the data files of all years are their
years' files one after the other, written and compared without joining them in memory."""

from __future__ import annotations

from pathlib import Path

from build_scripts.writers.pieces import FilePart, Pieces, text_of


def _pieces(tmp_path: Path) -> Pieces:
    year = tmp_path / "year.csv"
    year.write_bytes(b"header\r\nrow 1\r\nrow 2\r\n")
    return Pieces((b"head\r\n", FilePart(year, skip=len(b"header\r\n")), "行".encode()))


def test_pieces_are_written_one_after_the_other_a_file_piece_from_its_offset(tmp_path):
    pieces = _pieces(tmp_path)
    out = tmp_path / "all.csv"
    pieces.write_to(out)
    expected = "head\r\nrow 1\r\nrow 2\r\n行".encode()
    assert out.read_bytes() == expected == pieces.data()
    assert pieces.size() == len(expected)
    assert text_of(pieces) == expected.decode()


def test_pieces_are_the_same_as_a_file_only_when_every_byte_is(tmp_path):
    pieces = _pieces(tmp_path)
    same, other, shorter = tmp_path / "same", tmp_path / "other", tmp_path / "shorter"
    same.write_bytes(pieces.data())
    other.write_bytes(pieces.data().replace(b"row 2", b"row 3"))  # the same size
    shorter.write_bytes(pieces.data()[:-1])
    assert pieces.same_as(same)
    assert not pieces.same_as(other)
    assert not pieces.same_as(shorter)
    assert not pieces.same_as(tmp_path / "missing")


def test_a_file_piece_is_copied_after_what_the_writer_holds(tmp_path, monkeypatch):
    """Without the system's copy between files (macOS), the buffer's way gives the same bytes."""
    import build_scripts.writers.pieces as module

    def no_sendfile(*args):
        raise OSError("not between files here")

    monkeypatch.setattr(module.os, "sendfile", no_sendfile)
    pieces = _pieces(tmp_path)
    pieces.write_to(tmp_path / "all.csv")
    assert (tmp_path / "all.csv").read_bytes() == "head\r\nrow 1\r\nrow 2\r\n行".encode()
