#!/usr/bin/env python3
"""Checks `belamy poem` output by hand, independently of the Swift writer (not run in CI):

    belamy poem --seed 1 --acrostic 春夏秋冬 > poems.txt   # or many commands' output, one file
    python3 Tests/PoetryTests/Fixtures/check_poems.py poems.txt

The file holds `$ belamy poem ARGS…` lines each followed by that command's poem (as in a
transcript). For Chinese poems: line count and characters per line of the form, `，` ending odd
lines and `。` even ones, each keyword present (or, with --acrostic, the lines beginning with its
characters), and the even lines ending in one 中华新韵 rhyme group by Corpora/poems/zh-readings.tsv
(any reading of a character counts). For English: the line count and the keywords or acrostic.
"""
import re
import shlex
import sys

FORMS = {"wujue": (4, 5), "qijue": (4, 7), "wulv": (8, 5), "qilv": (8, 7)}


def rhyme_groups(path="Corpora/poems/zh-readings.tsv"):
    groups = {}
    for line in open(path, encoding="utf-8"):
        if line.startswith("#"):
            continue
        character, _, rhymes, _ = line.rstrip("\n").split("\t")
        groups[character] = set(rhymes.split(","))
    return groups


def check_chinese(arguments, lines, groups):
    problems = []
    count, width = FORMS[arguments.get("form", "qijue")]
    # Two verse lines per printed line, as belamy prints them.
    verses = [v for line in lines for v in re.findall(r"[^，。]+[，。]", line)]
    if len(verses) != count:
        problems.append(f"{len(verses)} lines, not {count}")
    for index, verse in enumerate(verses):
        if len(verse) - 1 != width:
            problems.append(f"line {index + 1} has {len(verse) - 1} characters")
        if verse[-1] != ("，" if index % 2 == 0 else "。"):
            problems.append(f"line {index + 1} ends with {verse[-1]}")
    keywords = arguments["keywords"]
    if arguments.get("acrostic"):
        heads = "".join(keywords)
        if [v[0] for v in verses] != list(heads[: len(verses)]):
            problems.append("acrostic heads differ")
    else:
        text = "".join(verses)
        problems += [f"keyword {k} missing" for k in keywords if k not in text]
    endings = [v[-2] for v in verses[1::2]]
    shared = set.intersection(*(groups.get(c, set()) for c in endings)) if endings else set()
    if not shared:
        problems.append(f"even lines end {''.join(endings)}: no common rhyme group")
    return problems, f"{len(verses)}×{width}, rhyme {'/'.join(sorted(shared)) or '—'}"


def check_english(arguments, lines):
    problems = []
    words = arguments["keywords"]
    expected = int(arguments["form"]) if "form" in arguments else (len("".join(words)) if arguments.get("acrostic") else 4)
    if len(lines) != expected:
        problems.append(f"{len(lines)} lines, not {expected}")
    if arguments.get("acrostic"):
        letters = "".join(words).lower()
        if "".join(line[0].lower() for line in lines) != letters:
            problems.append("acrostic letters differ")
    else:
        text = [w.lower() for w in re.findall(r"[A-Za-z']+", " ".join(lines))]
        problems += [f"keyword {k} missing" for k in words if k.lower() not in text]
    return problems, f"{len(lines)} lines"


def parse(command):
    arguments, keywords, tokens = {}, [], shlex.split(command)[2:]
    while tokens:
        token = tokens.pop(0)
        if token in ("--acrostic", "--strict"):
            arguments[token[2:]] = True
        elif token.startswith("--"):
            arguments[token[2:]] = tokens.pop(0)
        else:
            keywords.append(token)
    arguments["keywords"] = keywords
    return arguments


def main():
    groups = rhyme_groups()
    text = open(sys.argv[1], encoding="utf-8").read()
    failures = total = 0
    for block in re.split(r"^(?=\$ belamy poem )", text, flags=re.M):
        if not block.startswith("$"):
            continue
        command, *lines = [line for line in block.splitlines() if line.strip()]
        arguments = parse(command[2:])
        chinese = arguments.get("lang") != "en"
        problems, summary = check_chinese(arguments, lines, groups) if chinese else check_english(arguments, lines)
        total += 1
        failures += bool(problems)
        print(f"{command}: {summary} — {'ok' if not problems else '; '.join(problems)}")
    print(f"{total - failures} of {total} poems pass")
    return 1 if failures or not total else 0


if __name__ == "__main__":
    sys.exit(main())
