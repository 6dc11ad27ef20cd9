"""The bulk input parser (``cli/_items.py``) driven directly on in-memory input.

The process tests (``test_bulk_input.py``, ``tests/test_cli_bulk.py``) show what the
command does with bad input; these pin each reading rule by itself, in milliseconds, so
that ``make mutation`` can run them against every mutant of the parser.
"""

from __future__ import annotations

import pytest

from gitlab_users_client.cli._errors import CLIError
from gitlab_users_client.cli._items import (
    Item,
    conflict_error,
    decode_input,
    detect_format,
    mark_duplicates,
    parse_items,
    same_values,
)


def refs(items: list[Item]) -> list[tuple[int | None, str]]:
    """``(line, ref)`` of each item, in order."""
    return [(item.line, item.ref) for item in items]


def refused(text: str, fmt: str = "auto", *, allow_multiline: bool = False) -> str:
    with pytest.raises(CLIError) as caught:
        parse_items(text, fmt, allow_multiline=allow_multiline)  # type: ignore[arg-type]
    return str(caught.value)


# -- decoding ---------------------------------------------------------------------------


def test_utf8_input_is_decoded_and_a_byte_order_mark_dropped() -> None:
    assert decode_input("\ufeffid\nzoë\n".encode(), "stdin") == "id\nzoë\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x00id", "input.csv looks like a binary file (a NUL byte on line 1), not text"),
        (b"id\n1\n2\x00", "input.csv looks like a binary file (a NUL byte on line 3), not text"),
        (
            b"id,note\n5,caf\xe9\n",
            "input.csv is not UTF-8 text: byte 0xe9 on line 2 (offset 13) cannot be decoded",
        ),
        (b"\xc3(\n", "input.csv is not UTF-8 text: byte 0xc3 on line 1 (offset 0) cannot be"),
    ],
    ids=["NUL first", "NUL on line 3", "Latin-1 byte", "broken sequence first"],
)
def test_binary_or_non_utf8_input_is_refused_saying_where(data: bytes, message: str) -> None:
    with pytest.raises(CLIError) as caught:
        decode_input(data, "input.csv")
    assert str(caught.value).startswith(message)
    # Only the message: no decoding error chained to it (the CLI prints one line).
    assert caught.value.__cause__ is None
    assert caught.value.__context__ is None or caught.value.__suppress_context__


# -- the format ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ('\n  \n  {"id": 1}\n', "jsonl"),
        ("\n[1, 2]\n", "jsonl"),
        ("id,note\n1,x\n", "csv"),
        (" username \nalice\n", "csv"),
        ('"ID"\n1\n', "csv"),
        ("Username\nalice\n", "csv"),
        ("alice\nbob\n", "lines"),
        ("42\n", "lines"),
        ("", "lines"),
    ],
)
def test_the_format_is_guessed_from_the_first_non_blank_line(text: str, fmt: str) -> None:
    assert detect_format(text) == fmt


def test_an_explicit_format_is_not_second_guessed() -> None:
    # A username that looks like a CSV header is a username when --format lines says so.
    assert refs(parse_items("id\n42\n", "lines")) == [(1, "id"), (2, "42")]
    assert refs(parse_items("id\n42\n", "auto")) == [(2, "42")]
    assert refs(parse_items('{"id": 7}\n', "jsonl")) == [(1, "7")]
    assert refs(parse_items("5\n6\n", "jsonl")) == [(1, "5"), (2, "6")]


# -- plain lines ---------------------------------------------------------------------------


def test_plain_lines_skip_blanks_and_comments_and_keep_their_line_numbers() -> None:
    text = "  alice  \n\n# a comment\n   \n@bob\n42\n"
    items = parse_items(text, "lines")
    assert refs(items) == [(1, "alice"), (5, "@bob"), (6, "42")]
    assert [item.index for item in items] == [1, 2, 3]
    assert [item.key for item in items] == ["username:alice", "username:bob", "id:42"]


