#!/usr/bin/env python3
"""Build the Chinese poem corpus from fortunes-zh (tang300, song100 and the poems in `chinese`).

Usage: poems_zh.py FORTUNES_DIR OUTPUT_DIR

Writes OUTPUT_DIR/zh.train.txt and OUTPUT_DIR/zh.valid.txt in the record format described in
Corpora/SOURCES.md, and prints the counts that SOURCES.md reports. Standard library only.
"""
import collections
import os
import re
import sys
import unicodedata

from records import Poem, validation_bucket, write_records

ANSI_COLOUR = re.compile(r"\x1b\[[0-9;]*m")
FORTUNE_SEPARATOR = re.compile(r"\n%[ \t]*(?:\n|$)")
# `    -- 李白《静夜思》`: the attribution line that closes a quotation in `chinese`.
ATTRIBUTION = re.compile(r"^\s*--\s*(\S{1,12}?)\s*《([^》]+)》\s*$")
HALF_TO_FULL_WIDTH = str.maketrans({",": "，", ".": "。", "．": "。", "?": "？", "!": "！",
                                    ";": "；", ":": "：", "・": "·", "•": "·"})
# Marks a verse body may contain besides ideographs; anything else (Latin letters, digits, spaces
# standing for lost characters, □, private-use code points) marks prose or a damaged text.
VERSE_PUNCTUATION = set("，。！？；：、“”‘’（）《》—…")
# Clause ends used to measure clause lengths and to count regular forms.
CLAUSE_END = re.compile(r"[，。！？；：、]")
# Quotations in `chinese` that are modern prose (and still in copyright) or classical prose;
# they pass the shape filter because they happen to be short and fully punctuated.
EXCLUDED_AUTHORS = {
    "尤瓦尔·赫拉利", "尤瓦尔赫拉利", "赫拉利", "吴军", "鲁迅", "余光中", "朱自清", "冰心",
    "毛泽东", "陈毅",
    "荀子", "孟子及其弟子", "司马迁", "诸葛亮", "王羲之", "李斯", "吴均", "陶弘景",
}
EXCLUDED_WORKS = {("苏轼", "记承天寺夜游 / 记承天夜游")}
# Verse clauses stay within 11 characters (the longest 词 lines); longer ones are prose or a
# preface that the source ran into the first line.
LONGEST_CLAUSE = 11


def is_ideograph(character):
    name = unicodedata.name(character, "")
    return name.startswith("CJK UNIFIED IDEOGRAPH") or name.startswith("CJK COMPATIBILITY IDEOGRAPH")


def is_verse_line(line):
    return bool(line) and all(is_ideograph(c) or c in VERSE_PUNCTUATION for c in line)


def clauses(body_lines):
    return [c for c in CLAUSE_END.split("".join(body_lines)) if c]


def normalised_body(lines):
    """Full-width punctuation, no surrounding space, and a clause broken across two source lines
    (the line ends without punctuation) joined back into one line."""
    joined = []
    for raw in lines:
        line = raw.strip().translate(HALF_TO_FULL_WIDTH)
        if not line:
            continue
        if joined and not CLAUSE_END.search(joined[-1][-1]) and joined[-1][-1] not in "”’）》":
            joined[-1] += line
        else:
            joined.append(line)
    return joined


def normalised_title(title):
    title = title.strip().translate(HALF_TO_FULL_WIDTH).replace("-", "·")
    return title.replace("·并序", "")


def fortune_entries(path):
    text = ANSI_COLOUR.sub("", open(path, encoding="utf-8").read())
    return [entry for entry in FORTUNE_SEPARATOR.split(text) if entry.strip()]


def parts_of(lines):
    """Splits a body into the poems of a set: sections headed `其一`, `其二`… or separated by a
    blank line."""
    parts, current = [], []
    for line in lines:
        stripped = line.strip()
        if not stripped or re.fullmatch(r"其[一二三四五六七八九十]+", stripped):
            if current:
                parts.append(current)
            current = []
        else:
            current.append(line)
    if current:
        parts.append(current)
    return parts


def tang300(path, rejected):
    poems = []
    for entry in fortune_entries(path):
        lines = entry.split("\n")
        title = re.fullmatch(r"《(.+)》", lines[0].strip()).group(1)
        author = re.fullmatch(r"作者：(.+)", lines[1].strip()).group(1)
        body = lines[2:]
        if "并序" in title:
            # The preface is prose; a blank (or blank-looking) line separates it from the verse.
            blank = next(i for i, line in enumerate(body) if not line.strip())
            body = body[blank + 1:]
        body = normalised_body(body)
        if all(is_verse_line(line) for line in body):
            poems.append(Poem(normalised_title(title), author, "tang300", body))
        else:
            rejected["tang300: not a clean verse body"] += 1
    return poems


