"""Which files a batch reads, under which names, and how shards split them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from engine.batch.discovery import discover
from engine.batch.sharding import Shard, parse_shard, shard_of
from engine.errors import UsageError


def touch(path: Path, text: str = "x: 1\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_directory_is_searched_recursively_for_findings_files_only(tmp_path):
    touch(tmp_path / "a.yaml")
    touch(tmp_path / "team" / "b.yml")
    touch(tmp_path / "team" / "deep" / "c.json")
    touch(tmp_path / "notes.txt")
    touch(tmp_path / ".hidden" / "d.yaml")
    touch(tmp_path / ".e.yaml")
    inputs, problems = discover([str(tmp_path)])
    assert problems == []
    assert [i.stem for i in inputs] == ["a", "team/b", "team/deep/c"]


def test_files_keep_their_own_name_and_are_not_read_twice(tmp_path):
    a = touch(tmp_path / "x" / "a.yaml")
    inputs, _ = discover([str(a), str(tmp_path / "x"), str(a)])
    assert [(i.path.name, i.stem) for i in inputs] == [("a.yaml", "a")]


def test_glob_stems_are_relative_to_the_fixed_part_of_the_pattern(tmp_path):
    touch(tmp_path / "in" / "one.yaml")
    touch(tmp_path / "in" / "sub" / "two.yaml")
    touch(tmp_path / "in" / "sub" / "skip.txt")
    inputs, problems = discover([str(tmp_path / "in" / "**" / "*.yaml")])
    assert problems == []
    assert sorted(i.stem for i in inputs) == ["one", "sub/two"]


def test_paths_that_name_nothing_are_reported(tmp_path):
    (tmp_path / "empty").mkdir()
    inputs, problems = discover([str(tmp_path / "missing.yaml"), str(tmp_path / "empty"), str(tmp_path / "*.nope")])
    assert inputs == []
    assert [p.message for p in problems] == [
        "no such file or directory",
        "directory has no .yaml, .yml, .json files",
        "pattern matches no findings files",
    ]
    assert str(problems[0]).startswith(f"{tmp_path / 'missing.yaml'}:1:")


def test_two_inputs_that_would_overwrite_each_others_briefs_are_refused(tmp_path):
    a = touch(tmp_path / "a" / "model.yaml")
    b = touch(tmp_path / "b" / "model.yaml")
    with pytest.raises(UsageError) as e:
        discover([str(a), str(b)])
    assert "model" in str(e.value) and str(a) in str(e.value) and str(b) in str(e.value)
    # Given as their parent directory, they get distinct names.
    inputs, _ = discover([str(tmp_path)])
    assert sorted(i.stem for i in inputs) == ["a/model", "b/model"]


@pytest.mark.parametrize("text", ["0/3", "4/3", "1/0", "two/3", "1-3", "1/"])
def test_bad_shard_specs_are_usage_errors(text):
    with pytest.raises(UsageError):
        parse_shard(text)


def test_shards_cover_every_file_exactly_once_whatever_the_order():
    contents = [f"schema_version: 1\nsystem: {{name: s{i}}}\n".encode() for i in range(300)]
    for n in (1, 2, 3, 7):
        shards = [Shard(k, n) for k in range(1, n + 1)]
        held = [[c for c in contents if s.holds(c)] for s in shards]
        assert sum(len(h) for h in held) == len(contents)
        assert set().union(*map(set, held)) == set(contents)
        if n > 1:
            assert all(h for h in held), "every shard gets some of 300 files"
        # The same bytes land in the same shard in reverse order, and on every call.
        again = [[c for c in reversed(contents) if s.holds(c)] for s in shards]
        assert [sorted(h) for h in again] == [sorted(h) for h in held]
    assert shard_of(b"abc", 5) == shard_of(b"abc", 5)
    assert parse_shard("2/4") == Shard(2, 4) and parse_shard("2/4").tag == "shard-2-of-4"
    assert parse_shard(None).tag == "all"


def test_the_output_directory_is_not_read_as_input(tmp_path):
    touch(tmp_path / "a.yaml")
    touch(tmp_path / "briefs" / "a.executive.json", "{}")
    touch(tmp_path / "briefs" / "manifest.json", "{}")
    inputs, _ = discover([str(tmp_path)], exclude=[tmp_path / "briefs"])
    assert [i.stem for i in inputs] == ["a"]
    inputs, _ = discover([str(tmp_path / "**" / "*.json")], exclude=[tmp_path / "briefs"])
    assert inputs == []


def test_linked_directories_are_searched_once_and_a_link_loop_ends(tmp_path):
    touch(tmp_path / "shared" / "common.yaml")
    touch(tmp_path / "root" / "own.yaml")
    (tmp_path / "root" / "shared").symlink_to(tmp_path / "shared")
    (tmp_path / "root" / "again").symlink_to(tmp_path / "shared")
    (tmp_path / "root" / "up").symlink_to(tmp_path / "root")
    touch(tmp_path / "root" / "zreal" / "mine.yaml")
    (tmp_path / "root" / "alink").symlink_to(tmp_path / "root" / "zreal")
    inputs, problems = discover([str(tmp_path / "root")])
    assert problems == []
    assert [i.stem for i in inputs] == ["again/common", "own", "zreal/mine"]


def test_a_named_pipe_in_a_searched_directory_is_left_alone(tmp_path):
    touch(tmp_path / "a.yaml")
    os.mkfifo(tmp_path / "pipe.yaml")  # reading it would wait forever
    inputs, problems = discover([str(tmp_path)])
    assert [i.stem for i in inputs] == ["a"] and problems == []


def test_many_clashing_names_are_shown_as_a_few_with_a_count(tmp_path):
    for team in ("a", "b", "c"):
        for i in range(40):
            touch(tmp_path / team / f"model{i:02d}.yaml")
    with pytest.raises(UsageError) as e:
        discover([str(tmp_path / "a"), str(tmp_path / "b"), str(tmp_path / "c")])
    message = str(e.value)
    assert f"model00: {tmp_path / 'a' / 'model00.yaml'}, {tmp_path / 'b' / 'model00.yaml'}" in message
    assert len(message.splitlines()) <= 12 and "and 30 more names" in message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_given_as_a_path_is_reported_as_what_it_is(tmp_path):
    pipe = tmp_path / "findings.yaml"
    os.mkfifo(pipe)
    inputs, problems = discover([str(pipe)])
    assert inputs == [] and [(p.path, p.message) for p in problems] == [
        ("(file)", "not a regular file (a pipe, socket or device); give a findings file")]


def test_a_shard_count_of_zero_says_so():
    with pytest.raises(UsageError, match=r"--shard 1/0: N, the number of shards, must be at least 1"):
        parse_shard("1/0")
