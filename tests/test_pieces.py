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
    # nor where a piece this run made and has written since (`now_in`) differs
    made = tmp_path / "made.csv"
    made.write_bytes(b"row 2\r\n")
    written = Pieces((FilePart(year), FilePart(made, 0, len(b"row 2\r\n"), made=True), FilePart(year)))
    compared.clear()
    assert not written.same_as(old)
    assert compared == [written.parts[1]]
    # and where the pieces at hand are the same, every piece is compared, each at its place
    old.write_bytes(pieces.data())
    compared.clear()
    assert pieces.same_as(old)
    assert len(compared) == 3


def test_a_file_piece_may_stop_short_of_the_files_end(tmp_path, monkeypatch):
    """A day's records kept in a year's file are a range of it: written, compared, sized and
    read up to its end, by the system's copy and by the buffer's way alike."""
    import build_scripts.writers.pieces as module

    year = tmp_path / "year.jsonl"
    year.write_bytes(b"day 1\nday 2\nday 3\n")
    pieces = Pieces((FilePart(year, 6, 12), b"new\n", FilePart(year, 0, 6)))
    expected = b"day 2\nnew\nday 1\n"
    assert pieces.size() == len(expected) and pieces.data() == expected
    pieces.write_to(tmp_path / "out")
    assert (tmp_path / "out").read_bytes() == expected
    assert pieces.same_as(tmp_path / "out")
    (tmp_path / "other").write_bytes(expected[:-1] + b"X")
    assert not pieces.same_as(tmp_path / "other")

    def no_sendfile(*args):
        raise OSError("not between files here")

    monkeypatch.setattr(module.os, "sendfile", no_sendfile)
    pieces.write_to(tmp_path / "by buffer")
    assert (tmp_path / "by buffer").read_bytes() == expected


def test_a_range_of_the_file_compared_with_at_its_own_place_is_not_read(tmp_path, monkeypatch):
    """A year's file made again after one day changed is mostly ranges of itself, where they
    were: only the new day's bytes are compared (and ranges elsewhere in it are)."""
    import build_scripts.writers.pieces as module

    year = tmp_path / "year.jsonl"
    year.write_bytes(b"day 1\nday 2\nday 3\n")
    compared = []
    real = module._same_piece
    monkeypatch.setattr(module, "_same_piece", lambda old, part: compared.append(part) or real(old, part))
    kept_in_place = Pieces((FilePart(year, 0, 6), b"day 2\n", FilePart(year, 12, 18)))
    assert kept_in_place.same_as(year)
    assert compared == [b"day 2\n"]
    compared.clear()
    moved = Pieces((FilePart(year, 6, 12), FilePart(year, 0, 6), FilePart(year, 12, 18)))
    assert not moved.same_as(year)
    assert FilePart(year, 6, 12) in compared


def test_a_file_shorter_than_its_piece_is_never_taken_for_its_bytes(tmp_path, monkeypatch):
    """A range past the end of its file (the file cut short while the pieces are written) is
    an error when read or copied, by either way, and not the same as a file of its length."""
    import pytest

    import build_scripts.writers.pieces as module

    year = tmp_path / "year.jsonl"
    year.write_bytes(b"day 1\nday 2\n")  # 12 bytes of the piece's 18
    pieces = Pieces((FilePart(year, 0, 18),))
    (tmp_path / "padded").write_bytes(b"day 1\nday 2\n" + b"\0" * 6)  # as long as the piece says
    assert not pieces.same_as(tmp_path / "padded")
    with pytest.raises(RuntimeError, match="shorter"):
        pieces.data()
    with pytest.raises(RuntimeError, match="changed while it was being copied"):
        pieces.write_to(tmp_path / "out")

    def no_sendfile(*args):
        raise OSError("not between files here")

    monkeypatch.setattr(module.os, "sendfile", no_sendfile)
    with pytest.raises(RuntimeError, match="changed while it was being copied"):
        pieces.write_to(tmp_path / "by buffer")


def test_pieces_a_file_holds_now_are_read_from_it_and_let_go(tmp_path):
    """`now_in`: the large pieces at hand become the ranges of the file that holds them; the
    small ones stay, and the pieces still make the same bytes."""
    from build_scripts.writers.pieces import LET_GO_FROM

    year = tmp_path / "year.csv"
    year.write_bytes(b"header\r\nrow 1\r\n")
    large = b"x" * LET_GO_FROM
    pieces = Pieces((b"head\r\n", large, FilePart(year, skip=len(b"header\r\n")), b"y" * 10))
    out = tmp_path / "out.csv"
    pieces.write_to(out)
    pieces.now_in(out)
    head = len(b"head\r\n")
    assert pieces.parts == (
        b"head\r\n",
        FilePart(out, head, head + LET_GO_FROM, made=True),
        FilePart(year, skip=len(b"header\r\n")),
        b"y" * 10,
    )
    assert pieces.data() == out.read_bytes()