def song100(path, rejected):
    poems = []
    for entry in fortune_entries(path):
        lines = entry.split("\n")
        title = re.fullmatch(r"题目:《(.+?)》.*", lines[0].strip()).group(1)
        author = re.fullmatch(r"作者:([^（(]+).*", lines[1].strip()).group(1).strip()
        parts = parts_of(lines[2:])
        for number, part in enumerate(parts, start=1):
            body = normalised_body(part)
            suffix = f"·其{'一二三四五六七八九十'[number - 1]}" if len(parts) > 1 else ""
            if all(is_verse_line(line) for line in body):
                poems.append(Poem(normalised_title(title) + suffix, author, "song100", body))
            else:
                rejected["song100: not a clean verse body"] += 1
    return poems


def chinese(path, rejected):
    poems = []
    for entry in fortune_entries(path):
        lines = entry.rstrip("\n").split("\n")
        attribution = ATTRIBUTION.match(lines[-1])
        if not attribution:
            rejected["chinese: no `-- author《title》` line (Debian texts, 论语, 谚语, …)"] += 1
            continue
        author, title = attribution.group(1), attribution.group(2).strip()
        if not all(is_ideograph(c) or c == "·" for c in author):
            rejected["chinese: attribution is not a plain author name"] += 1
            continue
        if author in EXCLUDED_AUTHORS or (author, title) in EXCLUDED_WORKS:
            rejected["chinese: modern or classical prose author"] += 1
            continue
        body = normalised_body(lines[:-1])
        if not body or not all(is_verse_line(line) for line in body):
            rejected["chinese: body has Latin, spaces, lost characters or odd marks"] += 1
            continue
        if not any(c in "，。" for c in "".join(body)):
            rejected["chinese: body has no ，or 。"] += 1
            continue
        if max(len(c) for c in clauses(body)) > LONGEST_CLAUSE:
            rejected[f"chinese: a clause longer than {LONGEST_CLAUSE} characters (prose)"] += 1
            continue
        poems.append(Poem(normalised_title(title), author, "chinese", body))
    return poems


def form(poem):
    """Names the regular form of a poem: 五言/七言 绝句 (4 clauses) or 律诗 (8 clauses)."""
    lengths = [len(c) for c in clauses(poem.body)]
    if len(set(lengths)) != 1 or lengths[0] not in (5, 7) or len(lengths) not in (4, 8):
        return None
    return ("五言" if lengths[0] == 5 else "七言") + ("绝句" if len(lengths) == 4 else "律诗")


def split_key(poem):
    # Excerpts and parts of one work share author and base title, so they land in one split.
    base = re.split(r"·其| / ", poem.title)[0]
    return f"{poem.author}\t{base}"


def main():
    fortunes, output = sys.argv[1], sys.argv[2]
    rejected = collections.Counter()
    sources = {
        "tang300": tang300(os.path.join(fortunes, "tang300"), rejected),
        "song100": song100(os.path.join(fortunes, "song100"), rejected),
        "chinese": chinese(os.path.join(fortunes, "chinese"), rejected),
    }
    # Compare ideographs only: the same couplet is often punctuated differently in two sources.
    def words(poem):
        return "".join(c for c in "".join(poem.body) if is_ideograph(c))

    candidates = [(name, poem, words(poem)) for name in ("tang300", "song100", "chinese")
                  for poem in sources[name]]
    kept = []
    for index, (name, poem, text) in enumerate(candidates):
        if any(text == other for _, _, other in candidates[:index]):
            rejected[f"{name}: duplicate of an earlier poem"] += 1
        elif any(len(other) > len(text) and text in other for _, _, other in candidates):
            rejected[f"{name}: excerpt of a longer poem that is kept"] += 1
        else:
            kept.append(poem)

    train = [p for p in kept if validation_bucket(split_key(p)) >= 5]
    valid = [p for p in kept if validation_bucket(split_key(p)) < 5]
    write_records(os.path.join(output, "zh.train.txt"), train)
    write_records(os.path.join(output, "zh.valid.txt"), valid)

    report = sys.stderr
    for name, poems in sources.items():
        print(f"zh: {name}: {len(poems)} poems parsed", file=report)
    for reason, count in sorted(rejected.items()):
        print(f"zh: dropped {count}: {reason}", file=report)
    all_text = "".join("".join(p.body) for p in kept)
    ideographs = [c for c in all_text if is_ideograph(c)]
    print(f"zh: kept {len(kept)} poems ({len(train)} train, {len(valid)} valid), "
          f"{len({p.author for p in kept})} authors, {len(ideographs)} ideographs, "
          f"{len(set(ideographs))} distinct, {len(set(all_text))} distinct characters",
          file=report)
    by_source = collections.Counter(p.source for p in kept)
    print("zh: kept by source: " + ", ".join(f"{k} {v}" for k, v in sorted(by_source.items())),
          file=report)
    forms = collections.Counter(form(p) for p in kept)
    print("zh: forms: " + ", ".join(f"{k} {v}" for k, v in sorted(forms.items(), key=str)),
          file=report)
    clause_counts = collections.Counter(len(clauses(p.body)) for p in kept)
    print("zh: clauses per poem: " + ", ".join(f"{k}:{v}" for k, v in sorted(clause_counts.items())),
          file=report)


if __name__ == "__main__":
    main()
