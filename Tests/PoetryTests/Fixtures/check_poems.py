#!/usr/bin/env python3
"""A by-hand outside check of `belamy poem` transcripts, independent of the Swift writer (run from
the repository root; not part of the test suite):

    python3 Tests/PoetryTests/Fixtures/check_poems.py TRANSCRIPT…

A transcript is a `$ belamy poem …` command line followed by what it printed. Checked per poem:
  * the form: line count, characters per line, ，/。 in their places, every character a CJK ideograph;
    Chinese form names (五绝, 五言绝句 …) and the default 七言律诗 for an acrostic of 5–8 characters.
  * the keywords: each present, or with --acrostic each line (of the first len(heads)) begins with
    the next keyword character (English: the keywords' letters).
  * the rhyme: the even lines' last characters share a 中华新韵 group by Corpora/poems/zh-readings.tsv,
    by the customary (first) reading too, no rhyme character repeated.
  * --strict: the 平仄 pattern, against the standard 绝句/律诗 patterns written out below (仄起/平起, first
    line rhyming or not; 律诗 lines 5–8 repeat the non-rhyming quatrain), at the positions 二四六分明 and
    the line end, avoiding 三平尾 and 孤平; an acrostic's own characters keep their tone.
  * options: -q/--quiet/--json, -o, --count K (poems split at blank lines); the language is guessed from
    the keywords when --lang is absent.
"""
import re
import shlex
import sys

FORMS = {"wujue": (4, 5), "qijue": (4, 7), "wulv": (8, 5), "qilv": (8, 7)}
ALIASES = {"五绝": "wujue", "五言绝句": "wujue", "七绝": "qijue", "七言绝句": "qijue",
           "五律": "wulv", "五言律诗": "wulv", "七律": "qilv", "七言律诗": "qilv"}

# Standard quatrain patterns, written out (P = 平, Z = 仄). Keys: (line length, opening, first line rhymes).
QUATRAINS = {
    (5, "仄起", False): ["ZZPPZ", "PPZZP", "PPPZZ", "ZZZPP"],
    (5, "仄起", True):  ["ZZZPP", "PPZZP", "PPPZZ", "ZZZPP"],
    (5, "平起", False): ["PPPZZ", "ZZZPP", "ZZPPZ", "PPZZP"],
    (5, "平起", True):  ["PPZZP", "ZZZPP", "ZZPPZ", "PPZZP"],
    (7, "平起", False): ["PPZZPPZ", "ZZPPZZP", "ZZPPPZZ", "PPZZZPP"],
    (7, "平起", True):  ["PPZZZPP", "ZZPPZZP", "ZZPPPZZ", "PPZZZPP"],
    (7, "仄起", False): ["ZZPPPZZ", "PPZZZPP", "PPZZPPZ", "ZZPPZZP"],
    (7, "仄起", True):  ["ZZPPZZP", "PPZZZPP", "PPZZPPZ", "ZZPPZZP"],
}


def patterns(count, width):
    result = {}
    for (w, opening, rhymes), lines in QUATRAINS.items():
        if w != width:
            continue
        name = f"{opening}{'首句入韵' if rhymes else '首句不入韵'}"
        result[name] = lines if count == 4 else lines + QUATRAINS[(w, opening, False)]
    return result


def readings(path="Corpora/poems/zh-readings.tsv"):
    groups, customary, tones = {}, {}, {}
    for line in open(path, encoding="utf-8"):
        if line.startswith("#"):
            continue
        character, _, rhymes, tone = line.rstrip("\n").split("\t")
        rhymes, tone = rhymes.split(","), tone.split(",")
        groups[character] = set(rhymes)
        tones[character] = {"P" if t == "平" else "Z" for t in tone if t in ("平", "仄")}
        for r, t in zip(rhymes, tone):
            if t in ("平", "仄"):
                customary[character] = (r, "P" if t == "平" else "Z")
                break
    return groups, customary, tones


