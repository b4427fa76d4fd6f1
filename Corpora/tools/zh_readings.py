#!/usr/bin/env python3
"""Build the character → reading → 中华新韵 rhyme group → 平/仄 table for the poem craft.

Usage: zh_readings.py Unihan_Readings.txt.bz2 OUTPUT.tsv CORPUS.txt...

Covers every ideograph in the given corpus files plus the ~3,800 common characters that Unihan
gives a kHanyuPinlu frequency for. Readings come from Unihan: kMandarin first (the customary
mainland reading), then the other readings that kHanyuPinlu, kTGHZ2013 (通用规范汉字表) and
kXHC1983 (现代汉语词典) list, in that order. Neutral-tone readings are dropped where the character
has a toned one. Standard library only.
"""
import bz2
import re
import sys
import unicodedata

TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h",
            "j", "q", "x", "r", "z", "c", "s")
# Spellings the pinyin orthography uses at the start of a syllable, back to their finals.
ZERO_INITIAL = {"yi": "i", "ya": "ia", "yo": "io", "ye": "ie", "yai": "iai", "yao": "iao",
                "you": "iou", "yan": "ian", "yin": "in", "yang": "iang", "ying": "ing",
                "yong": "iong", "yu": "ü", "yue": "üe", "yuan": "üan", "yun": "ün",
                "wu": "u", "wa": "ua", "wo": "uo", "wai": "uai", "wei": "uei", "wan": "uan",
                "wen": "uen", "wang": "uang", "weng": "ueng"}
# 中华新韵 (中华诗词学会, 2005): fourteen groups by the final's rhyme body (韵腹+韵尾).
RHYME_GROUPS = {
    "一麻": ("a", "ia", "ua"),
    "二波": ("o", "e", "uo", "io"),
    "三皆": ("ie", "üe", "ê"),
    "四开": ("ai", "uai", "iai"),
    "五微": ("ei", "uei"),
    "六豪": ("ao", "iao"),
    "七尤": ("ou", "iou"),
    "八寒": ("an", "ian", "uan", "üan"),
    "九文": ("en", "in", "uen", "ün"),
    "十唐": ("ang", "iang", "uang"),
    "十一庚": ("eng", "ing", "ong", "iong", "ueng"),
    "十二齐": ("i", "er", "ü"),
    "十三支": ("-i",),
    "十四姑": ("u",),
}
GROUP_OF_FINAL = {final: group for group, finals in RHYME_GROUPS.items() for final in finals}


def toneless(reading):
    """Splits a tone-marked syllable (`lǘ`) into its letters (`lü`) and tone (2; 5 = neutral)."""
    decomposed = unicodedata.normalize("NFD", reading)
    tones = [TONE_MARKS[c] for c in decomposed if c in TONE_MARKS]
    letters = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
    return letters, (tones[0] if tones else 5)


def final_of(syllable):
    """The final of a toneless syllable in its full form (`gui` → `uei`, `ju` → `ü`)."""
    if syllable in ("zhi", "chi", "shi", "ri", "zi", "ci", "si"):
        return "-i"
    if syllable in ZERO_INITIAL:
        return ZERO_INITIAL[syllable]
    if syllable in ("m", "n", "ng", "hm", "hng"):
        return syllable
    initial = next((i for i in INITIALS if syllable.startswith(i) and len(syllable) > len(i)), "")
    final = syllable[len(initial):]
    if initial in ("j", "q", "x") and final.startswith("u"):
        final = "ü" + final[1:]
    return {"ui": "uei", "iu": "iou", "un": "uen"}.get(final, final)


def describe(reading):
    """(numbered pinyin, rhyme group, 平/仄) for one reading; group `-` for m/n/ng interjections."""
    letters, tone = toneless(reading)
    group = GROUP_OF_FINAL.get(final_of(letters), "-")
    tone_class = "平" if tone in (1, 2) else "仄" if tone in (3, 4) else "轻"
    return f"{letters}{tone}", group, tone_class


def readings_by_character(path):
    fields = {}
    with bz2.open(path, "rt", encoding="utf-8") as stream:
        for line in stream:
            if line.startswith("#") or not line.strip():
                continue
            code, field, value = line.rstrip("\n").split("\t")
            if field in ("kMandarin", "kHanyuPinlu", "kTGHZ2013", "kXHC1983"):
                fields.setdefault(chr(int(code[2:], 16)), {})[field] = value
    table = {}
    for character, found in fields.items():
        if "kMandarin" not in found:
            continue
        ordered = [found["kMandarin"].split()[0]]
        ordered += re.findall(r"([^\s(]+)\(\d+\)", found.get("kHanyuPinlu", ""))
        for field in ("kTGHZ2013", "kXHC1983"):
            ordered += [entry.split(":")[1] for entry in found.get(field, "").split()]
        readings = list(dict.fromkeys(ordered))
        toned = [r for r in readings if toneless(r)[1] != 5]
        table[character] = (toned or readings, "kHanyuPinlu" in found)
    return table


def main():
    unihan, output, corpora = sys.argv[1], sys.argv[2], sys.argv[3:]
    table = readings_by_character(unihan)
    in_corpus = set()
    for path in corpora:
        for line in open(path, encoding="utf-8"):
            if not line.startswith("#"):
                in_corpus.update(c for c in line if c in table)
    common = {c for c, (_, frequent) in table.items() if frequent}
    characters = sorted(in_corpus | common)
    missing = {c for path in corpora for line in open(path, encoding="utf-8")
               if not line.startswith("#") for c in line
               if unicodedata.name(c, "").startswith("CJK") and c not in table}
    with open(output, "w", encoding="utf-8", newline="\n") as out:
        out.write("# character\tpinyin\trhyme\ttone — Unihan 15.0 readings (unicode-data), "
                  "built by Corpora/build.sh; readings comma-separated, customary first; "
                  "rhyme = 中华新韵 group and tone = 平/仄 of each reading, in the same order\n")
        for character in characters:
            described = [describe(r) for r in table[character][0]]
            columns = [",".join(part) for part in zip(*described)]
            out.write(character + "\t" + "\t".join(columns) + "\n")
    unmapped = sorted({r for c in characters for r in table[c][0] if describe(r)[1] == "-"})
    print(f"readings: {len(characters)} characters ({len(in_corpus)} in the corpus, "
          f"{len(common)} common, {len(missing)} corpus ideographs without a reading), "
          f"{sum(len(table[c][0]) > 1 for c in characters)} with several readings; "
          f"readings with no rhyme group: {' '.join(unmapped) or 'none'}", file=sys.stderr)


if __name__ == "__main__":
    main()