# -- what an item names --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ref", "key", "by_id"),
    [
        ("42", "id:42", True),
        (" 007 ", "id:7", True),
        ("@Alice", "username:alice", False),
        ("Bob", "username:bob", False),
        ("12ab", "username:12ab", False),
    ],
)
def test_an_item_names_a_user_by_id_or_by_username_ignoring_case(
    ref: str, key: str, by_id: bool
) -> None:
    item = Item(1, 1, ref)
    assert (item.key, item.by_id) == (key, by_id)


def test_an_item_says_where_it_comes_from() -> None:
    assert Item(3, 5, "alice").where == "item 3 (line 5)"
    assert Item(3, None, "42").where == "item 3"  # selected by a scan: no input line


# -- CSV -----------------------------------------------------------------------------------


def test_csv_cells_become_fields_keyed_by_the_header() -> None:
    text = " ID , Username ,Note, Skype ,\n42, alice ,  hello  ,,\n,@bob,x,y\n"
    first, second = parse_items(text, "csv")
    assert (first.line, first.ref, first.expect_username) == (2, "42", "alice")
    assert first.fields == {"note": "hello"}  # empty cells and key columns are no fields
    assert (second.line, second.ref, second.expect_username) == (3, "bob", None)
    assert second.fields == {"note": "x", "skype": "y"}
    assert first.error is None and second.error is None


def test_csv_rows_without_any_value_are_skipped_with_the_line_numbers_kept() -> None:
    text = "id,note\n\n , \n7,a\n,,\n8,b\n"
    assert refs(parse_items(text, "csv")) == [(4, "7"), (6, "8")]


def test_a_csv_row_shorter_than_the_header_lacks_those_fields() -> None:
    (item,) = parse_items("id,note,skype\n5,x\n", "csv")
    assert (item.ref, item.fields, item.error) == ("5", {"note": "x"}, None)


def test_a_csv_row_with_more_cells_than_the_header_fails_on_its_own() -> None:
    text = "id,note\n5,x,extra\n6,y,,  \n"
    first, second = parse_items(text, "csv")
    assert (first.line, first.ref, first.error) == (2, "5", "more cells than header columns")
    # Trailing empty cells (a spreadsheet's trailing commas) are no extra values.
    assert (second.line, second.fields, second.error) == (3, {"note": "y"}, None)


def test_a_quoted_cell_after_a_space_keeps_its_comma() -> None:
    (item,) = parse_items('id,note\n5, "a, b"\n', "csv")
    assert (item.fields, item.error) == ({"note": "a, b"}, None)


@pytest.mark.parametrize(
    ("text", "shown"),
    [("note, skype\nx,y\n", "note,skype"), ("", ""), ("\n , \n", ""), ("ident\n1\n", "ident")],
)
def test_csv_without_an_id_or_username_column_is_refused(text: str, shown: str) -> None:
    message = refused(text, "csv")
    assert message.startswith(
        f"CSV input needs a header row with an 'id' or 'username' column; the first line "
        f"is {shown!r} (e.g."
    )


def test_a_long_csv_header_is_quoted_cut_to_80_characters() -> None:
    header = ",".join(f"column{i:02d}" for i in range(20))
    message = refused(header + "\n1\n", "csv")
    assert f"the first line is {header[:80]!r} (e.g." in message


def test_a_quote_never_closed_is_refused_with_the_line_its_record_starts_on() -> None:
    text = 'id,note\n1,one\n2,"two\n3,three\n'
    for allow_multiline in (False, True):
        message = refused(text, "csv", allow_multiline=allow_multiline)
        assert message.startswith(
            "the CSV record starting on line 3 opens a quote that is never closed"
        )


def test_malformed_quoting_is_refused_with_its_line() -> None:
    message = refused('id,note\n1,one\n2,"two"x\n', "csv", allow_multiline=True)
    assert message.startswith("CSV input is malformed in the record starting on line 3: ")
    assert "Check the quotes on that line" in message


