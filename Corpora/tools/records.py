"""The poem record format shared by the poem corpora (see Corpora/SOURCES.md).

A record is a metadata line `#<TAB>title<TAB>author<TAB>source`, then the poem's lines, then a
line holding only `%`. The trainer skips `#` lines and turns `%` into its end-of-poem token.
"""
import collections
import hashlib

Poem = collections.namedtuple("Poem", "title author source body")

VALIDATION_SEED = "belamy-poems-validation-1"


def validation_bucket(key):
    """A stable bucket in 0..<100 for a split key; buckets 0..<5 form the validation split."""
    digest = hashlib.sha256(f"{VALIDATION_SEED}\t{key}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % 100


def write_records(path, poems):
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for poem in poems:
            fields = (poem.title, poem.author, poem.source)
            if any(c in field for field in fields for c in "\t\n"):
                raise ValueError(f"metadata with a tab or newline: {fields!r}")
            out.write("#\t" + "\t".join(fields) + "\n")
            for line in poem.body:
                if not line or line == "%" or line.startswith("#") or "\n" in line:
                    raise ValueError(f"body line clashes with the record format: {line!r}")
                out.write(line + "\n")
            out.write("%\n")
