#!/usr/bin/env python3
"""Cross-checks Belamy's ABC reader against music21's. Run by hand, never by CI:

    /tmp/venv/bin/python Tests/MediaTests/Fixtures/check_abc_with_music21.py fixtures
        Writes abc/<name>.music21.json beside the real-tune fixtures abc/{essen,oneills,ryans}.abc
        (tunes copied from the music21 corpus): music21's reading of each tune (notes with onset
        and length in quarter notes, repeats played out). MediaTests compares Belamy's reading with
        these files on every test run. (abc/styles.abc is hand-written; its expected notes are
        written out in ABCReaderTests.)

    /tmp/venv/bin/python Tests/MediaTests/Fixtures/check_abc_with_music21.py sample CORPUS N OUT
        Writes music21's reading of N tunes drawn (seed 1) from essenFolksong, oneills1850 and
        ryansMammoth under CORPUS to OUT, both with repeats played out and in written order; then
        BELAMY_ABC_MUSIC21=OUT swift test --filter ABCCorpusTests
        reports how many of them Belamy reads the same way. Written order compares the reading of
        notes; played-out order also compares how repeats are read, where music21 differs on
        purpose (see ABCCorpusTests).

The real-tune fixtures are copied verbatim from the corpus of music21 10.5.1 (pip download
music21==10.5.1): essen.abc from essenFolksong (altdeu10 X:1, han1 X:1, erk10 X:14; distributed
for non-commercial use, see the corpus' license.txt), oneills.abc from oneills1850 and ryans.abc
from ryansMammoth (transcribers credited in their Z: lines).

Reading conventions, as ABC 2.1 has them (music21 needs telling for some):
- accidentals carry to the end of the bar (music21 only does so for ABC >= 2.0, so each tune
  is given a "%abc-2.1" line);
- grace notes are dropped; of a chord only the top note is kept; tied notes of one pitch are
  one note; rests are left out of the comparison (only sounding notes and the total length).
"""
import json
import pathlib
import random
import sys
import warnings
from fractions import Fraction

import music21

here = pathlib.Path(__file__).resolve().parent
REAL_TUNE_FIXTURES = ["essen.abc", "oneills.abc", "ryans.abc"]


def tune_blocks(text):
    """The text of each tune: from an X: line to a blank line (as Belamy splits files)."""
    blocks, current = [], None
    for line in text.split("\n"):
        line = line.rstrip("\r")
        if line.startswith("X:"):
            if current:
                blocks.append(current)
            current = [line]
        elif line.strip() == "":
            if current:
                blocks.append(current)
            current = None
        elif current is not None:
            current.append(line)
    if current:
        blocks.append(current)
    return ["\n".join(b) for b in blocks]


def number_of(block):
    digits = "".join(c for c in block.split("\n")[0][2:].strip() if c.isdigit()) if block else ""
    return int(digits) if digits else None


def fraction_text(value):
    f = Fraction(value).limit_denominator(100000)
    return f"{f.numerator}/{f.denominator}"


def music21_reading(block, expand=True):
    """Sounding notes [midi, onset, length] (quarter notes, as "n/d") and total length, or None;
    with repeats played out, or (expand=False) in written order."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        score = music21.converter.parse("%abc-2.1\n" + block, format="abc")
        if isinstance(score, music21.stream.Opus):
            score = score.scores[0]
        parts = list(score.parts) or [score]
        if len(parts) != 1:
            return None
        part = parts[0]
        if expand:
            try:
                part = part.expandRepeats()
            except music21.repeat.ExpanderException:
                pass
        events = []
        for element in part.flatten().notesAndRests:
            if element.duration.isGrace or element.quarterLength == 0:
                continue
            offset = Fraction(element.offset).limit_denominator(100000)
            length = Fraction(element.quarterLength).limit_denominator(100000)
            if element.isRest:
                events.append([None, offset, length, False])
                continue
            pitch = max(p.midi for p in element.pitches)
            tied = element.tie is not None and element.tie.type in ("start", "continue")
            if events and events[-1][0] == pitch and events[-1][3] and events[-1][1] + events[-1][2] == offset:
                events[-1][2] += length
                events[-1][3] = tied
            else:
                events.append([pitch, offset, length, tied])
        total = max((e[1] + e[2] for e in events), default=Fraction(0))
        notes = [[e[0], fraction_text(e[1]), fraction_text(e[2])] for e in events if e[0] is not None]
        return {"notes": notes, "length": fraction_text(total)}


def write_fixture_readings():
    for name in REAL_TUNE_FIXTURES:
        path = here / "abc" / name
        tunes = []
        for block in tune_blocks(path.read_text(encoding="utf-8")):
            reading = music21_reading(block)
            if reading is not None:
                tunes.append({"number": number_of(block), **reading})
        out = path.with_suffix(".music21.json")
        out.write_text(json.dumps({"file": path.name, "tunes": tunes}, indent=1) + "\n")
        print(f"{out.name}: {len(tunes)} tunes")


def write_sample(corpus, count, out):
    corpus = pathlib.Path(corpus)
    candidates = []
    for collection in ["essenFolksong", "oneills1850", "ryansMammoth"]:
        for path in sorted((corpus / collection).glob("*.abc")):
            for block in tune_blocks(path.read_text(encoding="utf-8")):
                candidates.append((f"{collection}/{path.name}", block))
    random.Random(1).shuffle(candidates)
    entries, failed = [], 0
    for name, block in candidates[:count]:
        try:
            reading = music21_reading(block)
            written = music21_reading(block, expand=False)
        except Exception:  # music21 cannot read some tunes; they are not compared
            failed += 1
            continue
        if reading is not None and written is not None:
            entries.append({"source": name, "number": number_of(block), "text": block, **reading, "written": written})
    pathlib.Path(out).write_text(json.dumps(entries) + "\n")
    print(f"{len(entries)} tunes written to {out}; music21 could not read {failed}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["fixtures"]:
        write_fixture_readings()
    elif sys.argv[1:2] == ["sample"] and len(sys.argv) == 5:
        write_sample(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        sys.exit(__doc__)