def test_a_record_spanning_lines_is_refused_unless_line_breaks_are_allowed() -> None:
    text = 'id,note\n1,"first\nsecond"\n\n2,plain\n'
    message = refused(text, "csv")
    assert message.startswith("the CSV record starting on line 2 spans lines 2-3: ")
    items = parse_items(text, "csv", allow_multiline=True)
    assert refs(items) == [(2, "1"), (5, "2")]
    assert items[0].fields == {"note": "first\nsecond"}


def test_a_crlf_inside_a_quoted_cell_is_kept_as_written() -> None:
    text = 'id,note\r\n1,"a\r\nb"\r\n2,c\r\n'
    items = parse_items(text, "csv", allow_multiline=True)
    assert refs(items) == [(2, "1"), (4, "2")]
    assert items[0].fields == {"note": "a\r\nb"}


@pytest.mark.parametrize(
    ("row", "ref", "error"),
    [
        ("0,", "0", "id must be a positive integer, not '0'"),
        ("-3,", "-3", "id must be a positive integer, not '-3'"),
        ("4.5,", "4.5", "id must be a positive integer, not '4.5'"),
        ("abc,", "abc", "id must be a positive integer, not 'abc'"),
        (",", "", "no id or username on this row"),
        (",@", "", "no id or username on this row"),
        ("1,", "1", None),
    ],
)
def test_csv_ids_must_be_positive_integers(row: str, ref: str, error: str | None) -> None:
    (item,) = parse_items(f"id,username,note\n{row},n\n", "csv")
    assert (item.line, item.ref, item.error) == (2, ref, error)
    assert item.fields == {"note": "n"}


# -- JSON lines ----------------------------------------------------------------------------


def test_json_lines_give_items_with_fields_and_their_line_numbers() -> None:
    text = '\n{"id": 5, "username": "@Alice", "note": "x"}\n\n  "bob"  \n9\n{"username": "carol"}\n'
    items = parse_items(text, "jsonl")
    assert refs(items) == [(2, "5"), (4, "bob"), (5, "9"), (6, "carol")]
    assert [item.index for item in items] == [1, 2, 3, 4]
    assert (items[0].fields, items[0].expect_username) == ({"note": "x"}, "Alice")
    assert all(item.error is None for item in items)


@pytest.mark.parametrize(
    ("line", "error"),
    [
        (
            "{not json",
            "invalid JSON: Expecting property name enclosed in double quotes at column 2",
        ),
        ('{"id": 1} x', "invalid JSON: Extra data at column 11"),
        ("true", "expected an object with an id or username, an ID or a username, not true"),
        ("false", "expected an object with an id or username, an ID or a username, not false"),
        ("null", "expected an object with an id or username, an ID or a username, not null"),
        ("0", "expected an object with an id or username, an ID or a username, not 0"),
        ("-4", "expected an object with an id or username, an ID or a username, not -4"),
        ("3.5", "expected an object with an id or username, an ID or a username, not 3.5"),
        ('"  "', 'expected an object with an id or username, an ID or a username, not "  "'),
        ("[1, 2]", "expected an object with an id or username, an ID or a username, not [1, 2]"),
        ('{"id": true}', "id must be a positive integer, not true"),
        ('{"id": 2.0}', "id must be a positive integer, not 2.0"),
        ('{"id": null, "username": null}', "no id or username on this row"),
        ('{"id": "0"}', "id must be a positive integer, not '0'"),
        ('{"id": -1}', "id must be a positive integer, not '-1'"),
        ('{"username": 7}', "username must be a string, not 7"),
        ('{"username": false}', "username must be a string, not false"),
        ("{}", "no id or username on this row"),
    ],
)
def test_a_bad_json_line_fails_on_its_own_line_and_names_no_user(line: str, error: str) -> None:
    # Between two good lines: the bad one neither stops the input nor repeats a neighbour.
    items = parse_items(f'{{"id": 1}}\n{line}\n{{"id": 2}}\n', "jsonl")
    assert [(item.index, item.line) for item in items] == [(1, 1), (2, 2), (3, 3)]
    assert [item.error for item in items] == [None, error, None]
    assert items[1].ref in ("", "0", "-1")
    assert items[1].duplicate_of is None and items[1].fields == {}
    assert [items[0].ref, items[2].ref] == ["1", "2"]