def is_ideograph(c):
    v = ord(c)
    return (0x4E00 <= v <= 0x9FFF or 0x3400 <= v <= 0x4DBF or 0x20000 <= v <= 0x323AF
            or 0xF900 <= v <= 0xFAFF or 0x2F800 <= v <= 0x2FA1F)


def tone_faults(verses, width, count, tone_of):
    """Faults of the best-matching standard pattern; tone_of(c) gives a set of possible tones."""
    key = [1, 3] if width == 5 else [1, 3, 5]          # 0-based: 二四(六)分明
    best = None
    for name, pattern in patterns(count, width).items():
        faults = []
        for i, (verse, want) in enumerate(zip(verses, pattern)):
            text = verse[:-1]
            for p in key + [width - 1]:
                if want[p] not in tone_of(text[p]):
                    faults.append(f"l{i + 1}c{p + 1} {text[p]}≠{'平' if want[p] == 'P' else '仄'}")
            core, wcore = text[-5:], want[-5:]
            if all(tone_of(c) == {"P"} for c in core[-3:]):
                faults.append(f"l{i + 1} 三平尾")
            if wcore.endswith("ZP") and sum("P" in tone_of(c) for c in core[:4]) < 2:
                faults.append(f"l{i + 1} 孤平")
        if best is None or len(faults) < len(best[1]):
            best = (name, faults)
    return best


def check_chinese(arguments, lines, tables):
    groups, customary, tones = tables
    problems, notes = [], []
    form = ALIASES.get(arguments.get("form"), arguments.get("form"))
    keywords = [w for k in arguments["keywords"] for w in k.split()]
    heads = "".join(keywords)
    if form is None:
        form = "qilv" if arguments.get("acrostic") and len(heads) > 4 else "qijue"
    if form not in FORMS:
        return [f"unknown form {form}"], "?"
    count, width = FORMS[form]
    verses = [v for line in lines for v in re.findall(r"[^，。]+[，。]", line)]
    leftover = "".join(re.sub(r"[^，。]+[，。]", "", line) for line in lines)
    if leftover.strip():
        problems.append(f"text outside verses: {leftover!r}")
    if len(verses) != count:
        problems.append(f"{len(verses)} lines, not {count}")
    for index, verse in enumerate(verses):
        if len(verse) - 1 != width:
            problems.append(f"line {index + 1} has {len(verse) - 1} characters")
        if verse[-1] != ("，" if index % 2 == 0 else "。"):
            problems.append(f"line {index + 1} ends with {verse[-1]}")
        bad = [c for c in verse[:-1] if not is_ideograph(c)]
        if bad:
            problems.append(f"line {index + 1} has non-ideographs {''.join(bad)!r}")
    if arguments.get("acrostic"):
        if len(heads) > count:
            problems.append(f"acrostic of {len(heads)} > {count} lines")
        if [v[0] for v in verses[: len(heads)]] != list(heads[: len(verses)]):
            problems.append("acrostic heads differ")
    else:
        text = "".join(verses)
        problems += [f"keyword {k} missing" for k in keywords if k not in text]
    endings = [v[-2] for v in verses[1::2]]
    shared = set.intersection(*(groups.get(c, set()) for c in endings)) if endings else set()
    if not shared:
        problems.append(f"even lines end {''.join(endings)}: no common rhyme group (any reading)")
    cust = {customary.get(c, ("?", "?"))[0] for c in endings}
    if len(cust) != 1 or "?" in cust:
        problems.append(f"even lines end {''.join(endings)}: customary readings in groups {'/'.join(sorted(cust))}")
    if len(set(endings)) != len(endings):
        notes.append(f"rhyme character repeated ({''.join(endings)})")
    if verses and cust and len(cust) == 1:
        first = customary.get(verses[0][-2], ("?",))[0]
        notes.append(f"line 1 {'rhymes' if first in cust else 'does not rhyme'}")
    summary = f"{len(verses)}×{width}, rhyme {'/'.join(sorted(cust))}"
    if arguments.get("strict") and len(verses) == count and all(len(v) - 1 == width for v in verses):
        name, faults = tone_faults(verses, width, count, lambda c: {customary[c][1]} if c in customary else set())
        _, lenient = tone_faults(verses, width, count, lambda c: tones.get(c, set()))
        summary += f", 平仄 {name}"
        if arguments.get("acrostic"):
            # The writer lets an acrostic head stand whatever its tone; say so when that is the cause.
            caused = [f for f in faults if f.endswith("孤平") and int(re.match(r"l(\d+)", f).group(1)) <= len(heads)
                      and width == 5 and customary.get(verses[int(re.match(r"l(\d+)", f).group(1)) - 1][0], ("", ""))[1] == "Z"]
            if caused:
                notes.append("孤平 from an acrostic head: " + ", ".join(caused))
        if faults:
            problems.append("tones: " + "; ".join(faults) + (" (passes if any reading counts)" if not lenient else ""))
    if notes:
        summary += " [" + "; ".join(notes) + "]"
    return problems, summary


