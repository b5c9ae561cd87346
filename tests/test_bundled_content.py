"""The bundled FAQ content in faq/ must match the seed page and fit the schema.

The seed (tests/fixtures/seed-imageskincare.txt) is parsed here on its own terms, without the
project's loader. Every question and answer is copied character for character, defects
included, except the three that `faq-audit fix` repaired in a commit of its own (FIXED below);
the verbatim seed stays a test fixture, so the rules' tests still see every original defect.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "seed-imageskincare.txt"
SCHEMA = ROOT / "schemas" / "faq.schema.json"
FAQ_DIR = ROOT / "faq"

CHROME = ["Skip to content", "Cart", "Your cart is empty"]
# What `faq-audit fix` changed in faq/, and nothing else: (as in the seed, as bundled).
FIXED = [
    ("(800) 796 - 7546", "(800) 796-7546"),
    ("retail- size", "retail-size"),
    ("EST ( except", "EST (except"),
]
SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/faq.schema.json"
EXPECTED_FILES = {
    "account.yaml": ("Account", 4),
    "orders.yaml": ("Orders", 4),
    "shipping.yaml": ("Shipping", 2),
    "returns.yaml": ("Returns", 1),
    "professional.yaml": ("Professional programs", 4),
    "image-relay.yaml": ("Image Relay", 10),
}
STRING_FIELDS = ("id", "question", "answer")


def parse_seed() -> list[tuple[str, str]]:
    """Return the seed's (question, answer) pairs in page order."""
    lines = [line for line in SEED.read_text(encoding="utf-8").split("\n") if line.strip()]
    assert lines[: len(CHROME)] == CHROME, "seed no longer starts with the page chrome"
    pairs: list[tuple[str, list[str]]] = []
    for line in lines[len(CHROME) :]:
        if line.endswith("?"):
            pairs.append((line, []))
        else:
            assert pairs, f"answer text before the first question: {line!r}"
            pairs[-1][1].append(line)
    return [(question, "\n\n".join(paragraphs)) for question, paragraphs in pairs]


def faq_files() -> list[Path]:
    """The category files: faq/policies.yaml is the policy registry, not content."""
    return sorted(path for path in FAQ_DIR.glob("*.yaml") if path.name != "policies.yaml")


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def all_entries() -> list[tuple[Path, dict[str, Any]]]:
    return [(path, entry) for path in faq_files() for entry in load(path)["entries"]]


SEED_PAIRS = parse_seed()


def test_seed_parses_into_25_distinct_questions_with_answers() -> None:
    questions = [question for question, _ in SEED_PAIRS]
    assert len(questions) == 25
    assert len(set(questions)) == 25
    assert all(answer for _, answer in SEED_PAIRS)


def test_faq_directory_holds_exactly_the_six_category_files() -> None:
    assert {path.name for path in faq_files()} == set(EXPECTED_FILES)


@pytest.mark.parametrize("name", sorted(EXPECTED_FILES))
def test_each_file_has_its_category_and_entry_count(name: str) -> None:
    category, count = EXPECTED_FILES[name]
    data = load(FAQ_DIR / name)
    assert data["category"] == category
    assert len(data["entries"]) == count


def test_bundled_files_hold_exactly_25_entries() -> None:
    assert len(all_entries()) == 25


def test_each_seed_question_occurs_exactly_once() -> None:
    counts = Counter(entry["question"] for _, entry in all_entries())
    seed_questions = [question for question, _ in SEED_PAIRS]
    assert {q: counts[q] for q in seed_questions} == dict.fromkeys(seed_questions, 1)
    assert set(counts) == set(seed_questions), "bundled questions that are not in the seed"


@pytest.mark.parametrize(
    ("question", "answer"), SEED_PAIRS, ids=[f"q{i:02d}" for i in range(len(SEED_PAIRS))]
)
def test_answer_matches_seed_verbatim(question: str, answer: str) -> None:
    matches = [entry for _, entry in all_entries() if entry["question"] == question]
    assert len(matches) == 1, f"question not bundled exactly once: {question!r}"
    for seeded, fixed in FIXED:
        answer = answer.replace(seeded, fixed)
    assert matches[0]["answer"] == answer


def test_the_fixed_defects_are_still_in_the_seed_fixture() -> None:
    seed = SEED.read_text(encoding="utf-8")
    bundled = "".join(path.read_text(encoding="utf-8") for path in faq_files())
    for seeded, fixed in FIXED:
        assert seed.count(seeded) == 1 and seeded not in bundled and fixed in bundled


def test_entries_keep_seed_order_within_each_file() -> None:
    seed_index = {question: i for i, (question, _) in enumerate(SEED_PAIRS)}
    for path in faq_files():
        positions = [seed_index[entry["question"]] for entry in load(path)["entries"]]
        assert positions == sorted(positions), f"{path.name} is out of seed order"


@pytest.mark.parametrize("path", faq_files(), ids=lambda p: p.name)
def test_file_validates_against_schema(path: Path) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(load(path))
    ]
    assert errors == []


def test_ids_are_unique_across_files() -> None:
    counts = Counter(entry["id"] for _, entry in all_entries())
    assert [entry_id for entry_id, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("path", faq_files(), ids=lambda p: p.name)
def test_file_starts_with_schema_hint_line(path: Path) -> None:
    assert path.read_text(encoding="utf-8").split("\n", 1)[0] == SCHEMA_LINE


@pytest.mark.parametrize("path", faq_files(), ids=lambda p: p.name)
def test_no_entry_carries_reviewed_or_owner(path: Path) -> None:
    for entry in load(path)["entries"]:
        assert not {"reviewed", "owner"} & set(entry), entry["id"]


def test_id_question_answer_and_tags_load_as_strings() -> None:
    for path, entry in all_entries():
        where = f"{path.name}:{entry.get('id')!r}"
        for field in STRING_FIELDS:
            assert type(entry[field]) is str, f"{where} {field} is {type(entry[field])}"
        tags = entry.get("tags", [])
        assert isinstance(tags, list), f"{where} tags is not a list"
        for tag in tags:
            assert type(tag) is str, f"{where} tag {tag!r} is {type(tag)}"