def test_a_long_bad_json_value_is_shown_cut_to_40_characters() -> None:
    exactly = "[" + ", ".join(["1"] * 11) + ", 12345]"  # json.dumps gives 40 characters
    longer = "[" + ", ".join(["1"] * 11) + ", 123456]"
    assert len(exactly) == 40
    _, first, second = parse_items(f'{{"id": 1}}\n{exactly}\n{longer}\n', "jsonl")
    assert first.error is not None and first.error.endswith(f"not {exactly}")
    assert second.error is not None and second.error.endswith(f"not {longer[:40]}...")


def test_a_json_object_keeps_its_other_members_as_fields() -> None:
    (item,) = parse_items('{"username": "dan", "note": "n", "admin": false, "id": null}', "jsonl")
    assert (item.ref, item.fields, item.error) == ("dan", {"note": "n", "admin": False}, None)


# -- a whole JSON array --------------------------------------------------------------------


def test_a_json_array_gives_each_element_the_line_it_starts_on() -> None:
    text = ' \n[\n  {"id": 5},\n\n  "bob",7,\t"x"\r\n ,  null\n]\n\n'
    items = parse_items(text, "auto")
    assert [(item.line, item.ref, item.error is None) for item in items] == [
        (3, "5", True),
        (5, "bob", True),
        (5, "7", True),
        (5, "x", True),
        (6, "", False),
    ]


@pytest.mark.parametrize("text", ["[]", "[ ]", "\n[\n\t]\n"])
def test_an_empty_json_array_is_no_items(text: str) -> None:
    assert parse_items(text, "jsonl") == []


def test_json_array_elements_without_spaces_are_each_read() -> None:
    assert refs(parse_items("[1,2,3]", "jsonl")) == [(1, "1"), (1, "2"), (1, "3")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[1,]", "invalid JSON input on line 1: Expecting value"),
        ("[\n1,\n2,\n]", "invalid JSON input on line 4: Expecting value"),
        ("[", "invalid JSON input on line 1: Expecting value"),
        ("[\n   ", "invalid JSON input on line 2: Expecting value"),
        ("[1 2]", "invalid JSON input on line 1: expected ',' or ']' in the array"),
        ("[1,\n2\n3]", "invalid JSON input on line 3: expected ',' or ']' in the array"),
        ("[1", "invalid JSON input on line 1: expected ',' or ']' in the array"),
        ("[1 \n ", "invalid JSON input on line 2: expected ',' or ']' in the array"),
        ("[1]x", "invalid JSON input on line 1: text after the array"),
        ("[1]\n\n  x", "invalid JSON input on line 3: text after the array"),
        ('[1]\n{"id": 2}', "invalid JSON input on line 2: text after the array"),
    ],
)
def test_a_malformed_json_array_is_refused_with_its_line(text: str, message: str) -> None:
    assert refused(text) == message


def test_text_around_a_json_array_that_is_only_whitespace_is_fine() -> None:
    assert refs(parse_items("\t\n [1]\n \n", "jsonl")) == [(2, "1")]


# -- the same user twice ---------------------------------------------------------------------


def test_a_repeat_with_the_same_values_is_acted_on_once() -> None:
    text = "id,username,note\n5,,x\n,alice,y\n5,,x\n,ALICE,y\n,@alice,y\n"
    items = parse_items(text, "csv")
    assert [item.duplicate_of for item in items] == [None, None, 1, 2, 2]