def check_english(arguments, lines):
    problems = []
    words = [w for k in arguments["keywords"] for w in k.split()]
    letters = "".join(c for w in words for c in w if c.isalpha()).lower()
    expected = int(arguments["form"]) if "form" in arguments else (len(letters) if arguments.get("acrostic") else 4)
    if len(lines) != expected:
        problems.append(f"{len(lines)} lines, not {expected}")
    if arguments.get("acrostic"):
        if "".join(line[0].lower() for line in lines[: len(letters)]) != letters:
            problems.append("acrostic letters differ")
    else:
        text = [w.lower() for w in re.findall(r"[A-Za-z']+", " ".join(lines))]
        problems += [f"keyword {k} missing" for k in words if k.lower() not in text]
    return problems, f"{len(lines)} lines"


FLAGS = ("--acrostic", "--strict", "--json", "--quiet", "-q")
SHORT = {"-o": "output"}


def parse(command):
    arguments, keywords, tokens = {}, [], shlex.split(command)[2:]
    while tokens:
        token = tokens.pop(0)
        if token in FLAGS:
            arguments[token.lstrip("-")] = True
        elif token in SHORT:
            arguments[SHORT[token]] = tokens.pop(0)
        elif token.startswith("--"):
            arguments[token[2:]] = tokens.pop(0)
        else:
            keywords.append(token)
    arguments["keywords"] = keywords
    return arguments


def main():
    tables = readings()
    failures = total = 0
    for path in sys.argv[1:]:
        text = open(path, encoding="utf-8").read()
        for block in re.split(r"^(?=\$ belamy poem )", text, flags=re.M):
            if not block.startswith("$"):
                continue
            command, _, body = block.partition("\n")
            arguments = parse(command[2:])
            language = arguments.get("lang") or ("zh" if any(is_ideograph(c) for k in arguments["keywords"] for c in k) else "en")
            poems = [[l for l in chunk.splitlines() if l.strip()] for chunk in re.split(r"\n\s*\n", body) if chunk.strip()]
            expected = int(arguments.get("count", 1))
            for number, lines in enumerate(poems or [[]]):
                problems, summary = check_chinese(arguments, lines, tables) if language == "zh" else check_english(arguments, lines)
                if len(poems) != expected:
                    problems.append(f"{len(poems)} poems, not {expected}")
                total += 1
                failures += bool(problems)
                label = command + (f" [poem {number + 1}]" if expected > 1 else "")
                print(f"{label}: {summary} — {'ok' if not problems else '; '.join(problems)}")
    print(f"{total - failures} of {total} poems pass")
    return 1 if failures or not total else 0


if __name__ == "__main__":
    sys.exit(main())
