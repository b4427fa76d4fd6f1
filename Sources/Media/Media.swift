/// Media: the world's file formats (PNG, JPEG, WAV, MIDI, ABC) and a small synthesizer. No neural code.
public enum Media {}