def test_items_that_failed_are_never_repeats_nor_repeated() -> None:
    text = '{"id": 5, "bad": 1}\n{"id": true}\n{"id": true}\n{"id": 5, "bad": 1}\n'
    items = parse_items(text, "jsonl")
    assert [(item.error is None, item.duplicate_of) for item in items] == [
        (True, None),
        (False, None),
        (False, None),
        (True, 1),
    ]
    # A bad row ahead of a good one for the same ID neither shadows nor conflicts with it.
    first, second = mark_duplicates(
        [Item(1, 1, "5", {"a": 1}, error="broken"), Item(2, 2, "5", {"a": 2})]
    )
    assert (first.duplicate_of, second.duplicate_of) == (None, None)


def test_two_items_for_one_user_with_other_values_refuse_the_input() -> None:
    message = refused("id,username,note\n5,,x\n,bob,y\n05,,other\n")
    assert message == (
        "lines 2 and 4 both name id 5 with different values: which one is meant is "
        "unknown, so nothing was done. Keep one row per user"
    )
    # Plain lines carry no values: the same user twice is a repeat, never a conflict.
    items = parse_items("Alice\n@alice\n", "lines")
    assert [item.duplicate_of for item in items] == [None, 1]


def test_items_without_lines_are_named_by_index_in_a_conflict() -> None:
    with pytest.raises(CLIError) as caught:
        mark_duplicates([Item(1, None, "5", {"a": 1}), Item(2, None, "5", {"a": 2})])
    assert str(caught.value).startswith("items 1 and 2 both name id 5 with different values")
    with pytest.raises(CLIError) as caught:
        mark_duplicates([Item(1, 3, "5", {"a": 1}), Item(2, None, "5", {"a": 2})])
    assert str(caught.value).startswith("items 1 and 2 both name id 5")


@pytest.mark.parametrize(
    ("count", "more"), [(10, ""), (11, " (and 1 more)"), (13, " (and 3 more)")]
)
def test_a_conflict_error_lists_the_first_ten_pairs(count: int, more: str) -> None:
    pairs = [(Item(i, i, "a"), Item(i + 100, i + 100, "a"), f"user {i}") for i in range(count)]
    message = str(conflict_error(pairs))
    assert message.count("with different values") == min(count, 10)
    assert "lines 9 and 109 both name user 9" in message
    assert "lines 10 and 110" not in message
    assert message.endswith(
        f"user 9 with different values{more}: which one is meant is unknown, so nothing "
        "was done. Keep one row per user"
    )


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (Item(1, 1, "5", {"n": 1}), Item(2, 2, "5", {"n": 1}), True),
        (Item(1, 1, "5", {"n": 1}), Item(2, 2, "5", {"n": 2}), False),
        (Item(1, 1, "5", expect_username="Al"), Item(2, 2, "5", expect_username="aL"), True),
        (Item(1, 1, "5", expect_username="al"), Item(2, 2, "5", expect_username="bo"), False),
        (Item(1, 1, "5", expect_username="al"), Item(2, 2, "5"), True),
        (Item(1, 1, "5"), Item(2, 2, "5", expect_username="al"), True),
        (Item(1, 1, "5", {"n": 1}, expect_username="al"), Item(2, 2, "5", {"n": 2}), False),
    ],
)
def test_two_items_ask_for_the_same_when_fields_and_expected_usernames_agree(
    a: Item, b: Item, same: bool
) -> None:
    assert same_values(a, b) is same
    assert same_values(b, a) is same


# -- what each refusal says, in full -------------------------------------------------------
# The CLI prints these as they are: the advice in them is part of the behaviour.


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"\nid\n\x00\n\x00\n",
            "in.txt looks like a binary file (a NUL byte on line 3), not text: bulk reads one "
            "ID or username per line, CSV or JSON lines (export a spreadsheet as CSV)",
        ),
        (
            b"\nid\n\xe9\n\n",
            "in.txt is not UTF-8 text: byte 0xe9 on line 3 (offset 4) cannot be decoded; save "
            "the file as UTF-8 (e.g. iconv -f LATIN1 -t UTF-8)",
        ),
    ],
    ids=["NUL", "not UTF-8"],
)
def test_undecodable_input_names_the_first_bad_line_counting_from_the_first_byte(
    data: bytes, message: str
) -> None:
    with pytest.raises(CLIError) as caught:
        decode_input(data, "in.txt")
    assert str(caught.value) == message


