#!/usr/bin/env python3
"""Checks `belamy melody` output with outside tools, by hand (not run in CI):

    /tmp/venv/bin/python Tests/MelodyTests/Fixtures/check_melody_files.py Outputs/

For every melody-*.abc / .mid / .wav trio in the folder: music21 must parse the ABC and find the
bar count, every bar full and the last note on the tonic; mido must read the MIDI file and find
the same pitches in the same order; the WAV must be 44.1 kHz 16-bit mono without clipped samples.
"""
import pathlib
import sys
import wave

import mido
from music21 import converter, key as m21key, meter


def check(abc_path: pathlib.Path) -> list[str]:
    problems = []
    try:
        score = converter.parse(str(abc_path), format="abc")
    except Exception as error:  # music21 raises many kinds; any of them means it cannot read the file
        print(f"{abc_path.name}: music21 cannot read it: {type(error).__name__}: {error}")
        return [str(error)]
    part = score.parts[0] if score.parts else score
    measures = list(part.getElementsByClass("Measure"))
    signature = part.recurse().getElementsByClass(meter.TimeSignature).first()
    bar_length = signature.barDuration.quarterLength
    short = [m.number for m in measures if abs(m.duration.quarterLength - bar_length) > 1e-6]
    if short:
        problems.append(f"bars not {bar_length} quarters long: {short}")
    notes = [n for n in part.recurse().notes]
    tonic = part.recurse().getElementsByClass(m21key.KeySignature).first()
    tonic_name = tonic.tonic.name if hasattr(tonic, "tonic") else None
    if tonic_name and notes[-1].pitch.pitchClass != tonic.tonic.pitchClass:
        problems.append(f"ends on {notes[-1].pitch.name}, not the tonic {tonic_name}")
    midi = mido.MidiFile(str(abc_path.with_suffix(".mid")))
    midi_pitches = [m.note for track in midi.tracks for m in track if m.type == "note_on" and m.velocity > 0]
    # A note tied over a bar line is two notes in ABC and one in MIDI.
    abc_pitches = [n.pitch.midi for n in notes if n.tie is None or n.tie.type == "start"]
    if midi_pitches != abc_pitches:
        problems.append(f"MIDI pitches differ from the ABC ({len(midi_pitches)} vs {len(abc_pitches)} notes)")
    with wave.open(str(abc_path.with_suffix(".wav"))) as audio:
        if (audio.getframerate(), audio.getsampwidth(), audio.getnchannels()) != (44100, 2, 1):
            problems.append("WAV is not 44.1 kHz 16-bit mono")
        frames = audio.readframes(audio.getnframes())
        samples = memoryview(frames).cast("h")
        if max(abs(s) for s in samples) >= 32767:
            problems.append("WAV clips")
    print(f"{abc_path.name}: {len(measures)} bars of {signature.ratioString}, {len(notes)} notes, "
          f"ends on {notes[-1].pitch.nameWithOctave} — {'ok' if not problems else '; '.join(problems)}")
    return problems


def main() -> int:
    folder = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "Outputs")
    files = sorted(folder.glob("melody-*.abc"))
    failures = sum(bool(check(path)) for path in files)
    print(f"{len(files) - failures} of {len(files)} melodies pass")
    return 1 if failures or not files else 0


if __name__ == "__main__":
    sys.exit(main())
