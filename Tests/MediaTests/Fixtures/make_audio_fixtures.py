#!/usr/bin/env python3
"""Makes the WAV and MIDI fixtures with tools other than Belamy. Run by hand, never by CI:

    /tmp/venv/bin/python Tests/MediaTests/Fixtures/make_audio_fixtures.py

wav/  Two short WAV files made by sox (16-bit stereo at 22050 Hz, 32-bit float mono at 48000 Hz),
      each with sox's own decoding of it as text (sox FILE -t dat), which MediaTests compares
      sample by sample with what Belamy reads.
midi/ Two Standard MIDI Files written by mido (format 1 at 96 ticks per quarter, with running
      status, note-on velocity 0 as note-off, a sysex, controllers and pitch bend; and format 0
      with two channels), each with mido's reading of its notes as JSON.
"""
import json
import pathlib
import subprocess

import mido

here = pathlib.Path(__file__).resolve().parent


def make_wav():
    commands = {
        "sox_pcm16_stereo_22050.wav": ["-r", "22050", "-c", "2", "-b", "16", "-e", "signed-integer",
                                       "synth", "0.01", "sine", "440", "sine", "660", "vol", "0.8"],
        "sox_float_mono_48000.wav": ["-r", "48000", "-c", "1", "-b", "32", "-e", "floating-point",
                                     "synth", "0.005", "triangle", "1000", "vol", "0.5"],
    }
    for name, arguments in commands.items():
        path = here / "wav" / name
        subprocess.run(["sox", "-n", *arguments[:8], str(path), *arguments[8:]], check=True)
        dat = subprocess.run(["sox", str(path), "-t", "dat", "-"], check=True, capture_output=True, text=True).stdout
        path.with_suffix(".dat").write_text(dat)
        print(name, path.stat().st_size, "bytes")


def notes_of(path):
    """mido's reading: per track, [channel, pitch, start tick, end tick, velocity] per note."""
    result = []
    for track in mido.MidiFile(path).tracks:
        tick, sounding, notes = 0, {}, []
        for message in track:
            tick += message.time
            if message.type == "note_on" and message.velocity > 0:
                sounding.setdefault((message.channel, message.note), []).append((tick, message.velocity))
            elif message.type in ("note_off", "note_on"):
                start, velocity = sounding[(message.channel, message.note)].pop(0)
                notes.append([message.channel, message.note, start, tick, velocity])
        result.append(sorted(notes, key=lambda n: (n[0], n[2], n[1])))
    return result


def make_midi():
    # Format 1: a conductor track, a melody ending its notes with note-on velocity 0 (so running
    # status carries the note-offs), and a bass with real note-offs, controllers and pitch bend.
    song = mido.MidiFile(type=1, ticks_per_beat=96)
    conductor = mido.MidiTrack([
        mido.MetaMessage("track_name", name="Conductor"),
        mido.MetaMessage("time_signature", numerator=6, denominator=8, clocks_per_click=36),
        mido.MetaMessage("key_signature", key="Bm"),
        mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(100)),
        mido.MetaMessage("end_of_track", time=0),
    ])
    melody = mido.MidiTrack([mido.MetaMessage("track_name", name="Flute"),
                             mido.Message("sysex", data=[0x7E, 0x7F, 0x09, 0x01]),
                             mido.Message("program_change", channel=0, program=73)])
    for index, (pitch, length) in enumerate([(71, 144), (73, 48), (74, 96), (78, 96), (74, 32), (73, 32), (71, 32)]):
        melody.append(mido.Message("note_on", channel=0, note=pitch, velocity=90 - index, time=0))
        melody.append(mido.Message("note_on", channel=0, note=pitch, velocity=0, time=length))
    melody.append(mido.MetaMessage("end_of_track", time=0))
    bass = mido.MidiTrack([mido.MetaMessage("track_name", name="Bass"),
                           mido.Message("program_change", channel=1, program=32),
                           mido.Message("control_change", channel=1, control=7, value=100)])
    for pitch in [47, 42, 47, 54]:
        bass.append(mido.Message("note_on", channel=1, note=pitch, velocity=70, time=0))
        bass.append(mido.Message("pitchwheel", channel=1, pitch=512, time=60))
        bass.append(mido.Message("note_off", channel=1, note=pitch, velocity=40, time=84))
    bass.append(mido.MetaMessage("end_of_track", time=0))
    song.tracks += [conductor, melody, bass]
    song.save(here / "midi" / "mido_format1.mid")

    # Format 0: one track, two channels, overlapping notes and a repeated pitch.
    single = mido.MidiFile(type=0, ticks_per_beat=480)
    track = mido.MidiTrack([mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(90)),
                            mido.MetaMessage("time_signature", numerator=3, denominator=4),
                            mido.Message("program_change", channel=0, program=0),
                            mido.Message("program_change", channel=2, program=24)])
    events = [(0, "note_on", 0, 60), (0, "note_on", 2, 48), (240, "note_off", 0, 60), (0, "note_on", 0, 60),
              (240, "note_on", 0, 64), (0, "note_off", 0, 60), (480, "note_off", 0, 64), (0, "note_off", 2, 48),
              (0, "note_on", 0, 67), (160, "note_off", 0, 67), (0, "note_on", 0, 65), (160, "note_off", 0, 65),
              (0, "note_on", 0, 64), (160, "note_off", 0, 64)]
    for delta, kind, channel, pitch in events:
        track.append(mido.Message(kind, channel=channel, note=pitch, velocity=64 if kind == "note_on" else 0, time=delta))
    track.append(mido.MetaMessage("end_of_track", time=0))
    single.tracks.append(track)
    single.save(here / "midi" / "mido_format0.mid")

    for name in ["mido_format1.mid", "mido_format0.mid"]:
        path = here / "midi" / name
        song = mido.MidiFile(path)
        summary = {"type": song.type, "ticks_per_beat": song.ticks_per_beat, "tracks": notes_of(path)}
        path.with_suffix(".mido.json").write_text(json.dumps(summary) + "\n")
        print(name, path.stat().st_size, "bytes")


if __name__ == "__main__":
    make_wav()
    make_midi()