def test_csv_refusals_say_what_to_do() -> None:
    assert refused("note\nx\n", "csv") == (
        "CSV input needs a header row with an 'id' or 'username' column; the first line is "
        "'note' (e.g. 'id,note' or 'username,note'; or --format lines for one ID or "
        "username per line)"
    )
    assert refused('id,note\n1,"open\n', "csv") == (
        "the CSV record starting on line 2 opens a quote that is never closed: it would "
        "swallow every row after it. Nothing was done. Close the quote (a quote inside a "
        'cell is written twice: "")'
    )
    assert refused('id,note\n1,"a"b\n', "csv").endswith(
        ". Nothing was done. Check the quotes on that line"
    )
    assert refused('id,note\n1,"a\nb"\n', "csv") == (
        "the CSV record starting on line 2 spans lines 2-3: a quoted cell holds a line "
        "break, or a quote is not closed and swallowed the rows after it. Nothing was done. "
        "Fix the quoting, or pass --allow-multiline if cells really contain line breaks"
    )


def test_line_breaks_in_csv_cells_are_refused_unless_asked_for() -> None:
    with pytest.raises(CLIError):
        parse_items('id,note\n1,"a\nb"\n', "csv")  # the default: no multi-line records


def test_csv_with_carriage_returns_alone_as_line_ends_is_read_line_by_line() -> None:
    assert refs(parse_items("id,note\r1,a\r\r2,b\r", "csv")) == [(2, "1"), (4, "2")]


def test_a_header_name_ending_in_x_is_not_a_key_column() -> None:
    assert detect_format("usernameX\n") == "lines"
    assert detect_format('"id"\n') == "csv"


def test_a_conflict_names_the_user_as_written_and_joins_several_with_semicolons() -> None:
    message = refused("username,note\na:b,x\nc,y\nA:B,z\nc,w\n", "csv")
    assert message == (
        "lines 2 and 4 both name username a:b with different values; lines 3 and 5 both "
        "name username c with different values: which one is meant is unknown, so nothing "
        "was done. Keep one row per user"
    )


def test_a_failed_item_after_a_good_one_for_the_same_user_is_no_conflict() -> None:
    good, bad = mark_duplicates(
        [Item(1, 1, "5", {"a": 1}), Item(2, 2, "5", {"a": 2}, error="broken")]
    )
    assert (good.duplicate_of, bad.duplicate_of, bad.error) == (None, None, "broken")


def test_json_array_items_are_numbered_and_lines_counted_from_the_first_character() -> None:
    items = parse_items("\n[1,\n2, 3]", "jsonl")
    assert [(item.index, item.line, item.ref) for item in items] == [
        (1, 2, "1"),
        (2, 3, "2"),
        (3, 3, "3"),
    ]


def test_a_json_array_inside_the_array_is_an_element_that_fails() -> None:
    first, second = parse_items("[[1], 2]", "jsonl")
    assert first.error is not None and first.error.endswith("not [1]")
    assert (second.ref, second.error) == ("2", None)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[X]", "invalid JSON input on line 1: Expecting value"),
        ("[X1]", "invalid JSON input on line 1: Expecting value"),
        ("[1X]", "invalid JSON input on line 1: expected ',' or ']' in the array"),
        ("[1 2\n\n]", "invalid JSON input on line 1: expected ',' or ']' in the array"),
        ("\n[1 2]", "invalid JSON input on line 2: expected ',' or ']' in the array"),
        ("[1]x\n\n", "invalid JSON input on line 1: text after the array"),
        ("\n[1] x", "invalid JSON input on line 2: text after the array"),
    ],
)
def test_a_json_array_error_names_the_line_where_it_is(text: str, message: str) -> None:
    assert refused(text) == message
