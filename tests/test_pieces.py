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


def test_a_file_piece_past_a_head_it_begins_with_and_whole_if_it_does_not(tmp_path):
    """A year's CSV file is copied past its header into the file of all years; one edited by
    hand so that it no longer begins with it is copied whole, as before, not cut short."""
    year = tmp_path / "year.csv"
    year.write_bytes(b"header\r\nrow\r\n")
    assert FilePart(year).after(b"header\r\n") == FilePart(year, len(b"header\r\n"))
    year.write_bytes(b"rows only\r\n")
    assert FilePart(year).after(b"header\r\n") == FilePart(year)
    year.write_bytes(b"")
    assert FilePart(year, skip=8).size() == 0


def test_large_pieces_are_compared_a_chunk_at_a_time(tmp_path, monkeypatch):
    import build_scripts.writers.pieces as module

    monkeypatch.setattr(module, "CHUNK", 4)
    data = bytes(range(50))
    pieces = Pieces((data[:23], data[23:]))
    path = tmp_path / "f"
    path.write_bytes(data)
    assert pieces.same_as(path)
    path.write_bytes(data[:30] + b"\xff" + data[31:])
    assert not pieces.same_as(path)


def test_a_file_piece_that_shrinks_while_it_is_copied_is_an_error_not_a_short_file(tmp_path, monkeypatch):
    import pytest

    import build_scripts.writers.pieces as module

    monkeypatch.setattr(module.os, "sendfile", lambda *args: 0)
    with pytest.raises(RuntimeError, match="changed while it was being copied"):
        _pieces(tmp_path).write_to(tmp_path / "all.csv")


def test_a_piece_copied_from_docs_is_not_read_where_a_piece_at_hand_differs(tmp_path, monkeypatch):
    """The file of all years, after one year's records changed: the unchanged years (pieces of
    files in `docs/`, tens of megabytes) are not read to find that out."""
    import build_scripts.writers.pieces as pieces_module

    year = tmp_path / "2023.csv"
    year.write_bytes(b"row 1\r\n" * 1000)
    pieces = Pieces((FilePart(year), b"row 2\r\n", FilePart(year)))
    old = tmp_path / "all.csv"
    old.write_bytes(pieces.data().replace(b"row 2", b"row 3"))
    compared: list = []
    same_piece = pieces_module._same_piece
    monkeypatch.setattr(pieces_module, "_same_piece", lambda f, part: compared.append(part) or same_piece(f, part))
    assert not pieces.same_as(old)
    assert compared == [b"row 2\r\n"]
    # and where the pieces at hand are the same, every piece is compared, each at its place
    old.write_bytes(pieces.data())
    compared.clear()
    assert pieces.same_as(old)
    assert len(compared) == 3
