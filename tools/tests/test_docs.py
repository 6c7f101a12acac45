"""README.md, CHANGELOG.md and docs/ name no path of one machine, and every relative link or image
in them points at something that exists."""

import glob
import os
import re

import pytest

from conftest import ROOT

PAGES = sorted([os.path.join(ROOT, "README.md"), os.path.join(ROOT, "CHANGELOG.md")]
               + glob.glob(os.path.join(ROOT, "docs", "**", "*.md"), recursive=True))
MACHINE_PATHS = re.compile(r"(?<![\w.])/(work|home|tmp)/")
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")


def page_id(path):
    return os.path.relpath(path, ROOT)


def test_there_are_pages():
    assert len(PAGES) >= 10, PAGES


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_no_path_of_one_machine(page):
    with open(page) as f:
        found = [(number, line) for number, line in enumerate(f, 1)
                 if MACHINE_PATHS.search(line)]
    assert not found, found


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_every_relative_link_points_at_something(page):
    with open(page) as f:
        # Code is not markup: a snippet's brackets and parentheses are no link.
        text = re.sub(r"`[^`]*`", "", re.sub(r"```.*?```", "", f.read(), flags=re.S))
    missing = []
    for target in LINK.findall(text):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue
        path = os.path.normpath(os.path.join(os.path.dirname(page), target.split("#")[0]))
        if not os.path.exists(path):
            missing.append(target)
    assert not missing, missing


def test_the_checks_see_what_they_look_for():
    assert MACHINE_PATHS.search("run it in /work/runs/c40")
    assert not MACHINE_PATHS.search("/usr/share/datasets/fashion-mnist")
    assert LINK.findall("see [a](docs/cli.md#x) and ![b](docs/b.png)") == ["docs/cli.md#x",
                                                                         "docs/b.png"]
