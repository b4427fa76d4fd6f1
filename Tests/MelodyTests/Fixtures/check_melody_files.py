#!/usr/bin/env python3
"""Checks `belamy melody` output with outside tools, by hand (not run in CI):

    /tmp/venv/bin/python Tests/MelodyTests/Fixtures/check_melody_files.py Outputs/ [--bars 16]

For every melody-*.abc / .mid / .wav trio in the folder: music21 must parse the ABC and find
every bar full (and, with --bars, exactly that many), the tune ending on a note (not a rest) on the
tonic; mido must read the MIDI file and find the same notes at the same times for the same lengths;
the WAV must be 44.1 kHz 16-bit mono without clipped samples.

music21 misreads some modes (K:Bloc is taken for B major, with five sharps), so a modal K: field is
given to it as the major key with the same signature, and the tonic check reads the K: field itself.
"""
import argparse
import pathlib
import re
import wave

import mido
from music21 import converter, meter, pitch as m21pitch

# From a mode's tonic up to the tonic of the major key with the same signature (D dorian → C major).
MODE_TO_MAJOR = {"dor": "m7", "phr": "m6", "lyd": "P5", "mix": "P4", "loc": "m2"}


def abc_notes(part):
    """(onset, length, MIDI pitch) in quarters of every note, a tie's notes joined into one."""
    notes = []
    for n in part.flatten().notes:
        if n.tie is not None and n.tie.type in ("continue", "stop") and notes:
            onset, length, midi = notes[-1]
            notes[-1] = (onset, length + float(n.quarterLength), midi)
        else:
            notes.append((float(n.offset), float(n.quarterLength), n.pitch.midi))
    return notes


def midi_notes(path):
    """(onset, length, pitch) in quarters of every note of a Standard MIDI File."""
    midi = mido.MidiFile(str(path))
    notes, sounding = [], {}
    for track in midi.tracks:
        time = 0
        for message in track:
            time += message.time
            if message.type == "note_on" and message.velocity > 0:
                sounding[message.note] = time
            elif message.type in ("note_off", "note_on") and message.note in sounding:
                start = sounding.pop(message.note)
                notes.append((start / midi.ticks_per_beat, (time - start) / midi.ticks_per_beat, message.note))
    return sorted(notes)


def for_music21(text):
    """The ABC with a modal K: field replaced by the major key of the same signature."""
    def major(match):
        letter, accidental, mode = match.group(1), match.group(2), match.group(3).lower()[:3]
        if mode not in MODE_TO_MAJOR:
            return match.group(0)
        tonic = m21pitch.Pitch(letter + accidental.replace("b", "-")).transpose(MODE_TO_MAJOR[mode])
        return "K:" + tonic.name.replace("-", "b")
    return re.sub(r"^K:\s*([A-G])([#b]?)\s*([A-Za-z]*)", major, text, flags=re.M)


def check(abc_path: pathlib.Path, bars: int | None) -> list[str]:
    problems = []
    try:
        score = converter.parse(for_music21(abc_path.read_text()), format="abc")
    except Exception as error:  # music21 raises many kinds; any of them means it cannot read the file
        print(f"{abc_path.name}: music21 cannot read it: {type(error).__name__}: {error}")
        return [str(error)]
    part = score.parts[0] if score.parts else score
    measures = list(part.getElementsByClass("Measure"))
    signature = part.recurse().getElementsByClass(meter.TimeSignature).first()
    bar_length = signature.barDuration.quarterLength
    if measures:
        short = [m.number for m in measures if abs(m.duration.quarterLength - bar_length) > 1e-6]
        if short:
            problems.append(f"bars not {bar_length} quarters long: {short}")
        count = len(measures)
    else:  # music21 makes no measures of a tune with fewer than three bar lines: count by length
        count = part.duration.quarterLength / bar_length
        if count != int(count):
            problems.append(f"length {part.duration.quarterLength} is not a whole number of bars")
    if bars is not None and count != bars:
        problems.append(f"{count} bars, not {bars}")
    notes = list(part.recurse().notes)
    last = list(part.recurse().notesAndRests)[-1]
    if last.isRest:
        problems.append("ends on a rest")
    tonic_letter = re.search(r"^K:\s*([A-G][#b]?)", abc_path.read_text(), re.M).group(1).replace("b", "-")
    if notes[-1].pitch.pitchClass != m21pitch.Pitch(tonic_letter).pitchClass:
        problems.append(f"ends on {notes[-1].pitch.name}, not the tonic {tonic_letter}")
    expected, found = abc_notes(part), midi_notes(abc_path.with_suffix(".mid"))
    if len(expected) != len(found) or any(
            a[2] != b[2] or abs(a[0] - b[0]) > 1e-3 or abs(a[1] - b[1]) > 1e-3 for a, b in zip(expected, found)):
        problems.append(f"MIDI notes differ from the ABC ({len(found)} vs {len(expected)} notes)")
    with wave.open(str(abc_path.with_suffix(".wav"))) as audio:
        if (audio.getframerate(), audio.getsampwidth(), audio.getnchannels()) != (44100, 2, 1):
            problems.append("WAV is not 44.1 kHz 16-bit mono")
        samples = memoryview(audio.readframes(audio.getnframes())).cast("h")
        if max(abs(s) for s in samples) >= 32767:
            problems.append("WAV clips")
    print(f"{abc_path.name}: {count:g} bars of {signature.ratioString}, {len(notes)} notes, "
          f"ends on {notes[-1].pitch.nameWithOctave} — {'ok' if not problems else '; '.join(problems)}")
    return problems


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("folder", nargs="?", default="Outputs")
    arguments.add_argument("--bars", type=int, help="the number of bars every tune must have")
    options = arguments.parse_args()
    files = sorted(pathlib.Path(options.folder).glob("melody-*.abc"))
    failures = sum(bool(check(path, options.bars)) for path in files)
    print(f"{len(files) - failures} of {len(files)} melodies pass")
    return 1 if failures or not files else 0


if __name__ == "__main__":
    raise SystemExit(main())
